import { z } from 'zod';
import { ROLES } from '../../platform/permissions.ts';

export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/)
    .nullable()
    .optional(),
  departmentId: z.number().int().positive().nullable().optional(),
});

export const userSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    phoneMasked: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    roles: z.array(z.object({ role: z.enum(ROLES), regionCode: z.string().nullable(), departmentId: z.number().nullable() })),
    version: z.number(),
  })
  .meta({ id: 'User' });

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const createUserBody = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  phone: z.string().max(20).nullable().optional(),
  idNumber: z.string().max(18).nullable().optional(),
  roles: z.array(roleGrantSchema).max(20),
});

export const updateUserBody = z.object({
  displayName: z.string().min(1).max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  phone: z.string().max(20).nullable().optional(),
  roles: z.array(roleGrantSchema).max(20).optional(),
  version: z.number().int(),
});

const smsCode = z.string().regex(/^\d{6}$/, 'six digits');
const mobile = z.string().min(11).max(11);

export const smsCodeBody = z.object({ purpose: z.enum(['register', 'reset']), phone: mobile, username: z.string().min(1).max(64).optional() });

export const registerBody = z.object({
  kind: z.enum(['person', 'organisation']),
  username: z.string().min(1).max(64),
  displayName: z.string().trim().min(1).max(64),
  idNumber: z.string().min(18).max(18),
  phone: mobile,
  code: smsCode,
  password: z.string().min(1).max(256),
});

export const passwordResetBody = z.object({ username: z.string().min(1).max(64), phone: mobile, code: smsCode, newPassword: z.string().min(1).max(256) });
