import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** 前置机/接口登记: an endpoint of a provider department's system that a mounted resource's calls are forwarded to (migration 0052, ADR 0047). */
export const exchangeEndpoint = pgTable(
  'exchange_endpoint',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    method: text('method').notNull(),
    keyParam: text('key_param').notNull(),
    timeoutMs: integer('timeout_ms').notNull().default(3000),
    status: text('status').notNull().default('active'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('exchange_endpoint_scope_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('exchange_endpoint_method', sql`${t.method} IN ('GET', 'POST')`),
    check('exchange_endpoint_status', sql`${t.status} IN ('active', 'disabled')`),
    check('exchange_endpoint_timeout', sql`${t.timeoutMs} BETWEEN 100 AND 10000`),
    check('exchange_endpoint_url', sql`${t.baseUrl} ~ '^https?://'`),
  ],
);

/** 政务信息资源目录: a resource with its core metadata, fields and 共享属性 (migration 0045, ADR 0039). */
export const exchangeResource = pgTable(
  'exchange_resource',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    classification: text('classification').notNull(),
    sequence: text('sequence').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    summary: text('summary').notNull(),
    format: text('format').notNull(),
    fields: jsonb('fields').notNull(),
    keyField: text('key_field').notNull(),
    sharing: text('sharing').notNull(),
    sharingBasis: text('sharing_basis'),
    sharingConditions: text('sharing_conditions'),
    sharingMethod: text('sharing_method').notNull(),
    openAttribute: text('open_attribute').notNull(),
    updateCycle: text('update_cycle').notNull(),
    releaseDate: date('release_date', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    /** 挂载: the provider's endpoint that serves its calls; null: its collected table (migration 0052). */
    endpointId: bigint('endpoint_id', { mode: 'number' }).references(() => exchangeEndpoint.id),
    createdBy: text('created_by').notNull(),
    publishedAt: ts('published_at'),
    retiredAt: ts('retired_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_resource_code_idx').on(t.code),
    index('exchange_resource_scope_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('exchange_resource_status', sql`${t.status} IN ('draft', 'in_review', 'published', 'retired')`),
    check('exchange_resource_sharing', sql`${t.sharing} IN ('open', 'conditional', 'closed')`),
    check('exchange_resource_basis', sql`${t.sharing} = 'open' OR ${t.sharingBasis} IS NOT NULL`),
    check('exchange_resource_method', sql`${t.sharingMethod} IN ('interface', 'table', 'file')`),
    check('exchange_resource_open', sql`${t.openAttribute} IN ('open', 'conditional', 'closed')`),
  ],
);

/** 共享申请 and the grant every call is checked against. */
export const exchangeGrant = pgTable(
  'exchange_grant',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceId: bigint('resource_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeResource.id),
    consumerRegionCode: text('consumer_region_code').notNull(),
    consumerDepartmentId: bigint('consumer_department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    requestedFields: jsonb('requested_fields').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    expectedVolume: integer('expected_volume').notNull(),
    status: text('status').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    allowedFields: jsonb('allowed_fields'),
    masks: jsonb('masks'),
    ratePerMinute: integer('rate_per_minute'),
    reasons: text('reasons'),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    revokedBy: text('revoked_by'),
    revokedAt: ts('revoked_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('exchange_grant_resource_idx').on(t.resourceId, t.status),
    index('exchange_grant_consumer_idx').on(t.consumerDepartmentId, t.status),
    check('exchange_grant_status', sql`${t.status} IN ('pending', 'granted', 'refused', 'revoked')`),
    check('exchange_grant_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check(
      'exchange_grant_granted',
      sql`${t.status} NOT IN ('granted', 'revoked') OR (${t.allowedFields} IS NOT NULL AND ${t.masks} IS NOT NULL AND ${t.ratePerMinute} IS NOT NULL)`,
    ),
    check('exchange_grant_refused', sql`${t.status} <> 'refused' OR ${t.reasons} IS NOT NULL`),
  ],
);

/** Machine tokens of a consumer department, bound to one grant (only the SM3 digest stored). */
export const exchangeToken = pgTable(
  'exchange_token',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    grantId: bigint('grant_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeGrant.id),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exchange_token_hash_idx').on(t.tokenHash), index('exchange_token_grant_idx').on(t.grantId)],
);

/** Every call, written before the reply; partitioned by month in the migration (PARTITION BY RANGE (at)). */
export const exchangeCall = pgTable(
  'exchange_call',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    xid: xid8('xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    consumerDepartmentId: bigint('consumer_department_id', { mode: 'number' }),
    providerDepartmentId: bigint('provider_department_id', { mode: 'number' }),
    grantId: bigint('grant_id', { mode: 'number' }),
    tokenId: bigint('token_id', { mode: 'number' }),
    resourceId: bigint('resource_id', { mode: 'number' }),
    resourceCode: text('resource_code').notNull(),
    purpose: text('purpose'),
    keyDigest: text('key_digest'),
    status: integer('status').notNull(),
    code: text('code').notNull(),
    rowsOut: integer('rows_out').notNull().default(0),
    bytesOut: integer('bytes_out').notNull().default(0),
    durationUs: integer('duration_us').notNull(),
    /** A forwarded call: the provider's last HTTP status, and the time spent waiting for it (migration 0052). */
    providerStatus: integer('provider_status'),
    providerUs: integer('provider_us'),
    mac: text('mac'),
  },
  (t) => [
    primaryKey({ name: 'exchange_call_pk', columns: [t.id, t.at] }),
    index('exchange_call_xid_idx').on(t.xid, t.id),
    index('exchange_call_consumer_idx').on(t.consumerDepartmentId, t.at),
    index('exchange_call_provider_idx').on(t.providerDepartmentId, t.at),
    index('exchange_call_at_brin').using('brin', t.at).with({ autosummarize: 'on' }),
  ],
);

export const exchangeCallChain = pgTable(
  'exchange_call_chain',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    callId: bigint('call_id', { mode: 'number' }).notNull(),
    callAt: ts('call_at').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('exchange_call_chain_call_idx').on(t.callId)],
);

export const exchangeCallHead = pgTable(
  'exchange_call_head',
  {
    id: integer('id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastHash: text('last_hash').notNull().default('0'.repeat(64)),
    sealedXid: xid8('sealed_xid')
      .notNull()
      .default(sql`'0'::xid8`),
    sealedId: bigint('sealed_id', { mode: 'number' }).notNull().default(0),
    baseSeq: bigint('base_seq', { mode: 'number' }).notNull().default(0),
    baseHash: text('base_hash').notNull().default('0'.repeat(64)),
  },
  (t) => [check('exchange_call_head_one', sql`${t.id} = 1`)],
);

export const exchangeCallCheckpoint = pgTable('exchange_call_checkpoint', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  at: text('at').notNull(),
  signature: text('signature').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
});

/** 归集: one load of a collected table, with its counts and reconciliation. */
export const exchangeLoad = pgTable(
  'exchange_load',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceId: bigint('resource_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeResource.id),
    format: text('format').notNull(),
    mode: text('mode').notNull(),
    status: text('status').notNull(),
    rowsIn: integer('rows_in').notNull(),
    inserted: integer('inserted').notNull(),
    updated: integer('updated').notNull(),
    rejected: integer('rejected').notNull(),
    declaredCount: integer('declared_count'),
    storedCount: integer('stored_count').notNull(),
    reconciliation: integer('reconciliation'),
    problems: jsonb('problems').notNull().default([]),
    rowsDone: integer('rows_done').notNull().default(0),
    finishedAt: ts('finished_at'),
    /** The Idempotency-Key of the request that created it (migration 0053), with the digest of what it was for. */
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    /** Staged a batch last at (a running load untouched for long is swept as interrupted). */
    touchedAt: ts('touched_at').notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('exchange_load_resource_idx').on(t.resourceId, t.id),
    uniqueIndex('exchange_load_idempotency_idx')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    index('exchange_load_running_idx')
      .on(t.touchedAt)
      .where(sql`${t.status} = 'running'`),
    check('exchange_load_format', sql`${t.format} IN ('csv', 'jsonl', 'xlsx')`),
    check('exchange_load_mode', sql`${t.mode} IN ('all_or_nothing', 'reject_bad_rows')`),
    check('exchange_load_status', sql`${t.status} IN ('running', 'loaded', 'refused', 'failed')`),
  ],
);

/** The collected tables: each resource's rows by its key field. */
export const exchangeRecord = pgTable(
  'exchange_record',
  {
    /** No foreign key (migration 0053: a per-row check per loaded row); a resource with rows refuses deletion by trigger. */
    resourceId: bigint('resource_id', { mode: 'number' }).notNull(),
    recordKey: text('record_key').notNull(),
    data: jsonb('data').notNull(),
    loadId: bigint('load_id', { mode: 'number' }).notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'exchange_record_pk', columns: [t.resourceId, t.recordKey] })],
);

/** The rows of a running load, checked and keyed, before they are merged into the collected table in one statement (migration 0050). */
export const exchangeLoadRow = pgTable(
  'exchange_load_row',
  {
    loadId: bigint('load_id', { mode: 'number' }).notNull(),
    recordKey: text('record_key').notNull(),
    rowNo: integer('row_no').notNull(),
    data: jsonb('data').notNull(),
  },
  // No primary key (migration 0053): rows are copied in, and the loader refuses a key repeated within the load.
);

/** The call log rolled up per finished day, side and key, with a latency histogram (migration 0053, ADR 0048). */
export const exchangeCallDay = pgTable(
  'exchange_call_day',
  {
    day: date('day', { mode: 'string' }).notNull(),
    side: text('side').notNull(),
    key: text('key').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }),
    calls: integer('calls').notNull(),
    failures: integer('failures').notNull(),
    buckets: integer('buckets').array().notNull(),
    counts: integer('counts').array().notNull(),
  },
  (t) => [index('exchange_call_day_day_idx').on(t.day, t.side), check('exchange_call_day_side', sql`${t.side} IN ('p', 'c', 'r')`)],
);

/** A month's rolled-up days merged: what a month's statistics read (migration 0053). */
export const exchangeCallMonth = pgTable(
  'exchange_call_month',
  {
    month: date('month', { mode: 'string' }).notNull(),
    side: text('side').notNull(),
    key: text('key').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }),
    calls: integer('calls').notNull(),
    failures: integer('failures').notNull(),
    buckets: integer('buckets').array().notNull(),
    counts: integer('counts').array().notNull(),
  },
  (t) => [index('exchange_call_month_idx').on(t.month, t.side)],
);

export const exchangeCallDayHead = pgTable(
  'exchange_call_day_head',
  {
    id: integer('id').primaryKey(),
    rolledUntil: ts('rolled_until'),
  },
  (t) => [check('exchange_call_day_head_one', sql`${t.id} = 1`)],
);

/** A grant's calls in the current minute, shared by the server processes that lease from it (migration 0055, ADR 0049). */
export const exchangeGrantRate = pgTable('exchange_grant_rate', {
  grantId: bigint('grant_id', { mode: 'number' })
    .primaryKey()
    .references(() => exchangeGrant.id, { onDelete: 'cascade' }),
  minute: bigint('minute', { mode: 'number' }).notNull(),
  used: integer('used').notNull(),
});

/** 数据需求: a consumer department's demand for data the catalogue lacks, answered by the provider on a clock (migration 0050, ADR 0043). */
export const exchangeDemand = pgTable(
  'exchange_demand',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    wantedFields: jsonb('wanted_fields').notNull(),
    consumerRegionCode: text('consumer_region_code').notNull(),
    consumerDepartmentId: bigint('consumer_department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    providerRegionCode: text('provider_region_code').notNull(),
    providerDepartmentId: bigint('provider_department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    status: text('status').notNull().default('filed'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    answer: text('answer'),
    resourceId: bigint('resource_id', { mode: 'number' }).references(() => exchangeResource.id),
    answeredBy: text('answered_by'),
    answeredOn: date('answered_on', { mode: 'string' }),
    fulfilledAt: ts('fulfilled_at'),
    requestedBy: text('requested_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('exchange_demand_consumer_idx').on(t.consumerDepartmentId, t.id),
    index('exchange_demand_provider_idx').on(t.providerDepartmentId, t.id),
    index('exchange_demand_resource_idx').on(t.resourceId),
    check('exchange_demand_status', sql`${t.status} IN ('filed', 'accepted', 'refused', 'fulfilled')`),
    check('exchange_demand_answered', sql`${t.status} = 'filed' OR (${t.answer} IS NOT NULL AND ${t.answeredOn} IS NOT NULL)`),
    check('exchange_demand_fulfilled', sql`${t.status} <> 'fulfilled' OR ${t.resourceId} IS NOT NULL`),
  ],
);
