import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appUser } from '../accounts/accounts.schema.ts';
import { region } from '../regions/regions.schema.ts';

/**
 * 授权委托: a principal (an applicant account) lets an agent apply in its name, for a list of items or all of them,
 * for a period of at most a year, until revoked. Granted online by the principal, or recorded by a window clerk from
 * a signed 委托书 after checking identity. Expiry is not stored: it is read from `validUntil`.
 */
export const mandate = pgTable(
  'mandate',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    principalUserId: bigint('principal_user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id),
    agentUserId: bigint('agent_user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id),
    allItems: boolean('all_items').notNull().default(false),
    itemCodes: text('item_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('active'),
    origin: text('origin').notNull(),
    regionCode: text('region_code').references(() => region.code),
    documentDigest: text('document_digest'),
    recordedByUserId: bigint('recorded_by_user_id', { mode: 'number' }).references(() => appUser.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    revokedByUserId: bigint('revoked_by_user_id', { mode: 'number' }).references(() => appUser.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('mandate_agent_idx').on(t.agentUserId, t.principalUserId),
    index('mandate_principal_idx').on(t.principalUserId, t.id),
    check('mandate_not_self', sql`${t.principalUserId} <> ${t.agentUserId}`),
    check('mandate_period', sql`${t.validUntil} >= ${t.validFrom} AND ${t.validUntil} - ${t.validFrom} <= 365`),
    check('mandate_scope', sql`${t.allItems} OR cardinality(${t.itemCodes}) > 0`),
    check('mandate_status', sql`${t.status} IN ('active', 'revoked')`),
    check(
      'mandate_origin',
      sql`${t.origin} = 'online' OR (${t.origin} = 'recorded' AND ${t.documentDigest} IS NOT NULL AND ${t.recordedByUserId} IS NOT NULL)`,
    ),
  ],
);
