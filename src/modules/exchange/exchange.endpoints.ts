import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { exchangeEndpoint, exchangeResource } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { endpointUrlProblem, type EndpointMethod, type EndpointStatus } from './exchange.forward.ts';
import { DEPT_NAME, getResource } from './exchange.service.ts';
import type { EndpointInput, EndpointUpdateInput, EndpointView } from './exchange.types.ts';

// 前置机/接口登记 (ADR 0047): a provider department registers the endpoints of its systems; a resource of that
// department is mounted (挂载) to one of them, and its calls are forwarded there (exchange.forward.ts).

type EndpointRow = typeof exchangeEndpoint.$inferSelect;
const MOUNTED = sql<number>`(SELECT count(*)::int FROM exchange_resource r WHERE r.endpoint_id = ${exchangeEndpoint.id})`;
const SELECT = { e: exchangeEndpoint, dept: DEPT_NAME(sql`${exchangeEndpoint.departmentId}`), resources: MOUNTED };

function shapeEndpoint(r: { e: EndpointRow; dept: string; resources: number }): EndpointView {
  const e = r.e;
  return {
    id: Number(e.id),
    regionCode: e.regionCode,
    departmentId: Number(e.departmentId),
    departmentName: r.dept,
    name: e.name,
    baseUrl: e.baseUrl,
    method: e.method as EndpointMethod,
    keyParam: e.keyParam,
    timeoutMs: e.timeoutMs,
    status: e.status as EndpointStatus,
    resources: Number(r.resources),
    createdBy: e.createdBy,
    version: e.version,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

/** The scope acting on an endpoint needs: its provider's region and department. */
export const endpointScope = (e: { regionCode: string; departmentId: number }): Scope => ({ regionCode: e.regionCode, departmentId: e.departmentId });

export async function getEndpoint(db: Db, id: number): Promise<EndpointView> {
  const [row] = await db.select(SELECT).from(exchangeEndpoint).where(eq(exchangeEndpoint.id, id));
  if (!row) throw exchangeErrors.EXCHANGE_ENDPOINT_NOT_FOUND({ id });
  return shapeEndpoint(row);
}

/** The endpoints within my scope (newest first), of one department or status if asked. */
export async function listEndpoints(
  db: Db,
  q: { within: ScopeFilter; departmentId?: number; status?: EndpointStatus; page: number; pageSize: number },
): Promise<{ total: number; items: EndpointView[] }> {
  const where: SQL[] = [scopeSql(q.within, sql`${exchangeEndpoint.regionCode}`, sql`${exchangeEndpoint.departmentId}`)];
  if (q.departmentId) where.push(eq(exchangeEndpoint.departmentId, q.departmentId));
  if (q.status) where.push(eq(exchangeEndpoint.status, q.status));
  const rows = await db
    .select(SELECT)
    .from(exchangeEndpoint)
    .where(and(...where))
    .orderBy(desc(exchangeEndpoint.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exchangeEndpoint)
    .where(and(...where));
  return { total: Number(total), items: rows.map(shapeEndpoint) };
}

function checkUrl(baseUrl: string): string {
  const problem = endpointUrlProblem(baseUrl.trim());
  if (problem) throw exchangeErrors.EXCHANGE_ENDPOINT_INVALID({ problems: [{ at: 'baseUrl', message: problem }] });
  return baseUrl.trim();
}

/** Registers an endpoint of a provider department (active). One audit entry. */
export async function createEndpoint(tx: Db, ctx: RequestContext, input: EndpointInput, provider: { regionCode: string; departmentId: number }) {
  const baseUrl = checkUrl(input.baseUrl);
  const [row] = await tx
    .insert(exchangeEndpoint)
    .values({
      ...provider,
      name: input.name,
      baseUrl,
      method: input.method,
      keyParam: input.keyParam,
      timeoutMs: input.timeoutMs,
      createdBy: ctx.actor.username,
    })
    .returning({ id: exchangeEndpoint.id });
  await writeAudit(tx, ctx, { action: 'exchange.endpoint.create', targetType: 'exchange_endpoint', targetId: row.id, change: { ...input, baseUrl } });
  return getEndpoint(tx, Number(row.id));
}

async function lockEndpoint(tx: Db, id: number, version: number) {
  const [row] = await tx.select().from(exchangeEndpoint).where(eq(exchangeEndpoint.id, id)).for('update');
  if (!row) throw exchangeErrors.EXCHANGE_ENDPOINT_NOT_FOUND({ id });
  if (row.version !== version) throw exchangeErrors.EXCHANGE_VERSION_CONFLICT({ version: row.version });
  return row;
}

/** Changes an endpoint's name, address, method, key parameter or time budget (carrying its row version). */
export async function updateEndpoint(tx: Db, ctx: RequestContext, id: number, input: EndpointUpdateInput) {
  const row = await lockEndpoint(tx, id, input.version);
  const baseUrl = checkUrl(input.baseUrl);
  const change = { name: input.name, baseUrl, method: input.method, keyParam: input.keyParam, timeoutMs: input.timeoutMs };
  await tx
    .update(exchangeEndpoint)
    .set({ ...change, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeEndpoint.id, id));
  const before = { name: row.name, baseUrl: row.baseUrl, method: row.method, keyParam: row.keyParam, timeoutMs: row.timeoutMs };
  await writeAudit(tx, ctx, { action: 'exchange.endpoint.update', targetType: 'exchange_endpoint', targetId: id, change: { before, after: change } });
  return getEndpoint(tx, id);
}

/** Disables (no call is forwarded to it from the commit on) or enables again an endpoint. One audit entry. */
export async function setEndpointStatus(tx: Db, ctx: RequestContext, id: number, input: { status: EndpointStatus; version: number }) {
  const row = await lockEndpoint(tx, id, input.version);
  if (row.status === input.status) throw exchangeErrors.EXCHANGE_ILLEGAL_TRANSITION({ status: row.status, to: input.status });
  await tx
    .update(exchangeEndpoint)
    .set({ status: input.status, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeEndpoint.id, id));
  await writeAudit(tx, ctx, {
    action: input.status === 'disabled' ? 'exchange.endpoint.disable' : 'exchange.endpoint.enable',
    targetType: 'exchange_endpoint',
    targetId: id,
    change: { from: row.status, to: input.status },
  });
  return getEndpoint(tx, id);
}

/**
 * 挂载: mounts a resource to an active endpoint of its own provider department, or back to its collected table (null).
 * Carries the resource's row version; not for a retired resource. One audit entry.
 */
export async function mountResource(tx: Db, ctx: RequestContext, id: number, input: { version: number; endpointId: number | null }) {
  const [row] = await tx.select().from(exchangeResource).where(eq(exchangeResource.id, id)).for('update');
  if (!row) throw exchangeErrors.EXCHANGE_RESOURCE_NOT_FOUND({ id });
  if (row.version !== input.version) throw exchangeErrors.EXCHANGE_VERSION_CONFLICT({ version: row.version });
  if (row.status === 'retired') throw exchangeErrors.EXCHANGE_ILLEGAL_TRANSITION({ status: row.status, action: 'mount' });
  if (input.endpointId !== null) {
    const [e] = await tx.select().from(exchangeEndpoint).where(eq(exchangeEndpoint.id, input.endpointId));
    if (!e || Number(e.departmentId) !== Number(row.departmentId) || e.status !== 'active')
      throw exchangeErrors.EXCHANGE_MOUNT_INVALID({ endpointId: input.endpointId });
  }
  await tx
    .update(exchangeResource)
    .set({ endpointId: input.endpointId, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeResource.id, id));
  await writeAudit(tx, ctx, {
    action: 'exchange.resource.mount',
    targetType: 'exchange_resource',
    targetId: id,
    change: { from: row.endpointId === null ? null : Number(row.endpointId), to: input.endpointId },
  });
  return getResource(tx, id);
}
