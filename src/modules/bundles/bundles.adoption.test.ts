import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { companyAnswers, type MergedField } from '../../../tests/support/bundles.ts';
import { sql } from 'drizzle-orm';
import { bearer, DEMO_PASSWORD, errorCode } from '../../../tests/support/app.ts';
import { castApp, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { pinToday } from '../../platform/clock.ts';
import { TEMPLATE_UPDATED_NOTICE } from './bundles.adoption.notice.ts';

// ADR 0045, 2026-12-07, through the HTTP API on the full demo: a district adopts the city's 开办餐饮店 in one step
// (members mapped to its own implementations, the rest listed); the city publishes a new version, the adoptions show
// 模板已更新 with the differences and their item admins are told; the county takes the change into a new draft, its
// own changes kept. The statistics count the platform's month by default, and a department's item admin sees only
// the bundles its department leads.

let cast: Cast;
let n = 0;
const unique = () => `${Date.now().toString(36).slice(-5)}${n++}`.toUpperCase();
const RESTAURANT = '340600-YJS-0001';
const COUNTY_ADOPTION = '340621-YJS-0001';
const tokens: Record<string, string> = {};
const tokenOf = (who: string) => tokens[who] ?? cast.token(who);
const db = () => cast.t.database.db;

before(async () => {
  cast = await castApp();
});
after(() => cast.t.close());

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  cast.t.app.inject({ method, url, payload, headers: { ...bearer(tokenOf(who)), ...(method === 'POST' ? { 'idempotency-key': `a-${unique()}` } : {}) } });
const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, status = 200) => {
  const res = await call(who, method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json() as Record<string, unknown>;
};
const idOf = async (code: string) => Number((await queryRows<{ id: number }>(db(), sql`SELECT id::int AS id FROM bundle WHERE code = ${code}`))[0].id);

interface Version {
  number: number;
  status: string;
  version: number;
  content: { steps: string[]; promisedDays: number | null; summary: string; members: { key: string; implementationCode: string }[] };
}
interface Detail {
  id: number;
  version: number;
  versions: Version[];
}
const detail = async (who: string, id: number) => (await ok(who, 'GET', `/api/bundle-definitions/${id}`)) as unknown as Detail;

interface Mapping {
  member: string;
  name: string;
  from: string;
  to: string | null;
  reason: 'mapped' | 'none' | 'form';
}

test('a county adopts the city’s 开办餐饮店 in one step: members mapped to its own implementations, the rest listed', async () => {
  const county = await cast.department('濉溪县市场监督管理局');
  const code = `AD-${unique()}`;
  const body = { templateCode: RESTAURANT, code, regionCode: '340621', departmentId: county };
  const adopted = (await ok('itemadmin.sx', 'POST', '/api/bundle-definitions/adopt', body, 201)) as unknown as {
    id: number;
    templateCode: string;
    templateVersion: number;
    mappings: Mapping[];
  };
  assert.equal(adopted.templateCode, RESTAURANT);
  const template = (await ok('itemadmin', 'GET', `/api/bundles/${RESTAURANT}`)) as unknown as {
    versionNumber: number;
    evaluation: { members: { key: string; implementationCode: string }[] };
  };
  assert.equal(adopted.templateVersion, template.versionNumber);
  assert.deepEqual(
    adopted.mappings.map((m) => [m.member, m.from]),
    template.evaluation.members.map((m) => [m.key, m.implementationCode]),
  );
  // A mapped member is the county's own published implementation of the same item; the others keep the city's.
  const mapped = adopted.mappings.filter((m) => m.to !== null);
  assert.ok(mapped.length >= 1, 'the county carries out at least one of the items itself (食品经营许可)');
  for (const m of mapped) {
    const [own, city] = await Promise.all(
      [m.to!, m.from].map(
        async (c) =>
          (
            await queryRows<{ base: number; region: string }>(
              db(),
              sql`SELECT base_item_id::int AS base, region_code AS region FROM implementation WHERE code = ${c}`,
            )
          )[0],
      ),
    );
    assert.equal(own.region, '340621');
    assert.equal(Number(own.base), Number(city.base));
  }
  for (const m of adopted.mappings.filter((x) => x.to === null)) assert.ok(['none', 'form'].includes(m.reason), m.member);
  const d = await detail('itemadmin.sx', adopted.id);
  assert.equal(d.versions.length, 1);
  assert.equal(d.versions[0].status, 'draft');
  assert.deepEqual(
    d.versions[0].content.members.map((m) => m.implementationCode),
    adopted.mappings.map((m) => m.to ?? m.from),
  );
  // The draft evaluates (it is edited in the form editor from here), and harmonisation shows it beside the template.
  const h = (await ok('itemadmin.sx', 'GET', `/api/bundle-definitions/harmonisation?code=${RESTAURANT}`)) as unknown as {
    templates: { columns: { code: string; adopted: boolean }[] }[];
  };
  assert.ok(h.templates[0].columns.some((c) => c.code === code && c.adopted));
  // Out of my scope, the same region's template, or an adoption as a template: refused, nothing created.
  const xs = await call('itemadmin.sx', 'POST', '/api/bundle-definitions/adopt', { ...body, code: `AD-${unique()}`, regionCode: '340603' });
  assert.equal(xs.statusCode, 403, xs.body);
  const notTemplate = await call('itemadmin.sx', 'POST', '/api/bundle-definitions/adopt', { ...body, code: `AD-${unique()}`, templateCode: COUNTY_ADOPTION });
  assert.equal(errorCode(notTemplate), 'BUNDLE_TEMPLATE_INVALID');
  const audits = await queryRows<{ n: number }>(
    db(),
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bundle.create' AND target_id = ${String(adopted.id)}`,
  );
  assert.equal(Number(audits[0].n), 1);
});

test('the city publishes a new 开办餐饮店: the adoptions show 模板已更新, their admins are told, the county takes it into a draft keeping its own changes', async () => {
  const cityId = await idOf(RESTAURANT);
  const countyId = await idOf(COUNTY_ADOPTION);
  const before = await detail('itemadmin.sx', countyId);
  const ownBefore = before.versions[0].content;
  const none = (await ok('itemadmin.sx', 'GET', `/api/bundle-definitions/${countyId}/template`)) as { updated: boolean };
  assert.equal(none.updated, false);
  const nothing = await call('itemadmin.sx', 'POST', `/api/bundle-definitions/${countyId}/take-template`, { version: before.version });
  assert.equal(errorCode(nothing), 'BUNDLE_TEMPLATE_CURRENT');

  // The city: a new version whose first step is renamed and whose summary changes; the promise is left alone.
  const city = await detail('itemadmin', cityId);
  await ok('itemadmin', 'POST', `/api/bundle-definitions/${cityId}/new-version`, { version: city.version }, 201);
  let draft = (await detail('itemadmin', cityId)).versions[0];
  const steps = [`${draft.content.steps[0]}（网上）`, ...draft.content.steps.slice(1)];
  const saved = (await ok('itemadmin', 'PUT', `/api/bundle-definitions/${cityId}/draft`, {
    content: { ...draft.content, steps, summary: `${draft.content.summary}（新版）` },
    version: draft.version,
  })) as unknown as Version;
  await ok('itemadmin', 'POST', `/api/bundle-definitions/${cityId}/submit`, { version: saved.version });
  draft = (await detail('itemadmin', cityId)).versions[0];
  await ok('itemadmin', 'POST', `/api/bundle-definitions/${cityId}/approve`, { version: draft.version });

  // 模板已更新, with what the template changed (the steps), on the bundle's page and on the harmonisation page.
  const status = (await ok('itemadmin.sx', 'GET', `/api/bundle-definitions/${countyId}/template`)) as {
    updated: boolean;
    mayTake: boolean;
    followsVersion: number;
    publishedVersion: number;
    differences: { element: string; before: string; after: string }[];
  };
  assert.deepEqual([status.updated, status.mayTake], [true, true]);
  assert.equal(status.publishedVersion, status.followsVersion + 1);
  assert.deepEqual(
    status.differences.map((x) => x.element),
    ['steps'],
  );
  assert.equal(status.differences[0].after, steps.join('、'));
  const h = (await ok('itemadmin', 'GET', `/api/bundle-definitions/harmonisation?code=${RESTAURANT}`)) as unknown as {
    templates: { columns: { code: string; templateUpdated: boolean }[] }[];
  };
  const columns = h.templates[0].columns;
  assert.equal(columns.find((c) => c.code === RESTAURANT)!.templateUpdated, false);
  assert.equal(columns.find((c) => c.code === COUNTY_ADOPTION)!.templateUpdated, true);
  assert.equal(columns.find((c) => c.code === '340603-YJS-0001')!.templateUpdated, true);

  // The in-app notice: the county's item admin for the county's adoption; the city's admin is not an adopter.
  const notices = async (who: string, code: string) =>
    Number(
      (
        await queryRows<{ n: number }>(
          db(),
          sql`SELECT count(*)::int AS n FROM notification WHERE user_id = ${await cast.userId(who)} AND kind = ${TEMPLATE_UPDATED_NOTICE} AND body LIKE ${`%${code}%`}`,
        )
      )[0].n,
    );
  assert.equal(await notices('itemadmin.sx', COUNTY_ADOPTION), 1);
  assert.equal(await notices('itemadmin.sx', '340603-YJS-0001'), 0);
  assert.equal(await notices('itemadmin', COUNTY_ADOPTION), 0);

  // One action: a new draft; the published version never changes; the county keeps its 7 days and no outdoor sign.
  const stale = await call('itemadmin.sx', 'POST', `/api/bundle-definitions/${countyId}/take-template`, { version: before.version - 1 });
  assert.equal(stale.statusCode, 409, stale.body);
  const outside = await call('admin.xs', 'POST', `/api/bundle-definitions/${countyId}/take-template`, { version: before.version });
  assert.equal(outside.statusCode, 403, outside.body);
  const taken = (await ok('itemadmin.sx', 'POST', `/api/bundle-definitions/${countyId}/take-template`, { version: before.version }, 201)) as {
    number: number;
    changed: string[];
  };
  assert.ok(taken.changed.includes('steps') && taken.changed.includes('summary'), taken.changed.join());
  const after = await detail('itemadmin.sx', countyId);
  const [fresh, published] = after.versions;
  assert.deepEqual([fresh.number, fresh.status], [taken.number, 'draft']);
  assert.deepEqual(published.content, ownBefore);
  assert.deepEqual(fresh.content.steps, steps);
  assert.equal(fresh.content.promisedDays, ownBefore.promisedDays);
  assert.deepEqual(
    fresh.content.members.map((m) => m.key),
    ownBefore.members.map((m) => m.key),
  );
  const again = (await ok('itemadmin.sx', 'GET', `/api/bundle-definitions/${countyId}/template`)) as { updated: boolean; mayTake: boolean };
  assert.deepEqual([again.updated, again.mayTake], [false, false]);
  const audits = await queryRows<{ n: number }>(
    db(),
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bundle.take-template' AND target_id = ${String(countyId)}`,
  );
  assert.equal(Number(audits[0].n), 1);
});

// ── Statistics: this month by the platform's date; a department's item admin sees the bundles it leads ─────────

type Field = MergedField;
const answers = companyAnswers;

interface Stats {
  from: string;
  to: string;
  month: string;
  cases: { bundleCode: string; applied: number }[];
}

test('statistics default to this month by the platform’s date; a department’s item admin counts only the bundles it leads', async () => {
  const admin = cast.token('admin');
  for (const [username, dept] of [
    ['itemadmin.market', '淮北市市场监督管理局'],
    ['itemadmin.health', '淮北市卫生健康委员会'],
  ] as const) {
    const res = await cast.t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(admin), 'idempotency-key': `u-${username}` },
      payload: {
        username,
        displayName: username,
        password: DEMO_PASSWORD,
        roles: [{ role: 'item_admin', regionCode: '340600', departmentId: await cast.department(dept) }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    tokens[username] = await cast.t.login(username);
  }
  const guide = (await ok('company', 'GET', `/api/bundles/${RESTAURANT}`)) as unknown as { evaluation: { form: Field[] } };
  // A month no other test files in: the bundle case applied now counts in it, by its filing day.
  pinToday('2031-03-14');
  try {
    const applied = (await ok(
      'company',
      'POST',
      '/api/bundle-cases',
      { bundleCode: RESTAURANT, answers: answers(guide.evaluation.form), submit: true },
      201,
    )) as {
      number: string;
    };
    assert.match(applied.number, /^YJ\d{6}20310314\d{6}$/);
    const stats = (await ok('supervisor', 'GET', '/api/bundle-cases/statistics')) as unknown as Stats;
    assert.deepEqual([stats.from, stats.to, stats.month], ['2031-03', '2031-03', '2031-03']);
    assert.deepEqual(
      stats.cases.map((c) => [c.bundleCode, c.applied]),
      [[RESTAURANT, 1]],
    );
    // The month before counts none of it; a range over both counts it once.
    const before = (await ok('supervisor', 'GET', '/api/bundle-cases/statistics?from=2031-02&to=2031-02')) as unknown as Stats;
    assert.deepEqual(before.cases, []);
    const range = (await ok('supervisor', 'GET', '/api/bundle-cases/statistics?from=2031-02&to=2031-04')) as unknown as Stats;
    assert.deepEqual(range.cases, stats.cases);

    // The market department leads 开办餐饮店: its item admin sees it as the supervisor does; health's sees nothing of it.
    const market = (await ok('itemadmin.market', 'GET', '/api/bundle-cases/statistics')) as unknown as Stats;
    assert.deepEqual(market.cases, stats.cases);
    const health = (await ok('itemadmin.health', 'GET', '/api/bundle-cases/statistics')) as unknown as Stats;
    assert.deepEqual(health.cases, []);
    // Over every month to date, each department's admin sees only bundles its department leads.
    for (const who of ['itemadmin.market', 'itemadmin.health']) {
      const all = (await ok(who, 'GET', '/api/bundle-cases/statistics?from=2000-01&to=2031-12')) as unknown as Stats;
      const dept = await cast.department(who === 'itemadmin.market' ? '淮北市市场监督管理局' : '淮北市卫生健康委员会');
      for (const c of all.cases) {
        const [b] = await queryRows<{ dept: number }>(db(), sql`SELECT department_id::int AS dept FROM bundle WHERE code = ${c.bundleCode}`);
        assert.equal(Number(b.dept), dept, `${who}: ${c.bundleCode}`);
      }
    }
  } finally {
    pinToday(null);
  }
});
