import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/platform/db/db.ts';
import { sealAudit } from '../../src/platform/audit/audit.ts';
import { sealCalls } from '../../src/modules/exchange/index.ts';

/**
 * Seals until nothing is left to seal. A sealer chains only rows of transactions older than every open one
 * (pg_snapshot_xmin), and that horizon is the whole cluster's: on a shared PostgreSQL server another database's open
 * transaction (another test file) holds it back for a moment. So a test that needs every row chained seals, looks,
 * and tries again a little later — up to `rounds` times, `pauseMs` apart. Returns the rows still pending (0: all
 * sealed), for the test to assert.
 */
export async function sealUntilDone(
  seal: () => Promise<unknown>,
  pending: () => Promise<number>,
  { rounds = 100, pauseMs = 100 }: { rounds?: number; pauseMs?: number } = {},
): Promise<number> {
  let left = 0;
  for (let i = 0; i < rounds; i++) {
    await seal();
    left = await pending();
    if (left === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return left;
}

const count = async (db: Db, query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, query))[0].n);

/** Every data-exchange call chained (exchange_call_chain); returns the calls still unchained. */
export const sealAllCalls = (db: Db) =>
  sealUntilDone(
    () => sealCalls(db),
    () => count(db, sql`SELECT count(*)::int AS n FROM exchange_call c WHERE NOT EXISTS (SELECT 1 FROM exchange_call_chain k WHERE k.call_id = c.id)`),
  );

/** Every audit entry chained (audit_chain); returns the entries still unchained. */
export const sealAllAudit = (db: Db) =>
  sealUntilDone(
    () => sealAudit(db),
    () => count(db, sql`SELECT count(*)::int AS n FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM audit_chain k WHERE k.entry_id = a.id)`),
  );
