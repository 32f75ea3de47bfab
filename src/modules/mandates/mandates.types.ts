import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';

const itemCode = z.string().min(1).max(36);

/** What a mandate covers and for how long; the period may start later but lasts at most a year. */
const scopeFields = {
  /** Every item; otherwise only `itemCodes`. */
  allItems: z.boolean().default(false),
  itemCodes: z.array(itemCode).max(50).default([]),
  /** Default: today. */
  validFrom: isoDate.optional(),
  validUntil: isoDate,
};

const scopeGiven = (b: { allItems: boolean; itemCodes: string[] }) => b.allItems !== b.itemCodes.length > 0;
const scopeMessage = { message: 'either all items or a list of items', path: ['itemCodes'] };

export const grantBody = z
  .object({
    /** The agent, by the username it signs in with. */
    agentUsername: z.string().min(1).max(64),
    ...scopeFields,
  })
  .refine(scopeGiven, scopeMessage);
export type GrantInput = z.infer<typeof grantBody>;

export const recordBody = z
  .object({
    /** The principal, as on the ID card or business licence the clerk checked: the account with this number. */
    principalIdNumber: z.string().min(15).max(18),
    principalName: z.string().min(1).max(200),
    agentUsername: z.string().min(1).max(64),
    ...scopeFields,
    /** The scanned, signed 委托书 uploaded first (POST /api/mandates/documents). */
    documentDigest: z.string().regex(/^[0-9a-f]{64}$/),
    /** The region of the window recording it: the clerk's own (or within it). */
    regionCode: z.string().regex(/^\d{6}$/),
  })
  .refine(scopeGiven, scopeMessage);
export type RecordInput = z.infer<typeof recordBody>;

export const revokeBody = z.object({ version: z.number().int() });

export const MANDATE_STATUSES = ['active', 'revoked', 'expired'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

const partySchema = z.object({
  userId: z.number(),
  username: z.string(),
  name: z.string(),
  kind: z.enum(['person', 'organisation', 'agent']),
  /** Masked: 110101********8515. */
  idNumberMasked: z.string().nullable(),
});

export const mandateView = z
  .object({
    id: z.number(),
    principal: partySchema,
    agent: partySchema,
    allItems: z.boolean(),
    itemCodes: z.array(z.string()),
    validFrom: z.string(),
    validUntil: z.string(),
    /** active (also when it starts later: see validFrom), revoked, or expired (validUntil passed). */
    status: z.enum(MANDATE_STATUSES),
    origin: z.enum(['online', 'recorded']),
    regionCode: z.string().nullable(),
    documentDigest: z.string().nullable(),
    revokedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'Mandate' });
export type MandateView = z.infer<typeof mandateView>;
