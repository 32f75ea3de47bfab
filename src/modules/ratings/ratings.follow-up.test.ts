// The follow-up call (回访) of a bad rating has no default, an anonymous rater cannot be called (无法回访, counted
// apart), and 非常不满意 names what went wrong (issue 20).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { today } from '../../platform/clock.ts';

let t: TestApp;
let item = '';
const tokens: Record<string, string> = {};
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9601');
  for (const u of ['person', 'clerk', 'reviewer', 'admin']) tokens[u] = await t.login(u);
  // Separation of duties: the decision is another reviewer's, and the remedy a third's (nobody remedies their own act).
  const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${tokens.reviewer}` } })).json() as {
    grants: { regionCode: string; departmentId: number }[];
  };
  for (const username of ['decider', 'remedier']) {
    const res = await as('admin').call(
      'POST',
      '/api/users',
      { username, displayName: username, password: DEMO_PASSWORD, roles: [{ role: 'reviewer', departmentId: me.grants[0].departmentId }] },
      idem(),
    );
    assert.equal(res.statusCode, 201, res.body);
    tokens[username] = await t.login(username);
  }
});
after(async () => {
  await t?.close();
});

const as = (u: string) => caseClient(t, tokens[u]);

async function deliveredCase(): Promise<string> {
  const res = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '回访测试' } }, idem());
  const n = (res.json() as { number: string }).number;
  await as('person').upload(n, 'application', PDF);
  await as('person').call('POST', `/api/cases/${n}/materials/premises/pledge`);
  await as('person').act(n, 'submit');
  await as('clerk').act(n, 'accept');
  for (const [reviewer, opinion] of [
    ['reviewer', '通过'],
    ['decider', '准予'],
  ]) {
    await as(reviewer).act(n, 'claim');
    await as(reviewer).act(n, 'complete-step', { result: 'pass', opinion });
  }
  await as('clerk').act(n, 'deliver', { method: 'electronic' });
  return n;
}

async function badRating(n: string, anonymous: boolean): Promise<number> {
  const res = await as('person').call('POST', `/api/cases/${n}/ratings`, { level: '4', channel: '1', indicators: ['101'], comment: '太慢', anonymous });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { remedyId: number }).remedyId;
}

async function followUp(remedyId: number, answer?: string) {
  const listed = (await as('remedier').call('GET', '/api/remedies')).json() as { items: { id: number; version: number }[] };
  const version = listed.items.find((m) => m.id === remedyId)!.version;
  return as('remedier').call('POST', `/api/remedies/${remedyId}`, { action: 'follow-up', note: '电话回访', ...(answer ? { answer } : {}), version });
}

test('非常不满意 needs at least one indicator', async () => {
  const n = await deliveredCase();
  const res = await as('person').call('POST', `/api/cases/${n}/ratings`, { level: '5', channel: '1', indicators: [] });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'RATING_INDICATOR_REQUIRED');
  const ok = await as('person').call('POST', `/api/cases/${n}/ratings`, { level: '5', channel: '1', indicators: ['103'] });
  assert.equal(ok.statusCode, 201, ok.body);
});

test('the follow-up answer has no default; an anonymous rater is 无法回访, and the public figures count it apart', async () => {
  const named = await badRating(await deliveredCase(), false);
  const anonymous = await badRating(await deliveredCase(), true);

  assert.equal(errorCode(await followUp(named)), 'VALIDATION_FAILED', 'no answer, no follow-up: nothing is assumed');
  const claimed = await followUp(anonymous, 'satisfied');
  assert.equal(claimed.statusCode, 400);
  assert.equal(errorCode(claimed), 'REMEDY_FOLLOW_UP_ANONYMOUS');
  const unreachable = await followUp(anonymous, 'unreachable');
  assert.equal(unreachable.statusCode, 200, unreachable.body);
  assert.equal((unreachable.json() as { followUpAnswer: string }).followUpAnswer, 'unreachable');
  assert.equal((await followUp(named, 'satisfied')).statusCode, 200);

  const month = today().slice(0, 7);
  const published = (await t.app.inject({ method: 'GET', url: `/api/ratings/public?month=${month}` })).json() as {
    items: { label: string; badRatings: number; followUpRate: number | null; followUpUnreachable: number }[];
  };
  const dept = published.items.find((i) => i.badRatings >= 2)!;
  assert.ok(dept, JSON.stringify(published));
  // Two bad ratings, one rater reached, one anonymous: 50 %, never 100 % from an assumed answer.
  assert.equal(dept.followUpUnreachable, 1);
  assert.equal(dept.followUpRate, Math.round((1 / dept.badRatings) * 10000) / 100);
  assert.notEqual(dept.followUpRate, 100);
});
