import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testBackend, testDatabase } from '../../../tests/support/db.ts';
import type { Database } from '../db/db.ts';
import { systemContext } from '../context.ts';
import { listAudit, listCheckpoints, sealAudit, sealCommitted, verifyAuditChain, writeAudit, writeCheckpoint } from './audit.ts';
import { checkpointPublicKeyHex, checkpointSignatureValid } from './audit-keys.ts';

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(async () => {
  await database?.close();
});

async function write(n: number, prefix: string) {
  for (let i = 0; i < n; i++) {
    await database.db.transaction((tx) =>
      writeAudit(tx, systemContext('test'), { action: `${prefix}.action`, targetType: 'thing', targetId: `${prefix}-${i}`, change: { i } }),
    );
  }
}

const sealAndVerify = async (db = database, batch?: number) => {
  await sealCommitted(db.db);
  return verifyAuditChain(db.db, batch);
};

test('entries wait for the sealer, then chain in order', async () => {
  await write(5, 'a');
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 0, pending: 5, checkpoints: 0 });
  const before = await listAudit(database.db, { page: 1, pageSize: 10 });
  assert.equal(before.items[0].hash, null);
  assert.deepEqual(await sealCommitted(database.db), { sealed: 5, waiting: 0 });
  assert.equal(await sealAudit(database.db), 0, 'a second run finds nothing new');
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 5, pending: 0, checkpoints: 0 });
  const { items } = await listAudit(database.db, { page: 1, pageSize: 10 });
  assert.deepEqual(
    items.map((i) => i.seq),
    [5, 4, 3, 2, 1],
  );
  assert.match(items[0].hash ?? '', /^[0-9a-f]{64}$/);
  assert.match(items[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('concurrent writers and small batches keep one linear chain', async () => {
  await Promise.all(Array.from({ length: 6 }, (_, k) => write(3, `c${k}`)));
  assert.deepEqual(await sealCommitted(database.db, 5_000, 4), { sealed: 18, waiting: 0 }, 'in batches of at most four');
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 23, pending: 0, checkpoints: 0 });
});

test('entries wait while an older transaction runs, then chain in transaction order', { skip: testBackend !== 'pg' && 'needs two connections' }, async () => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let written!: () => void;
  const inside = new Promise<void>((r) => (written = r));
  const slow = database.db.transaction(async (tx) => {
    await writeAudit(tx, systemContext('test'), { action: 'slow.action', targetType: 'thing', targetId: 'slow', change: null });
    written();
    await held;
  });
  await inside;
  await write(2, 'fast');
  assert.equal(await sealAudit(database.db), 0, 'entries behind a running transaction wait for it');
  release();
  await slow;
  assert.deepEqual(await sealCommitted(database.db), { sealed: 3, waiting: 0 });
  const { items } = await listAudit(database.db, { page: 1, pageSize: 3 });
  const seqOf = (target: string) => items.find((i) => i.targetId === target)?.seq ?? 0;
  assert.ok(seqOf('slow') < seqOf('fast-0') && seqOf('fast-0') < seqOf('fast-1'), 'the older transaction first, though it committed last');
  assert.equal((await verifyAuditChain(database.db)).ok, true);
});

test('a change rolled back leaves no audit entry', async () => {
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await writeAudit(tx, systemContext('test'), { action: 'rolled.back', targetType: 'thing', targetId: 'x', change: null });
      throw new Error('boom');
    }),
  );
  const { total } = await listAudit(database.db, { action: 'rolled.back', page: 1, pageSize: 10 });
  assert.equal(total, 0);
  assert.equal((await sealAndVerify()).ok, true);
});

test('filters by target and actor', async () => {
  const byTarget = await listAudit(database.db, { targetType: 'thing', targetId: 'a-3', page: 1, pageSize: 10 });
  assert.equal(byTarget.total, 1);
  assert.equal(byTarget.items[0].action, 'a.action');
  const byActor = await listAudit(database.db, { actor: 'system:test', page: 1, pageSize: 5 });
  assert.equal(byActor.total, testBackend === 'pg' ? 26 : 23);
  assert.equal(byActor.items.length, 5);
});

test('altering an entry by hand is detected at that entry', async () => {
  await database.db.execute(sql`UPDATE audit_log SET target_id = 'forged' WHERE id = 3`);
  const result = await sealAndVerify();
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.brokenAt, 3);
  // Read by ranges of 2 links, the altered entry is the first of the second range.
  assert.equal(((r) => !r.ok && r.brokenAt)(await sealAndVerify(database, 2)), 3);
  await database.db.execute(sql`UPDATE audit_log SET target_id = 'a-2' WHERE id = 3`);
  assert.equal((await sealAndVerify()).ok, true);
  assert.deepEqual(await sealAndVerify(database, 4), await sealAndVerify());
});

test('removing an entry in the middle is detected at that entry, and removing its link too at the next', async () => {
  await database.db.execute(sql`DELETE FROM audit_log WHERE id = 10`);
  const result = await sealAndVerify();
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.brokenAt, 10);
  assert.match(!result.ok ? result.reason : '', /removed/);
  await database.db.execute(sql`DELETE FROM audit_chain WHERE entry_id = 10`);
  const again = await sealAndVerify();
  assert.equal(!again.ok && again.brokenAt, 11);
  assert.match(!again.ok ? again.reason : '', /link of the chain is missing/);
  // The missing link last in its range (positions 6–10), and in the middle of one (9–12): found at the next entry.
  for (const batch of [5, 4]) {
    const ranged = await sealAndVerify(database, batch);
    assert.equal(!ranged.ok && ranged.brokenAt, 11, `ranges of ${batch}`);
    assert.match(!ranged.ok ? ranged.reason : '', /link of the chain is missing/);
  }
});

test('removing the last entry is detected through the chain head', async () => {
  const other = await testDatabase();
  try {
    for (let i = 0; i < 3; i++) {
      await other.db.transaction((tx) => writeAudit(tx, systemContext('test'), { action: 'x', targetType: 't', targetId: String(i), change: i }));
    }
    assert.equal((await sealAndVerify(other)).ok, true);
    await other.db.execute(sql`DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)`);
    await other.db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
    const result = await sealAndVerify(other);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /removed from the end/);
  } finally {
    await other.close();
  }
});

/** A database with `n` sealed entries, for the tampering tests below. */
async function sealedLog(n: number) {
  const other = await testDatabase();
  for (let i = 0; i < n; i++) {
    await other.db.transaction((tx) =>
      writeAudit(
        tx,
        { actor: { id: 7, username: 'clerk.x', role: 'clerk', regionCode: '340603' }, requestId: null },
        { action: 'x', targetType: 't', targetId: String(i), change: i },
      ),
    );
  }
  assert.equal((await sealAndVerify(other)).ok, true);
  return other;
}

test('a row inserted into the log by hand is sealed like any other but named by verification: it has no valid MAC', async () => {
  const other = await sealedLog(2);
  try {
    await other.db.execute(sql`INSERT INTO audit_log (at, actor_id, actor_username, actor_role, action, target_type, target_id, digest, mac)
      VALUES (now(), 1, 'admin', 'admin', 'user.create', 'user', '99', ${'a'.repeat(64)}, ${'b'.repeat(64)})`);
    const result = await sealAndVerify(other);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /not written by the server/);
  } finally {
    await other.close();
  }
});

test('moving an entry’s time by microseconds is detected (the time is hashed as stored)', async () => {
  const other = await sealedLog(2);
  try {
    await other.db.execute(sql`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = (SELECT min(id) FROM audit_log)`);
    const result = await sealAndVerify(other);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /does not match its hash/);
  } finally {
    await other.close();
  }
});

test('cutting the last entries with their links and rewinding the head is caught by a signed checkpoint', async () => {
  const other = await sealedLog(4);
  try {
    const checkpoint = await writeCheckpoint(other.db);
    assert.ok(checkpoint);
    const exported = await listCheckpoints(other.db);
    assert.equal(exported.length, 1);
    // The attacker's rewrite: drop the last two entries and their links, point the head at the second link.
    await other.db.execute(sql`DELETE FROM audit_log WHERE id IN (SELECT entry_id FROM audit_chain WHERE seq > 2)`);
    await other.db.execute(sql`DELETE FROM audit_chain WHERE seq > 2`);
    await other.db.execute(sql`UPDATE audit_head SET last_seq = 2, last_hash = (SELECT hash FROM audit_chain WHERE seq = 2) WHERE id = 1`);
    const withDbCheckpoint = await sealAndVerify(other);
    assert.equal(withDbCheckpoint.ok, false);
    assert.match(!withDbCheckpoint.ok ? withDbCheckpoint.reason : '', /before a signed checkpoint/);
    // The careful attacker deletes the checkpoints too: the exported copy still catches it.
    await other.db.execute(sql`DELETE FROM audit_checkpoint`);
    assert.equal((await sealAndVerify(other)).ok, true, 'consistent in itself');
    const withExport = await verifyAuditChain(other.db, undefined, { external: exported, publicKeyHex: checkpointPublicKeyHex() });
    assert.equal(withExport.ok, false);
  } finally {
    await other.close();
  }
});

test('a checkpoint signed by another key, or altered, does not verify', async () => {
  const other = await sealedLog(2);
  try {
    const [c] = [await writeCheckpoint(other.db)];
    assert.ok(c);
    assert.equal(checkpointSignatureValid(c, checkpointPublicKeyHex()), true);
    assert.equal(checkpointSignatureValid({ ...c, seq: c.seq + 1 }, checkpointPublicKeyHex()), false);
    const forged = await verifyAuditChain(other.db, undefined, { external: [{ ...c, hash: 'f'.repeat(64) }], publicKeyHex: checkpointPublicKeyHex() });
    assert.equal(forged.ok, false);
    assert.match(!forged.ok ? forged.reason : '', /does not verify/);
    assert.equal(await writeCheckpoint(other.db), undefined, 'the head is signed once');
  } finally {
    await other.close();
  }
});

test('a reader scoped to a region lists the entries acted in it', async () => {
  const other = await sealedLog(2);
  try {
    await other.db.transaction((tx) =>
      writeAudit(
        tx,
        { actor: { id: 8, username: 'clerk.y', role: 'clerk', regionCode: '340621' }, requestId: null },
        { action: 'y', targetType: 't', targetId: 'y', change: null },
      ),
    );
    const page = { page: 1, pageSize: 50 };
    const xs = await listAudit(other.db, page, { kind: 'some', scopes: [{ regionPrefix: '340603', departmentId: null }] });
    assert.deepEqual([...new Set(xs.items.map((e) => e.actorUsername))], ['clerk.x']);
    assert.equal(xs.total, 2);
    const city = await listAudit(other.db, page, { kind: 'some', scopes: [{ regionPrefix: '3406', departmentId: null }] });
    assert.equal(city.total, 3);
    assert.equal((await listAudit(other.db, page, { kind: 'none' })).total, 0);
  } finally {
    await other.close();
  }
});
