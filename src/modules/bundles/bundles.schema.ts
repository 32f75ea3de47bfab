import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';

/**
 * 一件事: the identity of a bundle (code, region, lead department, status) and pointers to its published and latest
 * versions. Its definition lives in bundle_version.content, one JSON value per version (as for implementations,
 * ADR 0006 and ADR 0031).
 */
export const bundle = pgTable(
  'bundle',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    status: text('status').notNull().default('draft'),
    name: text('name').notNull(),
    publishedVersionId: bigint('published_version_id', { mode: 'number' }),
    latestVersionId: bigint('latest_version_id', { mode: 'number' }),
    // ADR 0045: the bundle of a region above whose definition this one adopted (harmonisation, 二次统筹).
    templateBundleId: bigint('template_bundle_id', { mode: 'number' }),
    // For an adoption: the number of the template's version it follows (migration 0054; pushed down on taking changes).
    templateVersionNumber: integer('template_version_number'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bundle_code_idx').on(t.code),
    index('bundle_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status),
    index('bundle_template_idx').on(t.templateBundleId),
    check('bundle_status', sql`${t.status} IN ('draft', 'published', 'suspended', 'abolished')`),
  ],
);

/**
 * Versions of a bundle. A published version never changes (a trigger refuses it): its content, the member
 * implementation versions it was published with (`members`) and the reductions computed from them are frozen, so a
 * bundle case keeps the version it was filed under.
 */
export const bundleVersion = pgTable(
  'bundle_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bundleId: bigint('bundle_id', { mode: 'number' })
      .notNull()
      .references(() => bundle.id),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    content: jsonb('content').notNull(),
    members: jsonb('members'),
    reductions: jsonb('reductions'),
    createdBy: text('created_by').notNull(),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bundle_version_number_idx').on(t.bundleId, t.number),
    check('bundle_version_status', sql`${t.status} IN ('draft', 'in_review', 'published', 'suspended', 'abolished', 'superseded')`),
    check('bundle_version_frozen', sql`${t.publishedAt} IS NULL OR (${t.members} IS NOT NULL AND ${t.reductions} IS NOT NULL)`),
  ],
);

/**
 * 一件事一次办: one application for a published bundle version (ADR 0036). The member cases are the cases module's
 * service_case rows, which carry this row's id; `members` records which members the conditions included and the
 * number of each member case.
 */
export const bundleCase = pgTable(
  'bundle_case',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull(),
    bundleId: bigint('bundle_id', { mode: 'number' })
      .notNull()
      .references(() => bundle.id),
    bundleVersionId: bigint('bundle_version_id', { mode: 'number' })
      .notNull()
      .references(() => bundleVersion.id),
    regionCode: text('region_code').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('draft'),
    channel: text('channel').notNull(),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    agentUserId: bigint('agent_user_id', { mode: 'number' }),
    enteredByUserId: bigint('entered_by_user_id', { mode: 'number' }),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    answers: jsonb('answers')
      .notNull()
      .default(sql`'{}'::jsonb`),
    members: jsonb('members')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    withdrawnReason: text('withdrawn_reason'),
    // ADR 0037: what the window did once for every member (acceptance, refusal, one correction notice), the partial
    // outcomes the bundle's policy applied, the one delivery and the one rating.
    acceptedOn: date('accepted_on', { mode: 'string' }),
    acceptedByUserId: bigint('accepted_by_user_id', { mode: 'number' }),
    refusedReason: text('refused_reason'),
    correction: jsonb('correction'),
    corrections: integer('corrections').notNull().default(0),
    partialOutcomes: jsonb('partial_outcomes')
      .notNull()
      .default(sql`'[]'::jsonb`),
    delivery: jsonb('delivery'),
    rating: jsonb('rating'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bundle_case_number_idx').on(t.number),
    uniqueIndex('bundle_case_key_idx').on(t.createdByUserId, t.idempotencyKey),
    index('bundle_case_owner_idx').on(t.ownerUserId, t.id),
    index('bundle_case_agent_idx').on(t.agentUserId, t.id),
    index('bundle_case_window_idx').on(t.regionCode.op('text_pattern_ops'), t.status, t.id),
    check('bundle_case_status', sql`${t.status} IN ('draft', 'open', 'closed', 'withdrawn', 'refused')`),
  ],
);
