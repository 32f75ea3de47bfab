/**
 * A migrated database with reference data, made once and copied for every test file: a PGlite data-dir tarball,
 * or a PostgreSQL template database. Keyed by a digest of what goes into it, so a new migration makes a new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sm3Hex } from '../../src/platform/crypto.ts';
import { configureAuditKeys } from '../../src/platform/audit/audit-keys.ts';

/** The master key of every test app (testConfig) and of the test templates. */
export const TEST_MASTER_KEY = '00112233445566778899aabbccddeeff';
import { migrate, openDatabase } from '../../src/platform/db/db.ts';
import { seedReference } from '../../src/bootstrap/reference.ts';
import { seedDemo } from '../../src/bootstrap/demo.ts';
import { seedDemoCatalog } from '../../src/bootstrap/demo-catalog/index.ts';
import { seedDemoStaff } from '../../src/bootstrap/demo-activity.ts';
import type { Db } from '../../src/platform/db/db.ts';

/**
 * What a test database starts with: reference data only; plus the demo city's departments and accounts; or the
 * whole demo (with its catalogue). Each kind is its own template, made once.
 */
export type TemplateKind = 'reference' | 'accounts' | 'full';

async function fill(db: Db, kind: TemplateKind): Promise<void> {
  // The demo's audit entries carry the MAC of the tests' master key (testConfig), as a server's would.
  configureAuditKeys(Buffer.from(TEST_MASTER_KEY, 'hex'));
  await seedReference(db);
  if (kind !== 'reference') await seedDemo(db);
  if (kind === 'full') {
    await seedDemoCatalog(db);
    // Every department with items has a reviewer and a lead (审查 and 决定 by two people), as in the demo.
    await seedDemoStaff(db);
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export function templateKey(kind: TemplateKind = 'reference'): string {
  const migrations = path.join(root, 'db/migrations');
  const parts = fs
    .readdirSync(migrations, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.sql') || f.endsWith('.json'))
    .sort()
    .map((f) => fs.readFileSync(path.join(migrations, f), 'utf8'));
  // Everything that decides what the template holds: reference data and the code that loads it.
  const inputs = [
    'package-lock.json',
    'src/platform/db/db.ts', // migrate(): the migrations and the application role's grants
    'src/bootstrap/reference.ts',
    ...(kind === 'reference' ? [] : ['src/bootstrap/demo.ts']),
    ...(kind === 'full'
      ? fs
          .readdirSync(path.join(root, 'src/bootstrap/demo-catalog'))
          .sort()
          .map((f) => `src/bootstrap/demo-catalog/${f}`)
          .concat('src/bootstrap/demo-activity.ts')
      : []),
    ...(kind === 'reference' ? [] : ['src/modules/mandates/mandates.demo.ts', 'src/modules/exchange/exchange.demo.ts', 'src/modules/legal/legal.demo.ts']),
    'src/modules/registry.ts',
    'src/platform/reference-data.ts',
    'src/platform/code-lists.ts',
    'src/modules/regions/regions.seed.ts',
    'src/modules/regions/regions.reference.ts',
    'src/platform/calendar/chinese-days-source.ts',
    'src/modules/catalog/catalog.search.ts',
    'src/platform/audit/audit.ts',
    'src/platform/audit/audit-keys.ts',
  ];
  for (const f of inputs) {
    parts.push(fs.readFileSync(path.join(root, f), 'utf8'));
  }
  return `${kind}-${sm3Hex(parts.join('\0')).slice(0, 12)}`;
}

export function pgliteTemplatePath(kind: TemplateKind = 'reference'): string {
  return path.join(root, '.cache', `test-template-${templateKey(kind)}.tar`);
}

/**
 * A tar archive without the WAL segments that a start does not read. Every test file loads the template into
 * PGlite's in-memory file system, so its size is paid once per file: after a checkpoint, only the segments from the
 * checkpoint's redo point to the current insert position are needed (PostgreSQL makes the later ones when it needs
 * them); the others are recycled segments of 16 MB each. Kept uncompressed: a gunzip per file costs more than reading
 * the larger file from the page cache.
 */
export function withoutSpareWal(tar: Uint8Array, keep: ReadonlySet<string>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) {
      parts.push(tar.subarray(at));
      break;
    }
    const field = (from: number, len: number) => new TextDecoder().decode(header.subarray(from, from + len)).replace(/\0.*$/s, '');
    const name = `${field(345, 155)}${field(345, 155) ? '/' : ''}${field(0, 100)}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (!segment || keep.has(segment)) parts.push(tar.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

export async function ensurePgliteTemplate(kind: TemplateKind = 'reference'): Promise<string> {
  const file = pgliteTemplatePath(kind);
  if (fs.existsSync(file)) return file;
  const database = await openDatabase({});
  await migrate(database);
  await fill(database.db, kind);
  const client = (
    database as unknown as {
      pglite: { dumpDataDir(c: 'none'): Promise<Blob>; query<T>(q: string): Promise<{ rows: T[] }>; exec(q: string): Promise<unknown> };
    }
  ).pglite;
  await client.exec('CHECKPOINT');
  const [wal] = (
    await client.query<{ redo: string; current: string }>(
      'SELECT pg_walfile_name(redo_lsn) AS redo, pg_walfile_name(pg_current_wal_insert_lsn()) AS current FROM pg_control_checkpoint()',
    )
  ).rows;
  // A segment's name is its timeline, log and segment number (8 hex digits each; 256 segments of 16 MB to a log).
  const number = (name: string) => parseInt(name.slice(8, 16), 16) * 256 + parseInt(name.slice(16), 16);
  const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  const keep = new Set<string>();
  for (let n = number(wal.redo); n <= number(wal.current); n++) keep.add(`${wal.redo.slice(0, 8)}${hex8(Math.floor(n / 256))}${hex8(n % 256)}`);
  const blob = await client.dumpDataDir('none');
  await database.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, withoutSpareWal(new Uint8Array(await blob.arrayBuffer()), keep));
  fs.renameSync(tmp, file);
  return file;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function ensurePgTemplate(serverUrl: string, kind: TemplateKind = 'reference'): Promise<string> {
  const name = `tongban_tpl_${templateKey(kind).replace('-', '_')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(7011002)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      // Built under another name and renamed when whole: a build that fails half-way (a seed that throws) leaves no
      // template that later files would copy.
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, building), poolSize: 1 });
      try {
        await migrate(database);
        await fill(database.db, kind);
      } finally {
        await database.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
    await admin.query('SELECT pg_advisory_unlock(7011002)');
  } finally {
    await admin.end();
  }
  return name;
}

// Run directly: build the template for the backend the environment selects.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.TEST_DATABASE_URL;
  for (const kind of ['reference', 'accounts', 'full'] as const) {
    const made = url ? await ensurePgTemplate(url, kind) : await ensurePgliteTemplate(kind);
    console.log(`test template ready: ${made}`);
  }
}
