import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { errorCode, type TestApp } from '../../../tests/support/app.ts';
import { countRows, withLegalApp, ok as expectOk, type LegalRequester } from '../../../tests/support/legal.ts';
import { queryRows } from '../../platform/db/db.ts';
import { pinToday } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import { lapseExpired } from './index.ts';

// Normative documents and major decisions through the HTTP API on the full demo: the legal officer of 淮北市司法局
// takes a document through its whole life (days pinned so every clock is exact), citizens comment without signing
// in, and every out-of-order step is refused with its code and nothing stored.

let t: TestApp;
let as: LegalRequester;
let officer: string;
let justice: number;
withLegalApp((app) => ({ t, as, officer, justice } = app));

const ok = <T = Doc>(res: { statusCode: number; body: string; json(): unknown }, status = 200) => expectOk<T>(res, status);
interface Doc {
  id: number;
  status: string;
  version: number;
  commentOpensOn: string | null;
  commentClosesOn: string | null;
  docNumber: string | null;
  validUntil: string | null;
  filingDueOn: string | null;
  validity: string | null;
  reviewClock: { dueOn: string; remainingWorkingDays: number; overdue: boolean } | null;
  versions: { number: number }[];
  steps: { action: string; actor: string; onDay: string; data: Record<string, unknown> }[];
}
const articles = [
  { no: 1, text: '为规范公共资源交易活动，制定本办法。' },
  { no: 2, text: '本办法适用于本市行政区域内的公共资源交易。' },
  { no: 3, text: '本办法自公布之日起施行。' },
];
let n = 0;
const create = async (over: object = {}, prefix = `测规${n++}`) =>
  ok(
    await as(
      officer,
      'POST',
      '/api/legal/documents',
      { title: '淮北市公共资源交易管理办法', departmentId: justice, issuerPrefix: prefix, articles, ...over },
      { 'idempotency-key': `legal-${Math.random()}` },
    ),
    201,
  );
const post = (d: { id: number }, path: string, body: object) => as(officer, 'POST', `/api/legal/documents/${d.id}/${path}`, body);
const count = (table: string) => countRows(t, table);

test('a document goes from drafting to the public library, every step recorded with who and when', async () => {
  pinToday('2026-03-02');
  let d = await create({}, '淮测规');
  d = ok(await post(d, 'versions', { articles: [...articles.slice(0, 2), { no: 3, text: '本办法自2026年5月1日起施行。' }], version: d.version }));
  assert.deepEqual(
    d.versions.map((v) => v.number),
    [2, 1],
  );
  const diff = ok<{ changes: { no: number; change: string }[] }>(await as(officer, 'GET', `/api/legal/documents/${d.id}/diff?from=1&to=2`));
  assert.deepEqual(
    diff.changes.map((c) => c.change),
    ['same', 'same', 'changed'],
  );

  d = ok(await post(d, 'comment-period', { version: d.version }));
  assert.equal(d.status, 'commenting');
  assert.equal(d.commentClosesOn, '2026-03-11'); // 7 working days (国办发〔2018〕37号)
  const consult = ok<{ items: { id: number }[] }>(await as(null, 'GET', '/api/public/legal/consultations'));
  assert.ok(consult.items.some((c) => c.id === d.id));

  // A citizen comments on article 2 without signing in; held until moderated.
  const c = ok<{ id: number; status: string }>(
    await as(null, 'POST', `/api/public/legal/documents/${d.id}/comments`, { articleNo: 2, body: '建议明确“公共资源”的范围。' }),
    201,
  );
  assert.equal(c.status, 'pending');
  let pub = ok<{ comments: unknown[] }>(await as(null, 'GET', `/api/public/legal/documents/${d.id}`));
  assert.equal(pub.comments.length, 0);
  ok(await as(officer, 'POST', `/api/legal/comments/${c.id}/moderation`, { approve: true, answer: '采纳', adopted: true }));
  pub = ok(await as(null, 'GET', `/api/public/legal/documents/${d.id}`));
  assert.equal(pub.comments.length, 1);
  assert.equal(errorCode(await as(officer, 'POST', `/api/legal/comments/${c.id}/moderation`, { approve: false })), 'LEGAL_COMMENT_ALREADY_MODERATED');

  // Not before the period has run.
  assert.equal(errorCode(await post(d, 'comment-close', { adoptionSummary: '采纳1条', version: d.version })), 'LEGAL_COMMENT_PERIOD_OPEN');
  pinToday('2026-03-12');
  assert.equal(
    errorCode(await as(null, 'POST', `/api/public/legal/documents/${d.id}/comments`, { articleNo: 1, body: '晚了' })),
    'LEGAL_COMMENT_PERIOD_CLOSED',
  );
  d = ok(await post(d, 'comment-close', { adoptionSummary: '收到意见1条，采纳1条。', version: d.version }));
  assert.equal(d.status, 'in_review');
  assert.deepEqual(d.reviewClock, { dueOn: '2026-04-02', remainingWorkingDays: 15, overdue: false }); // 15 working days

  // The review sends it back once; the text changes, comment runs again, then it passes.
  d = ok(await post(d, 'review', { opinion: 'amend', reasons: '第二条应明确适用范围。', version: d.version }));
  assert.equal(d.status, 'drafting');
  d = ok(await post(d, 'versions', { articles, version: d.version }));
  d = ok(await post(d, 'comment-period', { version: d.version }));
  pinToday('2026-03-24');
  d = ok(await post(d, 'comment-close', { adoptionSummary: '未收到新意见。', version: d.version }));
  d = ok(await post(d, 'review', { opinion: 'pass', reasons: '合法。', version: d.version }));
  assert.equal(d.status, 'reviewed');
  d = ok(await post(d, 'deliberation', { meeting: '市政府第12次常务会议', meetingOn: '2026-03-24', minutes: '审议通过', version: d.version }));
  d = ok(await post(d, 'registration', { version: d.version }));
  assert.equal(d.docNumber, '淮测规〔2026〕1号');
  d = ok(await post(d, 'publication', { interpretation: '解读', version: d.version }));
  assert.equal(d.status, 'in_force');
  assert.equal(d.validUntil, '2031-03-23');
  assert.equal(d.filingDueOn, '2026-04-23');
  pinToday('2026-04-24');
  d = ok(await as(officer, 'GET', `/api/legal/documents/${d.id}`));
  assert.equal((d as unknown as { filingOverdue: boolean }).filingOverdue, true);
  d = ok(await post(d, 'filing', { filedWith: '安徽省人民政府', filedOn: '2026-04-24', version: d.version }));
  assert.equal(d.steps.at(-1)!.data.late, true);

  assert.deepEqual(
    d.steps.map((s) => s.action),
    [
      'create',
      'save_version',
      'open_comment',
      'close_comment',
      'review',
      'save_version',
      'open_comment',
      'close_comment',
      'review',
      'deliberate',
      'register',
      'publish',
      'file',
    ],
  );
  assert.ok(d.steps.every((s) => s.actor === 'legalofficer'));

  const lib = ok<{ items: { id: number; status: string }[] }>(await as(null, 'GET', `/api/public/legal/documents?q=${encodeURIComponent('公共资源 交易')}`));
  assert.ok(lib.items.some((i) => i.id === d.id && i.status === 'in_force'));
  const none = ok<{ items: unknown[] }>(await as(null, 'GET', `/api/public/legal/documents?q=${encodeURIComponent('养老保险')}`));
  assert.equal(none.items.length, 0);

  // Renewal renumbers; the number after it is the next one.
  pinToday('2030-10-01');
  d = ok(await as(officer, 'GET', `/api/legal/documents/${d.id}`));
  assert.equal(d.validity, 'expiring');
  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'legal_document' AND target_id = ${String(d.id)}`,
  );
  assert.equal(audit.length, d.steps.length);
});

test('bad input is refused with a code each, and nothing is stored', async () => {
  pinToday('2026-03-02');
  const d = await create();
  const before = { steps: await count('legal_document_step'), versions: await count('legal_document_version'), comments: await count('legal_comment') };
  assert.equal(errorCode(await post(d, 'publication', { version: d.version })), 'LEGAL_REVIEW_NOT_PASSED');
  assert.equal(errorCode(await post(d, 'registration', { version: d.version })), 'LEGAL_REVIEW_NOT_PASSED');
  assert.equal(errorCode(await post(d, 'comment-period', { closesOn: '2026-03-10', version: d.version })), 'LEGAL_COMMENT_PERIOD_TOO_SHORT');
  assert.equal(
    errorCode(await as(null, 'POST', `/api/public/legal/documents/${d.id}/comments`, { articleNo: 1, body: '意见' })),
    'LEGAL_COMMENT_PERIOD_CLOSED',
  );
  assert.equal(errorCode(await post(d, 'versions', { articles: [{ no: 2, text: 'x' }], version: d.version })), 'LEGAL_ARTICLES_INVALID');
  assert.equal(errorCode(await post(d, 'versions', { articles, version: d.version + 5 })), 'VERSION_CONFLICT');
  assert.deepEqual(
    { steps: await count('legal_document_step'), versions: await count('legal_document_version'), comments: await count('legal_comment') },
    before,
  );
  const open = ok<Doc>(await post(d, 'comment-period', { version: d.version }));
  assert.equal(errorCode(await post(open, 'versions', { articles, version: open.version })), 'LEGAL_VERSION_FROZEN');
  assert.equal(
    errorCode(await as(null, 'POST', `/api/public/legal/documents/${d.id}/comments`, { articleNo: 9, body: '意见' })),
    'LEGAL_COMMENT_ARTICLE_UNKNOWN',
  );
  assert.equal(
    errorCode(
      await as(officer, 'POST', '/api/legal/documents', { title: 'x', departmentId: 999999, issuerPrefix: 'x', articles }, { 'idempotency-key': 'bad-dept' }),
    ),
    'LEGAL_DEPARTMENT_INVALID',
  );
  assert.equal(
    errorCode(
      await as(
        officer,
        'POST',
        '/api/legal/documents',
        { title: 'x', departmentId: justice, issuerPrefix: 'x', articles, reviewDays: 20 },
        { 'idempotency-key': 'bad-days' },
      ),
    ),
    'VALIDATION_FAILED',
  );
});

test('numbers are gapless per issuer and year: one out of sequence is refused, the next is taken', async () => {
  pinToday('2026-03-02');
  const through = async (prefix: string) => {
    let d = await create({}, prefix);
    d = ok(await post(d, 'comment-period', { version: d.version }));
    pinToday('2026-03-12');
    d = ok(await post(d, 'comment-close', { adoptionSummary: '无', version: d.version }));
    d = ok(await post(d, 'review', { opinion: 'pass', reasons: '合法', version: d.version }));
    d = ok(await post(d, 'deliberation', { meeting: '常务会议', meetingOn: '2026-03-12', minutes: '通过', version: d.version }));
    pinToday('2026-03-02');
    return d;
  };
  const a = await through('序规');
  const b = await through('序规');
  const stepsBefore = await count('legal_document_step');
  assert.equal(errorCode(await post(a, 'registration', { seq: 2, version: a.version })), 'LEGAL_NUMBER_OUT_OF_SEQUENCE');
  assert.equal(await count('legal_document_step'), stepsBefore);
  assert.equal(ok(await post(a, 'registration', { seq: 1, version: a.version })).docNumber, '序规〔2026〕1号');
  assert.equal(ok(await post(b, 'registration', { version: b.version })).docNumber, '序规〔2026〕2号');
  // Two registrations at once queue on the issuer's sequence row: no number twice, none skipped.
  const c = await through('序规');
  const d = await through('序规');
  const both = await Promise.all([post(c, 'registration', { version: c.version }), post(d, 'registration', { version: d.version })]);
  assert.deepEqual(both.map((r) => ok<Doc>(r).docNumber).sort(), ['序规〔2026〕3号', '序规〔2026〕4号']);
});

test('a document past its last day lapses by the job and shows so in the library; renewal renumbers', async () => {
  pinToday('2026-03-02');
  let d = await create({ validityYears: 1 }, '效规');
  d = ok(await post(d, 'comment-period', { version: d.version }));
  pinToday('2026-03-12');
  d = ok(await post(d, 'comment-close', { adoptionSummary: '无', version: d.version }));
  d = ok(await post(d, 'review', { opinion: 'pass', reasons: '合法', version: d.version }));
  d = ok(await post(d, 'deliberation', { meeting: '常务会议', meetingOn: '2026-03-12', minutes: '通过', version: d.version }));
  d = ok(await post(d, 'registration', { version: d.version }));
  d = ok(await post(d, 'publication', { version: d.version }));
  assert.equal(d.validUntil, '2027-03-11');
  // Renewed within the warning window: renumbered (the next number of the renewal's year), the period restarts.
  pinToday('2026-10-01');
  d = ok(await post(d, 'renewal', { validityYears: 1, version: d.version }));
  assert.equal(d.docNumber, '效规〔2026〕2号');
  assert.equal(d.validUntil, '2027-09-30');
  pinToday('2026-09-30');
  await lapseExpired(t.database.db, systemContext('test'));
  assert.equal(ok<Doc>(await as(officer, 'GET', `/api/legal/documents/${d.id}`)).status, 'in_force');
  pinToday('2027-10-01');
  assert.ok((await lapseExpired(t.database.db, systemContext('test'))) >= 1);
  d = ok(await as(officer, 'GET', `/api/legal/documents/${d.id}`));
  assert.equal(d.status, 'lapsed');
  const lib = ok<{ items: { id: number; status: string; endedOn: string }[] }>(await as(null, 'GET', '/api/public/legal/documents?status=lapsed'));
  assert.deepEqual(
    lib.items.filter((i) => i.id === d.id).map((i) => [i.status, i.endedOn]),
    [['lapsed', '2027-10-01']],
  );
  // The demo's own lapsed document shows too.
  assert.ok(lib.items.some((i) => i.id !== d.id));
});

test('a major decision is refused until its five steps are recorded, and the refusal names what is missing', async () => {
  pinToday('2026-03-02');
  let dec = ok<{ id: number; version: number; missingSteps: string[]; status: string }>(
    await as(
      officer,
      'POST',
      '/api/legal/decisions',
      { title: '淮北市生活垃圾分类实施方案', departmentId: justice, year: 2026 },
      { 'idempotency-key': 'dec-1' },
    ),
    201,
  );
  const step = (body: object) => as(officer, 'POST', `/api/legal/decisions/${dec.id}/steps`, body);
  const decideIt = () => as(officer, 'POST', `/api/legal/decisions/${dec.id}/decision`, { decision: '同意实施', version: dec.version });
  let res = await decideIt();
  assert.equal(errorCode(res), 'LEGAL_DECISION_STEPS_MISSING');
  assert.equal((res.json() as { details: { missing: string[] } }).details.missing.length, 5);
  assert.equal(errorCode(await step({ step: 'public_participation', opensOn: '2026-01-01', closesOn: '2026-01-20', summary: 's' })), 'LEGAL_STEP_INVALID');
  dec = ok(await step({ step: 'public_participation', opensOn: '2026-01-01', closesOn: '2026-02-05', summary: '收到意见20条' }));
  dec = ok(await step({ step: 'expert_argument', experts: ['王教授'], opinion: '可行' }));
  dec = ok(await step({ step: 'risk_assessment', level: 'low', report: '社会稳定风险低' }));
  res = await decideIt();
  assert.deepEqual((res.json() as { details: { missing: string[] } }).details.missing, ['legality_review', 'collective_discussion']);
  const listed = ok<{ items: { id: number; missingSteps: string[] }[] }>(await as(officer, 'GET', '/api/legal/decisions?year=2026'));
  assert.deepEqual(listed.items.find((i) => i.id === dec.id)!.missingSteps, ['legality_review', 'collective_discussion']);
  dec = ok(await step({ step: 'legality_review', startedOn: '2026-02-09', finishedOn: '2026-02-27', opinion: '合法' }));
  dec = ok(
    await step({
      step: 'collective_discussion',
      meeting: '市政府常务会议',
      meetingOn: '2026-03-02',
      minutes: '纪要',
      headDecision: '同意',
      differsFromMajority: false,
    }),
  );
  assert.deepEqual(dec.missingSteps, []);
  dec = ok(await decideIt());
  assert.equal(dec.status, 'decided');
  assert.equal(errorCode(await step({ step: 'risk_assessment', level: 'high', report: 'x' })), 'LEGAL_DECISION_DECIDED');
  const cat = ok<{ items: { id: number; status: string }[] }>(await as(null, 'GET', '/api/public/legal/decisions?year=2026'));
  assert.ok(cat.items.some((i) => i.id === dec.id && i.status === 'decided'));
});

test('a clean-up campaign lists the documents in force, is approved as a batch once each has a proposal, and its results are published', async () => {
  pinToday('2026-03-02');
  // A document of its own, in force, to repeal.
  let d = await create({}, '清规');
  d = ok(await post(d, 'comment-period', { version: d.version }));
  pinToday('2026-03-12');
  d = ok(await post(d, 'comment-close', { adoptionSummary: '无', version: d.version }));
  d = ok(await post(d, 'review', { opinion: 'pass', reasons: '合法', version: d.version }));
  d = ok(await post(d, 'deliberation', { meeting: '常务会议', meetingOn: '2026-03-12', minutes: '通过', version: d.version }));
  d = ok(await post(d, 'registration', { version: d.version }));
  d = ok(await post(d, 'publication', { version: d.version }));

  interface Campaign {
    id: number;
    version: number;
    status: string;
    items: { documentId: number; proposal: string | null }[];
  }
  let c = ok<Campaign>(await as(officer, 'POST', '/api/legal/cleanups', { title: '专项清理', departmentId: justice }, { 'idempotency-key': 'cleanup-1' }), 201);
  assert.ok(c.items.some((i) => i.documentId === d.id));
  const propose = (documentId: number, proposal: string) =>
    as(officer, 'POST', `/api/legal/cleanups/${c.id}/proposals`, { documentId, proposal, reason: proposal === 'repeal' ? '已不适应' : '继续有效' });
  c = ok(await propose(d.id, 'repeal'));
  const campaigns = ok<{ items: { id: number; documents: number }[] }>(await as(officer, 'GET', '/api/legal/cleanups'));
  assert.equal(campaigns.items.find((x) => x.id === c.id)!.documents, c.items.length);
  const statusBefore = await count('legal_document_step');
  assert.equal(errorCode(await as(officer, 'POST', `/api/legal/cleanups/${c.id}/approval`, { version: c.version })), 'LEGAL_CLEANUP_INCOMPLETE');
  assert.equal(await count('legal_document_step'), statusBefore);
  assert.equal(errorCode(await propose(999999, 'keep')), 'LEGAL_CLEANUP_ITEM_UNKNOWN');
  for (const i of c.items.filter((x) => x.documentId !== d.id)) c = ok(await propose(i.documentId, 'keep'));
  c = ok(await as(officer, 'POST', `/api/legal/cleanups/${c.id}/approval`, { version: c.version }));
  assert.equal(c.status, 'approved');
  const after = ok<Doc>(await as(officer, 'GET', `/api/legal/documents/${d.id}`));
  assert.equal(after.status, 'repealed');
  assert.equal(after.steps.at(-1)!.action, 'repeal');
  assert.equal(errorCode(await propose(d.id, 'keep')), 'LEGAL_CLEANUP_APPROVED');
  const results = ok<{ items: { id: number; items: { documentId: number; proposal: string }[] }[] }>(await as(null, 'GET', '/api/public/legal/cleanups'));
  assert.deepEqual(results.items.find((r) => r.id === c.id)!.items.find((i) => i.documentId === d.id)!.proposal, 'repeal');
  const lib = ok<{ items: { id: number; status: string }[] }>(await as(null, 'GET', '/api/public/legal/documents?status=repealed'));
  assert.ok(lib.items.some((i) => i.id === d.id));
});

test('legality reviews of any matter keep the adviser’s opinion apart, and the counts come out of the data', async () => {
  pinToday('2026-05-06');
  const before = ok<{ matters: number; withAdviserOpinion: number }>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  const adviser = ok<{ id: number }>(
    await as(
      officer,
      'POST',
      '/api/legal/advisers',
      { name: '孙律师', kind: 'adviser', departmentId: justice, engagedFrom: '2026-01-01', engagedUntil: '2026-06-30' },
      { 'idempotency-key': 'adv-1' },
    ),
    201,
  );
  let r = ok<{ id: number; version: number; status: string; adviserOpinion: string | null; opinion: string | null }>(
    await as(officer, 'POST', '/api/legal/reviews', { matterKind: 'contract', title: '合作协议', departmentId: justice }, { 'idempotency-key': 'rev-1' }),
    201,
  );
  r = ok(await as(officer, 'POST', `/api/legal/reviews/${r.id}/adviser-opinion`, { adviserId: adviser.id, opinion: '补充违约条款', version: r.version }));
  assert.equal(r.adviserOpinion, '补充违约条款');
  assert.equal(r.opinion, null);
  r = ok(await as(officer, 'POST', `/api/legal/reviews/${r.id}/opinion`, { opinion: '修改后可签', version: r.version }));
  assert.equal(r.status, 'reviewed');
  assert.equal(errorCode(await as(officer, 'POST', `/api/legal/reviews/${r.id}/opinion`, { opinion: '再审', version: r.version })), 'LEGAL_REVIEW_DONE');
  const second = ok<{ id: number; version: number }>(
    await as(officer, 'POST', '/api/legal/reviews', { matterKind: 'project', title: '建设项目', departmentId: justice }, { 'idempotency-key': 'rev-2' }),
    201,
  );
  pinToday('2026-07-01');
  assert.equal(
    errorCode(
      await as(officer, 'POST', `/api/legal/reviews/${second.id}/adviser-opinion`, { adviserId: adviser.id, opinion: '晚了', version: second.version }),
    ),
    'LEGAL_ADVISER_NOT_ENGAGED',
  );
  const counts = ok<{ matters: number; reviewed: number; withAdviserOpinion: number }>(await as(officer, 'GET', '/api/legal/reviews/counts?year=2026'));
  assert.equal(counts.matters, before.matters + 2);
  assert.equal(counts.withAdviserOpinion, before.withAdviserOpinion + 1);
  const advisers = ok<{ items: { id: number; matters: number; engagedToday: boolean }[] }>(await as(officer, 'GET', '/api/legal/advisers'));
  assert.deepEqual(
    advisers.items.filter((a) => a.id === adviser.id).map((a) => [a.matters, a.engagedToday]),
    [[1, false]],
  );
});

test('a document’s full record comes as a Word file', async () => {
  const list = ok<{ items: { id: number; status: string }[] }>(await as(officer, 'GET', '/api/legal/documents?status=in_force'));
  const res = await as(officer, 'GET', `/api/legal/documents/${list.items[0].id}/record.docx`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /wordprocessingml/);
  assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
  const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /行政规范性文件制定过程记录/);
  assert.match(xml, /统一登记编号/);
  assert.match(xml, /legalofficer/);
});
