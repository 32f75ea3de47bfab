import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { bearer, errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem, type CaseView } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';

// Issue 20: the item type decides the law and words of a case (a 公共服务 item is no 行政许可), and separation of
// duties: the 决定 step is not taken by the reviewer of 审查, and a rating's remedy not by whom it rates.

let t: TestApp;
let licensing: string;
let service: string;
const tokens: Record<string, string> = {};
// The steps as the demo city's guides have them: nothing said about separation, so 决定 requires it.
const steps = [
  { key: 'accept', name: '受理', role: 'clerk' as const, budgetDays: 1 },
  { key: 'review', name: '审查', role: 'reviewer' as const, budgetDays: 5 },
  { key: 'decide', name: '决定', role: 'reviewer' as const, budgetDays: 2 },
];
before(async () => {
  t = await testApp();
  licensing = await publishedItem(t, '340600-XK-9401', { steps });
  service = await publishedItem(t, '340600-GG-9402', { steps }, '20');
  for (const u of ['person', 'clerk', 'reviewer', 'admin']) tokens[u] = await t.login(u);
  const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as {
    user: { roles: { departmentId: number }[] };
  };
  for (const [username, name] of [
    ['reviewer3', '市场监管局 孙决定'],
    ['reviewer4', '市场监管局 李整改'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(tokens.admin), ...idem() },
      payload: {
        username,
        displayName: name,
        password: 'Review2026',
        roles: [{ role: 'reviewer', regionCode: '340600', departmentId: me.user.roles[0].departmentId }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    tokens[username] = await t.login(username, 'Review2026');
  }
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const as = (u: string) => caseClient(t, tokens[u]);

async function submitted(item: string, day: string): Promise<string> {
  pinToday(day);
  const res = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '类型测试' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  await as('person').upload(n, 'application', PDF);
  await as('person').call('POST', `/api/cases/${n}/materials/premises/pledge`);
  await as('person').act(n, 'submit');
  return n;
}

const view = async (u: string, n: string) => (await as(u).call('GET', `/api/cases/${n}`)).json() as CaseView;
const noticeText = async (n: string, kind: string) => {
  const res = await as('person').call('GET', `/api/cases/${n}/notices/${kind}`);
  assert.equal(res.statusCode, 200, res.body);
  return (await JSZip.loadAsync(res.rawPayload).then((z) => z.file('word/document.xml')!.async('string'))).replace(/<[^>]+>/g, '');
};

test('a 公共服务 item: no art. 32 deemed acceptance, its own words and basis, and a 不予办理通知书 — never 行政许可', async () => {
  const n = await submitted(service, '2025-03-03');
  // Ten working days later, with no word on acceptance: a 行政许可 would be accepted by law; a public service is not.
  pinToday('2025-03-17');
  let c = await view('clerk', n);
  assert.equal(c.clock.acceptedOn, null);
  assert.equal(c.clock.deemedAccepted, false);
  assert.deepEqual(
    [c.itemRules.family, c.itemRules.deemedAcceptance, c.itemRules.outcome.granted.zh, c.itemRules.outcome.denied.zh],
    ['public_service', false, '办结', '不予办理'],
  );
  assert.doesNotMatch(await noticeText(n, 'receipt'), /即为受理|行政许可/);
  await as('clerk').act(n, 'accept');
  assert.doesNotMatch(await noticeText(n, 'acceptance'), /行政许可法/);
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '材料齐全' });
  await as('reviewer3').act(n, 'claim');
  c = await as('reviewer3').act(n, 'complete-step', { result: 'fail', opinion: '非本市参保人员', legalBasis: '《中华人民共和国社会保险法》第五十八条' });
  assert.equal(c.outcome, '1');
  c = await view('person', n);
  const decision = c.notices.find((x) => x.kind === 'decision');
  assert.equal(decision?.title, '不予办理通知书');
  const text = await noticeText(n, 'decision');
  assert.match(text, /不予办理通知书/);
  assert.match(text, /决定不予办理/);
  assert.doesNotMatch(text, /行政许可/);
});

test('a 行政许可 item keeps art. 32 and the 许可 words and titles', async () => {
  const n = await submitted(licensing, '2025-03-03');
  pinToday('2025-03-17');
  const c = await view('clerk', n);
  assert.equal(c.clock.deemedAccepted, true);
  assert.equal(c.itemRules.outcome.granted.zh, '准予许可');
  assert.match(await noticeText(n, 'acceptance'), /行政许可法》第三十二条/);
});

test('separation of duties: who did 审查 may not claim, take or be handed 决定; the case says why', async () => {
  const n = await submitted(licensing, '2025-04-01');
  await as('clerk').act(n, 'accept');
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '审查通过' });
  // 决定 is active: the 审查 reviewer is barred, the other one is not.
  const mine = await view('reviewer', n);
  assert.ok(!mine.allowedActions.includes('claim'), 'the server does not offer the claim');
  assert.deepEqual(
    mine.blockedActions.map((b) => [b.action, b.code]),
    mine.blockedActions.map((b) => [b.action, 'CASE_SEPARATION_OF_DUTIES']),
  );
  assert.ok(mine.blockedActions.some((b) => b.action === 'claim' && /审查与决定分离/.test(b.message.zh)));
  assert.ok((await view('reviewer3', n)).allowedActions.includes('claim'));
  assert.equal(errorCode(await as('reviewer').tryAct(n, 'claim')), 'CASE_SEPARATION_OF_DUTIES');
  // Claimed by the other, it cannot be handed back to the 审查 reviewer.
  await as('reviewer3').act(n, 'claim');
  const reviewerId = ((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as { user: { id: number } }).user
    .id;
  assert.equal(errorCode(await as('reviewer3').tryAct(n, 'transfer-step', { toUserId: reviewerId })), 'CASE_SEPARATION_OF_DUTIES');
  const c = await as('reviewer3').act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  assert.equal(c.status, 'decided');
});

test('a step may turn separation off: the same reviewer then reviews and decides', async () => {
  const item = await publishedItem(t, '340600-XK-9403', {
    steps: [
      { key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 },
      { key: 'decide', name: '决定', role: 'reviewer', budgetDays: 2, separateDuties: false },
    ],
  });
  const n = await submitted(item, '2025-04-02');
  await as('clerk').act(n, 'accept');
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '审查通过' });
  await as('reviewer').act(n, 'claim');
  assert.equal((await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '准予' })).status, 'decided');
});

test('a bad rating’s remedy is not handled by whom it rates: refused to them, offered to a colleague', async () => {
  const n = await submitted(licensing, '2025-04-07');
  await as('clerk').act(n, 'accept');
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '审查通过' });
  await as('reviewer3').act(n, 'claim');
  await as('reviewer3').act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  await as('clerk').act(n, 'deliver', { method: 'electronic' });
  const rated = await as('person').call('POST', `/api/cases/${n}/ratings`, {
    level: '5',
    channel: '1',
    indicators: ['101'],
    comment: '太慢',
    anonymous: false,
  });
  assert.equal(rated.statusCode, 201, rated.body);
  type Listed = { id: number; caseNumber: string; version: number; ownAct: boolean; allowedActions: string[] };
  const listed = async (u: string) => ((await as(u).call('GET', '/api/remedies')).json() as { items: Listed[] }).items.find((m) => m.caseNumber === n)!;
  for (const u of ['reviewer', 'reviewer3']) {
    const m = await listed(u);
    assert.deepEqual([m.ownAct, m.allowedActions], [true, []], u);
    const res = await as(u).call('POST', `/api/remedies/${m.id}`, { action: 'classify', classification: '立行立改', version: m.version });
    assert.equal(errorCode(res), 'REMEDY_OWN_ACT', u);
    assert.equal(errorCode(await as(u).call('POST', `/api/remedies/${m.id}/appeal`, { reason: '与本人无关' })), 'REMEDY_OWN_ACT', u);
  }
  const other = await listed('reviewer4');
  assert.equal(other.ownAct, false);
  assert.ok(other.allowedActions.includes('classify'));
  const res = await as('reviewer4').call('POST', `/api/remedies/${other.id}`, { action: 'classify', classification: '立行立改', version: other.version });
  assert.equal(res.statusCode, 200, res.body);
});
