import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApp, type TestApp } from '../../../tests/support/app.ts';
import { demoAccounts } from '../../bootstrap/demo.ts';

let t: TestApp;
const tokens = new Map<string, string>();
before(async () => {
  t = await testApp();
  for (const a of demoAccounts) tokens.set(a.username, await t.login(a.username));
});
after(async () => {
  await t?.close();
});

// Who may call what: the matrix a bureau signs off. 401 without a session, 403 for a role without the permission.
const protectedRoutes: { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; allowed: string[]; payload?: object }[] = [
  { method: 'GET', url: '/api/users', allowed: ['admin'] },
  { method: 'GET', url: '/api/users/1', allowed: ['admin'] },
  { method: 'PATCH', url: '/api/users/1', allowed: ['admin'], payload: { version: 1 } },
  { method: 'POST', url: '/api/users/1/password', allowed: ['admin'], payload: { password: 'x' } },
  { method: 'PATCH', url: '/api/departments/1', allowed: ['admin'], payload: { version: 99 } },
  { method: 'PUT', url: '/api/calendar/days/2026-01-05', allowed: ['admin'], payload: { isWorkday: true, name: null, version: 99 } },
  { method: 'POST', url: '/api/calendar/import', allowed: ['admin'], payload: { format: 'csv', content: 'bad' } },
  { method: 'GET', url: '/api/audit', allowed: ['admin', 'supervisor'] },
  { method: 'GET', url: '/api/audit/verify', allowed: ['admin', 'supervisor'] },
  { method: 'GET', url: '/api/auth/tokens', allowed: ['admin', 'dataofficer'] },
];

for (const route of protectedRoutes) {
  test(`${route.method} ${route.url}: only ${route.allowed.join(', ')}`, async () => {
    const anonymous = await t.app.inject({ method: route.method, url: route.url, payload: route.payload });
    assert.equal(anonymous.statusCode, 401);
    for (const a of demoAccounts) {
      const res = await t.app.inject({ method: route.method, url: route.url, payload: route.payload, headers: bearer(tokens.get(a.username)!) });
      if (route.allowed.includes(a.username)) assert.notEqual(res.statusCode, 403, `${a.username} should be allowed`);
      else assert.equal(res.statusCode, 403, `${a.username} should be forbidden`);
    }
  });
}

test('every signed-in role can read its own account', async () => {
  for (const a of demoAccounts) {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.get(a.username)!) });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { user: { roles: { role: string }[] } }).user.roles[0].role, a.role);
  }
});

test('an admin scoped to one city cannot register a department in another', async () => {
  const admin = tokens.get('admin')!;
  const create = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(admin), 'idempotency-key': 'city-admin' },
    payload: { username: 'cityadmin', displayName: '市管理员', password: 'CityAdmin1', roles: [{ role: 'admin', regionCode: '340600' }] },
  });
  assert.equal(create.statusCode, 201);
  const cityAdmin = await t.login('cityadmin', 'CityAdmin1');
  const elsewhere = await t.app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: { ...bearer(cityAdmin), 'idempotency-key': 'dep-hefei' },
    payload: { name: '合肥市某局', uscc: '11340100003000011N', regionCode: '340100' },
  });
  assert.equal(elsewhere.statusCode, 403);
});
