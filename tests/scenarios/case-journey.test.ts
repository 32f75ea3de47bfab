import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { bearer, errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem, type CaseView } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { sealCommitted, verifyAuditChain } from '../../src/platform/audit/audit.ts';

let t: TestApp;
let item: string;
const tokens: Record<string, string> = {};
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9001');
  for (const u of ['person', 'company', 'agent', 'clerk', 'reviewer', 'supervisor', 'admin']) tokens[u] = await t.login(u);
  // A second reviewer of the same department ("another approves").
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(tokens.admin), ...idem() },
    payload: {
      username: 'reviewer2',
      displayName: '市场监管局 钱审批',
      password: 'Review2026',
      roles: [{ role: 'reviewer', regionCode: '340600', departmentId: await reviewerDepartment() }],
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  tokens.reviewer2 = await t.login('reviewer2', 'Review2026');
});
after(async () => {
  pinToday(null);
  await t?.close();
});
afterEach(() => pinToday(null));

async function reviewerDepartment(): Promise<number> {
  const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as {
    user: { roles: { departmentId: number }[] };
  };
  return me.user.roles[0].departmentId;
}

const as = (u: string) => caseClient(t, tokens[u]);

async function apply(user = 'person', body: Record<string, unknown> = {}): Promise<string> {
  const res = await as(user).call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' }, ...body }, idem());
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { number: string }).number;
}

async function submitted(user = 'person'): Promise<string> {
  const n = await apply(user);
  assert.equal((await as(user).upload(n, 'application', PDF)).statusCode, 200);
  assert.equal((await as(user).call('POST', `/api/cases/${n}/materials/premises/pledge`)).statusCode, 200);
  await as(user).act(n, 'submit');
  return n;
}

async function inReview(): Promise<string> {
  const n = await submitted();
  await as('clerk').act(n, 'accept');
  return n;
}

test('acceptances at the same moment: each case is accepted once, a second acceptance of the same version loses, an unknown case is not found', async () => {
  const { sql } = await import('drizzle-orm');
  const { acceptCase } = await import('../../src/modules/cases/index.ts');
  const { queryRows } = await import('../../src/platform/db/db.ts');
  pinToday('2025-06-03');
  const [a, b, c] = [await submitted(), await submitted(), await submitted()];
  const versions = Object.fromEntries(await Promise.all([a, b, c].map(async (n) => [n, (await as('clerk').get(n)).version] as const)));
  const [clerk] = await queryRows<{ id: number; display_name: string }>(
    t.database.db,
    sql`SELECT id::int AS id, display_name FROM app_user WHERE username = 'clerk'`,
  );
  const authorise = () => ({
    ctx: { actor: { id: clerk.id, username: 'clerk', role: 'clerk' }, requestId: 'accept-at-once' },
    userId: clerk.id,
    displayName: clerk.display_name,
    idNumber: null,
    grants: [],
  });
  // Called in one tick: the first goes alone, the others wait for it and are read, then written, together.
  const answers = await Promise.allSettled(
    [a, b, c, c, '34060099999999999999'].map((n) => acceptCase(t.database.db, authorise, n, { version: versions[n] ?? 1 })),
  );
  const told = answers.map((x) => (x.status === 'fulfilled' ? x.value.status : (x.reason as { code: string }).code));
  assert.deepEqual(told.slice(0, 2), ['in_review', 'in_review']);
  assert.deepEqual(told.slice(2, 4).sort(), ['CASE_VERSION_CONFLICT', 'in_review']);
  assert.equal(told[4], 'CASE_NOT_FOUND');
  for (const n of [a, b, c]) {
    const view = await as('clerk').get(n);
    assert.deepEqual(
      [view.status, view.version, view.timeline.filter((e) => e.type === 'accepted').length, view.steps.map((s) => s.status)],
      ['in_review', versions[n] + 1, 1, ['active', 'pending']],
      `${n} is accepted once, with its own steps`,
    );
  }
  const audit = await queryRows<{ target: string }>(
    t.database.db,
    sql`SELECT target_id AS target FROM audit_log WHERE request_id = 'accept-at-once' ORDER BY target_id`,
  );
  assert.deepEqual(
    audit.map((e) => e.target),
    [a, b, c].sort(),
    'one audit entry per accepted case',
  );
});

test('the whole journey: apply with an upload and a pledge, correction, acceptance, a hearing, two reviewers, decision, delivery', async () => {
  pinToday('2025-03-03');
  const headers = idem();
  const first = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: {} }, headers);
  assert.equal(first.statusCode, 201);
  const number = (first.json() as { number: string }).number;
  assert.match(number, /^34060020250303\d{6}$/);
  const retry = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: {} }, headers);
  assert.equal((retry.json() as { number: string }).number, number, 'the same Idempotency-Key never creates two cases');

  // Materials: an upload checked by content, a pledge where allowed.
  assert.equal(errorCode(await as('person').upload(number, 'application', Buffer.from('just text'))), 'FILE_TYPE_NOT_ALLOWED');
  assert.equal((await as('person').upload(number, 'application', PDF, '申请书.pdf')).statusCode, 200);
  assert.equal(errorCode(await as('person').call('POST', `/api/cases/${number}/materials/application/pledge`)), 'CASE_PLEDGE_NOT_ALLOWED');
  const pledge = await as('person').call('POST', `/api/cases/${number}/materials/premises/pledge`);
  assert.match((pledge.json() as { pledgeText: string }).pledgeText, /郑重承诺/);

  // The form is checked against the item's schema on the server.
  const invalid = await as('person').tryAct(number, 'submit');
  assert.equal(errorCode(invalid), 'CASE_FORM_INVALID');
  const draft = await as('person').get(number);
  assert.equal(
    (await as('person').call('PUT', `/api/cases/${number}/draft`, { version: draft.version, formData: { shopName: '味道小馆', contactPhone: '13905610000' } }))
      .statusCode,
    200,
  );
  let c = await as('person').act(number, 'submit');
  assert.equal(c.status, 'submitted');

  // The window asks once for everything to fix; the applicant answers online.
  pinToday('2025-03-04');
  assert.equal((await as('clerk').tryAct(number, 'request-correction', { items: [] })).statusCode, 400);
  c = await as('clerk').act(number, 'request-correction', { items: [{ materialKey: 'application', note: '申请书缺少法定代表人签字' }] });
  assert.equal(c.status, 'correction_requested');
  assert.equal((await as('person').get(number)).next, 'answer_correction');
  const notices = (await as('person').call('GET', '/api/notifications')).json() as { items: { kind: string }[] };
  assert.ok(notices.items.some((n) => n.kind === 'correction'));
  pinToday('2025-03-05');
  assert.equal((await as('person').upload(number, 'application', Buffer.concat([PDF, Buffer.from('signed')]), '申请书-已签字.pdf')).statusCode, 200);
  c = await as('person').act(number, 'answer-correction', { answers: [{ item: 0, kind: 'file' }], confirmed: true, note: '已补签' });
  assert.equal(c.status, 'submitted');

  // Two clerks accept at once: one wins, the other gets CASE_VERSION_CONFLICT.
  pinToday('2025-03-06');
  const v = (await as('clerk').get(number)).version;
  const [a, b] = await Promise.all([
    as('clerk').call('POST', `/api/cases/${number}/accept`, { version: v }),
    as('clerk').call('POST', `/api/cases/${number}/accept`, { version: v }),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  assert.equal(errorCode(a.statusCode === 409 ? a : b), 'CASE_VERSION_CONFLICT');
  c = await as('person').get(number);
  assert.equal(c.status, 'in_review');
  assert.deepEqual(
    {
      acceptedOn: c.clock.acceptedOn,
      deadline: c.clock.deadline,
      legalDeadline: c.clock.legalDeadline,
      remaining: c.clock.remainingWorkingDays,
      warning: c.clock.warning,
      paused: c.clock.paused,
    },
    { acceptedOn: '2025-03-06', deadline: '2025-03-20', legalDeadline: '2025-04-03', remaining: 10, warning: 'none', paused: false },
  );

  // A reviewer of the department claims 审查 and starts a hearing: the clock stops.
  assert.equal((await as('company').tryAct(number, 'claim')).statusCode, 403);
  pinToday('2025-03-07');
  c = await as('reviewer').act(number, 'claim');
  c = await as('reviewer').act(number, 'start-special', { kind: 'hearing', reason: '涉及相邻权利人重大利益，依申请举行听证' });
  assert.equal(c.clock.paused, true);
  pinToday('2025-03-14');
  assert.equal((await as('person').get(number)).clock.remainingWorkingDays, 9, 'frozen while the hearing runs');
  assert.equal(
    (await as('reviewer').tryAct(number, 'complete-step', { result: 'pass', opinion: '同意' })).statusCode,
    200,
    'a review step may pass while the hearing runs',
  );
  c = await as('reviewer').get(number);
  assert.equal(c.steps[1].status, 'active');
  c = await as('reviewer').act(number, 'end-special', { result: '听证完毕，无异议' });
  assert.equal(c.clock.paused, false);
  assert.equal(c.clock.deadline, '2025-03-27', 'five working days of hearing are added');

  // Another reviewer approves at the last step: granted.
  pinToday('2025-03-17');
  assert.equal(errorCode(await as('reviewer2').tryAct(number, 'complete-step', { result: 'pass', opinion: '准予' })), 'CASE_STEP_NOT_CLAIMED');
  await as('reviewer2').act(number, 'claim');
  c = await as('reviewer2').act(number, 'complete-step', { result: 'pass', opinion: '符合条件，准予许可' });
  assert.equal(c.status, 'decided');
  assert.equal(c.outcome, '0');
  // The clock stops on the day of the decision; what was left of it then says it was on time.
  pinToday('2025-03-24');
  const closed = (await as('person').get(number)).clock;
  assert.deepEqual([closed.stoppedOn, closed.deadline, closed.remainingWorkingDays, closed.warning], ['2025-03-17', '2025-03-27', 8, 'none']);
  pinToday('2025-03-17');

  // The applicant downloads the decision.
  const doc = await as('person').call('GET', `/api/cases/${number}/notices/decision`);
  assert.equal(doc.statusCode, 200);
  assert.match(String(doc.headers['content-type']), /wordprocessingml/);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /准予行政许可决定书/);
  assert.match(xml, new RegExp(number));

  // Delivery by post needs a tracking number.
  assert.equal(errorCode(await as('clerk').tryAct(number, 'deliver', { method: 'post' })), 'CASE_TRACKING_REQUIRED');
  c = await as('clerk').act(number, 'deliver', { method: 'post', trackingNumber: 'SF1234567890' });
  assert.equal(c.status, 'delivered');
  assert.equal(c.visits, 0, 'applied and received without a visit (零跑动)');
  assert.equal(errorCode(await as('clerk').tryAct(number, 'deliver', { method: 'window' })), 'CASE_ILLEGAL_TRANSITION');

  // Every transition wrote an audit entry, and the chain holds.
  const audit = (
    await t.app.inject({ method: 'GET', url: `/api/audit?targetType=case&targetId=${number}&pageSize=100`, headers: bearer(tokens.admin) })
  ).json() as { items: { action: string }[] };
  const actions = audit.items.map((i) => i.action).reverse();
  for (const expected of [
    'case.create',
    'case.submit',
    'case.request_correction',
    'case.answer_correction',
    'case.accept',
    'case.claim',
    'case.start_special',
    'case.complete_step',
    'case.end_special',
    'case.decide',
    'case.deliver',
  ]) {
    assert.ok(actions.includes(expected), expected);
  }
  assert.ok((await sealCommitted(t.database.db)).sealed > 0);
  assert.equal((await verifyAuditChain(t.database.db)).ok, true);

  // The national data shape.
  const exported = (await as('supervisor').call('GET', `/api/cases/${number}/export`)).json() as {
    up_pro_accept: { project_no: string; accept_date: string };
    up_pro_special_procedure: { special_type: string }[];
    up_pro_result: { result_code: string; express_no: string };
  };
  assert.equal(exported.up_pro_accept.project_no, number);
  assert.equal(exported.up_pro_accept.accept_date, '20250306');
  assert.deepEqual(
    exported.up_pro_special_procedure.map((s) => s.special_type),
    ['2'],
  );
  assert.deepEqual([exported.up_pro_result.result_code, exported.up_pro_result.express_no], ['0', 'SF1234567890']);
});

test('only the applicant, the window, the department and supervisors see a case; lists mask the ID number', async () => {
  const n = await apply();
  assert.equal(errorCode(await as('company').call('GET', `/api/cases/${n}`)), 'CASE_NOT_FOUND');
  assert.equal((await as('supervisor').call('GET', `/api/cases/${n}`)).statusCode, 200);
  const mine = (await as('person').call('GET', '/api/cases/mine')).json() as { items: { number: string; applicantIdNumberMasked: string }[] };
  assert.ok(mine.items.some((i) => i.number === n));
  assert.match(mine.items[0].applicantIdNumberMasked, /^\d{6}\*{8}\d{3}[\dX]$/);
});

test('accept with gaps: no decision until the gap material arrives', async () => {
  pinToday('2025-05-06');
  const n = await apply();
  await as('person').upload(n, 'application', PDF);
  await as('person').act(n, 'submit');
  assert.equal(errorCode(await as('clerk').tryAct(n, 'accept')), 'CASE_MATERIALS_MISSING');
  let c = await as('clerk').act(n, 'accept', { gaps: [{ materialKey: 'premises', dueOn: '2025-05-20' }] });
  assert.equal(c.status, 'in_review');
  assert.equal(c.materials.find((m) => m.key === 'premises')!.gapDueOn, '2025-05-20');
  assert.equal((await as('person').get(n)).next, 'supply_gaps');
  for (const u of ['reviewer', 'reviewer'])
    await as(u)
      .act(n, 'claim')
      .catch(() => undefined);
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '材料审查通过' });
  await as('reviewer').act(n, 'claim');
  assert.equal(errorCode(await as('reviewer').tryAct(n, 'complete-step', { result: 'pass', opinion: '准予' })), 'CASE_GAPS_OUTSTANDING');
  assert.equal((await as('person').upload(n, 'premises', PDF, '租赁合同.pdf')).statusCode, 200);
  c = await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  assert.equal(c.outcome, '0');
  assert.ok(c.timeline.some((e) => e.type === 'gap_supplied'));
});

test('no decision on acceptance within 5 working days: the case counts as accepted on the day of receipt (art. 32)', async () => {
  pinToday('2024-09-27');
  const n = await submitted();
  pinToday('2024-10-11');
  const c = await as('person').get(n);
  assert.equal(c.status, 'submitted');
  assert.deepEqual([c.clock.acceptedOn, c.clock.deemedAccepted], ['2024-09-27', true]);
  assert.equal(errorCode(await as('clerk').tryAct(n, 'refuse', { reason: '不属于本机关职权', legalBasis: '行政许可法第三十二条' })), 'CASE_DEEMED_ACCEPTED');
  assert.equal(errorCode(await as('clerk').tryAct(n, 'request-correction', { items: [{ note: '补充材料' }] })), 'CASE_DEEMED_ACCEPTED');
  const accepted = await as('clerk').act(n, 'accept');
  assert.deepEqual([accepted.clock.acceptedOn, accepted.clock.deemedAccepted], ['2024-09-27', true]);
  const doc = await as('person').call('GET', `/api/cases/${n}/notices/acceptance`);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /自收到申请材料之日起即为受理/);
});

test('refusal needs reason and basis; a denial needs its legal basis and tells the applicant their rights', async () => {
  pinToday('2025-06-03');
  const n = await submitted();
  assert.equal((await as('clerk').tryAct(n, 'refuse', { reason: '', legalBasis: '' })).statusCode, 400);
  const refused = await as('clerk').act(n, 'refuse', { reason: '不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项' });
  assert.deepEqual([refused.status, refused.outcome], ['refused', '6']);

  const m = await inReview();
  await as('reviewer').act(m, 'claim');
  assert.equal(errorCode(await as('reviewer').tryAct(m, 'complete-step', { result: 'fail', opinion: '经营场所不符合要求' })), 'CASE_REASON_REQUIRED');
  const denied = await as('reviewer').act(m, 'complete-step', {
    result: 'fail',
    opinion: '经营场所与有毒有害场所距离不足',
    legalBasis: '《食品经营许可审查通则》第十三条',
  });
  assert.deepEqual([denied.status, denied.outcome], ['decided', '1']);
  const xml = await (
    await JSZip.loadAsync((await as('person').call('GET', `/api/cases/${m}/notices/decision`)).rawPayload)
  )
    .file('word/document.xml')!
    .async('string');
  assert.match(xml, /不予行政许可决定书/);
  assert.match(xml, /行政复议/);
});

test('return to the previous step, and hand a step to a colleague', async () => {
  pinToday('2025-06-10');
  const n = await inReview();
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '初审通过' });
  await as('reviewer2').act(n, 'claim');
  let c = await as('reviewer2').act(n, 'complete-step', { result: 'return', opinion: '请补充现场核查记录' });
  assert.equal(c.steps[0].status, 'active');
  assert.equal(c.steps[1].status, 'pending');
  await as('reviewer').act(n, 'claim');
  const me2 = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer2) })).json() as { user: { id: number } };
  const list = await as('reviewer').call('GET', `/api/cases/${n}/colleagues`);
  assert.equal(list.statusCode, 200, list.body);
  const names = (list.json() as { items: { id: number; displayName: string }[] }).items;
  assert.ok(
    names.some((u) => u.id === me2.user.id && u.displayName === '市场监管局 钱审批'),
    'the other reviewer is offered',
  );
  assert.ok(!names.some((u) => u.displayName.includes('supervisor')), 'only reviewers of the department');
  assert.equal((await as('person').call('GET', `/api/cases/${n}/colleagues`)).statusCode, 403);
  c = await as('reviewer').act(n, 'transfer-step', { toUserId: me2.user.id });
  assert.equal(c.steps[0].assigneeUserId, me2.user.id);
  const supervisorId = ((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.supervisor) })).json() as { user: { id: number } })
    .user.id;
  assert.equal(errorCode(await as('reviewer2').tryAct(n, 'transfer-step', { toUserId: supervisorId })), 'CASE_TRANSFER_NOT_ALLOWED');
});

test('an extension is granted once, by a permitted role, and moves the legal deadline', async () => {
  pinToday('2025-03-03');
  const n = await inReview();
  assert.equal((await as('reviewer').tryAct(n, 'extend', { reason: '需组织专家论证' })).statusCode, 403);
  const c = await as('supervisor').act(n, 'extend', { reason: '需组织专家论证' });
  assert.equal(c.clock.extended, true);
  assert.equal(c.clock.legalDeadline, '2025-04-15'); // 30 working days from 03-03, over 清明
  assert.equal(errorCode(await as('supervisor').tryAct(n, 'extend', { reason: '再次延期' })), 'CASE_EXTENSION_USED');
  const notes = (await as('person').call('GET', '/api/notifications')).json() as { items: { kind: string; body: string }[] };
  assert.match(notes.items.find((i) => i.kind === 'extension')!.body, /需组织专家论证/);
});

test('a clerk enters an application at the window for an applicant, who then sees it online', async () => {
  pinToday('2025-07-01');
  const me = (await t.app.inject({ method: 'GET', url: '/api/users?q=person', headers: bearer(tokens.admin) })).json() as { items: { id: number }[] };
  assert.ok(me.items.length);
  const { getUserIdentity } = await import('../../src/modules/accounts/index.ts');
  const identity = await getUserIdentity(t.database.db, me.items[0].id);
  const res = await as('clerk').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: { shopName: '窗口代录' }, applicant: { kind: 'person', name: identity.displayName, idNumber: identity.idNumber! } },
    idem(),
  );
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  const c = await as('person').get(n);
  assert.deepEqual([c.channel, c.visits], ['window', 1]);
  assert.equal((await as('clerk').upload(n, 'application', PDF)).statusCode, 200, 'the clerk scans the paper materials');
  const bad = await as('clerk').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: {}, applicant: { kind: 'person', name: '某人', idNumber: '110105194912310021' } },
    idem(),
  );
  assert.equal(errorCode(bad), 'CASE_APPLICANT_INVALID');
  const agent = await as('agent').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: {}, applicant: { kind: 'person', name: identity.displayName, idNumber: identity.idNumber! } },
    idem(),
  );
  assert.equal(errorCode(agent), 'MANDATE_PRINCIPAL_REQUIRED', 'an agent applies for a principal under a mandate, never for a name it types');
});

test('a case transferred to another office closes with outcome 4 and its reason', async () => {
  pinToday('2025-06-17');
  const n = await inReview();
  assert.equal((await as('reviewer').tryAct(n, 'close', { outcome: '4', reason: '' })).statusCode, 400);
  const c = await as('reviewer').act(n, 'close', { outcome: '4', reason: '属省级权限，已转报省市场监督管理局' });
  assert.deepEqual([c.status, c.outcome], ['decided', '4']);
});

test('a clerk of another region can neither enter nor touch this region’s window cases', async () => {
  pinToday('2025-07-02');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(tokens.admin), ...idem() },
    payload: { username: 'hefeiclerk', displayName: '合肥窗口', password: 'Hefei2026', roles: [{ role: 'clerk', regionCode: '340100' }] },
  });
  assert.equal(res.statusCode, 201, res.body);
  const other = caseClient(t, await t.login('hefeiclerk', 'Hefei2026'));
  const created = await other.call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: {}, applicant: { kind: 'person', name: '某人', idNumber: '11010519491231002X' } },
    idem(),
  );
  assert.equal(created.statusCode, 403);
  const own = await as('clerk').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: { shopName: 'x' }, applicant: { kind: 'person', name: '某人', idNumber: '11010519491231002X' } },
    idem(),
  );
  const n = (own.json() as { number: string }).number;
  assert.equal((await other.upload(n, 'application', PDF)).statusCode, 403);
  // A change is checked against the region of the case it locks (Actor.settle): with the right version, still refused,
  // and nothing is written.
  const before = await as('clerk').get(n);
  const attempts: [string, Record<string, unknown>][] = [
    ['refuse', { reason: '材料不符合要求', legalBasis: '《行政许可法》第三十二条' }],
    ['request-correction', { items: [{ note: '请补充营业场所证明' }] }],
  ];
  for (const [action, body] of attempts) {
    assert.equal(errorCode(await other.call('POST', `/api/cases/${n}/${action}`, { version: before.version, ...body })), 'AUTH_FORBIDDEN', action);
  }
  const after = await as('clerk').get(n);
  assert.deepEqual([after.status, after.version, after.timeline.length], [before.status, before.version, before.timeline.length]);
});

test('nobody can apply for an item that is not published', async () => {
  const res = await as('person').call('POST', '/api/cases', { implementationCode: 'NOPE-1', formData: {} }, idem());
  assert.equal(errorCode(res), 'CASE_IMPLEMENTATION_UNAVAILABLE');
  assert.equal((await as('clerk').call('POST', '/api/cases', { implementationCode: item }, {})).statusCode, 400, 'no Idempotency-Key');
});

export type { CaseView };
