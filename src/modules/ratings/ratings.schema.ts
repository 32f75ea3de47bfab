import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { serviceCase } from '../cases/cases.schema.ts';
import { department } from '../regions/regions.schema.ts';

/**
 * 好差评: one first rating and one follow-up rating per case (GB/T 39734). Levels are stored as the national data
 * standard numbers them (GB/T 39046 A.8: 1 非常满意 … 5 非常不满意); other interfaces are mapped at the edge.
 */
export const rating = pgTable(
  'rating',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    /** online: 一事一评 of the case; onsite: 一次一评 at the counter right after a service. */
    kind: text('kind').notNull().default('online'),
    assessNumber: integer('assess_number').notNull(),
    level: text('level').notNull(),
    channel: text('channel'),
    indicators: text('indicators').array().notNull(),
    comment: text('comment').notNull().default(''),
    anonymous: boolean('anonymous').notNull().default(false),
    isDefault: boolean('is_default').notNull().default(false),
    raterUserId: bigint('rater_user_id', { mode: 'number' }),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    implementationId: bigint('implementation_id', { mode: 'number' }).notNull(),
    /** The rated case's region (a case never moves): region-scoped supervisors filter ratings by it. */
    regionCode: text('region_code').notNull(),
    clerkUserId: bigint('clerk_user_id', { mode: 'number' }),
    /** A counter rating: the clerk whose hall tablet took it, right after serving the case (the rater is the applicant). */
    counterClerkUserId: bigint('counter_clerk_user_id', { mode: 'number' }),
    month: date('month', { mode: 'string' }).notNull(),
    excluded: boolean('excluded').notNull().default(false),
    exclusionReason: text('exclusion_reason'),
    /** A rating given once for a bundle case (一键评价, ADR 0037): that bundle case's receipt number. */
    bundleCaseNumber: text('bundle_case_number'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rating_case_number_idx').on(t.caseId, t.kind, t.assessNumber),
    index('rating_bundle_idx')
      .on(t.month, t.bundleCaseNumber)
      .where(sql`${t.bundleCaseNumber} IS NOT NULL`),
    index('rating_department_month_idx').on(t.departmentId, t.month),
    index('rating_month_idx').on(t.month),
    // The statistics read bad first ratings live (their remedies and appeals change); this covers them. A bad
    // rating is one in 40, so the rating INSERT rarely touches it.
    index('rating_bad_first_idx')
      .on(t.month, t.departmentId, t.implementationId, t.clerkUserId, t.channel, t.level, t.isDefault, t.excluded, t.regionCode, t.id)
      .where(sql`${t.assessNumber} = 1 AND ${t.level} NOT IN ('1', '2', '3')`),
    // Excluded ratings (upheld appeals), which the statistics subtract from the rollup. Never touched by an INSERT.
    index('rating_excluded_idx')
      .on(t.month, t.departmentId)
      .where(sql`${t.excluded}`),
  ],
);

/**
 * Counts of the first ratings rated 1–3 (非常满意, 满意, 基本满意), per month, department, case region and one more dimension
 * (`dimension` = implementation, clerk or channel; `key` as the statistics show it: the id, '' for no clerk,
 * 'default' for no channel). These ratings never change once made, so the counts only grow: refreshRatingRollup adds
 * the ratings with ids up to `rating_rollup_state.through_rating_id`. Excluded ratings are counted here and
 * subtracted by the statistics; bad ratings and anything newer than the watermark are read from `rating` itself, so a
 * report always equals the raw table.
 */
export const ratingRollup = pgTable(
  'rating_rollup',
  {
    dimension: text('dimension').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    /** The cases' region (service_case.region_code): region-scoped supervisors read their region's rows. */
    regionCode: text('region_code').notNull(),
    key: text('key').notNull(),
    ratings: integer('ratings').notNull(),
    l1: integer('l1').notNull(),
    l2: integer('l2').notNull(),
    l3: integer('l3').notNull(),
    /** Given by the applicant (not the default). */
    active: integer('active').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.month, t.departmentId, t.regionCode, t.key] })],
);

/** One row: the rollup holds every rating with id ≤ through_rating_id. */
export const ratingRollupState = pgTable('rating_rollup_state', {
  id: integer('id').primaryKey(),
  throughRatingId: bigint('through_rating_id', { mode: 'number' }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'string' }),
});

/** 整改: every bad rating opens one, for the department that handled the case, on a working-day clock. */
export const remedy = pgTable(
  'remedy',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ratingId: bigint('rating_id', { mode: 'number' })
      .notNull()
      .references(() => rating.id),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    status: text('status').notNull(),
    classification: text('classification'),
    /** Null while the calendar of the year it falls in is not loaded yet (filled in by the hourly job). */
    dueOn: date('due_on', { mode: 'string' }),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true, mode: 'string' }),
    followUpNote: text('follow_up_note'),
    followUpAnswer: text('follow_up_answer'),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true, mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    escalated: boolean('escalated').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('remedy_rating_idx').on(t.ratingId), index('remedy_department_idx').on(t.departmentId, t.status)],
);

/** 申诉复核: a department appeals a mistaken or malicious rating; a supervisor decides. */
export const ratingAppeal = pgTable(
  'rating_appeal',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ratingId: bigint('rating_id', { mode: 'number' })
      .notNull()
      .references(() => rating.id),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('rating_appeal_rating_idx').on(t.ratingId)],
);
