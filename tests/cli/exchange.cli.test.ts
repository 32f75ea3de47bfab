import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/platform/db/db.ts';
import { ensurePgTemplate, ensurePgliteTemplate, TEST_MASTER_KEY, withDatabase } from '../support/template.ts';
import { tongbanIn } from './run.ts';

// `tongban exchange verify` as an operator runs it, on the demo city's call log (src/modules/exchange/exchange.demo.ts).
const serverUrl = process.env.TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let dataDir: string;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-exchange-cli-'));
  env = { ...process.env, TONGBAN_DATA_DIR: dataDir, DATABASE_URL: '', TONGBAN_MASTER_KEY: TEST_MASTER_KEY };
  if (serverUrl) {
    const dbName = `tongban_xcli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${await ensurePgTemplate(serverUrl, 'accounts')}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(serverUrl, dbName);
    cleanup = async () => {
      const admin2 = new pg.Client({ connectionString: serverUrl });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin2.end();
    };
  } else {
    const seeded = await PGlite.create({
      dataDir: path.join(dataDir, 'pglite'),
      loadDataDir: new Blob([fs.readFileSync(await ensurePgliteTemplate('accounts'))]),
    });
    await seeded.close();
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
after(async () => {
  await cleanup?.();
});

/** A command through runCli in this process (what bin/tongban.mjs runs; tests/cli/run.ts). */
const tongban = (...args: string[]) => tongbanIn(env, ...args);

async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await openDatabase(serverUrl ? { databaseUrl: env.DATABASE_URL } : { dataDir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

test('`tongban exchange verify` passes on the demo call log, then fails naming the call altered by hand; an exported checkpoint catches a cut log', async () => {
  const ok = await tongban('exchange', 'verify');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /call log intact: 5 calls/);
  const exported = await tongban('exchange', 'checkpoints');
  assert.equal(exported.code, 0, exported.stderr);
  const file = path.join(dataDir, 'call-checkpoints.jsonl');
  fs.writeFileSync(file, exported.stdout);
  assert.ok(exported.stdout.trim().split('\n').length >= 1);

  const [victim] = await withDb((d) =>
    queryRows<{ id: number }>(d.db, sql`SELECT id::int AS id FROM exchange_call WHERE code = 'OK' ORDER BY id LIMIT 1 OFFSET 1`),
  );
  await withDb((d) => d.db.execute(sql`UPDATE exchange_call SET status = 403, code = 'EXCHANGE_GRANT_REVOKED' WHERE id = ${victim.id}`));
  const broken = await tongban('exchange', 'verify');
  assert.equal(broken.code, 1);
  assert.match(broken.stdout + broken.stderr, new RegExp(`call log broken at call ${victim.id}: the call does not match its hash`));
  // The provider's status and time of a forwarded call are covered too (ADR 0047): a call served from its table that
  // is given one afterwards is named as well.
  await withDb((d) => d.db.execute(sql`UPDATE exchange_call SET status = 200, code = 'OK', provider_status = 200, provider_us = 1000 WHERE id = ${victim.id}`));
  const forwarded = await tongban('exchange', 'verify');
  assert.equal(forwarded.code, 1);
  assert.match(forwarded.stdout + forwarded.stderr, new RegExp(`call log broken at call ${victim.id}: the call does not match its hash`));
  await withDb((d) => d.db.execute(sql`UPDATE exchange_call SET provider_status = NULL, provider_us = NULL WHERE id = ${victim.id}`));
  assert.equal((await tongban('exchange', 'verify')).code, 0, 'intact again');

  // Put it back, then cut the last call with its link and move the head back: only the exported checkpoint sees it.
  await withDb(async (d) => {
    await d.db.execute(sql`UPDATE exchange_call SET status = 200, code = 'OK' WHERE id = ${victim.id}`);
    await d.db.execute(sql`DELETE FROM exchange_call_checkpoint`);
    const [last] = await queryRows<{ seq: number; call_id: number }>(
      d.db,
      sql`SELECT seq::int AS seq, call_id::int AS call_id FROM exchange_call_chain ORDER BY seq DESC LIMIT 1`,
    );
    const [prev] = await queryRows<{ hash: string }>(d.db, sql`SELECT hash FROM exchange_call_chain WHERE seq = ${last.seq - 1}`);
    await d.db.execute(sql`DELETE FROM exchange_call_chain WHERE seq = ${last.seq}`);
    await d.db.execute(sql`DELETE FROM exchange_call WHERE id = ${last.call_id}`);
    await d.db.execute(sql`UPDATE exchange_call_head SET last_seq = ${last.seq - 1}, last_hash = ${prev.hash}`);
  });
  assert.equal((await tongban('exchange', 'verify')).code, 0, 'consistent in itself');
  const cut = await tongban('exchange', 'verify', '--checkpoints', file);
  assert.equal(cut.code, 1);
  assert.match(cut.stdout + cut.stderr, /before a signed checkpoint/);
});
