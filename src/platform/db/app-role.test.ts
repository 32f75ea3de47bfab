// Least privilege (ADR 0020, migration 0022): the application role reads and writes the data, cannot change the
// schema, and can only append to the audit log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { appRoleUrl, migrationsBefore, testBackend, testDatabase } from '../../../tests/support/db.ts';
import { TEST_MASTER_KEY, withDatabase } from '../../../tests/support/template.ts';
import { DEMO_PASSWORD, testConfig } from '../../../tests/support/app.ts';
import { idem, publishedItem } from '../../../tests/support/cases.ts';
import { migrate, openDatabase, pendingMigrations, queryRows, type Database } from './db.ts';
import { systemContext } from '../context.ts';
import { sealCommitted, verifyAuditChain, writeAudit } from '../audit/audit.ts';
import { buildApp } from '../../http/app.ts';
import { openReady } from '../../bootstrap/open.ts';

// The audit log (ADR 0020) and the data-exchange call log (ADR 0039), as listed in app_append_only (migration 0048).
const APPEND_ONLY = ['app_append_only', 'audit_chain', 'audit_checkpoint', 'audit_log', 'exchange_call', 'exchange_call_chain', 'exchange_call_checkpoint'];
const needsServer = testBackend !== 'pg' && 'roles only connect on a PostgreSQL server (PGlite has one embedded user)';

/** The SQLSTATE of a failed query, through drizzle's wrapper. */
function pgCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code ?? err.cause?.code;
}
const denied = (e: unknown) => pgCode(e) === '42501';

let database: Database;
before(async () => {
  database = await testDatabase('accounts');
});
after(async () => {
  await database?.close();
});

interface Rights {
  relname: string;
  relkind: string;
  sel: boolean;
  ins: boolean;
  upd: boolean;
  del: boolean;
  trunc: boolean;
}

async function rights(db: Database): Promise<Rights[]> {
  return queryRows<Rights>(
    db.db,
    sql`SELECT c.relname, c.relkind::text AS relkind,
          has_table_privilege('tongban_app', c.oid, 'SELECT') AS sel, has_table_privilege('tongban_app', c.oid, 'INSERT') AS ins,
          has_table_privilege('tongban_app', c.oid, 'UPDATE') AS upd, has_table_privilege('tongban_app', c.oid, 'DELETE') AS del,
          has_table_privilege('tongban_app', c.oid, 'TRUNCATE') AS trunc
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname`,
  );
}

test('the application role may read and write every table, only append to the audit and call logs, and read views', async () => {
  const all = await rights(database);
  assert.ok(all.length > 20, 'the schema has its tables');
  const tables = all.filter((r) => r.relkind === 'r' || r.relkind === 'p');
  assert.deepEqual(
    tables
      .filter((r) => APPEND_ONLY.includes(r.relname))
      .sort((a, b) => a.relname.localeCompare(b.relname))
      .map((r) => [r.relname, r.sel, r.ins, r.upd, r.del, r.trunc]),
    APPEND_ONLY.map((t) => [t, true, true, false, false, false]),
  );
  const writable = tables.filter((r) => !APPEND_ONLY.includes(r.relname));
  assert.deepEqual(
    writable.filter((r) => !(r.sel && r.ins && r.upd && r.del) || r.trunc).map((r) => r.relname),
    [],
    'every other table: SELECT, INSERT, UPDATE, DELETE, no TRUNCATE',
  );
  assert.ok(writable.some((r) => r.relname === 'audit_head') && writable.some((r) => r.relname === 'exchange_call_head'), 'the sealers move the heads');
  const views = all.filter((r) => r.relkind === 'v');
  assert.ok(views.length > 0, 'the published views');
  assert.deepEqual(
    views.filter((r) => !r.sel || !r.upd || r.ins || r.del).map((r) => r.relname),
    [],
    'views: SELECT, and UPDATE for row locks (FOR UPDATE OF a view)',
  );
  const [seq] = await queryRows<{ ok: boolean }>(
    database.db,
    sql`SELECT bool_and(has_sequence_privilege('tongban_app', c.oid, 'USAGE')) AS ok FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
  );
  assert.equal(seq.ok, true, 'every sequence: USAGE');
});

test('granting again changes nothing, and a table added later gets the rights by default', async () => {
  const before = await rights(database);
  const [again] = await queryRows<{ r: string }>(database.db, sql`SELECT tongban_grant_app_role() AS r`);
  assert.equal(again.r, 'granted');
  assert.deepEqual(await rights(database), before);
  // As the owner that ran the migrations (the test connection): the default privileges cover its next table.
  await database.db.execute(sql`CREATE TABLE later_module_thing (id bigserial PRIMARY KEY, note text)`);
  const later = (await rights(database)).find((r) => r.relname === 'later_module_thing');
  assert.deepEqual(later && [later.sel, later.ins, later.upd, later.del, later.trunc], [true, true, true, true, false]);
  await database.db.execute(sql`DROP TABLE later_module_thing`);
  // A view over the audit log: through it the view owner's rights would apply, so the grants leave it SELECT only.
  await database.db.execute(sql`CREATE VIEW later_audit_view AS SELECT id, action FROM audit_log`);
  await database.db.execute(sql`SELECT tongban_grant_app_role()`);
  const view = (await rights(database)).find((r) => r.relname === 'later_audit_view');
  assert.deepEqual(view && [view.sel, view.ins, view.upd, view.del], [true, false, false, false]);
  await database.db.execute(sql`DROP VIEW later_audit_view`);
});

test('as the application role: audit entries are appended and sealed, never changed or removed; no DDL', { skip: needsServer }, async () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const dbName = new URL(database.location).pathname.slice(1);
  const app = await openDatabase({ databaseUrl: await appRoleUrl(serverUrl, dbName), poolSize: 2 });
  try {
    const [who] = await queryRows<{ u: string }>(app.db, sql`SELECT current_user AS u`);
    assert.equal(who.u, 'tongban_test_app');
    await app.db.transaction((tx) => writeAudit(tx, systemContext('test'), { action: 'role.test', targetType: 'thing', targetId: 'r1', change: { a: 1 } }));
    const [entry] = await queryRows<{ id: number }>(app.db, sql`SELECT id::int AS id FROM audit_log WHERE action = 'role.test'`);
    assert.ok(entry, 'INSERT into audit_log works');
    await assert.rejects(app.db.execute(sql`UPDATE audit_log SET action = 'role.rewritten' WHERE id = ${entry.id}`), denied);
    await assert.rejects(app.db.execute(sql`DELETE FROM audit_log WHERE id = ${entry.id}`), denied);
    await assert.rejects(app.db.execute(sql`TRUNCATE audit_log`), denied);
    await assert.rejects(app.db.execute(sql`SELECT id FROM audit_log WHERE id = ${entry.id} FOR UPDATE`), denied, 'not even a row lock');
    // The sealer, as the application role: links inserted, the head moved; links may then not be removed or changed.
    const sealed = await sealCommitted(app.db);
    assert.equal(sealed.waiting, 0);
    assert.ok(sealed.sealed >= 1);
    assert.equal((await verifyAuditChain(app.db)).ok, true);
    await assert.rejects(app.db.execute(sql`DELETE FROM audit_chain WHERE entry_id = ${entry.id}`), denied);
    await assert.rejects(app.db.execute(sql`UPDATE audit_chain SET hash = repeat('0', 64) WHERE entry_id = ${entry.id}`), denied);
    await assert.rejects(app.db.execute(sql`DELETE FROM audit_checkpoint`), denied);
    await assert.rejects(app.db.execute(sql`CREATE TABLE sneaky (id int)`), denied, 'no CREATE on the schema');
    await assert.rejects(app.db.execute(sql`ALTER TABLE service_case ADD COLUMN sneaky int`), (e) => pgCode(e) === '42501', 'not the owner');
    await assert.rejects(app.db.execute(sql`SELECT tongban_grant_app_role()`), denied, 'may not grant itself rights');
    // Still there, unchanged, as the owner sees it.
    const [kept] = await queryRows<{ action: string }>(database.db, sql`SELECT action FROM audit_log WHERE id = ${entry.id}`);
    assert.equal(kept.action, 'role.test');
  } finally {
    await app.close();
  }
});

test('the app runs as the application role: sign-in, catalogue changes with their audit entries, an upload', { skip: needsServer }, async () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const own = await testDatabase('accounts');
  const dbName = new URL(own.location).pathname.slice(1);
  const appDb = await openDatabase({ databaseUrl: await appRoleUrl(serverUrl, dbName), poolSize: 5 });
  const config = testConfig();
  const app = await buildApp({ database: appDb, config, logger: false });
  await app.ready();
  try {
    const login = async (username: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { token: string }).token;
    };
    const t = { app, database: appDb, config, login, close: async () => undefined };
    const before = await queryRows<{ n: number }>(own.db, sql`SELECT count(*)::int AS n FROM audit_log`);
    await publishedItem(t, '340600-XK-9411');
    const [afterCount] = await queryRows<{ n: number }>(own.db, sql`SELECT count(*)::int AS n FROM audit_log`);
    assert.ok(afterCount.n >= before[0].n + 4, 'base item, implementation, submit and approve are audited');
    const token = await login('itemadmin');
    const upload = await app.inject({
      method: 'POST',
      url: '/api/files?name=guide.pdf',
      headers: { authorization: `Bearer ${token}`, ...idem(), 'content-type': 'application/octet-stream' },
      payload: Buffer.from('%PDF-1.4 role test'),
    });
    assert.equal(upload.statusCode, 201, upload.body);
    assert.equal((await app.inject({ method: 'GET', url: `/api/files/${(upload.json() as { digest: string }).digest}` })).statusCode, 200);
    const sealed = await sealCommitted(appDb.db);
    assert.equal(sealed.waiting, 0);
    assert.equal((await verifyAuditChain(appDb.db)).ok, true);
  } finally {
    await app.close();
    await appDb.close();
    await own.close();
  }
});

test('provisioning and upgrade: the application role refuses to migrate, the owner migrates, the application role serves', { skip: needsServer }, async () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const ownerRole = `tongban_t_owner_${suffix}`;
  const name = `tongban_t_prov_${suffix}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // An owner as in production: not a superuser, owns the database, may not make roles (tongban_app exists already).
  await admin.query(`CREATE ROLE ${ownerRole} LOGIN PASSWORD 'owner'`);
  await admin.query(`CREATE DATABASE ${name} OWNER ${ownerRole}`);
  const ownerUrl = new URL(withDatabase(serverUrl, name));
  ownerUrl.username = ownerRole;
  ownerUrl.password = 'owner';
  const appUrl = await appRoleUrl(serverUrl, name);
  const env = { NODE_ENV: 'test', TONGBAN_MASTER_KEY: TEST_MASTER_KEY, DATABASE_URL: appUrl };
  try {
    const { loadConfig } = await import('../config.ts');
    await assert.rejects(openReady(loadConfig(env)), /tongban migrate/, 'an empty database: the application role alone cannot migrate, and says what to do');
    // An installation from before migration 0022, migrated by its owner; then the upgrade.
    const old = await openDatabase({ databaseUrl: ownerUrl.toString(), poolSize: 1 });
    await migrate(old, migrationsBefore('0022'));
    await old.close();
    await assert.rejects(openReady(loadConfig(env)), /tongban migrate/, 'an older schema: the same');
    const opened = await openReady(loadConfig({ ...env, TONGBAN_MIGRATE_DATABASE_URL: ownerUrl.toString() }));
    try {
      const [who] = await queryRows<{ u: string }>(opened.db, sql`SELECT current_user AS u`);
      assert.equal(who.u, 'tongban_test_app', 'the process serves as the application role');
      assert.equal(await pendingMigrations(opened), 0);
      assert.ok(opened.referenceLoaded.length > 0, 'reference data loaded');
      const [owner] = await queryRows<{ o: string }>(opened.db, sql`SELECT tableowner AS o FROM pg_tables WHERE tablename = 'audit_log'`);
      assert.equal(owner.o, ownerRole, 'the tables belong to the owner');
      await opened.db.transaction((tx) => writeAudit(tx, systemContext('test'), { action: 'prov.test', targetType: 'thing', targetId: 'p', change: null }));
      await assert.rejects(opened.db.execute(sql`DELETE FROM audit_log`), denied);
    } finally {
      await opened.close();
    }
    // Up to date: the application role alone now starts; `tongban migrate` (always) runs again without change.
    const again = await openReady(loadConfig(env));
    await again.close();
    const forced = await openReady(loadConfig({ ...env, TONGBAN_MIGRATE_DATABASE_URL: ownerUrl.toString() }), { migrate: 'always' });
    await forced.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
    await admin.end();
  }
});
