import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { DEMO_PASSWORD } from '../../bootstrap/demo.ts';
import { systemContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/db.ts';
import { createUser } from './accounts.service.ts';

/**
 * Accounts: role × route × region. A county admin (admin.xs, 相山区 340603; admin.sx, 濉溪县 340621) manages only
 * accounts whose every grant lies in its county, and grants only roles there; accounts of the public and national
 * or city-wide staff are the national admin's.
 */
let cast: Cast;
let smsPhones = 0;
const TOKEN_HOLDERS = ['admin', 'dataofficer', 'admin.xs', 'admin.sx', 'dataofficer.sx'];

async function createAccount(username: string, roles: { role: string; regionCode?: string | null; departmentId?: number | null }[]) {
  const res = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(cast.token('admin')), 'idempotency-key': `setup-${username}` },
    payload: { username, displayName: username, password: DEMO_PASSWORD, roles },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
}

async function versionOf(username: string): Promise<{ id: number; version: number }> {
  const [row] = await queryRows<{ id: number; version: number }>(
    cast.t.database.db,
    sql`SELECT id::int AS id, version FROM app_user WHERE username = ${username}`,
  );
  return { id: Number(row.id), version: Number(row.version) };
}

const userUrl =
  (username: string, suffix = '') =>
  async (_actor: string, c: Cast) => ({ url: `/api/users/${await c.userId(username)}${suffix}` });
const rename = (username: string) => async () => {
  const { id, version } = await versionOf(username);
  return { url: `/api/users/${id}`, payload: { displayName: `${username} 改`, version } };
};
const reset = (username: string) => async (_actor: string, c: Cast) => ({
  url: `/api/users/${await c.userId(username)}/password`,
  payload: { password: DEMO_PASSWORD },
});
const newAccount = (roles: (c: Cast) => Promise<object[]> | object[]) => async (actor: string, c: Cast) => ({
  url: '/api/users',
  payload: { username: `new.${actor}.${Math.random().toString(36).slice(2, 8)}`, displayName: '新账号', password: DEMO_PASSWORD, roles: await roles(c) },
});

before(async () => {
  // The matrix signs in over and over from one address: the login rate limit is another module's test.
  cast = await castApp({ config: { loginRateLimit: 0 } });
  await createAccount('target.xs', [{ role: 'clerk', regionCode: '340603' }]);
  await createAccount('target.city', [{ role: 'clerk', regionCode: '340600' }]);
  await createAccount('target.sx', [{ role: 'clerk', regionCode: '340621' }]);
  await createAccount('widen.xs', [{ role: 'clerk', regionCode: '340603' }]);
  await createAccount('mixed.xs', [
    { role: 'clerk', regionCode: '340603' },
    { role: 'supervisor', regionCode: '340600' },
  ]);
});
after(() => cast.t.close());

permissionMatrix(
  'accounts',
  [
    { route: 'POST /api/auth/login', allowed: 'public', request: { payload: { username: 'person', password: DEMO_PASSWORD } }, allowedStatus: [200] },
    { route: 'GET /api/auth/me', allowed: 'signed-in' },
    // The public's own accounts (ADR 0027): anyone may ask for a code, register or reset; the code decides.
    {
      route: 'POST /api/auth/sms-codes',
      allowed: 'public',
      request: () => ({ payload: { purpose: 'register', phone: `1360000${String(1000 + ++smsPhones)}` } }),
      allowedStatus: [202, 429],
    },
    {
      route: 'POST /api/auth/register',
      allowed: 'public',
      request: (actor) => ({
        payload: {
          kind: 'person',
          username: `reg.${actor}`,
          displayName: '注册测试',
          idNumber: '34060319900101123X',
          phone: '13600009999',
          code: '000000',
          password: DEMO_PASSWORD,
        },
      }),
      allowedStatus: [400],
    },
    {
      route: 'POST /api/auth/password-reset',
      allowed: 'public',
      request: { payload: { username: 'person', phone: '13600009999', code: '000000', newPassword: DEMO_PASSWORD } },
      allowedStatus: [400],
    },
    {
      route: 'POST /api/auth/password',
      allowed: 'signed-in',
      request: { payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } },
      allowedStatus: [204],
    },
    { route: 'GET /api/auth/tokens', allowed: TOKEN_HOLDERS },
    { route: 'POST /api/auth/tokens', allowed: TOKEN_HOLDERS, request: { payload: { name: 'matrix' } }, allowedStatus: [201] },
    {
      route: 'DELETE /api/auth/tokens/:id',
      allowed: TOKEN_HOLDERS,
      request: async (actor, c) => {
        if (!TOKEN_HOLDERS.includes(actor)) return { url: '/api/auth/tokens/1' };
        const res = await c.t.app.inject({
          method: 'POST',
          url: '/api/auth/tokens',
          headers: { ...bearer(c.token(actor)), 'idempotency-key': `del-${actor}` },
          payload: { name: 'to revoke' },
        });
        return { url: `/api/auth/tokens/${(res.json() as { id: number }).id}` };
      },
      allowedStatus: [204],
    },
    // Every admin lists; what each sees is checked below.
    { route: 'GET /api/users', allowed: ['admin', 'admin.xs', 'admin.sx'] },
    { route: 'GET /api/users/:id', allowed: ['admin', 'admin.xs'], request: userUrl('reviewer.xs'), allowedStatus: [200] },
    { route: 'GET /api/users/:id', allowed: ['admin', 'admin.sx'], request: userUrl('reviewer.sx'), allowedStatus: [200] },
    { route: 'GET /api/users/:id', allowed: ['admin'], request: userUrl('supervisor'), allowedStatus: [200] },
    { route: 'GET /api/users/:id', allowed: ['admin'], request: userUrl('person'), allowedStatus: [200] },
    { route: 'GET /api/users/:id', allowed: ['admin'], request: userUrl('mixed.xs'), allowedStatus: [200] },
    { route: 'POST /api/users', allowed: ['admin', 'admin.xs'], request: newAccount(() => [{ role: 'clerk', regionCode: '340603' }]), allowedStatus: [201] },
    {
      route: 'POST /api/users',
      allowed: ['admin', 'admin.sx'],
      request: newAccount(async (c) => [{ role: 'reviewer', departmentId: await c.department('濉溪县市场监督管理局') }]),
      allowedStatus: [201],
    },
    { route: 'POST /api/users', allowed: ['admin'], request: newAccount(() => [{ role: 'admin' }]), allowedStatus: [201] },
    { route: 'POST /api/users', allowed: ['admin'], request: newAccount(() => [{ role: 'supervisor', regionCode: '340600' }]), allowedStatus: [201] },
    { route: 'POST /api/users', allowed: ['admin'], request: newAccount(() => [{ role: 'applicant_person', regionCode: '340603' }]), allowedStatus: [201] },
    { route: 'PATCH /api/users/:id', allowed: ['admin', 'admin.xs'], request: rename('target.xs'), allowedStatus: [200] },
    { route: 'PATCH /api/users/:id', allowed: ['admin', 'admin.sx'], request: rename('target.sx'), allowedStatus: [200] },
    { route: 'PATCH /api/users/:id', allowed: ['admin'], request: rename('target.city'), allowedStatus: [200] },
    { route: 'PATCH /api/users/:id', allowed: ['admin'], request: rename('mixed.xs'), allowedStatus: [200] },
    {
      route: 'PATCH /api/users/:id',
      allowed: ['admin'],
      request: async () => {
        const { id, version } = await versionOf('widen.xs');
        return { url: `/api/users/${id}`, payload: { roles: [{ role: 'clerk', regionCode: '340600' }], version } };
      },
      allowedStatus: [200],
    },
    { route: 'POST /api/users/:id/password', allowed: ['admin', 'admin.xs'], request: reset('target.xs'), allowedStatus: [204] },
    { route: 'POST /api/users/:id/password', allowed: ['admin', 'admin.sx'], request: reset('target.sx'), allowedStatus: [204] },
    { route: 'POST /api/users/:id/password', allowed: ['admin'], request: reset('target.city'), allowedStatus: [204] },
  ],
  () => cast,
);

// After the matrix above: it ends every session of the cast.
permissionMatrix('accounts', [{ route: 'POST /api/auth/logout', allowed: 'signed-in', allowedStatus: [204] }], () => cast);

// ── What a county admin may do, named ─────────────────────────────────────────
// These sign in afresh: the cast's sessions have ended, and a password reset ends the target's.

async function as(username: string) {
  return bearer(await cast.t.login(username));
}

async function userList(headers: Record<string, string>, query = '') {
  const res = await cast.t.app.inject({ method: 'GET', url: `/api/users?pageSize=100${query}`, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { total: number; items: { username: string; roles: { role: string; regionCode: string | null }[] }[] };
}

test('a county admin lists only the accounts of its county, and the total counts only those', async () => {
  const list = await userList(await as('admin.xs'));
  const names = list.items.map((u) => u.username).sort();
  for (const inside of ['admin.xs', 'supervisor.xs', 'reviewer.xs', 'target.xs']) assert.ok(names.includes(inside), `${inside} is listed`);
  for (const outside of ['admin', 'supervisor', 'reviewer', 'person', 'company', 'agent', 'admin.sx', 'reviewer.sx', 'target.city', 'mixed.xs']) {
    assert.ok(!names.includes(outside), `${outside} is not listed`);
  }
  assert.ok(list.items.every((u) => u.roles.length > 0 && u.roles.every((r) => r.regionCode?.startsWith('340603'))));
  assert.equal(list.total, list.items.length);
  const page = (await cast.t.app.inject({ method: 'GET', url: '/api/users?pageSize=2&page=1', headers: await as('admin.xs') })).json() as {
    total: number;
    items: unknown[];
  };
  assert.equal(page.items.length, 2);
  assert.equal(page.total, list.total, 'the total is of the scope, not of one page');
  const searched = await userList(await as('admin.xs'), '&q=supervisor');
  assert.deepEqual(
    searched.items.map((u) => u.username),
    ['supervisor.xs'],
  );
  assert.equal(searched.total, 1);
});

test('the national admin lists every account', async () => {
  const [{ n }] = await queryRows<{ n: number }>(cast.t.database.db, sql`SELECT count(*)::int AS n FROM app_user`);
  assert.equal((await userList(await as('admin'))).total, Number(n));
});

test("a county admin cannot reset the city supervisor's password; the old one still works", async () => {
  const supervisor = await cast.userId('supervisor');
  const res = await cast.t.app.inject({
    method: 'POST',
    url: `/api/users/${supervisor}/password`,
    headers: await as('admin.xs'),
    payload: { password: 'Taken0ver1' },
  });
  assert.equal(res.statusCode, 403);
  assert.equal(errorCode(res), 'USER_OUT_OF_SCOPE');
  await cast.t.login('supervisor', DEMO_PASSWORD);
});

test("a county admin resets the password of its county's reviewer; the other county's admin cannot", async () => {
  const reviewer = await cast.userId('reviewer.xs');
  const other = await cast.t.app.inject({
    method: 'POST',
    url: `/api/users/${reviewer}/password`,
    headers: await as('admin.sx'),
    payload: { password: 'Taken0ver1' },
  });
  assert.equal(other.statusCode, 403);
  assert.equal(errorCode(other), 'USER_OUT_OF_SCOPE');
  const own = await cast.t.app.inject({
    method: 'POST',
    url: `/api/users/${reviewer}/password`,
    headers: await as('admin.xs'),
    payload: { password: 'Reset2026x' },
  });
  assert.equal(own.statusCode, 204, own.body);
  await cast.t.login('reviewer.xs', 'Reset2026x');
});

test('a county admin cannot disable the city supervisor', async () => {
  const { id, version } = await versionOf('supervisor');
  const res = await cast.t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: await as('admin.xs'), payload: { status: 'disabled', version } });
  assert.equal(errorCode(res), 'USER_OUT_OF_SCOPE');
  assert.equal((await versionOf('supervisor')).version, version, 'nothing changed');
});

test('a county admin grants only roles inside its county', async () => {
  const headers = await as('admin.xs');
  const sxMarket = await cast.department('濉溪县市场监督管理局');
  const cityMarket = await cast.department('淮北市市场监督管理局');
  const refused: [string, object[], string][] = [
    ['an admin with no region', [{ role: 'admin' }], 'ROLE_OUT_OF_SCOPE'],
    ['a city-wide role', [{ role: 'reviewer', regionCode: '340600' }], 'ROLE_OUT_OF_SCOPE'],
    ["another county's department", [{ role: 'reviewer', departmentId: sxMarket }], 'ROLE_OUT_OF_SCOPE'],
    ["the city's department", [{ role: 'reviewer', departmentId: cityMarket }], 'ROLE_OUT_OF_SCOPE'],
    ["another county's department under its own region", [{ role: 'reviewer', regionCode: '340603', departmentId: sxMarket }], 'ROLE_SCOPE_INCONSISTENT'],
    [
      'one role inside and one outside',
      [
        { role: 'clerk', regionCode: '340603' },
        { role: 'clerk', regionCode: '340621' },
      ],
      'ROLE_OUT_OF_SCOPE',
    ],
    ['an applicant, even with a region', [{ role: 'applicant_person', regionCode: '340603' }], 'ROLE_OUT_OF_SCOPE'],
    ['no role at all', [], 'ROLE_OUT_OF_SCOPE'],
  ];
  for (const [what, roles, code] of refused) {
    const res = await cast.t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...headers, 'idempotency-key': `grant-${what}` },
      payload: { username: 'grabber', displayName: 'grabber', password: DEMO_PASSWORD, roles },
    });
    assert.equal(errorCode(res), code, what);
  }
  const [{ n }] = await queryRows<{ n: number }>(cast.t.database.db, sql`SELECT count(*)::int AS n FROM app_user WHERE username = 'grabber'`);
  assert.equal(Number(n), 0, 'nothing stored');
  const ok = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...headers, 'idempotency-key': 'grant-ok' },
    payload: { username: 'admin2.xs', displayName: 'admin2.xs', password: DEMO_PASSWORD, roles: [{ role: 'admin', regionCode: '340603' }] },
  });
  assert.equal(ok.statusCode, 201, ok.body);
});

test("a role named with a department only carries that department's region", async () => {
  const xsMarket = await cast.department('相山区市场监督管理局');
  const res = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...(await as('admin.xs')), 'idempotency-key': 'dept-only' },
    payload: { username: 'deptonly.xs', displayName: 'deptonly', password: DEMO_PASSWORD, roles: [{ role: 'reviewer', departmentId: xsMarket }] },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual((res.json() as { roles: unknown[] }).roles, [{ role: 'reviewer', regionCode: '340603', departmentId: xsMarket }]);
});

test('changing roles needs both the old and the new ones inside scope', async () => {
  const headers = await as('admin.xs');
  const reviewer = await versionOf('reviewer.xs');
  const widen = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/users/${reviewer.id}`,
    headers,
    payload: { roles: [{ role: 'admin' }], version: reviewer.version },
  });
  assert.equal(errorCode(widen), 'ROLE_OUT_OF_SCOPE', 'a county admin cannot raise its own county staff to national');
  const city = await versionOf('target.city');
  const pull = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/users/${city.id}`,
    headers,
    payload: { roles: [{ role: 'clerk', regionCode: '340603' }], version: city.version },
  });
  assert.equal(errorCode(pull), 'USER_OUT_OF_SCOPE', 'nor pull a city account into its county');
  const self = await versionOf('admin.xs');
  const raise = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/users/${self.id}`,
    headers,
    payload: { roles: [{ role: 'admin', regionCode: '340600' }], version: self.version },
  });
  assert.equal(errorCode(raise), 'ROLE_OUT_OF_SCOPE', 'nor widen its own scope');
  assert.equal((await versionOf('reviewer.xs')).version, reviewer.version);
  const within = await cast.t.app.inject({
    method: 'PATCH',
    url: `/api/users/${reviewer.id}`,
    headers,
    payload: {
      roles: [
        { role: 'reviewer', departmentId: await cast.department('相山区市场监督管理局') },
        { role: 'clerk', regionCode: '340603' },
      ],
      version: reviewer.version,
    },
  });
  assert.equal(within.statusCode, 200, within.body);
});

test('the command line (system) is not limited: it creates a national admin', async () => {
  const created = await cast.t.database.db.transaction((tx) =>
    createUser(tx, systemContext(), { username: 'cli.admin', displayName: 'cli', password: DEMO_PASSWORD, roles: [{ role: 'admin' }] }),
  );
  assert.deepEqual(created.roles, [{ role: 'admin', regionCode: null, departmentId: null }]);
});

// ── API tokens ──────────────────────────────────────────────────────────────

test('an API token expires after 90 days unless asked otherwise, and never lives longer than 365', async () => {
  const headers = await as('dataofficer');
  const make = (key: string, payload: object) =>
    cast.t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { ...headers, 'idempotency-key': key }, payload });
  const plain = await make('tok-default', { name: 'default' });
  assert.equal(plain.statusCode, 201, plain.body);
  const days = (Date.parse((plain.json() as { expiresAt: string }).expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);
  assert.equal(errorCode(await make('tok-never', { name: 'never', days: null })), 'VALIDATION_FAILED');
  assert.equal(errorCode(await make('tok-long', { name: 'long', days: 366 })), 'VALIDATION_FAILED');
  assert.equal((await make('tok-year', { name: 'year', days: 365 })).statusCode, 201);
  const [{ n }] = await queryRows<{ n: number }>(cast.t.database.db, sql`SELECT count(*)::int AS n FROM auth_token WHERE kind = 'api' AND expires_at IS NULL`);
  assert.equal(Number(n), 0, 'no token without an end');
});

test("nobody revokes another user's API token", async () => {
  const own = await cast.t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { ...(await as('dataofficer')), 'idempotency-key': 'tok-mine' },
    payload: { name: 'mine' },
  });
  const { id, token } = own.json() as { id: number; token: string };
  for (const other of ['admin', 'admin.xs', 'dataofficer.sx']) {
    const res = await cast.t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: await as(other) });
    assert.equal(errorCode(res), 'TOKEN_NOT_FOUND', other);
  }
  assert.equal((await cast.t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode, 200);
});
