import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';

/**
 * The rollup behind the statistics (rating_rollup, see ratings.schema.ts). It counts first ratings rated 1–3, which
 * never change once made, per month, department and item / clerk / channel. It is refreshed by a timer job, never
 * by the rating INSERT: the statistics read whatever it has not counted yet from `rating` itself, so its freshness
 * changes how fast a report is, never what it says.
 */

/** Rows of `rating` counted per transaction: a long catch-up (a first refresh of years of ratings) goes in steps. */
const BATCH = 1_000_000;

/**
 * The highest rating id below which every INSERT has committed. A SHARE lock on `rating` waits for the inserts in
 * flight (an INSERT holds its table lock before it draws its id from the sequence), so every id up to max(id) is
 * then visible and no later INSERT can draw a smaller one. The lock is held for one max(id) lookup; rating INSERTs
 * queue behind it for that long. If it cannot be had within the timeout (a long import, or a VACUUM of `rating`, is
 * running), null: try at the next tick. The timeout stays below deadlock_timeout (1 s), after which a waiting lock
 * would cancel an autovacuum of the table.
 */
async function committedThrough(db: Db): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '500ms'`);
      await tx.execute(sql`LOCK TABLE rating IN SHARE MODE`);
      const [row] = await queryRows<{ hi: number | null }>(tx, sql`SELECT max(id) AS hi FROM rating`);
      return Number(row?.hi ?? 0);
    });
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') return null; // lock_not_available
    throw e;
  }
}

export interface RollupRefresh {
  /** The rollup now holds every rating with an id up to this. */
  through: number;
  /** Rating ids this refresh covered (the ratings added, unless ids were skipped). */
  read: number;
  /** False when the table lock was not had in time (nothing done). */
  done: boolean;
}

/**
 * Adds the ratings made since the last refresh to the rollup. Any number of processes may call it at once: the state
 * row is locked, so each range of ids is added exactly once.
 */
export async function refreshRatingRollup(db: Db): Promise<RollupRefresh> {
  const hi = await committedThrough(db);
  let read = 0;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      const [state] = await queryRows<{ through: number }>(tx, sql`SELECT through_rating_id AS through FROM rating_rollup_state WHERE id = 1 FOR UPDATE`);
      const lo = Number(state.through);
      if (hi === null || lo >= hi) return { through: lo, rows: 0, more: false };
      const upto = Math.min(hi, lo + BATCH);
      // One pass, three grouping sets: (month, department, case region) × item, × clerk, × channel. The region is the
      // case's, which the rating carries: a rating is scoped like its case.
      await tx.execute(sql`
        INSERT INTO rating_rollup (dimension, month, department_id, region_code, key, ratings, l1, l2, l3, active)
        SELECT CASE WHEN GROUPING(r.implementation_id) = 0 THEN 'implementation' WHEN GROUPING(r.clerk_user_id) = 0 THEN 'clerk' ELSE 'channel' END,
               r.month, r.department_id, r.region_code,
               CASE WHEN GROUPING(r.implementation_id) = 0 THEN r.implementation_id::text
                    WHEN GROUPING(r.clerk_user_id) = 0 THEN COALESCE(r.clerk_user_id::text, '')
                    ELSE COALESCE(r.channel, 'default') END,
               count(*), count(*) FILTER (WHERE r.level = '1'), count(*) FILTER (WHERE r.level = '2'), count(*) FILTER (WHERE r.level = '3'),
               count(*) FILTER (WHERE NOT r.is_default)
        FROM rating r
        WHERE r.id > ${lo} AND r.id <= ${upto} AND r.assess_number = 1 AND r.level IN ('1', '2', '3')
        GROUP BY GROUPING SETS ((r.month, r.department_id, r.region_code, r.implementation_id), (r.month, r.department_id, r.region_code, r.clerk_user_id),
                               (r.month, r.department_id, r.region_code, r.channel))
        ON CONFLICT (dimension, month, department_id, region_code, key) DO UPDATE SET
          ratings = rating_rollup.ratings + EXCLUDED.ratings, l1 = rating_rollup.l1 + EXCLUDED.l1, l2 = rating_rollup.l2 + EXCLUDED.l2,
          l3 = rating_rollup.l3 + EXCLUDED.l3, active = rating_rollup.active + EXCLUDED.active`);
      await tx.execute(sql`UPDATE rating_rollup_state SET through_rating_id = ${upto}, refreshed_at = now() WHERE id = 1`);
      return { through: upto, rows: upto - lo, more: upto < hi };
    });
    read += step.rows;
    if (!step.more) return { through: step.through, read, done: hi !== null };
  }
}
