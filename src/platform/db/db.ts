import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
/**
 * One type for both backends (drizzle's PGlite and node-postgres drivers) and for transactions. No schema object:
 * queries name their tables (`db.select().from(table)`), each module's from its own *.schema.ts, so the kernel needs
 * no list of the modules' tables (drizzle's relational `db.query` API, which would, is not used). drizzle-kit finds
 * the tables through drizzle.config.ts; the registry test checks each module's `tables` against its schema file.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  location: string;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (after the notifying transaction commits), from any process; on a
   * server also with `lost: true` when the listening connection drops (it reconnects: whoever caches must forget).
   */
  listen(channel: string, onNotify: (lost?: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (test templates). */
  loadDataDir?: Blob;
  poolSize?: number;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // DATE stays 'YYYY-MM-DD' and int8 counts come back as numbers on both backends.
    // JIT off: the hot writes take their rows as a JSON array, which the planner took for 100 rows (batch_items, migration
    // 0013, now says 4), and with large tables their estimate crossed jit_above_cost — then every execution compiled its
    // plan (about 20 ms, measured: acceptance fell from 1,150 to 100 a second). An `options` in DATABASE_URL still wins.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, options: '-c jit=off' });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    const db = drizzle(pool) as unknown as Db;
    attachRaw(db, async (name, text, params) => (await pool.query({ name, text, values: params })).rows);
    const listen = async (channel: string, onNotify: (lost?: boolean) => void) => {
      let client: InstanceType<typeof pg.Client> | undefined;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: options.databaseUrl });
        c.on('notification', (n) => n.channel === channel && onNotify());
        c.on('error', () => {
          onNotify(true);
          void c.end().catch(() => undefined);
          if (!stopped) setTimeout(() => void connect().catch(() => onNotify(true)), 1000).unref();
        });
        await c.connect();
        await c.query(`LISTEN "${channel.replaceAll('"', '')}"`);
        client = c;
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    };
    return { db, kind: 'pg', location: redactUrl(options.databaseUrl), listen, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.join(options.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  const db = drizzle(client) as unknown as Db;
  attachRaw(db, async (_name, text, params) => (await client.query(text, params)).rows as never);
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    listen: async (channel: string, onNotify: (lost?: boolean) => void) => {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return async () => {
        if (!client.closed) await unsubscribe();
      };
    },
    close: () => client.close(),
    // exposed for the test helper that dumps a template
    ...({ pglite: client } as object),
  };
}

type RawRunner = (name: string, text: string, params: unknown[]) => Promise<unknown[]>;
const RAW = Symbol('raw query runner');

function attachRaw(db: Db, run: RawRunner) {
  Object.defineProperty(db, RAW, { value: run, enumerable: false });
  linkTransactions(db, db);
}

const ROOT = Symbol('root database');

/** Every transaction opened on `db` (and savepoints within it) knows the database it belongs to: see rootDatabase. */
function linkTransactions(db: Db, root: Db) {
  const begin = db.transaction.bind(db) as (fn: (tx: Db) => Promise<unknown>, config?: unknown) => Promise<unknown>;
  const linked = (fn: (tx: Db) => Promise<unknown>, config?: unknown) =>
    begin((tx) => {
      Object.defineProperty(tx, ROOT, { value: root, enumerable: false });
      linkTransactions(tx, root);
      return fn(tx);
    }, config);
  Object.defineProperty(db, 'transaction', { value: linked, enumerable: false, writable: true, configurable: true });
}

/**
 * The database a transaction belongs to (the database itself when given it): the key of what a process keeps per
 * database for data that never changes (a published version's content), so that a memo filled in one transaction
 * serves the next. Never a way to run a statement outside the transaction (PGlite queues it behind the open one).
 */
export function rootDatabase(db: Db): Db {
  return (db as unknown as Record<symbol, Db | undefined>)[ROOT] ?? db;
}

/**
 * One statement straight to the driver, outside any transaction: a named prepared statement on a server (parsed and
 * planned once per connection), a plain query on PGlite (whose client queues it behind an open transaction). For the
 * hot paths, which put a whole change — rows, event, audit entry — into one statement that commits on its own.
 * Parameters are positional ($1…); pass JSON as text with a ::jsonb cast and dates as text.
 */
export async function rawQuery<T>(db: Db, name: string, text: string, params: unknown[]): Promise<T[]> {
  const run = (db as unknown as Record<symbol, RawRunner | undefined>)[RAW];
  if (!run) throw new Error(`rawQuery(${name}) needs the database itself, not a transaction`);
  return (await run(name, text, params)) as T[];
}

/**
 * Something a process keeps for each open database (a cache, a group commit), made on first use and forgotten with the
 * database: `perDatabase(make)` returns the getter.
 */
export function perDatabase<T>(make: (db: Db) => T): (db: Db) => T {
  const kept = new WeakMap<Db, T>();
  return (db) => {
    let value = kept.get(db);
    if (value === undefined) kept.set(db, (value = make(db)));
    return value;
  };
}

/** Rows of a raw SQL query, the same on both drivers. */
export async function queryRows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Applies the SQL migrations; on a server an advisory lock keeps two starting processes from racing. Then gives the
 * application role exactly its rights on every table and view (migration 0022, ADR 0020), run as the owner: a view
 * that a later migration adds would otherwise keep the default privileges of a table. The embedded database has the
 * same roles, so it gets the same rights.
 */
export async function migrate(database: Database, folder = migrationsFolder): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    // Each start migrates: the grants (a statement per table and view) only when a migration was applied.
    const pending = await pendingMigrations(database, folder);
    await run(database.db as never, { migrationsFolder: folder });
    if (pending > 0) await grantAppRole(database.db);
    return;
  }
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7011001)`);
    await run(tx as never, { migrationsFolder: folder });
    await grantAppRole(tx);
  });
}

async function grantAppRole(db: Db): Promise<void> {
  const [grants] = await queryRows<{ fn: string | null }>(db, sql`SELECT to_regprocedure('public.tongban_grant_app_role()')::text AS fn`);
  if (grants?.fn) await db.execute(sql`SELECT tongban_grant_app_role()`);
}

/**
 * How many migrations of the folder the database has not applied yet (drizzle applies those whose journal time is
 * after the last one recorded). Needs only read rights, so the application role can ask before it serves.
 */
export async function pendingMigrations(database: Database, folder = migrationsFolder): Promise<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const [table] = await queryRows<{ t: string | null }>(database.db, sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!table?.t) return journal.entries.length;
  const [last] = await queryRows<{ at: string | null }>(database.db, sql`SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations`);
  const lastAt = last?.at === null || last?.at === undefined ? -1 : Number(last.at);
  return journal.entries.filter((e) => e.when > lastAt).length;
}
