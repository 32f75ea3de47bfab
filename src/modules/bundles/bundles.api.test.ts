import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { BUNDLES } from '../../bootstrap/demo-catalog/index.ts';

// Bundles through the HTTP API on the full demo: the seeded templates with their reductions, an item admin's
// drafts, the preview, the lifecycle and what publication freezes.

let t: TestApp;
let itemadmin: string;
let market: number;
let n = 0;
const key = () => `bundle-test-${Date.now()}-${n++}`;

before(async () => {
  t = await testApp({ demo: 'full' });
  itemadmin = await t.login('itemadmin');
  const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = '淮北市市场监督管理局'`);
  market = Number(row.id);
});
after(() => t.close());

const as = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { ...(token ? bearer(token) : {}), ...headers } });

/** The newborn template as a fresh definition (its content, with a new name). */
const newborn = () => structuredClone(BUNDLES.find((b) => b.content.name === '新生儿出生')!.content);
const restaurant = () => structuredClone(BUNDLES.find((b) => b.content.name === '开办餐饮店')!.content);

interface Measure {
  before: number;
  after: number;
  ratio: number | null;
}
interface PublicBundle {
  code: string;
  name: string;
  memberNames: string[];
  reductions: { materials: Measure; days: Measure; visits: Measure; steps: Measure; longestPath: { days: number; path: string[] } };
}

test('the public list shows the seeded bundles with their reductions, without signing in', async (ctx) => {
  const res = await as(null, 'GET', '/api/bundles');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { items: PublicBundle[]; overall: { bundles: number; materials: Measure & { averageBefore: number } } };
  for (const b of body.items)
    ctx.diagnostic(
      `${b.name}: ${(['materials', 'days', 'visits', 'steps'] as const).map((k) => `${k} ${b.reductions[k].before}→${b.reductions[k].after} (${b.reductions[k].ratio}%)`).join(', ')}`,
    );
  const born = body.items.find((b) => b.name === '新生儿出生')!;
  assert.deepEqual(born.memberNames, ['出生医学证明首次签发', '出生登记（新生儿落户）', '城乡居民基本医疗保险参保登记（含新生儿）', '社会保障卡申领']);
  // Hand-computed from the demo guides: 2 + 5 + 3 + 3 materials; merged: 居民身份证, 出生医学证明 (upstream),
  // 居民户口簿 (upstream), 结婚证 (e-licence) are 免提交; 登记表, 申报表 and the photo remain.
  assert.deepEqual(born.reductions.materials, { before: 13, after: 3, ratio: 76.92 });
  // 0 + 0 + 0 + 10 working days one after another; the chain birth → hukou → card is 10: no gain on time.
  assert.deepEqual(born.reductions.days, { before: 10, after: 10, ratio: 0 });
  assert.deepEqual(born.reductions.longestPath, { days: 10, path: ['birth', 'hukou', 'card'] });
  assert.deepEqual(born.reductions.steps, { before: 12, after: 3, ratio: 75 });
  const shop = body.items.find((b) => b.name === '开办餐饮店')!;
  assert.equal(shop.memberNames.length, 5);
  assert.ok(shop.reductions.materials.after < shop.reductions.materials.before);
  assert.equal(shop.reductions.days.after, 5);
  // Overall: ratios of the totals of the published bundles.
  const total = (k: 'materials' | 'days') => body.items.reduce((s, b) => [s[0] + b.reductions[k].before, s[1] + b.reductions[k].after], [0, 0]);
  const [mb, ma] = total('materials');
  assert.equal(body.overall.bundles, body.items.length);
  assert.equal(body.overall.materials.before, mb);
  assert.equal(body.overall.materials.after, ma);
  assert.equal(body.overall.materials.ratio, Math.round(((mb - ma) / mb) * 10000) / 100);
});

test('the public guide shows members, the merged form with provenance and the merged materials', async () => {
  const res = await as(null, 'GET', '/api/bundles/340600-YJS-0002');
  assert.equal(res.statusCode, 200, res.body);
  const guide = res.json() as {
    promisedDays: number;
    evaluation: {
      members: { key: string; dependsOn: string[]; implementationVersionId: number }[];
      form: { key: string; maps: { member: string }[]; merged: boolean }[];
      materials: { name: string; exempt: string | null }[];
    };
  };
  assert.equal(guide.promisedDays, 10);
  assert.deepEqual(
    guide.evaluation.members.map((m) => [m.key, m.dependsOn]),
    [
      ['birth', []],
      ['hukou', ['birth']],
      ['medical', ['hukou']],
      ['card', ['hukou']],
    ],
  );
  const birthDate = guide.evaluation.form.find((f) => f.key === 'birthDate')!;
  assert.deepEqual(
    birthDate.maps.map((m) => m.member),
    ['birth', 'hukou', 'medical'],
  );
  assert.deepEqual(
    guide.evaluation.materials.filter((m) => !m.exempt).map((m) => m.name),
    ['出生医学证明首次签发登记表', '出生登记申报表', '本人近期免冠彩色照片'],
  );
  assert.equal(guide.evaluation.materials.find((m) => m.name === '出生医学证明')!.exempt, 'upstream');
  assert.equal((await as(null, 'GET', '/api/bundles/NOPE')).statusCode, 404);
});

test('the preview returns the reductions as a draft is edited, and narrows them to an applicant’s answers', async () => {
  const content = restaurant();
  const full = await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content });
  assert.equal(full.statusCode, 200, full.body);
  const withSign = full.json() as { reductions: { members: number; materials: Measure; steps: Measure } };
  assert.equal(withSign.reductions.members, 5);
  const without = await as(itemadmin, 'POST', '/api/bundle-definitions/preview', {
    regionCode: '340600',
    departmentId: market,
    content,
    answers: { hasSign: false },
  });
  const noSign = without.json() as { reductions: { members: number; materials: Measure }; members: { key: string; included: boolean }[] };
  assert.equal(noSign.reductions.members, 4);
  assert.equal(noSign.members.find((m) => m.key === 'sign')!.included, false);
  assert.ok(noSign.reductions.materials.before < withSign.reductions.materials.before);
  // Removing a member changes the counts at once.
  content.members = content.members.filter((m) => m.key !== 'tax');
  content.fields = content.fields!.map((f) => ({ ...f, maps: f.maps?.filter((m) => m.member !== 'tax') }));
  const fewer = (await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content })).json() as {
    reductions: { members: number; steps: Measure };
  };
  assert.equal(fewer.reductions.members, 4);
  assert.equal(fewer.reductions.steps.before, withSign.reductions.steps.before - 3); // the tax guide's three steps
});

test('bad definitions are refused with stable codes: a cycle, a field over different formats, an unpublished member', async () => {
  const cyclic = newborn();
  cyclic.members[0].dependsOn = ['card'];
  const res = await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: cyclic });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'BUNDLE_DEPENDENCY_CYCLE');
  assert.deepEqual((res.json() as { details: { cycle: string[] } }).details.cycle, ['birth', 'card', 'hukou', 'birth']);
  const conflict = newborn();
  conflict.fields!.push({
    key: 'mixed',
    title: '混合',
    maps: [
      { member: 'birth', field: 'motherIdNumber' },
      { member: 'card', field: 'bank' },
    ],
  });
  const c = await as(
    itemadmin,
    'POST',
    '/api/bundle-definitions',
    { code: `T-${n++}`, regionCode: '340600', departmentId: market, content: conflict },
    { 'idempotency-key': key() },
  );
  assert.equal(c.statusCode, 400);
  assert.equal(errorCode(c), 'BUNDLE_FIELD_CONFLICT');
  const unknown = newborn();
  unknown.members[3].implementationCode = '340600-XX-9999';
  const u = await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: unknown });
  assert.equal(errorCode(u), 'BUNDLE_MEMBER_UNKNOWN');
  // A member of a county is not carried out in the city.
  const county = newborn();
  county.members.push({ key: 'shop', implementationCode: '340603-XK-0001', dependsOn: [] });
  assert.equal(
    errorCode(await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: county })),
    'BUNDLE_MEMBER_OUT_OF_REGION',
  );
  const tooFast = newborn();
  tooFast.promisedDays = 3;
  assert.equal(
    errorCode(await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: tooFast })),
    'BUNDLE_PROMISE_INVALID',
  );
  // A question of the bundle's own follows the rules of any form field: a switch holds a boolean.
  const badOwn = restaurant();
  badOwn.fields = badOwn.fields!.map((f) => (f.key === 'hasSign' ? { ...f, schema: { ...f.schema!, type: 'string' } } : f));
  const own = await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: badOwn });
  assert.equal(own.statusCode, 400, own.body);
  assert.equal(errorCode(own), 'BUNDLE_DEFINITION_INVALID');
  const empty = (await as(itemadmin, 'POST', '/api/bundle-definitions/preview', { regionCode: '340600', departmentId: market, content: { name: 'x' } }))
    .statusCode;
  assert.equal(empty, 400);
});

test('two creates with one key make one bundle; the lifecycle freezes what was published; each change is audited', async () => {
  const idem = key();
  const code = `T-LIFE-${n++}`;
  const body = { code, regionCode: '340600', departmentId: market, content: { ...newborn(), name: '新生儿出生（测试）' } };
  const first = await as(itemadmin, 'POST', '/api/bundle-definitions', body, { 'idempotency-key': idem });
  assert.equal(first.statusCode, 201, first.body);
  const again = await as(itemadmin, 'POST', '/api/bundle-definitions', body, { 'idempotency-key': idem });
  assert.equal(again.statusCode, 201);
  const id = (first.json() as { id: number }).id;
  assert.equal((again.json() as { id: number }).id, id);
  const [{ count }] = await queryRows<{ count: number }>(t.database.db, sql`SELECT count(*)::int AS count FROM bundle WHERE code = ${code}`);
  assert.equal(Number(count), 1);
  assert.equal(errorCode(await as(itemadmin, 'POST', '/api/bundle-definitions', body, { 'idempotency-key': key() })), 'BUNDLE_CODE_TAKEN');
  assert.equal(errorCode(await as(itemadmin, 'POST', '/api/bundle-definitions', body)), 'IDEMPOTENCY_KEY_REQUIRED');

  // Edit the draft with its row version; a stale version conflicts.
  const edited = { ...body.content, promisedDays: 10, summary: '改过的说明' };
  assert.equal((await as(itemadmin, 'PUT', `/api/bundle-definitions/${id}/draft`, { content: edited, version: 9 })).statusCode, 409);
  const put = await as(itemadmin, 'PUT', `/api/bundle-definitions/${id}/draft`, { content: edited, version: 1 });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/approve`, { version: 2 })).statusCode, 409); // not in review
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/submit`, { version: 2 })).statusCode, 200);
  const approved = await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/approve`, { version: 3 });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal((approved.json() as { status: string }).status, 'published');

  // Published: the members' implementation versions and the reductions are frozen into the version.
  const [v] = await queryRows<{ id: number; members: { key: string; implementationVersionId: number }[]; reductions: { days: Measure } }>(
    t.database.db,
    sql`SELECT v.id::int AS id, v.members, v.reductions FROM bundle_version v JOIN bundle b ON b.published_version_id = v.id WHERE b.id = ${id}`,
  );
  assert.deepEqual(
    v.members.map((m) => m.key),
    ['birth', 'hukou', 'medical', 'card'],
  );
  assert.ok(v.members.every((m) => Number.isInteger(m.implementationVersionId)));
  assert.deepEqual(v.reductions.days, { before: 10, after: 10, ratio: 0 });
  // …and the database refuses to change them.
  const refused = (pattern: RegExp) => (e: unknown) => pattern.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
  await assert.rejects(t.database.db.execute(sql`UPDATE bundle_version SET content = '{}'::jsonb WHERE id = ${v.id}`), refused(/never changes/));
  await assert.rejects(t.database.db.execute(sql`DELETE FROM bundle_version WHERE id = ${v.id}`), refused(/never deleted/));
  const immutable = await as(itemadmin, 'PUT', `/api/bundle-definitions/${id}/draft`, { content: edited, version: 4 });
  assert.equal(errorCode(immutable), 'BUNDLE_PUBLISHED_IMMUTABLE');

  // Public now; suspended, it leaves the list (a reason is needed), resumed it returns.
  const listed = async () => ((await as(null, 'GET', '/api/bundles')).json() as { items: { code: string }[] }).items.some((b) => b.code === code);
  assert.equal(await listed(), true);
  const detail = (await as(itemadmin, 'GET', `/api/bundle-definitions/${id}`)).json() as { version: number; versions: { status: string }[] };
  assert.equal(errorCode(await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/suspend`, { version: detail.version })), 'BUNDLE_REASON_REQUIRED');
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/suspend`, { version: detail.version, note: '成员事项调整' })).statusCode, 200);
  assert.equal(await listed(), false);
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/resume`, { version: detail.version + 1 })).statusCode, 200);
  assert.equal(await listed(), true);

  // A new version is a draft of its own; the published one stays until the new one is approved.
  const next = await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/new-version`, { version: detail.version + 2 });
  assert.equal(next.statusCode, 201, next.body);
  const nv = next.json() as { number: number; version: number; status: string };
  assert.deepEqual([nv.number, nv.status], [2, 'draft']);
  assert.equal((await as(itemadmin, 'PUT', `/api/bundle-definitions/${id}/draft`, { content: { ...edited, visits: 0 }, version: nv.version })).statusCode, 200);
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/submit`, { version: nv.version + 1 })).statusCode, 200);
  assert.equal((await as(itemadmin, 'POST', `/api/bundle-definitions/${id}/approve`, { version: nv.version + 2 })).statusCode, 200);
  const versions = ((await as(itemadmin, 'GET', `/api/bundle-definitions/${id}`)).json() as { versions: { number: number; status: string }[] }).versions;
  assert.deepEqual(
    versions.map((x) => [x.number, x.status]),
    [
      [2, 'published'],
      [1, 'superseded'],
    ],
  );

  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'bundle' AND target_id = ${String(id)} ORDER BY id`,
  );
  assert.deepEqual(
    audit.map((a) => a.action),
    [
      'bundle.create',
      'bundle.edit',
      'bundle.submit',
      'bundle.approve',
      'bundle.suspend',
      'bundle.resume',
      'bundle.new-version',
      'bundle.edit',
      'bundle.submit',
      'bundle.approve',
    ],
  );
});

test('the admin list shows drafts within the actor’s scope only', async () => {
  const res = await as(itemadmin, 'GET', '/api/bundle-definitions');
  assert.equal(res.statusCode, 200, res.body);
  const items = (res.json() as { items: { code: string; latestVersionStatus: string }[] }).items;
  assert.ok(items.some((b) => b.code === '340600-YJS-0001' && b.latestVersionStatus === 'published'));
});
