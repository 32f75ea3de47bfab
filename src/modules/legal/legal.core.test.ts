import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDaysYear } from '../../platform/calendar/chinese-days-source.ts';
import { calendarFromRows } from '../../platform/calendar/working-days.ts';
import { AppError } from '../../platform/errors.ts';
import {
  articleDiff,
  assertCleanupComplete,
  assertDecidable,
  CLEANUP_ACTION,
  engagedOn,
  checkAfter,
  checkArticles,
  checkHearingNotice,
  checkMeeting,
  checkReviewDays,
  checkTraining,
  decisionTransition,
  expiryNoticeDue,
  statusAfterEvaluation,
  type DecisionAction,
  type DecisionStatus,
  checkStep,
  commentOpen,
  commentPeriod,
  filingDueOn,
  formatNumber,
  minCommentCloses,
  missingSteps,
  nextNumber,
  reviewClock,
  statusAfterReview,
  transitionOf,
  validityOn,
  validUntil,
  warnFrom,
  type DocumentAction,
  type DocumentStatus,
} from './legal.core.ts';

// The State Council holiday notices for 2025 and 2026, as loaded into calendar_day.
const cal = calendarFromRows([2025, 2026].flatMap((y) => chineseDaysYear(y)));
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.code;
  }
  return 'none';
};

test('the state table: each step leads to the next, and only from where the table says', () => {
  const path: [DocumentStatus, DocumentAction, DocumentStatus][] = [
    ['drafting', 'save_version', 'drafting'],
    ['drafting', 'open_comment', 'commenting'],
    ['commenting', 'close_comment', 'in_review'],
    ['reviewed', 'deliberate', 'deliberated'],
    ['deliberated', 'register', 'registered'],
    ['registered', 'publish', 'in_force'],
    ['in_force', 'file', 'in_force'],
    ['in_force', 'renew', 'in_force'],
    ['in_force', 'lapse', 'lapsed'],
    ['in_force', 'repeal', 'repealed'],
    ['in_force', 'clean_up', 'in_force'],
  ];
  for (const [from, action, to] of path) assert.equal(transitionOf(from, action), to, `${from} ${action}`);
});

test('国办发〔2018〕115号: a draft not reviewed, or not passed, is not deliberated, numbered or published', () => {
  for (const status of ['drafting', 'commenting', 'in_review'] as const)
    for (const action of ['deliberate', 'register', 'publish'] as const)
      assert.equal(
        code(() => transitionOf(status, action)),
        'LEGAL_REVIEW_NOT_PASSED',
      );
  assert.equal(statusAfterReview('pass'), 'reviewed');
  assert.equal(statusAfterReview('amend'), 'drafting');
  assert.equal(statusAfterReview('fail'), 'drafting');
});

test('the text of a document that left drafting never changes; other steps out of order are refused', () => {
  for (const status of ['commenting', 'in_review', 'reviewed', 'in_force', 'lapsed'] as const)
    assert.equal(
      code(() => transitionOf(status, 'save_version')),
      'LEGAL_VERSION_FROZEN',
    );
  assert.equal(
    code(() => transitionOf('in_force', 'publish')),
    'LEGAL_ILLEGAL_TRANSITION',
  );
  assert.equal(
    code(() => transitionOf('lapsed', 'repeal')),
    'LEGAL_ILLEGAL_TRANSITION',
  );
  assert.equal(
    code(() => transitionOf('reviewed', 'register')),
    'LEGAL_ILLEGAL_TRANSITION',
  );
});

test('国办发〔2018〕37号: public comment lasts at least 7 working days, skipping the weekend', () => {
  // Opened Mon 2026-03-02: 7 working days are 03-03 … 03-11 (the opening day is not counted, 民法典 art. 201).
  assert.equal(minCommentCloses(cal, '2026-03-02', false), '2026-03-11');
  assert.deepEqual(commentPeriod(cal, '2026-03-02', false), { opensOn: '2026-03-02', closesOn: '2026-03-11' });
  assert.equal(
    code(() => commentPeriod(cal, '2026-03-02', false, '2026-03-10')),
    'LEGAL_COMMENT_PERIOD_TOO_SHORT',
  );
  assert.equal(commentPeriod(cal, '2026-03-02', false, '2026-03-20').closesOn, '2026-03-20');
});

test('the 2025 National Day holiday lengthens a 7-working-day comment period', () => {
  // Opened Tue 2025-09-30: 10-01 … 10-08 off; 10-09, 10-10, 10-11 (Sat, make-up), 10-13 … 10-16.
  assert.equal(minCommentCloses(cal, '2025-09-30', false), '2025-10-16');
});

test('a document bearing on market players is open to comment at least 30 days', () => {
  assert.equal(minCommentCloses(cal, '2026-03-02', true), '2026-04-01');
  assert.equal(
    code(() => commentPeriod(cal, '2026-03-02', true, '2026-03-31')),
    'LEGAL_COMMENT_PERIOD_TOO_SHORT',
  );
});

test('a comment is taken on the opening and closing days and refused the day after', () => {
  const p = { opensOn: '2026-03-02', closesOn: '2026-03-11' };
  assert.equal(commentOpen(p, '2026-03-02'), true);
  assert.equal(commentOpen(p, '2026-03-11'), true);
  assert.equal(commentOpen(p, '2026-03-12'), false);
  assert.equal(commentOpen(p, '2026-03-01'), false);
  assert.equal(commentOpen({ opensOn: null, closesOn: null }, '2026-03-05'), false);
});

test('国办发〔2018〕115号: the review clock is 5 to 15 working days and tells when it is overdue', () => {
  assert.equal(checkReviewDays(5), 5);
  assert.equal(checkReviewDays(15), 15);
  assert.equal(
    code(() => checkReviewDays(4)),
    'LEGAL_REVIEW_DAYS_INVALID',
  );
  assert.equal(
    code(() => checkReviewDays(16)),
    'LEGAL_REVIEW_DAYS_INVALID',
  );
  // Started Fri 2026-04-03 with 5 working days; the Qingming holiday 04-04 … 04-06.
  const c = reviewClock(cal, '2026-04-03', 5, '2026-04-07');
  assert.equal(c.dueOn, '2026-04-13');
  assert.equal(c.remainingWorkingDays, 4);
  assert.equal(c.overdue, false);
  assert.equal(reviewClock(cal, '2026-04-03', 5, '2026-04-14').overdue, true);
});

test('统一编号: the number follows the configured format and only the next one is taken', () => {
  assert.equal(formatNumber('{prefix}〔{year}〕{seq}号', { prefix: '周政数规', year: 2026, seq: 1 }), '周政数规〔2026〕1号');
  assert.equal(formatNumber('{prefix}规〔{year}〕第{seq}号', { prefix: '淮政', year: 2027, seq: 12 }), '淮政规〔2027〕第12号');
  assert.equal(
    code(() => formatNumber('{prefix}〔{year}〕号', { prefix: 'x', year: 2026, seq: 1 })),
    'LEGAL_NUMBER_FORMAT_INVALID',
  );
  assert.equal(nextNumber(0), 1);
  assert.equal(nextNumber(3, 4), 4);
  assert.equal(
    code(() => nextNumber(3, 5)),
    'LEGAL_NUMBER_OUT_OF_SEQUENCE',
  );
  assert.equal(
    code(() => nextNumber(3, 3)),
    'LEGAL_NUMBER_OUT_OF_SEQUENCE',
  );
});

test('备案 is due 30 days after publication', () => {
  assert.equal(filingDueOn('2026-12-07'), '2027-01-06');
});

test('validity: 5 years less a day, evaluated from 6 months before, expired the day after (自然失效)', () => {
  assert.equal(validUntil('2026-12-07', 5), '2031-12-06');
  assert.equal(validUntil('2024-02-29', 1), '2025-02-27'); // no 02-29 in 2025: the period ends the day before 02-28
  assert.equal(warnFrom('2031-12-06'), '2031-06-06');
  assert.equal(warnFrom('2031-08-31'), '2031-02-28');
  assert.equal(validityOn('2031-12-06', '2031-06-05'), 'in_force');
  assert.equal(validityOn('2031-12-06', '2031-06-06'), 'expiring');
  assert.equal(validityOn('2031-12-06', '2031-12-06'), 'expiring');
  assert.equal(validityOn('2031-12-06', '2031-12-07'), 'expired');
});

test('articles are numbered from 1 without gaps; the diff goes article by article', () => {
  assert.equal(
    code(() => checkArticles([])),
    'LEGAL_ARTICLES_INVALID',
  );
  assert.equal(
    code(() =>
      checkArticles([
        { no: 1, text: 'a' },
        { no: 3, text: 'b' },
      ]),
    ),
    'LEGAL_ARTICLES_INVALID',
  );
  assert.equal(
    code(() => checkArticles([{ no: 1, text: '  ' }])),
    'LEGAL_ARTICLES_INVALID',
  );
  const v1 = [
    { no: 1, text: '为规范管理，制定本办法。' },
    { no: 2, text: '本办法适用于本市。' },
    { no: 3, text: '本办法自发布之日起施行。' },
  ];
  const v2 = [
    { no: 1, text: '为规范管理，制定本办法。' },
    { no: 2, text: '本办法适用于本市行政区域。' },
  ];
  assert.deepEqual(articleDiff(v1, v2), [
    { no: 1, change: 'same', text: '为规范管理，制定本办法。' },
    { no: 2, change: 'changed', before: '本办法适用于本市。', after: '本办法适用于本市行政区域。' },
    { no: 3, change: 'removed', before: '本办法自发布之日起施行。' },
  ]);
  assert.deepEqual(articleDiff(v2, v1)[2], { no: 3, change: 'added', after: '本办法自发布之日起施行。' });
});

test('国务院令第713号: a decision is recorded only after its five steps, and the refusal names the missing ones', () => {
  assert.deepEqual(missingSteps(['expert_argument', 'legality_review']), ['public_participation', 'risk_assessment', 'collective_discussion']);
  assert.equal(
    code(() => assertDecidable(['public_participation'])),
    'LEGAL_DECISION_STEPS_MISSING',
  );
  try {
    assertDecidable(['public_participation', 'expert_argument']);
  } catch (err) {
    assert.deepEqual((err as AppError).details, { missing: ['risk_assessment', 'legality_review', 'collective_discussion'] });
  }
  assertDecidable(['public_participation', 'expert_argument', 'risk_assessment', 'legality_review', 'collective_discussion']);
});

test('713 art. 15: public comment under 30 days needs a recorded reason', () => {
  const pp = { step: 'public_participation' as const, opensOn: '2026-03-01', closesOn: '2026-03-20', summary: '收到意见12条' };
  assert.equal(
    code(() => checkStep(cal, pp)),
    'LEGAL_STEP_INVALID',
  );
  assert.equal(checkStep(cal, { ...pp, shortReason: '应对突发事件，时间紧迫' }).step, 'public_participation');
  assert.equal(checkStep(cal, { ...pp, closesOn: '2026-03-31' }).step, 'public_participation');
});

test('713: the legality review has at least 7 working days; the head gives reasons when differing from the majority', () => {
  // 2026-03-02 (Mon) to 03-10 (Tue): 6 working days after the start.
  assert.equal(
    code(() => checkStep(cal, { step: 'legality_review', startedOn: '2026-03-02', finishedOn: '2026-03-10', opinion: '合法' })),
    'LEGAL_STEP_INVALID',
  );
  assert.equal(checkStep(cal, { step: 'legality_review', startedOn: '2026-03-02', finishedOn: '2026-03-11', opinion: '合法' }).step, 'legality_review');
  const cd = {
    step: 'collective_discussion' as const,
    meeting: '市政府常务会议',
    meetingOn: '2026-04-01',
    minutes: '纪要',
    headDecision: '同意',
    differsFromMajority: true,
  };
  assert.equal(
    code(() => checkStep(cal, cd)),
    'LEGAL_STEP_INVALID',
  );
  assert.equal(checkStep(cal, { ...cd, reasons: '综合考虑财政承受能力' }).step, 'collective_discussion');
  assert.equal(
    code(() => checkStep(cal, { step: 'expert_argument', experts: [], opinion: 'x' })),
    'LEGAL_STEP_INVALID',
  );
});

test('清理: a campaign is approved only when every document has a proposal with a reason; each proposal maps to its act', () => {
  assert.equal(
    code(() =>
      assertCleanupComplete([
        { documentId: 1, proposal: 'keep', reason: '仍然适用' },
        { documentId: 2, proposal: 'repeal', reason: ' ' },
        { documentId: 3, proposal: null, reason: null },
      ]),
    ),
    'LEGAL_CLEANUP_INCOMPLETE',
  );
  assertCleanupComplete([{ documentId: 1, proposal: 'amend', reason: '与上位法不一致' }]);
  assert.deepEqual(CLEANUP_ACTION, { keep: 'clean_up', amend: 'clean_up', repeal: 'repeal', declare_lapsed: 'lapse' });
  assert.equal(
    code(() => transitionOf('lapsed', CLEANUP_ACTION.repeal)),
    'LEGAL_ILLEGAL_TRANSITION',
  );
});

test('an adviser’s opinion counts within the engagement period, both ends included', () => {
  const a = { engagedFrom: '2026-01-01', engagedUntil: '2026-12-31' };
  assert.equal(engagedOn(a, '2026-01-01'), true);
  assert.equal(engagedOn(a, '2026-12-31'), true);
  assert.equal(engagedOn(a, '2027-01-01'), false);
  assert.equal(engagedOn(a, '2025-12-31'), false);
});

// ── The second part of issue 24 (ADR 0042) ──────────────────────────────────────────────────────────────

test('a hearing is announced at least 10 days before it is held (国务院令第713号 art. 18, local hearing rules)', () => {
  const cases: [string, string, string][] = [
    ['2026-03-01', '2026-03-11', 'none'], // 10 days, the notice day not counted (民法典 art. 201)
    ['2026-03-01', '2026-04-01', 'none'],
    ['2026-03-01', '2026-03-10', 'LEGAL_HEARING_NOTICE_TOO_SHORT'], // 9 days
    ['2026-03-01', '2026-03-01', 'LEGAL_HEARING_NOTICE_TOO_SHORT'], // announced on the day
    ['2026-03-10', '2026-03-01', 'LEGAL_HEARING_NOTICE_TOO_SHORT'], // announced after
  ];
  for (const [noticeOn, heldOn, want] of cases)
    assert.equal(
      code(() => checkHearingNotice({ noticeOn, heldOn })),
      want,
      `${noticeOn} → ${heldOn}`,
    );
  // As part of public participation: the step is refused when its hearing's notice is short, whatever the comment period.
  const step = (noticeOn: string) => ({
    step: 'public_participation' as const,
    opensOn: '2026-01-05',
    closesOn: '2026-02-10',
    summary: '公开征求意见',
    hearing: { noticeOn, heldOn: '2026-02-20', place: '市政务中心', participants: 20, summary: '听证' },
  });
  assert.equal(
    code(() => checkStep(cal, step('2026-02-10'))),
    'none',
  );
  assert.equal(
    code(() => checkStep(cal, step('2026-02-15'))),
    'LEGAL_HEARING_NOTICE_TOO_SHORT',
  );
});

test('after the decision: published and executed, then evaluated; evaluated never before execution (713号 arts. 32–36)', () => {
  const table: [DecisionStatus, DecisionAction, DecisionStatus | string][] = [
    ['catalogued', 'record_step', 'catalogued'],
    ['catalogued', 'decide', 'decided'],
    ['decided', 'execute', 'executing'],
    ['executing', 'evaluate', 'executing'],
    ['catalogued', 'evaluate', 'LEGAL_DECISION_NOT_EXECUTED'],
    ['decided', 'evaluate', 'LEGAL_DECISION_NOT_EXECUTED'],
    ['decided', 'record_step', 'LEGAL_DECISION_DECIDED'],
    ['executing', 'decide', 'LEGAL_DECISION_DECIDED'],
    ['catalogued', 'execute', 'LEGAL_DECISION_ILLEGAL_TRANSITION'],
    ['stopped', 'evaluate', 'LEGAL_DECISION_ILLEGAL_TRANSITION'],
    ['executing', 'execute', 'LEGAL_DECISION_ILLEGAL_TRANSITION'],
  ];
  for (const [from, action, want] of table) {
    let got: string;
    try {
      got = decisionTransition(from, action);
    } catch (err) {
      got = (err as AppError).code;
    }
    assert.equal(got, want, `${from} ${action}`);
  }
  assert.equal(statusAfterEvaluation('continue'), 'executing');
  assert.equal(statusAfterEvaluation('adjust'), 'executing');
  assert.equal(statusAfterEvaluation('stop'), 'stopped');
});

test('dates after the decision fall between what came before and today', () => {
  assert.equal(
    code(() => checkAfter('r', '2026-03-01', '2026-03-01', '2026-03-05')),
    'none',
  );
  assert.equal(
    code(() => checkAfter('r', '2026-03-01', '2026-03-05', '2026-03-05')),
    'none',
  );
  assert.equal(
    code(() => checkAfter('r', '2026-03-01', '2026-02-28', '2026-03-05')),
    'LEGAL_DATE_INVALID',
  );
  assert.equal(
    code(() => checkAfter('r', '2026-03-01', '2026-03-06', '2026-03-05')),
    'LEGAL_DATE_INVALID',
  );
});

test('三重一大 are decided by a meeting of more than half its members, two thirds for appointments (中办发〔2010〕17号)', () => {
  const today = '2026-03-10';
  const cases: [string, number, number, string][] = [
    ['major_matter', 9, 5, 'none'],
    ['major_matter', 9, 4, 'LEGAL_MEETING_QUORUM'], // not more than half
    ['major_matter', 8, 4, 'LEGAL_MEETING_QUORUM'], // exactly half is not more than half
    ['large_fund', 8, 5, 'none'],
    ['project', 7, 4, 'none'],
    ['personnel', 9, 6, 'none'], // two thirds
    ['personnel', 9, 5, 'LEGAL_MEETING_QUORUM'],
    ['personnel', 10, 7, 'none'],
    ['personnel', 10, 6, 'LEGAL_MEETING_QUORUM'],
    ['major_matter', 5, 6, 'LEGAL_MEETING_INVALID'], // more present than members
  ];
  for (const [category, members, attendees, want] of cases)
    assert.equal(
      code(() => checkMeeting({ category: category as 'personnel', members, attendees, meetingOn: today }, today)),
      want,
      `${category} ${attendees}/${members}`,
    );
  assert.equal(
    code(() => checkMeeting({ category: 'project', members: 7, attendees: 7, meetingOn: '2026-03-11' }, today)),
    'LEGAL_MEETING_INVALID',
  );
});

test('学法用法: only an exam has passes, never more than sat it, and a session is not in the future', () => {
  const today = '2026-03-10';
  const cases: [object, string][] = [
    [{ kind: 'exam', attendance: 40, examPassed: 38 }, 'none'],
    [{ kind: 'exam', attendance: 40, examPassed: 40 }, 'none'],
    [{ kind: 'exam', attendance: 40, examPassed: 41 }, 'LEGAL_TRAINING_INVALID'],
    [{ kind: 'exam', attendance: 40, examPassed: null }, 'LEGAL_TRAINING_INVALID'],
    [{ kind: 'lecture', attendance: 120 }, 'none'],
    [{ kind: 'standing_meeting', attendance: 15, examPassed: 3 }, 'LEGAL_TRAINING_INVALID'],
  ];
  for (const [s, want] of cases)
    assert.equal(
      code(() => checkTraining({ heldOn: today, ...(s as { kind: 'exam'; attendance: number }) }, today)),
      want,
      JSON.stringify(s),
    );
  assert.equal(
    code(() => checkTraining({ kind: 'lecture', attendance: 10, heldOn: '2026-03-11' }, today)),
    'LEGAL_TRAINING_INVALID',
  );
});

test('a document is announced once when it enters its last six months, and again for a renewed period', () => {
  const doc = (over: object = {}) => ({ status: 'in_force', validUntil: '2026-12-31', expiryNoticeFor: null as string | null, ...over });
  assert.equal(expiryNoticeDue(doc(), '2026-06-29'), false);
  assert.equal(expiryNoticeDue(doc(), '2026-06-30'), true); // from six months before the last day (warnFrom)
  assert.equal(expiryNoticeDue(doc(), '2026-12-31'), true);
  assert.equal(expiryNoticeDue(doc({ expiryNoticeFor: '2026-12-31' }), '2026-08-01'), false); // told already
  assert.equal(expiryNoticeDue(doc({ expiryNoticeFor: '2021-12-31' }), '2026-08-01'), true); // told for the period before renewal
  assert.equal(expiryNoticeDue(doc(), '2027-01-01'), false); // expired: the lapse job's, not a notice
  assert.equal(expiryNoticeDue(doc({ status: 'repealed' }), '2026-08-01'), false);
});
