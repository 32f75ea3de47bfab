import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { companyAnswers, type MergedField } from '../../../tests/support/bundles.ts';
import { sql } from 'drizzle-orm';
import { errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { deliverEvents, type JobEnv } from '../../platform/outbox.ts';
import { loadConfig } from '../../platform/config.ts';
import { logNotifier } from '../../platform/notify.ts';
import { allSubscriptions } from '../../bootstrap/jobs.ts';
import { demoIdentity } from '../../bootstrap/demo.ts';
import { BUNDLES } from '../../bootstrap/demo-catalog/index.ts';

// The bundle case at the general window, once for all its members (ADR 0037), on the full demo: 开办餐饮店 told to
// correct once and answered once, accepted once (members released later are accepted with it), handled by each
// department, delivered once and rated once — the rating reaching every member department; a denied member holds
// its dependants as the definition says; a refusal refuses the whole.

const RESTAURANT = '340600-YJS-0001';
let t: TestApp;
const tokens: Record<string, string> = {};
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };
const as = (u: string) => caseClient(t, tokens[u]);
const db = () => t.database.db;

type Field = MergedField;
interface Window {
  stage: string;
  acceptedOn: string | null;
  correction: { items: { member: string; memberName: string; note: string }[] } | null;
  partialOutcomes: { member: string; policy: string; held: string[]; withdrawn: string[]; continued: string[] }[];
  delivery: { method: string; members: string[] } | null;
  rating: { level: string; members: string[] } | null;
  clock: { expectedFinish: string | null; path: string[]; warning: string; onMemberRefused: string };
  memberClocks: { key: string; deadline: string | null; warning: string }[];
  correctionTargets: { member: string; materials: { key: string }[]; fields: { key: string }[] }[];
  mayAccept: boolean;
  mayDeliver: boolean;
  mayResubmit: boolean;
  mayRate: boolean;
}
interface Detail {
  number: string;
  status: string;
  version: number;
  members: { key: string; number: string; status: string; waiting: boolean; outcome: string | null; departmentId: number }[];
  materials: { identity: string; name: string; exempt: string | null; members: string[] }[];
  window: Window;
}

let form: Field[] = [];

const answers = () => companyAnswers(form);

async function detail(number: string, who = 'company'): Promise<Detail> {
  const res = await as(who).call('GET', `/api/bundle-cases/${number}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Detail;
}

/** Applies for 开办餐饮店 as a draft, supplies each merged material once and submits it once. */
async function applied(bundleCode = RESTAURANT): Promise<Detail> {
  const res = await as('company').call('POST', '/api/bundle-cases', { bundleCode, answers: answers() }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const number = (res.json() as { number: string }).number;
  let d = await detail(number);
  for (const m of d.materials.filter((x) => x.exempt !== 'upstream')) {
    const up = await as('company').call('PUT', `/api/bundle-cases/${number}/materials?identity=${encodeURIComponent(m.identity)}&fileName=m.pdf`, PDF, {
      'content-type': 'application/octet-stream',
    });
    assert.equal(up.statusCode, 200, up.body);
  }
  d = await detail(number);
  const s = await as('company').call('POST', `/api/bundle-cases/${number}/submit`, { version: d.version });
  assert.equal(s.statusCode, 200, s.body);
  return detail(number);
}

/** Takes every step of a member case in review: the first of the pair, or the second where separation of duties bars the first. */
async function handle(number: string, pair: [string, string], result: 'pass' | 'fail' = 'pass') {
  for (let step = 0; step < 8; step++) {
    const c = await as(pair[0]).get(number);
    if (c.status !== 'in_review') return;
    let done = false;
    for (const who of pair) {
      const claim = await as(who).tryAct(number, 'claim');
      if (claim.statusCode !== 200) continue;
      await as(who).act(
        number,
        'complete-step',
        result === 'fail' ? { result: 'fail', opinion: '不符合条件', legalBasis: '《食品安全法》第35条' } : { result: 'pass', opinion: '同意' },
      );
      done = true;
      break;
    }
    assert.ok(done, `someone of ${pair.join('/')} takes the step of ${number}`);
  }
}

const notices = async (username: string, title: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        db(),
        sql`SELECT count(*)::int AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = ${username} AND n.title = ${title}`,
      )
    )[0].n,
  );
const audits = async (number: string, action: string) =>
  Number((await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${number} AND action = ${action}`))[0].n);

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['company', 'person', 'clerk', 'reviewer', 'market.lead', 'fire.reviewer', 'fire.lead', 'tax.reviewer', 'tax.lead', 'supervisor', 'admin'])
    tokens[u] = await t.login(u);
  const guide = await t.app.inject({ method: 'GET', url: `/api/bundles/${RESTAURANT}` });
  form = (guide.json() as { evaluation: { form: Field[] } }).evaluation.form;
});
after(() => t?.close());

test('开办餐饮店 once at the window: one notice, one answer, one acceptance, each department decides, one delivery, one rating', async () => {
  let d = await applied();
  const n = d.number;
  const by = Object.fromEntries(d.members.map((m) => [m.key, m.number]));
  assert.equal(d.window.stage, 'acceptance');
  // The window's queue of its region lists it to accept; the applicant cannot accept.
  const queue = await as('clerk').call('GET', '/api/bundle-cases/window?stage=acceptance');
  assert.equal(queue.statusCode, 200, queue.body);
  assert.ok((queue.json() as { items: { number: string; applicantIdNumberMasked: string }[] }).items.some((i) => i.number === n));
  assert.ok(!queue.body.includes(demoIdentity('company').idNumber!), 'the applicant’s USCC is masked in the queue');
  assert.equal((await as('company').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version })).statusCode, 403);

  // 一次性告知: the waiting members are nobody's yet; the notice lists the 营业执照's items, once.
  const clerkView = await detail(n, 'clerk');
  assert.ok(clerkView.window.mayAccept);
  const targets = clerkView.window.correctionTargets.find((x) => x.member === 'license')!;
  assert.ok(targets.materials.length > 0 && targets.fields.length > 0);
  const wrong = await as('clerk').call('POST', `/api/bundle-cases/${n}/correction`, { version: d.version, items: [{ member: 'food', note: '补充' }] });
  assert.equal(errorCode(wrong), 'BUNDLE_CORRECTION_MEMBER');
  const material = targets.materials[0].key;
  const notice = await as('clerk').call('POST', `/api/bundle-cases/${n}/correction`, {
    version: d.version,
    items: [
      { member: 'license', materialKey: material, note: '请上传清晰的扫描件' },
      { member: 'license', note: '请说明经营场所是否为自有' },
    ],
  });
  assert.equal(notice.statusCode, 200, notice.body);
  d = await detail(n);
  assert.equal(d.window.stage, 'correction');
  assert.ok(d.window.mayResubmit);
  assert.equal(d.window.correction!.items.length, 2);
  assert.equal(d.members.find((m) => m.key === 'license')!.status, 'correction_requested');
  assert.equal(await notices('company', '一件事需补正（一次性告知）'), 1);
  assert.equal(await notices('company', '请补正材料'), 0, 'no notice per member');
  assert.equal((await as('clerk').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version })).statusCode, 409);

  // The answer: a new file supplied once for the material, and an explanation.
  const incomplete = await as('company').call('POST', `/api/bundle-cases/${n}/resubmit`, {
    version: d.version,
    answers: [{ item: 1, kind: 'note', note: '自有房产' }],
  });
  assert.equal(errorCode(incomplete), 'CASE_CORRECTION_INCOMPLETE');
  // The new file, supplied once through the bundle.
  const mergedMaterial = await merged(n, material);
  const up = await as('company').call(
    'PUT',
    `/api/bundle-cases/${n}/materials?identity=${encodeURIComponent(mergedMaterial)}&fileName=new.pdf`,
    Buffer.concat([PDF, Buffer.from('%new')]),
    {
      'content-type': 'application/octet-stream',
    },
  );
  assert.equal(up.statusCode, 200, up.body);
  d = await detail(n);
  const answered = await as('company').call('POST', `/api/bundle-cases/${n}/resubmit`, {
    version: d.version,
    answers: [
      { item: 0, kind: 'file' },
      { item: 1, kind: 'note', note: '自有房产' },
    ],
  });
  assert.equal(answered.statusCode, 200, answered.body);
  d = await detail(n);
  assert.equal(d.window.stage, 'acceptance');
  assert.equal(d.members.find((m) => m.key === 'license')!.status, 'submitted');

  // 一窗受理: once.
  const accepted = await as('clerk').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.deepEqual((accepted.json() as { members: string[] }).members, [by.license]);
  d = await detail(n);
  assert.equal(d.window.stage, 'handling');
  assert.ok(d.window.acceptedOn);
  assert.equal(d.members.find((m) => m.key === 'license')!.status, 'in_review');
  assert.equal(await notices('company', '一件事已受理'), 1);
  assert.equal(await notices('company', '办件已受理'), 0, 'no notice per member');
  assert.equal(await audits(n, 'bundle-case.accept'), 1);
  // The bundle's clock: the longest path runs through the 营业执照 and one of its dependants.
  assert.ok(d.window.clock.expectedFinish, JSON.stringify(d.window.clock));
  assert.equal(d.window.clock.path[0], 'license');
  assert.equal(d.window.clock.path.length, 2);
  assert.ok(d.window.memberClocks.find((c) => c.key === 'license')!.deadline);
  const again = await as('clerk').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version });
  assert.equal(errorCode(again), 'BUNDLE_CASE_ILLEGAL_TRANSITION');

  // 营业执照 granted: the waiting members are released and accepted with the bundle — no second acceptance.
  await handle(by.license, ['reviewer', 'market.lead']);
  await deliverEvents(t.database.db, allSubscriptions, env);
  d = await detail(n);
  for (const k of ['food', 'fire', 'tax']) assert.equal(d.members.find((m) => m.key === k)!.status, 'in_review', k);
  const foodClock = d.window.memberClocks.find((c) => c.key === 'food')!;
  assert.ok(foodClock.deadline);
  // Each department decides its member.
  await handle(by.food, ['reviewer', 'market.lead']);
  await handle(by.fire, ['fire.reviewer', 'fire.lead']);
  await handle(by.tax, ['tax.reviewer', 'tax.lead']);
  await deliverEvents(t.database.db, allSubscriptions, env);
  d = await detail(n);
  assert.equal(d.status, 'closed');
  assert.equal(d.window.stage, 'delivery');
  assert.equal(await notices('company', '一件事已全部办结'), 1);
  const toDeliver = await as('clerk').call('GET', '/api/bundle-cases/window?stage=delivery');
  assert.ok((toDeliver.json() as { items: { number: string }[] }).items.some((i) => i.number === n));

  // 一窗出件: once, for every result.
  const post = await as('clerk').call('POST', `/api/bundle-cases/${n}/deliver`, { version: d.version, method: 'post' });
  assert.equal(errorCode(post), 'BUNDLE_TRACKING_REQUIRED');
  const delivered = await as('clerk').call('POST', `/api/bundle-cases/${n}/deliver`, { version: d.version, method: 'window' });
  assert.equal(delivered.statusCode, 200, delivered.body);
  d = await detail(n);
  for (const m of d.members) assert.equal(m.status, 'delivered', m.key);
  assert.equal(d.window.delivery!.members.length, 4);
  assert.equal(d.window.stage, 'done');
  assert.equal(await notices('company', '一件事结果已送达'), 1);
  assert.equal(await notices('company', '办件已送达'), 0);
  assert.ok(d.window.mayRate);

  // 一键评价: one rating, reaching every member department.
  assert.equal((await as('person').call('POST', `/api/bundle-cases/${n}/rate`, { level: '1' })).statusCode, 403);
  const rated = await as('company').call('POST', `/api/bundle-cases/${n}/rate`, { level: '1', indicators: ['101'] });
  assert.equal(rated.statusCode, 200, rated.body);
  const ratings = await queryRows<{ dept: number; level: string }>(
    db(),
    sql`SELECT r.department_id::int AS dept, r.level FROM rating r WHERE r.bundle_case_number = ${n}`,
  );
  assert.equal(ratings.length, 4);
  assert.deepEqual(new Set(ratings.map((r) => r.dept)), new Set(d.members.map((m) => m.departmentId)));
  const twice = await as('company').call('POST', `/api/bundle-cases/${n}/rate`, { level: '2' });
  assert.equal(errorCode(twice), 'BUNDLE_ALREADY_RATED');
  d = await detail(n);
  assert.equal(d.window.rating!.level, '1');
  assert.equal(d.window.mayRate, false);
  // The statistics count the bundle and its ratings by department.
  // The month by the platform's date, in which the bundle case was filed (its number carries the day).
  const month = today().slice(0, 7);
  const stats = await as('supervisor').call('GET', `/api/bundle-cases/statistics?from=${month}&to=${month}`);
  assert.equal(stats.statusCode, 200, stats.body);
  const s = stats.json() as {
    cases: { bundleCode: string; delivered: number; rated: number }[];
    ratings: { bundles: number; ratings: number; byDepartment: unknown[] };
  };
  const row = s.cases.find((c) => c.bundleCode === RESTAURANT)!;
  assert.ok(row.delivered >= 1 && row.rated >= 1);
  assert.ok(s.ratings.bundles >= 1 && s.ratings.ratings >= 4);
  assert.ok(s.ratings.byDepartment.length >= 3);
  for (const a of ['bundle-case.request-correction', 'bundle-case.resubmit', 'bundle-case.deliver', 'bundle-case.rate']) assert.equal(await audits(n, a), 1, a);
});

/** The identity of the merged material that asks for the 营业执照 member's material `key`. */
async function merged(number: string, key: string): Promise<string> {
  const res = await as('company').call('GET', `/api/bundle-cases/${number}`);
  const d = res.json() as Detail & { materials: { identity: string; members: string[] }[] };
  const guide = (await t.app.inject({ method: 'GET', url: `/api/bundles/${RESTAURANT}` })).json() as {
    evaluation: { materials: { identity: string; members: { member: string; material: string }[] }[] };
  };
  const m = guide.evaluation.materials.find((x) => x.members.some((y) => y.member === 'license' && y.material === key));
  assert.ok(m, key);
  assert.ok(d.materials.some((x) => x.identity === m.identity));
  return m.identity;
}

test('a denied member holds its dependants as 开办餐饮店 says (hold); the applicant is told once', async () => {
  let d = await applied();
  const n = d.number;
  const by = Object.fromEntries(d.members.map((m) => [m.key, m.number]));
  assert.equal((await as('clerk').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version })).statusCode, 200);
  await handle(by.license, ['reviewer', 'market.lead'], 'fail');
  await deliverEvents(t.database.db, allSubscriptions, env);
  d = await detail(n);
  assert.equal(d.window.clock.onMemberRefused, 'hold');
  assert.equal(d.window.partialOutcomes.length, 1);
  assert.deepEqual(d.window.partialOutcomes[0].held.sort(), ['fire', 'food', 'tax']);
  for (const k of ['food', 'fire', 'tax'])
    assert.deepEqual([d.members.find((m) => m.key === k)!.status, d.members.find((m) => m.key === k)!.waiting], ['draft', true]);
  assert.equal(d.status, 'open');
  assert.equal(await audits(n, 'bundle-case.partial-outcome'), 1);
  const told = await queryRows<{ body: string }>(db(), sql`SELECT body FROM notification WHERE title = '一件事：有事项未获准予' AND body LIKE ${`%${n}%`}`);
  assert.equal(told.length, 1);
  assert.match(told[0].body, /暂停/);
  // The clerk sees the same record; the applicant may withdraw the rest.
  assert.equal((await detail(n, 'clerk')).window.partialOutcomes[0].policy, 'hold');
  const w = await as('company').call('POST', `/api/bundle-cases/${n}/withdraw`, { version: d.version, reason: '不再办理' });
  assert.equal(w.statusCode, 200, w.body);
});

test('不予受理 of the bundle refuses its submitted members and withdraws the waiting ones; another region’s window may not act', async () => {
  const d = await applied();
  const n = d.number;
  const missing = await as('clerk').call('POST', `/api/bundle-cases/${n}/refuse`, { version: d.version, reason: '不符合', legalBasis: ' ' });
  assert.equal(errorCode(missing), 'BUNDLE_REASON_REQUIRED');
  const refused = await as('clerk').call('POST', `/api/bundle-cases/${n}/refuse`, {
    version: d.version,
    reason: '申请事项不属于本机关职权范围',
    legalBasis: '《行政许可法》第三十二条',
  });
  assert.equal(refused.statusCode, 200, refused.body);
  const after = await detail(n);
  assert.equal(after.status, 'refused');
  assert.equal(after.members.find((m) => m.key === 'license')!.status, 'refused');
  for (const k of ['food', 'fire', 'tax']) assert.equal(after.members.find((m) => m.key === k)!.status, 'withdrawn', k);
  assert.equal(after.window.stage, 'done');
  assert.equal(await notices('company', '一件事不予受理'), 1);
  const stale = await as('clerk').call('POST', `/api/bundle-cases/${n}/accept`, { version: d.version });
  assert.equal(errorCode(stale), 'BUNDLE_CASE_VERSION_CONFLICT');
});

/** 开办餐饮店 published again under another code with another policy for a member not granted. */
async function restaurantWith(policy: 'continue' | 'withdraw'): Promise<string> {
  const code = `T-WIN-${policy}`;
  const market = Number((await queryRows<{ id: number }>(db(), sql`SELECT id::int AS id FROM department WHERE name = '淮北市市场监督管理局'`))[0].id);
  const content = { ...structuredClone(BUNDLES.find((b) => b.content.name === '开办餐饮店')!.content), onMemberRefused: policy };
  const created = await as('itemadmin').call('POST', '/api/bundle-definitions', { code, regionCode: '340600', departmentId: market, content }, idem());
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: number }).id;
  assert.equal((await as('itemadmin').call('POST', `/api/bundle-definitions/${id}/submit`, { version: 1 })).statusCode, 200);
  const approved = await as('itemadmin').call('POST', `/api/bundle-definitions/${id}/approve`, { version: 2 });
  assert.equal(approved.statusCode, 200, approved.body);
  return code;
}

test('withdraw: a denied member’s dependants are withdrawn and the bundle closes; continue: they go on without its result', async () => {
  tokens.itemadmin ??= await t.login('itemadmin');
  // withdraw
  let d = await applied(await restaurantWith('withdraw'));
  let by = Object.fromEntries(d.members.map((m) => [m.key, m.number]));
  assert.equal((await as('clerk').call('POST', `/api/bundle-cases/${d.number}/accept`, { version: d.version })).statusCode, 200);
  await handle(by.license, ['reviewer', 'market.lead'], 'fail');
  await deliverEvents(t.database.db, allSubscriptions, env);
  d = await detail(d.number);
  assert.deepEqual(d.window.partialOutcomes[0].withdrawn.sort(), ['fire', 'food', 'tax']);
  for (const k of ['food', 'fire', 'tax']) assert.equal(d.members.find((m) => m.key === k)!.status, 'withdrawn', k);
  assert.equal(d.status, 'closed', 'every member closed');
  // The denial is a decision too: its 不予许可决定书 is delivered once at the window.
  assert.equal(d.window.stage, 'delivery');
  // continue
  d = await applied(await restaurantWith('continue'));
  by = Object.fromEntries(d.members.map((m) => [m.key, m.number]));
  assert.equal((await as('clerk').call('POST', `/api/bundle-cases/${d.number}/accept`, { version: d.version })).statusCode, 200);
  await handle(by.license, ['reviewer', 'market.lead'], 'fail');
  await deliverEvents(t.database.db, allSubscriptions, env);
  d = await detail(d.number);
  assert.deepEqual(d.window.partialOutcomes[0].continued.sort(), ['fire', 'food', 'tax']);
  for (const k of ['food', 'fire', 'tax']) {
    const m = d.members.find((x) => x.key === k)!;
    assert.equal(m.waiting, false, k);
    // Released without the 营业执照: accepted with the bundle when nothing is missing, else left to the window as a case.
    assert.ok(['in_review', 'submitted'].includes(m.status), `${k}: ${m.status}`);
  }
  // 食品经营许可 needs the 营业执照 that was not granted: it waits at the window for the material, not accepted blindly.
  assert.equal(d.members.find((m) => m.key === 'food')!.status, 'submitted');
});
