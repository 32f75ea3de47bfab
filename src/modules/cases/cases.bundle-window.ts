import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { loadCalendar, loadCalendarAt } from '../../platform/calendar/calendar.service.ts';
import { caseErrors } from './cases.errors.ts';
import { transitionOf, type CaseStatus } from './cases.state.ts';
import { acceptanceOf } from './clock.ts';
import { act, type Actor } from './cases.act.ts';
import { answerCorrection } from './cases.apply.ts';
import { isDeemedAccepted, reviewerSteps } from './cases.accept.ts';
import { missingMaterials } from './cases.materials.ts';
import { clockOf } from './cases.views.ts';
import { ACCEPT_READ, ACCEPT_WRITE, caseContent, caseEvents, hasOpenCorrection, itemTypeOf, type AcceptRead } from './cases.repository.ts';
import { itemTypeRules } from './item-type-rules.ts';
import { checkFurtherNotice, introducedByAnswers, type CorrectionAnswer, type CorrectionAnswerRecord } from './cases.corrections.ts';
import { AppError } from '../../platform/errors.ts';
import { caseEvent, serviceCase } from './cases.schema.ts';

// The general window's acts on a bundle's member cases, done once for all of them (一窗受理, 一次性告知, 一窗出件;
// ADR 0037). The bundles module calls these in its own transaction, after it checked who acts and the bundle case's
// row version; each member still moves through the cases state machine, with its own event and audit entry. The
// applicant is told once, by the bundle: these commands notify nobody.

type WindowActor = Pick<Actor, 'ctx' | 'userId' | 'displayName'>;

/** A statement of the cases module whose one parameter ($1) is a JSON batch, run inside the caller's transaction. */
function withBatch(text: string, json: string) {
  const [head, tail] = text.split('$1');
  return sql.join([sql.raw(head), sql`${json}`, sql.raw(tail)]);
}

/**
 * 一窗受理: accepts every given member case in the caller's transaction, each as acceptCase would (the same checks:
 * the state machine, every required material supplied, art. 32's day of acceptance; the same statement writes the
 * steps, the event and the audit entry). A member that cannot be accepted refuses the whole acceptance, naming it.
 * No one is notified here: the bundle tells the applicant once.
 */
export async function acceptBundleMembers(tx: Db, actor: WindowActor, bundleNumber: string, members: { key: string; number: string }[]) {
  if (!members.length) return [];
  const rows = await queryRows<AcceptRead>(tx, withBatch(ACCEPT_READ, JSON.stringify(members.map((m) => m.number))));
  const day = today();
  const changes = [];
  for (const m of members) {
    const row = rows.find((r) => r.number === m.number);
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number: m.number });
    if (row.status !== 'submitted') throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'accept', member: m.key });
    const next = transitionOf(row.status as CaseStatus, 'accept');
    const content = await caseContent(tx, { implementationVersionId: row.versionId });
    const missing = missingMaterials(content, new Map(row.materials.map((x) => [x.key, x.mode])), new Set());
    if (missing.length) throw caseErrors.CASE_MATERIALS_MISSING({ missing, member: m.key });
    const acceptance = acceptanceOf(
      await loadCalendarAt(tx, row.calendar),
      [...row.events, { type: 'accepted', onDay: day }],
      day,
      itemTypeRules(row.itemType).deemedAcceptance,
    );
    const acceptedOn = acceptance.acceptedOn ?? day;
    const steps = reviewerSteps(content);
    changes.push({
      id: row.id,
      version: row.version,
      status: next,
      accepted_on: acceptedOn,
      deemed: acceptance.deemedAccepted,
      step_key: steps[0].key,
      gaps: [],
      department_id: row.departmentId,
      steps: steps.map((s, i) => ({ position: i, key: s.key, name: s.name, status: i === 0 ? 'active' : 'pending' })),
      title: '',
      body: '',
      recipients: [],
      day,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      data: { gaps: [], deemed: acceptance.deemedAccepted, bundle: bundleNumber },
      audit: [
        auditRow(actor.ctx, {
          action: 'case.accept',
          targetType: 'case',
          targetId: m.number,
          change: { from: row.status, to: next, acceptedOn, deemed: acceptance.deemedAccepted, bundle: bundleNumber, member: m.key },
        }),
      ],
    });
  }
  const done = await queryRows<{ done: number }>(tx, withBatch(ACCEPT_WRITE, JSON.stringify(changes.map((c, i) => ({ ...c, i })))));
  const stale = done.findIndex((d) => Number(d.done) !== 1);
  if (stale >= 0) throw caseErrors.CASE_VERSION_CONFLICT({ member: members[stale].key });
  return members.map((m) => ({ key: m.key, number: m.number, status: 'in_review' as CaseStatus }));
}

/**
 * 不予受理 of every given member at once (one reason, one legal basis), each through the state machine; art. 32: a
 * member already deemed accepted cannot be refused, and refuses the whole.
 */
export async function refuseBundleMembers(
  tx: Db,
  actor: WindowActor,
  bundleNumber: string,
  members: { key: string; number: string; version: number }[],
  input: { reason: string; legalBasis: string },
) {
  for (const m of members)
    await act(tx, actor, m.number, m.version, 'refuse', async (inner, row) => {
      if (await isDeemedAccepted(inner, row)) throw caseErrors.CASE_DEEMED_ACCEPTED({ member: m.key });
      return {
        set: { outcome: '6', outcomeReason: input.reason, decidedOn: today() },
        event: { type: 'refused', data: { reason: input.reason, legalBasis: input.legalBasis, bundle: bundleNumber } },
        audit: { reason: input.reason, bundle: bundleNumber, member: m.key },
      };
    });
  return members.map((m) => m.number);
}

/** One item of the bundle's correction notice, for one member case. */
export interface BundleCorrectionItem {
  materialKey?: string | null;
  field?: string | null;
  note: string;
}

/**
 * 一次性告知 across the members: every given member case gets its part of the one notice (a member with nothing to
 * fix gets an empty part: it waits with the others, and its acceptance clock restarts at the answer too). Checked
 * as requestCorrection checks (materials and fields the member has, no notice already open).
 */
export async function requestBundleCorrection(
  tx: Db,
  actor: WindowActor,
  bundleNumber: string,
  members: { key: string; number: string; version: number; items: BundleCorrectionItem[] }[],
  /** A second notice: why (it may only ask about what an answer brought in). */
  reason: string | null = null,
) {
  for (const m of members)
    await act(tx, actor, m.number, m.version, 'request_correction', async (inner, row) => {
      const events = await caseEvents(inner, row.id);
      const earlier = events.filter((e) => e.type === 'correction_requested').length;
      const answered = events.filter((e) => e.type === 'correction_answered').map((e) => e.data as { answers?: CorrectionAnswerRecord[] });
      try {
        checkFurtherNotice(earlier, introducedByAnswers(answered), m.items, reason);
      } catch (e) {
        if (e instanceof AppError && e.details && typeof e.details === 'object') (e.details as Record<string, unknown>).member = m.key;
        throw e;
      }
      if (await hasOpenCorrection(inner, row.id))
        throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'request_correction', member: m.key, reason: 'a correction is already open' });
      if (row.status === 'submitted' && (await isDeemedAccepted(inner, row))) throw caseErrors.CASE_DEEMED_ACCEPTED({ member: m.key });
      const content = await caseContent(inner, row);
      const fields = new Set(Object.keys((content.form as { properties?: Record<string, unknown> }).properties ?? {}));
      for (const i of m.items) {
        if (i.materialKey && !content.materials.some((x) => x.key === i.materialKey))
          throw caseErrors.CASE_MATERIAL_UNKNOWN({ key: i.materialKey, member: m.key });
        if (i.field && !fields.has(i.field)) throw caseErrors.CASE_CORRECTION_FIELD_UNKNOWN({ field: i.field, member: m.key });
      }
      const items = m.items.map((i) => ({ materialKey: i.materialKey ?? null, field: i.field ?? null, note: i.note }));
      const before = Object.fromEntries(
        (
          await queryRows<{ material_key: string; file_digest: string | null }>(
            inner,
            sql`SELECT material_key, file_digest FROM case_material WHERE case_id = ${row.id}`,
          )
        )
          .filter((r) => items.some((i) => i.materialKey === r.material_key))
          .map((r) => [r.material_key, r.file_digest]),
      );
      for (const i of items) if (i.materialKey && !(i.materialKey in before)) before[i.materialKey] = null;
      return {
        set: { status: 'correction_requested' },
        event: {
          type: 'correction_requested',
          data: { items, afterAcceptance: false, before, bundle: bundleNumber, ...(earlier > 0 ? { further: true, reason } : {}) },
        },
        audit: { items: items.length, bundle: bundleNumber, member: m.key },
      };
    });
}

/**
 * The applicant's one answer to the bundle's notice: each member's part answered as answerCorrection answers a
 * case's (every item, a new file or field or an explanation), all in the caller's transaction; every member is back
 * in the window's queue, its receipt day the day of the answer.
 */
export async function answerBundleCorrection(
  tx: Db,
  actor: Actor,
  members: { key: string; number: string; version: number; answers: CorrectionAnswer[] }[],
  note?: string,
) {
  for (const m of members) {
    try {
      await answerCorrection(tx, actor, m.number, { version: m.version, answers: m.answers, confirmed: true, note });
    } catch (e) {
      if (e instanceof AppError && e.details && typeof e.details === 'object') (e.details as Record<string, unknown>).member = m.key;
      throw e;
    }
  }
}

/**
 * 一窗出件: every given decided member delivered at once (window, post with its tracking number, or electronic); a
 * delivery at the window is one visit, counted on the first member only (the applicant came once).
 */
export async function deliverBundleMembers(
  tx: Db,
  actor: WindowActor,
  bundleNumber: string,
  members: { key: string; number: string; version: number }[],
  input: { method: 'window' | 'post' | 'electronic'; trackingNumber?: string },
) {
  if (input.method === 'post' && !input.trackingNumber?.trim()) throw caseErrors.CASE_TRACKING_REQUIRED();
  let first = true;
  for (const m of members) {
    const visit = first && input.method === 'window' ? 1 : 0;
    first = false;
    await act(tx, actor, m.number, m.version, 'deliver', async (_inner, row) => ({
      set: { deliveryMethod: input.method, trackingNumber: input.trackingNumber ?? null, deliveredOn: today(), visits: row.visits + visit },
      event: { type: 'delivered', data: { method: input.method, trackingNumber: input.trackingNumber ?? null, bundle: bundleNumber } },
      audit: { method: input.method, bundle: bundleNumber, member: m.key },
    }));
  }
  return members.map((m) => m.number);
}

/** The version of each member case of a bundle (what the window's acts carry). */
export async function memberVersions(db: Db, numbers: string[]): Promise<Map<string, number>> {
  if (!numbers.length) return new Map();
  const rows = await db.select({ number: serviceCase.number, version: serviceCase.version }).from(serviceCase).where(inArray(serviceCase.number, numbers));
  return new Map(rows.map((r) => [r.number!, r.version]));
}

/** What the notice of a member case asks, as the bundle shows it: the material's or field's title. */
export async function correctionTargets(db: Db, number: string) {
  const [row] = await db.select().from(serviceCase).where(eq(serviceCase.number, number));
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  const content = await caseContent(db, row);
  const props = (content.form as { properties?: Record<string, { title?: string }> }).properties ?? {};
  return {
    materials: content.materials.map((m) => ({ key: m.key, name: m.name })),
    fields: Object.entries(props).map(([key, p]) => ({ key, title: p.title ?? key })),
  };
}

/**
 * The statutory clock of each member case of bundle cases: its deadline, warning and whether it is paused, and the
 * promised limit it runs on (for a member not accepted yet, the bundle projects its finish from it).
 */
export async function clocksOfBundle(db: Db, bundleCaseId: number) {
  const rows = await db
    .select()
    .from(serviceCase)
    .where(and(eq(serviceCase.bundleCaseId, bundleCaseId)))
    .orderBy(asc(serviceCase.id));
  if (!rows.length) return [];
  const cal = await loadCalendar(db);
  const events = await db
    .select({ caseId: caseEvent.caseId, type: caseEvent.type, onDay: caseEvent.onDay })
    .from(caseEvent)
    .where(
      inArray(
        caseEvent.caseId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(caseEvent.id);
  const out = [];
  for (const r of rows) {
    const content = await caseContent(db, r);
    const clock = clockOf(
      cal,
      content,
      events.filter((e) => e.caseId === r.id),
      today(),
      itemTypeRules(await itemTypeOf(db, r)).deemedAcceptance,
    );
    out.push({
      number: r.number!,
      memberKey: r.bundleMemberKey ?? '',
      acceptedOn: clock.acceptedOn,
      deadline: clock.deadline,
      warning: clock.warning,
      paused: clock.paused,
      remainingWorkingDays: clock.remainingWorkingDays,
      stoppedOn: clock.stoppedOn,
      promisedLimit: content.promisedLimit,
    });
  }
  return out;
}
