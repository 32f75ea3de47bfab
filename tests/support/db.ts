import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrationsFolder, openDatabase, type Database } from '../../src/platform/db/db.ts';
import { ensurePgTemplate, ensurePgliteTemplate, TEST_MASTER_KEY, withDatabase, type TemplateKind } from './template.ts';
import { configureAuditKeys } from '../../src/platform/audit/audit-keys.ts';

/** The backend the tests run on: PGlite unless TEST_DATABASE_URL names a PostgreSQL server. */
export const testBackend: 'pglite' | 'pg' = process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';

/**
 * A URL of `database` as a login role that is a member of the application role tongban_app (ADR 0020): the rights the
 * server has in production. The login role is made once per server; the group role exists once any test database
 * has been migrated (migration 0022).
 */
export async function appRoleUrl(serverUrl: string, database: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tongban_test_app') THEN
        CREATE ROLE tongban_test_app LOGIN PASSWORD 'tongban_test_app' IN ROLE tongban_app;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  } finally {
    await admin.end();
  }
  const u = new URL(withDatabase(serverUrl, database));
  u.username = 'tongban_test_app';
  u.password = 'tongban_test_app';
  return u.toString();
}

/**
 * A fresh, migrated database with reference data, for one test file (or one test). PGlite starts from the
 * dumped template (well under a second); PostgreSQL copies the template database.
 */
export async function testDatabase(kind: TemplateKind = 'reference'): Promise<Database> {
  // What the test writes carries the MAC of the tests' master key, as the server's entries do.
  configureAuditKeys(Buffer.from(TEST_MASTER_KEY, 'hex'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const file = await ensurePgliteTemplate(kind);
    return openDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  }
  const template = await ensurePgTemplate(serverUrl, kind);
  const name = `tongban_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  // A test database is thrown away: its commits need not wait for the WAL to reach the disk (a crash of the server,
  // not of the platform, could lose the last ones; no test crashes the server).
  await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  await admin.end();
  // TEST_APP_ROLE=1 runs the tests as the application role, as production does (tests that tamper with the audit log
  // on purpose then fail: the role may not).
  const url = process.env.TEST_APP_ROLE === '1' ? await appRoleUrl(serverUrl, name) : withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * An empty database, not migrated (upgrade tests migrate it themselves): PGlite in memory, or a new database on the
 * server, which its close() drops.
 */
export async function emptyDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({});
  const name = `tongban_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 2 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return database;
}

/** The migrations folder as an older installation had it: the migrations before `tag` (e.g. '0022'). */
export function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}
