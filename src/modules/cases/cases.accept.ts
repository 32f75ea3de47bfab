import type { Db } from '../../platform/db/db.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { loadCalendar, loadCalendarAt } from '../../platform/calendar/calendar.service.ts';
import { frozenVersionContent, type ImplementationContent } from '../catalog/index.ts';
import { caseErrors } from './cases.errors.ts';
import { transitionOf, type CaseStatus } from './cases.state.ts';
import { acceptanceOf } from './clock.ts';
import { act, type Actor } from './cases.act.ts';
import { missingMaterials } from './cases.materials.ts';
import { acceptStatements, caseContent, caseEvents, getCase, hasOpenCorrection, itemTypeOf, materialsOf, notify, type CaseRow } from './cases.repository.ts';
import { checkFurtherNotice, introducedByAnswers, type CorrectionAnswerRecord, type CorrectionItem } from './cases.corrections.ts';
import { itemTypeRules } from './item-type-rules.ts';
import { joinClauses } from '../../platform/zh-text.ts';

// The general window (综合受理): accept, with gaps owed (容缺); refuse to accept; ask for a correction (一次性告知).

/**
 * Whether the case already counts as accepted on the day of receipt (no decision within 5 working days): 行政许可法
 * art. 32, so only for a 行政许可 item (item-type-rules.ts).
 */
export async function isDeemedAccepted(tx: Db, row: CaseRow): Promise<boolean> {
  if (!itemTypeRules(await itemTypeOf(tx, row)).deemedAcceptance) return false;
  const events = (await caseEvents(tx, row.id)).map((e) => ({ type: e.type, onDay: e.onDay }));
  return acceptanceOf(await loadCalendar(tx), events, today()).deemedAccepted;
}

/** 受理 (clerk) steps are done by acceptance itself; the department's reviewer steps run from there. */
export function reviewerSteps(content: ImplementationContent) {
  const steps = content.steps.filter((s) => s.role === 'reviewer');
  return steps.length ? steps : [{ key: 'decide', name: '决定', role: 'reviewer' as const, budgetDays: 0 }];
}

/**
 * 受理: the case is read, every rule is checked in memory (state machine, row version, materials and gaps, the art.
 * 32 acceptance day), then one statement writes the change, the department's steps, the notification, the event and
 * the audit entry. Acceptances made at the same moment share their read and their write (ADR 0010). `authorise`
 * resolves the clerk for the case's region (前台综合受理).
 */
export async function acceptCase(
  db: Db,
  authorise: (scope: { regionCode: string }) => Actor,
  number: string,
  input: { version: number; gaps?: { materialKey: string; dueOn: string }[] },
) {
  const statements = acceptStatements(db);
  const row = await statements.read(number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  const actor = authorise({ regionCode: row.regionCode });
  if (row.version !== input.version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
  const next = transitionOf(row.status as CaseStatus, 'accept');
  const content = await frozenVersionContent(db, row.versionId);
  const day = today();
  const gaps = input.gaps ?? [];
  for (const g of gaps) {
    if (!content.materials.some((m) => m.key === g.materialKey) || g.dueOn <= day) throw caseErrors.CASE_GAPS_INVALID({ materialKey: g.materialKey });
  }
  const missing = missingMaterials(content, new Map(row.materials.map((m) => [m.key, m.mode])), new Set(gaps.map((g) => g.materialKey)));
  if (missing.length) throw caseErrors.CASE_MATERIALS_MISSING({ missing });
  const acceptance = acceptanceOf(
    await loadCalendarAt(db, row.calendar),
    [...row.events, { type: 'accepted', onDay: day }],
    day,
    itemTypeRules(row.itemType).deemedAcceptance,
  );
  const acceptedOn = acceptance.acceptedOn ?? day;
  const deemed = acceptance.deemedAccepted;
  const steps = reviewerSteps(content);
  const recipients = [...new Set([row.ownerUserId, row.agentUserId].filter((u): u is number => typeof u === 'number'))];
  const audit = auditRow(actor.ctx, {
    action: 'case.accept',
    targetType: 'case',
    targetId: number,
    change: { from: row.status, to: next, gaps, acceptedOn, deemed },
  });
  const done = await statements.write({
    id: row.id,
    version: row.version,
    status: next,
    accepted_on: acceptedOn,
    deemed,
    step_key: steps[0].key,
    gaps,
    department_id: row.departmentId,
    steps: steps.map((s, i) => ({ position: i, key: s.key, name: s.name, status: i === 0 ? 'active' : 'pending' })),
    title: '办件已受理',
    body: gaps.length ? `办件 ${number} 已容缺受理，请在期限内补齐材料。` : `办件 ${number} 已受理。`,
    recipients,
    day,
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    data: { gaps, deemed },
    audit: [audit],
  });
  if (!done) throw caseErrors.CASE_VERSION_CONFLICT({ current: (await getCase(db, number)).version });
  return { number, status: next, version: row.version + 1 };
}

export async function refuseCase(db: Db, actor: Actor, number: string, input: { version: number; reason: string; legalBasis: string }) {
  if (!input.reason.trim() || !input.legalBasis.trim()) throw caseErrors.CASE_REASON_REQUIRED();
  return act(db, actor, number, input.version, 'refuse', async (tx, row) => {
    // art. 32: once deemed accepted, the office may no longer refuse to accept; it accepts and decides.
    if (await isDeemedAccepted(tx, row)) throw caseErrors.CASE_DEEMED_ACCEPTED();
    await notify(tx, [row.ownerUserId, row.agentUserId], row, 'refused', '不予受理', `办件 ${row.number} 不予受理：${input.reason}`);
    return {
      set: { outcome: '6', outcomeReason: input.reason, decidedOn: today() },
      event: { type: 'refused', data: { reason: input.reason, legalBasis: input.legalBasis } },
      audit: { reason: input.reason },
    };
  });
}

/**
 * 一次性告知: one notice listing everything to fix (materials, form fields, remarks). Before acceptance by the window;
 * after, by the reviewer. A further notice only for what an answer introduced, with its reason (cases.corrections.ts).
 */
export async function requestCorrection(db: Db, actor: Actor, number: string, input: { version: number; items: CorrectionItem[]; reason?: string | null }) {
  if (input.items.length === 0) throw caseErrors.CASE_CORRECTION_EMPTY();
  return act(db, actor, number, input.version, 'request_correction', async (tx, row, next) => {
    if (await hasOpenCorrection(tx, row.id))
      throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'request_correction', reason: 'a correction is already open' });
    if (row.status === 'submitted' && (await isDeemedAccepted(tx, row))) throw caseErrors.CASE_DEEMED_ACCEPTED();
    const content = await caseContent(tx, row);
    const fields = new Set(Object.keys((content.form as { properties?: Record<string, unknown> }).properties ?? {}));
    for (const i of input.items) {
      if (i.materialKey && !content.materials.some((m) => m.key === i.materialKey)) throw caseErrors.CASE_MATERIAL_UNKNOWN({ key: i.materialKey });
      if (i.field && !fields.has(i.field)) throw caseErrors.CASE_CORRECTION_FIELD_UNKNOWN({ field: i.field });
    }
    const events = await caseEvents(tx, row.id);
    const earlier = events.filter((e) => e.type === 'correction_requested').length;
    const answered = events.filter((e) => e.type === 'correction_answered').map((e) => e.data as { answers?: CorrectionAnswerRecord[] });
    checkFurtherNotice(earlier, introducedByAnswers(answered), input.items, input.reason);
    // The files as they stand at the notice: an answer must bring a different one (answerProblems).
    const materials = new Map((await materialsOf(tx, row.id)).map((m) => [m.materialKey, m.fileDigest]));
    const before = Object.fromEntries(input.items.filter((i) => i.materialKey).map((i) => [i.materialKey!, materials.get(i.materialKey!) ?? null]));
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      row,
      'correction',
      '请补正材料',
      `办件 ${row.number} 需补正：${joinClauses(input.items.map((i) => i.note))}`,
    );
    const items = input.items.map((i) => ({ materialKey: i.materialKey ?? null, field: i.field ?? null, note: i.note }));
    return {
      set: { status: row.status === 'submitted' ? 'correction_requested' : next },
      event: {
        type: 'correction_requested',
        data: { items, afterAcceptance: row.status === 'in_review', before, ...(earlier > 0 ? { further: true, reason: input.reason ?? null } : {}) },
      },
      audit: { items: input.items.length, ...(earlier > 0 ? { further: true, reason: input.reason ?? null } : {}) },
    };
  });
}
