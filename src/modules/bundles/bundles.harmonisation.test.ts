import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { castApp, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { BUNDLES } from '../../bootstrap/demo-catalog/index.ts';

// 二次统筹 of bundles (ADR 0045) through the HTTP API on the full demo: the city's 开办餐饮店 beside the districts'
// adoptions (相山区 as it is, 濉溪县 without the outdoor sign and with 7 days), adopting a template, and what each
// editor sees of drafts.

let cast: Cast;
let n = 0;
const unique = () => `${Date.now().toString(36).slice(-5)}${n++}`.toUpperCase();
const RESTAURANT = '340600-YJS-0001';
const NEWBORN = '340600-YJS-0002';

before(async () => {
  cast = await castApp();
});
after(() => cast.t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  cast.t.app.inject({ method, url, payload, headers: { ...bearer(cast.token(who)), ...(method === 'POST' ? { 'idempotency-key': `h-${unique()}` } : {}) } });

interface Harmonisation {
  templates: {
    template: { code: string };
    columns: { code: string; regionName: string | null; versionStatus: string; adopted: boolean }[];
    rows: {
      element: string;
      local: boolean;
      differs: boolean;
      cells: { key: string; value: string; differs: boolean; extra: string[]; missing: string[] }[];
    }[];
    agreeing: number;
    adoptions: number;
  }[];
}
const harmonisation = async (who: string, query: string) => {
  const res = await call(who, 'GET', `/api/bundle-definitions/harmonisation?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Harmonisation;
};
const cell = (h: Harmonisation['templates'][number], element: string, code: string) =>
  h.rows.find((r) => r.element === element)!.cells.find((c) => c.key === code)!;

test('the city compares 开办餐饮店 with the districts’ adoptions: 相山区 agrees, 濉溪县 differs where it changed it', async () => {
  const { templates } = await harmonisation('itemadmin', `region=340600&code=${RESTAURANT}`);
  assert.equal(templates.length, 1);
  const h = templates[0];
  assert.deepEqual(
    h.columns.map((c) => [c.code, c.adopted]),
    [
      [RESTAURANT, false],
      ['340603-YJS-0001', true],
      ['340621-YJS-0001', true],
    ],
  );
  assert.deepEqual({ agreeing: h.agreeing, adoptions: h.adoptions }, { agreeing: 1, adoptions: 2 });
  const differing = h.rows.filter((r) => r.cells.some((c) => c.key === '340621-YJS-0001' && c.differs)).map((r) => r.element);
  assert.deepEqual(differing, ['members', 'dependencies', 'conditions', 'promisedDays', 'materials']);
  assert.equal(cell(h, 'promisedDays', RESTAURANT).value, '5');
  assert.equal(cell(h, 'promisedDays', '340621-YJS-0001').value, '7');
  assert.deepEqual(cell(h, 'members', '340621-YJS-0001').missing, ['户外广告设施设置审批']);
  // Each district's own lead department is shown, never a difference.
  const lead = h.rows.find((r) => r.element === 'leadDepartment')!;
  assert.equal(lead.local, true);
  assert.equal(lead.differs, false);
  assert.equal(cell(h, 'leadDepartment', '340603-YJS-0001').value, '相山区市场监督管理局');
  // Without a code: every template of the city, each with its adoptions (the other six have none yet).
  const all = await harmonisation('itemadmin', 'region=340600');
  assert.deepEqual(
    all.templates.map((x) => x.template.code),
    BUNDLES.filter((b) => !b.template).map((b) => b.code),
  );
});

test('a district adopts a template of the city; a template of its own region, an adoption or an unknown code is refused', async () => {
  const content = structuredClone(BUNDLES.find((b) => b.code === NEWBORN)!.content);
  const county = await cast.department('濉溪县市场监督管理局');
  const city = await cast.department('淮北市市场监督管理局');
  const adopt = (who: string, regionCode: string, departmentId: number, templateCode: string) =>
    call(who, 'POST', '/api/bundle-definitions', { code: `H-${unique()}`, regionCode, departmentId, templateCode, content });
  for (const [who, region, dept, template] of [
    ['itemadmin', '340600', city, NEWBORN], // the same region: not above
    ['itemadmin.sx', '340621', county, '340603-YJS-0001'], // an adoption is no template
    ['itemadmin.sx', '340621', county, 'NO-SUCH'],
  ] as const) {
    const res = await adopt(who, region, dept, template);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(errorCode(res), 'BUNDLE_TEMPLATE_INVALID');
  }
  const res = await adopt('itemadmin.sx', '340621', county, NEWBORN);
  assert.equal(res.statusCode, 201, res.body);
  const code = (res.json() as { code: string }).code;
  const audits = await queryRows<{ n: number }>(
    cast.t.database.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bundle.create' AND target_id = ${String((res.json() as { id: number }).id)}`,
  );
  assert.equal(Number(audits[0].n), 1);

  // The county's draft is beside the template for the county and the city (both in scope), as an unpublished draft
  // equal to the template; 相山区's admin, out of its scope, does not see it.
  for (const who of ['itemadmin.sx', 'itemadmin']) {
    const h = (await harmonisation(who, `code=${NEWBORN}`)).templates[0];
    const column = h.columns.find((c) => c.code === code);
    assert.equal(column?.versionStatus, 'draft', who);
    assert.ok(
      h.rows.every((r) => !cell(h, r.element, code).differs),
      who,
    );
  }
  const outside = (await harmonisation('admin.xs', `code=${NEWBORN}`)).templates[0];
  assert.deepEqual(
    outside.columns.map((c) => c.code),
    [NEWBORN],
  );
});

test('item admins read the bundle statistics of their scope, as supervisors do; without months, this month', async () => {
  const q = '/api/bundle-cases/statistics?from=2020-01&to=2030-12';
  const supervisor = await call('supervisor', 'GET', q);
  const itemadmin = await call('itemadmin', 'GET', q);
  assert.equal(itemadmin.statusCode, 200, itemadmin.body);
  assert.deepEqual(itemadmin.json(), supervisor.json());
  assert.equal((await call('reviewer', 'GET', q)).statusCode, 403);
  // Without months: this month by the platform's date (bundles.adoption.test.ts pins it), as when it is given.
  const all = await call('itemadmin', 'GET', '/api/bundle-cases/statistics');
  assert.equal(all.statusCode, 200, all.body);
  const body = all.json() as { from: string; to: string; month: string; cases: unknown[] };
  assert.deepEqual([body.from, body.to], [body.month, body.month]);
  const month = await call('itemadmin', 'GET', `/api/bundle-cases/statistics?from=${body.month}&to=${body.month}`);
  assert.deepEqual(body.cases, (month.json() as { cases: unknown[] }).cases);
});
