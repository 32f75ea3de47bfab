import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, testConfig, type TestApp } from '../../tests/support/app.ts';
import { testDatabase } from '../../tests/support/db.ts';
import { queryRows } from '../platform/db/db.ts';
import { buildApp, MAX_JSON_DEPTH } from './app.ts';

// Bad input is a 400 with a code, never a 500, and nothing is stored (issue 18: NUL characters, lone surrogates,
// deep JSON, dates that pass the format but do not exist; anonymous bad bodies).
let t: TestApp;
let admin: string;
before(async () => {
  t = await testApp();
  admin = await t.login('admin');
});
after(async () => {
  await t?.close();
});

const userCount = async () => Number((await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM app_user`))[0].n);

function createUser(body: string, key: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(admin), 'idempotency-key': key, 'content-type': 'application/json' },
    payload: body,
  });
}

test('a NUL character in a JSON string is refused before any handler, and no account is made', async () => {
  const before = await userCount();
  const res = await createUser('{"username":"nul\\u0000user","displayName":"x","password":"Passw0rd1","roles":[]}', 'nul-1');
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'INPUT_MALFORMED');
  assert.equal(await userCount(), before);
});

test('a lone surrogate in a key or a value is refused', async () => {
  for (const body of [
    '{"username":"ok.user","displayName":"\\ud800x","password":"Passw0rd1","roles":[]}',
    '{"username":"ok.user","displayName":"x","password":"Passw0rd1","roles":[],"\\udc00":1}',
  ]) {
    const res = await createUser(body, `sur-${body.length}`);
    assert.equal(res.statusCode, 400, body);
    assert.equal(errorCode(res), 'INPUT_MALFORMED');
  }
  // A proper pair (an emoji) is fine.
  const pair = await createUser('{"username":"emoji.user","displayName":"\\ud83d\\ude00","password":"Passw0rd1","roles":[]}', 'pair');
  assert.equal(pair.statusCode, 201);
});

test('JSON nested 20,000 deep gets 400 even without signing in; nesting within the limit is parsed', async () => {
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: deep });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'INPUT_MALFORMED');
  // Brackets inside strings do not count as nesting.
  const inString = JSON.stringify({ username: '['.repeat(MAX_JSON_DEPTH + 10), password: 'x' });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: inString });
  assert.notEqual(errorCode(login), 'INPUT_MALFORMED');
});

test('a __proto__ key is refused', async () => {
  const res = await createUser('{"username":"proto.user","displayName":"x","password":"Passw0rd1","roles":[],"__proto__":{"admin":true}}', 'proto');
  assert.equal(res.statusCode, 400);
});

test('a NUL in the URL is a 400', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/users?q=a%00b', headers: bearer(admin) });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'INPUT_MALFORMED');
});

test('a date that passes the format but does not exist is INVALID_DATE (400), in a path and in a query', async () => {
  for (const url of ['/api/calendar/add?from=2026-13-45&days=1', '/api/calendar/days?from=2026-02-30&days=3']) {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 400, url);
  }
  const put = await t.app.inject({
    method: 'PUT',
    url: '/api/calendar/days/2026-13-45',
    headers: bearer(admin),
    payload: { isWorkday: true, name: null, version: 1 },
  });
  assert.equal(put.statusCode, 400);
  assert.equal(errorCode(put), 'INVALID_DATE');
});

test('an anonymous bad body on a protected route is 401, not a 400 that describes the schema or the parse', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: { 'idempotency-key': 'anon' }, payload: { nonsense: true } });
  assert.equal(res.statusCode, 401);
  assert.doesNotMatch(res.body, /username/);
  for (const body of ['{"username":', '['.repeat(20_000), '{"a":"\\u0000"}']) {
    const raw = await t.app.inject({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: body });
    assert.equal(raw.statusCode, 401, body.slice(0, 20));
  }
  // Signed in without the permission: 403 before the body is looked at.
  const person = await t.login('person');
  const forbidden = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(person), 'content-type': 'application/json' },
    payload: '{"username":',
  });
  assert.equal(forbidden.statusCode, 403);
});

test('a value the database refuses is a 400 and its statement parameters never reach the log', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const database = await testDatabase('reference');
  const app = await buildApp({ database, config: testConfig({ logLevel: 'info' }), logStream: stream });
  const secret = '11010519491231002X';
  // A statement that fails on a value, carrying a personal number as a parameter beside it.
  app.get('/api/test/refused', { config: { access: 'public' } }, async () =>
    database.db.execute(sql`SELECT ${secret}::text AS id, ${'2026-13-45'}::date AS day`),
  );
  app.get('/api/test/failed', { config: { access: 'public' } }, async () => database.db.execute(sql`SELECT ${secret}::text AS id FROM no_such_table`));
  await app.ready();
  try {
    const refused = await app.inject({ method: 'GET', url: '/api/test/refused' });
    assert.equal(refused.statusCode, 400);
    assert.equal(errorCode(refused), 'VALUE_REJECTED');
    const failed = await app.inject({ method: 'GET', url: '/api/test/failed' });
    assert.equal(failed.statusCode, 500);
    assert.doesNotMatch(failed.body, /19491231/);
    const log = lines.join('');
    assert.match(log, /no_such_table/, 'the failing statement is named');
    assert.doesNotMatch(log, /19491231/, 'no parameter in the log');
    assert.doesNotMatch(log, /params/);
  } finally {
    await app.close();
    await database.close();
  }
});
