import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/platform/db/db.ts';
import { masterKeyId } from '../../src/platform/master-keys.ts';
import { ensurePgTemplate, ensurePgliteTemplate, TEST_MASTER_KEY, withDatabase } from '../support/template.ts';
import { tongbanIn } from './run.ts';

// `tongban rotate-master-key` as an operator runs it (ADR 0030), on a database of its own: a seal key made under the
// old key A, the new key B configured with A as previous, the command run twice, the audit log verified with and
// without A; a server without the key a seal key is under refuses with a stable error.
const serverUrl = process.env.TEST_DATABASE_URL;
const A = TEST_MASTER_KEY;
const B = randomBytes(16).toString('hex');
const idOf = (hex: string) => masterKeyId(Buffer.from(hex, 'hex'));
let base: NodeJS.ProcessEnv;
let dataDir: string;
let cleanup: () => Promise<void>;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-rotate-'));
  base = { ...process.env, TONGBAN_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (serverUrl) {
    const name = `tongban_rotate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await ensurePgTemplate(serverUrl, 'accounts')}`);
    await admin.end();
    base.DATABASE_URL = withDatabase(serverUrl, name);
    cleanup = async () => {
      const admin2 = new pg.Client({ connectionString: serverUrl });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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

/**
 * A command through runCli in this process (what bin/tongban.mjs runs; tests/cli/run.ts) under these master keys:
 * each run reads them afresh, so the runs one after another also show that no key stays behind from the one before.
 */
function tongban(keys: { current: string; previous?: string[] }, ...args: string[]) {
  return tongbanIn({ ...base, TONGBAN_MASTER_KEY: keys.current, TONGBAN_MASTER_KEY_PREVIOUS: (keys.previous ?? []).join(',') }, ...args);
}

async function sealKeys() {
  const d = await openDatabase(serverUrl ? { databaseUrl: base.DATABASE_URL } : { dataDir });
  try {
    return await queryRows<{ masterKeyId: string | null }>(d.db, sql`SELECT master_key_id AS "masterKeyId" FROM seal_key ORDER BY id`);
  } finally {
    await d.close();
  }
}

test('rotate-master-key re-seals the seal keys under the new key once; the audit log verifies while the old key is configured', async () => {
  const d = await openDatabase(serverUrl ? { databaseUrl: base.DATABASE_URL } : { dataDir });
  const [dept] = await queryRows<{ uscc: string }>(d.db, sql`SELECT uscc FROM department ORDER BY id LIMIT 1`);
  await d.close();
  const made = await tongban({ current: A }, 'licenses', 'keygen', '--department', dept.uscc);
  assert.equal(made.code, 0, made.stderr);
  assert.deepEqual(
    (await sealKeys()).map((k) => k.masterKeyId),
    [idOf(A)],
  );

  const dry = await tongban({ current: B, previous: [A] }, 'rotate-master-key', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`would re-seal 1 from ${idOf(A)}`));
  assert.deepEqual(
    (await sealKeys()).map((k) => k.masterKeyId),
    [idOf(A)],
    'a dry run changes nothing',
  );
  const rotated = await tongban({ current: B, previous: [A] }, 'rotate-master-key');
  assert.equal(rotated.code, 0, rotated.stderr);
  assert.match(rotated.stdout, new RegExp(`master key ${idOf(B)} \\(previous: ${idOf(A)}\\): re-sealed 1 from ${idOf(A)}`));
  assert.deepEqual(
    (await sealKeys()).map((k) => k.masterKeyId),
    [idOf(B)],
  );
  const again = await tongban({ current: B, previous: [A] }, 'rotate-master-key');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /every seal key \(1\) is under it already/);

  const verified = await tongban({ current: B, previous: [A] }, 'audit', 'verify');
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  const withoutA = await tongban({ current: B }, 'audit', 'verify');
  assert.equal(withoutA.code, 1, withoutA.stdout + withoutA.stderr);
  assert.match(withoutA.stdout, /TONGBAN_MASTER_KEY_PREVIOUS/);
});

test('without the key a seal key is under, the rotation refuses with a stable error and changes nothing; a bad previous key stops it', async () => {
  const C = randomBytes(16).toString('hex');
  const refused = await tongban({ current: C, previous: [A] }, 'rotate-master-key');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /LICENSE_MASTER_KEY_MISSING/);
  assert.deepEqual(
    (await sealKeys()).map((k) => k.masterKeyId),
    [idOf(B)],
  );
  const bad = await tongban({ current: C, previous: ['xyz'] }, 'rotate-master-key');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /TONGBAN_MASTER_KEY_PREVIOUS: key 1 must be 32 hexadecimal characters/);
});
