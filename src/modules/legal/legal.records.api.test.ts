import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, type TestApp } from '../../../tests/support/app.ts';
import { countRows, withLegalApp, ok, type LegalRequester } from '../../../tests/support/legal.ts';
import { PDF } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { pinToday } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import { noticeExpiring } from './legal.service.ts';

// The second part of issue 24 through the HTTP API on the full demo (ADR 0042): 三重一大 records, 学法用法 and the
// published 普法责任清单, hearings with notice and post-decision evaluation, the notice of a document's last six
// months, and the file of a review opinion. Days are pinned; every refusal leaves nothing stored.

let t: TestApp;
let as: LegalRequester;
let officer: string;
let justice: number;
withLegalApp((app) => ({ t, as, officer, justice } = app));

let k = 0;
const create = (url: string, body: object, key = `rec-${k++}`) => as(officer, 'POST', url, body, { 'idempotency-key': key });
const count = (table: string) => countRows(t, table);

interface Counts {
  meetings: { category: string; count: number }[];
  training: { sessions: number; attendance: number; examTaken: number; examPassed: number };
}
const meetingCount = (c: Counts, category: string) => c.meetings.find((m) => m.category === category)!.count;

test('a 三重一大 decision is registered with its meeting, listed, read in full and counted by category for its year', async () => {
  pinToday('2026-04-10');
  const before = ok<Counts>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  assert.ok(
    before.meetings.every((m) => m.count >= 1),
    'the demo has a record of each category',
  );
  const body = {
    departmentId: justice,
    category: 'large_fund',
    subject: '2026年度法律援助专项资金使用',
    meetingName: '局党组会议2026年第4次',
    meetingOn: '2026-04-08',
    members: 7,
    attendees: 6,
    minutes: '会议听取了资金使用方案的汇报，经讨论，同意。',
    decision: '同意按方案使用专项资金320万元。',
    dissent: '一名成员建议分两批拨付。',
  };
  const m = ok<{ id: number; hasDissent: boolean; dissent: string; minutes: string }>(await create('/api/legal/meetings', body, 'meet-1'), 201);
  assert.equal(m.hasDissent, true);
  assert.equal(m.dissent, '一名成员建议分两批拨付。');
  // The same key again: the same record, not a second one.
  const again = ok<{ id: number }>(await create('/api/legal/meetings', body, 'meet-1'), 201);
  assert.equal(again.id, m.id);
  const list = ok<{ items: { id: number; category: string }[] }>(await as(officer, 'GET', '/api/legal/meetings?year=2026&category=large_fund'));
  assert.ok(list.items.some((i) => i.id === m.id));
  assert.ok(list.items.every((i) => i.category === 'large_fund'));
  const detail = ok<{ minutes: string }>(await as(officer, 'GET', `/api/legal/meetings/${m.id}`));
  assert.equal(detail.minutes, body.minutes);
  const after = ok<Counts>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  assert.equal(meetingCount(after, 'large_fund'), meetingCount(before, 'large_fund') + 1);
  assert.equal(meetingCount(after, 'personnel'), meetingCount(before, 'personnel'));
  const last = ok<Counts>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2025'));
  assert.equal(meetingCount(last, 'large_fund') < meetingCount(after, 'large_fund'), true);

  // Bad input: a code each, nothing stored.
  const stored = await count('legal_meeting');
  const refused: [object, string][] = [
    [{ category: 'personnel', members: 9, attendees: 5 }, 'LEGAL_MEETING_QUORUM'], // appointments need two thirds
    [{ members: 8, attendees: 4 }, 'LEGAL_MEETING_QUORUM'],
    [{ members: 5, attendees: 6 }, 'LEGAL_MEETING_INVALID'],
    [{ meetingOn: '2026-04-11' }, 'LEGAL_MEETING_INVALID'],
    [{ category: 'other' }, 'VALIDATION_FAILED'],
    [{ minutes: '' }, 'VALIDATION_FAILED'],
    [{ departmentId: 999_999 }, 'LEGAL_DEPARTMENT_INVALID'],
  ];
  for (const [over, want] of refused) {
    const res = await create('/api/legal/meetings', { ...body, ...over });
    assert.equal(errorCode(res), want, JSON.stringify(over));
    assert.ok(res.statusCode >= 400 && res.statusCode < 500);
  }
  assert.equal(errorCode(await as(officer, 'GET', '/api/legal/meetings/999999')), 'LEGAL_MEETING_NOT_FOUND');
  assert.equal(await count('legal_meeting'), stored);
});

test('学法用法 sessions are counted for the year, and a department’s 普法责任清单 is published once a year', async () => {
  pinToday('2026-05-20');
  const before = ok<Counts>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  const session = { departmentId: justice, heldOn: '2026-05-18', topic: '《行政复议法》修订解读', kind: 'exam', attendance: 42, examPassed: 40 };
  ok(await create('/api/legal/trainings', session), 201);
  ok(await create('/api/legal/trainings', { ...session, kind: 'lecture', topic: '民法典专题讲座', attendance: 120, examPassed: null }), 201);
  const stored = await count('legal_training');
  assert.equal(errorCode(await create('/api/legal/trainings', { ...session, examPassed: 43 })), 'LEGAL_TRAINING_INVALID');
  assert.equal(errorCode(await create('/api/legal/trainings', { ...session, kind: 'standing_meeting', examPassed: 3 })), 'LEGAL_TRAINING_INVALID');
  assert.equal(errorCode(await create('/api/legal/trainings', { ...session, heldOn: '2026-05-21' })), 'LEGAL_TRAINING_INVALID');
  assert.equal(errorCode(await create('/api/legal/trainings', { ...session, kind: 'seminar' })), 'VALIDATION_FAILED');
  assert.equal(await count('legal_training'), stored);
  const listed = ok<{ items: { topic: string }[] }>(await as(officer, 'GET', '/api/legal/trainings?year=2026'));
  assert.ok(listed.items.some((s) => s.topic === '民法典专题讲座'));
  const after = ok<Counts>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  assert.deepEqual(after.training, {
    sessions: before.training.sessions + 2,
    attendance: before.training.attendance + 162,
    examTaken: before.training.examTaken + 42,
    examPassed: before.training.examPassed + 40,
  });

  const duty = {
    departmentId: justice,
    year: 2027,
    responsibilities: '宣传《法律援助法》《人民调解法》',
    audiences: '社区居民、农民工',
    measures: '法律进社区、以案释法',
  };
  ok(await create('/api/legal/duties', duty), 201);
  assert.equal(errorCode(await create('/api/legal/duties', { ...duty, measures: '另一份' })), 'LEGAL_DUTY_EXISTS');
  assert.equal(errorCode(await create('/api/legal/duties', { ...duty, audiences: ' ' })), 'VALIDATION_FAILED');
  const pub = ok<{ year: number; items: { departmentName: string; measures: string }[] }>(await as(null, 'GET', '/api/public/legal/duties?year=2027'));
  assert.equal(pub.year, 2027);
  assert.deepEqual(
    pub.items.filter((i) => i.departmentName === '淮北市司法局').map((i) => i.measures),
    ['法律进社区、以案释法'],
  );
  assert.equal('departmentId' in pub.items[0], false);
  const mine = ok<{ items: { year: number }[] }>(await as(officer, 'GET', '/api/legal/duties?year=2027'));
  assert.equal(mine.items.length, pub.items.length);
});

interface Decision {
  id: number;
  version: number;
  status: string;
  executedFrom: string | null;
  evaluations: { conclusion: string }[];
  steps: { step: string; data: { hearing?: { noticeOn: string } | null } }[];
}

test('a hearing needs its notice; a decision is evaluated only once executed, and an evaluation may stop it', async () => {
  pinToday('2026-03-02');
  let dec = ok<Decision>(await create('/api/legal/decisions', { title: '淮北市出租汽车运价调整方案', departmentId: justice, year: 2026 }), 201);
  const step = (body: object) => as(officer, 'POST', `/api/legal/decisions/${dec.id}/steps`, body);
  const participation = (noticeOn: string) => ({
    step: 'public_participation',
    opensOn: '2026-01-05',
    closesOn: '2026-02-10',
    summary: '公开征求意见',
    hearing: { noticeOn, heldOn: '2026-02-12', place: '市发改委听证室', participants: 25, summary: '多数代表同意' },
  });
  assert.equal(errorCode(await step(participation('2026-02-05'))), 'LEGAL_HEARING_NOTICE_TOO_SHORT'); // 7 days
  assert.equal(await count(`legal_decision_step WHERE decision_id = ${dec.id}`), 0);
  dec = ok(await step(participation('2026-02-02'))); // 10 days
  assert.equal(dec.steps[0].data.hearing?.noticeOn, '2026-02-02');
  dec = ok(await step({ step: 'expert_argument', experts: ['交通专家'], opinion: '可行' }));
  dec = ok(await step({ step: 'risk_assessment', level: 'medium', report: '中风险，有预案' }));
  dec = ok(await step({ step: 'legality_review', startedOn: '2026-02-09', finishedOn: '2026-02-27', opinion: '合法' }));
  dec = ok(
    await step({
      step: 'collective_discussion',
      meeting: '常务会议',
      meetingOn: '2026-03-02',
      minutes: '纪要',
      headDecision: '同意',
      differsFromMajority: false,
    }),
  );
  const evaluation = (over: object = {}) =>
    as(officer, 'POST', `/api/legal/decisions/${dec.id}/evaluations`, {
      evaluatedOn: '2026-09-01',
      evaluator: '市司法局委托第三方',
      findings: '运价调整后投诉下降。',
      conclusion: 'continue',
      version: dec.version,
      ...over,
    });
  assert.equal(errorCode(await evaluation()), 'LEGAL_DECISION_NOT_EXECUTED');
  dec = ok(await as(officer, 'POST', `/api/legal/decisions/${dec.id}/decision`, { decision: '同意', version: dec.version }));
  assert.equal(errorCode(await evaluation()), 'LEGAL_DECISION_NOT_EXECUTED'); // decided, not yet executed
  const execute = (over: object = {}) =>
    as(officer, 'POST', `/api/legal/decisions/${dec.id}/execution`, { publishedOn: '2026-03-05', executedFrom: '2026-04-01', version: dec.version, ...over });
  pinToday('2026-04-01');
  assert.equal(errorCode(await execute({ publishedOn: '2026-03-01' })), 'LEGAL_DATE_INVALID'); // before the decision
  assert.equal(errorCode(await execute({ executedFrom: '2026-03-04' })), 'LEGAL_DATE_INVALID'); // before publication
  assert.equal(errorCode(await execute({ version: dec.version + 5 })), 'VERSION_CONFLICT');
  dec = ok(await execute());
  assert.deepEqual([dec.status, dec.executedFrom], ['executing', '2026-04-01']);
  assert.equal(errorCode(await execute()), 'LEGAL_DECISION_ILLEGAL_TRANSITION'); // executed once

  pinToday('2026-09-02');
  assert.equal(errorCode(await evaluation({ evaluatedOn: '2026-03-31' })), 'LEGAL_DATE_INVALID');
  assert.equal(errorCode(await evaluation({ conclusion: 'pause' })), 'VALIDATION_FAILED');
  dec = ok(await evaluation());
  assert.equal(dec.status, 'executing');
  dec = ok(await evaluation({ conclusion: 'stop', findings: '已被新方案取代。' }));
  assert.equal(dec.status, 'stopped');
  assert.deepEqual(
    dec.evaluations.map((e) => e.conclusion),
    ['continue', 'stop'],
  );
  assert.equal(errorCode(await evaluation()), 'LEGAL_DECISION_ILLEGAL_TRANSITION');
  const cat = ok<{ items: { id: number; status: string }[] }>(await as(null, 'GET', '/api/public/legal/decisions?year=2026'));
  assert.equal(cat.items.find((i) => i.id === dec.id)?.status, 'stopped');
});

interface Doc {
  id: number;
  version: number;
  validUntil: string;
  steps: { action: string; fileId: number | null; data: Record<string, unknown> }[];
}

test('a document entering its last six months is announced once to its legal officers, and again after renewal; a review opinion carries its file', async () => {
  pinToday('2026-03-02');
  const title = '淮北市农贸市场管理暂行办法';
  const post = (d: { id: number }, path: string, body: object) => as(officer, 'POST', `/api/legal/documents/${d.id}/${path}`, body);
  let d = ok<Doc>(
    await create('/api/legal/documents', {
      title,
      departmentId: justice,
      issuerPrefix: '农规',
      validityYears: 1,
      articles: [{ no: 1, text: '为规范农贸市场管理，制定本办法。' }],
    }),
    201,
  );
  d = ok(await post(d, 'comment-period', { version: d.version }));
  pinToday('2026-03-12');
  d = ok(await post(d, 'comment-close', { adoptionSummary: '无', version: d.version }));

  // The review's opinion with its file, uploaded through the module (not public).
  const upload = await as(officer, 'POST', '/api/legal/files?name=审核意见书.pdf', undefined, { 'content-type': 'application/octet-stream' });
  assert.equal(upload.statusCode, 400, 'an empty body is refused');
  const file = ok<{ id: number; mime: string }>(
    await t.app.inject({
      method: 'POST',
      url: '/api/legal/files?name=审核意见书.pdf',
      headers: { ...bearer(officer), 'content-type': 'application/octet-stream' },
      payload: PDF,
    }),
    201,
  );
  assert.equal(file.mime, 'application/pdf');
  d = ok(await post(d, 'review', { opinion: 'pass', reasons: '合法', fileId: file.id, version: d.version }));
  assert.deepEqual(
    d.steps.filter((s) => s.action === 'review').map((s) => s.fileId),
    [file.id],
  );
  d = ok(await post(d, 'deliberation', { meeting: '常务会议', meetingOn: '2026-03-12', minutes: '通过', version: d.version }));
  d = ok(await post(d, 'registration', { version: d.version }));
  d = ok(await post(d, 'publication', { version: d.version }));
  assert.equal(d.validUntil, '2027-03-11');

  const told = async () =>
    (
      await queryRows<{ username: string }>(
        t.database.db,
        sql`SELECT u.username FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'legal_document_expiring' AND n.title LIKE ${`%${title}`} ORDER BY n.id`,
      )
    ).map((r) => r.username);
  const job = () => noticeExpiring(t.database.db, systemContext('test'));
  pinToday('2026-09-10'); // the day before the last six months
  await job();
  assert.deepEqual(await told(), []);
  pinToday('2026-09-11');
  assert.ok((await job()) >= 1);
  assert.deepEqual(await told(), ['legalofficer']);
  await job(); // once only
  pinToday('2026-10-01');
  await job();
  assert.deepEqual(await told(), ['legalofficer']);
  const audits = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal.document.expiry_notice' AND target_id = ${String(d.id)}`,
  );
  assert.equal(Number(audits[0].n), 1);

  // Renewed: a new last day, announced again when its own last six months begin.
  d = ok(await as(officer, 'GET', `/api/legal/documents/${d.id}`));
  d = ok(await post(d, 'renewal', { validityYears: 1, version: d.version }));
  assert.equal(d.validUntil, '2027-09-30');
  await job();
  assert.equal((await told()).length, 1);
  pinToday('2027-03-30');
  await job();
  assert.deepEqual(await told(), ['legalofficer', 'legalofficer']);
});
