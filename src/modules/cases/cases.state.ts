import { can, type Permission, type RoleGrant } from '../../platform/permissions.ts';
import { caseErrors } from './cases.errors.ts';

/**
 * The case state machine, in one table. Every action names the statuses it may start from and the status it
 * leads to (null: stays). Services call `transitionOf` before they change anything.
 */
export const CASE_STATUSES = ['draft', 'submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const isCaseStatus = (s: unknown): s is CaseStatus => (CASE_STATUSES as readonly unknown[]).includes(s);
/** A step of the review: waiting, under way (one at a time), done, or sent back to by a later step. */
export const STEP_STATUSES = ['pending', 'active', 'done', 'returned'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
/** What was supplied for a material: an upload, a pledge (告知承诺), a licence, or a gap to supply later (容缺). */
export const MATERIAL_MODES = ['upload', 'pledge', 'license', 'gap'] as const;
export type MaterialMode = (typeof MATERIAL_MODES)[number];

export const CASE_ACTIONS = {
  edit_draft: { from: ['draft'], to: null },
  submit: { from: ['draft'], to: 'submitted' },
  request_correction: { from: ['submitted', 'in_review'], to: null },
  answer_correction: { from: ['correction_requested', 'in_review'], to: null },
  accept: { from: ['submitted'], to: 'in_review' },
  refuse: { from: ['submitted', 'correction_requested'], to: 'refused' },
  supply_gap: { from: ['in_review'], to: null },
  claim: { from: ['in_review'], to: null },
  complete_step: { from: ['in_review'], to: null },
  transfer_step: { from: ['in_review'], to: null },
  start_special: { from: ['in_review'], to: null },
  end_special: { from: ['in_review'], to: null },
  extend: { from: ['in_review'], to: null },
  decide: { from: ['in_review'], to: 'decided' },
  deliver: { from: ['decided'], to: 'delivered' },
  withdraw: { from: ['draft', 'submitted', 'correction_requested', 'in_review'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus | null }>;
export type CaseAction = keyof typeof CASE_ACTIONS;

/** The status after `action`, or CASE_ILLEGAL_TRANSITION. */
export function transitionOf(status: CaseStatus, action: CaseAction): CaseStatus {
  const rule = CASE_ACTIONS[action];
  if (!(rule.from as readonly CaseStatus[]).includes(status)) throw caseErrors.CASE_ILLEGAL_TRANSITION({ status, action });
  return rule.to ?? status;
}

/**
 * 办结: a case whose handling is over — decided, delivered, refused or withdrawn. The one definition: its applicant
 * may rate it online from then on (ratings' statement reads CLOSED_STATUSES_SQL), and the web shows its rating.
 */
export const CLOSED_STATUSES = ['decided', 'delivered', 'refused', 'withdrawn'] as const satisfies readonly CaseStatus[];
export const isClosed = (status: string): boolean => (CLOSED_STATUSES as readonly string[]).includes(status);
/** CLOSED_STATUSES as a list of SQL literals, for `status IN (…)`. */
export const CLOSED_STATUSES_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The applicant of a case: the account it belongs to, or the agent who applied for it under a mandate while it may
 * act for that account (a case as read carries the agent only then: cases.agent.ts, CaseRow).
 */
export const isApplicantOf = (row: { ownerUserId: number | null; agentUserId: number | null }, userId: number): boolean =>
  row.ownerUserId === userId || row.agentUserId === userId;

/** The agent who filed the case and may no longer act on it (its mandate was revoked or has expired). */
export const isFormerAgent = (row: { ownerUserId: number | null; agentUserId: number | null; filedByAgentUserId: number | null }, userId: number): boolean =>
  row.filedByAgentUserId === userId && !isApplicantOf(row, userId);

/**
 * Who may rate a case online (一事一评): its applicant, once it is closed. ratings' statement applies the same rule in
 * SQL (applicant: owner or agent; CLOSED_STATUSES_SQL), together with what only it knows (a rating given already).
 */
export const mayRateOnline = (row: { status: string; ownerUserId: number | null; agentUserId: number | null }, userId: number): boolean =>
  isClosed(row.status) && isApplicantOf(row, userId);

/** Outcome codes of the exchange table (standards.md §2); codes 1–6 need a reason. */
export const OUTCOMES = { granted: '0', denied: '1', voided: '2', transferred: '4', returned: '5', refused: '6' } as const;

/**
 * Who may take each action besides the case's status allowing it: the case's applicant (with cases.apply), or a
 * holder of one of the permissions in the case's scope (cases.accept: the window of the case's region; the others:
 * the case's region and department). The routes check the same permissions; the services the same ownership.
 */
export const ACTION_ACTOR: Record<CaseAction, 'applicant' | readonly Permission[]> = {
  edit_draft: 'applicant',
  submit: 'applicant',
  answer_correction: 'applicant',
  supply_gap: 'applicant',
  withdraw: 'applicant',
  request_correction: ['cases.accept', 'cases.review'],
  accept: ['cases.accept'],
  refuse: ['cases.accept'],
  deliver: ['cases.accept'],
  claim: ['cases.review'],
  complete_step: ['cases.review'],
  transfer_step: ['cases.review'],
  start_special: ['cases.review'],
  end_special: ['cases.review'],
  decide: ['cases.review'],
  extend: ['cases.extend'],
};

/** What the server may tell an actor they can do next on a case: the state machine's actions, and rating it. */
export const NEXT_ACTIONS = [
  'edit_draft',
  'submit',
  'request_correction',
  'answer_correction',
  'accept',
  'refuse',
  'supply_gap',
  'claim',
  'complete_step',
  'transfer_step',
  'start_special',
  'end_special',
  'extend',
  'decide',
  'deliver',
  'withdraw',
  'rate',
] as const satisfies readonly (CaseAction | 'rate')[];
export type NextAction = (typeof NEXT_ACTIONS)[number];
// Every action of the state machine is one the server can offer.
const everyAction: Exclude<CaseAction, NextAction> extends never ? true : never = true;
void everyAction;

/**
 * Separation of duties (审查与决定分离): a step that requires it is taken only by someone who did none of the case's
 * earlier steps. The implementation's step says so (`separateDuties`); unsaid, it is on for the 决定 step.
 */
export function requiresSeparateActor(step: { key: string; name: string; separateDuties?: boolean }): boolean {
  return step.separateDuties ?? (step.key === 'decide' || step.name === '决定');
}

/**
 * Who may not take the case's active step: the doers of the earlier steps (as they stand: a step returned to and
 * redone counts its new doer), when the active step requires a separate actor; nobody otherwise.
 */
export function barredFromActiveStep(
  steps: readonly { position: number; status: string; assigneeUserId: number | null; stepKey: string; name: string }[],
  config: readonly { key: string; name: string; separateDuties?: boolean }[],
): Set<number> {
  const active = steps.find((s) => s.status === 'active');
  if (!active) return new Set();
  const own = config.find((c) => c.key === active.stepKey) ?? { key: active.stepKey, name: active.name };
  if (!requiresSeparateActor(own)) return new Set();
  return new Set(steps.filter((s) => s.position < active.position && s.status === 'done' && s.assigneeUserId !== null).map((s) => s.assigneeUserId!));
}

/** The actions on the active step that separation of duties takes from someone barred from it. */
export const STEP_ACTIONS = ['claim', 'complete_step', 'transfer_step', 'decide'] as const satisfies readonly CaseAction[];

/**
 * The actions `actor` may take next on the case, from the state machine, the actor's grants and ownership, and
 * whether a correction notice is open (answered only while open, sent only while none is), and whether separation
 * of duties bars the actor from the active step. Rules on data the action itself brings (a form, a material) are
 * still checked when it is taken.
 */
export function allowedActions(
  row: { status: string; regionCode: string; departmentId: number; ownerUserId: number | null; agentUserId: number | null },
  actor: { userId: number; grants: readonly RoleGrant[] },
  facts: { correctionOpen: boolean; barredFromStep?: boolean },
): NextAction[] {
  const applicant = isApplicantOf(row, actor.userId) && can(actor.grants, 'cases.apply');
  const scope = (p: Permission) => (p === 'cases.accept' ? { regionCode: row.regionCode } : { regionCode: row.regionCode, departmentId: row.departmentId });
  const out: NextAction[] = (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((action) => {
    if (!(CASE_ACTIONS[action].from as readonly string[]).includes(row.status)) return false;
    if (action === 'answer_correction' && !facts.correctionOpen) return false;
    if (action === 'request_correction' && facts.correctionOpen) return false;
    if (facts.barredFromStep && (STEP_ACTIONS as readonly string[]).includes(action)) return false;
    const who = ACTION_ACTOR[action];
    return who === 'applicant' ? applicant : who.some((p) => can(actor.grants, p, scope(p)));
  });
  if (mayRateOnline(row, actor.userId)) out.push('rate');
  return out;
}
