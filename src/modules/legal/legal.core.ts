import { addNaturalDays, addWorkingDays, shiftDate, workingDaysBetween, type CalendarData } from '../../platform/calendar/working-days.ts';
import { legalErrors } from './legal.errors.ts';

/**
 * The rule-of-law core (法治), pure: the life of a normative document (行政规范性文件) in one state table, its clocks,
 * the article-by-article diff, the unified number, validity, and the five steps of a major decision (重大行政决策).
 * Sources (standards.md §6): 国办发〔2018〕37号 (统一登记、统一编号、统一印发; public comment), 国办发〔2018〕115号
 * (合法性审核 before deliberation, 5–15 working days), 国务院令第713号 (重大行政决策程序暂行条例). 民法典 art. 201:
 * the day a period is counted from is not counted.
 */

// ── The state table ─────────────────────────────────────────────────────────────────────────────────────

export const DOCUMENT_STATUSES = ['drafting', 'commenting', 'in_review', 'reviewed', 'deliberated', 'registered', 'in_force', 'lapsed', 'repealed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * Every action on a document: the statuses it may start from and the status it leads to (null: stays; review
 * decides by its opinion). drafting → commenting → in_review → reviewed → deliberated → registered → in_force, then
 * lapsed (the validity ended) or repealed (清理).
 */
export const DOCUMENT_ACTIONS = {
  save_version: { from: ['drafting'], to: null },
  open_comment: { from: ['drafting'], to: 'commenting' },
  close_comment: { from: ['commenting'], to: 'in_review' },
  review: { from: ['in_review'], to: null },
  deliberate: { from: ['reviewed'], to: 'deliberated' },
  register: { from: ['deliberated'], to: 'registered' },
  publish: { from: ['registered'], to: 'in_force' },
  file: { from: ['in_force'], to: null },
  renew: { from: ['in_force'], to: null },
  lapse: { from: ['in_force'], to: 'lapsed' },
  repeal: { from: ['in_force'], to: 'repealed' },
  clean_up: { from: ['in_force'], to: null },
} as const satisfies Record<string, { from: readonly DocumentStatus[]; to: DocumentStatus | null }>;
export type DocumentAction = keyof typeof DOCUMENT_ACTIONS;

/** Statuses before the legality review has passed: 国办发〔2018〕115号 — an unreviewed draft is not deliberated. */
const BEFORE_REVIEW: readonly DocumentStatus[] = ['drafting', 'commenting', 'in_review'];
const NEEDS_REVIEW: readonly DocumentAction[] = ['deliberate', 'register', 'publish'];

/** The status after `action`, or the code that says why not (the review not passed, a frozen text, any other). */
export function transitionOf(status: DocumentStatus, action: DocumentAction): DocumentStatus {
  const rule = DOCUMENT_ACTIONS[action];
  if ((rule.from as readonly DocumentStatus[]).includes(status)) return rule.to ?? status;
  if (NEEDS_REVIEW.includes(action) && BEFORE_REVIEW.includes(status)) throw legalErrors.LEGAL_REVIEW_NOT_PASSED({ status, action });
  if (action === 'save_version') throw legalErrors.LEGAL_VERSION_FROZEN({ status });
  throw legalErrors.LEGAL_ILLEGAL_TRANSITION({ status, action });
}

/** The legality review's opinion: pass goes on to deliberation; amend and fail send the draft back, with reasons. */
export const REVIEW_OPINIONS = ['pass', 'amend', 'fail'] as const;
export type ReviewOpinion = (typeof REVIEW_OPINIONS)[number];
export const statusAfterReview = (opinion: ReviewOpinion): DocumentStatus => (opinion === 'pass' ? 'reviewed' : 'drafting');

// ── Clean-up (清理, 国办发〔2018〕37号: dynamic clean-up) ─────────────────────────────────────────────────

/** A campaign's proposal for a document: 保留 / 修改 / 废止 / 宣布失效. */
export const CLEANUP_PROPOSALS = ['keep', 'amend', 'repeal', 'declare_lapsed'] as const;
export type CleanupProposal = (typeof CLEANUP_PROPOSALS)[number];
/** What approving a proposal does to the document: repealed, lapsed, or (keep, amend) the clean-up recorded only. */
export const CLEANUP_ACTION: Record<CleanupProposal, DocumentAction> = { keep: 'clean_up', amend: 'clean_up', repeal: 'repeal', declare_lapsed: 'lapse' };

/** A campaign is approved as a batch only once every document has a proposal with a reason. */
export function assertCleanupComplete(items: readonly { documentId: number; proposal: string | null; reason: string | null }[]): void {
  const open = items.filter((i) => !i.proposal || !i.reason?.trim()).map((i) => i.documentId);
  if (open.length) throw legalErrors.LEGAL_CLEANUP_INCOMPLETE({ documentIds: open });
}

// ── Legal advisers ─────────────────────────────────────────────────────────────────────────────────────

/** An adviser's opinion counts only from an adviser engaged on the day it is given. */
export const engagedOn = (a: { engagedFrom: string; engagedUntil: string }, day: string): boolean => day >= a.engagedFrom && day <= a.engagedUntil;

// ── Public comment ──────────────────────────────────────────────────────────────────────────────────────

/** 国办发〔2018〕37号: a draft is open to public comment for at least 7 working days. */
export const COMMENT_MIN_WORKING_DAYS = 7;
/** 法治政府建设实施纲要 indicator: at least 30 days for a document closely tied to market players. */
export const COMMENT_MIN_DAYS_MARKET = 30;

/** The earliest day a comment period opened on `opensOn` may close (the opening day is not counted). */
export function minCommentCloses(cal: CalendarData, opensOn: string, marketRelated: boolean): string {
  const working = addWorkingDays(cal, opensOn, COMMENT_MIN_WORKING_DAYS);
  if (!marketRelated) return working;
  const natural = addNaturalDays(opensOn, COMMENT_MIN_DAYS_MARKET);
  return natural > working ? natural : working;
}

/** The period as asked (closing on the earliest lawful day when not said), or LEGAL_COMMENT_PERIOD_TOO_SHORT. */
export function commentPeriod(cal: CalendarData, opensOn: string, marketRelated: boolean, closesOn?: string | null): { opensOn: string; closesOn: string } {
  const earliest = minCommentCloses(cal, opensOn, marketRelated);
  const close = closesOn ?? earliest;
  if (close < earliest) throw legalErrors.LEGAL_COMMENT_PERIOD_TOO_SHORT({ opensOn, closesOn: close, earliest, marketRelated });
  return { opensOn, closesOn: close };
}

/** Whether a comment may be made on `day`: inside [opensOn, closesOn], both included. */
export const commentOpen = (period: { opensOn: string | null; closesOn: string | null }, day: string): boolean =>
  period.opensOn !== null && period.closesOn !== null && day >= period.opensOn && day <= period.closesOn;

// ── Legality review clock ───────────────────────────────────────────────────────────────────────────────

/** 国办发〔2018〕115号: the review takes not less than 5 and not more than 15 working days (the limit is configured). */
export const REVIEW_MIN_WORKING_DAYS = 5;
export const REVIEW_MAX_WORKING_DAYS = 15;

export function checkReviewDays(days: number): number {
  if (!Number.isInteger(days) || days < REVIEW_MIN_WORKING_DAYS || days > REVIEW_MAX_WORKING_DAYS)
    throw legalErrors.LEGAL_REVIEW_DAYS_INVALID({ days, min: REVIEW_MIN_WORKING_DAYS, max: REVIEW_MAX_WORKING_DAYS });
  return days;
}

export interface ReviewClock {
  dueOn: string;
  remainingWorkingDays: number;
  overdue: boolean;
}

/** The review's due day (`days` working days after it started) and where `today` stands. */
export function reviewClock(cal: CalendarData, startedOn: string, days: number, today: string): ReviewClock {
  const dueOn = addWorkingDays(cal, startedOn, days);
  const remainingWorkingDays = workingDaysBetween(cal, today, dueOn);
  return { dueOn, remainingWorkingDays, overdue: today > dueOn };
}

// ── Unified number ──────────────────────────────────────────────────────────────────────────────────────

/** The default format of a unified number, e.g. 淮政规〔2026〕1号 (统一编号, 国办发〔2018〕37号). */
export const DEFAULT_NUMBER_FORMAT = '{prefix}〔{year}〕{seq}号';

export function formatNumber(format: string, parts: { prefix: string; year: number; seq: number }): string {
  if (!format.includes('{seq}')) throw legalErrors.LEGAL_NUMBER_FORMAT_INVALID({ format });
  return format.replaceAll('{prefix}', parts.prefix).replaceAll('{year}', String(parts.year)).replaceAll('{seq}', String(parts.seq));
}

/** Numbers are gapless per issuer and year: only the next one is taken, one asked for out of sequence is refused. */
export function nextNumber(last: number, asked?: number | null): number {
  const next = last + 1;
  if (asked !== undefined && asked !== null && asked !== next) throw legalErrors.LEGAL_NUMBER_OUT_OF_SEQUENCE({ asked, expected: next });
  return next;
}

// ── Filing and validity ─────────────────────────────────────────────────────────────────────────────────

/**
 * 备案: filed with the superior body within 30 days of publication (法规规章备案条例 art. 3, which local rules on
 * normative documents follow; standards.md §6 ◐).
 */
export const FILING_DAYS = 30;
export const filingDueOn = (publishedOn: string): string => addNaturalDays(publishedOn, FILING_DAYS);

/** Validity (standards.md §6 ◐): typically 5 years, 1–2 for 暂行/试行; evaluated within the 6 months before expiry. */
export const DEFAULT_VALIDITY_YEARS = 5;
export const WARNING_MONTHS = 6;

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day in force: `years` after the first day, less one (in force 2026-12-07 for 5 years: to 2031-12-06). */
export const validUntil = (validFrom: string, years: number): string => shiftDate(addMonths(validFrom, years * 12), -1);
/** From this day the document is to be evaluated (6 months before its last day). */
export const warnFrom = (until: string): string => addMonths(until, -WARNING_MONTHS);

export type Validity = 'in_force' | 'expiring' | 'expired';
/** Where an in-force document stands on `today`: expired the day after its last day (自然失效, no act needed). */
export function validityOn(until: string, today: string): Validity {
  if (today > until) return 'expired';
  if (today >= warnFrom(until)) return 'expiring';
  return 'in_force';
}

// ── Versions and the article-by-article diff ────────────────────────────────────────────────────────────

export interface Article {
  /** 第 n 条. */
  no: number;
  title?: string | null;
  text: string;
}

export type ArticleChange =
  | { no: number; change: 'same'; text: string }
  | { no: number; change: 'added'; after: string }
  | { no: number; change: 'removed'; before: string }
  | { no: number; change: 'changed'; before: string; after: string };

/** Articles numbered 1…n without gaps or repeats, each with text (LEGAL_ARTICLES_INVALID otherwise). */
export function checkArticles(articles: readonly Article[]): Article[] {
  if (articles.length === 0) throw legalErrors.LEGAL_ARTICLES_INVALID({ problem: 'empty' });
  articles.forEach((a, i) => {
    if (a.no !== i + 1) throw legalErrors.LEGAL_ARTICLES_INVALID({ problem: 'numbering', at: i, no: a.no, expected: i + 1 });
    if (!a.text.trim()) throw legalErrors.LEGAL_ARTICLES_INVALID({ problem: 'empty-text', no: a.no });
  });
  return articles.map((a) => ({ no: a.no, title: a.title ?? null, text: a.text.trim() }));
}

/** Article by article, by number: what stayed, changed, was added or removed between two versions. */
export function articleDiff(before: readonly Article[], after: readonly Article[]): ArticleChange[] {
  const a = new Map(before.map((x) => [x.no, x.text]));
  const b = new Map(after.map((x) => [x.no, x.text]));
  const numbers = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return numbers.map((no): ArticleChange => {
    const was = a.get(no);
    const now = b.get(no);
    if (was === undefined) return { no, change: 'added', after: now! };
    if (now === undefined) return { no, change: 'removed', before: was };
    return was === now ? { no, change: 'same', text: now } : { no, change: 'changed', before: was, after: now };
  });
}

// ── Major administrative decisions (国务院令第713号) ───────────────────────────────────────────────────────

/** The five statutory steps, in the order of the ordinance (arts. 14–34). */
export const DECISION_STEPS = ['public_participation', 'expert_argument', 'risk_assessment', 'legality_review', 'collective_discussion'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

/** art. 15: public comment generally at least 30 days; a shorter period needs its reason recorded. */
export const DECISION_COMMENT_MIN_DAYS = 30;
/** art. 27 (as local rules apply it): the legality review has at least 7 working days. */
export const DECISION_REVIEW_MIN_WORKING_DAYS = 7;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export type StepRecord =
  | {
      step: 'public_participation';
      opensOn: string;
      closesOn: string;
      shortReason?: string | null;
      summary: string;
      hearing?: (Hearing & { place: string; participants: number; summary: string }) | null;
    }
  | { step: 'expert_argument'; experts: string[]; opinion: string }
  | { step: 'risk_assessment'; level: (typeof RISK_LEVELS)[number]; report: string }
  | { step: 'legality_review'; startedOn: string; finishedOn: string; opinion: string }
  | {
      step: 'collective_discussion';
      meeting: string;
      meetingOn: string;
      minutes: string;
      headDecision: string;
      differsFromMajority: boolean;
      reasons?: string | null;
    };

/** Checks one step's record against the ordinance; LEGAL_STEP_INVALID names the rule. */
export function checkStep(cal: CalendarData, r: StepRecord): StepRecord {
  const bad = (rule: string, details: Record<string, unknown> = {}) => legalErrors.LEGAL_STEP_INVALID({ step: r.step, rule, ...details });
  switch (r.step) {
    case 'public_participation': {
      if (r.closesOn < r.opensOn) throw bad('period-reversed');
      const days = Math.round((Date.parse(r.closesOn) - Date.parse(r.opensOn)) / 86_400_000);
      if (days < DECISION_COMMENT_MIN_DAYS && !r.shortReason?.trim()) throw bad('713-art15-30-days', { days, min: DECISION_COMMENT_MIN_DAYS });
      if (r.hearing) checkHearingNotice(r.hearing);
      return r;
    }
    case 'expert_argument':
      if (r.experts.length === 0) throw bad('experts-missing');
      return r;
    case 'risk_assessment':
      return r;
    case 'legality_review': {
      const days = workingDaysBetween(cal, r.startedOn, r.finishedOn);
      if (days < DECISION_REVIEW_MIN_WORKING_DAYS) throw bad('713-art27-7-working-days', { days, min: DECISION_REVIEW_MIN_WORKING_DAYS });
      return r;
    }
    case 'collective_discussion':
      if (r.differsFromMajority && !r.reasons?.trim()) throw bad('713-art30-reasons');
      return r;
  }
}

/** The steps not recorded yet, in the ordinance's order. */
export const missingSteps = (recorded: Iterable<string>): DecisionStep[] => {
  const have = new Set(recorded);
  return DECISION_STEPS.filter((s) => !have.has(s));
};

/** A decision is recorded only once all five steps are (LEGAL_DECISION_STEPS_MISSING names the missing ones). */
export function assertDecidable(recorded: Iterable<string>): void {
  const missing = missingSteps(recorded);
  if (missing.length) throw legalErrors.LEGAL_DECISION_STEPS_MISSING({ missing });
}

// ── Hearings with notice (听证, 国务院令第713号 arts. 17–18) ────────────────────────────────────────────────

/**
 * art. 18 asks the hearing's organiser to publish the draft, time and place *in advance* (提前公布) without a number of
 * days; local hearing rules set 10 to 30 days (standards.md §6 ◐). The platform takes the shortest of them, 10 days,
 * counted in natural days with the day of the notice not counted (民法典 art. 201).
 */
export const HEARING_NOTICE_MIN_DAYS = 10;

export interface Hearing {
  noticeOn: string;
  heldOn: string;
}

/** The days between the notice and the hearing (the notice day not counted), or LEGAL_HEARING_NOTICE_TOO_SHORT. */
export function checkHearingNotice(h: Hearing): number {
  const days = Math.round((Date.parse(h.heldOn) - Date.parse(h.noticeOn)) / 86_400_000);
  if (days < HEARING_NOTICE_MIN_DAYS)
    throw legalErrors.LEGAL_HEARING_NOTICE_TOO_SHORT({ noticeOn: h.noticeOn, heldOn: h.heldOn, days, min: HEARING_NOTICE_MIN_DAYS });
  return days;
}

// ── After the decision: publication, execution and post-decision evaluation (国务院令第713号 arts. 32–38) ──────

export const DECISION_STATUSES = ['catalogued', 'decided', 'executing', 'stopped'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * A decision's life after its five steps, in one table: decided (art. 30) → executing once published and put into
 * execution (arts. 32–33) → evaluated while executing (后评估, art. 36), which stops it when the evaluation concludes so.
 */
export const DECISION_ACTIONS = {
  record_step: { from: ['catalogued'], to: null },
  decide: { from: ['catalogued'], to: 'decided' },
  execute: { from: ['decided'], to: 'executing' },
  evaluate: { from: ['executing'], to: null },
} as const satisfies Record<string, { from: readonly DecisionStatus[]; to: DecisionStatus | null }>;
export type DecisionAction = keyof typeof DECISION_ACTIONS;

/** The status after `action`, or why not: a step or decision after deciding, an evaluation before execution. */
export function decisionTransition(status: DecisionStatus, action: DecisionAction): DecisionStatus {
  const rule = DECISION_ACTIONS[action];
  if ((rule.from as readonly DecisionStatus[]).includes(status)) return rule.to ?? status;
  if (action === 'evaluate' && (status === 'catalogued' || status === 'decided')) throw legalErrors.LEGAL_DECISION_NOT_EXECUTED({ status });
  if (action === 'record_step' || action === 'decide') throw legalErrors.LEGAL_DECISION_DECIDED({ status });
  throw legalErrors.LEGAL_DECISION_ILLEGAL_TRANSITION({ status, action });
}

/** 后评估's conclusion (art. 36: the result is the basis for adjusting the decision): continue, adjust or stop. */
export const EVALUATION_CONCLUSIONS = ['continue', 'adjust', 'stop'] as const;
export type EvaluationConclusion = (typeof EVALUATION_CONCLUSIONS)[number];
export const statusAfterEvaluation = (c: EvaluationConclusion): DecisionStatus => (c === 'stop' ? 'stopped' : 'executing');

/** Execution starts on or after the decision's day; an evaluation is of execution already under way (not before it). */
export function checkAfter(rule: string, earliest: string, day: string, today: string): string {
  if (day < earliest || day > today) throw legalErrors.LEGAL_DATE_INVALID({ rule, earliest, latest: today, day });
  return day;
}

// ── 三重一大 (重大事项决策、重要干部任免、重大项目安排、大额度资金运作) ─────────────────────────────────────────

export const MEETING_CATEGORIES = ['major_matter', 'personnel', 'project', 'large_fund'] as const;
export type MeetingCategory = (typeof MEETING_CATEGORIES)[number];

/**
 * 三重一大 are decided collectively at a meeting (中办发〔2010〕17号): it sits only with more than half its members
 * present, and with at least two thirds when it decides on appointments and removals (《中国共产党党组工作条例》, as
 * local 三重一大 rules apply it ◐). The meeting's day is not in the future.
 */
export function checkMeeting(m: { category: MeetingCategory; members: number; attendees: number; meetingOn: string }, today: string): void {
  if (m.attendees > m.members) throw legalErrors.LEGAL_MEETING_INVALID({ rule: 'attendees-over-members', members: m.members, attendees: m.attendees });
  if (m.meetingOn > today) throw legalErrors.LEGAL_MEETING_INVALID({ rule: 'meeting-in-future', meetingOn: m.meetingOn });
  const twoThirds = m.category === 'personnel';
  const enough = twoThirds ? m.attendees * 3 >= m.members * 2 : m.attendees * 2 > m.members;
  if (!enough) throw legalErrors.LEGAL_MEETING_QUORUM({ members: m.members, attendees: m.attendees, rule: twoThirds ? 'two-thirds' : 'more-than-half' });
}

// ── 学法用法 and the 普法责任清单 (“谁执法谁普法”, 中办发〔2017〕31号) ───────────────────────────────────────────

export const TRAINING_KINDS = ['standing_meeting', 'lecture', 'exam'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** A session's counts: those who passed an exam are among those who sat it; only an exam has passes. */
export function checkTraining(s: { kind: TrainingKind; attendance: number; examPassed?: number | null; heldOn: string }, today: string): void {
  if (s.heldOn > today) throw legalErrors.LEGAL_TRAINING_INVALID({ rule: 'held-in-future', heldOn: s.heldOn });
  const passed = s.examPassed ?? null;
  if (s.kind !== 'exam' && passed !== null) throw legalErrors.LEGAL_TRAINING_INVALID({ rule: 'passes-only-for-exams', kind: s.kind });
  if (s.kind === 'exam' && passed === null) throw legalErrors.LEGAL_TRAINING_INVALID({ rule: 'exam-needs-passes' });
  if (passed !== null && passed > s.attendance) throw legalErrors.LEGAL_TRAINING_INVALID({ rule: 'passed-over-attendance', attendance: s.attendance, passed });
}

// ── The notice of the last six months ───────────────────────────────────────────────────────────────────

/**
 * A document in force is announced once to its department's legal officers when it enters its last six months
 * (validityOn `expiring`): once per validity period, so a renewed document is announced again for its new last day.
 */
export const expiryNoticeDue = (d: { status: string; validUntil: string | null; expiryNoticeFor: string | null }, today: string): boolean =>
  d.status === 'in_force' && d.validUntil !== null && d.expiryNoticeFor !== d.validUntil && validityOn(d.validUntil, today) === 'expiring';
