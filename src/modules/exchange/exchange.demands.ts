import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { TIME_ZONE, today } from '../../platform/clock.ts';
import { exchangeDemand, exchangeResource } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { DEMAND_REPLY_DAYS, DEMAND_TRANSITIONS, demandFigures, demandTiming, nextDemandStatus, type DemandAction, type DemandStatus } from './exchange.core.ts';
import { DEPT_NAME, replyDue } from './exchange.service.ts';
import type { DemandInput, DemandView } from './exchange.types.ts';

/**
 * 数据需求: a consumer department asks a provider department for data the catalogue lacks; the provider (or the data
 * office of its region) accepts — naming the resource that will serve it, now or later — or refuses with reasons,
 * within DEMAND_REPLY_DAYS working days. An accepted demand is fulfilled when its resource is published. The
 * lifecycle is DEMAND_TRANSITIONS (exchange.core.ts); every step writes one audit entry (ADR 0043).
 */

type DemandRow = typeof exchangeDemand.$inferSelect;
const linked = alias(exchangeResource, 'linked');

// A function, not a constant: exchange.service.ts imports this file for fulfilDemandsOf, and DEPT_NAME is its.
const demandSelect = () => ({
  d: exchangeDemand,
  consumerName: DEPT_NAME(sql`${exchangeDemand.consumerDepartmentId}`),
  providerName: DEPT_NAME(sql`${exchangeDemand.providerDepartmentId}`),
  resourceCode: linked.code,
  resourceName: linked.name,
});

function shapeDemand(r: { d: DemandRow; consumerName: string; providerName: string; resourceCode: string | null; resourceName: string | null }): DemandView {
  const d = r.d;
  return {
    id: Number(d.id),
    title: d.title,
    purpose: d.purpose,
    legalBasis: d.legalBasis,
    wantedFields: d.wantedFields as string[],
    consumerRegionCode: d.consumerRegionCode,
    consumerDepartmentId: Number(d.consumerDepartmentId),
    consumerDepartmentName: r.consumerName,
    providerRegionCode: d.providerRegionCode,
    providerDepartmentId: Number(d.providerDepartmentId),
    providerDepartmentName: r.providerName,
    status: d.status as DemandStatus,
    dueDate: d.dueDate,
    timing: demandTiming(d.dueDate, d.answeredOn, today()),
    answer: d.answer,
    resourceId: d.resourceId === null ? null : Number(d.resourceId),
    resourceCode: r.resourceCode,
    resourceName: r.resourceName,
    answeredBy: d.answeredBy,
    answeredOn: d.answeredOn,
    fulfilledAt: iso(d.fulfilledAt),
    requestedBy: d.requestedBy,
    version: d.version,
    createdAt: iso(d.createdAt),
  };
}

const fromDemands = (db: Db) => db.select(demandSelect()).from(exchangeDemand).leftJoin(linked, eq(linked.id, exchangeDemand.resourceId));

export async function getDemand(db: Db, id: number): Promise<DemandView> {
  const [row] = await fromDemands(db).where(eq(exchangeDemand.id, id));
  if (!row) throw exchangeErrors.EXCHANGE_DEMAND_NOT_FOUND({ id });
  return shapeDemand(row);
}

/** The scopes of a demand: the provider's (answer) and the consumer's (its own demands). */
export const demandProviderScope = (d: { providerRegionCode: string; providerDepartmentId: number }): Scope => ({
  regionCode: d.providerRegionCode,
  departmentId: d.providerDepartmentId,
});
export const demandConsumerScope = (d: { consumerRegionCode: string; consumerDepartmentId: number }): Scope => ({
  regionCode: d.consumerRegionCode,
  departmentId: d.consumerDepartmentId,
});

/** Demands within my scope, as provider (to answer) or as consumer (mine), newest first. */
export async function listDemands(db: Db, q: { within: ScopeFilter; side: 'consumer' | 'provider'; status?: DemandStatus; page: number; pageSize: number }) {
  const where: SQL[] = [
    q.side === 'provider'
      ? scopeSql(q.within, sql`${exchangeDemand.providerRegionCode}`, sql`${exchangeDemand.providerDepartmentId}`)
      : scopeSql(q.within, sql`${exchangeDemand.consumerRegionCode}`, sql`${exchangeDemand.consumerDepartmentId}`),
  ];
  if (q.status) where.push(eq(exchangeDemand.status, q.status));
  const rows = await fromDemands(db)
    .where(and(...where))
    .orderBy(desc(exchangeDemand.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(exchangeDemand)
    .where(and(...where));
  return { total: Number(total), items: rows.map(shapeDemand) };
}

/** A demand of the consumer department to a provider department, due in DEMAND_REPLY_DAYS working days. One audit entry. */
export async function fileDemand(
  tx: Db,
  ctx: RequestContext,
  input: DemandInput,
  consumer: { regionCode: string; departmentId: number },
  provider: { regionCode: string; departmentId: number },
) {
  if (consumer.departmentId === provider.departmentId) throw exchangeErrors.EXCHANGE_DEMAND_INVALID({ providerDepartmentId: provider.departmentId });
  const wantedFields = [...new Set(input.wantedFields.map((f) => f.trim()).filter(Boolean))];
  if (!wantedFields.length) throw exchangeErrors.EXCHANGE_DEMAND_INVALID({ wantedFields: 'none' });
  const [row] = await tx
    .insert(exchangeDemand)
    .values({
      title: input.title,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      wantedFields,
      consumerRegionCode: consumer.regionCode,
      consumerDepartmentId: consumer.departmentId,
      providerRegionCode: provider.regionCode,
      providerDepartmentId: provider.departmentId,
      dueDate: await replyDue(tx, DEMAND_REPLY_DAYS),
      requestedBy: ctx.actor.username,
    })
    .returning({ id: exchangeDemand.id });
  await writeAudit(tx, ctx, {
    action: 'exchange.demand.file',
    targetType: 'exchange_demand',
    targetId: row.id,
    change: { ...input, wantedFields, consumer, provider },
  });
  return getDemand(tx, Number(row.id));
}

async function lockDemand(tx: Db, id: number, version: number) {
  const [row] = await tx.select().from(exchangeDemand).where(eq(exchangeDemand.id, id)).for('update');
  if (!row) throw exchangeErrors.EXCHANGE_DEMAND_NOT_FOUND({ id });
  if (row.version !== version) throw exchangeErrors.EXCHANGE_VERSION_CONFLICT({ version: row.version });
  return row;
}

/** A resource a demand may be linked to: one of its provider's, not retired. Returns whether it is published. */
async function linkable(tx: Db, demand: DemandRow, resourceId: number): Promise<boolean> {
  const [r] = await tx
    .select({ departmentId: exchangeResource.departmentId, status: exchangeResource.status })
    .from(exchangeResource)
    .where(eq(exchangeResource.id, resourceId));
  if (!r || Number(r.departmentId) !== Number(demand.providerDepartmentId) || r.status === 'retired')
    throw exchangeErrors.EXCHANGE_DEMAND_RESOURCE_INVALID({ resourceId });
  return r.status === 'published';
}

/** One step of DEMAND_TRANSITIONS on a locked demand: the status it leads to, or EXCHANGE_DEMAND_ILLEGAL_TRANSITION. */
function step(row: DemandRow, action: DemandAction, linkedPublished = false): DemandStatus {
  const to = nextDemandStatus(row.status as DemandStatus, action, linkedPublished);
  if (!to) throw exchangeErrors.EXCHANGE_DEMAND_ILLEGAL_TRANSITION({ status: row.status, action });
  return to;
}

/** The provider accepts, optionally naming the resource (fulfilled at once when it is already published). */
export async function acceptDemand(tx: Db, ctx: RequestContext, id: number, input: { version: number; answer: string; resourceId?: number }) {
  const row = await lockDemand(tx, id, input.version);
  const published = input.resourceId ? await linkable(tx, row, input.resourceId) : false;
  const to = step(row, 'accept', published);
  await tx
    .update(exchangeDemand)
    .set({
      status: to,
      answer: input.answer,
      resourceId: input.resourceId ?? null,
      answeredBy: ctx.actor.username,
      answeredOn: today(),
      ...(to === 'fulfilled' ? { fulfilledAt: sql`now()` } : {}),
      version: row.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(exchangeDemand.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.demand.accept', targetType: 'exchange_demand', targetId: id, change: { ...input, to } });
  return getDemand(tx, id);
}

/** The provider refuses, with its reasons. */
export async function refuseDemand(tx: Db, ctx: RequestContext, id: number, input: { version: number; reasons: string }) {
  const row = await lockDemand(tx, id, input.version);
  const to = step(row, 'refuse');
  await tx
    .update(exchangeDemand)
    .set({ status: to, answer: input.reasons, answeredBy: ctx.actor.username, answeredOn: today(), version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(exchangeDemand.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.demand.refuse', targetType: 'exchange_demand', targetId: id, change: input });
  return getDemand(tx, id);
}

/** Names (or changes) the resource of an accepted demand: fulfilled at once when it is published. */
export async function linkDemand(tx: Db, ctx: RequestContext, id: number, input: { version: number; resourceId: number }) {
  const row = await lockDemand(tx, id, input.version);
  const published = await linkable(tx, row, input.resourceId);
  const to = step(row, 'link', published);
  await tx
    .update(exchangeDemand)
    .set({
      status: to,
      resourceId: input.resourceId,
      ...(to === 'fulfilled' ? { fulfilledAt: sql`now()` } : {}),
      version: row.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(exchangeDemand.id, id));
  await writeAudit(tx, ctx, { action: 'exchange.demand.link', targetType: 'exchange_demand', targetId: id, change: { ...input, to } });
  return getDemand(tx, id);
}

/** A resource was published: the accepted demands linked to it are fulfilled (in the publication's transaction, one audit entry each). */
export async function fulfilDemandsOf(tx: Db, ctx: RequestContext, resourceId: number): Promise<number[]> {
  const rows = await tx
    .update(exchangeDemand)
    .set({ status: DEMAND_TRANSITIONS.fulfil.to, fulfilledAt: sql`now()`, version: sql`${exchangeDemand.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(exchangeDemand.resourceId, resourceId), inArray(exchangeDemand.status, DEMAND_TRANSITIONS.fulfil.from)))
    .returning({ id: exchangeDemand.id });
  for (const r of rows) await writeAudit(tx, ctx, { action: 'exchange.demand.fulfil', targetType: 'exchange_demand', targetId: r.id, change: { resourceId } });
  return rows.map((r) => Number(r.id));
}

/** Filed, answered (on time), accepted, refused, fulfilled and overdue demands within my scope (by provider), filed between two days. */
export async function demandStatistics(db: Db, q: { within: ScopeFilter; from?: string; to?: string }) {
  const where: SQL[] = [scopeSql(q.within, sql`${exchangeDemand.providerRegionCode}`, sql`${exchangeDemand.providerDepartmentId}`)];
  const filedOn = sql`(${exchangeDemand.createdAt} AT TIME ZONE ${TIME_ZONE})::date`;
  if (q.from) where.push(gte(filedOn, q.from));
  if (q.to) where.push(lte(filedOn, q.to));
  const rows = await db
    .select({
      providerDepartmentId: exchangeDemand.providerDepartmentId,
      name: DEPT_NAME(sql`${exchangeDemand.providerDepartmentId}`),
      status: exchangeDemand.status,
      dueDate: exchangeDemand.dueDate,
      answeredOn: exchangeDemand.answeredOn,
    })
    .from(exchangeDemand)
    .where(and(...where));
  const day = today();
  const demands = rows.map((r) => ({ ...r, status: r.status as DemandStatus, providerDepartmentId: Number(r.providerDepartmentId) }));
  const providers = [...new Map(demands.map((d) => [d.providerDepartmentId, d.name])).entries()].sort((a, b) => a[0] - b[0]);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    total: demandFigures(demands, day),
    byProvider: providers.map(([departmentId, name]) => ({
      departmentId,
      name,
      ...demandFigures(
        demands.filter((d) => d.providerDepartmentId === departmentId),
        day,
      ),
    })),
  };
}
