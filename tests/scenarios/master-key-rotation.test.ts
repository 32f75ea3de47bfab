// Rotating the master key (ADR 0030), as an operator does it: the server restarts with TONGBAN_MASTER_KEY set to a
// new key B and the old key A in TONGBAN_MASTER_KEY_PREVIOUS, `tongban rotate-master-key` re-seals the seal keys under
// B, and what A protected goes on working: seal keys sign, the audit log verifies, receipts' query codes look up.
// Once A is no longer configured, what still needs it fails with a stable error, never a crash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/http/app.ts';
import { errorCode, testApp, testConfig, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { TEST_MASTER_KEY } from '../support/template.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { systemContext } from '../../src/platform/context.ts';
import { masterKeyId } from '../../src/platform/master-keys.ts';
import { sm2Sign, sm2Verify } from '../../src/platform/sm2.ts';
import { sealCommitted, verifyAuditChain, writeCheckpoint } from '../../src/platform/audit/audit.ts';
import { activeSealKey, resealSealKeys } from '../../src/modules/licenses/index.ts';
import { queryCodeOf } from '../../src/modules/cases/index.ts';

const A = TEST_MASTER_KEY;
const B = randomBytes(16).toString('hex');
const C = randomBytes(16).toString('hex');
const ctx = systemContext('test');

let t: TestApp;
let number: string;
let codeUnderA: string;
let market: number;
let police: number;

/** The server started again over the same database with these keys (the modules are configured as at a start). */
async function restartWith(current: string, previous: string[]): Promise<void> {
  const app = await buildApp({ database: t.database, config: testConfig({ masterKeyHex: current, previousMasterKeysHex: previous }), logger: false });
  await app.ready();
  await app.close();
}

const sealKeyRows = async () =>
  queryRows<{ id: number; department: number; masterKeyId: string | null; sealed: string }>(
    t.database.db,
    sql`SELECT id::int AS id, department_id::int AS department, master_key_id AS "masterKeyId", private_key_sealed AS sealed FROM seal_key ORDER BY id`,
  );

/** The department's seal key opens and makes a signature its public key verifies. */
async function signs(departmentId: number): Promise<boolean> {
  const key = await t.database.db.transaction((tx) => activeSealKey(tx, ctx, departmentId));
  const message = `证照数据 ${departmentId} ${Date.now()}`;
  return sm2Verify(message, sm2Sign(message, key.keys), key.keys.publicKeyHex);
}

const lookUp = (code: string) => t.app.inject({ method: 'POST', url: '/api/case-progress', payload: { number, code } });

async function verify() {
  await sealCommitted(t.database.db, 10_000);
  return verifyAuditChain(t.database.db);
}

before(async () => {
  t = await testApp();
  const item = await publishedItem(t, '340600-XK-9701');
  const person = caseClient(t, await t.login('person'));
  const res = await person.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  number = (res.json() as { number: string }).number;
  assert.equal((await person.upload(number, 'application', PDF)).statusCode, 200);
  assert.equal((await person.call('POST', `/api/cases/${number}/materials/premises/pledge`)).statusCode, 200);
  const submitted = await person.call('POST', `/api/cases/${number}/submit`, { version: (await person.get(number)).version });
  assert.equal(submitted.statusCode, 200, submitted.body);
  codeUnderA = queryCodeOf(number);
  const departments = await queryRows<{ id: number; name: string }>(t.database.db, sql`SELECT id::int AS id, name FROM department`);
  market = Number(departments.find((d) => d.name === '淮北市市场监督管理局')!.id);
  police = Number(departments.find((d) => d.name !== '淮北市市场监督管理局')!.id);
});
after(async () => {
  await t?.close();
});

test('rotation round trip: sealed under A, rotated to B with A as previous, everything A protected still works', async () => {
  // Under A: a seal key, audit entries and a signed checkpoint, a receipt's query code.
  assert.ok(await signs(market));
  assert.deepEqual(
    (await sealKeyRows()).map((r) => r.masterKeyId),
    [masterKeyId(Buffer.from(A, 'hex'))],
  );
  await sealCommitted(t.database.db, 10_000);
  assert.ok(await writeCheckpoint(t.database.db));
  assert.equal((await verify()).ok, true);
  const sealedUnderA = (await sealKeyRows())[0].sealed;

  await restartWith(B, [A]);
  // Before the seal keys are re-sealed, the server opens them with A.
  assert.ok(await signs(market), 'a seal key under the previous key still signs');
  const dry = await t.database.db.transaction((tx) => resealSealKeys(tx, ctx, { dryRun: true }));
  assert.deepEqual(dry.resealed, { [masterKeyId(Buffer.from(A, 'hex'))]: 1 });
  assert.equal((await sealKeyRows())[0].sealed, sealedUnderA, 'a dry run changes nothing');

  const rotated = await t.database.db.transaction((tx) => resealSealKeys(tx, ctx));
  assert.deepEqual(rotated, { masterKeyId: masterKeyId(Buffer.from(B, 'hex')), resealed: { [masterKeyId(Buffer.from(A, 'hex'))]: 1 }, unchanged: 0 });
  const [row] = await sealKeyRows();
  assert.equal(row.masterKeyId, masterKeyId(Buffer.from(B, 'hex')));
  assert.notEqual(row.sealed, sealedUnderA, 'sealed again under B');
  const again = await t.database.db.transaction((tx) => resealSealKeys(tx, ctx));
  assert.deepEqual(again.resealed, {}, 'a second run re-seals nothing');
  assert.equal(again.unchanged, 1);
  const rotations = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'master_key.rotate'`);
  assert.equal(Number(rotations[0].n), 1, 'one audit entry for the one change');

  assert.ok(await signs(market), 'the re-sealed key signs');
  assert.ok(await signs(police), 'a new seal key is made under B');
  await sealCommitted(t.database.db, 10_000);
  assert.ok(await writeCheckpoint(t.database.db), 'the head is signed under B');
  const verified = await verify();
  assert.equal(verified.ok, true, JSON.stringify(verified));
  assert.equal(verified.ok && verified.checkpoints, 2, 'the checkpoint under A and the one under B');
  // The receipt printed under A still looks up; new notices print the code under B, which looks up too.
  assert.notEqual(queryCodeOf(number), codeUnderA);
  for (const code of [codeUnderA, queryCodeOf(number)]) {
    const res = await lookUp(code);
    assert.equal(res.statusCode, 200, res.body);
  }
});

test('with A no longer configured, what still needs it fails clearly; what B protects keeps working', async () => {
  await restartWith(B, []);
  assert.ok(await signs(market), 'seal keys re-sealed under B sign without A');
  const result = await verify();
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.reason : '', /TONGBAN_MASTER_KEY_PREVIOUS/, 'the reason names the missing previous key');
  const old = await lookUp(codeUnderA);
  assert.equal(old.statusCode, 404, old.body);
  assert.equal(errorCode(old), 'CASE_LOOKUP_FAILED');
  assert.equal((await lookUp(queryCodeOf(number))).statusCode, 200);
  // Configured again as previous, A makes the log verify once more.
  await restartWith(B, [A]);
  assert.equal((await verify()).ok, true);
});

test('a seal key under a master key the server does not have: LICENSE_MASTER_KEY_MISSING, and rotation changes nothing', async () => {
  // A new key C; B is forgotten before the seal keys under B were re-sealed under C.
  await restartWith(C, []);
  const before = await sealKeyRows();
  await assert.rejects(
    t.database.db.transaction((tx) => activeSealKey(tx, ctx, market)),
    (e: { code?: string; status?: number }) => e.code === 'LICENSE_MASTER_KEY_MISSING' && e.status === 503,
  );
  await assert.rejects(
    t.database.db.transaction((tx) => resealSealKeys(tx, ctx)),
    (e: { code?: string }) => e.code === 'LICENSE_MASTER_KEY_MISSING',
  );
  assert.deepEqual(await sealKeyRows(), before, 'nothing was re-sealed');
  // With B given as previous the rotation goes through.
  await restartWith(C, [B, A]);
  const rotated = await t.database.db.transaction((tx) => resealSealKeys(tx, ctx));
  assert.deepEqual(rotated.resealed, { [masterKeyId(Buffer.from(B, 'hex'))]: 2 });
  assert.ok(await signs(market));
  assert.equal((await verify()).ok, true);
});
