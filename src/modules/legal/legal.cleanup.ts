import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { today } from '../../platform/clock.ts';
import { iso } from '../../platform/time.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionPrefix } from '../../platform/scope.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { legalCleanup, legalCleanupItem, legalDocument } from './legal.schema.ts';
import { legalErrors } from './legal.errors.ts';
import { assertCleanupComplete, CLEANUP_ACTION, type CleanupProposal } from './legal.core.ts';
import { act, legalScope } from './legal.service.ts';

const DEPT = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "legal_cleanup"."department_id")`;

/** A campaign with its documents (title, number, status) and their proposals. */
export async function cleanupDetail(db: Db, id: number) {
  const [r] = await db.select({ c: legalCleanup, dept: DEPT }).from(legalCleanup).where(eq(legalCleanup.id, id));
  if (!r) throw legalErrors.LEGAL_CLEANUP_NOT_FOUND({ id });
  const items = await db
    .select({ i: legalCleanupItem, title: legalDocument.title, docNumber: legalDocument.docNumber, status: legalDocument.status })
    .from(legalCleanupItem)
    .innerJoin(legalDocument, eq(legalDocument.id, legalCleanupItem.documentId))
    .where(eq(legalCleanupItem.cleanupId, id))
    .orderBy(asc(legalCleanupItem.id));
  return {
    id: Number(r.c.id),
    title: r.c.title,
    regionCode: r.c.regionCode,
    departmentId: Number(r.c.departmentId),
    departmentName: r.dept,
    status: r.c.status as 'open' | 'approved',
    approvedOn: r.c.approvedOn,
    approvedBy: r.c.approvedBy,
    version: r.c.version,
    createdAt: iso(r.c.createdAt),
    items: items.map((x) => ({
      documentId: Number(x.i.documentId),
      title: x.title,
      docNumber: x.docNumber,
      documentStatus: x.status,
      proposal: x.i.proposal as CleanupProposal | null,
      reason: x.i.reason,
    })),
  };
}

export async function cleanupScope(db: Db, id: number) {
  const [c] = await db
    .select({ regionCode: legalCleanup.regionCode, departmentId: legalCleanup.departmentId })
    .from(legalCleanup)
    .where(eq(legalCleanup.id, id));
  if (!c) throw legalErrors.LEGAL_CLEANUP_NOT_FOUND({ id });
  return legalScope(c);
}

export async function listCleanups(db: Db, within: ScopeFilter) {
  const rows = await db
    .select({ c: legalCleanup, dept: DEPT, n: sql<number>`(SELECT count(*)::int FROM legal_cleanup_item i WHERE i.cleanup_id = "legal_cleanup"."id")` })
    .from(legalCleanup)
    .where(scopeSql(within, sql`${legalCleanup.regionCode}`, sql`${legalCleanup.departmentId}`))
    .orderBy(desc(legalCleanup.id));
  return rows.map((r) => ({
    id: Number(r.c.id),
    title: r.c.title,
    departmentName: r.dept,
    status: r.c.status as 'open' | 'approved',
    approvedOn: r.c.approvedOn,
    documents: Number(r.n),
    version: r.c.version,
  }));
}

/** Starts a campaign over every document in force in the owner's region (and the regions below it). */
export async function createCleanup(tx: Db, ctx: RequestContext, input: { title: string }, owner: { regionCode: string; departmentId: number }) {
  const [c] = await tx
    .insert(legalCleanup)
    .values({ ...owner, title: input.title, createdBy: ctx.actor.username })
    .returning();
  const inScope = scopeSql({ kind: 'some', scopes: [{ regionPrefix: regionPrefix(owner.regionCode), departmentId: null }] }, sql`${legalDocument.regionCode}`);
  const docs = await tx
    .select({ id: legalDocument.id })
    .from(legalDocument)
    .where(and(eq(legalDocument.status, 'in_force'), inScope));
  if (docs.length) await tx.insert(legalCleanupItem).values(docs.map((d) => ({ cleanupId: c.id, documentId: d.id })));
  await writeAudit(tx, ctx, {
    action: 'legal.cleanup.create',
    targetType: 'legal_cleanup',
    targetId: c.id,
    change: { ...input, owner, documents: docs.length },
  });
  return cleanupDetail(tx, Number(c.id));
}

async function lockOpen(tx: Db, id: number) {
  const [c] = await tx.select().from(legalCleanup).where(eq(legalCleanup.id, id)).for('update');
  if (!c) throw legalErrors.LEGAL_CLEANUP_NOT_FOUND({ id });
  if (c.status !== 'open') throw legalErrors.LEGAL_CLEANUP_APPROVED({ approvedOn: c.approvedOn });
  return c;
}

/** The proposal for one document of an open campaign (保留 / 修改 / 废止 / 宣布失效) with its reason. */
export async function proposeCleanup(db: Db, ctx: RequestContext, id: number, input: { documentId: number; proposal: CleanupProposal; reason: string }) {
  return db.transaction(async (tx) => {
    const c = await lockOpen(tx, id);
    const updated = await tx
      .update(legalCleanupItem)
      .set({ proposal: input.proposal, reason: input.reason })
      .where(and(eq(legalCleanupItem.cleanupId, id), eq(legalCleanupItem.documentId, input.documentId)))
      .returning({ id: legalCleanupItem.id });
    if (updated.length === 0) throw legalErrors.LEGAL_CLEANUP_ITEM_UNKNOWN({ documentId: input.documentId });
    await tx
      .update(legalCleanup)
      .set({ version: c.version + 1 })
      .where(eq(legalCleanup.id, id));
    await writeAudit(tx, ctx, { action: 'legal.cleanup.propose', targetType: 'legal_cleanup', targetId: id, change: input });
    return cleanupDetail(tx, id);
  });
}

/**
 * Approves the campaign as a batch: every document needs its proposal; each is then carried out through the
 * documents' state table (repeal, lapse, or the clean-up recorded) in the same transaction — all or nothing.
 */
export async function approveCleanup(db: Db, ctx: RequestContext, id: number, input: { version: number }) {
  return db.transaction(async (tx) => {
    const c = await lockOpen(tx, id);
    if (c.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: c.version });
    const items = await tx.select().from(legalCleanupItem).where(eq(legalCleanupItem.cleanupId, id));
    assertCleanupComplete(items.map((i) => ({ documentId: Number(i.documentId), proposal: i.proposal, reason: i.reason })));
    const on = today();
    for (const i of items) {
      const proposal = i.proposal as CleanupProposal;
      await act(tx, ctx, Number(i.documentId), CLEANUP_ACTION[proposal], null, async () => ({
        set: proposal === 'repeal' || proposal === 'declare_lapsed' ? { endedOn: on } : {},
        data: { cleanupId: id, campaign: c.title, proposal, reason: i.reason },
      }));
    }
    await tx
      .update(legalCleanup)
      .set({ status: 'approved', approvedOn: on, approvedBy: ctx.actor.username, version: c.version + 1 })
      .where(eq(legalCleanup.id, id));
    await writeAudit(tx, ctx, {
      action: 'legal.cleanup.approve',
      targetType: 'legal_cleanup',
      targetId: id,
      change: { items: items.map((i) => ({ documentId: Number(i.documentId), proposal: i.proposal })) },
    });
    return cleanupDetail(tx, id);
  });
}

/** The published results: approved campaigns, each with its list of documents and what became of them. */
export async function publicCleanups(db: Db) {
  const rows = await db
    .select({ id: legalCleanup.id })
    .from(legalCleanup)
    .where(eq(legalCleanup.status, 'approved'))
    .orderBy(desc(legalCleanup.approvedOn), desc(legalCleanup.id))
    .limit(20);
  const out = [];
  for (const r of rows) {
    const d = await cleanupDetail(db, Number(r.id));
    out.push({
      id: d.id,
      title: d.title,
      departmentName: d.departmentName,
      approvedOn: d.approvedOn,
      items: d.items.map((i) => ({ documentId: i.documentId, title: i.title, docNumber: i.docNumber, proposal: i.proposal!, reason: i.reason })),
    });
  }
  return out;
}
