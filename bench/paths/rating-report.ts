// GET /api/ratings/statistics as the supervision dashboard calls it, over a year of one city's ratings made in SQL
// (bench/rating-data.ts): (a) one department's monthly report by item, (b) the city's 12-month report by department.
// Target S3 (performance-notes §4b): with 4 million ratings, p99 ≤ 10 ms and ≤ 2 s. Each is compared with its own
// statement run by pgbench on the same database (what Node and HTTP add). The size comes from --ratings=N
// (default 200,000; 20,000 with --quick): `npm run bench -- --only=rating-report --ratings=4000000`. The requests are
// the demo supervisor's, so the statement carries its region scope, and so does the pgbench script.
import { sql } from 'drizzle-orm';
import { today } from '../../src/platform/clock.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { scopeFilter, type Role } from '../../src/platform/permissions.ts';
import '../../src/modules/registry.ts'; // the modules' permissions, which scopeFilter reads
import { rawRatingStatistics, ratingStatistics, refreshRatingRollup, statisticsSql } from '../../src/modules/ratings/index.ts';
import { addMonths, generateRatings } from '../rating-data.ts';
import { inlineParams, runPgbench } from '../pg.ts';
import { definePath, type Goal, type PathContext } from '../types.ts';

type Query = Parameters<typeof statisticsSql>[0];

const sizeOf = (ctx: PathContext) => ctx.ratings ?? (ctx.quick ? 20_000 : 200_000);
/** S3 is stated for one year of Huaibei (3.93 M ratings): setup adds its goals only at that size or more. */
const S3_SIZE = 3_930_000;
const goals: Goal[] = [];

/** The statement ratingStatistics runs, as a pgbench script. */
function script(ctx: PathContext, q: Query): string {
  const dialect = (ctx.database.db as unknown as { dialect: { sqlToQuery(s: unknown): { sql: string; params: unknown[] } } }).dialect;
  return `${inlineParams(dialect.sqlToQuery(statisticsSql(q))).replace(/\s+/g, ' ')};\n`;
}

const query = (q: Query) =>
  `/api/ratings/statistics?${new URLSearchParams({ from: q.from, to: q.to, by: q.by, ...(q.departmentId ? { department: String(q.departmentId) } : {}) })}`;

export default definePath({
  name: 'rating-report',
  title: 'GET /api/ratings/statistics: one department’s month by item, the city’s 12 months by department (S3)',
  order: 65,
  setup: async (ctx) => {
    const db = ctx.database.db;
    const n = sizeOf(ctx);
    if (n >= S3_SIZE && goals.length === 0) {
      goals.push(
        { id: 'S3', figure: 'month c1', limit: 'path.rating-report.month.sql', p99MaxMs: 10 },
        { id: 'S3', figure: 'year c1', limit: 'path.rating-report.year.sql', p99MaxMs: 2000 },
      );
    }
    const lastMonth = today().slice(0, 7);
    const data = await generateRatings(db, { ratings: n, lastMonth, fast: true, log: ctx.log });
    ctx.log(
      `  rating-report: ${data.ratings.toLocaleString('en-US')} ratings of ${data.cases.toLocaleString('en-US')} cases, ${data.firstMonth}…${data.lastMonth}, made in ${data.seconds.toFixed(1)} s`,
    );
    let t = performance.now();
    const refreshed = await refreshRatingRollup(db);
    ctx.log(
      `  rating-report: first rollup refresh (all ${refreshed.read.toLocaleString('en-US')} rating ids) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    // The index-only scans need the visibility map, which autovacuum sets on an insert-only table in production.
    t = performance.now();
    await db.execute(sql`VACUUM ANALYZE rating`);
    await db.execute(sql`VACUUM ANALYZE remedy`);
    await db.execute(sql`VACUUM ANALYZE rating_rollup`);
    ctx.log(`  rating-report: VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // The supervisor's scope, as the route computes it from the same grants.
    const grants = await queryRows<{ role: Role; region_code: string | null; department_id: number | null }>(
      db,
      sql`SELECT g.role, g.region_code, g.department_id FROM pub_accounts_active_grant g JOIN pub_accounts_user u ON u.id = g.user_id
          WHERE u.username = 'supervisor'`,
    );
    const scope = scopeFilter(
      grants.map((g) => ({ role: g.role, regionCode: g.region_code, departmentId: g.department_id === null ? null : Number(g.department_id) })),
      'ratings.supervise',
    );
    // (a) the busiest department's last full month, by item; (b) the city's last 12 months, by department.
    const month: Query = {
      from: addMonths(lastMonth, -1),
      to: addMonths(lastMonth, -1),
      by: 'implementation',
      departmentId: data.busiestDepartment,
      scope,
    };
    const year: Query = { from: data.firstMonth, to: data.lastMonth, by: 'department', scope };
    for (const [name, q] of [
      ['month', month],
      ['year', year],
    ] as const) {
      const fast = await ratingStatistics(db, q);
      t = performance.now();
      const raw = await rawRatingStatistics(db, q);
      const rawMs = performance.now() - t;
      if (JSON.stringify(fast) !== JSON.stringify(raw)) throw new Error(`the ${name} report differs from the raw table`);
      ctx.log(
        `  rating-report: ${name} report = raw table (${fast.length} rows, ${fast.reduce((s, r) => s + r.ratings, 0).toLocaleString('en-US')} ratings); raw query ${rawMs.toFixed(0)} ms`,
      );
    }
    const token = await ctx.login('supervisor');
    return {
      headers: { authorization: `Bearer ${token}` },
      month: { path: query(month), script: script(ctx, month) },
      year: { path: query(year), script: script(ctx, year) },
    };
  },
  ownLimits: [
    {
      key: 'path.rating-report.month.sql',
      label: 'month: its SQL under pgbench c1',
      measure: (ctx, s) =>
        runPgbench({
          database: new URL(ctx.databaseUrl).pathname.slice(1),
          workload: { script: s.month.script },
          clients: 1,
          threads: 1,
          duration: ctx.durations.pgbench,
          protocol: 'extended',
        }),
    },
    {
      key: 'path.rating-report.year.sql',
      label: 'year: its SQL under pgbench c1',
      measure: (ctx, s) =>
        runPgbench({
          database: new URL(ctx.databaseUrl).pathname.slice(1),
          workload: { script: s.year.script },
          clients: 1,
          threads: 1,
          duration: ctx.durations.pgbench,
          protocol: 'extended',
        }),
    },
  ],
  run: async (ctx, s) => [
    await ctx.load({ label: 'month c1', path: s.month.path, headers: s.headers, connections: 1 }),
    await ctx.load({ label: 'month c4', path: s.month.path, headers: s.headers, connections: 4 }),
    await ctx.load({ label: 'year c1', path: s.year.path, headers: s.headers, connections: 1 }),
  ],
  limit: [
    { figure: 'month c1', limit: 'path.rating-report.month.sql' },
    { figure: 'year c1', limit: 'path.rating-report.year.sql' },
  ],
  goal: goals,
});
