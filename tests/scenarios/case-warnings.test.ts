import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { runWarningSweep } from '../../src/modules/cases/index.ts';
import type { OutboundMessage } from '../../src/platform/notify.ts';
import { deliverNow } from '../../src/bootstrap/jobs.ts';

let t: TestApp;
let number: string;
const sent: OutboundMessage[] = [];
const notifier = { send: async (m: OutboundMessage) => void sent.push(m) };

before(async () => {
  t = await testApp();
  const item = await publishedItem(t, '340600-XK-9101');
  pinToday('2025-03-03');
  const person = caseClient(t, await t.login('person'));
  const res = await person.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '预警测试' } }, idem());
  number = (res.json() as { number: string }).number;
  await person.upload(number, 'application', PDF);
  await person.call('POST', `/api/cases/${number}/materials/premises/pledge`);
  const draft = await person.get(number);
  await person.call('PUT', `/api/cases/${number}/draft`, { version: draft.version, formData: { shopName: '预警测试' }, contactPhone: '13905611234' });
  await person.act(number, 'submit');
  await caseClient(t, await t.login('clerk')).act(number, 'accept');
});
after(async () => {
  pinToday(null);
  await t?.close();
});

async function notificationsFor(kind: string) {
  return queryRows<{ username: string }>(
    t.database.db,
    sql`SELECT u.username FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = ${kind} ORDER BY u.username`,
  );
}

test('no warning while time remains; amber notifies the department and supervisors once, even with two sweeps at once', async () => {
  pinToday('2025-03-05');
  await runWarningSweep(t.database.db, { recheckMinutes: 0 });
  assert.equal((await notificationsFor('warning_amber')).length, 0);
  pinToday('2025-03-14'); // deadline 03-17: two working days left
  const [a, b] = await Promise.all([runWarningSweep(t.database.db, { recheckMinutes: 0 }), runWarningSweep(t.database.db, { recheckMinutes: 0 })]);
  assert.equal(a.notified + b.notified, 1, 'two sweeps never notify twice');
  assert.deepEqual(
    (await notificationsFor('warning_amber')).map((r) => r.username),
    ['reviewer', 'supervisor'],
  );
  await runWarningSweep(t.database.db, { recheckMinutes: 0 });
  assert.equal((await notificationsFor('warning_amber')).length, 2, 'the same level is not notified again');
});

test('red when overdue: notified, and the applicant gets an SMS through the adapter', async () => {
  pinToday('2025-03-18');
  const result = await runWarningSweep(t.database.db, { recheckMinutes: 0 });
  assert.equal(result.notified, 1);
  assert.deepEqual(
    (await notificationsFor('warning_red')).map((r) => r.username),
    ['reviewer', 'supervisor'],
  );
  assert.equal(sent.length, 0, 'the SMS waits in the outbox for the job runner');
  const [d1, d2] = await Promise.all([deliverNow(t.database.db, notifier, t.config), deliverNow(t.database.db, notifier, t.config)]);
  assert.equal(d1.delivered + d2.delivered, 1, 'two runners deliver it once');
  assert.equal(sent.length, 1);
  assert.deepEqual([sent[0].channel, sent[0].to], ['sms', '13905611234']);
  const supervision = (await caseClient(t, await t.login('supervisor')).call('GET', '/api/cases/supervision')).json() as {
    departments: { department: string; red: number }[];
    cases: { number: string; clock: { warning: string } }[];
  };
  assert.deepEqual(
    supervision.departments.map((d) => [d.department, d.red]),
    [['淮北市市场监督管理局', 1]],
  );
  assert.equal(supervision.cases[0].number, number);
});

test('the review queue puts red cases first', async () => {
  const reviewer = caseClient(t, await t.login('reviewer'));
  const queue = (await reviewer.call('GET', '/api/cases/queue?kind=review')).json() as { items: { number: string; clock: { warning: string } }[] };
  assert.equal(queue.items[0].number, number);
  assert.equal(queue.items[0].clock.warning, 'red');
  const clerkQueue = await caseClient(t, await t.login('clerk')).call('GET', '/api/cases/queue?kind=review');
  assert.equal(clerkQueue.statusCode, 403);
});

test('queues show the active step and who holds it', async () => {
  const reviewer = caseClient(t, await t.login('reviewer'));
  const queue = (await reviewer.call('GET', '/api/cases/queue?kind=review')).json() as {
    items: { number: string; currentStep: string | null; assigneeUserId: number | null }[];
  };
  const item = queue.items.find((i) => i.number === number)!;
  assert.equal(item.currentStep, '审查');
  assert.equal(item.assigneeUserId, null);
  const filtered = (await reviewer.call('GET', `/api/cases/queue?kind=review&step=${encodeURIComponent('审查')}`)).json() as { items: unknown[] };
  assert.ok(filtered.items.length >= 1);
});
