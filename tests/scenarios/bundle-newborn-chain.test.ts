import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF } from '../support/cases.ts';
import { sampleAnswer, type MergedField } from '../support/bundles.ts';
import { deliverEvents, type JobEnv } from '../../src/platform/outbox.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { logNotifier } from '../../src/platform/notify.ts';
import { allSubscriptions } from '../../src/bootstrap/jobs.ts';

// 新生儿出生 as a chain on the full demo (issue 21), the whole of it through the API: 出生医学证明 → 户口登记 →
// 医保参保 / 社保卡. Applied once by the person with one set of materials, accepted once at the window; each link is
// released (submitted into its department's queue) only when the one before it is granted, with what it produced
// flowed in; the last two are released side by side; when every link is granted the bundle case is ready to deliver.

const NEWBORN = '340600-YJS-0002';
let t: TestApp;
const tokens: Record<string, string> = {};
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };
const as = (u: string) => caseClient(t, tokens[u]);

type Field = Pick<MergedField, 'key' | 'schema'>;
interface Member {
  key: string;
  number: string;
  status: string;
  waiting: boolean;
}
interface Detail {
  number: string;
  status: string;
  version: number;
  members: Member[];
  materials: { identity: string; exempt: string | null }[];
  window: { stage: string };
}

/** The person's answers: the first choice, a number above the minimum, a date, a phone, an ID, the baby's name. */
function answers(form: Field[]): Record<string, unknown> {
  const values = { date: '2026-03-10', mobile: '13912345678', text: '张小宝', aboveMinimum: 1 };
  return Object.fromEntries(form.map((f) => [f.key, sampleAnswer(f.schema, values)]).filter(([, v]) => v !== undefined));
}

const STAFF = ['health', 'police', 'medical', 'hrss'];
before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['person', 'clerk', ...STAFF.flatMap((d) => [`${d}.reviewer`, `${d}.lead`])]) tokens[u] = await t.login(u);
});
after(() => t?.close());

async function detail(number: string): Promise<Detail> {
  const res = await as('person').call('GET', `/api/bundle-cases/${number}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Detail;
}
const byKey = (d: Detail) => Object.fromEntries(d.members.map((m) => [m.key, m]));

/** A member case granted: 审查 and 决定 by two people of its department, as many steps as it has. */
async function grant(dept: string, number: string) {
  for (let step = 0; step < 6; step++) {
    const who = as(step % 2 ? `${dept}.lead` : `${dept}.reviewer`);
    if ((await who.get(number)).status !== 'in_review') break;
    await who.act(number, 'claim');
    await who.act(number, 'complete-step', { result: 'pass', opinion: step % 2 ? '准予' : '通过' });
  }
  assert.equal((await as(`${dept}.reviewer`).get(number)).status, 'decided', `${dept} ${number}`);
  await deliverEvents(t.database.db, allSubscriptions, env);
}

test('新生儿出生 runs as a chain to its last links: each released when the one before it is granted, the last two side by side', async () => {
  const guide = (await t.app.inject({ method: 'GET', url: `/api/bundles/${NEWBORN}` })).json() as { evaluation: { form: Field[] } };
  const applied = await as('person').call('POST', '/api/bundle-cases', { bundleCode: NEWBORN, answers: answers(guide.evaluation.form) }, idem());
  assert.equal(applied.statusCode, 201, applied.body);
  const { number } = applied.json() as { number: string };
  // One set of materials (those flowing from upstream are not asked for), one submission, one acceptance.
  const draft = await detail(number);
  for (const m of draft.materials.filter((x) => x.exempt !== 'upstream')) {
    const res = await as('person').call('PUT', `/api/bundle-cases/${number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF, {
      'content-type': 'application/pdf',
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  const submitted = await as('person').call('POST', `/api/bundle-cases/${number}/submit`, { version: (await detail(number)).version });
  assert.equal(submitted.statusCode, 200, submitted.body);
  const accepted = await as('clerk').call('POST', `/api/bundle-cases/${number}/accept`, { version: (await detail(number)).version });
  assert.equal(accepted.statusCode, 200, accepted.body);

  let m = byKey(await detail(number));
  assert.deepEqual(
    ['birth', 'hukou', 'medical', 'card'].map((k) => [k, m[k].waiting]),
    [
      ['birth', false],
      ['hukou', true],
      ['medical', true],
      ['card', true],
    ],
  );

  // The first link: 户口登记 is released with the 出生医学证明 flowed in; the last two still wait.
  await grant('health', m.birth.number);
  m = byKey(await detail(number));
  assert.equal(m.hukou.waiting, false);
  assert.equal((await as('person').get(m.hukou.number)).materials.find((x) => x.key === 'birth_cert')?.mode, 'license');
  assert.deepEqual([m.medical.waiting, m.card.waiting], [true, true]);

  // The second link: 医保参保 and 社保卡 are released together, each in its own department's queue.
  await grant('police', m.hukou.number);
  m = byKey(await detail(number));
  for (const k of ['medical', 'card']) {
    assert.equal(m[k].waiting, false, k);
    assert.ok(['submitted', 'in_review'].includes((await as('person').get(m[k].number)).status), k);
  }

  // The last two granted: every link decided, the bundle case waits for its one delivery.
  await grant('medical', m.medical.number);
  await grant('hrss', m.card.number);
  const done = await detail(number);
  assert.ok(
    done.members.every((x) => x.status === 'decided'),
    JSON.stringify(done.members),
  );
  assert.equal(done.window.stage, 'delivery');
});
