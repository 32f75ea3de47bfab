// The demo city at work (issue 20): every department that has items has a reviewer and a lead, and after the demo
// activity every role lands on something to do — the window's queue, each department's review queue, a remedy, an
// appeal, licences in the wallet, cases in every state for the applicant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApp, type TestApp } from '../support/app.ts';
import { demoStaff, seedDemoActivity, seedDemoStaff } from '../../src/bootstrap/demo-activity.ts';

let t: TestApp;
before(async () => {
  t = await testApp({ demo: 'full', config: { loginRateLimit: 0 } }); // ~40 accounts sign in
  assert.equal(await seedDemoStaff(t.database.db), 0, 'the full template has the staff already');
  await seedDemoActivity(t.app, t.database.db);
});
after(() => t.close());

const get = async <T>(username: string, url: string): Promise<T> => {
  const res = await t.app.inject({ method: 'GET', url, headers: bearer(await t.login(username)) });
  assert.equal(res.statusCode, 200, `${username} ${url}: ${res.body}`);
  return res.json() as T;
};

test('every department that publishes items has a reviewer with a case waiting in its review queue', async () => {
  for (const s of demoStaff()) {
    const q = await get<{ items: unknown[] }>(s.reviewer, '/api/cases/queue?kind=review');
    assert.ok(q.items.length > 0, `${s.reviewer} has nothing to review`);
    const lead = await get<{ items: unknown[] }>(s.lead, '/api/cases/queue?kind=review');
    assert.ok(lead.items.length > 0, `${s.lead} sees no queue`);
  }
});

test('the window has a case to accept; the applicant has cases in every state', async () => {
  const window = await get<{ items: unknown[] }>('clerk', '/api/cases/queue?kind=acceptance');
  assert.ok(window.items.length > 0);
  const statuses = new Set<string>();
  for (const who of ['person', 'company']) for (const c of (await get<{ items: { status: string }[] }>(who, '/api/cases/mine')).items) statuses.add(c.status);
  for (const s of ['draft', 'submitted', 'correction_requested', 'in_review', 'decided', 'delivered', 'refused', 'withdrawn'])
    assert.ok(statuses.has(s), `no demo case is ${s} (have ${[...statuses].join(', ')})`);
});

test('a licence is in the company wallet, a remedy is open for the market department and an appeal waits for the supervisor', async () => {
  const wallet = await get<{ items: unknown[] }>('company', '/api/licenses/mine');
  assert.ok(wallet.items.length > 0);
  const remedies = await get<{ items: { status: string }[] }>('reviewer', '/api/remedies');
  assert.ok(remedies.items.length >= 2);
  const appeals = await get<{ items: unknown[] }>('supervisor', '/api/rating-appeals');
  assert.ok(appeals.items.length > 0);
});

test('the pledge counts are non-zero and add up: verified, found false and revoked, false awaiting the lead, proofs that accept pledges', async () => {
  type Counts = Record<string, number>;
  const { counts, departments } = await get<{ counts: Counts; departments: ({ department: string } & Counts)[] }>('supervisor', '/api/pledge-checks/summary');
  // Proofs that the published demo guides let an applicant replace by a pledge, across several departments.
  assert.ok(counts.pledgeableProofs >= 10, `pledgeable proofs: ${counts.pledgeableProofs}`);
  assert.ok(departments.filter((d) => d.pledgeableProofs > 0).length >= 5);
  assert.ok(counts.pledgedMaterials >= 4 && counts.checks >= 4, JSON.stringify(counts));
  assert.ok(counts.verified >= 1 && counts.false >= 2 && counts.revoked >= 1 && counts.awaitingDecision >= 1 && counts.records >= 1, JSON.stringify(counts));
  assert.equal(counts.done, counts.verified + counts.false);
  assert.equal(counts.due + counts.overdue, counts.open);
  assert.equal(counts.records, counts.revoked + counts.kept);
  // The lead has a false pledge to decide on; the reviewer who found it may not.
  const lead = await get<{ items: { awaitingDecision: boolean; mayDecide: boolean }[] }>('market.lead', '/api/pledge-checks?awaitingDecision=true');
  assert.ok(lead.items.some((i) => i.mayDecide));
  const checker = await get<{ items: { awaitingDecision: boolean; mayDecide: boolean }[] }>('reviewer', '/api/pledge-checks?awaitingDecision=true');
  assert.ok(checker.items.length > 0 && checker.items.every((i) => !i.mayDecide));
});

test('the activity runs once: a second run adds no case', async () => {
  assert.deepEqual(await seedDemoActivity(t.app, t.database.db), { cases: 0 });
});
