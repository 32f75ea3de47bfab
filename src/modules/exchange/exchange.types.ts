import { z } from 'zod';
import { isoDate, pageQuery } from '../../platform/http/schemas.ts';
import { DEMAND_STATUSES, FIELD_TYPES, MASKS, RESOURCE_STATUSES, SHARING } from './exchange.core.ts';
import { DEFAULT_TIMEOUT_MS, ENDPOINT_METHODS, ENDPOINT_STATUSES, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from './exchange.forward.ts';

export const resourceField = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    name: z.string().min(1).max(100).describe('信息项名称'),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
  })
  .meta({ id: 'ExchangeResourceField' });

const metadata = {
  classification: z.string().min(6).max(12).describe('分类码: 类 (1 digit) + 项 (2) + 目 (3) + 细目 (optional digits)'),
  sequence: z.string().min(1).max(6).describe('顺序码 (digits)'),
  name: z.string().min(1).max(200),
  summary: z.string().min(1).max(2000),
  format: z.string().min(1).max(40).describe('e.g. 数据库, 电子表格, 接口'),
  fields: z.array(resourceField).min(1).max(200),
  keyField: z.string().min(1).max(40).describe('The field the collected rows are keyed by (e.g. id_number)'),
  sharing: z.enum(SHARING).describe('共享类型: open 无条件, conditional 有条件, closed 不予共享'),
  sharingBasis: z.string().max(1000).nullable().default(null).describe('共享依据 (required unless open)'),
  sharingConditions: z.string().max(1000).nullable().default(null),
  sharingMethod: z.enum(['interface', 'table', 'file']),
  openAttribute: z.enum(['open', 'conditional', 'closed']).describe('开放属性 (to the public)'),
  updateCycle: z.string().min(1).max(40),
  releaseDate: isoDate.nullable().default(null),
};

export const createResourceBody = z.object({ ...metadata, departmentId: z.number().int().positive() });
export type CreateResourceInput = z.infer<typeof createResourceBody>;
export const updateResourceBody = z.object({ ...metadata, version: z.number().int() });
export type UpdateResourceInput = z.infer<typeof updateResourceBody>;

export const resourceView = z
  .object({
    id: z.number(),
    code: z.string(),
    classification: z.string(),
    sequence: z.string(),
    name: z.string(),
    regionCode: z.string(),
    departmentId: z.number(),
    departmentName: z.string(),
    summary: z.string(),
    format: z.string(),
    fields: z.array(resourceField),
    keyField: z.string(),
    sharing: z.enum(SHARING),
    sharingBasis: z.string().nullable(),
    sharingConditions: z.string().nullable(),
    sharingMethod: z.enum(['interface', 'table', 'file']),
    openAttribute: z.enum(['open', 'conditional', 'closed']),
    updateCycle: z.string(),
    releaseDate: z.string().nullable(),
    status: z.enum(RESOURCE_STATUSES),
    mounted: z.boolean().describe('挂载: an active endpoint of its provider, or a collected table with rows, serves it'),
    mount: z
      .enum(['endpoint', 'table', 'none'])
      .describe('What serves its calls: a registered endpoint (forwarded), its collected table (rows held), or nothing yet'),
    endpointId: z.number().nullable().describe('The registered endpoint it is mounted to (null: its collected table)'),
    endpointName: z.string().nullable(),
    endpointStatus: z.enum(ENDPOINT_STATUSES).nullable(),
    rows: z.number().describe('Rows in its collected table'),
    publishedAt: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'ExchangeResource' });
export type ResourceView = z.infer<typeof resourceView>;

export const publicResourceView = resourceView
  .pick({ code: true, name: true, departmentName: true, summary: true, format: true, sharing: true, updateCycle: true, releaseDate: true })
  .extend({ fields: z.array(resourceField.pick({ name: true, type: true })) })
  .meta({ id: 'ExchangePublicResource' });

export const resourceListQuery = z.object({
  q: z.string().max(100).optional().describe('Words of the name, summary or code'),
  status: z.enum(RESOURCE_STATUSES).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  ...pageQuery,
});

export const versionBody = z.object({ version: z.number().int() });

export const importProblem = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
export const importReply = z.object({ created: z.number(), updated: z.number(), codes: z.array(z.string()) });

// ── Sharing requests and grants ──────────────────────────────────────────────────────────────────────────

export const GRANT_STATUSES = ['pending', 'granted', 'refused', 'revoked'] as const;

export const requestBody = z.object({
  resourceId: z.number().int().positive(),
  departmentId: z.number().int().positive().optional().describe('The consumer department (default: the one of my grant)'),
  purpose: z.string().min(1).max(500),
  legalBasis: z.string().min(1).max(500),
  fields: z.array(z.string().min(1).max(40)).min(1).max(200),
  periodFrom: isoDate,
  periodTo: isoDate,
  expectedVolume: z.number().int().min(0).max(1_000_000_000).describe('Expected calls per month'),
});
export type RequestInput = z.infer<typeof requestBody>;

/** A mask per allowed field: one entry a field (a field without one goes out unmasked). */
export const fieldMasks = z
  .array(z.object({ field: z.string().min(1).max(40).describe('A field key of the resource'), mask: z.enum(MASKS) }))
  .max(200)
  .meta({ id: 'FieldMasks' });
export type FieldMasks = z.infer<typeof fieldMasks>;
export const grantBody = z.object({
  version: z.number().int(),
  allowedFields: z.array(z.string().min(1).max(40)).min(1).max(200),
  masks: fieldMasks.default([]).describe('A mask per allowed field (none when absent)'),
  ratePerMinute: z.number().int().min(1).max(100_000).default(600),
  validTo: isoDate.optional().describe('End of validity (default: the requested period’s end)'),
});
export type GrantInput = z.infer<typeof grantBody>;
export const refuseBody = z.object({ version: z.number().int(), reasons: z.string().min(1).max(2000) });
export const revokeBody = z.object({ version: z.number().int(), reasons: z.string().max(2000).optional() });

export const grantView = z
  .object({
    id: z.number(),
    resourceId: z.number(),
    resourceCode: z.string(),
    resourceName: z.string(),
    providerDepartmentId: z.number(),
    providerDepartmentName: z.string(),
    consumerRegionCode: z.string(),
    consumerDepartmentId: z.number(),
    consumerDepartmentName: z.string(),
    purpose: z.string(),
    legalBasis: z.string(),
    requestedFields: z.array(z.string()),
    periodFrom: z.string(),
    periodTo: z.string(),
    expectedVolume: z.number(),
    status: z.enum(GRANT_STATUSES),
    dueDate: z.string().nullable().describe('Reply deadline (working days)'),
    allowedFields: z.array(z.string()).nullable(),
    masks: fieldMasks.nullable(),
    ratePerMinute: z.number().nullable(),
    reasons: z.string().nullable(),
    requestedBy: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'ExchangeGrant' });
export type GrantView = z.infer<typeof grantView>;

export const grantListQuery = z.object({
  side: z.enum(['consumer', 'provider']).default('provider'),
  status: z.enum(GRANT_STATUSES).optional(),
  ...pageQuery,
});

// ── Tokens and calls ────────────────────────────────────────────────────────────────────────────────────

export const tokenBody = z.object({
  grantId: z.number().int().positive(),
  name: z.string().min(1).max(100),
  days: z.number().int().min(1).max(365).default(90),
});
export const tokenView = z
  .object({
    id: z.number(),
    grantId: z.number(),
    departmentId: z.number(),
    name: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ExchangeToken' });
export const tokenCreated = tokenView.extend({ token: z.string().describe('The secret, shown once: send it as X-Exchange-Token') });

export const callView = z
  .object({
    id: z.number(),
    at: z.string(),
    consumerDepartmentId: z.number().nullable(),
    consumerDepartmentName: z.string().nullable(),
    providerDepartmentId: z.number().nullable(),
    grantId: z.number().nullable(),
    resourceCode: z.string(),
    purpose: z.string().nullable(),
    keyDigest: z.string().nullable().describe('SM3 of the query keys: never the raw key'),
    status: z.number(),
    code: z.string(),
    rowsOut: z.number(),
    bytesOut: z.number(),
    durationMs: z.number(),
    providerStatus: z.number().nullable().describe('A forwarded call: the HTTP status of the provider’s last answer (null: none came, or not forwarded)'),
    providerMs: z.number().nullable().describe('A forwarded call: the time spent on the provider, retries included'),
  })
  .meta({ id: 'ExchangeCall' });

export const callListQuery = z.object({ side: z.enum(['consumer', 'provider']).default('provider'), ...pageQuery });

export const verifyReply = z
  .object({
    ok: z.boolean(),
    count: z.number(),
    pending: z.number(),
    checkpoints: z.number(),
    brokenAt: z.number().nullable().describe('The id of the first call whose row was forged or altered'),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ExchangeVerify' });

// ── Collection ──────────────────────────────────────────────────────────────────────────────────────────

export const LOAD_MODES = ['all_or_nothing', 'reject_bad_rows'] as const;
export const LOAD_FORMATS = ['csv', 'jsonl', 'xlsx'] as const;
export const loadQuery = z.object({
  format: z.enum(LOAD_FORMATS).describe('csv (a header row of field keys), jsonl (one object a line) or xlsx (the first sheet, a header row of field keys)'),
  mode: z.enum(LOAD_MODES).default('all_or_nothing'),
  declaredCount: z.coerce.number().int().min(0).optional().describe('Rows the sender says it sent (reconciliation)'),
});
export const loadView = z
  .object({
    id: z.number(),
    resourceId: z.number(),
    format: z.enum(LOAD_FORMATS),
    mode: z.enum(LOAD_MODES),
    status: z
      .enum(['running', 'loaded', 'refused', 'failed'])
      .describe('running while the file is read; then loaded, refused (a bad row, all-or-nothing) or failed'),
    rowsDone: z.number().describe('Rows read and checked so far (progress of a running load)'),
    rowsIn: z.number(),
    inserted: z.number(),
    updated: z.number(),
    rejected: z.number(),
    declaredCount: z.number().nullable(),
    storedCount: z.number(),
    reconciliation: z.number().nullable().describe('declared − (inserted + updated + rejected): 0 when every row sent is accounted for'),
    problems: z.array(z.object({ row: z.number(), errors: z.array(z.string()) })),
    createdBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ExchangeLoad' });
export type LoadView = z.infer<typeof loadView>;

// ── Statistics ──────────────────────────────────────────────────────────────────────────────────────────

export const statRow = z.object({ key: z.string(), name: z.string(), calls: z.number(), failures: z.number(), p95Ms: z.number().nullable() });
export const statsReply = z
  .object({
    month: z.string(),
    byProvider: z.array(statRow),
    byConsumer: z.array(statRow),
    byResource: z.array(statRow),
    mounting: z.array(z.object({ departmentId: z.number(), name: z.string(), published: z.number(), mounted: z.number(), rate: z.number() })),
    mountingByKind: z
      .array(z.object({ kind: z.string(), published: z.number(), mounted: z.number(), rate: z.number() }))
      .describe('挂载率 per catalogue kind (类: the first digit of the classification code)'),
    licenseUses: z
      .array(z.object({ typeCode: z.string(), typeName: z.string(), departmentId: z.number(), name: z.string(), uses: z.number() }))
      .describe('电子证照 共享调用: uses of licences in the month, per licence type and issuing department'),
  })
  .meta({ id: 'ExchangeStats' });
export const publicStatsReply = z.object({ month: z.string(), items: z.array(z.object({ code: z.string(), name: z.string(), calls: z.number() })) });

/** One record of a collected table as a call returns it: the granted fields, keyed by the resource's field names. */
export const exchangeRecord = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({ id: 'ExchangeRecord' });

// ── Data demands ────────────────────────────────────────────────────────────────────────────────────────

export const demandBody = z.object({
  title: z.string().min(1).max(200).describe('What data is wanted'),
  purpose: z.string().min(1).max(1000).describe('Why: the duty it serves'),
  legalBasis: z.string().min(1).max(500),
  wantedFields: z.array(z.string().min(1).max(100)).min(1).max(100).describe('The fields wanted, by name'),
  providerDepartmentId: z.number().int().positive().describe('The department thought to hold the data'),
  departmentId: z.number().int().positive().optional().describe('The demanding department (default: the one of my grant)'),
});
export type DemandInput = z.infer<typeof demandBody>;
export const demandAcceptBody = z.object({
  version: z.number().int(),
  answer: z.string().min(1).max(2000).describe('How and when the data will be provided'),
  resourceId: z.number().int().positive().optional().describe('The resource that serves it (a new draft or an existing one); fulfilled once published'),
});
export const demandRefuseBody = z.object({ version: z.number().int(), reasons: z.string().min(1).max(2000) });
export const demandLinkBody = z.object({ version: z.number().int(), resourceId: z.number().int().positive() });

export const demandView = z
  .object({
    id: z.number(),
    title: z.string(),
    purpose: z.string(),
    legalBasis: z.string(),
    wantedFields: z.array(z.string()),
    consumerRegionCode: z.string(),
    consumerDepartmentId: z.number(),
    consumerDepartmentName: z.string(),
    providerRegionCode: z.string(),
    providerDepartmentId: z.number(),
    providerDepartmentName: z.string(),
    status: z.enum(DEMAND_STATUSES),
    dueDate: z.string().describe('Reply deadline (10 working days from filing)'),
    timing: z.enum(['on_time', 'late', 'open', 'overdue']),
    answer: z.string().nullable().describe('The acceptance note or the reasons of a refusal'),
    resourceId: z.number().nullable(),
    resourceCode: z.string().nullable(),
    resourceName: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredOn: z.string().nullable(),
    fulfilledAt: z.string().nullable(),
    requestedBy: z.string(),
    version: z.number(),
    createdAt: z.string(),
  })
  .meta({ id: 'ExchangeDemand' });
export type DemandView = z.infer<typeof demandView>;

export const demandListQuery = z.object({
  side: z.enum(['consumer', 'provider']).default('provider'),
  status: z.enum(DEMAND_STATUSES).optional(),
  ...pageQuery,
});

const demandFiguresView = z.object({
  filed: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  accepted: z.number(),
  refused: z.number(),
  fulfilled: z.number(),
  overdue: z.number(),
  onTimeRate: z.number().nullable().describe('answered on time ÷ answered'),
  fulfilledRate: z.number().nullable().describe('fulfilled ÷ filed'),
});
export const demandStatsReply = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    total: demandFiguresView,
    byProvider: z.array(demandFiguresView.extend({ departmentId: z.number(), name: z.string() })),
  })
  .meta({ id: 'ExchangeDemandStats' });
export const demandStatsQuery = z.object({
  from: isoDate.optional().describe('Demands filed on or after this day'),
  to: isoDate.optional().describe('Demands filed on or before this day'),
});

// ── Endpoints (前置机/接口登记) and mounting (挂载) ───────────────────────────────────────────────────────

const endpointFields = {
  name: z.string().min(1).max(200).describe('接口名称: the system and the lookup it serves'),
  baseUrl: z.string().min(1).max(500).describe('The address calls are forwarded to (http or https; no user, password or fragment)'),
  method: z.enum(ENDPOINT_METHODS).describe('GET: the key goes in the query; POST: the key goes as a JSON body'),
  keyParam: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/, 'letters, digits, _ . -')
    .describe('The parameter the key goes in (e.g. sfzh)'),
  timeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).default(DEFAULT_TIMEOUT_MS).describe('The time budget of a call, retries included'),
};
export const endpointBody = z.object({ ...endpointFields, departmentId: z.number().int().positive().describe('The provider department') });
export type EndpointInput = z.infer<typeof endpointBody>;
export const endpointUpdateBody = z.object({ ...endpointFields, version: z.number().int() });
export type EndpointUpdateInput = z.infer<typeof endpointUpdateBody>;
export const endpointStatusBody = z.object({ status: z.enum(ENDPOINT_STATUSES), version: z.number().int() });
export const endpointView = z
  .object({
    id: z.number(),
    regionCode: z.string(),
    departmentId: z.number(),
    departmentName: z.string(),
    name: z.string(),
    baseUrl: z.string(),
    method: z.enum(ENDPOINT_METHODS),
    keyParam: z.string(),
    timeoutMs: z.number(),
    status: z.enum(ENDPOINT_STATUSES),
    resources: z.number().describe('Resources mounted to it'),
    createdBy: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ExchangeEndpoint' });
export type EndpointView = z.infer<typeof endpointView>;
export const endpointListQuery = z.object({
  departmentId: z.coerce.number().int().positive().optional(),
  status: z.enum(ENDPOINT_STATUSES).optional(),
  ...pageQuery,
});
export const mountBody = z.object({
  version: z.number().int().describe('The resource’s row version'),
  endpointId: z.number().int().positive().nullable().describe('An active endpoint of the resource’s provider; null: its collected table'),
});
