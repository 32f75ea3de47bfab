// node --import tsx bench/exchange-stats.ts [--calls=10000000] [--month=2026-11] [--repeat=5] [--keep]
//
// Issue 23 (R-stats: a month's statistics over 10 million logged calls ≤ 1 s): fills exchange_call on the PostgreSQL
// server of BENCH_PG_URL (a database made and dropped here; BENCH_DATABASE_SUFFIX keeps two runs apart) with `calls`
// calls of one month, set-based (INSERT … SELECT generate_series, 1 M a statement, the values drawn from a hash of the
// row number so a size always gives the same data): 60 provider and 40 consumer departments, 300 resources, 3 % of
// the calls refused or failed, durations 0.2–40 ms skewed low. Then runs the month's statistics as the route does
// (callStatistics, the whole city's scope) `repeat` times and prints each time, the median and the ratio to the 1 s
// goal (≤ 1 meets it). Also times the raw per-call statement (rawCallStatistics) once, and checks that both answer
// the same. PGlite: a server-only goal (see bench/README.md).
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, migrate, queryRows } from '../src/platform/db/db.ts';
import { seedReference } from '../src/bootstrap/reference.ts';
import { callStatistics, rawCallStatistics, refreshCallDays } from '../src/modules/exchange/index.ts';
import type { ScopeFilter } from '../src/platform/permissions.ts';
import { databaseUrl, dropDatabase, recreateDatabase } from './pg.ts';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const CALLS = Number(arg('calls', '10000000'));
const MONTH = arg('month', '2026-11');
const REPEAT = Number(arg('repeat', '5'));
const CHUNK = 1_000_000;
const GOAL_S = 1;

const benchDb = `tongban_bench_exchange_stats${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;
await recreateDatabase(benchDb);
const database = await openDatabase({ databaseUrl: databaseUrl(benchDb) });
const db = database.db;
const log = (line: string) => process.stderr.write(`${line}\n`);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

try {
  await migrate(database);
  await seedReference(db);
  // 100 departments of 淮北 (the first 60 provide, the last 40 consume), 300 resources of the providers.
  await db.execute(sql`
    INSERT INTO department (name, uscc, region_code)
    SELECT '基准部门' || g, '11340600' || lpad(g::text, 9, '0') || 'X', '340600' FROM generate_series(1, 100) g`);
  const depts = (await queryRows<{ id: number }>(db, sql`SELECT id::int AS id FROM department WHERE name LIKE '基准部门%' ORDER BY id`)).map((d) =>
    Number(d.id),
  );
  const providers = depts.slice(0, 60);
  const consumers = depts.slice(60);
  await db.execute(sql`
    INSERT INTO exchange_resource (code, classification, sequence, name, region_code, department_id, summary, format, fields, key_field,
      sharing, sharing_basis, sharing_method, open_attribute, update_cycle, status, created_by)
    SELECT 'R' || lpad(g::text, 6, '0'), (101 + g % 5)::text || '001', g::text, '基准资源' || g, '340600',
      (${`{${providers.join(',')}}`}::bigint[])[1 + g % 60], '基准', '数据库', '[]'::jsonb, 'id', 'conditional', '基准', 'interface', 'closed', '每日',
      'published', 'bench'
    FROM generate_series(1, 300) g`);
  const [{ first }] = await queryRows<{ first: number }>(db, sql`SELECT min(id)::int AS first FROM exchange_resource WHERE created_by = 'bench'`);
  await db.execute(sql`SELECT exchange_call_partitions(${`${MONTH}-01`}::date, 1)`);

  const started = performance.now();
  for (let from = 0; from < CALLS; from += CHUNK) {
    const t0 = performance.now();
    const to = Math.min(CALLS, from + CHUNK) - 1;
    // h: a hash of the row number, so each column is spread and a size always gives the same data.
    await db.execute(sql`
      INSERT INTO exchange_call (at, consumer_department_id, provider_department_id, grant_id, token_id, resource_id, resource_code,
        purpose, key_digest, status, code, rows_out, bytes_out, duration_us)
      SELECT ${`${MONTH}-01`}::timestamptz + (g::float8 / ${CALLS}) * (${`${MONTH}-01`}::date + interval '1 month' - ${`${MONTH}-01`}::date),
             (${`{${consumers.join(',')}}`}::bigint[])[1 + h % 40],
             (${`{${providers.join(',')}}`}::bigint[])[1 + (h / 40 % 300) % 60],
             1 + h % 40, 1 + h % 40, ${first} + h / 40 % 300, 'R' || lpad((1 + h / 40 % 300)::text, 6, '0'),
             '基准调用', NULL,
             CASE WHEN h % 100 < 97 THEN 200 WHEN h % 100 < 99 THEN 403 ELSE 500 END,
             CASE WHEN h % 100 < 97 THEN 'OK' WHEN h % 100 < 99 THEN 'EXCHANGE_CALL_OUTSIDE_GRANT' ELSE 'EXCHANGE_CALL_FAILED' END,
             1, 180, 200 + (h % 997) * (h % 41)
      FROM (SELECT g, hashint4(g)::bigint & 2147483647 AS h FROM generate_series(${from}::int, ${to}::int) g) s`);
    log(`  calls ${(to + 1).toLocaleString('en')} of ${CALLS.toLocaleString('en')} (${secs(t0)} s)`);
  }
  log(`filled ${CALLS.toLocaleString('en')} calls in ${secs(started)} s`);
  let t0 = performance.now();
  await db.execute(sql`VACUUM (ANALYZE) exchange_call`);
  log(`VACUUM ANALYZE ${secs(t0)} s`);
  t0 = performance.now();
  const days = await refreshCallDays(db);
  log(`rollup: ${days} day rows made in ${secs(t0)} s (what the job would have done as the month went)`);

  const city: ScopeFilter = { kind: 'some', scopes: [{ regionPrefix: '3406', departmentId: null }] };
  const times: number[] = [];
  let answer: Awaited<ReturnType<typeof callStatistics>> | undefined;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    answer = await callStatistics(db, MONTH, city);
    times.push((performance.now() - t) / 1000);
  }
  t0 = performance.now();
  const raw = await rawCallStatistics(db, MONTH, city);
  const rawS = (performance.now() - t0) / 1000;
  const calls3 = (a: { byProvider: unknown; byConsumer: unknown; byResource: unknown }) => JSON.stringify([a.byProvider, a.byConsumer, a.byResource]);
  const same = calls3(raw) === calls3(answer!);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const calls = answer!.byProvider.reduce((n, p) => n + p.calls, 0);
  console.log(`a month's call statistics over ${CALLS.toLocaleString('en')} calls (${calls.toLocaleString('en')} counted) on PostgreSQL`);
  console.log(
    `  statistics  median ${median.toFixed(3)} s of ${REPEAT} (${times.map((s) => s.toFixed(3)).join(', ')}); ratio ${(median / GOAL_S).toFixed(2)} of the 1 s goal`,
  );
  console.log(`  raw log     ${rawS.toFixed(3)} s (the statements over exchange_call alone); answers ${same ? 'identical' : 'DIFFER'}`);
  if (!same) {
    process.exitCode = 1;
    for (const k of ['byProvider', 'byConsumer', 'byResource'] as const) {
      const a = raw[k];
      const b = answer![k];
      const diff = a.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(b[i]));
      if (diff >= 0)
        log(`  ${k} first difference at ${diff}: raw ${JSON.stringify(a[diff])} rollup ${JSON.stringify(b[diff])} (${a.length} vs ${b.length} rows)`);
    }
  }
} finally {
  await database.close();
  if (!process.argv.includes('--keep')) await dropDatabase(benchDb);
}
