import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { companyAnswers, type MergedField } from '../../../tests/support/bundles.ts';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { deliverEvents, type JobEnv } from '../../platform/outbox.ts';
import { loadConfig } from '../../platform/config.ts';
import { logNotifier } from '../../platform/notify.ts';
import { allSubscriptions } from '../../bootstrap/jobs.ts';
import { demoAccounts } from '../../bootstrap/demo.ts';

// Applying for a bundle (一件事一次办, ADR 0036) on the full demo: 开办餐饮店 applied for once by the company, its
// member cases in their departments' queues; 食品经营许可 waits for 营业执照 and is released, with the licence, when
// 营业执照 is granted; one key, one bundle case; a suspended member files nothing; withdrawal withdraws open members.

const RESTAURANT = '340600-YJS-0001';
let t: TestApp;
const tokens: Record<string, string> = {};
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };
const as = (u: string) => caseClient(t, tokens[u]);
const db = () => t.database.db;

type Field = MergedField;
const company = demoAccounts.find((a) => a.username === 'company')!;
interface Applied {
  number: string;
  status: string;
  version: number;
  members: { key: string; number: string; status: string; waiting: boolean }[];
}
interface Detail {
  number: string;
  status: string;
  version: number;
  members: { key: string; name: string; number: string; status: string; waiting: boolean; outcome: string | null; departmentName: string }[];
  materials: { identity: string; name: string; exempt: string | null; members: string[]; supplied: string | null }[];
}

let form: Field[] = [];
let guideMembers: { key: string; departmentName: string | null; departmentId: number }[] = [];

/** Answers for the merged form as the company gives them; the sign's own fields left out (the shop has no sign). */
const answers = () => companyAnswers(form);

async function apply(body: Record<string, unknown>, headers: Record<string, string> = idem()) {
  return as('company').call('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: answers(), ...body }, headers);
}
async function detail(number: string, who = 'company'): Promise<Detail> {
  const res = await as(who).call('GET', `/api/bundle-cases/${number}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Detail;
}
const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db(), query))[0].n);

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['company', 'person', 'clerk', 'reviewer', 'admin', 'supervisor']) tokens[u] = await t.login(u);
  // Separation of duties: 决定 is another reviewer's of the market department.
  const me = (await as('reviewer').call('GET', '/api/auth/me')).json() as { grants: { departmentId: number }[] };
  const res = await as('admin').call(
    'POST',
    '/api/users',
    { username: 'decider', displayName: 'decider', password: DEMO_PASSWORD, roles: [{ role: 'reviewer', departmentId: me.grants[0].departmentId }] },
    idem(),
  );
  assert.equal(res.statusCode, 201, res.body);
  tokens.decider = await t.login('decider');
  const guide = await t.app.inject({ method: 'GET', url: `/api/bundles/${RESTAURANT}` });
  assert.equal(guide.statusCode, 200, guide.body);
  const g = guide.json() as { evaluation: { form: Field[]; members: typeof guideMembers } };
  form = g.evaluation.form;
  guideMembers = g.evaluation.members;
});
after(() => t?.close());

test('开办餐饮店 applied for once: one receipt, the member cases filed in their departments’ queues, 食品经营许可 held for 营业执照', async () => {
  const res = await apply({ submit: true });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json() as Applied;
  assert.match(body.number, /^YJ\d{20}$/);
  assert.equal(body.status, 'open');
  // No sign: the conditions leave the outdoor sign out.
  assert.deepEqual(body.members.map((m) => m.key).sort(), ['fire', 'food', 'license', 'tax']);
  const by = Object.fromEntries(body.members.map((m) => [m.key, m]));
  assert.deepEqual([by.license.status, by.license.waiting], ['submitted', false]);
  for (const k of ['food', 'fire', 'tax']) assert.deepEqual([by[k].status, by[k].waiting], ['draft', true], k);
  // Each member case is its implementation's, in its department, linked to the bundle case.
  const rows = await queryRows<{ number: string; key: string; dept: number; implDept: number; code: string; status: string; answers: Record<string, unknown> }>(
    db(),
    sql`SELECT c.number, c.bundle_member_key AS key, c.department_id::int AS dept, i.department_id::int AS "implDept", i.code, c.status, c.form_data AS answers
        FROM service_case c JOIN implementation i ON i.id = c.implementation_id
        WHERE c.bundle_case_id = (SELECT id FROM bundle_case WHERE number = ${body.number}) ORDER BY c.id`,
  );
  assert.equal(rows.length, 4);
  for (const r of rows) {
    assert.equal(r.dept, r.implDept, `${r.key} is in its department's queue`);
    assert.equal(r.dept, guideMembers.find((m) => m.key === r.key)!.departmentId);
  }
  assert.ok(new Set(rows.map((r) => r.dept)).size >= 3, 'market, fire and tax departments each get their member');
  // The answers were mapped from the merged form: one 企业名称 for 营业执照 and 食品经营许可.
  const lic = rows.find((r) => r.key === 'license')!;
  const food = rows.find((r) => r.key === 'food')!;
  assert.equal(lic.answers.companyName, company.displayName);
  assert.equal(food.answers.entityName, company.displayName);
  assert.equal(food.answers.phone, '13800138000');
  // The window clerks of the region were told of the submitted member (their bell); the held ones are nobody's yet.
  const told = await queryRows<{ title: string; body: string }>(
    db(),
    sql`SELECT n.title, n.body FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'clerk' AND n.body LIKE ${'%' + by.license.number + '%'}`,
  );
  assert.equal(told.length, 1);
  assert.ok(told[0].body.includes(body.number), 'the notice names the bundle');
  const heldTold = await count(sql`SELECT count(*)::int AS n FROM notification WHERE body LIKE ${'%' + by.food.number + '%'}`);
  assert.equal(heldTold, 0);
  const seen = await as('clerk').call('GET', `/api/cases/${by.license.number}`);
  assert.equal(seen.statusCode, 200, seen.body);
  const held = await as('company').call('POST', `/api/cases/${by.food.number}/submit`, { version: 1 });
  assert.equal(held.statusCode, 409, held.body);
  assert.equal(errorCode(held), 'CASE_BUNDLE_WAITING');
  // The applicant sees it as one thing; it is listed among my bundles, not the person's.
  const d = await detail(body.number);
  assert.equal(d.members.find((m) => m.key === 'food')!.name.length > 0, true);
  assert.equal(d.members.find((m) => m.key === 'license')!.status, 'submitted');
  const mine = (await as('company').call('GET', '/api/bundle-cases/mine')).json() as { items: { number: string }[] };
  assert.ok(mine.items.some((i) => i.number === body.number));
  const theirs = (await as('person').call('GET', '/api/bundle-cases/mine')).json() as { items: { number: string }[] };
  assert.ok(!theirs.items.some((i) => i.number === body.number));
  assert.equal((await as('person').call('GET', `/api/bundle-cases/${body.number}`)).statusCode, 403);
});

test('two submissions with one key file one bundle case; the key with another request is refused', async () => {
  const headers = idem();
  const before = await count(sql`SELECT count(*)::int AS n FROM service_case WHERE bundle_case_id IS NOT NULL`);
  const [a, b] = await Promise.all([apply({ submit: true }, headers), apply({ submit: true }, headers)]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 201], `${a.body} ${b.body}`);
  assert.equal((a.json() as Applied).number, (b.json() as Applied).number);
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM bundle_case WHERE number = ${(a.json() as Applied).number}`), 1);
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM service_case WHERE bundle_case_id IS NOT NULL`), before + 4);
  const other = await as('company').call('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: { ...answers(), hasSign: true } }, headers);
  assert.equal(errorCode(other), 'IDEMPOTENCY_KEY_REUSED');
});

test('a member whose implementation is suspended files nothing, and the error names it', async () => {
  const cases = await count(sql`SELECT count(*)::int AS n FROM service_case`);
  const bundles = await count(sql`SELECT count(*)::int AS n FROM bundle_case`);
  const headers = idem();
  await db().execute(sql`UPDATE implementation SET status = 'suspended' WHERE code = '340600-QT-0003'`);
  try {
    const res = await apply({ submit: true }, headers);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(errorCode(res), 'CASE_BUNDLE_MEMBER_UNAVAILABLE');
    assert.deepEqual((res.json() as { details: { member: string } }).details.member, 'tax');
  } finally {
    await db().execute(sql`UPDATE implementation SET status = 'published' WHERE code = '340600-QT-0003'`);
  }
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM service_case`), cases, 'no member case');
  assert.equal(await count(sql`SELECT count(*)::int AS n FROM bundle_case`), bundles, 'no bundle case');
  // The key was not used up: the same application goes through once the member is back.
  const again = await apply({ submit: true }, headers);
  assert.equal(again.statusCode, 201, again.body);
  assert.equal((again.json() as Applied).members.length, 4);
});

test('one set of materials, one submission; 食品经营许可 waits for 营业执照 and is released with it when it is granted', async () => {
  const res = await apply({});
  assert.equal(res.statusCode, 201, res.body);
  const applied = res.json() as Applied;
  assert.equal(applied.status, 'draft');
  const by = Object.fromEntries(applied.members.map((m) => [m.key, m.number]));
  let d = await detail(applied.number);
  // Each merged material once; the 营业执照 the food licence asks for comes from upstream (免提交).
  const businessLicense = d.materials.find((m) => m.identity.startsWith('license:') && m.members.includes('food') && m.exempt === 'upstream');
  assert.ok(businessLicense, JSON.stringify(d.materials));
  const toSupply = d.materials.filter((m) => m.exempt !== 'upstream');
  for (const m of toSupply) {
    const up = await as('company').call('PUT', `/api/bundle-cases/${applied.number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF, {
      'content-type': 'application/octet-stream',
    });
    assert.equal(up.statusCode, 200, `${m.identity}: ${up.body}`);
  }
  d = await detail(applied.number);
  for (const m of toSupply) assert.equal(d.materials.find((x) => x.identity === m.identity)!.supplied, 'upload', m.identity);
  // A material shared by several members was stored once and given to each.
  const shared = toSupply.find((m) => m.members.length > 1);
  if (shared) {
    const digests = await queryRows<{ digest: string }>(
      db(),
      sql`SELECT DISTINCT m.file_digest AS digest FROM case_material m JOIN service_case c ON c.id = m.case_id
          WHERE c.bundle_case_id = (SELECT id FROM bundle_case WHERE number = ${applied.number}) AND c.bundle_member_key = ANY(${`{${shared.members.join(',')}}`}::text[])`,
    );
    assert.equal(digests.length, 1);
  }
  const submitted = await as('company').call('POST', `/api/bundle-cases/${applied.number}/submit`, { version: d.version });
  assert.equal(submitted.statusCode, 200, submitted.body);
  d = await detail(applied.number);
  assert.equal(d.status, 'open');
  const status = (k: string) => d.members.find((m) => m.key === k)!;
  assert.equal(status('license').status, 'submitted');
  assert.deepEqual([status('food').status, status('food').waiting], ['draft', true]);

  // The department's reviewer sees its member case and the bundle context, not the bundle case itself.
  const context = await as('reviewer').call('GET', `/api/bundle-cases/by-member/${by.food}`);
  assert.equal(context.statusCode, 200, context.body);
  const ctx = context.json() as { bundleNumber: string; bundleName: string; members: { key: string; isThisCase: boolean; status: string }[] };
  assert.equal(ctx.bundleName, '开办餐饮店');
  assert.ok(ctx.members.find((m) => m.key === 'food')!.isThisCase);
  assert.ok(!context.body.includes(by.license), 'no other member’s case number');
  assert.equal((await as('reviewer').call('GET', `/api/bundle-cases/${applied.number}`)).statusCode, 403);

  // 营业执照: accepted at the window, reviewed and granted by two reviewers of the market department.
  await as('clerk').act(by.license, 'accept');
  for (const [who, opinion] of [
    ['reviewer', '审查通过'],
    ['decider', '准予登记'],
  ]) {
    await as(who).act(by.license, 'claim');
    await as(who).act(by.license, 'complete-step', { result: 'pass', opinion });
  }
  assert.equal((await as('company').get(by.license)).status, 'decided');
  // Until the event is delivered, 食品经营许可 still waits.
  assert.equal((await as('company').get(by.food)).status, 'draft');
  await deliverEvents(t.database.db, allSubscriptions, env);
  const decided = await queryRows<{ status: string; payload: { number: string; licenses: string[] } }>(
    db(),
    sql`SELECT status, payload FROM outbox_event WHERE name = 'cases.decided' AND payload->>'number' = ${by.license}`,
  );
  assert.equal(decided.length, 1, 'one event for the decision');
  assert.equal(decided[0].status, 'done');
  assert.equal(decided[0].payload.licenses.length, 1, 'the 营业执照 issued with it');
  const food = await as('company').get(by.food);
  assert.equal(food.status, 'submitted');
  // The 营业执照 issued upstream is attached to the food licence's material of its type (免提交).
  const attached = await queryRows<{ mode: string; ref: string | null }>(
    db(),
    sql`SELECT m.mode, m.license_ref AS ref FROM case_material m JOIN service_case c ON c.id = m.case_id WHERE c.number = ${by.food} AND m.mode = 'license'`,
  );
  assert.equal(attached.length, 1, 'the business licence, attached');
  assert.ok(attached[0].ref);
  const events = await queryRows<{ type: string }>(
    db(),
    sql`SELECT e.type FROM case_event e JOIN service_case c ON c.id = e.case_id WHERE c.number = ${by.food} ORDER BY e.id`,
  );
  assert.deepEqual(
    events.map((e) => e.type),
    ['created', 'bundle_released', 'submitted'],
  );
  d = await detail(applied.number);
  assert.equal(d.members.find((m) => m.key === 'license')!.outcome, '0');
  for (const k of ['food', 'fire', 'tax']) assert.equal(d.members.find((m) => m.key === k)!.waiting, false, k);
  // Delivered once: a repeat changes nothing.
  await deliverEvents(t.database.db, allSubscriptions, env);
  const again = await queryRows<{ type: string }>(
    db(),
    sql`SELECT e.type FROM case_event e JOIN service_case c ON c.id = e.case_id WHERE c.number = ${by.food}`,
  );
  assert.equal(again.length, events.length);
});

test('withdrawing the bundle withdraws its open members, once', async () => {
  const res = await apply({ submit: true });
  assert.equal(res.statusCode, 201, res.body);
  const applied = res.json() as Applied;
  const stale = await as('company').call('POST', `/api/bundle-cases/${applied.number}/withdraw`, { version: 99, reason: '不开了' });
  assert.equal(errorCode(stale), 'BUNDLE_CASE_VERSION_CONFLICT');
  const notMine = await as('person').call('POST', `/api/bundle-cases/${applied.number}/withdraw`, { version: 1, reason: '不开了' });
  assert.equal(notMine.statusCode, 403);
  const w = await as('company').call('POST', `/api/bundle-cases/${applied.number}/withdraw`, { version: 1, reason: '不开了' });
  assert.equal(w.statusCode, 200, w.body);
  assert.deepEqual((w.json() as { withdrawn: string[] }).withdrawn.sort(), applied.members.map((m) => m.number).sort());
  const d = await detail(applied.number);
  assert.equal(d.status, 'withdrawn');
  for (const m of d.members) assert.deepEqual([m.status, m.waiting], ['withdrawn', false], m.key);
  const again = await as('company').call('POST', `/api/bundle-cases/${applied.number}/withdraw`, { version: d.version, reason: '不开了' });
  assert.equal(errorCode(again), 'BUNDLE_CASE_ILLEGAL_TRANSITION');
  const audits = await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${applied.number} AND action = 'bundle-case.withdraw'`);
  assert.equal(audits, 1);
});

test('bad input: an unknown field, an unknown bundle, a bad receipt number are refused with stable codes', async () => {
  const unknown = await as('company').call('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: { ...answers(), shopNam: 'x' } }, idem());
  assert.equal(errorCode(unknown), 'BUNDLE_ANSWERS_INVALID');
  const none = await as('company').call('POST', '/api/bundle-cases', { bundleCode: 'NO-SUCH', answers: {} }, idem());
  assert.equal(errorCode(none), 'BUNDLE_NOT_FOUND');
  const noKey = await as('company').call('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: answers() });
  assert.equal(errorCode(noKey), 'IDEMPOTENCY_KEY_REQUIRED');
  assert.equal((await as('company').call('GET', '/api/bundle-cases/YJ123')).statusCode, 400);
  const reviewer = await as('reviewer').call('POST', '/api/bundle-cases', { bundleCode: RESTAURANT, answers: answers() }, idem());
  assert.equal(reviewer.statusCode, 403);
});
