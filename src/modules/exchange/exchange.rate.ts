import { perDatabase, rawQuery, type Db } from '../../platform/db/db.ts';

/**
 * A grant's rate limit (calls per minute) holds across every server process (ADR 0049): the count of a grant's
 * minute is one row in the database (exchange_grant_rate), and a process takes calls from it in leases of a
 * twentieth of the limit, so a busy grant costs one short write per lease, not one per call. A lease expires with
 * the database's minute. The sum of what the processes admit never exceeds the limit; calls a process leased and did
 * not spend before the minute ended are lost to the others (at most one lease per process: 5 % of the limit).
 */

/** Calls a process takes from a grant's shared count at once: a twentieth of the limit, at least one. */
export function leaseSize(perMinute: number): number {
  return Math.max(1, Math.ceil(perMinute / 20));
}

/**
 * Of `asked` calls just added to a minute's count, now at `usedAfter`, how many fit under the limit: the ones that
 * came before the limit was reached. Those past it stay counted, so the minute stays full for every process.
 */
export function leasedCalls(perMinute: number, usedAfter: number, asked: number): number {
  return Math.max(0, Math.min(asked, perMinute - (usedAfter - asked)));
}

/**
 * Adds a lease to the grant's count of the database's current minute (a new minute starts again from it; a process
 * whose statement began in the minute before counts in the newer one, never resets it) and answers the count after
 * it and the milliseconds left in that minute.
 */
const LEASE_SQL = `
  INSERT INTO exchange_grant_rate AS r (grant_id, minute, used)
  VALUES ($1, floor(extract(epoch FROM now()) / 60)::bigint, $2)
  ON CONFLICT (grant_id) DO UPDATE
    SET used = CASE WHEN EXCLUDED.minute > r.minute THEN EXCLUDED.used ELSE r.used + EXCLUDED.used END,
        minute = greatest(r.minute, EXCLUDED.minute)
  RETURNING used::int AS used, (60000 - (extract(epoch FROM now()) * 1000)::bigint % 60000)::int AS ms_left`;

interface Lease {
  /** Calls of the lease not yet spent. */
  left: number;
  /** Local time at which the minute of the lease ends. */
  until: number;
  /** No process gets more this minute: refused here until `until`, without asking the database. */
  full: boolean;
  /** The lease being asked for, shared by the calls that wait for it. */
  asking: Promise<void> | null;
}

/** A process's leases of each grant, for one database. */
export class RateLeases {
  private readonly leases = new Map<number, Lease>();
  constructor(private readonly lease: (grantId: number, calls: number) => Promise<{ used: number; msLeft: number }>) {}

  /** Whether one more call of the grant fits under its limit this minute, across all processes. */
  async take(grantId: number, perMinute: number): Promise<boolean> {
    if (perMinute < 1) return false;
    for (;;) {
      const now = Date.now();
      let l = this.leases.get(grantId);
      if (l && l.until <= now && !l.asking) {
        this.leases.delete(grantId);
        l = undefined;
      }
      if (l && l.left > 0) {
        l.left--;
        return true;
      }
      if (l?.full) return false;
      if (l?.asking) {
        await l.asking;
        continue;
      }
      if (this.leases.size > 10_000) this.leases.clear();
      const entry: Lease = l ?? { left: 0, until: 0, full: false, asking: null };
      this.leases.set(grantId, entry);
      const asked = leaseSize(perMinute);
      entry.asking = this.lease(grantId, asked).then(
        ({ used, msLeft }) => {
          const got = leasedCalls(perMinute, used, asked);
          entry.left = got;
          entry.until = Date.now() + msLeft;
          entry.full = used >= perMinute;
          entry.asking = null;
        },
        (error: unknown) => {
          this.leases.delete(grantId);
          throw error;
        },
      );
      await entry.asking;
    }
  }
}

/** Takes a lease of `calls` from a grant's shared count in the database. */
export const leaseFrom =
  (db: Db) =>
  async (grantId: number, calls: number): Promise<{ used: number; msLeft: number }> => {
    const [row] = await rawQuery<{ used: number; ms_left: number }>(db, 'exchange_grant_rate_lease', LEASE_SQL, [grantId, calls]);
    return { used: Number(row.used), msLeft: Number(row.ms_left) };
  };

/** The leases of this process for a database (one per database, as the call log's writer). */
export const rateLeases = perDatabase((db: Db) => new RateLeases(leaseFrom(db)));
