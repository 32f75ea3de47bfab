import { bigint, bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
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
    caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => serviceCase.id),
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
    departmentId: bigint('department_id', { mode: 'number' }).notNull().references(() => department.id),
    implementationId: bigint('implementation_id', { mode: 'number' }).notNull(),
    clerkUserId: bigint('clerk_user_id', { mode: 'number' }),
    month: date('month', { mode: 'string' }).notNull(),
    excluded: boolean('excluded').notNull().default(false),
    exclusionReason: text('exclusion_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rating_case_number_idx').on(t.caseId, t.kind, t.assessNumber),
    index('rating_department_month_idx').on(t.departmentId, t.month),
    index('rating_month_idx').on(t.month),
  ],
);

/** 整改: every bad rating opens one, for the department that handled the case, on a working-day clock. */
export const remedy = pgTable(
  'remedy',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ratingId: bigint('rating_id', { mode: 'number' }).notNull().references(() => rating.id),
    departmentId: bigint('department_id', { mode: 'number' }).notNull().references(() => department.id),
    status: text('status').notNull(),
    classification: text('classification'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
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
    ratingId: bigint('rating_id', { mode: 'number' }).notNull().references(() => rating.id),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('rating_appeal_rating_idx').on(t.ratingId)],
);
