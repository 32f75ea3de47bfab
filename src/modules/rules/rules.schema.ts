import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';
import { implementation } from '../catalog/catalog.schema.ts';
import { serviceCase } from '../cases/cases.schema.ts';

/**
 * A rule set (秒批 criteria of an implementation, or later a policy's fine-grained conditions): its identity, owner
 * (region and department, as an implementation's scope) and pointers to its published and latest versions. The
 * definition lives in rule_set_version, one JSON value per version.
 */
export const ruleSet = pgTable(
  'rule_set',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    implementationId: bigint('implementation_id', { mode: 'number' }).references(() => implementation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    publishedVersionId: bigint('published_version_id', { mode: 'number' }),
    latestVersionId: bigint('latest_version_id', { mode: 'number' }),
    /** 秒批: decides its implementation's applications at submission with its published version (migration 0039). */
    instantApproval: boolean('instant_approval').notNull().default(false),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rule_set_code_idx').on(t.code),
    index('rule_set_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('rule_set_implementation_idx').on(t.implementationId),
    check('rule_set_purpose', sql`${t.purpose} IN ('approval', 'policy')`),
    check('rule_set_approval_implementation', sql`${t.purpose} <> 'approval' OR ${t.implementationId} IS NOT NULL`),
    check('rule_set_instant_approval', sql`NOT ${t.instantApproval} OR ${t.purpose} = 'approval'`),
    uniqueIndex('rule_set_instant_idx')
      .on(t.implementationId)
      .where(sql`${t.instantApproval}`),
  ],
);

/**
 * Versions of a rule set: draft (edited), published (never changed again: a trigger refuses it; its hash is what
 * decisions cite) and retired. Publishing needs every golden case to pass (golden_passed).
 */
export const ruleSetVersion = pgTable(
  'rule_set_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleSetId: bigint('rule_set_id', { mode: 'number' })
      .notNull()
      .references(() => ruleSet.id),
    number: integer('number').notNull(),
    status: text('status').notNull().default('draft'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    content: jsonb('content').notNull(),
    hash: text('hash'),
    goldenPassed: boolean('golden_passed'),
    goldenResults: jsonb('golden_results'),
    createdBy: text('created_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    publishedBy: text('published_by'),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rule_set_version_number_idx').on(t.ruleSetId, t.number),
    check('rule_set_version_status', sql`${t.status} IN ('draft', 'published', 'retired')`),
    check('rule_set_version_period', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    check('rule_set_version_published', sql`${t.status} = 'draft' OR (${t.hash} IS NOT NULL AND ${t.goldenPassed} AND ${t.publishedAt} IS NOT NULL)`),
  ],
);

/**
 * One decision of a published version: the inputs read, the trace of every condition and the explanation. Written
 * by instant approval (case_id) and, later, by policy matching (subject); never changed (a trigger refuses it).
 */
export const ruleDecision = pgTable(
  'rule_decision',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleSetVersionId: bigint('rule_set_version_id', { mode: 'number' })
      .notNull()
      .references(() => ruleSetVersion.id),
    versionHash: text('version_hash').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).references(() => serviceCase.id),
    subject: text('subject'),
    inputs: jsonb('inputs').notNull(),
    outcome: text('outcome').notNull(),
    trace: jsonb('trace').notNull(),
    explanationZh: text('explanation_zh').notNull(),
    explanationEn: text('explanation_en').notNull(),
    error: jsonb('error'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('rule_decision_case_idx').on(t.caseId),
    index('rule_decision_subject_idx').on(t.subject),
    index('rule_decision_version_idx').on(t.ruleSetVersionId, t.decidedAt),
    check('rule_decision_outcome', sql`${t.outcome} IN ('grant', 'refuse', 'undecidable')`),
    check('rule_decision_subject', sql`${t.caseId} IS NOT NULL OR ${t.subject} IS NOT NULL`),
  ],
);

// 惠企政策 and 免申即享 (ADR 0038): the module's policy tables, defined beside their code.
export { policy, policyProfile, policyBenefit, policyPayout } from './policies.schema.ts';
