import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { DEMO_PASSWORD } from '../../bootstrap/demo.ts';
import { queryRows } from '../../platform/db/db.ts';
import { makeUscc } from '../../platform/identity.ts';

/**
 * Regions and departments: the region tree and the department list are public; departments are registered and
 * changed only by an admin whose scope holds them (where they are, and where they go).
 */
let cast: Cast;

const freshUscc = (region: string) => makeUscc('11', region, String(Math.floor(Math.random() * 1e8)).padStart(8, '0'));

async function departmentRow(name: string): Promise<{ id: number; version: number; parentId: number | null }> {
  const [row] = await queryRows<{ id: number; version: number; parentId: number | null }>(
    cast.t.database.db,
    sql`SELECT id::int AS id, version, parent_id::int AS "parentId" FROM department WHERE name = ${name}`,
  );
  return { id: Number(row.id), version: Number(row.version), parentId: row.parentId === null ? null : Number(row.parentId) };
}

async function register(token: string, body: { name: string; regionCode: string; parentId?: number }) {
  return cast.t.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: { ...bearer(token), 'idempotency-key': `dep-${body.name}-${Math.random()}` },
    payload: { uscc: freshUscc(body.regionCode), ...body },
  });
}

const create = (regionCode: string, parent?: string) => async (actor: string, c: Cast) => ({
  url: '/api/departments',
  payload: { name: `${actor} 新部门`, uscc: freshUscc(regionCode), regionCode, ...(parent ? { parentId: await c.department(parent) } : {}) },
});
const change =
  (name: string, body: object = {}) =>
  async () => {
    const { id, version } = await departmentRow(name);
    return { url: `/api/departments/${id}`, payload: { ...body, version } };
  };

before(async () => {
  cast = await castApp({ config: { loginRateLimit: 0 } });
  const admin = cast.token('admin');
  for (const name of ['相山区搬迁测试局', '相山区挂靠测试局']) assert.equal((await register(admin, { name, regionCode: '340603' })).statusCode, 201);
});
after(() => cast.t.close());

permissionMatrix(
  'regions',
  [
    { route: 'GET /api/regions', allowed: 'public' },
    { route: 'GET /api/regions/:code', allowed: 'public', request: { url: '/api/regions/340603' } },
    { route: 'GET /api/departments', allowed: 'public', request: { url: '/api/departments?regionCode=340600' } },
    { route: 'POST /api/departments', allowed: ['admin', 'admin.xs'], request: create('340603'), allowedStatus: [201] },
    { route: 'POST /api/departments', allowed: ['admin', 'admin.sx'], request: create('340621', '濉溪县市场监督管理局'), allowedStatus: [201] },
    { route: 'POST /api/departments', allowed: ['admin'], request: create('340600'), allowedStatus: [201] },
    { route: 'POST /api/departments', allowed: ['admin'], request: create('340603', '淮北市市场监督管理局'), allowedStatus: [201] },
    { route: 'PATCH /api/departments/:id', allowed: ['admin', 'admin.xs'], request: change('相山区市场监督管理局'), allowedStatus: [200] },
    { route: 'PATCH /api/departments/:id', allowed: ['admin', 'admin.sx'], request: change('濉溪县市场监督管理局'), allowedStatus: [200] },
    { route: 'PATCH /api/departments/:id', allowed: ['admin'], request: change('淮北市市场监督管理局'), allowedStatus: [200] },
    // Inside the county, but moved out of it, or hung under a city department.
    { route: 'PATCH /api/departments/:id', allowed: ['admin'], request: change('相山区搬迁测试局', { regionCode: '340600' }), allowedStatus: [200] },
    {
      route: 'PATCH /api/departments/:id',
      allowed: ['admin'],
      request: async (_actor, c) => change('相山区挂靠测试局', { parentId: await c.department('淮北市市场监督管理局') })(),
      allowedStatus: [200],
    },
  ],
  () => cast,
);

test('a county admin registers a department only in its county', async () => {
  const token = await cast.t.login('admin.xs');
  const elsewhere = await register(token, { name: '濉溪县某局', regionCode: '340621' });
  assert.equal(errorCode(elsewhere), 'AUTH_FORBIDDEN');
  const city = await register(token, { name: '淮北市某局', regionCode: '340600' });
  assert.equal(errorCode(city), 'AUTH_FORBIDDEN');
  const own = await register(token, { name: '相山区某局', regionCode: '340603' });
  assert.equal(own.statusCode, 201, own.body);
});

test('an admin scoped to one city cannot register a department in another', async () => {
  const create = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(await cast.t.login('admin')), 'idempotency-key': 'city-admin' },
    payload: { username: 'cityadmin', displayName: '市管理员', password: 'CityAdmin1', roles: [{ role: 'admin', regionCode: '340600' }] },
  });
  assert.equal(create.statusCode, 201);
  const elsewhere = await register(await cast.t.login('cityadmin', 'CityAdmin1'), { name: '合肥市某局', regionCode: '340100' });
  assert.equal(elsewhere.statusCode, 403);
});

test('an admin scoped to a department changes that department and adds sub-departments to it, nothing else', async () => {
  const xsMarket = await departmentRow('相山区市场监督管理局');
  const create = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(await cast.t.login('admin')), 'idempotency-key': 'dept-admin' },
    payload: {
      username: 'deptadmin.xs',
      displayName: '相山区市场监管局管理员',
      password: DEMO_PASSWORD,
      roles: [{ role: 'admin', regionCode: '340603', departmentId: xsMarket.id }],
    },
  });
  assert.equal(create.statusCode, 201, create.body);
  const token = await cast.t.login('deptadmin.xs');
  const loose = await register(token, { name: '相山区另一局', regionCode: '340603' });
  assert.equal(errorCode(loose), 'AUTH_FORBIDDEN', 'not a department of its county beside its own');
  const child = await register(token, { name: '相山区市场监管局某所', regionCode: '340603', parentId: xsMarket.id });
  assert.equal(child.statusCode, 201, child.body);
  const other = await departmentRow('相山区搬迁测试局');
  const res = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/departments/${other.id}`,
    headers: bearer(token),
    payload: { name: 'x', version: other.version },
  });
  assert.equal(errorCode(res), 'AUTH_FORBIDDEN', 'not another department of its county');
  const own = await departmentRow('相山区市场监督管理局');
  const renamed = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/departments/${own.id}`,
    headers: bearer(token),
    payload: { name: '相山区市场监督管理局', version: own.version },
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
});
