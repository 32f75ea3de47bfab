// An install made before ADR 0008 keeps its audit chain through the upgrade, and goes on writing and sealing after it:
// migrations 0000–0005 first, entries written the old way (ids from the head, hashes in the row), then the rest.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { migrate } from '../../src/platform/db/db.ts';
import { chainHash, sealCommitted, verifyAuditChain, writeAudit } from '../../src/platform/audit/audit.ts';
import { systemContext } from '../../src/platform/context.ts';
import { emptyDatabase, migrationsBefore } from '../support/db.ts';

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
});

test('the audit chain of an older install survives the upgrade, and new entries chain after it', async () => {
  const database = await emptyDatabase();
  cleanup.unshift(() => database.close());
  await migrate(database, migrationsBefore('0006'));
  let prev = '0'.repeat(64);
  for (let id = 1; id <= 3; id++) {
    const at = `2026-11-0${id}T08:00:00.000Z`;
    const entry = {
      id,
      atMs: at,
      atUs: at,
      actorId: null,
      actorUsername: 'system:old',
      actorRole: null,
      action: 'old.action',
      targetType: 'thing',
      targetId: String(id),
      requestId: null,
      digest: 'd'.repeat(64),
      regionCode: null,
      mac: null,
    };
    // Links of the first format hashed the time to the millisecond, without region or MAC.
    const hash = chainHash(prev, entry, 1);
    await database.db
      .execute(sql`INSERT INTO audit_log (id, at, actor_id, actor_username, actor_role, action, target_type, target_id, request_id, digest, prev_hash, hash)
      VALUES (${id}, ${at}, NULL, 'system:old', NULL, 'old.action', 'thing', ${String(id)}, NULL, ${entry.digest}, ${prev}, ${hash})`);
    await database.db.execute(sql`UPDATE audit_head SET last_id = ${id}, last_hash = ${hash}, count = ${id} WHERE id = 1`);
    prev = hash;
  }

  await migrate(database);
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 3, pending: 0, checkpoints: 0 });
  await database.db.transaction((tx) => writeAudit(tx, systemContext('new'), { action: 'new.action', targetType: 'thing', targetId: '4', change: null }));
  assert.deepEqual(await sealCommitted(database.db), { sealed: 1, waiting: 0 });
  assert.deepEqual(await verifyAuditChain(database.db), { ok: true, count: 4, pending: 0, checkpoints: 0 });
  const [last] = await database.db
    .execute(sql`SELECT id::int AS id FROM audit_log WHERE action = 'new.action'`)
    .then((r) => (r as unknown as { rows: { id: number }[] }).rows);
  assert.equal(last.id, 4, 'ids go on after the old ones');
});
