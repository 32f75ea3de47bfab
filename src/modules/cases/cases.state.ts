import { caseErrors } from './cases.errors.ts';

/**
 * The case state machine, in one table. Every action names the statuses it may start from and the status it
 * leads to (null: stays). Services call `transitionOf` before they change anything.
 */
export const CASE_STATUSES = ['draft', 'submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

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

export const CLOSED: readonly CaseStatus[] = ['delivered', 'refused', 'withdrawn'];

/** Outcome codes of the exchange table (standards.md §2); codes 1–6 need a reason. */
export const OUTCOMES = { granted: '0', denied: '1', voided: '2', transferred: '4', returned: '5', refused: '6' } as const;
