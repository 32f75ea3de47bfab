import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';

export const appUser = pgTable(
  'app_user',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    status: text('status').notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('app_user_username_idx').on(t.username),
    // The ID number binds an account to its cases and licences: one account per person or organisation.
    uniqueIndex('app_user_id_number_idx')
      .on(t.idNumber)
      .where(sql`id_number IS NOT NULL`),
  ],
);

/** A role held by a user, scoped by region and department (null = not restricted on that axis). */
export const userRole = pgTable(
  'user_role',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    regionCode: text('region_code').references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' }).references(() => department.id),
  },
  (t) => [index('user_role_user_idx').on(t.userId)],
);

/** Browser sessions and machine API tokens; only the SM3 digest of the secret is stored. */
export const authToken = pgTable(
  'auth_token',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name'),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('auth_token_hash_idx').on(t.tokenHash), index('auth_token_user_idx').on(t.userId)],
);

/** SMS verification codes for self-registration and password reset (ADR 0027): only the SM3 digest is stored. */
export const smsCode = pgTable(
  'sms_code',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phone: text('phone').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('sms_code_phone_idx').on(t.phone, t.purpose, t.createdAt), index('sms_code_ip_idx').on(t.ip, t.createdAt)],
);
