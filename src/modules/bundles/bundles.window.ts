import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import { notify } from '../../platform/notify.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { can, type ScopeFilter } from '../../platform/permissions.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import {
  acceptBundleMembers,
  answerBundleCorrection,
  casesOfBundles,
  clocksOfBundle,
  correctionTargets,
  deliverBundleMembers,
  memberVersions,
  refuseBundleMembers,
  requestBundleCorrection,
  withdrawBundleMembers,
} from '../cases/index.ts';
import { bundleRatingFigures, rateCasesOnce } from '../ratings/index.ts';
import { bundle, bundleCase, bundleVersion } from './bundles.schema.ts';
import { bundleErrors } from './bundles.errors.ts';
import { workingDays, type Answer } from './bundles.core.ts';
import { evaluate, type PinnedMember } from './bundles.service.ts';
import type { BundleContent } from './bundles.types.ts';
import type { BundleActor, BundleCaseMember } from './bundles.cases.ts';
import { bundleClock, windowStage, type WindowStage } from './bundles.window.core.ts';

// The bundle case at the general window, once for all its members (ADR 0037): one acceptance (一窗受理) or one
// refusal, one correction notice (一次性告知) and the applicant's one answer, one delivery (一窗出件), one rating
// (一键评价); the bundle's clock. The member cases move only through the cases module's commands, in this module's
// transaction; the applicant is told once for each act.

type Row = typeof bundleCase.$inferSelect;

/** One item of the bundle's correction notice as the bundle keeps it: which member, what, and the note. */
export interface BundleNoticeItem {
  member: string;
  memberName: string;
  materialKey: string | null;
  field: string | null;
  note: string;
}

interface Correction {
  items: BundleNoticeItem[];
  on: string;
  byUserId: number;
  reason: string | null;
}

const isApplicant = (row: Pick<Row, 'ownerUserId' | 'agentUserId'>, userId: number) =>
  (row.ownerUserId !== null && Number(row.ownerUserId) === userId) || (row.agentUserId !== null && Number(row.agentUserId) === userId);
const atWindow = (actor: Pick<BundleActor, 'grants'>, row: Pick<Row, 'regionCode'>) => can(actor.grants, 'cases.accept', { regionCode: row.regionCode });

async function lock(tx: Db, number: string, version?: number) {
  const [row] = await tx.select().from(bundleCase).where(eq(bundleCase.number, number)).for('update');
  if (!row) throw bundleErrors.BUNDLE_CASE_NOT_FOUND({ number });
  return {
    row,
    checkVersion: () => {
      if (version !== undefined && row.version !== version) throw bundleErrors.BUNDLE_CASE_VERSION_CONFLICT({ current: row.version });
    },
  };
}

/** The window of the bundle case's region, its row version checked. */
async function lockForWindow(tx: Db, actor: BundleActor, number: string, version: number) {
  const { row, checkVersion } = await lock(tx, number, version);
  if (!atWindow(actor, row)) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
  checkVersion();
  return row;
}

const illegal = (row: Row, action: string) => bundleErrors.BUNDLE_CASE_ILLEGAL_TRANSITION({ status: row.status, action });

/** Tells the applicant (and the agent acting for it) once, for the whole bundle. */
async function tellApplicant(tx: Db, row: Row, title: string, body: string) {
  await notify(tx, { userIds: [row.ownerUserId, row.agentUserId], kind: 'bundle', title, body });
}

async function bump(tx: Db, row: Row, set: Partial<typeof bundleCase.$inferInsert>) {
  const [after] = await tx
    .update(bundleCase)
    .set({ ...set, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(bundleCase.id, row.id))
    .returning();
  return after;
}

async function bundleName(db: Db, row: Row) {
  const [b] = await db.select({ name: bundle.name }).from(bundle).where(eq(bundle.id, row.bundleId));
  return b?.name ?? '';
}

const memberName = async (db: Db, row: Row) => {
  const [v] = await db.select().from(bundleVersion).where(eq(bundleVersion.id, row.bundleVersionId));
  const evaluation = await evaluate(db, row.regionCode, v.content as BundleContent, {
    answers: row.answers as Record<string, Answer>,
    pinned: v.members as PinnedMember[],
  });
  const names = new Map(evaluation.members.map((m) => [m.key, m.name]));
  return { name: (key: string) => names.get(key) ?? key, evaluation, content: v.content as BundleContent };
};

function result(after: Row, extra: Record<string, unknown> = {}) {
  return {
    number: after.number,
    status: after.status as 'draft' | 'open' | 'closed' | 'withdrawn' | 'refused',
    version: after.version,
    members: [] as string[],
    ...extra,
  };
}

// ── 一窗受理 ─────────────────────────────────────────────────────────────────────────────────────────────

/** Accepts the bundle case once: every submitted member case in one transaction; the applicant is told once. */
export async function acceptBundleCase(db: Db, actor: BundleActor, number: string, input: { version: number }) {
  return db.transaction(async (tx) => {
    const row = await lockForWindow(tx, actor, number, input.version);
    if (row.status !== 'open' || row.acceptedOn || row.correction) throw illegal(row, 'accept');
    const members = (await casesOfBundles(tx, [row.id])).filter((c) => c.status === 'submitted').map((c) => ({ key: c.memberKey, number: c.number }));
    if (!members.length) throw illegal(row, 'accept');
    await acceptBundleMembers(tx, actor, number, members);
    const after = await bump(tx, row, { acceptedOn: today(), acceptedByUserId: actor.userId });
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.accept',
      targetType: 'bundle_case',
      targetId: number,
      change: { members: members.map((m) => m.key), acceptedOn: after.acceptedOn },
    });
    await tellApplicant(tx, row, '一件事已受理', `一件事 ${number}（${await bundleName(tx, row)}）已一次受理，共 ${members.length} 个事项进入各部门办理。`);
    return result(after, { members: members.map((m) => m.number) });
  });
}

/**
 * A member released after the bundle was accepted (its upstream members granted) counts as accepted with the bundle:
 * it is accepted in the release's transaction, by the clerk who accepted the bundle.
 */
export async function acceptReleasedMembers(tx: Db, row: Row, released: { key: string; number: string }[]): Promise<string[]> {
  if (!row.acceptedOn || !released.length) return [];
  const ctx = { actor: { id: row.acceptedByUserId, username: 'system:bundles.accept-released', role: 'clerk' }, requestId: null };
  const actor = { ctx, userId: Number(row.acceptedByUserId), displayName: '一窗受理（随一件事）' };
  const accepted: string[] = [];
  for (const m of released) {
    // A member that lacks a material (its upstream member was not granted, so no licence flowed) stays submitted:
    // the window accepts it as a case once the applicant supplies it. The others are accepted with the bundle.
    try {
      await tx.transaction((inner) => acceptBundleMembers(inner, actor, row.number, [m]));
      accepted.push(m.key);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'CASE_MATERIALS_MISSING') throw e;
    }
  }
  return accepted;
}

/** 不予受理 of the whole bundle: its submitted members refused, its waiting members withdrawn; the applicant told once. */
export async function refuseBundleCase(db: Db, actor: BundleActor, number: string, input: { version: number; reason: string; legalBasis: string }) {
  if (!input.reason.trim() || !input.legalBasis.trim()) throw bundleErrors.BUNDLE_REASON_REQUIRED({ action: 'refuse' });
  return db.transaction(async (tx) => {
    const row = await lockForWindow(tx, actor, number, input.version);
    if (row.status !== 'open' || row.acceptedOn) throw illegal(row, 'refuse');
    const cases = await casesOfBundles(tx, [row.id]);
    const versions = await memberVersions(
      tx,
      cases.map((c) => c.number),
    );
    const refusable = cases.filter((c) => c.status === 'submitted' || c.status === 'correction_requested');
    await refuseBundleMembers(
      tx,
      actor,
      number,
      refusable.map((c) => ({ key: c.memberKey, number: c.number, version: versions.get(c.number)! })),
      { reason: input.reason.trim(), legalBasis: input.legalBasis.trim() },
    );
    const withdrawn = await withdrawBundleMembers(tx, actor, row.id, `一件事不予受理：${input.reason.trim()}`);
    const members = (row.members as BundleCaseMember[]).map((m) => ({ ...m, waiting: false }));
    const after = await bump(tx, row, { status: 'refused', refusedReason: input.reason.trim(), correction: null, members });
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.refuse',
      targetType: 'bundle_case',
      targetId: number,
      change: {
        from: 'open',
        to: 'refused',
        reason: input.reason.trim(),
        legalBasis: input.legalBasis.trim(),
        refused: refusable.map((c) => c.memberKey),
        withdrawn,
      },
    });
    await tellApplicant(
      tx,
      row,
      '一件事不予受理',
      `一件事 ${number}（${await bundleName(tx, row)}）不予受理：${input.reason.trim()}（依据：${input.legalBasis.trim()}）`,
    );
    return result(after, { members: [...refusable.map((c) => c.number), ...withdrawn] });
  });
}

// ── 一次性告知 ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * One correction notice across the members: every item names its member; every submitted member is put on hold
 * with its part (its acceptance clock restarts at the answer), and the applicant gets one notice listing everything.
 * A second notice needs a reason and may only ask about what an answer brought in (the cases module checks it).
 */
export async function requestBundleCorrectionOnce(
  db: Db,
  actor: BundleActor,
  number: string,
  input: { version: number; items: { member: string; materialKey?: string | null; field?: string | null; note: string }[]; reason?: string | null },
) {
  if (!input.items.length) throw bundleErrors.BUNDLE_CORRECTION_EMPTY();
  return db.transaction(async (tx) => {
    const row = await lockForWindow(tx, actor, number, input.version);
    if (row.status !== 'open' || row.acceptedOn || row.correction) throw illegal(row, 'request_correction');
    const cases = (await casesOfBundles(tx, [row.id])).filter((c) => c.status === 'submitted');
    for (const i of input.items) if (!cases.some((c) => c.memberKey === i.member)) throw bundleErrors.BUNDLE_CORRECTION_MEMBER({ member: i.member });
    const versions = await memberVersions(
      tx,
      cases.map((c) => c.number),
    );
    await requestBundleCorrection(
      tx,
      actor,
      number,
      cases.map((c) => ({
        key: c.memberKey,
        number: c.number,
        version: versions.get(c.number)!,
        items: input.items.filter((i) => i.member === c.memberKey),
      })),
      input.reason ?? null,
    );
    const { name } = await memberName(tx, row);
    const items: BundleNoticeItem[] = input.items.map((i) => ({
      member: i.member,
      memberName: name(i.member),
      materialKey: i.materialKey ?? null,
      field: i.field ?? null,
      note: i.note,
    }));
    const correction: Correction = { items, on: today(), byUserId: actor.userId, reason: input.reason ?? null };
    const after = await bump(tx, row, { correction, corrections: row.corrections + 1 });
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.request-correction',
      targetType: 'bundle_case',
      targetId: number,
      change: { items: items.map((i) => ({ member: i.member, materialKey: i.materialKey, field: i.field })), members: cases.map((c) => c.memberKey) },
    });
    const list = items.map((i) => `【${i.memberName}】${i.note}`).join('；');
    await tellApplicant(tx, row, '一件事需补正（一次性告知）', `一件事 ${number} 需一次补正以下内容：${list}。补正后各事项一并重新受理。`);
    return result(after, { members: cases.map((c) => c.number) });
  });
}

/**
 * The applicant's one answer to the notice: `answers` are by item of the notice (as for a case: a new file, an edited
 * field, or an explanation); each member's part is answered in the cases module, all in one transaction, and every
 * member is back in the window's queue.
 */
export async function resubmitBundleCase(
  db: Db,
  actor: BundleActor,
  number: string,
  input: { version: number; answers: { item: number; kind: 'file' | 'field' | 'note'; value?: unknown; note?: string | null }[]; note?: string },
) {
  return db.transaction(async (tx) => {
    const { row, checkVersion } = await lock(tx, number, input.version);
    if (!isApplicant(row, actor.userId)) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
    checkVersion();
    const correction = row.correction as Correction | null;
    if (row.status !== 'open' || !correction) throw illegal(row, 'resubmit');
    const cases = (await casesOfBundles(tx, [row.id])).filter((c) => c.status === 'correction_requested');
    const versions = await memberVersions(
      tx,
      cases.map((c) => c.number),
    );
    for (const a of input.answers) if (!correction.items[a.item]) throw bundleErrors.BUNDLE_CORRECTION_ITEM({ item: a.item });
    // The item's place within its member's part of the notice (the member case numbers its own items).
    const local = (item: number) => correction.items.slice(0, item).filter((i) => i.member === correction.items[item].member).length;
    await answerBundleCorrection(
      tx,
      actor,
      cases.map((c) => ({
        key: c.memberKey,
        number: c.number,
        version: versions.get(c.number)!,
        answers: input.answers
          .filter((a) => correction.items[a.item].member === c.memberKey)
          .map((a) => ({ item: local(a.item), kind: a.kind, value: a.value, note: a.note ?? null })),
      })),
      input.note,
    );
    const after = await bump(tx, row, { correction: null });
    await writeAudit(tx, actor.ctx, {
      action: 'bundle-case.resubmit',
      targetType: 'bundle_case',
      targetId: number,
      change: { answers: input.answers.map((a) => a.kind), members: cases.map((c) => c.memberKey) },
    });
    return result(after, { members: cases.map((c) => c.number) });
  });
}

// ── 一窗出件 ─────────────────────────────────────────────────────────────────────────────────────────────

/** One delivery of every result, once every member is closed: the decided members delivered together; the applicant told once. */
export async function deliverBundleCase(
  db: Db,
  actor: BundleActor,
  number: string,
  input: { version: number; method: 'window' | 'post' | 'electronic'; trackingNumber?: string },
) {
  if (input.method === 'post' && !input.trackingNumber?.trim()) throw bundleErrors.BUNDLE_TRACKING_REQUIRED();
  return db.transaction(async (tx) => {
    const row = await lockForWindow(tx, actor, number, input.version);
    if (row.status !== 'closed' || row.delivery) throw illegal(row, 'deliver');
    const decided = (await casesOfBundles(tx, [row.id])).filter((c) => c.status === 'decided');
    if (!decided.length) throw illegal(row, 'deliver');
    const versions = await memberVersions(
      tx,
      decided.map((c) => c.number),
    );
    await deliverBundleMembers(
      tx,
      actor,
      number,
      decided.map((c) => ({ key: c.memberKey, number: c.number, version: versions.get(c.number)! })),
      { method: input.method, trackingNumber: input.trackingNumber?.trim() },
    );
    const delivery = {
      method: input.method,
      trackingNumber: input.trackingNumber?.trim() || null,
      on: today(),
      byUserId: actor.userId,
      byName: actor.displayName,
      members: decided.map((c) => c.memberKey),
    };
    const after = await bump(tx, row, { delivery });
    await writeAudit(tx, actor.ctx, { action: 'bundle-case.deliver', targetType: 'bundle_case', targetId: number, change: delivery });
    const how = input.method === 'post' ? `已寄出（快递单号 ${delivery.trackingNumber}）` : input.method === 'window' ? '已在窗口一次领取' : '已电子送达';
    await tellApplicant(
      tx,
      row,
      '一件事结果已送达',
      `一件事 ${number}（${await bundleName(tx, row)}）的 ${decided.length} 项办理结果${how}。欢迎对本次办理一次评价。`,
    );
    return result(after, { members: decided.map((c) => c.number) });
  });
}

// ── 一键评价 ─────────────────────────────────────────────────────────────────────────────────────────────

/** The applicant rates the bundle once: the rating is given to every member case handled (decided or delivered). */
export async function rateBundleCase(
  db: Db,
  actor: BundleActor,
  number: string,
  input: { level: string; indicators: string[]; comment?: string; anonymous?: boolean },
  opts: { remedyDays: number },
) {
  return db.transaction(async (tx) => {
    const { row } = await lock(tx, number);
    if (!isApplicant(row, actor.userId)) throw bundleErrors.BUNDLE_CASE_NOT_YOURS();
    if (row.rating) throw bundleErrors.BUNDLE_ALREADY_RATED();
    if (row.status !== 'closed') throw illegal(row, 'rate');
    const handled = (await casesOfBundles(tx, [row.id])).filter((c) => c.status === 'decided' || c.status === 'delivered');
    if (!handled.length) throw illegal(row, 'rate');
    const rated = await rateCasesOnce(
      tx,
      { ctx: actor.ctx, userId: actor.userId, grants: actor.grants },
      handled.map((c) => c.number),
      { level: input.level, channel: '1', indicators: input.indicators, comment: input.comment, anonymous: input.anonymous },
      { remedyDays: opts.remedyDays, bundleNumber: number },
    );
    const rating = { level: input.level, on: today(), members: handled.map((c) => c.memberKey), remedies: rated.filter((r) => r.remedyId !== null).length };
    const after = await bump(tx, row, { rating });
    await writeAudit(tx, actor.ctx, { action: 'bundle-case.rate', targetType: 'bundle_case', targetId: number, change: rating });
    return result(after, { members: handled.map((c) => c.number) });
  });
}

// ── The window's queue and the bundle's clock ───────────────────────────────────────────────────────────

const STAGE_SQL: Record<Exclude<WindowStage, 'draft' | 'done'>, SQL> = {
  acceptance: sql`${bundleCase.status} = 'open' AND ${bundleCase.acceptedOn} IS NULL AND ${bundleCase.correction} IS NULL`,
  correction: sql`${bundleCase.status} = 'open' AND ${bundleCase.correction} IS NOT NULL`,
  handling: sql`${bundleCase.status} = 'open' AND ${bundleCase.acceptedOn} IS NOT NULL`,
  delivery: sql`${bundleCase.status} = 'closed' AND ${bundleCase.delivery} IS NULL`,
};

/** The bundle cases at the window of my region: to accept, told to correct, being handled, results to deliver. */
export async function windowQueue(db: Db, filter: ScopeFilter, stage?: Exclude<WindowStage, 'draft' | 'done'>) {
  const stages = stage ? [STAGE_SQL[stage]] : Object.values(STAGE_SQL);
  const rows = await db
    .select()
    .from(bundleCase)
    .where(and(scopeSql(filter, sql`${bundleCase.regionCode}`), sql`(${sql.join(stages, sql` OR `)})`))
    .orderBy(desc(bundleCase.id))
    .limit(200);
  const progress = await casesOfBundles(
    db,
    rows.map((r) => r.id),
  );
  const names = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.bundleId))) {
    const [b] = await db.select({ name: bundle.name }).from(bundle).where(eq(bundle.id, id));
    names.set(id, b?.name ?? '');
  }
  return rows
    .map((r) => {
      const members = progress.filter((p) => p.bundleCaseId === r.id);
      const s = windowStage({ ...r, undelivered: members.filter((m) => m.status === 'decided').length });
      return {
        number: r.number,
        bundleName: names.get(r.bundleId) ?? '',
        applicantName: r.applicantName,
        applicantIdNumberMasked: maskIdNumber(r.applicantIdNumber) ?? '',
        channel: r.channel,
        stage: s,
        members: members.length,
        membersSubmitted: members.filter((m) => m.status === 'submitted').length,
        membersClosed: members.filter((m) => ['decided', 'delivered', 'refused', 'withdrawn'].includes(m.status)).length,
        updatedAt: iso(r.updatedAt)!,
        version: r.version,
      };
    })
    .filter((i) => i.stage !== 'done' && i.stage !== 'draft');
}

/**
 * What the bundle page shows of the window and the clock: the stage, the open notice, the partial outcomes, the
 * delivery and rating, each member's deadline and warning, and the bundle's expected finish (the longest path).
 */
export async function windowView(db: Db, row: Row, viewer: { userId: number; grants: BundleActor['grants'] }) {
  const progress = await casesOfBundles(db, [row.id]);
  const clocks = await clocksOfBundle(db, row.id);
  const { content, evaluation } = await memberName(db, row);
  const promised = new Map(evaluation.members.map((m) => [m.key, m.promisedDays]));
  const cal = await loadCalendar(db);
  const add = (from: string, days: number) => {
    try {
      return addWorkingDays(cal, from, days);
    } catch {
      return null;
    }
  };
  const included = new Set((row.members as BundleCaseMember[]).map((m) => m.key));
  const clock = bundleClock({
    members: clocks.map((c) => ({
      key: c.memberKey,
      dependsOn: (content.members.find((m) => m.key === c.memberKey)?.dependsOn ?? []).filter((d) => included.has(d)),
      stoppedOn: c.stoppedOn,
      deadline: c.deadline,
      warning: c.warning,
      promisedWorkingDays: promised.get(c.memberKey) ?? workingDays(c.promisedLimit),
    })),
    start: row.acceptedOn ?? today(),
    today: today(),
    promisedDays: evaluation.reductions.days.after,
    acceptedOn: row.acceptedOn,
    addWorkingDays: add,
  });
  const undelivered = progress.filter((p) => p.status === 'decided').length;
  const stage = windowStage({ ...row, undelivered });
  const clerk = atWindow(viewer, row);
  const applicant = isApplicant(row, viewer.userId);
  const correction = row.correction as Correction | null;
  const delivery = row.delivery as { method: string; trackingNumber: string | null; on: string; byName: string; members: string[] } | null;
  const rating = row.rating as { level: string; on: string; members: string[] } | null;
  // What the clerk may ask about in a notice: each submitted member's materials and fields.
  const targets =
    clerk && stage === 'acceptance'
      ? await Promise.all(
          progress.filter((p) => p.status === 'submitted').map(async (p) => ({ member: p.memberKey, ...(await correctionTargets(db, p.number)) })),
        )
      : [];
  return {
    stage,
    acceptedOn: row.acceptedOn,
    refusedReason: row.refusedReason,
    correction: correction ? { items: correction.items, on: correction.on, reason: correction.reason } : null,
    corrections: row.corrections,
    partialOutcomes: row.partialOutcomes as PartialOutcomeRecord[],
    delivery: delivery
      ? { method: delivery.method, trackingNumber: delivery.trackingNumber, on: delivery.on, byName: delivery.byName, members: delivery.members }
      : null,
    rating: rating ? { level: rating.level, on: rating.on, members: rating.members } : null,
    clock: { ...clock, onMemberRefused: content.onMemberRefused },
    memberClocks: clocks.map((c) => ({
      key: c.memberKey,
      deadline: c.deadline,
      warning: c.warning,
      paused: c.paused,
      remainingWorkingDays: c.remainingWorkingDays,
    })),
    correctionTargets: targets,
    mayAccept: clerk && stage === 'acceptance',
    mayDeliver: clerk && stage === 'delivery',
    mayResubmit: applicant && stage === 'correction',
    mayRate: applicant && row.status === 'closed' && !row.rating && progress.some((p) => p.status === 'decided' || p.status === 'delivered'),
  };
}

/** What the bundle's policy did when a member was not granted (kept on the bundle case, shown to applicant and clerk). */
export interface PartialOutcomeRecord {
  member: string;
  outcome: string;
  policy: 'continue' | 'hold' | 'withdraw';
  held: string[];
  withdrawn: string[];
  continued: string[];
  on: string;
}

// ── Statistics ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Bundle cases applied for in a range of months, by bundle (within the reader's scope of regions): how many are
 * open, closed, delivered once, refused, withdrawn and rated once; and the ratings given once for bundles, by member
 * department (the ratings module counts them: each reaches the department's own statistics as a case's rating).
 * Without months, every bundle case to date (the count a bureau reports: "一件事办件 190 件").
 */
export async function bundleStatistics(db: Db, scope: ScopeFilter, months: { from?: string; to?: string }) {
  // This month is the platform's (clock.ts, in China, pinnable in tests), never the database's clock: a bundle case
  // counts in the month of its filing day, which its number carries (<region><yyyymmdd><serial>, taken from today()).
  const month = today().slice(0, 7);
  const q = { from: months.from ?? month, to: months.to ?? months.from ?? month };
  const filed = sql`substring(c.number from length(c.number) - 13 for 6)`;
  const rows = await queryRows<{
    code: string;
    name: string;
    applied: number;
    open: number;
    closed: number;
    delivered: number;
    refused: number;
    withdrawn: number;
    rated: number;
  }>(
    db,
    sql`SELECT b.code, b.name, count(*)::int AS applied,
               count(*) FILTER (WHERE c.status = 'open')::int AS open,
               count(*) FILTER (WHERE c.status = 'closed')::int AS closed,
               count(*) FILTER (WHERE c.delivery IS NOT NULL)::int AS delivered,
               count(*) FILTER (WHERE c.status = 'refused')::int AS refused,
               count(*) FILTER (WHERE c.status = 'withdrawn')::int AS withdrawn,
               count(*) FILTER (WHERE c.rating IS NOT NULL)::int AS rated
        FROM bundle_case c JOIN bundle b ON b.id = c.bundle_id
        WHERE c.status <> 'draft' AND ${scopeSql(scope, sql`c.region_code`, sql`c.department_id`)}
          AND ${filed} BETWEEN ${q.from.replace('-', '')} AND ${q.to.replace('-', '')}
        GROUP BY b.code, b.name ORDER BY b.code`,
  );
  return {
    from: q.from,
    to: q.to,
    month,
    cases: rows.map((r) => ({
      bundleCode: r.code,
      bundleName: r.name,
      applied: Number(r.applied),
      open: Number(r.open),
      closed: Number(r.closed),
      delivered: Number(r.delivered),
      refused: Number(r.refused),
      withdrawn: Number(r.withdrawn),
      rated: Number(r.rated),
    })),
    ratings: await bundleRatingFigures(db, { from: q.from, to: q.to, scope }),
  };
}
