import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Hash-chained audit log: one row per state change, written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorUsername: text('actor_username').notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    requestId: text('request_id'),
    digest: text('digest').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.id),
    index('audit_log_actor_idx').on(t.actorUsername, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
  ],
);

/** The head of the audit chain: the last entry's id and hash. Locking it serialises writers; comparing it with the
 *  last row detects an entry removed from the end. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
});

/** One row per day of every loaded year; a year is loaded when all its days are here. */
export const calendarDay = pgTable('calendar_day', {
  day: date('day', { mode: 'string' }).primaryKey(),
  isWorkday: boolean('is_workday').notNull(),
  name: text('name'),
  source: text('source').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Stored results of create requests, keyed by the client's Idempotency-Key, so a retry never creates twice. */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Code lists of standards.md (item types, service objects, handling forms, case types, outcomes …). */
export const codeList = pgTable(
  'code_list',
  {
    list: text('list').notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull(),
  },
  (t) => [primaryKey({ columns: [t.list, t.code] })],
);

/** Which reference data set (and version) has been loaded into this database. */
export const referenceData = pgTable('reference_data', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Throttles password guessing across every server process (the count lives in the database, not in memory). */
export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [index('login_attempt_user_idx').on(t.username, t.at)],
);

/** Content-addressed files (materials, blank forms, samples): the SM3 digest is the key and the file name. */
export const storedFile = pgTable('stored_file', {
  digest: text('digest').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  name: text('name').notNull(),
  /** Blank forms and samples are public; an applicant's materials are not. */
  isPublic: boolean('is_public').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
