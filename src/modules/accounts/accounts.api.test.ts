import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { PERMISSIONS } from '../../platform/permissions.ts';

let t: TestApp;
before(async () => {
  t = await testApp({ config: { loginMaxFailures: 3 } });
});
after(async () => {
  await t?.close();
});

async function auditCount(action: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`);
  return Number(n);
}

test('login sets an HttpOnly SameSite session cookie and returns the same token for Bearer use', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Demo@2026' } });
  assert.equal(res.statusCode, 200);
  const body = res.json() as { token: string; user: { username: string } };
  assert.equal(body.user.username, 'admin');
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /^tongban_session=/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const viaCookie = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { tongban_session: body.token } });
  assert.equal(viaCookie.statusCode, 200);
  const viaBearer = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
  assert.deepEqual((viaBearer.json() as { permissions: string[] }).permissions, [...PERMISSIONS], 'an admin holds every permission');
});

test('a wrong password is refused with AUTH_INVALID_CREDENTIALS and writes a failed-login entry', async () => {
  const before = await auditCount('auth.login.failed');
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'nope12345' } });
  assert.equal(res.statusCode, 401);
  assert.equal(errorCode(res), 'AUTH_INVALID_CREDENTIALS');
  assert.deepEqual(Object.keys((res.json() as { message: object }).message).sort(), ['en', 'zh']);
  assert.equal(await auditCount('auth.login.failed'), before + 1);
});

test('an unknown user gets the same answer as a wrong password', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'whatever1' } });
  assert.equal(errorCode(res), 'AUTH_INVALID_CREDENTIALS');
});

test('after too many failures the account is throttled, even with the right password', async () => {
  for (let i = 0; i < 3; i++) {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reviewer', password: `wrong-${i}x` } });
  }
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reviewer', password: 'Demo@2026' } });
  assert.equal(res.statusCode, 429);
  assert.equal(errorCode(res), 'AUTH_THROTTLED');
});

test('logout ends the session; the token no longer works', async () => {
  const token = await t.login('supervisor');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode, 204);
  const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  assert.equal(res.statusCode, 401);
  assert.equal(errorCode(res), 'AUTH_SESSION_EXPIRED');
});

test('an expired session is refused with AUTH_SESSION_EXPIRED', async () => {
  const token = await t.login('itemadmin');
  await t.database.db.execute(
    sql`UPDATE auth_token SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM app_user WHERE username = 'itemadmin')`,
  );
  const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  assert.equal(errorCode(res), 'AUTH_SESSION_EXPIRED');
});

test('no credentials: AUTH_REQUIRED', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
  assert.equal(res.statusCode, 401);
  assert.equal(errorCode(res), 'AUTH_REQUIRED');
});

test('password change needs the current password, and the new one then works', async () => {
  const token = await t.login('legalofficer');
  const wrong = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(token),
    payload: { currentPassword: 'bad-one-1', newPassword: 'NewPass2026' },
  });
  assert.equal(errorCode(wrong), 'AUTH_WRONG_PASSWORD');
  const weak = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(token),
    payload: { currentPassword: 'Demo@2026', newPassword: 'short' },
  });
  assert.equal(errorCode(weak), 'PASSWORD_TOO_WEAK');
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(token),
    payload: { currentPassword: 'Demo@2026', newPassword: 'NewPass2026' },
  });
  assert.equal(ok.statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode, 200, 'the session that changed it stays');
  await t.login('legalofficer', 'NewPass2026');
  const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'legalofficer', password: 'Demo@2026' } });
  assert.equal(old.statusCode, 401);
});

test('an admin creates a user; the same Idempotency-Key never creates two', async () => {
  const token = await t.login('admin');
  const payload = {
    username: 'window2',
    displayName: '窗口二号',
    password: 'Window2026',
    phone: '13800000001',
    roles: [{ role: 'clerk', regionCode: '340600' }],
  };
  const headers = { ...bearer(token), 'idempotency-key': 'create-window2' };
  const first = await t.app.inject({ method: 'POST', url: '/api/users', headers, payload });
  assert.equal(first.statusCode, 201);
  const created = first.json() as { id: number; phoneMasked: string };
  assert.equal(created.phoneMasked, '138****0001');
  const again = await t.app.inject({ method: 'POST', url: '/api/users', headers, payload });
  assert.equal(again.statusCode, 201);
  assert.equal((again.json() as { id: number }).id, created.id);
  const list = await t.app.inject({ method: 'GET', url: '/api/users?q=window2', headers: bearer(token) });
  assert.equal((list.json() as { total: number }).total, 1);
  assert.doesNotMatch(list.body, /13800000001/, 'phones are masked in lists');
  const reused = await t.app.inject({ method: 'POST', url: '/api/users', headers, payload: { ...payload, username: 'window3' } });
  assert.equal(errorCode(reused), 'IDEMPOTENCY_KEY_REUSED');
  const missing = await t.app.inject({ method: 'POST', url: '/api/users', headers: bearer(token), payload: { ...payload, username: 'window4' } });
  assert.equal(errorCode(missing), 'IDEMPOTENCY_KEY_REQUIRED');
  await t.login('window2', 'Window2026');
});

test('bad user input gets its own code and stores nothing', async () => {
  const token = await t.login('admin');
  const base = { username: 'newbie', displayName: '新人', password: 'Newbie2026', roles: [{ role: 'clerk' }] };
  const cases: [object, string][] = [
    [{ ...base, username: 'admin' }, 'USERNAME_TAKEN'],
    [{ ...base, username: 'a b' }, 'USERNAME_INVALID'],
    [{ ...base, password: 'abc' }, 'PASSWORD_TOO_WEAK'],
    [{ ...base, phone: '12345' }, 'PHONE_INVALID'],
    [{ ...base, roles: [{ role: 'clerk', regionCode: '990000' }] }, 'REGION_NOT_FOUND'],
    [{ ...base, roles: [{ role: 'clerk', departmentId: 9999 }] }, 'DEPARTMENT_NOT_FOUND'],
    [{ ...base, roles: [{ role: 'emperor' }] }, 'VALIDATION_FAILED'],
  ];
  for (const [payload, code] of cases) {
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...bearer(token), 'idempotency-key': `bad-${code}` }, payload });
    assert.equal(errorCode(res), code, JSON.stringify(payload));
    assert.ok(res.statusCode >= 400 && res.statusCode < 500);
  }
  const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM app_user WHERE username = 'newbie'`);
  assert.equal(Number(n), 0);
});

test('two admins editing the same user at once: one wins, the other gets VERSION_CONFLICT', async () => {
  const token = await t.login('admin');
  const list = await t.app.inject({ method: 'GET', url: '/api/users?q=company', headers: bearer(token) });
  const user = (list.json() as { items: { id: number; version: number }[] }).items[0];
  const [a, b] = await Promise.all([
    t.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: bearer(token), payload: { displayName: 'A', version: user.version } }),
    t.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: bearer(token), payload: { displayName: 'B', version: user.version } }),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  assert.equal(errorCode(a.statusCode === 409 ? a : b), 'VERSION_CONFLICT');
});

test('disabling a user ends their sessions and blocks login', async () => {
  const admin = await t.login('admin');
  const token = await t.login('agent');
  const list = await t.app.inject({ method: 'GET', url: '/api/users?q=agent', headers: bearer(admin) });
  const user = (list.json() as { items: { id: number; version: number }[] }).items[0];
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/users/${user.id}`,
    headers: bearer(admin),
    payload: { status: 'disabled', version: user.version },
  });
  assert.equal(res.statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode, 401);
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent', password: 'Demo@2026' } });
  assert.equal(errorCode(login), 'AUTH_ACCOUNT_DISABLED');
});

test('API tokens for machines: created once, usable as Bearer, revocable', async () => {
  const session = await t.login('dataofficer');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { ...bearer(session), 'idempotency-key': 'tok-1' },
    payload: { name: 'exchange gateway', days: 30 },
  });
  assert.equal(created.statusCode, 201);
  const { id, token } = created.json() as { id: number; token: string };
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode, 200);
  const listed = await t.app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(session) });
  assert.doesNotMatch(listed.body, new RegExp(token), 'the secret is never shown again');
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: bearer(session) })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode, 401);
});

test('an oversize body is refused with BODY_TOO_LARGE and changes nothing', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) } });
  assert.equal(res.statusCode, 413);
  assert.equal(errorCode(res), 'BODY_TOO_LARGE');
});

test('an account’s ID number must be real and nobody else’s', async () => {
  const token = await t.login('admin');
  const base = { displayName: '新用户', password: 'NewUser2026', roles: [{ role: 'applicant_person' }] };
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(token), 'idempotency-key': 'id-bad' },
    payload: { ...base, username: 'idbad', idNumber: '110105194912310021' },
  });
  assert.equal(errorCode(bad), 'ID_NUMBER_INVALID');
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(token), 'idempotency-key': 'id-ok' },
    payload: { ...base, username: 'idok', idNumber: '11010519491231002X' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const dup = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(token), 'idempotency-key': 'id-dup' },
    payload: { ...base, username: 'iddup', idNumber: '11010519491231002x' },
  });
  assert.equal(errorCode(dup), 'ID_NUMBER_TAKEN');
});

test('a search for % or _ matches those characters, not every account', async () => {
  const admin = await t.login('admin');
  const all = (await t.app.inject({ method: 'GET', url: '/api/users?pageSize=200', headers: bearer(admin) })).json() as { total: number };
  assert.ok(all.total > 3);
  for (const q of ['%', '_', '%25']) {
    const res = await t.app.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent(q)}`, headers: bearer(admin) });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { total: number }).total, 0, q);
  }
  const departments = (await t.app.inject({ method: 'GET', url: `/api/departments?q=${encodeURIComponent('_')}` })).json() as {
    total?: number;
    items: unknown[];
  };
  assert.equal(departments.items.length, 0);
});
