import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { decideForCase, type CaseDecision } from '../rules/index.ts';
import { transitionOf, type CaseStatus } from './cases.state.ts';
import type { Actor } from './cases.act.ts';
import { missingMaterials } from './cases.materials.ts';
import { licensesOnGrant } from './cases.handling.ts';
import { openPledgeChecks } from './cases.pledges.ts';
import { itemTypeRules } from './item-type-rules.ts';
import { addEvent, addEvents, caseContent, itemTypeOf, materialsOf, notify, updateCase, type CaseRow } from './cases.repository.ts';

/**
 * 秒批 (instant approval, issue 22): a case submitted for an implementation whose rules are set to instant approval
 * is decided by them in the same request. The rules module reads the inputs, decides and records the decision
 * (rule_decision, audit `rules.decide` naming the version's hash); this acts on it:
 * - grant, and nothing the window would still ask for (every required material supplied) → accepted, decided
 *   (granted) and closed at once, the licence issued and sealed through the same path as a reviewer's grant; the
 *   clock stops on the day it started (0 working days);
 * - refuse or undecidable (a failing condition, a missing input, a rule that threw) → nothing is decided: the case
 *   stays submitted and goes to the window and the reviewers as usual (转人工). Never a denial without a person. The
 *   applicant is told why, and the case page shows the decision to everyone who sees the case.
 */

/** What the reply of a submission says of the rules' decision. */
export interface InstantOutcome {
  outcome: CaseDecision['outcome'];
  /** Whether the case was closed by the rules (a grant with nothing left for the window). */
  closed: boolean;
  explanationZh: string;
  explanationEn: string;
  ruleSet: string;
  versionNumber: number;
  versionHash: string;
}

/** Decides a submitted, locked case by its implementation's instant rules, if it has any; the case as it stands after. */
export async function instantApproval(
  tx: Db,
  submitter: Actor,
  row: CaseRow,
  /** A licence serial reserved before the transaction (licenses' reserveSerial): the grant then holds no counter lock. */
  reserved: { serial?: string } = {},
): Promise<{ row: CaseRow; instant: InstantOutcome | null }> {
  if (row.status !== 'submitted') return { row, instant: null };
  const day = row.receivedOn ?? today();
  const decision = await decideForCase(tx, submitter.ctx, {
    implementationId: row.implementationId,
    caseId: row.id,
    caseNumber: row.number!,
    regionCode: row.regionCode,
    applicant: { kind: row.applicantKind as 'person' | 'organisation', idNumber: row.applicantIdNumber },
    formData: (row.formData ?? {}) as Record<string, unknown>,
    day,
  });
  if (!decision) return { row, instant: null };
  // What follows from the decision is done in the rules' name (the audit log names the version), in this request.
  const actor = { ctx: decision.ctx };
  const content = await caseContent(tx, row);
  const supplied = new Map((await materialsOf(tx, row.id)).map((m) => [m.materialKey, m.mode]));
  const missing = missingMaterials(content, supplied, new Set());
  const rules = { ruleSet: decision.ruleSetCode, ruleVersion: decision.versionNumber, ruleVersionHash: decision.versionHash };
  const who = { userId: null, name: '规则自动审批' };
  const base = {
    outcome: decision.outcome,
    explanationZh: decision.explanationZh,
    explanationEn: decision.explanationEn,
    ruleSet: decision.ruleSetCode,
    versionNumber: decision.versionNumber,
    versionHash: decision.versionHash,
  };
  /** 转人工: the case stays submitted, for the window as any other; the applicant reads why. */
  const refer = async (why: string, whyEn: string) => {
    // Not a change of the case's state: the decision's own audit entry (rules.decide) is the record.
    await addEvent(tx, row, who, 'rules_referred', { ...rules, ruleOutcome: decision.outcome, reason: why, missing });
    await notify(tx, [row.ownerUserId, row.agentUserId], row, 'rules', '未能秒批，转人工审核', `办件 ${row.number} 未能自动办结，已转人工审核：${why}`);
    return { row, instant: { ...base, explanationZh: why, explanationEn: whyEn, closed: false } };
  };
  if (decision.outcome !== 'grant') return refer(decision.explanationZh, decision.explanationEn);
  if (missing.length) {
    const names = content.materials.filter((m) => missing.includes(m.key)).map((m) => m.name);
    return refer(
      `规则条件均符合，但尚缺必要材料（${names.join('、')}），转人工受理。`,
      `Every condition is met, but required materials are missing (${missing.join(', ')}): handled by a person.`,
    );
  }
  // The grant in a savepoint: what cannot be done (a licence the type does not let this applicant hold, a seal key
  // missing…) undoes the grant alone and sends the case to people, saying so; the decision stays recorded.
  try {
    return await tx.transaction((sp) => grant(sp, actor, row, { content, day, rules, who, decision, base, serial: reserved.serial }));
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const what = e.code ?? e.message ?? String(err);
    return refer(
      `规则条件均符合，但自动办结失败（${what}），已记录，转人工审核。`,
      `Every condition is met, but closing it failed (${what}), recorded: handled by a person.`,
    );
  }
}

/** Accepts, grants and closes the case with its licence, in the rules' name. */
async function grant(
  tx: Db,
  actor: { ctx: CaseDecision['ctx'] },
  row: CaseRow,
  g: {
    content: Awaited<ReturnType<typeof caseContent>>;
    day: string;
    rules: Record<string, unknown>;
    who: { userId: null; name: string };
    decision: CaseDecision;
    base: Omit<InstantOutcome, 'closed'>;
    serial?: string;
  },
): Promise<{ row: CaseRow; instant: InstantOutcome }> {
  const { content, day, rules, who, decision, base } = g;
  // The state machine's path, both steps in one go: submitted → in_review (accept) → decided (decide).
  const next = transitionOf(transitionOf(row.status as CaseStatus, 'accept'), 'decide');
  await openPledgeChecks(tx, row, content, day);
  const words = itemTypeRules(await itemTypeOf(tx, row)).outcome.granted.zh;
  const after = await updateCase(tx, row.id, {
    status: next,
    acceptedOn: day,
    outcome: '0',
    outcomeReason: null,
    decidedOn: day,
    currentStepKey: null,
    version: row.version + 1,
  });
  // Accepted and decided: two events, one statement.
  await addEvents(tx, after, who, [
    { type: 'accepted', data: { ...rules, instant: true } },
    {
      type: 'decided',
      data: {
        ...rules,
        outcome: '0',
        reason: null,
        legalBasis: content.legalBasis || null,
        rights: null,
        instant: true,
        explanation: decision.explanationZh,
      },
    },
  ]);
  // The licence last: its serial's counter row is locked to the commit, and the instant grants of an item queue on it
  // (R11); what comes after it is only what names the licence.
  const licenses = await licensesOnGrant(tx, actor, row, g.serial);
  if (licenses.issued) await addEvent(tx, after, who, 'license_issued', { identifier: licenses.issued });
  if (licenses.revoked.length) await addEvent(tx, after, who, 'license_revoked', { identifiers: licenses.revoked });
  await notify(
    tx,
    [row.ownerUserId, row.agentUserId],
    row,
    'decided',
    `秒批：${words}`,
    `办件 ${row.number} 已由规则自动审批办结：${words}。${licenses.issued ? `证照编号 ${licenses.issued}。` : ''}`,
  );
  // One entry for the state change, naming the rule version that made it.
  await writeAudit(tx, actor.ctx, {
    action: 'case.instant-approve',
    targetType: 'case',
    targetId: row.number!,
    change: { from: row.status, to: next, outcome: '0', ...rules, decisionId: decision.decisionId, license: licenses.issued },
  });
  return { row: after, instant: { ...base, closed: true } };
}
