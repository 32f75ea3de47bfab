import { and, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { platformErrors } from '../../platform/errors.ts';
import { today } from '../../platform/clock.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { regionContains } from '../../platform/scope.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { legalAdviser, legalReview } from './legal.schema.ts';
import { legalErrors } from './legal.errors.ts';
import { engagedOn } from './legal.core.ts';
import { legalScope } from './legal.service.ts';
import { recordCounts } from './legal.records.ts';

export const MATTER_KINDS = ['contract', 'project', 'document', 'decision', 'other'] as const;
export const ADVISER_KINDS = ['adviser', 'public_lawyer'] as const;

const ADVISER_DEPT = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "legal_adviser"."department_id")`;
const REVIEW_DEPT = sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "legal_review"."department_id")`;
const ADVISER_NAME = sql<string | null>`(SELECT a.name FROM legal_adviser a WHERE a.id = "legal_review"."adviser_id")`;

const shapeAdviser = (a: typeof legalAdviser.$inferSelect, dept: string, matters: number) => ({
  id: Number(a.id),
  name: a.name,
  kind: a.kind as (typeof ADVISER_KINDS)[number],
  organisation: a.organisation,
  regionCode: a.regionCode,
  departmentId: Number(a.departmentId),
  departmentName: dept,
  engagedFrom: a.engagedFrom,
  engagedUntil: a.engagedUntil,
  engagedToday: engagedOn(a, today()),
  matters,
});

/** Legal advisers and 公职律师 within my scope, with how many matters each advised on. */
export async function listAdvisers(db: Db, within: ScopeFilter) {
  const rows = await db
    .select({ a: legalAdviser, dept: ADVISER_DEPT, n: sql<number>`(SELECT count(*)::int FROM legal_review r WHERE r.adviser_id = "legal_adviser"."id")` })
    .from(legalAdviser)
    .where(scopeSql(within, sql`${legalAdviser.regionCode}`, sql`${legalAdviser.departmentId}`))
    .orderBy(legalAdviser.name);
  return rows.map((r) => shapeAdviser(r.a, r.dept, Number(r.n)));
}

export async function createAdviser(
  tx: Db,
  ctx: RequestContext,
  input: { name: string; kind: (typeof ADVISER_KINDS)[number]; organisation?: string | null; engagedFrom: string; engagedUntil: string },
  owner: { regionCode: string; departmentId: number },
) {
  if (input.engagedUntil < input.engagedFrom) throw platformErrors.VALIDATION_FAILED({ engagedUntil: 'before engagedFrom' });
  const [a] = await tx
    .insert(legalAdviser)
    .values({ ...owner, ...input, organisation: input.organisation ?? null, createdBy: ctx.actor.username })
    .returning();
  await writeAudit(tx, ctx, { action: 'legal.adviser.create', targetType: 'legal_adviser', targetId: a.id, change: { ...input, owner } });
  return shapeAdviser(a, '', 0);
}

function shapeReview(r: typeof legalReview.$inferSelect, dept: string, adviserName: string | null) {
  return {
    id: Number(r.id),
    matterKind: r.matterKind as (typeof MATTER_KINDS)[number],
    title: r.title,
    regionCode: r.regionCode,
    departmentId: Number(r.departmentId),
    departmentName: dept,
    submittedOn: r.submittedOn,
    status: r.status as 'pending' | 'reviewed',
    opinion: r.opinion,
    reviewer: r.reviewer,
    reviewedOn: r.reviewedOn,
    adviserId: r.adviserId === null ? null : Number(r.adviserId),
    adviserName,
    adviserOpinion: r.adviserOpinion,
    adviserOn: r.adviserOn,
    version: r.version,
  };
}

export async function getReview(db: Db, id: number) {
  const [r] = await db.select({ r: legalReview, dept: REVIEW_DEPT, adviser: ADVISER_NAME }).from(legalReview).where(eq(legalReview.id, id));
  if (!r) throw legalErrors.LEGAL_REVIEW_NOT_FOUND({ id });
  return shapeReview(r.r, r.dept, r.adviser);
}
export const reviewScope = async (db: Db, id: number) => legalScope(await getReview(db, id));

export async function listReviews(db: Db, within: ScopeFilter) {
  const rows = await db
    .select({ r: legalReview, dept: REVIEW_DEPT, adviser: ADVISER_NAME })
    .from(legalReview)
    .where(scopeSql(within, sql`${legalReview.regionCode}`, sql`${legalReview.departmentId}`))
    .orderBy(desc(legalReview.id))
    .limit(200);
  return rows.map((r) => shapeReview(r.r, r.dept, r.adviser));
}

/** A matter sent for legality review (法制审核): a contract, a project, a document, a decision. */
export async function createReview(
  tx: Db,
  ctx: RequestContext,
  input: { matterKind: (typeof MATTER_KINDS)[number]; title: string },
  owner: { regionCode: string; departmentId: number },
) {
  const [r] = await tx
    .insert(legalReview)
    .values({ ...owner, ...input, submittedOn: today(), createdBy: ctx.actor.username })
    .returning();
  await writeAudit(tx, ctx, { action: 'legal.review.create', targetType: 'legal_review', targetId: r.id, change: { ...input, owner } });
  return getReview(tx, Number(r.id));
}

async function lockReview(tx: Db, id: number, version: number) {
  const [r] = await tx.select().from(legalReview).where(eq(legalReview.id, id)).for('update');
  if (!r) throw legalErrors.LEGAL_REVIEW_NOT_FOUND({ id });
  if (r.version !== version) throw platformErrors.VERSION_CONFLICT({ current: r.version });
  return r;
}

/** The reviewer's (legal officer's) opinion; once given the matter is reviewed. */
export async function recordReviewOpinion(db: Db, ctx: RequestContext, id: number, input: { opinion: string; version: number }) {
  return db.transaction(async (tx) => {
    const r = await lockReview(tx, id, input.version);
    if (r.status === 'reviewed') throw legalErrors.LEGAL_REVIEW_DONE({ reviewedOn: r.reviewedOn });
    await tx
      .update(legalReview)
      .set({ opinion: input.opinion, reviewer: ctx.actor.username, reviewedOn: today(), status: 'reviewed', version: r.version + 1 })
      .where(eq(legalReview.id, id));
    await writeAudit(tx, ctx, { action: 'legal.review.opinion', targetType: 'legal_review', targetId: id, change: { opinion: input.opinion } });
    return getReview(tx, id);
  });
}

/** A legal adviser's opinion on the matter, recorded apart from the reviewer's; the adviser must be engaged today. */
export async function recordAdviserOpinion(db: Db, ctx: RequestContext, id: number, input: { adviserId: number; opinion: string; version: number }) {
  return db.transaction(async (tx) => {
    const r = await lockReview(tx, id, input.version);
    const [a] = await tx.select().from(legalAdviser).where(eq(legalAdviser.id, input.adviserId));
    if (!a || !(regionContains(a.regionCode, r.regionCode) || regionContains(r.regionCode, a.regionCode)))
      throw legalErrors.LEGAL_ADVISER_NOT_FOUND({ adviserId: input.adviserId });
    const on = today();
    if (!engagedOn(a, on)) throw legalErrors.LEGAL_ADVISER_NOT_ENGAGED({ engagedFrom: a.engagedFrom, engagedUntil: a.engagedUntil, on });
    await tx
      .update(legalReview)
      .set({ adviserId: a.id, adviserOpinion: input.opinion, adviserOn: on, version: r.version + 1 })
      .where(eq(legalReview.id, id));
    await writeAudit(tx, ctx, {
      action: 'legal.review.adviser-opinion',
      targetType: 'legal_review',
      targetId: id,
      change: { adviserId: input.adviserId, opinion: input.opinion },
    });
    return getReview(tx, id);
  });
}

/** What the annual report counts ("37个项目开展法制审核，其中16个项目请法律顾问提供专业意见"), for a year, in my scope. */
export async function reviewCounts(db: Db, within: ScopeFilter, year: number) {
  const inYear = and(
    scopeSql(within, sql`${legalReview.regionCode}`, sql`${legalReview.departmentId}`),
    gte(legalReview.submittedOn, `${year}-01-01`),
    lt(legalReview.submittedOn, `${year + 1}-01-01`),
  );
  const [all] = await db
    .select({ n: sql<number>`count(*)::int`, reviewed: sql<number>`count(*) FILTER (WHERE ${legalReview.status} = 'reviewed')::int` })
    .from(legalReview)
    .where(inYear);
  const [advised] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(legalReview)
    .where(and(inYear, isNotNull(legalReview.adviserOpinion)));
  const byKind = await db
    .select({ kind: legalReview.matterKind, n: sql<number>`count(*)::int` })
    .from(legalReview)
    .where(inYear)
    .groupBy(legalReview.matterKind);
  return {
    year,
    matters: Number(all.n),
    reviewed: Number(all.reviewed),
    withAdviserOpinion: Number(advised.n),
    byKind: MATTER_KINDS.map((k) => ({ kind: k, count: Number(byKind.find((b) => b.kind === k)?.n ?? 0) })),
    ...(await recordCounts(db, within, year)),
  };
}
