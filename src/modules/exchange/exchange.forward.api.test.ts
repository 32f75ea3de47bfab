import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { errorCode, type TestApp } from '../../../tests/support/app.ts';
import {
  exchangeApp,
  grantRequest,
  makeToken,
  maskedGrant,
  personFields,
  publishResource,
  resourceInput,
  type Requester,
} from '../../../tests/support/exchange.ts';
import { sealAllCalls } from '../../../tests/support/sealing.ts';
import { queryRows } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { verifyCalls } from './exchange.calls.ts';
import { callStatistics } from './exchange.stats.ts';
import { demoPersonId } from './exchange.demo.ts';
import type { EndpointView, GrantView, ResourceView } from './exchange.types.ts';

// 前置机 (ADR 0047): the police register an endpoint of their system (a real HTTP server on port 0 here), the data
// officer mounts a published resource to it, and the market department's machine token calls the resource: the
// call is forwarded, only the granted fields come back, masked; GETs are retried where safe, POSTs never; a slow
// provider is a 504, a failing one a 502; every call is logged with the provider's status and time, and chained.

let t: TestApp;
let as: Requester;
let officer: string;
let admin: string;
let market: string;
let police: number;
let hrss: number;
let provider: http.Server;
let base: string;
let n = 0;
const key = () => ({ 'idempotency-key': `exchange-forward-${process.pid}-${n++}` });
const person = demoPersonId('19850505', 7);

/** What the provider received, and how each path answers. */
const received: { method: string; path: string; query: Record<string, string>; body: string }[] = [];
const hits = (path: string) => received.filter((r) => r.path === path).length;
let flakyLeft = 0;

before(async () => {
  provider = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const sfzh = url.searchParams.get('sfzh') ?? (body ? (JSON.parse(body) as { sfzh?: string }).sfzh : undefined);
      const row = { id_number: sfzh, name: '王小明', phone: '13912345678', address: '淮北市相山区', internal_note: '不外传' };
      switch (url.pathname) {
        case '/people':
          return json(200, row);
        case '/people-list':
          return json(200, [row, { ...row, name: '王小红' }]);
        case '/flaky':
          if (flakyLeft-- > 0) return json(503, { error: 'busy' });
          return json(200, row);
        case '/post-busy':
          return json(503, { error: 'busy' });
        case '/slow':
          setTimeout(() => json(200, row), 1500).unref();
          return;
        case '/text':
          return res.writeHead(200, { 'content-type': 'text/plain' }).end('not json');
        case '/nested':
          return json(200, { ...row, name: { given: '小明' } });
        case '/moved':
          return res.writeHead(302, { location: `${base}/people` }).end();
        default:
          return json(404, { error: 'no such path' });
      }
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  let departments: Record<'police' | 'hrss', number>;
  ({ t, as, officer, market, departments } = await exchangeApp(true));
  ({ police, hrss } = departments);
  admin = await t.login('admin');
});
after(async () => {
  await t.close();
  provider.closeAllConnections();
  await new Promise((resolve) => provider.close(resolve));
});

async function register(over: Record<string, unknown> = {}): Promise<EndpointView> {
  const res = await as(
    officer,
    'POST',
    '/api/exchange/endpoints',
    { name: '人口信息查询', baseUrl: `${base}/people`, method: 'GET', keyParam: 'sfzh', departmentId: police, ...over },
    key(),
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as EndpointView;
}

const publishedResource = () =>
  publishResource(
    as,
    officer,
    resourceInput(police, 500 + n++, {
      classification: '101002',
      name: '人口信息（接口）',
      summary: '经前置机查询的人口信息',
      format: '接口',
      fields: [...personFields, { key: 'address', name: '住址', type: 'string' }],
      updateCycle: '实时',
    }),
    key(),
  );

let resource: ResourceView;
let token: string;

async function mount(endpointId: number | null) {
  const res = await as(officer, 'PUT', `/api/exchange/resources/${resource.id}/mount`, { version: resource.version, endpointId });
  assert.equal(res.statusCode, 200, res.body);
  resource = res.json() as ResourceView;
  return resource;
}
const call = () => as(null, 'GET', `/api/exchange/${resource.code}?key=${person}`, undefined, { 'x-exchange-token': token });
const lastLog = async () =>
  (
    await queryRows<{ id: number; status: number; code: string; provider_status: number | null; provider_us: number | null; rows_out: number }>(
      t.database.db,
      sql`SELECT id::int AS id, status, code, provider_status, provider_us, rows_out FROM exchange_call ORDER BY id DESC LIMIT 1`,
    )
  )[0];

test('a provider registers an endpoint once per idempotency key, edits it with its row version; a bad address is refused', async () => {
  const body = { name: '人口信息查询', baseUrl: `${base}/people`, method: 'GET', keyParam: 'sfzh', departmentId: police };
  const headers = key();
  const first = await as(officer, 'POST', '/api/exchange/endpoints', body, headers);
  const again = await as(officer, 'POST', '/api/exchange/endpoints', body, headers);
  assert.equal(first.statusCode, 201, first.body);
  const e = first.json() as EndpointView;
  assert.equal((again.json() as EndpointView).id, e.id);
  assert.deepEqual([e.status, e.timeoutMs, e.method, e.departmentName], ['active', 3000, 'GET', '淮北市公安局']);
  for (const baseUrl of ['ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', `${base}/people#frag`, 'not a url']) {
    const bad = await as(officer, 'POST', '/api/exchange/endpoints', { ...body, baseUrl }, key());
    assert.equal(errorCode(bad), 'EXCHANGE_ENDPOINT_INVALID', baseUrl);
  }
  assert.equal(errorCode(await as(officer, 'POST', '/api/exchange/endpoints', { ...body, timeoutMs: 20_000 }, key())), 'VALIDATION_FAILED');
  const { departmentId: _d, ...fields } = body;
  const edited = await as(officer, 'PUT', `/api/exchange/endpoints/${e.id}`, { ...fields, timeoutMs: 2000, version: e.version });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal((edited.json() as EndpointView).timeoutMs, 2000);
  const stale = await as(officer, 'PUT', `/api/exchange/endpoints/${e.id}`, { ...fields, version: e.version });
  assert.equal(errorCode(stale), 'EXCHANGE_VERSION_CONFLICT');
  const list = (await as(officer, 'GET', `/api/exchange/endpoints?departmentId=${police}`)).json() as { items: EndpointView[] };
  assert.ok(list.items.some((i) => i.id === e.id));
  // The market reviewer is no data officer: neither the list nor the endpoint.
  assert.equal((await as(market, 'GET', '/api/exchange/endpoints')).statusCode, 403);
  const audit = await queryRows<{ action: string }>(
    t.database.db,
    sql`SELECT action FROM audit_log WHERE target_type = 'exchange_endpoint' AND target_id = ${String(e.id)} ORDER BY id`,
  );
  assert.deepEqual(
    audit.map((a) => a.action),
    ['exchange.endpoint.create', 'exchange.endpoint.update'],
  );
});

test('a published resource is mounted to an active endpoint of its own provider only; its calls are forwarded with the granted fields, masked', async () => {
  const endpoint = await register();
  const other = await register({ departmentId: hrss });
  resource = await publishedResource();
  assert.equal(resource.mount, 'none');
  const foreign = await as(officer, 'PUT', `/api/exchange/resources/${resource.id}/mount`, { version: resource.version, endpointId: other.id });
  assert.equal(errorCode(foreign), 'EXCHANGE_MOUNT_INVALID');
  const unknown = await as(officer, 'PUT', `/api/exchange/resources/${resource.id}/mount`, { version: resource.version, endpointId: 999_999 });
  assert.equal(errorCode(unknown), 'EXCHANGE_MOUNT_INVALID');
  await mount(endpoint.id);
  assert.deepEqual([resource.mount, resource.mounted, resource.endpointId, resource.endpointName], ['endpoint', true, endpoint.id, '人口信息查询']);

  const req = await as(market, 'POST', '/api/exchange/grants', grantRequest(resource.id, ['id_number', 'name', 'phone']), key());
  assert.equal(req.statusCode, 201, req.body);
  const pending = req.json() as GrantView;
  const granted = await as(admin, 'POST', `/api/exchange/grants/${pending.id}/grant`, maskedGrant(pending.version));
  assert.equal(granted.statusCode, 200, granted.body);
  const tk = await makeToken(as, market, pending.id, '前置机测试', key());
  token = (tk.json() as { token: string }).token;

  received.length = 0;
  const res = await as(null, 'GET', `/api/exchange/${resource.code}?key=${person}`, undefined, { 'x-exchange-token': token });
  assert.equal(res.statusCode, 200, res.body);
  const items = (res.json() as { items: Record<string, unknown>[] }).items;
  assert.equal(items.length, 1);
  assert.deepEqual(Object.keys(items[0]).sort(), ['id_number', 'name', 'phone']);
  assert.notEqual(items[0].id_number, person);
  assert.equal(String(items[0].id_number).length, person.length);
  assert.match(String(items[0].phone), /\*/);
  assert.equal(items[0].name, '王小明');
  assert.ok(!res.body.includes('不外传') && !res.body.includes('相山区'), 'fields not granted never leave');
  // The provider got the key as its parameter, and nothing else of the consumer's request.
  assert.deepEqual(received, [{ method: 'GET', path: '/people', query: { sfzh: person }, body: '' }]);
  const log = await lastLog();
  assert.deepEqual([log.status, log.code, log.provider_status, log.rows_out], [200, 'OK', 200, 1]);
  assert.ok(Number(log.provider_us) > 0);
  // The consumer's call list shows the provider's status and time.
  const listed = (await as(market, 'GET', '/api/exchange/calls?side=consumer')).json() as {
    items: { id: number; providerStatus: number | null; providerMs: number | null }[];
  };
  const mine = listed.items.find((c) => c.id === log.id)!;
  assert.equal(mine.providerStatus, 200);
  assert.ok(mine.providerMs !== null && mine.providerMs > 0);
  // An array of objects is rows.
  const list = await register({ baseUrl: `${base}/people-list` });
  await mount(list.id);
  const two = await call();
  assert.equal(two.statusCode, 200, two.body);
  assert.deepEqual(
    (two.json() as { items: { name: string }[] }).items.map((i) => i.name),
    ['王小明', '王小红'],
  );
});

test('a GET is tried again after a 503 and answers; a POST is never retried', async () => {
  const flaky = await register({ baseUrl: `${base}/flaky` });
  await mount(flaky.id);
  flakyLeft = 1;
  received.length = 0;
  const ok = await call();
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(hits('/flaky'), 2);
  assert.deepEqual([(await lastLog()).code, (await lastLog()).provider_status], ['OK', 200]);
  // Three 503s: the first try and two retries, then a 502 that names the provider's status.
  flakyLeft = 5;
  received.length = 0;
  const failed = await call();
  assert.equal(failed.statusCode, 502, failed.body);
  assert.equal(errorCode(failed), 'EXCHANGE_PROVIDER_FAILED');
  assert.equal(hits('/flaky'), 3);
  assert.deepEqual([(await lastLog()).code, (await lastLog()).provider_status], ['EXCHANGE_PROVIDER_FAILED', 503]);

  const post = await register({ baseUrl: `${base}/post-busy`, method: 'POST' });
  await mount(post.id);
  received.length = 0;
  const refused = await call();
  assert.equal(refused.statusCode, 502, refused.body);
  assert.equal(errorCode(refused), 'EXCHANGE_PROVIDER_FAILED');
  assert.deepEqual(
    received.map((r) => [r.method, r.path, JSON.parse(r.body)]),
    [['POST', '/post-busy', { sfzh: person }]],
    'one attempt, the key as a JSON body',
  );
  const log = await lastLog();
  assert.deepEqual([log.status, log.code, log.provider_status], [502, 'EXCHANGE_PROVIDER_FAILED', 503]);
});

test('a provider slower than its time budget is a 504, logged with its code and the time spent; other bad answers are 502s', async () => {
  const slow = await register({ baseUrl: `${base}/slow`, timeoutMs: 300 });
  await mount(slow.id);
  const started = Date.now();
  const res = await call();
  assert.equal(res.statusCode, 504, res.body);
  assert.equal(errorCode(res), 'EXCHANGE_PROVIDER_TIMEOUT');
  assert.ok(Date.now() - started < 1400, 'the budget cuts the wait');
  const log = await lastLog();
  assert.deepEqual([log.status, log.code, log.provider_status], [504, 'EXCHANGE_PROVIDER_TIMEOUT', null]);
  assert.ok(Number(log.provider_us) >= 250_000, String(log.provider_us));

  for (const path of ['/text', '/nested', '/moved', '/nowhere']) {
    const e = await register({ baseUrl: `${base}${path}` });
    await mount(e.id);
    received.length = 0;
    const r = await call();
    assert.equal(errorCode(r), 'EXCHANGE_PROVIDER_FAILED', path);
    // A redirect is not followed: only the registered address is asked.
    assert.deepEqual(
      received.map((x) => x.path),
      [path],
      path,
    );
  }
  // Nobody listening: a network error, retried twice, then a 502 with no provider status.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const gone = await register({ baseUrl: `http://127.0.0.1:${port}/people` });
  await mount(gone.id);
  const unreachable = await call();
  assert.equal(errorCode(unreachable), 'EXCHANGE_PROVIDER_FAILED');
  assert.equal((await lastLog()).provider_status, null);
});

test('a disabled endpoint is called no more, and nothing can be mounted to it', async () => {
  const e = await register();
  await mount(e.id);
  assert.equal((await call()).statusCode, 200);
  const disabled = await as(officer, 'POST', `/api/exchange/endpoints/${e.id}/status`, { status: 'disabled', version: e.version });
  assert.equal(disabled.statusCode, 200, disabled.body);
  received.length = 0;
  const res = await call();
  assert.equal(res.statusCode, 503, res.body);
  assert.equal(errorCode(res), 'EXCHANGE_ENDPOINT_DISABLED');
  assert.equal(received.length, 0, 'never forwarded');
  assert.deepEqual([(await lastLog()).code, (await lastLog()).provider_status], ['EXCHANGE_ENDPOINT_DISABLED', null]);
  const shown = (await as(officer, 'GET', `/api/exchange/resources/${resource.id}`)).json() as ResourceView;
  assert.deepEqual([shown.mount, shown.mounted, shown.endpointStatus], ['none', false, 'disabled']);
  const other = await publishedResource();
  const refused = await as(officer, 'PUT', `/api/exchange/resources/${other.id}/mount`, { version: other.version, endpointId: e.id });
  assert.equal(errorCode(refused), 'EXCHANGE_MOUNT_INVALID');
  // An endpoint moved by hand to another department's is not the provider's: not called either.
  const e2 = await register();
  await mount(e2.id);
  await t.database.db.execute(sql`UPDATE exchange_endpoint SET department_id = ${hrss} WHERE id = ${e2.id}`);
  received.length = 0;
  assert.equal(errorCode(await call()), 'EXCHANGE_ENDPOINT_DISABLED');
  assert.equal(received.length, 0);
  // Back to the collected table: served from it again (no row for this key there).
  await mount(null);
  const table = await call();
  assert.equal(table.statusCode, 200, table.body);
  assert.deepEqual((table.json() as { items: unknown[] }).items, []);
  assert.equal((await lastLog()).provider_status, null);
  const audit = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.resource.mount' AND target_id = ${String(resource.id)}`,
  );
  assert.ok(audit[0].n >= 10);
});

test('a resource mounted to an active endpoint counts as mounted in 挂载率', async () => {
  const e = await register();
  const r = await publishedResource();
  const month = today().slice(0, 7);
  // The statistics' query itself (exchange.stats.ts), as the statistics route runs it for the city.
  const rate = async () => (await callStatistics(t.database.db, month, { kind: 'all' })).mounting.find((m) => m.departmentId === police)!.mounted;
  const before = await rate();
  const m = await as(officer, 'PUT', `/api/exchange/resources/${r.id}/mount`, { version: r.version, endpointId: e.id });
  assert.equal(m.statusCode, 200, m.body);
  assert.equal(await rate(), before + 1);
});

test('the call log verifies with the provider columns, and names a forwarded call whose provider status or time was altered', async () => {
  const db = t.database.db;
  assert.equal(await sealAllCalls(db), 0, 'every call chained');
  const ok = await verifyCalls(db);
  assert.equal(ok.ok, true, ok.reason ?? '');
  const [victim] = await queryRows<{ id: number; provider_status: number; provider_us: number }>(
    db,
    sql`SELECT id::int AS id, provider_status, provider_us FROM exchange_call WHERE provider_status = 200 ORDER BY id LIMIT 1`,
  );
  for (const change of [sql`provider_status = 503`, sql`provider_us = provider_us + 1`, sql`provider_status = NULL, provider_us = NULL`]) {
    await db.execute(sql`UPDATE exchange_call SET ${change} WHERE id = ${victim.id}`);
    const broken = await verifyCalls(db);
    assert.equal(broken.ok, false);
    assert.equal(broken.brokenAt, victim.id);
    await db.execute(sql`UPDATE exchange_call SET provider_status = ${victim.provider_status}, provider_us = ${victim.provider_us} WHERE id = ${victim.id}`);
  }
  // A call served from the table given a provider status afterwards is named too.
  const [plain] = await queryRows<{ id: number }>(
    db,
    sql`SELECT id::int AS id FROM exchange_call WHERE provider_us IS NULL AND code = 'OK' ORDER BY id DESC LIMIT 1`,
  );
  await db.execute(sql`UPDATE exchange_call SET provider_status = 200 WHERE id = ${plain.id}`);
  assert.equal((await verifyCalls(db)).brokenAt, plain.id);
  await db.execute(sql`UPDATE exchange_call SET provider_status = NULL WHERE id = ${plain.id}`);
  assert.equal((await verifyCalls(db)).ok, true);
});
