import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/platform/db/db.ts';
import { ensurePgTemplate, ensurePgliteTemplate, TEST_MASTER_KEY, withDatabase } from '../support/template.ts';
import { appRoleUrl } from '../support/db.ts';
import { tongbanIn, tongbanProcess } from './run.ts';

// The CLI on a data folder or a server database of its own: the commands through runCli in this process (what
// bin/tongban.mjs runs), and a few in a child process where the process itself is tested (tests/cli/run.ts).
const serverUrl = process.env.TEST_DATABASE_URL;
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;
let dataDir: string;
let dbName: string;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-cli-'));
  // The templates' audit entries carry the MAC of the tests' master key: the CLI runs under the same key.
  env = { ...process.env, TONGBAN_DATA_DIR: dataDir, DATABASE_URL: '', TONGBAN_MASTER_KEY: TEST_MASTER_KEY };
  if (serverUrl) {
    dbName = `tongban_cli_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${await ensurePgTemplate(serverUrl)}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(serverUrl, dbName);
    cleanup = async () => {
      const admin2 = new pg.Client({ connectionString: serverUrl });
      await admin2.connect();
      await admin2.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin2.end();
    };
  } else {
    // Start the folder from the test template instead of a fresh initdb.
    const seeded = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: new Blob([fs.readFileSync(await ensurePgliteTemplate())]) });
    await seeded.close();
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
after(async () => {
  await cleanup?.();
});

/** A command in this process (runCli, the code bin/tongban.mjs runs). */
const tongban = (...args: string[]) => tongbanIn(env, ...args);
/** The same in a child process: only where the process is what is tested (it starts, prints, exits with the code). */
const tongbanBin = (...args: string[]) => tongbanProcess(env, ...args);

async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const d = await openDatabase(serverUrl ? { databaseUrl: env.DATABASE_URL } : { dataDir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

test('contract: `tongban calendar add 2024-09-27 5` prints 2024-10-10 and exits 0', () => {
  // In a process of its own: bin/tongban.mjs starts, opens the database, prints and ends with 0.
  const r = tongbanBin('calendar', 'add', '2024-09-27', '5');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '2024-10-10\n');
});

test('a missing calendar year prints CALENDAR_YEAR_MISSING and exits 2', () => {
  // In a process of its own: the error on stderr, and the process's exit code 2.
  const r = tongbanBin('calendar', 'add', '2026-12-28', '5');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /CALENDAR_YEAR_MISSING/);
  assert.equal(r.stdout, '');
});

test('contract: `tongban check id|uscc` prints valid (exit 0) or invalid: <reason> (exit 1)', async () => {
  assert.deepEqual(pick(await tongban('check', 'id', '11010519491231002X')), { code: 0, stdout: 'valid\n' });
  // In a process of its own: a failed check ends the process with 1.
  const bad = tongbanBin('check', 'id', '110105194912310021');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^invalid: check character should be X, got 1\n$/);
  assert.deepEqual(pick(await tongban('check', 'uscc', '91350100M000100Y43')), { code: 0, stdout: 'valid\n' });
  const badUscc = await tongban('check', 'uscc', '91350100M000100Y44');
  assert.equal(badUscc.code, 1);
  assert.match(badUscc.stdout, /^invalid: /);
});

function pick(r: { code: number | null; stdout: string }) {
  return { code: r.code, stdout: r.stdout };
}

test('`tongban user add` creates an account that can then be listed; a duplicate exits 2', async () => {
  const r = await tongban('user', 'add', 'ops1', '--role', 'admin', '--region', '340600', '--password', 'Ops12345');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /created user ops1/);
  assert.match((await tongban('user', 'list')).stdout, /ops1\s+active\s+admin/);
  const dup = await tongban('user', 'add', 'ops1', '--role', 'admin', '--password', 'Ops12345');
  assert.equal(dup.code, 2);
  assert.match(dup.stderr, /USERNAME_TAKEN/);
  const badRole = await tongban('user', 'add', 'ops2', '--role', 'king', '--password', 'Ops12345');
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /unknown role/);
});

test('`tongban calendar import FILE` loads a new year', async () => {
  const file = path.join(dataDir, '2027.csv');
  fs.writeFileSync(file, 'date,type,name\n2027-01-01,off,元旦\n2027-02-06,off,春节\n');
  const r = await tongban('calendar', 'import', file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /imported 2 days for 2027 \(new years: 2027\)/);
  assert.equal((await tongban('calendar', 'add', '2026-12-31', '1')).stdout, '2027-01-04\n');
});

test('`tongban audit checkpoints` exports signed checkpoints, and verify --checkpoints catches the log cut back after them', async () => {
  assert.equal((await tongban('user', 'add', 'cp.clerk', '--role', 'clerk', '--password', 'Checkpoint1')).code, 0);
  const exported = await tongban('audit', 'checkpoints');
  assert.equal(exported.code, 0, exported.stderr);
  const file = path.join(dataDir, 'checkpoints.jsonl');
  fs.writeFileSync(file, exported.stdout);
  const lines = exported.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seq: number });
  assert.ok(lines.length >= 1);
  const ok = await tongban('audit', 'verify', '--checkpoints', file);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /signed checkpoints/);
  // Cut the last link and its entry, rewind the head, and remove the stored checkpoints: consistent in itself …
  await withDb(async (d) => {
    await d.db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT entry_id FROM audit_chain ORDER BY seq DESC LIMIT 1)`);
    await d.db.execute(sql`DELETE FROM audit_chain WHERE seq = (SELECT max(seq) FROM audit_chain)`);
    await d.db.execute(sql`UPDATE audit_head SET last_seq = last_seq - 1, last_hash = (SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1) WHERE id = 1`);
    await d.db.execute(sql`DELETE FROM audit_checkpoint`);
  });
  assert.equal((await tongban('audit', 'verify')).code, 0);
  // … but not against the export.
  const cut = await tongban('audit', 'verify', '--checkpoints', file);
  assert.equal(cut.code, 1);
  assert.match(cut.stdout, /before a signed checkpoint/);
});

test('`tongban audit verify` passes, then fails naming the entry altered by hand', async () => {
  const ok = await tongban('audit', 'verify');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /audit chain intact: \d+ entries/);
  await withDb((d) => d.db.execute(sql`UPDATE audit_log SET actor_username = 'mallory' WHERE id = 1`));
  const broken = await tongban('audit', 'verify');
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /audit chain broken at entry 1/);
});

test('every command has --help', async () => {
  for (const cmd of [[], ['serve'], ['migrate'], ['seed'], ['user'], ['user', 'add'], ['calendar'], ['calendar', 'add'], ['check'], ['audit']]) {
    const r = await tongban(...cmd, '--help');
    assert.equal(r.code, 0, `${cmd.join(' ')} --help`);
    assert.match(r.stdout, /Usage: tongban/);
  }
});

test('`tongban catalog import --dry-run` lists bad rows and exits 1; a good file imports; inspect and export work', async () => {
  const { catalogWorkbook } = await import('../support/catalog-fixtures.ts');
  assert.equal((await tongban('seed', '--demo')).code, 0, 'the workbook names the demo departments');
  const bad = path.join(dataDir, 'bad.xlsx');
  fs.writeFileSync(
    bad,
    await catalogWorkbook(3, (i, row) => {
      if (i === 1) row.promisedLimit = { value: 30, unit: 'working_day' };
    }),
  );
  const dry = await tongban('catalog', 'import', bad, '--dry-run');
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /实施清单 row 3 \[承诺时限\]/);
  const good = path.join(dataDir, 'good.xlsx');
  fs.writeFileSync(good, await catalogWorkbook(3));
  const ok = await tongban('catalog', 'import', good, '--publish');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /implementations 3 created, 0 changed, 0 unchanged, 3 published/);
  assert.equal((await tongban('catalog', 'inspect')).code, 0, 'no errors in what was just published');
  // Legacy data changed behind the platform's back: a fee without its basis.
  await withDb((d) =>
    d.db.execute(
      sql`UPDATE implementation_version SET content = jsonb_set(content, '{fees}', '[{"name":"工本费","standard":"10元","basis":"","waivable":false}]') WHERE implementation_id = (SELECT id FROM implementation WHERE code = 'IMP-00002')`,
    ),
  );
  const inspect = await tongban('catalog', 'inspect', '--region', '340600');
  assert.equal(inspect.code, 1, 'a fee without basis is an error');
  assert.match(inspect.stdout, /error\s+FEE_WITHOUT_BASIS\s+IMP-00002/);
  const out = path.join(dataDir, 'export.xlsx');
  assert.equal((await tongban('catalog', 'export', out)).code, 0);
  const again = await tongban('catalog', 'import', out, '--dry-run');
  assert.equal(again.code, 0, again.stdout);
  assert.match(again.stdout, /dry run: \d+ rows are fine/);
});

test('`tongban licenses check-id` and `tongban licenses import` (rows checked first, then sealed)', async () => {
  const { makeIdentifier } = await import('../../src/modules/licenses/index.ts');
  const { makeUscc } = await import('../../src/platform/identity.ts');
  const id = makeIdentifier({ typeCode: '11100000MB0000000X001', issuerUscc: '11340600003000027L', serial: '2026000001', version: 1 });
  assert.deepEqual(pick(await tongban('licenses', 'check-id', id)), { code: 0, stdout: 'valid\n' });
  const bad = await tongban('licenses', 'check-id', id.slice(0, -1) + (id.endsWith('0') ? '1' : '0'));
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^invalid: check character should be/);
  // A licence type, then a file with one bad row.
  const type = `${makeUscc('11', '100000', '00002010')}001`;
  await withDb(async (d) => {
    const { createLicenseType, findLicenseType } = await import('../../src/modules/licenses/index.ts');
    const { systemContext } = await import('../../src/platform/context.ts');
    if (await findLicenseType(d.db, type)) return; // the demo seeded it
    await d.db.transaction((tx) =>
      createLicenseType(tx, systemContext('test'), {
        code: type,
        name: '食品经营许可证',
        definingBodyName: '国家市场监督管理总局',
        holderKind: 'organisation',
      }),
    );
  });
  const issuer = makeUscc('11', '340600', '00300002');
  const header = 'type_code,issuer_uscc,holder_kind,holder_name,holder_id,issue_date,valid_until,data';
  const rowOf = (i: number, over: Partial<Record<string, string>> = {}) =>
    [
      over.type ?? type,
      issuer,
      'organisation',
      `餐饮店${i}`,
      over.id ?? makeUscc('92', '340603', `MA2T${String(i).padStart(4, '0')}`),
      '2023-05-01',
      '2028-04-30',
      '"{""经营场所"":""相山区""}"',
    ].join(',');
  const file = path.join(dataDir, 'licenses.csv');
  fs.writeFileSync(file, [header, rowOf(1), rowOf(2, { id: '92340603MA2T00021X' }), rowOf(3)].join('\n'));
  const dry = await tongban('licenses', 'import', file, '--dry-run');
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /row 3 \[holder_id\]/);
  fs.writeFileSync(file, [header, rowOf(1), rowOf(2), rowOf(3)].join('\n'));
  const ok = await tongban('licenses', 'import', file);
  assert.equal(ok.code, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /imported 3 licences/);
  // The identifier is derived from its parts, not stored (ADR 0029).
  const rows = await withDb((d) =>
    d.db.execute(
      sql`SELECT type_code, issuer_uscc, serial, version_no, octet_length(signature) AS signature FROM license WHERE holder_name LIKE '餐饮店%' ORDER BY id`,
    ),
  );
  const list = (rows as unknown as { rows: { type_code: string; issuer_uscc: string; serial: string; version_no: number; signature: number }[] }).rows;
  assert.equal(list.length, 3);
  assert.ok(
    list.every((r) => Number(r.signature) >= 68),
    'sealed',
  );
  const first = makeIdentifier({ typeCode: list[0].type_code, issuerUscc: list[0].issuer_uscc, serial: list[0].serial, version: Number(list[0].version_no) });
  assert.equal(pick(await tongban('licenses', 'check-id', first)).code, 0);
});

test(
  '`tongban migrate` on a new server database: the application role alone is refused with the way out; with the owner URL it migrates as the owner',
  { skip: !serverUrl && 'needs a PostgreSQL server (TEST_DATABASE_URL)' },
  async () => {
    const suffix = randomBytes(3).toString('hex');
    const ownerRole = `tongban_t_cliowner_${suffix}`;
    const name = `tongban_t_climig_${suffix}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${ownerRole} LOGIN PASSWORD 'owner'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${ownerRole}`);
    try {
      const ownerUrl = new URL(withDatabase(serverUrl!, name));
      ownerUrl.username = ownerRole;
      ownerUrl.password = 'owner';
      const appUrl = await appRoleUrl(serverUrl!, name);
      const run = (extra: NodeJS.ProcessEnv) => tongbanIn({ ...env, DATABASE_URL: appUrl, ...extra }, 'migrate');
      const refused = await run({ TONGBAN_MIGRATE_DATABASE_URL: '' });
      assert.notEqual(refused.code, 0, 'the application role may not change the schema');
      assert.match(refused.stderr, /TONGBAN_MIGRATE_DATABASE_URL/, 'and the message says how to migrate');
      const done = await run({ TONGBAN_MIGRATE_DATABASE_URL: ownerUrl.toString() });
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /migrated/);
      const c = new pg.Client({ connectionString: appUrl });
      await c.connect();
      try {
        const owner = await c.query<{ o: string }>(`SELECT tableowner AS o FROM pg_tables WHERE tablename = 'service_case'`);
        assert.equal(owner.rows[0]?.o, ownerRole, 'the tables belong to the owner');
        const who = await c.query<{ ok: boolean }>(`SELECT has_table_privilege('service_case', 'INSERT') AS ok`);
        assert.equal(who.rows[0]?.ok, true, 'and the application role was granted what it needs');
      } finally {
        await c.end();
      }
      assert.equal((await run({ TONGBAN_MIGRATE_DATABASE_URL: ownerUrl.toString() })).code, 0, 'a second run changes nothing and succeeds');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
      await admin.end();
    }
  },
);
