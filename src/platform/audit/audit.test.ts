import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/support/db.ts';
import type { Database } from '../db/db.ts';
import { systemContext } from '../context.ts';
import { listAudit, verifyAuditChain, writeAudit } from './audit.ts';

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

test('entries chain: each one carries the hash of the one before', async () => {
  await write(5, 'a');
  const result = await verifyAuditChain(database.db);
  assert.deepEqual(result, { ok: true, count: 5 });
  const { items } = await listAudit(database.db, { page: 1, pageSize: 10 });
  assert.equal(items[0].prevHash, items[1].hash);
  assert.match(items[0].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('concurrent writers keep one linear chain', async () => {
  await Promise.all(Array.from({ length: 6 }, (_, k) => write(3, `c${k}`)));
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 23 });
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
  assert.equal((await verifyAuditChain(database.db)).ok, true);
});

test('filters by target and actor', async () => {
  const byTarget = await listAudit(database.db, { targetType: 'thing', targetId: 'a-3', page: 1, pageSize: 10 });
  assert.equal(byTarget.total, 1);
  assert.equal(byTarget.items[0].action, 'a.action');
  const byActor = await listAudit(database.db, { actor: 'system:test', page: 1, pageSize: 5 });
  assert.equal(byActor.total, 23);
  assert.equal(byActor.items.length, 5);
});

test('altering an entry by hand is detected at that entry', async () => {
  await database.db.execute(sql`UPDATE audit_log SET target_id = 'forged' WHERE id = 3`);
  const result = await verifyAuditChain(database.db);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.brokenAt, 3);
  await database.db.execute(sql`UPDATE audit_log SET target_id = 'a-2' WHERE id = 3`);
  assert.equal((await verifyAuditChain(database.db)).ok, true);
});

test('removing an entry in the middle is detected at the next one', async () => {
  await database.db.execute(sql`DELETE FROM audit_log WHERE id = 10`);
  const result = await verifyAuditChain(database.db);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.brokenAt, 11);
});

test('removing the last entry is detected through the chain head', async () => {
  const other = await testDatabase();
  try {
    for (let i = 0; i < 3; i++) {
      await other.db.transaction((tx) => writeAudit(tx, systemContext('test'), { action: 'x', targetType: 't', targetId: String(i), change: i }));
    }
    await other.db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
    const result = await verifyAuditChain(other.db);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /removed from the end/);
  } finally {
    await other.close();
  }
});
