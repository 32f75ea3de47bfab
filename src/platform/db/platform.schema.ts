import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id (never wraps); carried as its decimal text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * The audit log: one row per state change, written in the same transaction as the change, with the id of that
 * transaction. The sealer (audit.ts) links the rows of finished transactions into the hash chain (audit_chain).
 */
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
    /** The region of the grant the actor acted under (null: applicants, national staff, the system). */
    regionCode: text('region_code'),
    /** HMAC-SM3 of the entry by the server (audit-keys.ts); null when written without the master key. */
    mac: text('mac'),
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('audit_log_region_idx').on(t.regionCode, t.id),
    index('audit_log_xid_idx').on(t.xid, t.id),
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.id),
    index('audit_log_actor_idx').on(t.actorUsername, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
  ],
);

/** The hash chain over the audit log, in sealing order: hash_n = SM3(hash_{n-1} ‖ canonical JSON of entry n). */
export const auditChain = pgTable('audit_chain', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull().unique(),
  hash: text('hash').notNull(),
  /** 1: the first links (time in ms, no region, no MAC); 2: time in µs, the region and the entry's MAC are hashed. */
  format: integer('format').notNull().default(1),
});

/** Signed checkpoints of the chain's head (SM2, audit-keys.ts): exported, they anchor the chain outside the database. */
export const auditCheckpoint = pgTable('audit_checkpoint', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  at: text('at').notNull(),
  signature: text('signature').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
});

/**
 * The head of the audit chain: the last link and the sealer's watermark (the last sealed entry, by transaction id
 * then id). Locking it serialises sealers; comparing it with the chain detects links removed from the end.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  sealedXid: xid8('sealed_xid').notNull(),
  sealedId: bigint('sealed_id', { mode: 'number' }).notNull(),
});

/** One row per day of every loaded year; a year is loaded when all its days are here. */
/** The tables the application role may only read and append to (migration 0048, read by tongban_grant_app_role). */
export const appAppendOnly = pgTable('app_append_only', {
  relname: text('relname').primaryKey(),
  reason: text('reason').notNull(),
});

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

/** Content-addressed bytes (materials, blank forms, samples): the SM3 digest is the key and the file name on disk. */
export const storedFile = pgTable('stored_file', {
  digest: text('digest').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * One upload of some bytes: its name, who uploaded it and whether it is public belong to the upload, not to the bytes
 * (two applicants uploading the same bytes each keep their own name, and neither's file becomes public).
 */
export const fileUpload = pgTable(
  'file_upload',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    digest: text('digest')
      .notNull()
      .references(() => storedFile.digest),
    name: text('name').notNull(),
    /** Blank forms and samples are public; an applicant's materials are not. */
    isPublic: boolean('is_public').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('file_upload_digest_idx').on(t.digest, t.isPublic)],
);

/**
 * In-app notifications of any module (platform/notify.ts). `case_id` is the case a notice is about, if any, as a plain
 * id: the cases module shows its number (the platform does not depend on a module's table).
 */
export const notification = pgTable(
  'notification',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    caseId: bigint('case_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('notification_user_idx').on(t.userId, t.id)],
);

/** Domain events written with their change, delivered by the job runner (platform/outbox.ts, ADR 0018). */
export const outboxEvent = pgTable(
  'outbox_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    lastError: text('last_error'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('outbox_event_status_idx').on(t.status, t.id)],
);

/** Recurring jobs: the lease of the round being run and the last outcome (platform/jobs.ts). */
export const jobSchedule = pgTable('job_schedule', {
  name: text('name').primaryKey(),
  everyMs: integer('every_ms').notNull(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true, mode: 'string' }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true, mode: 'string' }),
  leasedUntil: timestamp('leased_until', { withTimezone: true, mode: 'string' }),
  leasedBy: text('leased_by'),
  runs: bigint('runs', { mode: 'number' }).notNull().default(0),
  failures: bigint('failures', { mode: 'number' }).notNull().default(0),
  lastError: text('last_error'),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true, mode: 'string' }),
});
