import { sql, type SQL } from 'drizzle-orm';
import { newWorkbook } from '../../platform/excel.ts';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { CHANNELS, figures, type Level } from './ratings.codes.ts';

export const DIMENSIONS = ['department', 'implementation', 'clerk', 'channel', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const KEY: Record<Dimension, SQL> = {
  department: sql`r.department_id::text`,
  implementation: sql`r.implementation_id::text`,
  clerk: sql`COALESCE(r.clerk_user_id::text, '')`,
  channel: sql`COALESCE(r.channel, 'default')`,
  month: sql`to_char(r.month, 'YYYY-MM')`,
};
/** The label of a group's key (`g.key`), looked up once per group. */
const LABEL: Record<Dimension, SQL> = {
  department: sql`(SELECT d.name FROM pub_regions_department d WHERE d.id = g.key::bigint)`,
  implementation: sql`(SELECT i.name FROM pub_catalog_implementation i WHERE i.id = g.key::bigint)`,
  clerk: sql`COALESCE((SELECT u.display_name FROM pub_accounts_user u WHERE u.id = NULLIF(g.key, '')::bigint), '')`,
  // The channel's name (a rating given by default has none), so the sheet a report quotes is readable.
  channel: sql.raw(`CASE g.key ${CHANNELS.map((c) => `WHEN '${c.code}' THEN '${c.zh}'`).join(' ')} WHEN 'default' THEN '默认评价' ELSE g.key END`),
  month: sql`g.key`,
};
/** The key of a rollup row (alias u), and which of the rollup's dimensions to read: department and month sum any one. */
const ROLLUP: Record<Dimension, { key: SQL; dimension: 'implementation' | 'clerk' | 'channel' }> = {
  department: { key: sql`u.department_id::text`, dimension: 'channel' },
  implementation: { key: sql`u.key`, dimension: 'implementation' },
  clerk: { key: sql`u.key`, dimension: 'clerk' },
  channel: { key: sql`u.key`, dimension: 'channel' },
  month: { key: sql`to_char(u.month, 'YYYY-MM')`, dimension: 'channel' },
};

export interface StatsQuery {
  from: string; // YYYY-MM
  to: string; // YYYY-MM
  by: Dimension;
  departmentId?: number | null;
  /** Whose ratings: the reader's scope (scopeFilter of ratings.supervise); everyone's when omitted (the public figures). */
  scope?: ScopeFilter;
}

/**
 * The scope condition on ratings (alias r): the region and department of the rated case, as for cases, which the
 * rating carries (a case never moves). Nothing to add for an unscoped reader, so the national and city figures read
 * as before.
 */
function ratingScope(scope: ScopeFilter | undefined): SQL {
  if (!scope || scope.kind === 'all') return sql``;
  return sql`AND ${scopeSql(scope, sql`r.region_code`, sql`r.department_id`)}`;
}
/** The same on the rollup (alias u), which is keyed by the cases' region and department. */
function rollupScope(scope: ScopeFilter | undefined): SQL {
  if (!scope || scope.kind === 'all') return sql``;
  return sql`AND ${scopeSql(scope, sql`u.region_code`, sql`u.department_id`)}`;
}

interface CountRow {
  key: string;
  label: string;
  total: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  l5: number;
  remedied: number;
  followed: number;
  unreachable: number;
  active: number;
}

const COUNTS = sql`count(*)::int AS total,
  count(*) FILTER (WHERE r.level = '1')::int AS l1, count(*) FILTER (WHERE r.level = '2')::int AS l2,
  count(*) FILTER (WHERE r.level = '3')::int AS l3, count(*) FILTER (WHERE r.level = '4')::int AS l4,
  count(*) FILTER (WHERE r.level = '5')::int AS l5,
  count(*) FILTER (WHERE m.closed_at IS NOT NULL AND m.reply IS NOT NULL AND m.status = 'closed')::int AS remedied,
  count(*) FILTER (WHERE m.followed_up_at IS NOT NULL AND m.follow_up_answer IS DISTINCT FROM 'unreachable')::int AS followed,
  count(*) FILTER (WHERE m.followed_up_at IS NOT NULL AND m.follow_up_answer = 'unreachable')::int AS unreachable,
  count(*) FILTER (WHERE NOT r.is_default)::int AS active`;

function shape(rows: CountRow[]) {
  return rows.map((r) => {
    const byLevel = { '1': Number(r.l1), '2': Number(r.l2), '3': Number(r.l3), '4': Number(r.l4), '5': Number(r.l5) } as Record<Level, number>;
    return {
      key: r.key,
      label: r.label,
      byLevel,
      ...figures({
        total: Number(r.total),
        byLevel,
        remediedAndReplied: Number(r.remedied),
        followedUp: Number(r.followed),
        unreachable: Number(r.unreachable),
        active: Number(r.active),
        ratable: Number(r.total),
      }),
    };
  });
}

/**
 * The figures of first ratings (online and at the counter) grouped by one dimension over a range of months.
 * Excluded ratings (upheld appeals) count nowhere. Always equal to rawRatingStatistics, but read mostly from the
 * rollup (ratings.rollup.ts), in one statement, so in one snapshot with the rollup's watermark w
 * (rating_rollup_through()):
 * - first ratings rated 1–3 with ids up to w: the rollup, less those excluded since (rating_excluded_idx; an appeal
 *   only ever concerns a bad rating, but the sum does not rely on it);
 * - first ratings rated 1–3 with ids above w: `rating` by primary key (one refresh interval's worth);
 * - bad first ratings (4, 5), whose remedies and appeals still change: `rating` through rating_bad_first_idx, with
 *   their remedies (only bad first ratings have one).
 */
export async function ratingStatistics(db: Db, q: StatsQuery) {
  return shape(await queryRows<CountRow>(db, statisticsSql(q)));
}

/** The statement of ratingStatistics (the benchmark runs it under pgbench too). */
export function statisticsSql(q: StatsQuery): SQL {
  const from = `${q.from}-01`;
  const to = `${q.to}-01`;
  const dept = q.departmentId ? sql`AND r.department_id = ${q.departmentId}` : sql``;
  const rollup = ROLLUP[q.by];
  const key = KEY[q.by];
  const first = sql`r.assess_number = 1 AND r.month BETWEEN ${from} AND ${to} ${dept} ${ratingScope(q.scope)}`;
  const good = sql`r.level IN ('1', '2', '3')`;
  // rating_rollup_through() is STABLE: the planner reads it when it plans, so `r.id > w` becomes a short range scan of
  // the primary key. One department's few hundred bad ratings look their remedies up one by one (OFFSET 0 keeps the
  // planner from hashing every remedy of the city instead: 15–25 ms against 2–6 ms at 4 million ratings); the whole
  // city's are hashed.
  const remedies = q.departmentId
    ? sql`LEFT JOIN LATERAL (SELECT m.status, m.reply, m.closed_at, m.followed_up_at, m.follow_up_answer FROM remedy m WHERE m.rating_id = r.id OFFSET 0) m ON true`
    : sql`LEFT JOIN remedy m ON m.rating_id = r.id`;
  return sql`SELECT g.key, ${LABEL[q.by]} AS label, g.total, g.l1, g.l2, g.l3, g.l4, g.l5, g.remedied, g.followed, g.unreachable, g.active
    FROM (
      SELECT p.key, sum(p.total)::int AS total, sum(p.l1)::int AS l1, sum(p.l2)::int AS l2, sum(p.l3)::int AS l3, sum(p.l4)::int AS l4,
             sum(p.l5)::int AS l5, sum(p.remedied)::int AS remedied, sum(p.followed)::int AS followed, sum(p.unreachable)::int AS unreachable,
             sum(p.active)::int AS active
      FROM (
        SELECT ${rollup.key} AS key, u.ratings AS total, u.l1, u.l2, u.l3, 0 AS l4, 0 AS l5, 0 AS remedied, 0 AS followed, 0 AS unreachable, u.active
        FROM rating_rollup u
        WHERE u.dimension = ${rollup.dimension} AND u.month BETWEEN ${from} AND ${to} ${q.departmentId ? sql`AND u.department_id = ${q.departmentId}` : sql``} ${rollupScope(q.scope)}
        UNION ALL
        SELECT ${key}, -count(*), -count(*) FILTER (WHERE r.level = '1'), -count(*) FILTER (WHERE r.level = '2'), -count(*) FILTER (WHERE r.level = '3'),
               0, 0, 0, 0, 0, -count(*) FILTER (WHERE NOT r.is_default)
        FROM rating r WHERE r.excluded AND r.id <= (SELECT rating_rollup_through()) AND ${good} AND ${first} GROUP BY 1
        UNION ALL
        SELECT ${key}, count(*), count(*) FILTER (WHERE r.level = '1'), count(*) FILTER (WHERE r.level = '2'), count(*) FILTER (WHERE r.level = '3'),
               0, 0, 0, 0, 0, count(*) FILTER (WHERE NOT r.is_default)
        FROM rating r WHERE r.id > rating_rollup_through() AND NOT r.excluded AND ${good} AND ${first} GROUP BY 1
        UNION ALL
        SELECT ${key}, ${COUNTS}
        FROM rating r ${remedies}
        WHERE r.level NOT IN ('1', '2', '3') AND NOT r.excluded AND ${first} GROUP BY 1
      ) p
      GROUP BY p.key HAVING sum(p.total) > 0
    ) g
    ORDER BY g.key`;
}

/** The same figures straight from `rating` (the reference the rollup is tested against). */
export async function rawRatingStatistics(db: Db, q: StatsQuery) {
  const from = `${q.from}-01`;
  const to = `${q.to}-01`;
  const dept = q.departmentId ? sql`AND r.department_id = ${q.departmentId}` : sql``;
  const rows = await queryRows<CountRow>(
    db,
    sql`SELECT g.*, ${LABEL[q.by]} AS label FROM (
          SELECT ${KEY[q.by]} AS key, ${COUNTS}
          FROM rating r LEFT JOIN remedy m ON m.rating_id = r.id
          WHERE r.assess_number = 1 AND NOT r.excluded AND r.month BETWEEN ${from} AND ${to} ${dept} ${ratingScope(q.scope)}
          GROUP BY 1
        ) g ORDER BY g.key`,
  );
  return shape(rows);
}

export async function statisticsWorkbook(db: Db, q: StatsQuery): Promise<Buffer> {
  const rows = await ratingStatistics(db, q);
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('好差评统计');
  sheet.columns = [
    { header: '统计对象', key: 'label', width: 30 },
    { header: '评价数', key: 'ratings', width: 10 },
    { header: '非常满意', key: 'l1', width: 10 },
    { header: '满意', key: 'l2', width: 10 },
    { header: '基本满意', key: 'l3', width: 10 },
    { header: '不满意', key: 'l4', width: 10 },
    { header: '非常不满意', key: 'l5', width: 12 },
    { header: '满意率(%)', key: 'satisfactionRate', width: 12 },
    { header: '好评率(%)', key: 'goodRate', width: 12 },
    { header: '差评率(%)', key: 'badRate', width: 12 },
    { header: '差评整改率(%)', key: 'remedyRate', width: 14 },
    { header: '回访率(%)', key: 'followUpRate', width: 12 },
    { header: '无法回访', key: 'followUpUnreachable', width: 10 },
    { header: '主动评价率(%)', key: 'activeRatingRate', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  // A label is free text (an item's or a clerk's name): never a formula once the sheet is saved as CSV.
  for (const r of rows)
    sheet.addRow({ ...r, label: safeCell(r.label), l1: r.byLevel['1'], l2: r.byLevel['2'], l3: r.byLevel['3'], l4: r.byLevel['4'], l5: r.byLevel['5'] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
