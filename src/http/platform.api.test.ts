import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { bearer, errorCode, testApp, type TestApp } from '../../tests/support/app.ts';
import { buildApp } from './app.ts';
import { pinToday } from '../platform/clock.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t?.close();
});

test('contract: GET /api/calendar/add?from=2024-09-27&days=5 → {"date":"2024-10-10"}', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2024-09-27&days=5' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { date: '2024-10-10' });
});

test('calendar: a year not loaded is CALENDAR_YEAR_MISSING; a malformed date is INVALID_DATE', async () => {
  const missing = await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2026-12-28&days=5' });
  assert.equal(missing.statusCode, 422);
  assert.equal(errorCode(missing), 'CALENDAR_YEAR_MISSING');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2024-02-30&days=1' })), 'INVALID_DATE');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2024-09-27&days=x' })), 'VALIDATION_FAILED');
});

test('health, readiness and Prometheus metrics', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/health' })).json().status, 'ok');
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/ready' })).json(), { status: 'ready', database: t.database.kind });
  const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
  assert.match(metrics.body, /tongban_http_request_duration_seconds_bucket\{[^}]*route="\/api\/ready"/);
  assert.match(metrics.body, /tongban_process_cpu_user_seconds_total/);
});

test('every response carries a request id; an incoming one is kept', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
  assert.equal(res.headers['x-request-id'], 'trace-123');
  assert.ok((await t.app.inject({ method: 'GET', url: '/api/health' })).headers['x-request-id']);
});

test('security headers are set', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['strict-transport-security']);
  const missing = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
  assert.equal(missing.statusCode, 404);
  assert.match(String(missing.headers['content-security-policy']), /script-src 'self'/, 'error replies carry them too');
  assert.equal(missing.headers['x-powered-by'], undefined);
});

test('OpenAPI document lists the routes with their schemas', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    openapi: string;
    paths: Record<string, Record<string, { responses: object }>>;
  };
  assert.equal(doc.openapi, '3.1.0');
  for (const path of ['/api/auth/login', '/api/calendar/add', '/api/audit', '/api/users', '/api/departments', '/api/regions', '/api/check/id/{value}']) {
    assert.ok(doc.paths[path], `${path} documented`);
  }
  assert.ok(doc.paths['/api/auth/login'].post.responses);
  // Every $ref names a schema the document holds (named views are components).
  const text = JSON.stringify(doc);
  const schemas = (doc as unknown as { components?: { schemas?: Record<string, unknown> } }).components?.schemas ?? {};
  const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 0);
  assert.deepEqual([...new Set(refs.filter((r) => !(r in schemas)))], [], 'dangling $refs');
  const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
  assert.ok([200, 302].includes(docs.statusCode));
});

test('identity checks over HTTP', async () => {
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/check/id/11010519491231002X' })).json(), { valid: true });
  const bad = (await t.app.inject({ method: 'GET', url: '/api/check/id/110105194912310021' })).json() as { valid: boolean; reason: string; reasonZh: string };
  assert.equal(bad.valid, false);
  assert.match(bad.reason, /check character/);
  assert.equal(bad.reasonZh, '校验码应为 X，实为 1');
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/check/uscc/91350100M000100Y43' })).json(), { valid: true });
});

test('code lists of the standards are loaded', async () => {
  const res = (await t.app.inject({ method: 'GET', url: '/api/code-lists/item_type' })).json() as { codes: { code: string; zh: string }[] };
  assert.ok(res.codes.some((c) => c.code === '01' && c.zh === '行政许可'));
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/code-lists/nope' })), 'NOT_FOUND');
});

test('unknown API routes answer ROUTE_NOT_FOUND as JSON', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
  assert.equal(res.statusCode, 404);
  assert.equal(errorCode(res), 'ROUTE_NOT_FOUND');
});

test('a route that declares no access is refused at start-up', async () => {
  await assert.rejects(async () => {
    const app = await buildApp({ database: t.database, config: t.config, logger: false });
    app.get('/api/undeclared', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
    await app.ready();
  }, /declares no access/);
});

test('the access log has one line per request, with the ID number in the URL masked and no token or cookie', async () => {
  const lines: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const app = await buildApp({ database: t.database, config: { ...t.config, logLevel: 'info' }, logStream });
  try {
    const res = await app.inject({
      method: 'GET',
      url: '/api/check/id/340602199001011234',
      headers: { 'x-request-id': 'log-test-1', authorization: 'Bearer not-for-the-log', cookie: 'tongban_session=not-for-the-log' },
    });
    assert.equal(res.statusCode, 200);
    const mine = lines.filter((l) => l.reqId === 'log-test-1');
    assert.equal(mine.length, 1, JSON.stringify(lines));
    assert.equal(mine[0].msg, 'request completed');
    assert.deepEqual(mine[0].req, { method: 'GET', url: '/api/check/id/340602********1234', ip: '127.0.0.1' });
    assert.deepEqual(mine[0].res, { statusCode: 200 });
    assert.equal(typeof mine[0].responseTime, 'number');
    assert.doesNotMatch(JSON.stringify(lines), /199001011234|not-for-the-log/);
  } finally {
    await app.close();
  }
});

test('calendar edits by an admin are versioned, audited and change the arithmetic at once', async () => {
  const admin = await t.login('admin');
  const day = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2024&month=10' })).json() as {
    days: { date: string; isWorkday: boolean; name: string | null; version: number }[];
  };
  const oct8 = day.days.find((d) => d.date === '2024-10-08')!;
  assert.equal(oct8.isWorkday, true);
  assert.equal(day.days.find((d) => d.date === '2024-10-01')!.name, '国庆节');
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/calendar/days/2024-10-08',
    headers: bearer(admin),
    payload: { isWorkday: false, name: '临时停工', version: oct8.version },
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2024-09-27&days=5' })).json(), { date: '2024-10-11' });
  const stale = await t.app.inject({
    method: 'PUT',
    url: '/api/calendar/days/2024-10-08',
    headers: bearer(admin),
    payload: { isWorkday: true, name: null, version: oct8.version },
  });
  assert.equal(errorCode(stale), 'VERSION_CONFLICT');
  const audit = (await t.app.inject({ method: 'GET', url: '/api/audit?targetType=calendar_day&targetId=2024-10-08', headers: bearer(admin) })).json() as {
    total: number;
  };
  assert.equal(audit.total, 1);
});

test("importing next year's notice loads the year; a bad file is reported line by line and changes nothing", async () => {
  const admin = await t.login('admin');
  const toLoad = async (on: string) => {
    pinToday(on);
    try {
      return ((await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).json() as { yearToLoad: number | null }).yearToLoad;
    } finally {
      pinToday(null);
    }
  };
  // 2026 is loaded; 2027 is not: due from 1 October
  assert.deepEqual([await toLoad('2026-09-30'), await toLoad('2026-10-01'), await toLoad('2026-12-05')], [null, 2027, 2027]);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/calendar/import',
    headers: bearer(admin),
    payload: { format: 'csv', content: 'date,type,name\n2027-01-01,off,元旦\n2027-02-30,off,春节\n2027-02-14,maybe,春节' },
  });
  assert.equal(errorCode(bad), 'CALENDAR_IMPORT_INVALID');
  assert.deepEqual(
    (bad.json() as { details: { problems: { line: number }[] } }).details.problems.map((p) => p.line),
    [3, 4],
  );
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2026-12-30&days=3' })), 'CALENDAR_YEAR_MISSING');
  const good = await t.app.inject({
    method: 'POST',
    url: '/api/calendar/import',
    headers: bearer(admin),
    payload: {
      format: 'json',
      content: JSON.stringify([
        { date: '2027-01-01', type: 'off', name: '元旦' },
        { date: '2027-01-02', type: 'work', name: '元旦调休上班' },
      ]),
    },
  });
  assert.equal(good.statusCode, 200);
  assert.deepEqual(good.json(), { years: [2027], createdYears: [2027], imported: 2 });
  // 2026-12-31 (Thu) → 2027-01-01 off → 01-02 (Sat) make-up working day → 01-04 (Mon)
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/calendar/add?from=2026-12-31&days=2' })).json(), { date: '2027-01-04' });
  const years = (await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).json() as { years: { year: number; days: number }[] };
  assert.equal(years.years.at(-1)?.year, 2027);
  assert.equal(years.years.at(-1)?.days, 365);
  assert.equal(await toLoad('2026-12-05'), null, 'nothing is due once 2027 is loaded');
});

test('public endpoints and login are rate-limited per client IP', async () => {
  const limited = await testApp({ demo: false, config: { publicRateLimit: 3, loginRateLimit: 2 } });
  try {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/api/check/uscc/91350100M000100Y43' })).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429]);
    const last = await limited.app.inject({ method: 'GET', url: '/api/regions' });
    assert.equal(last.statusCode, 200, 'each route has its own bucket');
    for (let i = 0; i < 2; i++) await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    const login = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    assert.equal(login.statusCode, 429);
    assert.equal(errorCode(login), 'RATE_LIMITED');
    assert.equal((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
  } finally {
    await limited.close();
  }
});
