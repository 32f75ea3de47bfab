import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';

import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { addWorkingDaysFrom } from '../../platform/calendar/calendar.service.ts';
import { today } from '../../platform/clock.ts';
import { newSecret, sm3Hex } from '../../platform/crypto.ts';
import { getDepartment } from '../regions/index.ts';
import { exchangeGrant, exchangeResource, exchangeToken } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { fulfilDemandsOf } from './exchange.demands.ts';
import {
  DEFAULT_REPLY_DAYS,
  fieldProblems,
  nextStatus,
  resourceCode,
  type Mask,
  type ResourceAction,
  type ResourceField,
  type ResourceStatus,
} from './exchange.core.ts';
import type { CreateResourceInput, GrantInput, GrantView, RequestInput, ResourceView, UpdateResourceInput } from './exchange.types.ts';

type ResourceRow = typeof exchangeResource.$inferSelect;
type GrantRow = typeof exchangeGrant.$inferSelect;

export const DEPT_NAME = (col: SQL) => sql<string>`coalesce((SELECT d.name FROM pub_regions_department d WHERE d.id = ${col}), '')`;
const ROWS = sql<number>`(SELECT count(*)::int FROM exchange_record r WHERE r.resource_id = ${exchangeResource.id})`;
/** The endpoint a resource is mounted to: its name and status, as one text 'status|name' (null when none). */
const ENDPOINT = sql<string | null>`(SELECT e.status || '|' || e.name FROM exchange_endpoint e WHERE e.id = ${exchangeResource.endpointId})`;
const RESOURCE_SELECT = { r: exchangeResource, dept: DEPT_NAME(sql`${exchangeResource.departmentId}`), rows: ROWS, endpoint: ENDPOINT };

function shapeResource(row: ResourceRow, departmentName: string, rows: number, endpoint: string | null): ResourceView {
  const [endpointStatus, ...name] = endpoint ? endpoint.split('|') : [];
  // Mounted to an endpoint, its calls go there only: a disabled endpoint serves nothing (the collected rows are not used).
  const mount = row.endpointId !== null ? (endpointStatus === 'active' ? 'endpoint' : 'none') : Number(rows) > 0 ? 'table' : 'none';
  return {
    id: Number(row.id),
    code: row.code,
    classification: row.classification,
    sequence: row.sequence,
    name: row.name,
    regionCode: row.regionCode,
    departmentId: Number(row.departmentId),
    departmentName,
    summary: row.summary,
    format: row.format,
    fields: row.fields as ResourceField[],
    keyField: row.keyField,
    sharing: row.sharing as ResourceView['sharing'],
    sharingBasis: row.sharingBasis,
    sharingConditions: row.sharingConditions,
    sharingMethod: row.sharingMethod as ResourceView['sharingMethod'],
    openAttribute: row.openAttribute as ResourceView['openAttribute'],
    updateCycle: row.updateCycle,
    releaseDate: row.releaseDate,
    status: row.status as ResourceStatus,
    mounted: mount !== 'none',
    mount,
    endpointId: row.endpointId === null ? null : Number(row.endpointId),
    endpointName: endpoint ? name.join('|') : null,
    endpointStatus: endpoint ? (endpointStatus as 'active' | 'disabled') : null,
    rows: Number(rows),
    publishedAt: iso(row.publishedAt),
    version: row.version,
  };
}

/** The scope acting on a resource needs: its provider's region and department. */
export const resourceScope = (r: { regionCode: string; departmentId: number }): Scope => ({ regionCode: r.regionCode, departmentId: r.departmentId });

export async function getResource(db: Db, id: number): Promise<ResourceView> {
  const [row] = await db.select(RESOURCE_SELECT).from(exchangeResource).where(eq(exchangeResource.id, id));
  if (!row) throw exchangeErrors.EXCHANGE_RESOURCE_NOT_FOUND({ id });
  return shapeResource(row.r, row.dept, row.rows, row.endpoint);
}

export async function findResourceByCode(db: Db, code: string): Promise<ResourceView | undefined> {
  const [row] = await db.select({ id: exchangeResource.id }).from(exchangeResource).where(eq(exchangeResource.code, code));
  return row ? getResource(db, Number(row.id)) : undefined;
}

/** Words of a search, each matched against name, summary and code (Chinese text: substrings, LIKE with escaped wildcards). */
function searchSql(q: string | undefined): SQL | undefined {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return undefined;
  return and(
    ...words.map((w) => {
      const like = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return sql`(${exchangeResource.name} LIKE ${like} OR ${exchangeResource.summary} LIKE ${like} OR ${exchangeResource.code} LIKE ${like})`;
    }),
  );
}

/** The catalogue for staff: published resources of every department, and the others within the reader's scope. */
export async function listResources(
  db: Db,
  q: { within: ScopeFilter; q?: string; status?: ResourceStatus; departmentId?: number; page: number; pageSize: number },
) {
  const where: SQL[] = [
    sql`(${exchangeResource.status} = 'published' OR ${scopeSql(q.within, sql`${exchangeResource.regionCode}`, sql`${exchangeResource.departmentId}`)})`,
  ];
  const s = searchSql(q.q);
  if (s) where.push(s);
  if (q.status) where.push(eq(exchangeResource.status, q.status));
  if (q.departmentId) where.push(eq(exchangeResource.departmentId, q.departmentId));
  const rows = await db
    .select(RESOURCE_SELECT)
    .from(exchangeResource)
    .where(and(...where))
    .orderBy(exchangeResource.code)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exchangeResource)
    .where(and(...where));
  return { total: Number(total), items: rows.map((r) => shapeResource(r.r, r.dept, r.rows, r.endpoint)) };
}

/** The public view: published resources whose 开放属性 is open, their metadata without the basis of sharing. */
export async function publicResources(db: Db, q: { q?: string; page: number; pageSize: number }) {
  const where = and(eq(exchangeResource.status, 'published'), eq(exchangeResource.openAttribute, 'open'), searchSql(q.q));
  const rows = await db
    .select({ r: exchangeResource, dept: DEPT_NAME(sql`${exchangeResource.departmentId}`) })
    .from(exchangeResource)
    .where(where)
    .orderBy(exchangeResource.code)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exchangeResource)
    .where(where);
  return {
    total: Number(total),
    items: rows.map(({ r, dept }) => ({
      code: r.code,
      name: r.name,
      departmentName: dept,
      summary: r.summary,
      format: r.format,
      sharing: r.sharing as ResourceView['sharing'],
      updateCycle: r.updateCycle,
      releaseDate: r.releaseDate,
      fields: (r.fields as ResourceField[]).map((f) => ({ name: f.name, type: f.type })),
    })),
  };
}

/** The provider department (and its region) of a new resource; the department must exist. */
export async function providerOf(db: Db, departmentId: number) {
  const dept = await getDepartment(db, departmentId).catch(() => {
    throw exchangeErrors.EXCHANGE_DEPARTMENT_INVALID({ departmentId });
  });
  return { regionCode: dept.regionCode, departmentId: Number(dept.id) };
}

function checkMetadata(input: Omit<CreateResourceInput, 'departmentId'>): string {
  const code = resourceCode(input.classification, input.sequence);
  const problems = fieldProblems(input.fields, input.keyField);
  if (!code) problems.push({ at: 'classification', message: '分类码 is 类 1 digit + 项 2 + 目 3 (+ 细目 digits), 顺序码 digits' });
  if (input.sharing !== 'open' && !input.sharingBasis?.trim())
    problems.push({ at: 'sharingBasis', message: 'a conditional or closed resource states its basis' });
  if (problems.length) throw exchangeErrors.EXCHANGE_RESOURCE_INVALID({ problems });
  return code!;
}

function metadataValues(input: Omit<CreateResourceInput, 'departmentId'>) {
  return {
    classification: input.classification,
    sequence: input.sequence,
    name: input.name,
    summary: input.summary,
    format: input.format,
    fields: input.fields,
    keyField: input.keyField,
    sharing: input.sharing,
    sharingBasis: input.sharingBasis,
    sharingConditions: input.sharingConditions,
    sharingMethod: input.sharingMethod,
    openAttribute: input.openAttribute,
    updateCycle: input.updateCycle,
    releaseDate: input.releaseDate,
  };
}

/** A new resource, a draft of its provider department. One audit entry. */
export async function createResource(tx: Db, ctx: RequestContext, input: CreateResourceInput, provider: { regionCode: string; departmentId: number }) {
  const code = checkMetadata(input);
  const [taken] = await tx.select({ id: exchangeResource.id }).from(exchangeResource).where(eq(exchangeResource.code, code));
  if (taken) throw exchangeErrors.EXCHANGE_RESOURCE_CODE_TAKEN({ code });
  const [row] = await tx
    .insert(exchangeResource)
    .values({ code, ...metadataValues(input), ...provider, createdBy: ctx.actor.username })
    .returning({ id: exchangeResource.id });
  await writeAudit(tx, ctx, { action: 'exchange.resource.create', targetType: 'exchange_resource', targetId: row.id, change: { code, ...input } });
  return getResource(tx, Number(row.id));
}

async function lockResource(tx: Db, id: number, version: number) {
  const [row] = await tx.select().from(exchangeResource).where(eq(exchangeResource.id, id)).for('update');
  if (!row) throw exchangeErrors.EXCHANGE_RESOURCE_NOT_FOUND({ id });
  if (row.version !== version) throw exchangeErrors.EXCHANGE_VERSION_CONFLICT({ version: row.version });
  return row;
}

/** Changes a draft's metadata (carrying its row version); the code follows the classification and sequence. */
export async function updateResource(tx: Db, ctx: RequestContext, id: number, input: UpdateResourceInput) {
  const row = await lockResource(tx, id, input.version);
  if (row.status !== 'draft') throw exchangeErrors.EXCHANGE_ILLEGAL_TRANSITION({ status: row.status, action: 'update' });
  const code = checkMetadata(input);
  if (code !== row.code) {
    const [taken] = await tx.select({ id: exchangeResource.id }).from(exchangeResource).where(eq(exchangeResource.code, code));
    if (taken) throw exchangeErrors.EXCHANGE_RESOURCE_CODE_TAKEN({ code });
  }
  await tx
    .update(exchangeResource)
    .set({ code, ...metadataValues(input), version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeResource.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.resource.update', targetType: 'exchange_resource', targetId: id, change: { code, ...input } });
  return getResource(tx, id);
}

/** A lifecycle step (submit, return, publish, retire), checked by the transition table. One audit entry. */
export async function transitionResource(tx: Db, ctx: RequestContext, id: number, action: ResourceAction, version: number) {
  const row = await lockResource(tx, id, version);
  const to = nextStatus(row.status as ResourceStatus, action);
  if (!to) throw exchangeErrors.EXCHANGE_ILLEGAL_TRANSITION({ status: row.status, action });
  await tx
    .update(exchangeResource)
    .set({
      status: to,
      version: row.version + 1,
      updatedAt: sql`now()`,
      ...(to === 'published' ? { publishedAt: sql`now()`, releaseDate: row.releaseDate ?? today() } : {}),
      ...(to === 'retired' ? { retiredAt: sql`now()` } : {}),
    })
    .where(eq(exchangeResource.id, id));
  await writeAudit(tx, ctx, { action: `exchange.resource.${action}`, targetType: 'exchange_resource', targetId: id, change: { from: row.status, to } });
  // 数据需求: the accepted demands waiting for this resource are fulfilled by its publication.
  if (to === 'published') await fulfilDemandsOf(tx, ctx, id);
  return getResource(tx, id);
}

// ── Sharing requests and grants ─────────────────────────────────────────────────────────────────────────

const GRANT_SELECT = {
  g: exchangeGrant,
  resourceCode: exchangeResource.code,
  resourceName: exchangeResource.name,
  providerDepartmentId: exchangeResource.departmentId,
  providerRegionCode: exchangeResource.regionCode,
  providerName: DEPT_NAME(sql`${exchangeResource.departmentId}`),
  consumerName: DEPT_NAME(sql`${exchangeGrant.consumerDepartmentId}`),
};

/** The stored { field: mask } as the API's list, in the order of the allowed fields (jsonb keeps no key order). */
const masksOut = (allowed: string[] | null, masks: Record<string, Mask> | null) =>
  masks === null ? null : (allowed ?? []).filter((f) => masks[f]).map((field) => ({ field, mask: masks[field] }));

function shapeGrant(r: {
  g: GrantRow;
  resourceCode: string;
  resourceName: string;
  providerDepartmentId: number;
  providerName: string;
  consumerName: string;
}): GrantView {
  const g = r.g;
  return {
    id: Number(g.id),
    resourceId: Number(g.resourceId),
    resourceCode: r.resourceCode,
    resourceName: r.resourceName,
    providerDepartmentId: Number(r.providerDepartmentId),
    providerDepartmentName: r.providerName,
    consumerRegionCode: g.consumerRegionCode,
    consumerDepartmentId: Number(g.consumerDepartmentId),
    consumerDepartmentName: r.consumerName,
    purpose: g.purpose,
    legalBasis: g.legalBasis,
    requestedFields: g.requestedFields as string[],
    periodFrom: g.periodFrom,
    periodTo: g.periodTo,
    expectedVolume: g.expectedVolume,
    status: g.status as GrantView['status'],
    dueDate: g.dueDate,
    allowedFields: g.allowedFields as string[] | null,
    masks: masksOut(g.allowedFields as string[] | null, g.masks as Record<string, Mask> | null),
    ratePerMinute: g.ratePerMinute,
    reasons: g.reasons,
    requestedBy: g.requestedBy,
    decidedBy: g.decidedBy,
    decidedAt: iso(g.decidedAt),
    revokedAt: iso(g.revokedAt),
    version: g.version,
    createdAt: iso(g.createdAt),
  };
}

/** A request or grant with the provider's region (for the scope checks; not part of its view). */
export async function getGrantScoped(db: Db, id: number): Promise<GrantView & { providerRegionCode: string }> {
  const [row] = await db
    .select(GRANT_SELECT)
    .from(exchangeGrant)
    .innerJoin(exchangeResource, eq(exchangeResource.id, exchangeGrant.resourceId))
    .where(eq(exchangeGrant.id, id));
  if (!row) throw exchangeErrors.EXCHANGE_GRANT_NOT_FOUND({ id });
  return { ...shapeGrant(row), providerRegionCode: row.providerRegionCode };
}

export async function getGrant(db: Db, id: number): Promise<GrantView> {
  const { providerRegionCode: _p, ...view } = await getGrantScoped(db, id);
  return view;
}

/** The scopes of a grant: the provider's (review, revoke) and the consumer's (tokens, its own calls). */
export const providerScope = (g: { providerRegionCode: string; providerDepartmentId: number }): Scope => ({
  regionCode: g.providerRegionCode,
  departmentId: g.providerDepartmentId,
});
export const consumerScope = (g: { consumerRegionCode: string; consumerDepartmentId: number }): Scope => ({
  regionCode: g.consumerRegionCode,
  departmentId: g.consumerDepartmentId,
});

/** Requests and grants within my scope, as provider (to review) or as consumer (mine). */
export async function listGrants(
  db: Db,
  q: { within: ScopeFilter; side: 'consumer' | 'provider'; status?: GrantView['status']; page: number; pageSize: number },
) {
  const where: SQL[] = [
    q.side === 'provider'
      ? scopeSql(q.within, sql`${exchangeResource.regionCode}`, sql`${exchangeResource.departmentId}`)
      : scopeSql(q.within, sql`${exchangeGrant.consumerRegionCode}`, sql`${exchangeGrant.consumerDepartmentId}`),
  ];
  if (q.status) where.push(eq(exchangeGrant.status, q.status));
  const rows = await db
    .select(GRANT_SELECT)
    .from(exchangeGrant)
    .innerJoin(exchangeResource, eq(exchangeResource.id, exchangeGrant.resourceId))
    .where(and(...where))
    .orderBy(desc(exchangeGrant.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exchangeGrant)
    .innerJoin(exchangeResource, eq(exchangeResource.id, exchangeGrant.resourceId))
    .where(and(...where));
  return { total: Number(total), items: rows.map(shapeGrant) };
}

/**
 * The reply deadline: `days` working days from today on the platform calendar. When the calendar lacks next year (a
 * request in late December before the admin loads it), weekdays are counted instead, and the deadline says so by
 * being no later than the calendar's would usually be; the calendar page asks for the year from 1 October.
 */
export async function replyDue(tx: Db, days: number): Promise<string> {
  try {
    return await addWorkingDaysFrom(tx, today(), days);
  } catch {
    let d = new Date(`${today()}T00:00:00Z`);
    for (let n = 0; n < days;) {
      d = new Date(d.getTime() + 86_400_000);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
    }
    return d.toISOString().slice(0, 10);
  }
}

/**
 * A sharing request (共享申请) of a consumer department. An open (无条件) resource is granted at once with every
 * requested field; a conditional one waits for its provider, due in DEFAULT_REPLY_DAYS working days (国发〔2016〕51号
 * Art. 14); a closed one is refused (EXCHANGE_RESOURCE_CLOSED). One audit entry.
 */
export async function requestSharing(
  tx: Db,
  ctx: RequestContext,
  input: RequestInput,
  consumer: { regionCode: string; departmentId: number },
  replyDays = DEFAULT_REPLY_DAYS,
) {
  const resource = await getResource(tx, input.resourceId);
  if (resource.status !== 'published') throw exchangeErrors.EXCHANGE_NOT_PUBLISHED({ status: resource.status });
  if (resource.sharing === 'closed') throw exchangeErrors.EXCHANGE_RESOURCE_CLOSED({ basis: resource.sharingBasis });
  const known = new Set(resource.fields.map((f) => f.key));
  const unknown = input.fields.filter((f) => !known.has(f));
  if (unknown.length) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ unknown });
  if (input.periodTo < input.periodFrom) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ period: 'periodTo before periodFrom' });
  const fields = [...new Set(input.fields)];
  const open = resource.sharing === 'open';
  const [row] = await tx
    .insert(exchangeGrant)
    .values({
      resourceId: resource.id,
      consumerRegionCode: consumer.regionCode,
      consumerDepartmentId: consumer.departmentId,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      requestedFields: fields,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      expectedVolume: input.expectedVolume,
      status: open ? 'granted' : 'pending',
      dueDate: open ? null : await replyDue(tx, replyDays),
      ...(open ? { allowedFields: fields, masks: {}, ratePerMinute: 600, decidedBy: 'system:open-sharing', decidedAt: sql`now()` } : {}),
      requestedBy: ctx.actor.username,
    })
    .returning({ id: exchangeGrant.id });
  await writeAudit(tx, ctx, {
    action: open ? 'exchange.grant.open' : 'exchange.grant.request',
    targetType: 'exchange_grant',
    targetId: row.id,
    change: { ...input, fields, consumer },
  });
  return getGrant(tx, Number(row.id));
}

async function lockGrant(tx: Db, id: number, version: number) {
  const [row] = await tx.select().from(exchangeGrant).where(eq(exchangeGrant.id, id)).for('update');
  if (!row) throw exchangeErrors.EXCHANGE_GRANT_NOT_FOUND({ id });
  if (row.version !== version) throw exchangeErrors.EXCHANGE_VERSION_CONFLICT({ version: row.version });
  return row;
}

/** The provider grants a pending request: the fields allowed (of those requested), a mask per field, a rate, the end of validity. */
export async function decideGrant(tx: Db, ctx: RequestContext, id: number, input: GrantInput) {
  const row = await lockGrant(tx, id, input.version);
  if (row.status !== 'pending') throw exchangeErrors.EXCHANGE_GRANT_NOT_PENDING({ status: row.status });
  const requested = new Set(row.requestedFields as string[]);
  const masked = input.masks.map((m) => m.field);
  const outside = [...input.allowedFields, ...masked].filter((f) => !requested.has(f));
  if (outside.length) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ notRequested: outside });
  const maskedNotAllowed = masked.filter((f) => !input.allowedFields.includes(f));
  if (maskedNotAllowed.length) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ maskedNotAllowed });
  const twice = masked.filter((f, i) => masked.indexOf(f) !== i);
  if (twice.length) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ maskedTwice: twice });
  const periodTo = input.validTo ?? row.periodTo;
  if (periodTo < row.periodFrom) throw exchangeErrors.EXCHANGE_FIELDS_INVALID({ validTo: periodTo });
  // Stored as { field: mask } (what a call reads); the API speaks a list of { field, mask }.
  const masks = Object.fromEntries(input.masks.filter((m) => m.mask !== 'none').map((m) => [m.field, m.mask]));
  await tx
    .update(exchangeGrant)
    .set({
      status: 'granted',
      allowedFields: [...new Set(input.allowedFields)],
      masks,
      ratePerMinute: input.ratePerMinute,
      periodTo,
      decidedBy: ctx.actor.username,
      decidedAt: sql`now()`,
      version: row.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(exchangeGrant.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.grant.grant', targetType: 'exchange_grant', targetId: id, change: { ...input, masks, periodTo } });
  return getGrant(tx, id);
}

/** The provider refuses a pending request, with its reasons. */
export async function refuseGrant(tx: Db, ctx: RequestContext, id: number, input: { version: number; reasons: string }) {
  const row = await lockGrant(tx, id, input.version);
  if (row.status !== 'pending') throw exchangeErrors.EXCHANGE_GRANT_NOT_PENDING({ status: row.status });
  await tx
    .update(exchangeGrant)
    .set({ status: 'refused', reasons: input.reasons, decidedBy: ctx.actor.username, decidedAt: sql`now()`, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeGrant.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.grant.refuse', targetType: 'exchange_grant', targetId: id, change: input });
  return getGrant(tx, id);
}

/** Revokes a grant: every call under it is refused from the commit on (calls read the grant afresh each time). */
export async function revokeGrant(tx: Db, ctx: RequestContext, id: number, input: { version: number; reasons?: string }) {
  const row = await lockGrant(tx, id, input.version);
  if (row.status !== 'granted') throw exchangeErrors.EXCHANGE_GRANT_NOT_ACTIVE({ status: row.status });
  await tx
    .update(exchangeGrant)
    .set({
      status: 'revoked',
      revokedBy: ctx.actor.username,
      revokedAt: sql`now()`,
      reasons: input.reasons ?? row.reasons,
      version: row.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(exchangeGrant.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.grant.revoke', targetType: 'exchange_grant', targetId: id, change: input });
  return getGrant(tx, id);
}

// ── Machine tokens ──────────────────────────────────────────────────────────────────────────────────────

type TokenRow = typeof exchangeToken.$inferSelect;
const shapeToken = (t: TokenRow) => ({
  id: Number(t.id),
  grantId: Number(t.grantId),
  departmentId: Number(t.departmentId),
  name: t.name,
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
  createdAt: iso(t.createdAt),
});

/** A machine token of the grant's consumer department, bound to the grant: the secret is returned once, its SM3 digest kept. */
export async function createToken(tx: Db, ctx: RequestContext, grant: GrantView, input: { name: string; days: number }) {
  if (grant.status !== 'granted') throw exchangeErrors.EXCHANGE_GRANT_NOT_ACTIVE({ status: grant.status });
  const secret = `xt_${newSecret()}`;
  const [row] = await tx
    .insert(exchangeToken)
    .values({
      grantId: grant.id,
      departmentId: grant.consumerDepartmentId,
      name: input.name,
      tokenHash: sm3Hex(secret),
      createdBy: ctx.actor.username,
      expiresAt: sql`now() + make_interval(days => ${input.days})`,
    })
    .returning();
  await writeAudit(tx, ctx, {
    action: 'exchange.token.create',
    targetType: 'exchange_token',
    targetId: row.id,
    change: { grantId: grant.id, name: input.name, days: input.days },
  });
  return { ...shapeToken(row), token: secret };
}

export async function listTokens(db: Db, grantId: number) {
  return (await db.select().from(exchangeToken).where(eq(exchangeToken.grantId, grantId)).orderBy(desc(exchangeToken.id))).map(shapeToken);
}

export async function getToken(db: Db, id: number) {
  const [row] = await db.select().from(exchangeToken).where(eq(exchangeToken.id, id));
  if (!row) throw exchangeErrors.EXCHANGE_GRANT_NOT_FOUND({ token: id });
  return shapeToken(row);
}

export async function revokeToken(tx: Db, ctx: RequestContext, id: number) {
  const [row] = await tx
    .update(exchangeToken)
    .set({ revokedAt: sql`coalesce(revoked_at, now())` })
    .where(eq(exchangeToken.id, id))
    .returning();
  if (!row) throw exchangeErrors.EXCHANGE_GRANT_NOT_FOUND({ token: id });
  await writeAudit(tx, ctx, { action: 'exchange.token.revoke', targetType: 'exchange_token', targetId: id, change: {} });
  return shapeToken(row);
}

/** Whether a department lies within a region (for a consumer chosen explicitly). */
export async function consumerOf(db: Db, departmentId: number) {
  return providerOf(db, departmentId);
}
