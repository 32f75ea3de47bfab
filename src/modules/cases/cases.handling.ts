import type { Db } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { can } from '../../platform/permissions.ts';
import { caseErrors } from './cases.errors.ts';
import { act, type Actor } from './cases.act.ts';
import {
  assignStep,
  caseContent,
  caseSteps,
  closeActiveStep,
  endStep,
  gapsOutstanding,
  hasEvent,
  hasOpenCorrection,
  itemTypeOf,
  lastStepPosition,
  lockActiveStep,
  notify,
  openSpecial,
  reopenStep,
  startStepAt,
  type CaseRow,
  type StepRow,
} from './cases.repository.ts';
import { issueLicense, revokeHolderLicenses } from '../licenses/index.ts';
import { applicantOfCase, bindIdentity } from './cases.identity.ts';
import { openPledgeChecks } from './cases.pledges.ts';
import { SPECIAL_KINDS_ZH } from './cases.types.ts';
import { barredFromActiveStep } from './cases.state.ts';
import { itemTypeRules } from './item-type-rules.ts';
import { EXTENSION_DAYS } from './clock.ts';

async function activeStep(tx: Db, caseId: number) {
  const step = await lockActiveStep(tx, caseId);
  if (!step) throw caseErrors.CASE_STEP_NOT_ACTIVE({ caseId });
  return step;
}

/** Separation of duties (cases.state.ts): refuses `userId` the active step if they took an earlier one. */
async function assertMayTakeStep(tx: Db, row: CaseRow, userId: number) {
  const [steps, content] = await Promise.all([caseSteps(tx, row.id), caseContent(tx, row)]);
  const active = steps.find((s) => s.status === 'active');
  if (barredFromActiveStep(steps, content.steps).has(userId)) throw caseErrors.CASE_SEPARATION_OF_DUTIES({ step: active?.stepKey ?? null });
}

/** Claims the active step for the acting reviewer. */
export async function claimStep(db: Db, actor: Actor, number: string, input: { version: number }) {
  return act(db, actor, number, input.version, 'claim', async (tx, row) => {
    const step = await activeStep(tx, row.id);
    await assertMayTakeStep(tx, row, actor.userId);
    if (step.assigneeUserId && step.assigneeUserId !== actor.userId) throw caseErrors.CASE_STEP_CLAIMED({ step: step.stepKey });
    await assignStep(tx, step.id, actor.userId);
    return { event: { type: 'step_claimed', data: { stepKey: step.stepKey, name: step.name } } };
  });
}

/**
 * A grant yields the item's licence, issued and sealed in the same transaction; a revocation item (注销) revokes the
 * applicant's licences of its type.
 */
export async function licensesOnGrant(
  tx: Db,
  actor: Pick<Actor, 'ctx'>,
  row: CaseRow,
  /** A serial reserved before the transaction (reserveSerial), for the licence the grant issues. */
  serial?: string,
): Promise<{ issued: string | null; revoked: string[] }> {
  const content = await caseContent(tx, row);
  let issued: string | null = null;
  if (content.resultLicenseTypeCode) {
    // What the seal signs of the applicant is the case's applicant (the account's), even for a form kept from before
    // its identity fields were bound: never a typed name or number.
    const { data: answers } = bindIdentity(content.form, applicantOfCase(row), (row.formData ?? {}) as Record<string, unknown>);
    const scalars = Object.fromEntries(Object.entries(answers).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)));
    const l = await issueLicense(tx, actor.ctx, {
      typeCode: content.resultLicenseTypeCode,
      departmentId: row.departmentId,
      holder: { kind: row.applicantKind as 'person' | 'organisation', name: row.applicantName, idNumber: row.applicantIdNumber },
      data: { 事项名称: content.name, 办件编号: row.number, ...scalars },
      caseNumber: row.number,
      serial,
    });
    issued = l.identifier;
  }
  const revoked = content.revokesLicenseTypeCode
    ? await revokeHolderLicenses(tx, actor.ctx, row.applicantIdNumber, content.revokesLicenseTypeCode, row.departmentId, `办件 ${row.number} 决定注销`)
    : [];
  return { issued, revoked };
}

async function assertDecidable(tx: Db, row: CaseRow) {
  const gaps = await gapsOutstanding(tx, row.id);
  if (gaps.length) throw caseErrors.CASE_GAPS_OUTSTANDING({ gaps });
  if (await openSpecial(tx, row.id)) throw caseErrors.CASE_SPECIAL_OPEN();
  if (await hasOpenCorrection(tx, row.id)) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status: row.status, action: 'decide', reason: 'a correction is open' });
}

/**
 * Completes the active step with an opinion. pass → the next step, or a grant at the last one; fail → a denial
 * with reasons, legal basis and the applicant's rights; return → back to an earlier step.
 */
export async function completeStep(
  db: Db,
  actor: Actor,
  number: string,
  input: { version: number; result: 'pass' | 'return' | 'fail'; opinion: string; legalBasis?: string; toStepKey?: string },
) {
  if (input.result === 'fail' && !input.legalBasis?.trim()) throw caseErrors.CASE_REASON_REQUIRED();
  // A decision changes the status; the other results keep the case in review. Which it is, the active step tells,
  // read under the case's lock: failing any step denies, passing the last one grants.
  let step!: StepRow;
  let decision: 'grant' | 'deny' | null = null;
  const actionOf = async (tx: Db, row: CaseRow) => {
    step = await activeStep(tx, row.id);
    const last = await lastStepPosition(tx, row.id);
    decision = input.result === 'fail' ? 'deny' : input.result === 'pass' && last === step.position ? 'grant' : null;
    return decision ? ('decide' as const) : ('complete_step' as const);
  };
  return act(db, actor, number, input.version, actionOf, async (tx, row) => {
    if (step.assigneeUserId !== actor.userId) throw caseErrors.CASE_STEP_NOT_CLAIMED({ step: step.stepKey });
    await assertMayTakeStep(tx, row, actor.userId);
    const stepEvent = { type: 'step_completed', data: { stepKey: step.stepKey, name: step.name, result: input.result, opinion: input.opinion } };
    if (decision) await assertDecidable(tx, row);
    await endStep(tx, step.id, { status: input.result === 'return' ? 'returned' : 'done', result: input.result, opinion: input.opinion });
    if (input.result === 'return') {
      const steps = await caseSteps(tx, row.id);
      const target = input.toStepKey
        ? steps.find((s) => s.stepKey === input.toStepKey && s.position < step.position)
        : steps.filter((s) => s.position < step.position).at(-1);
      if (!target) throw caseErrors.CASE_STEP_NOT_ACTIVE({ reason: 'no earlier step to return to' });
      await reopenStep(tx, row.id, target);
      return { set: { currentStepKey: target.stepKey }, event: stepEvent, audit: { step: step.stepKey, result: 'return', to: target.stepKey } };
    }
    if (!decision) {
      const next = await startStepAt(tx, row.id, step.position + 1);
      return { set: { currentStepKey: next.stepKey }, event: stepEvent, audit: { step: step.stepKey, result: 'pass' } };
    }
    const granted = decision === 'grant';
    const licenses = granted ? await licensesOnGrant(tx, actor, row) : { issued: null, revoked: [] };
    // 告知承诺: each pledge of a granted case is verified by the department afterwards (cases.pledges.ts).
    if (granted) await openPledgeChecks(tx, row, await caseContent(tx, row), today());
    // The words of the item's type: 准予许可 only for 行政许可 (item-type-rules.ts).
    const rules = itemTypeRules(await itemTypeOf(tx, row));
    const words = granted ? rules.outcome.granted.zh : rules.outcome.denied.zh;
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      row,
      'decided',
      words,
      `办件 ${row.number} 已作出决定：${granted ? words : `${words}（${input.opinion}）`}。`,
    );
    return {
      set: { outcome: granted ? '0' : '1', outcomeReason: granted ? null : input.opinion, decidedOn: today(), currentStepKey: null },
      event: stepEvent,
      extraEvents: [
        {
          type: 'decided',
          data: {
            outcome: granted ? '0' : '1',
            reason: granted ? null : input.opinion,
            legalBasis: input.legalBasis ?? null,
            rights: granted ? null : rules.rights,
          },
        },
        ...(licenses.issued ? [{ type: 'license_issued', data: { identifier: licenses.issued } }] : []),
        ...(licenses.revoked.length ? [{ type: 'license_revoked', data: { identifiers: licenses.revoked } }] : []),
      ],
      audit: { step: step.stepKey, outcome: granted ? '0' : '1' },
    };
  });
}

/** Hands the claimed step to another reviewer of the same department. */
export async function transferStep(db: Db, actor: Actor, number: string, input: { version: number; toUserId: number; toGrants: Parameters<typeof can>[0] }) {
  return act(db, actor, number, input.version, 'transfer_step', async (tx, row) => {
    const step = await activeStep(tx, row.id);
    if (step.assigneeUserId !== actor.userId) throw caseErrors.CASE_STEP_NOT_CLAIMED({ step: step.stepKey });
    if (!can(input.toGrants, 'cases.review', { regionCode: row.regionCode, departmentId: row.departmentId })) throw caseErrors.CASE_TRANSFER_NOT_ALLOWED();
    await assertMayTakeStep(tx, row, input.toUserId);
    await assignStep(tx, step.id, input.toUserId);
    return { event: { type: 'step_transferred', data: { stepKey: step.stepKey, toUserId: input.toUserId } }, audit: { to: input.toUserId } };
  });
}

/** 行政许可法 art. 45: hearings, tests, expert reviews … are not counted; the applicant is told in writing. */
export async function startSpecial(db: Db, actor: Actor, number: string, input: { version: number; kind: string; reason: string }) {
  return act(db, actor, number, input.version, 'start_special', async (tx, row) => {
    if (await openSpecial(tx, row.id)) throw caseErrors.CASE_SPECIAL_OPEN();
    const kindZh = SPECIAL_KINDS_ZH[input.kind] ?? input.kind;
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      row,
      'special',
      `特别程序：${kindZh}`,
      `办件 ${row.number} 进入特别程序（${kindZh}），所需时间不计入办理时限。理由：${input.reason}`,
    );
    return { event: { type: 'special_started', data: { kind: input.kind, reason: input.reason, code: '2' } }, audit: { kind: input.kind } };
  });
}

export async function endSpecial(db: Db, actor: Actor, number: string, input: { version: number; result?: string }) {
  return act(db, actor, number, input.version, 'end_special', async (tx, row) => {
    if (!(await openSpecial(tx, row.id))) throw caseErrors.CASE_SPECIAL_NOT_OPEN();
    return { event: { type: 'special_ended', data: { result: input.result ?? null } } };
  });
}

/** 行政许可法 art. 42: +10 working days, once, approved by a permitted role; the applicant is told the reason. */
export async function extendCase(db: Db, actor: Actor, number: string, input: { version: number; reason: string }) {
  return act(db, actor, number, input.version, 'extend', async (tx, row) => {
    if (await hasEvent(tx, row.id, 'extension_granted')) throw caseErrors.CASE_EXTENSION_USED();
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      row,
      'extension',
      '办理期限延长',
      `办件 ${row.number} 的办理期限经批准延长 ${EXTENSION_DAYS} 个工作日。理由：${input.reason}`,
    );
    return { event: { type: 'extension_granted', data: { days: EXTENSION_DAYS, reason: input.reason, code: '1' } }, audit: { reason: input.reason } };
  });
}

/** 送达: at one window, by post (with a tracking number) or electronically; a window delivery is a visit. */
export async function deliverCase(
  db: Db,
  actor: Actor,
  number: string,
  input: { version: number; method: 'window' | 'post' | 'electronic'; trackingNumber?: string },
) {
  if (input.method === 'post' && !input.trackingNumber?.trim()) throw caseErrors.CASE_TRACKING_REQUIRED();
  return act(db, actor, number, input.version, 'deliver', async (tx, row) => {
    await notify(
      tx,
      [row.ownerUserId, row.agentUserId],
      row,
      'delivered',
      '办件已送达',
      `办件 ${row.number} 的结果已${input.method === 'post' ? `寄出（快递单号 ${input.trackingNumber}）` : input.method === 'window' ? '在窗口领取' : '电子送达'}。`,
    );
    return {
      set: {
        deliveryMethod: input.method,
        trackingNumber: input.trackingNumber ?? null,
        deliveredOn: today(),
        visits: row.visits + (input.method === 'window' ? 1 : 0),
      },
      event: { type: 'delivered', data: { method: input.method, trackingNumber: input.trackingNumber ?? null } },
    };
  });
}

/** Closes a case with one of the other outcome codes: 2 作废办结 (voided) or 4 转报办结 (transferred), with a reason. */
export async function closeWithOutcome(db: Db, actor: Actor, number: string, input: { version: number; outcome: '2' | '4'; reason: string }) {
  if (!input.reason.trim()) throw caseErrors.CASE_REASON_REQUIRED();
  return act(db, actor, number, input.version, 'decide', async (tx, row) => {
    await assertMayTakeStep(tx, row, actor.userId);
    await closeActiveStep(tx, row.id, input.reason);
    const label = input.outcome === '4' ? '转报办结' : '作废办结';
    await notify(tx, [row.ownerUserId, row.agentUserId], row, 'decided', label, `办件 ${row.number} 已${label}：${input.reason}`);
    return {
      set: { outcome: input.outcome, outcomeReason: input.reason, decidedOn: today(), currentStepKey: null },
      event: { type: 'decided', data: { outcome: input.outcome, reason: input.reason } },
      audit: { outcome: input.outcome },
    };
  });
}
