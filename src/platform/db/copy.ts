import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from './db.ts';

const SPECIAL = /[\\\t\n\r]/;

/**
 * One value of COPY's text format: backslash, tab, newline and carriage return escaped (ADR 0048). `null` is \N.
 */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  // Most values have nothing to escape: a test is several times cheaper than a replace (a load escapes two a row).
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

interface PgPoolLike {
  connect(): Promise<{ query(q: unknown): NodeJS.WritableStream; release(err?: Error): void }>;
}
interface PgliteLike {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/**
 * COPY `text` (rows in COPY's text format, one a line) into `table (columns)`, committed on its own: on a server
 * through COPY FROM STDIN on a connection of the pool (pg-copy-streams), on PGlite from its /dev/blob device. For
 * bulk writes (a load's staging rows): no statement text per row, no parameters, no JSON array parsed.
 */
export async function copyInto(db: Db, table: string, columns: readonly string[], text: string): Promise<void> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!client) throw new Error('copyInto needs the database itself, not a transaction');
  const pool = serverPool(client);
  if (pool) {
    const conn = await pool.connect();
    try {
      await copyFromStdin(conn, table, columns, text);
      conn.release();
    } catch (e) {
      conn.release(e as Error);
      throw e;
    }
    return;
  }
  await (client as PgliteLike).query(`${copyStatement(table, columns)} '/dev/blob'`, [], { blob: new Blob([text]) });
}

const copyStatement = (table: string, columns: readonly string[]) => `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM`;

/** The client of a server's pool (node-postgres), or undefined for PGlite (which has `connect` too, and a data dir). */
const serverPool = (client: unknown): PgPoolLike | undefined =>
  client && typeof (client as PgPoolLike).connect === 'function' && !('dumpDataDir' in (client as object)) ? (client as PgPoolLike) : undefined;

/** COPY … FROM STDIN of `text` on a server connection (pg-copy-streams); the rows copied. */
async function copyFromStdin(conn: { query(q: unknown): unknown }, table: string, columns: readonly string[], text: string): Promise<number> {
  const { from } = await import('pg-copy-streams');
  const stream = conn.query(from(`${copyStatement(table, columns)} STDIN`)) as NodeJS.WritableStream & { rowCount: number };
  await pipeline(Readable.from([Buffer.from(text)]), stream);
  return stream.rowCount;
}

/** A transaction on a connection of its own (a server's pool), for a write that spans many COPYs and commits once. */
export interface HeldTransaction {
  /** Statements in the transaction (drizzle over the held connection). */
  tx: Db;
  /** COPY `text` into `table (columns)` in the transaction; the rows copied. */
  copy(table: string, columns: readonly string[], text: string): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens a transaction on a connection of its own — a new one, with the pool's settings, not one of the pool's: it
 * may be held for minutes, and the statements around it still need the pool (a pool of one would wait on itself).
 * Undefined on PGlite, whose one connection a long transaction would hold against every other request.
 */
export async function holdTransaction(db: Db): Promise<HeldTransaction | undefined> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!serverPool(client)) return undefined;
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const conn = new pg.Client((client as { options: ConstructorParameters<typeof pg.Client>[0] }).options);
  conn.on('error', () => undefined); // a lost connection fails the statement in flight; the load is then marked failed
  await conn.connect();
  let open = true;
  const end = async (statement: string) => {
    if (!open) return;
    open = false;
    try {
      await conn.query(statement);
    } catch (e) {
      if (statement === 'COMMIT') throw e;
    } finally {
      await conn.end().catch(() => undefined);
    }
  };
  try {
    await conn.query('BEGIN');
  } catch (e) {
    await conn.end().catch(() => undefined);
    throw e;
  }
  return {
    tx: drizzle(conn as never) as unknown as Db,
    copy: (table, columns, text) => copyFromStdin(conn, table, columns, text),
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
  };
}
