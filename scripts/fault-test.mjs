#!/usr/bin/env node
// Fault test: a burst of case submissions with Idempotency-Keys, the server killed with SIGKILL in the middle,
// restarted, and every request retried. Every submission must exist exactly once, and a retried key must return
// the case it created before the crash. Runs against a PostgreSQL server (TEST_DATABASE_URL, default local).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const serverUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tongban_fault_${randomBytes(3).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const TOTAL = Number(process.env.FAULT_REQUESTS || 300);
const CONCURRENCY = 8;
const env = {
  ...process.env,
  DATABASE_URL: dbUrl,
  PORT: String(port),
  HOST: '127.0.0.1',
  TONGBAN_RATE_LIMIT: '0',
  TONGBAN_LOGIN_RATE_LIMIT: '0',
  TONGBAN_LOG_LEVEL: 'warn',
  TONGBAN_DEMO: 'never',
};

const log = (line) => console.log(`[fault] ${line}`);
const admin = new pg.Client({ connectionString: serverUrl });

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/tongban.mjs', ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`tongban ${args.join(' ')} exited ${code}`))));
  });
}

async function startServer() {
  const child = spawn(process.execPath, ['bin/tongban.mjs', 'serve', '--no-build'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function api(method, path, token, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function login(username) {
  const res = await api('POST', '/api/auth/login', null, { username, password: 'Demo@2026' });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.body.token;
}

async function prepareItem() {
  const token = await login('itemadmin');
  const deps = await api('GET', '/api/departments?q=%E5%B8%82%E5%9C%BA%E7%9B%91%E7%9D%A3', token);
  const dept = deps.body.items[0].id;
  const key = () => ({ 'idempotency-key': randomBytes(8).toString('hex') });
  const baseItem = await api('POST', '/api/catalog/base-items', token, { code: 'FT0001', name: '故障测试事项', itemType: '20', useLevel: '3' }, key());
  const content = {
    name: '故障测试事项',
    caseType: '2',
    legalLimit: { value: 20, unit: 'working_day' },
    promisedLimit: { value: 10, unit: 'working_day' },
    visits: 0,
    handlingForms: ['2'],
    onlineDepth: 4,
    legalBasis: '测试',
    acceptanceConditions: '测试',
    resultName: '测试结果',
    serviceObjects: ['1'],
    place: '测试',
    hours: '测试',
    consultation: '12345',
    complaint: '12345',
    materials: [{ key: 'm1', name: '申请书', required: false, form: 'electronic', source: 'applicant', acceptanceStandard: '完整' }],
    steps: [{ key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 }],
    form: { type: 'object', properties: { note: { type: 'string', title: '备注', description: '任意', 'x-widget': 'text' } }, required: [] },
  };
  const impl = await api(
    'POST',
    '/api/catalog/implementations',
    token,
    { code: 'FT-0001', baseItemId: baseItem.body.id, regionCode: '340600', departmentId: dept, content },
    key(),
  );
  if (impl.status !== 201) throw new Error(`implementation: ${JSON.stringify(impl.body)}`);
  const detail = await api('GET', `/api/catalog/implementations/${impl.body.id}`, token);
  const v = detail.body.versions[0].version;
  await api('POST', `/api/catalog/implementations/${impl.body.id}/submit`, token, { version: v });
  const approved = await api('POST', `/api/catalog/implementations/${impl.body.id}/approve`, token, { version: v + 1 });
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
}

const submission = (i) => ({ implementationCode: 'FT-0001', formData: { note: `request ${i}` }, submit: true });

async function main() {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  let server;
  try {
    await run(['migrate']);
    await run(['seed', '--demo']);
    server = await startServer();
    await prepareItem();
    const token = await login('person');
    const keys = Array.from({ length: TOTAL }, (_, i) => `fault-${dbName}-${i}`);
    const before = new Map();
    let next = 0;
    let killed = false;
    const killAt = Math.floor(TOTAL / 3);
    log(`burst of ${TOTAL} submissions, SIGKILL after ${killAt} answers`);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL && !killed) {
          const i = next++;
          try {
            const res = await api('POST', '/api/cases', token, submission(i), { 'idempotency-key': keys[i] });
            if (res.status === 201) before.set(keys[i], res.body.number);
          } catch {
            /* the server died under this request */
          }
          if (!killed && before.size >= killAt) {
            killed = true;
            server.kill('SIGKILL');
          }
        }
      }),
    );
    await new Promise((r) => {
      server.once('exit', r);
      setTimeout(r, 2000);
    });
    log(`${before.size} answered before the kill; restarting`);
    server = await startServer();
    const after = new Map();
    let mismatched = 0;
    for (let i = 0; i < TOTAL; i += CONCURRENCY) {
      await Promise.all(
        keys.slice(i, i + CONCURRENCY).map(async (key, j) => {
          const res = await api('POST', '/api/cases', token, submission(i + j), { 'idempotency-key': key });
          if (res.status !== 201) throw new Error(`retry ${key}: ${res.status} ${JSON.stringify(res.body)}`);
          after.set(key, res.body.number);
          if (before.has(key) && before.get(key) !== res.body.number) mismatched++;
        }),
      );
    }
    const check = new pg.Client({ connectionString: dbUrl });
    await check.connect();
    const { rows } = await check.query(
      `SELECT count(*)::int AS n, count(DISTINCT number)::int AS d FROM service_case c JOIN implementation i ON i.id = c.implementation_id WHERE i.code = 'FT-0001'`,
    );
    // The demo seed applied for cases too: count the entries of this test's cases only.
    const audit = await check.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.create' AND target_id IN (SELECT c.number FROM service_case c JOIN implementation i ON i.id = c.implementation_id WHERE i.code = 'FT-0001')`,
    );
    await check.end();
    const distinct = new Set(after.values()).size;
    log(
      `after retries: ${rows[0].n} cases in the database, ${rows[0].d} distinct numbers, ${distinct} distinct answers, ${mismatched} answers changed by the crash, ${audit.rows[0].n} case.create audit entries`,
    );
    const ok = rows[0].n === TOTAL && rows[0].d === TOTAL && distinct === TOTAL && mismatched === 0 && audit.rows[0].n === TOTAL;
    console.log(ok ? `1 passed, 0 failed` : `0 passed, 1 failed`);
    if (!ok) process.exitCode = 1;
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

main().catch((e) => {
  console.error(`[fault] ${e.stack ?? e}`);
  process.exit(1);
});
