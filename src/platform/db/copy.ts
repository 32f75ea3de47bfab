import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from './db.ts';

/**
 * One value of COPY's text format: backslash, tab, newline and carriage return escaped (ADR 0048). `null` is \N.
 */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
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
  const statement = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM`;
  if (typeof (client as PgPoolLike).connect === 'function' && !('dumpDataDir' in (client as object))) {
    const { from } = await import('pg-copy-streams');
    const conn = await (client as PgPoolLike).connect();
    try {
      await pipeline(Readable.from([Buffer.from(text)]), conn.query(from(`${statement} STDIN`)) as NodeJS.WritableStream);
      conn.release();
    } catch (e) {
      conn.release(e as Error);
      throw e;
    }
    return;
  }
  await (client as PgliteLike).query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
}
