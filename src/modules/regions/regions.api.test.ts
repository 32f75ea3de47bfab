import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../../platform/identity.ts';
import { queryRows } from '../../platform/db/db.ts';

let t: TestApp;
let admin: string;
before(async () => {
  t = await testApp();
  admin = await t.login('admin');
});
after(async () => {
  await t?.close();
});

test('the region tree has every province, and 淮北市 with its counties', async () => {
  const provinces = (await t.app.inject({ method: 'GET', url: '/api/regions' })).json() as { items: { code: string; name: string; level: number }[] };
  assert.ok(provinces.items.length >= 31);
  assert.ok(provinces.items.some((p) => p.code === '340000' && p.name === '安徽省'));
  const cities = (await t.app.inject({ method: 'GET', url: '/api/regions?parent=340000' })).json() as { items: { code: string; name: string }[] };
  assert.ok(cities.items.some((c) => c.code === '340600' && c.name === '淮北市'));
  const counties = (await t.app.inject({ method: 'GET', url: '/api/regions?parent=340600' })).json() as { items: { name: string; level: number }[] };
  assert.deepEqual(counties.items.map((c) => c.name).sort(), ['杜集区', '濉溪县', '烈山区', '相山区'].sort());
  assert.ok(counties.items.every((c) => c.level === 3));
  const beijing = (await t.app.inject({ method: 'GET', url: '/api/regions?parent=110000' })).json() as { items: { name: string }[] };
  assert.ok(
    beijing.items.some((c) => c.name === '东城区'),
    "a municipality's districts hang off the province",
  );
});

test('a region answers with its path to the province', async () => {
  const res = (await t.app.inject({ method: 'GET', url: '/api/regions/340603' })).json() as { name: string; path: { code: string }[] };
  assert.equal(res.name, '相山区');
  assert.deepEqual(
    res.path.map((r) => r.code),
    ['340603', '340600', '340000'],
  );
});

test('unknown and malformed region codes are refused clearly', async () => {
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/regions/999999' })), 'REGION_NOT_FOUND');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/regions?parent=12ab' })), 'VALIDATION_FAILED');
});

test('departments: filter by region includes sub-regions', async () => {
  const city = (await t.app.inject({ method: 'GET', url: '/api/departments?regionCode=340600' })).json() as { items: { name: string }[] };
  assert.ok(city.items.some((d) => d.name === '相山区市场监督管理局'));
  const county = (await t.app.inject({ method: 'GET', url: '/api/departments?regionCode=340603' })).json() as { items: { name: string }[] };
  assert.deepEqual(
    county.items.map((d) => d.name),
    ['相山区市场监督管理局'],
  );
});

test('register and change a department; each change writes one audit entry', async () => {
  const uscc = makeUscc('11', '340604', '00300301');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: { ...bearer(admin), 'idempotency-key': 'dep-lieshan' },
    payload: { name: '烈山区数据资源管理局', uscc, regionCode: '340604' },
  });
  assert.equal(created.statusCode, 201);
  const dep = created.json() as { id: number; version: number };
  const updated = await t.app.inject({
    method: 'PATCH',
    url: `/api/departments/${dep.id}`,
    headers: bearer(admin),
    payload: { name: '烈山区政务服务数据管理局', version: dep.version },
  });
  assert.equal(updated.statusCode, 200);
  assert.equal((updated.json() as { version: number }).version, dep.version + 1);
  const stale = await t.app.inject({
    method: 'PATCH',
    url: `/api/departments/${dep.id}`,
    headers: bearer(admin),
    payload: { name: 'x', version: dep.version },
  });
  assert.equal(errorCode(stale), 'VERSION_CONFLICT');
  const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?targetType=department&targetId=${dep.id}`, headers: bearer(admin) })).json() as {
    items: { action: string; actorUsername: string; actorRole: string }[];
  };
  assert.deepEqual(
    audit.items.map((a) => a.action),
    ['department.update', 'department.create'],
  );
  assert.equal(audit.items[0].actorUsername, 'admin');
  assert.equal(audit.items[0].actorRole, 'admin');
});

test('bad department input: a clear code each, nothing stored', async () => {
  const cases: [object, string][] = [
    [{ name: '甲', uscc: '91350100M000100Y44', regionCode: '340600' }, 'DEPARTMENT_USCC_INVALID'],
    [{ name: '乙', uscc: makeUscc('11', '340600', '00300001'), regionCode: '340600' }, 'DEPARTMENT_USCC_TAKEN'],
    [{ name: '丙', uscc: makeUscc('11', '340600', '00309999'), regionCode: '349999' }, 'REGION_NOT_FOUND'],
    [{ name: '丁', uscc: makeUscc('11', '340600', '00309998'), regionCode: '340600', parentId: 99999 }, 'DEPARTMENT_NOT_FOUND'],
  ];
  const [{ n: before }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM department`);
  for (const [payload, code] of cases) {
    const res = await t.app.inject({ method: 'POST', url: '/api/departments', headers: { ...bearer(admin), 'idempotency-key': `bad-${code}` }, payload });
    assert.equal(errorCode(res), code);
  }
  const [{ n: afterCount }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM department`);
  assert.equal(afterCount, before);
});

test('a department cannot become its own ancestor', async () => {
  const list = (await t.app.inject({ method: 'GET', url: '/api/departments?q=淮北市市场监督管理局' })).json() as { items: { id: number; version: number }[] };
  const market = list.items[0];
  const child = await t.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: { ...bearer(admin), 'idempotency-key': 'dep-child' },
    payload: { name: '市场监管局食品科', uscc: makeUscc('11', '340600', '00300401'), regionCode: '340600', parentId: market.id },
  });
  const childId = (child.json() as { id: number }).id;
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/departments/${market.id}`,
    headers: bearer(admin),
    payload: { parentId: childId, version: market.version },
  });
  assert.equal(errorCode(res), 'DEPARTMENT_PARENT_CYCLE');
});
