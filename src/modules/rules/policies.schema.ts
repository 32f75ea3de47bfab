import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';

/**
 * 惠企政策 and 免申即享 (issue 22, ADR 0038, migration 0044). A policy of the library: who issued it, its benefit and
 * amount, automatic (免申即享) or by application, and its eligibility as fine-grained conditions in the rules' format
 * (inputs, conditions citing articles, golden cases), decided by the rules core. Draft → published (frozen, hashed)
 * → retired, each change checked against the row version.
 */
export const policy = pgTable(
  'policy',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    documentNumber: text('document_number').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    target: text('target').notNull(),
    automatic: boolean('automatic').notNull().default(false),
    confirmBy: text('confirm_by').notNull().default('department'),
    benefitZh: text('benefit_zh').notNull(),
    amountYuan: numeric('amount_yuan', { precision: 14, scale: 2 }),
    amountRuleZh: text('amount_rule_zh').notNull().default(''),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    content: jsonb('content').notNull(),
    hash: text('hash'),
    createdBy: text('created_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    publishedBy: text('published_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_code_idx').on(t.code),
    index('policy_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('policy_target', sql`${t.target} IN ('organisation', 'person')`),
    check('policy_confirm_by', sql`${t.confirmBy} IN ('department', 'rules')`),
    check('policy_status', sql`${t.status} IN ('draft', 'published', 'retired')`),
    check('policy_period', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    check('policy_published', sql`${t.status} = 'draft' OR (${t.hash} IS NOT NULL AND ${t.publishedAt} IS NOT NULL)`),
  ],
);

/**
 * A profile: an organisation's or a person's facts as the platform holds them (assembled through the other modules'
 * doors: licences, cases, the ID number or USCC), which facts are unknown, and the tags officers set.
 * `subject` is `organisation:<USCC>` or `person:<ID number>`.
 */
export const policyProfile = pgTable(
  'policy_profile',
  {
    subject: text('subject').primaryKey(),
    kind: text('kind').notNull(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    userId: bigint('user_id', { mode: 'number' }),
    regionCode: text('region_code'),
    facts: jsonb('facts')
      .notNull()
      .default(sql`'{}'::jsonb`),
    unknown: jsonb('unknown')
      .notNull()
      .default(sql`'[]'::jsonb`),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    assembledAt: timestamp('assembled_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('policy_profile_user_idx').on(t.userId), check('policy_profile_kind', sql`${t.kind} IN ('organisation', 'person')`)],
);

/**
 * A benefit: 免申即享 (automatic: matched → notified → confirmed by the department or by the rules → paid | rejected)
 * or a 快申快享 offer where a condition is unknown (quick: offered → applied by the beneficiary → confirmed → paid |
 * rejected). One per policy and subject; the values the match read are kept with it (the trace follows from them).
 */
export const policyBenefit = pgTable(
  'policy_benefit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    policyId: bigint('policy_id', { mode: 'number' })
      .notNull()
      .references(() => policy.id),
    subject: text('subject')
      .notNull()
      .references(() => policyProfile.subject),
    userId: bigint('user_id', { mode: 'number' }),
    beneficiaryName: text('beneficiary_name').notNull(),
    regionCode: text('region_code').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    amountYuan: numeric('amount_yuan', { precision: 14, scale: 2 }),
    /** The values the match read, by input key: with the published policy (frozen, hashed) they give its trace again. */
    facts: jsonb('facts').notNull(),
    policyHash: text('policy_hash').notNull(),
    confirmedBy: text('confirmed_by'),
    confirmedByUser: text('confirmed_by_user'),
    rejectedReason: text('rejected_reason'),
    matchedAt: timestamp('matched_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    notifiedAt: timestamp('notified_at', { withTimezone: true, mode: 'string' }),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'string' }),
    settledAt: timestamp('settled_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('policy_benefit_match_idx').on(t.policyId, t.subject),
    index('policy_benefit_subject_idx').on(t.subject),
    index('policy_benefit_scope_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId, t.status),
    check('policy_benefit_kind', sql`${t.kind} IN ('automatic', 'quick')`),
    check('policy_benefit_status', sql`${t.status} IN ('matched', 'notified', 'offered', 'applied', 'confirmed', 'paid', 'rejected')`),
    check('policy_benefit_confirmed_by', sql`${t.confirmedBy} IS NULL OR ${t.confirmedBy} IN ('department', 'rules')`),
  ],
);

/** The payout ledger: one entry per confirmed benefit with an amount, pending until the department marks it paid. */
export const policyPayout = pgTable(
  'policy_payout',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    benefitId: bigint('benefit_id', { mode: 'number' })
      .notNull()
      .references(() => policyBenefit.id),
    amountYuan: numeric('amount_yuan', { precision: 14, scale: 2 }).notNull(),
    status: text('status').notNull().default('pending'),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'string' }),
    paidBy: text('paid_by'),
  },
  (t) => [uniqueIndex('policy_payout_benefit_idx').on(t.benefitId), check('policy_payout_status', sql`${t.status} IN ('pending', 'paid', 'cancelled')`)],
);
