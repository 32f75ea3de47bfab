// The public's own accounts (issue 20, ADR 0027): registration of a person or an organisation with its mobile number
// proved by an SMS code, and a forgotten password reset by SMS code; codes hashed at rest, short-lived, few tries,
// rate-limited, never logged in production.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { idNumberCheckChar, makeUscc } from '../../platform/identity.ts';
import { logNotifier, type OutboundMessage } from '../../platform/notify.ts';
import { runRound } from '../../platform/jobs.ts';
import { SMS_CODE_MAX_ATTEMPTS } from './accounts.self-service.ts';
import { accountsModule } from './index.ts';

let t: TestApp;
const sent: OutboundMessage[] = [];
before(async () => {
  // The limits per address are the service's; the route-level limit per minute is the login's (off here).
  t = await testApp({ config: { loginRateLimit: 0 } });
  // The deployment's SMS gateway, as a test sees it.
  t.app.notifier.send = async (message) => {
    sent.push(message);
  };
});
after(async () => {
  await t?.close();
});

let ip = 0;
/** Each test asks from its own address, so the per-address limit of one does not reach another. */
let address = '';
beforeEach(() => {
  address = `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers, remoteAddress: address });

let phones = 0;
const newPhone = () => `1370000${String(1000 + ++phones)}`;
const personId = (serial: string) => {
  const first17 = `34060319900101${serial}`;
  return first17 + idNumberCheckChar(first17);
};

async function codeFor(phone: string, purpose: 'register' | 'reset', username?: string): Promise<string> {
  const before = sent.length;
  const res = await post('/api/auth/sms-codes', { purpose, phone, username });
  assert.equal(res.statusCode, 202, res.body);
  assert.equal(sent.length, before + 1, 'one SMS went out');
  const message = sent[sent.length - 1];
  assert.equal(message.to, phone);
  assert.ok(message.secret && message.text.includes(message.secret));
  return message.secret;
}

const register = (body: Record<string, unknown>, key = `reg-${Math.random()}`) => post('/api/auth/register', body, { 'idempotency-key': key });

async function audits(action: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`);
  return Number(n);
}

test('a person registers with a checked ID number and an SMS code, gets the applicant role only, and signs in', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const body = { kind: 'person', username: 'zhang.san', displayName: '张三', idNumber: personId('123'), phone, code, password: 'Zhang2026' };
  const registered = await audits('user.register');
  const res = await register(body, 'reg-zhang');
  assert.equal(res.statusCode, 201, res.body);
  const user = res.json() as { username: string; roles: { role: string; regionCode: string | null; departmentId: number | null }[]; phoneMasked: string };
  assert.deepEqual(user.roles, [{ role: 'applicant_person', regionCode: null, departmentId: null }]);
  assert.equal(user.phoneMasked, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
  assert.equal(await audits('user.register'), registered + 1, 'one audit entry');
  const again = await register(body, 'reg-zhang');
  assert.equal(again.statusCode, 201, 'the same key replays');
  assert.equal((again.json() as { id: number }).id, (res.json() as { id: number }).id);
  const token = await t.login('zhang.san', 'Zhang2026');
  const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).json() as { permissions: string[] };
  assert.ok(me.permissions.includes('cases.apply'));
  assert.ok(!me.permissions.includes('users.manage'));
  const reuse = await register({ ...body, username: 'zhang.san2', idNumber: personId('124') }, 'reg-zhang-2');
  assert.equal(errorCode(reuse), 'SMS_CODE_EXPIRED', 'a code proves one registration');
});

test('an organisation registers with its USCC and becomes an applicant_org', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const res = await register({
    kind: 'organisation',
    username: 'weidao.org',
    displayName: '淮北市味道食品有限公司',
    idNumber: makeUscc('91', '340603', '12345678'),
    phone,
    code,
    password: 'Weidao2026',
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(
    (res.json() as { roles: { role: string }[] }).roles.map((r) => r.role),
    ['applicant_org'],
  );
});

test('a wrong check digit, a taken ID number or a weak password is refused, and the code stays usable', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const base = { kind: 'person', username: 'li.si', displayName: '李四', idNumber: personId('125'), phone, code, password: 'Lisi2026x' };
  const wrongDigit = base.idNumber.slice(0, 17) + (base.idNumber[17] === '0' ? '1' : '0');
  assert.equal(errorCode(await register({ ...base, idNumber: wrongDigit })), 'ID_NUMBER_INVALID');
  assert.equal(errorCode(await register({ ...base, kind: 'organisation', idNumber: personId('125') })), 'ID_NUMBER_INVALID', 'an ID number is no USCC');
  assert.equal(errorCode(await register({ ...base, password: 'short' })), 'PASSWORD_TOO_WEAK');
  assert.equal(errorCode(await register({ ...base, idNumber: personId('123') })), 'ID_NUMBER_TAKEN');
  assert.equal((await register(base)).statusCode, 201);
});

test('a wrong code counts; after the last try even the right one is dead', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const wrong = code === '000000' ? '111111' : '000000';
  const body = { kind: 'person', username: 'wang.wu', displayName: '王五', idNumber: personId('126'), phone, code: wrong, password: 'Wangwu2026' };
  const failed = await audits('auth.sms-code.failed');
  for (let i = 0; i < SMS_CODE_MAX_ATTEMPTS; i++) {
    const res = await register(body);
    assert.equal(res.statusCode, 400);
    assert.equal(errorCode(res), 'SMS_CODE_WRONG');
  }
  assert.equal(errorCode(await register({ ...body, code })), 'SMS_CODE_EXPIRED');
  assert.equal(await audits('auth.sms-code.failed'), failed + SMS_CODE_MAX_ATTEMPTS, 'each wrong try is on record');
});

test('a code expires after five minutes', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  await t.database.db.execute(sql`UPDATE sms_code SET expires_at = now() - interval '1 second' WHERE phone = ${phone}`);
  const res = await register({ kind: 'person', username: 'zhao.liu', displayName: '赵六', idNumber: personId('127'), phone, code, password: 'Zhaoliu2026' });
  assert.equal(errorCode(res), 'SMS_CODE_EXPIRED');
});

test('codes are stored only as digests', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const rows = await queryRows<{ code_hash: string }>(t.database.db, sql`SELECT code_hash FROM sms_code WHERE phone = ${phone}`);
  assert.equal(rows.length, 1);
  assert.match(rows[0].code_hash, /^[0-9a-f]{64}$/);
  assert.ok(!rows[0].code_hash.includes(code));
  const [outbox] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM outbox_event WHERE payload::text LIKE ${`%${code}%`}`);
  assert.equal(Number(outbox.n), 0, 'the code never waits in the outbox');
});

test('codes are rate-limited: once a minute per number, five an hour per number, twenty an hour per address', async () => {
  const phone = newPhone();
  await codeFor(phone, 'register');
  const soon = await post('/api/auth/sms-codes', { purpose: 'register', phone });
  assert.equal(soon.statusCode, 429);
  assert.equal(errorCode(soon), 'SMS_CODE_TOO_SOON');
  // Four more sent earlier this hour: the sixth is refused even after a minute.
  await t.database.db.execute(
    sql`INSERT INTO sms_code (phone, purpose, code_hash, ip, created_at, expires_at) SELECT ${phone}, 'reset', 'x', '10.9.9.9', now() - interval '10 minutes', now() FROM generate_series(1, 4)`,
  );
  await t.database.db.execute(sql`UPDATE sms_code SET created_at = now() - interval '2 minutes' WHERE phone = ${phone}`);
  assert.equal(errorCode(await post('/api/auth/sms-codes', { purpose: 'register', phone })), 'SMS_CODE_THROTTLED');
  await t.database.db.execute(
    sql`INSERT INTO sms_code (phone, purpose, code_hash, ip, created_at, expires_at) SELECT '1380000' || lpad(g::text, 4, '0'), 'register', 'x', ${address}, now() - interval '10 minutes', now() FROM generate_series(1, 20) g`,
  );
  assert.equal(errorCode(await post('/api/auth/sms-codes', { purpose: 'register', phone: newPhone() })), 'SMS_CODE_THROTTLED', 'per address');
});

test('the hourly job deletes the codes that are expired and older than the hourly limits, and keeps the rest', async () => {
  const phone = newPhone();
  await codeFor(phone, 'register');
  // Sent 61 minutes ago (gone), and 30 minutes ago (expired, but still counts against this hour's limits).
  await t.database.db.execute(
    sql`INSERT INTO sms_code (phone, purpose, code_hash, ip, created_at, expires_at) VALUES
          (${phone}, 'reset', 'old', ${address}, now() - interval '61 minutes', now() - interval '56 minutes'),
          (${phone}, 'reset', 'recent', ${address}, now() - interval '30 minutes', now() - interval '25 minutes')`,
  );
  const job = accountsModule.jobs?.find((j) => j.name === 'accounts.sms-code-prune');
  assert.ok(job, 'the accounts module registers the job');
  assert.equal(await runRound(t.database.db, job, 'test', { notifier: t.app.notifier, config: t.config }), true);
  const left = await queryRows<{ code_hash: string }>(t.database.db, sql`SELECT code_hash FROM sms_code WHERE phone = ${phone} ORDER BY created_at`);
  assert.equal(left.length, 2, 'the expired code of this hour and the live one stay');
  assert.equal(left[0].code_hash, 'recent');
  const [old] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM sms_code WHERE created_at < now() - interval '1 hour'`);
  assert.equal(Number(old.n), 0, 'no code older than the hour is left');
});

test('a forgotten password is reset by the code sent to the account’s number; its sessions end', async () => {
  const phone = newPhone();
  const code = await codeFor(phone, 'register');
  const body = { kind: 'person', username: 'sun.qi', displayName: '孙七', idNumber: personId('128'), phone, code, password: 'Sunqi2026' };
  assert.equal((await register(body)).statusCode, 201);
  const session = await t.login('sun.qi', 'Sunqi2026');
  // Someone else's number, or an unknown user: the same answer, and no SMS.
  const before = sent.length;
  const other = await post('/api/auth/sms-codes', { purpose: 'reset', phone: newPhone(), username: 'sun.qi' });
  assert.equal(other.statusCode, 202);
  const nobody = await post('/api/auth/sms-codes', { purpose: 'reset', phone: newPhone(), username: 'nobody.here' });
  assert.equal(nobody.statusCode, 202);
  assert.equal(sent.length, before, 'no SMS to a number the account does not hold');
  const resetCode = await codeFor(phone, 'reset', 'sun.qi');
  assert.equal(
    errorCode(await post('/api/auth/password-reset', { username: 'sun.qi', phone, code: code === resetCode ? '999999' : code, newPassword: 'Sunqi2027' })),
    'SMS_CODE_WRONG',
    'a registration code does not reset',
  );
  const resets = await audits('user.password.set');
  const res = await post('/api/auth/password-reset', { username: 'sun.qi', phone, code: resetCode, newPassword: 'Sunqi2027' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal(await audits('user.password.set'), resets + 1);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(session) })).statusCode, 401, 'the old session ended');
  await t.login('sun.qi', 'Sunqi2027');
  const replay = await post('/api/auth/password-reset', { username: 'sun.qi', phone, code: resetCode, newPassword: 'Sunqi2028' });
  assert.equal(errorCode(replay), 'SMS_CODE_EXPIRED', 'a code resets once');
});

test('the log notifier shows codes outside production and never in production', async () => {
  const lines: string[] = [];
  const message = { channel: 'sms' as const, to: '13700001234', text: '您的验证码为 654321，5 分钟内有效', secret: '654321' };
  await logNotifier((l) => lines.push(l), { revealSecrets: true }).send(message);
  await logNotifier((l) => lines.push(l)).send(message);
  assert.match(lines[0], /654321/);
  assert.doesNotMatch(lines[1], /654321/);
  assert.match(lines[1], /137\*\*\*\*1234/, 'the number masked');
});
