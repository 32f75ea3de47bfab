import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { canonicalJson, sm3Hex } from '../../platform/crypto.ts';

/**
 * The pure core of data sharing (数据共享交换): resource codes and lifecycle, row checks against a resource's fields,
 * the grant check of a call, masks, and the call chain's hash. References: 国发〔2016〕51号《政务信息资源共享管理暂行办法》
 * (sharing types: 无条件 / 有条件 / 不予共享, Art. 5; a conditional request answered within 10 working days, Art. 14);
 * 发改高技〔2017〕1272号《政务信息资源目录编制指南(试行)》 (core metadata; code = 分类码 类1位/项2位/目3位/细目 + 顺序码).
 */

export const FIELD_TYPES = ['string', 'integer', 'number', 'date', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export interface ResourceField {
  key: string;
  name: string;
  type: FieldType;
  required: boolean;
}

export const SHARING = ['open', 'conditional', 'closed'] as const;
export type Sharing = (typeof SHARING)[number];
export const RESOURCE_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const MASKS = ['none', 'id_number', 'phone', 'name', 'partial', 'full'] as const;
export type Mask = (typeof MASKS)[number];

/** The reply deadline of a conditional request, in working days (国发〔2016〕51号 Art. 14, recalled: 10). */
export const DEFAULT_REPLY_DAYS = 10;

/** The lifecycle: which action leads from which status to which. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'in_review' },
  return: { from: ['in_review'], to: 'draft' },
  publish: { from: ['in_review'], to: 'published' },
  retire: { from: ['published'], to: 'retired' },
} as const satisfies Record<string, { from: readonly ResourceStatus[]; to: ResourceStatus }>;
export type ResourceAction = keyof typeof TRANSITIONS;

export function nextStatus(status: ResourceStatus, action: ResourceAction): ResourceStatus | null {
  const t = TRANSITIONS[action];
  return (t.from as readonly ResourceStatus[]).includes(status) ? t.to : null;
}

/**
 * 分类码: 类 (1 digit) + 项 (2) + 目 (3) + optional 细目 (digits); the resource code is 分类码 + '-' + 顺序码 (digits).
 * Returns the code, or null when the parts are malformed.
 */
export function resourceCode(classification: string, sequence: string): string | null {
  if (!/^[1-9]\d{2}\d{3}\d*$/.test(classification) || classification.length > 12) return null;
  if (!/^\d{1,6}$/.test(sequence)) return null;
  return `${classification}-${sequence.padStart(6, '0')}`;
}

/** Problems of a field list and its key field, as {at, message} (empty when fine). */
export function fieldProblems(fields: readonly ResourceField[], keyField: string): { at: string; message: string }[] {
  const problems: { at: string; message: string }[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(f.key)) problems.push({ at: `fields.${i}.key`, message: 'a field key is lower-case letters, digits and _' });
    if (seen.has(f.key)) problems.push({ at: `fields.${i}.key`, message: `field ${f.key} twice` });
    seen.add(f.key);
  });
  if (fields.length === 0) problems.push({ at: 'fields', message: 'a resource has at least one field' });
  const key = fields.find((f) => f.key === keyField);
  if (!key) problems.push({ at: 'keyField', message: `the key field ${keyField} is not one of the fields` });
  else if (!key.required) problems.push({ at: 'keyField', message: 'the key field must be required' });
  return problems;
}

/** A value of a collected row checked and brought to its field's type; `error` says why it is refused. */
export function coerceValue(field: ResourceField, raw: unknown): { value: string | number | boolean | null } | { error: string } {
  if (raw === undefined || raw === null || raw === '') return field.required ? { error: `${field.key} is required` } : { value: null };
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (field.type) {
    case 'string':
      return typeof text === 'string' || typeof text === 'number' ? { value: String(text) } : { error: `${field.key} is not text` };
    case 'integer': {
      const n = typeof text === 'number' ? text : /^-?\d{1,15}$/.test(String(text)) ? Number(text) : NaN;
      return Number.isSafeInteger(n) ? { value: n } : { error: `${field.key} is not an integer` };
    }
    case 'number': {
      const n = typeof text === 'number' ? text : /^-?\d+(\.\d+)?$/.test(String(text)) ? Number(text) : NaN;
      return Number.isFinite(n) ? { value: n } : { error: `${field.key} is not a number` };
    }
    case 'date': {
      const s = String(text);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { error: `${field.key} is not a date (YYYY-MM-DD)` };
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? { value: s } : { error: `${field.key}: no such date` };
    }
    case 'boolean': {
      if (typeof text === 'boolean') return { value: text };
      const s = String(text).toLowerCase();
      if (['true', '1', '是'].includes(s)) return { value: true };
      if (['false', '0', '否'].includes(s)) return { value: false };
      return { error: `${field.key} is not true/false` };
    }
  }
}

// The keys of a field list, worked out once per list (a load checks a million rows against the same one).
const knownKeys = new WeakMap<readonly ResourceField[], Set<string>>();
function keysOf(fields: readonly ResourceField[]): Set<string> {
  let keys = knownKeys.get(fields);
  if (!keys) knownKeys.set(fields, (keys = new Set(fields.map((f) => f.key))));
  return keys;
}

/** A whole row checked against the fields: its values by key (unknown columns are errors), or its problems. */
export function checkRow(
  fields: readonly ResourceField[],
  row: Record<string, unknown>,
): { data: Record<string, string | number | boolean | null> } | { errors: string[] } {
  const errors: string[] = [];
  const data: Record<string, string | number | boolean | null> = {};
  const known = keysOf(fields);
  for (const k of Object.keys(row)) if (!known.has(k)) errors.push(`unknown column ${k}`);
  for (const f of fields) {
    const r = coerceValue(f, row[f.key]);
    if ('error' in r) errors.push(r.error);
    else data[f.key] = r.value;
  }
  return errors.length ? { errors } : { data };
}

/** A value shown through a mask: ID numbers and phones as the platform masks them, names but the surname, … */
export function applyMask(mask: Mask, value: string | number | boolean | null): string | number | boolean | null {
  if (value === null || mask === 'none') return value;
  const s = String(value);
  switch (mask) {
    case 'id_number':
      return maskIdNumber(s);
    case 'phone':
      return maskPhone(s);
    case 'name':
      return s.length <= 1 ? '*' : s.slice(0, 1) + '*'.repeat(s.length - 1);
    case 'partial': {
      const keep = Math.floor(s.length / 4);
      return s.length < 4 ? '*'.repeat(s.length) : s.slice(0, keep) + '*'.repeat(s.length - 2 * keep) + s.slice(s.length - keep);
    }
    case 'full':
      return '***';
  }
}

/** Only the granted fields of a row, each through its mask: other fields never leave. */
export function shapeForGrant(
  data: Record<string, unknown>,
  allowed: readonly string[],
  masks: Readonly<Record<string, Mask>>,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of allowed) out[key] = applyMask(masks[key] ?? 'none', (data[key] ?? null) as string | number | boolean | null);
  return out;
}

export interface GrantState {
  status: 'pending' | 'granted' | 'refused' | 'revoked';
  periodFrom: string;
  periodTo: string;
  resourceId: number;
  resourceStatus: ResourceStatus;
}

/** Why a call under a grant is refused (the error code), or null when it may go on. `today` is the call's date (YYYY-MM-DD, Beijing). */
export function callRefusal(
  grant: GrantState,
  resourceId: number,
  today: string,
): 'EXCHANGE_GRANT_REVOKED' | 'EXCHANGE_GRANT_EXPIRED' | 'EXCHANGE_CALL_OUTSIDE_GRANT' | null {
  if (grant.resourceId !== resourceId) return 'EXCHANGE_CALL_OUTSIDE_GRANT';
  if (grant.status === 'revoked') return 'EXCHANGE_GRANT_REVOKED';
  if (grant.status !== 'granted' || grant.resourceStatus !== 'published') return 'EXCHANGE_CALL_OUTSIDE_GRANT';
  if (today < grant.periodFrom || today > grant.periodTo) return 'EXCHANGE_GRANT_EXPIRED';
  return null;
}

/** The digest of a call's query keys that the log keeps (never the raw ID number): SM3 of their canonical JSON. */
export function keyDigest(keys: Readonly<Record<string, string>>): string {
  return sm3Hex(canonicalJson(keys));
}

/** The fields of a call log row that its MAC and its chain link cover, in order. */
export interface CallFields {
  id: number;
  atUs: string;
  consumerDepartmentId: number | null;
  providerDepartmentId: number | null;
  grantId: number | null;
  tokenId: number | null;
  resourceId: number | null;
  resourceCode: string;
  purpose: string | null;
  keyDigest: string | null;
  status: number;
  code: string;
  rowsOut: number;
  bytesOut: number;
  durationUs: number;
  /** A forwarded call: the provider's last HTTP status (null when none came) and the microseconds spent on it; both null when not forwarded. */
  providerStatus: number | null;
  providerUs: number | null;
}

/**
 * What the server's MAC covers (all but the id, which the database assigns). The provider's status and time (migration
 * 0052) follow only when the call was forwarded: a call served from a collected table — and every call logged before
 * them — hashes as it always did, so the chain written before verifies unchanged, while setting, clearing or changing
 * either on any call changes its fields and breaks its MAC and its link (ADR 0047).
 */
export function callMacFields(c: Omit<CallFields, 'id'>): (string | number | null)[] {
  const forwarded = c.providerStatus !== null || c.providerUs !== null ? [c.providerStatus, c.providerUs] : [];
  return [
    'exchange-call',
    c.atUs,
    c.consumerDepartmentId,
    c.providerDepartmentId,
    c.grantId,
    c.tokenId,
    c.resourceId,
    c.resourceCode,
    c.purpose,
    c.keyDigest,
    c.status,
    c.code,
    c.rowsOut,
    c.bytesOut,
    c.durationUs,
    ...forwarded,
  ];
}

/** hash_n = SM3(hash_{n-1} ‖ canonical JSON of [id, …fields, mac]): changing, inserting or removing any call breaks it. */
export function callChainHash(prevHash: string, call: CallFields, mac: string | null): string {
  return sm3Hex(prevHash + canonicalJson([call.id, ...callMacFields(call), mac]));
}

/** The 95th percentile of durations (nearest rank), or null for none. */
export function p95(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

// ── Data demands (数据需求) ─────────────────────────────────────────────────────────────────────────────
// A consumer department asks for data the catalogue lacks; the provider (or the region's data office) answers on a
// clock. No national rule fixes that clock: it is the reply time of a conditional request (国发〔2016〕51号 Art. 14,
// 10 working days, recalled), which is also what the one local rule seen gives for data not yet on the platform
// (高平: 5 working days, 10 when the data is not yet on the platform; standards.md §5).

export const DEMAND_STATUSES = ['filed', 'accepted', 'refused', 'fulfilled'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** Working days the provider has to answer a demand (see above). */
export const DEMAND_REPLY_DAYS = DEFAULT_REPLY_DAYS;

/**
 * The demand's lifecycle in one table. accept: the provider will supply it (a resource named now or later); refuse:
 * with reasons; link: name (or change) the resource of an accepted demand; fulfil: that resource is published.
 */
export const DEMAND_TRANSITIONS = {
  accept: { from: ['filed'], to: 'accepted' },
  refuse: { from: ['filed'], to: 'refused' },
  link: { from: ['accepted'], to: 'accepted' },
  fulfil: { from: ['accepted'], to: 'fulfilled' },
} as const satisfies Record<string, { from: readonly DemandStatus[]; to: DemandStatus }>;
export type DemandAction = keyof typeof DEMAND_TRANSITIONS;

/**
 * Where an action leads a demand, or null when its status does not allow it. Accepting or linking a resource that is
 * already published fulfils the demand at once: the data is there.
 */
export function nextDemandStatus(status: DemandStatus, action: DemandAction, linkedPublished = false): DemandStatus | null {
  const t = DEMAND_TRANSITIONS[action];
  if (!(t.from as readonly DemandStatus[]).includes(status)) return null;
  return t.to === 'accepted' && linkedPublished ? 'fulfilled' : t.to;
}

/** How a demand stands against its clock: answered on time or late, or still open (overdue once past its due date). */
export function demandTiming(dueDate: string, answeredOn: string | null, today: string): 'on_time' | 'late' | 'open' | 'overdue' {
  if (answeredOn) return answeredOn <= dueDate ? 'on_time' : 'late';
  return today > dueDate ? 'overdue' : 'open';
}

export interface DemandFigures {
  filed: number;
  answered: number;
  answeredOnTime: number;
  accepted: number;
  refused: number;
  fulfilled: number;
  overdue: number;
  /** answeredOnTime ÷ answered (null when none answered). */
  onTimeRate: number | null;
  /** fulfilled ÷ filed (null when none filed). */
  fulfilledRate: number | null;
}

/** The figures of a set of demands: filed, answered (on time), accepted (fulfilled among them), refused, overdue. */
export function demandFigures(demands: readonly { status: DemandStatus; dueDate: string; answeredOn: string | null }[], today: string): DemandFigures {
  const f = { filed: 0, answered: 0, answeredOnTime: 0, accepted: 0, refused: 0, fulfilled: 0, overdue: 0 };
  for (const d of demands) {
    f.filed++;
    const timing = demandTiming(d.dueDate, d.answeredOn, today);
    if (timing === 'on_time' || timing === 'late') f.answered++;
    if (timing === 'on_time') f.answeredOnTime++;
    if (timing === 'overdue') f.overdue++;
    if (d.status === 'accepted' || d.status === 'fulfilled') f.accepted++;
    if (d.status === 'refused') f.refused++;
    if (d.status === 'fulfilled') f.fulfilled++;
  }
  return {
    ...f,
    onTimeRate: f.answered ? f.answeredOnTime / f.answered : null,
    fulfilledRate: f.filed ? f.fulfilled / f.filed : null,
  };
}
