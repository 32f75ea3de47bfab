import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { iso } from '../../platform/time.ts';
import { today } from '../../platform/clock.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { legalDuty, legalMeeting, legalTraining } from './legal.schema.ts';
import { legalErrors } from './legal.errors.ts';
import { checkMeeting, checkTraining, MEETING_CATEGORIES, type MeetingCategory, type TrainingKind } from './legal.core.ts';
import { legalScope } from './legal.service.ts';
import { assertRecordFile } from './legal.files.ts';

/**
 * The inputs of the annual report that are registers rather than procedures: 三重一大 decisions with their meeting
 * records, 学法用法 sessions, and each department's 普法责任清单 (published). Each is region-and-department scoped
 * like the rest of the module (ADR 0040, 0042); records are written once, with one audit entry.
 */

type Owner = { regionCode: string; departmentId: number };
const deptName = (table: string) => sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = ${sql.raw(`"${table}"."department_id"`)})`;
const inYear = (column: SQL, year: number) => and(gte(sql`${column}`, `${year}-01-01`), lt(sql`${column}`, `${year + 1}-01-01`));

// ── 三重一大 ────────────────────────────────────────────────────────────────────────────────────────────

type MeetingRow = typeof legalMeeting.$inferSelect;
const shapeMeeting = (m: MeetingRow, dept: string) => ({
  id: Number(m.id),
  regionCode: m.regionCode,
  departmentId: Number(m.departmentId),
  departmentName: dept,
  category: m.category as MeetingCategory,
  subject: m.subject,
  meetingName: m.meetingName,
  meetingOn: m.meetingOn,
  members: m.members,
  attendees: m.attendees,
  decision: m.decision,
  hasDissent: Boolean(m.dissent),
  createdBy: m.createdBy,
});
const meetingDetailOf = (m: MeetingRow, dept: string) => ({
  ...shapeMeeting(m, dept),
  minutes: m.minutes,
  fileId: m.fileId === null ? null : Number(m.fileId),
  dissent: m.dissent,
  createdAt: iso(m.createdAt),
});

export async function listMeetings(db: Db, q: { within: ScopeFilter; year?: number; category?: MeetingCategory }) {
  const where: (SQL | undefined)[] = [scopeSql(q.within, sql`${legalMeeting.regionCode}`, sql`${legalMeeting.departmentId}`)];
  if (q.year) where.push(inYear(sql`${legalMeeting.meetingOn}`, q.year));
  if (q.category) where.push(eq(legalMeeting.category, q.category));
  const rows = await db
    .select({ m: legalMeeting, dept: deptName('legal_meeting') })
    .from(legalMeeting)
    .where(and(...where))
    .orderBy(desc(legalMeeting.meetingOn), desc(legalMeeting.id))
    .limit(500);
  return rows.map((r) => shapeMeeting(r.m, r.dept));
}

export async function meetingDetail(db: Db, id: number) {
  const [r] = await db
    .select({ m: legalMeeting, dept: deptName('legal_meeting') })
    .from(legalMeeting)
    .where(eq(legalMeeting.id, id));
  if (!r) throw legalErrors.LEGAL_MEETING_NOT_FOUND({ id });
  return meetingDetailOf(r.m, r.dept);
}
export const meetingScope = async (db: Db, id: number) => legalScope(await meetingDetail(db, id));

export interface MeetingInput {
  category: MeetingCategory;
  subject: string;
  meetingName: string;
  meetingOn: string;
  members: number;
  attendees: number;
  minutes: string;
  fileId?: number | null;
  decision: string;
  dissent?: string | null;
}

/** Registers a 三重一大 decision with its meeting record: the meeting sat with its quorum, on a day already past. */
export async function createMeeting(tx: Db, ctx: RequestContext, input: MeetingInput, owner: Owner) {
  checkMeeting(input, today());
  await assertRecordFile(tx, ctx, input.fileId);
  const [m] = await tx
    .insert(legalMeeting)
    .values({ ...owner, ...input, fileId: input.fileId ?? null, dissent: input.dissent || null, createdBy: ctx.actor.username })
    .returning();
  const { minutes: _minutes, dissent: _dissent, ...summary } = input;
  await writeAudit(tx, ctx, {
    action: 'legal.meeting.create',
    targetType: 'legal_meeting',
    targetId: m.id,
    change: { ...summary, hasDissent: Boolean(input.dissent), owner },
  });
  return meetingDetail(tx, Number(m.id));
}

// ── 学法用法 ──────────────────────────────────────────────────────────────────────────────────────────────

const shapeTraining = (s: typeof legalTraining.$inferSelect, dept: string) => ({
  id: Number(s.id),
  regionCode: s.regionCode,
  departmentId: Number(s.departmentId),
  departmentName: dept,
  heldOn: s.heldOn,
  topic: s.topic,
  kind: s.kind as TrainingKind,
  attendance: s.attendance,
  examPassed: s.examPassed,
  createdBy: s.createdBy,
});

export async function listTrainings(db: Db, q: { within: ScopeFilter; year?: number }) {
  const where: (SQL | undefined)[] = [scopeSql(q.within, sql`${legalTraining.regionCode}`, sql`${legalTraining.departmentId}`)];
  if (q.year) where.push(inYear(sql`${legalTraining.heldOn}`, q.year));
  const rows = await db
    .select({ s: legalTraining, dept: deptName('legal_training') })
    .from(legalTraining)
    .where(and(...where))
    .orderBy(desc(legalTraining.heldOn), desc(legalTraining.id))
    .limit(500);
  return rows.map((r) => shapeTraining(r.s, r.dept));
}

export async function createTraining(
  tx: Db,
  ctx: RequestContext,
  input: { heldOn: string; topic: string; kind: TrainingKind; attendance: number; examPassed?: number | null },
  owner: Owner,
) {
  checkTraining(input, today());
  const [s] = await tx
    .insert(legalTraining)
    .values({ ...owner, ...input, examPassed: input.examPassed ?? null, createdBy: ctx.actor.username })
    .returning();
  await writeAudit(tx, ctx, { action: 'legal.training.create', targetType: 'legal_training', targetId: s.id, change: { ...input, owner } });
  const [r] = await tx
    .select({ dept: deptName('legal_training') })
    .from(legalTraining)
    .where(eq(legalTraining.id, s.id));
  return shapeTraining(s, r.dept);
}

// ── 普法责任清单 ─────────────────────────────────────────────────────────────────────────────────────────

const shapeDuty = (d: typeof legalDuty.$inferSelect, dept: string) => ({
  id: Number(d.id),
  regionCode: d.regionCode,
  departmentId: Number(d.departmentId),
  departmentName: dept,
  year: d.year,
  responsibilities: d.responsibilities,
  audiences: d.audiences,
  measures: d.measures,
});

export async function listDuties(db: Db, q: { within?: ScopeFilter; year?: number }) {
  const where: (SQL | undefined)[] = [];
  if (q.within) where.push(scopeSql(q.within, sql`${legalDuty.regionCode}`, sql`${legalDuty.departmentId}`));
  if (q.year) where.push(eq(legalDuty.year, q.year));
  const rows = await db
    .select({ d: legalDuty, dept: deptName('legal_duty') })
    .from(legalDuty)
    .where(and(...where))
    .orderBy(desc(legalDuty.year), legalDuty.departmentId)
    .limit(500);
  return rows.map((r) => shapeDuty(r.d, r.dept));
}

/** The 普法责任清单 anyone reads: a year's lists (this year by default), each department's once. */
export async function publicDuties(db: Db, year: number) {
  return (await listDuties(db, { year })).map(({ regionCode: _r, departmentId: _d, ...rest }) => rest);
}

/** A department's list for a year, published at once; a second one for the same year is refused (LEGAL_DUTY_EXISTS). */
export async function createDuty(
  tx: Db,
  ctx: RequestContext,
  input: { year: number; responsibilities: string; audiences: string; measures: string },
  owner: Owner,
) {
  const [d] = await tx
    .insert(legalDuty)
    .values({ ...owner, ...input, createdBy: ctx.actor.username })
    .onConflictDoNothing()
    .returning();
  if (!d) throw legalErrors.LEGAL_DUTY_EXISTS({ departmentId: owner.departmentId, year: input.year });
  await writeAudit(tx, ctx, { action: 'legal.duty.create', targetType: 'legal_duty', targetId: d.id, change: { ...input, owner } });
  const [r] = await tx
    .select({ dept: deptName('legal_duty') })
    .from(legalDuty)
    .where(eq(legalDuty.id, d.id));
  return shapeDuty(d, r.dept);
}

// ── The year's counts ───────────────────────────────────────────────────────────────────────────────────

/** 三重一大 decisions by category and 学法用法 totals of a year within my scope (the annual report's inputs). */
export async function recordCounts(db: Db, within: ScopeFilter, year: number) {
  const meetings = await db
    .select({ category: legalMeeting.category, n: sql<number>`count(*)::int` })
    .from(legalMeeting)
    .where(and(scopeSql(within, sql`${legalMeeting.regionCode}`, sql`${legalMeeting.departmentId}`), inYear(sql`${legalMeeting.meetingOn}`, year)))
    .groupBy(legalMeeting.category);
  const [t] = await db
    .select({
      sessions: sql<number>`count(*)::int`,
      attendance: sql<number>`coalesce(sum(${legalTraining.attendance}), 0)::int`,
      examTaken: sql<number>`coalesce(sum(${legalTraining.attendance}) FILTER (WHERE ${legalTraining.kind} = 'exam'), 0)::int`,
      examPassed: sql<number>`coalesce(sum(${legalTraining.examPassed}), 0)::int`,
    })
    .from(legalTraining)
    .where(and(scopeSql(within, sql`${legalTraining.regionCode}`, sql`${legalTraining.departmentId}`), inYear(sql`${legalTraining.heldOn}`, year)));
  return {
    meetings: MEETING_CATEGORIES.map((c) => ({ category: c, count: Number(meetings.find((m) => m.category === c)?.n ?? 0) })),
    training: { sessions: Number(t.sessions), attendance: Number(t.attendance), examTaken: Number(t.examTaken), examPassed: Number(t.examPassed) },
  };
}
