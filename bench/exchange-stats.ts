// node --import tsx bench/exchange-stats.ts [--calls=10000000] [--month=2026-11] [--repeat=5] [--keep] [--reuse] [--no-raw] [--no-open]
//
// Issue 23 (R-stats: a month's statistics over 10 million logged calls ≤ 1 s): fills exchange_call on the PostgreSQL
// server of BENCH_PG_URL (a database made and dropped here; BENCH_DATABASE_SUFFIX keeps two runs apart) with `calls`
// calls of one month, set-based (INSERT … SELECT generate_series, 1 M a statement, the values drawn from a hash of the
// row number so a size always gives the same data): 60 provider and 40 consumer departments, 300 resources, 3 % of
// the calls refused or failed, durations 0.2–40 ms skewed low. Then runs the month's statistics as the route does
// (callStatistics, the whole city's scope) `repeat` times and prints each time, the median and the ratio to the 1 s
// goal (≤ 1 meets it), with each statement's median and worst time and the load average (the machine is shared: a
// read of a few hundred rows waits for a core under load). Then the same month as it reads while its last day runs
// (ADR 0051): that day from the log, then only its last hour (--no-open skips these). Also times the raw per-call statement (rawCallStatistics)
// once, and checks that both answer the same. --keep keeps the database; --reuse then times the reads again on it
// without filling (and without rolling up); --no-raw skips the raw statements (minutes at 10 M). PGlite: a server-only goal (see bench/README.md).
import os from 'node:os';
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

const REUSE = process.argv.includes('--reuse');
const benchDb = `tongban_bench_exchange_stats${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;
if (!REUSE) await recreateDatabase(benchDb);
const database = await openDatabase({ databaseUrl: databaseUrl(benchDb) });
const db = database.db;
const log = (line: string) => process.stderr.write(`${line}\n`);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

// Each statement's time, by its first words: which of the statistics' statements takes the time.
const timed = new Map<string, number[]>();
let timing = false;
const execute = db.execute.bind(db);
(db as { execute: typeof db.execute }).execute = (async (query: Parameters<typeof db.execute>[0]) => {
  const t = performance.now();
  const result = await execute(query);
  if (timing) {
    const text = (db as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string } } }).dialect.sqlToQuery(query).sql;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    timed.set(key, [...(timed.get(key) ?? []), performance.now() - t]);
  }
  return result;
}) as typeof db.execute;

try {
  if (REUSE) await migrate(database);
  else await fill();
  const city: ScopeFilter = { kind: 'some', scopes: [{ regionPrefix: '3406', departmentId: null }] };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const calls3 = (a: { byProvider: unknown; byConsumer: unknown; byResource: unknown }) => JSON.stringify([a.byProvider, a.byConsumer, a.byResource]);

  /** The statistics `REPEAT` times: each time, the median, each statement's median and worst, the load average. */
  const timeStatistics = async (label: string) => {
    const times: number[] = [];
    let answer: Awaited<ReturnType<typeof callStatistics>> | undefined;
    const loadBefore = load();
    timed.clear();
    timing = true;
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      answer = await callStatistics(db, MONTH, city);
      times.push((performance.now() - t) / 1000);
    }
    timing = false;
    console.log(
      `  ${label}: median ${median(times).toFixed(3)} s of ${REPEAT} (${times.map((x) => x.toFixed(3)).join(', ')}); ratio ${(median(times) / GOAL_S).toFixed(2)} of the 1 s goal`,
    );
    console.log(`    load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`);
    for (const [key, ms] of timed)
      console.log(
        `    ${median(ms).toFixed(1).padStart(7)} ms median, ${Math.max(...ms)
          .toFixed(1)
          .padStart(7)} ms worst, ×${ms.length}  ${key}`,
      );
    return answer!;
  };

  const [{ n: counted }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM exchange_call`);
  console.log(`a month's call statistics over ${Number(counted).toLocaleString('en')} calls on PostgreSQL`);
  const answer = await timeStatistics('the month rolled up');
  let same = true;
  if (!process.argv.includes('--no-open')) {
    // The month as it reads while its last day runs (ADR 0051): the last day taken out of the rollup and rolled up to
    // its first hour (which merges the month again), then to its last; the log read is 23 hours of that day (as the
    // daily rollup read it late in a day), then one hour.
    const next = new Date(`${MONTH}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const [{ last }] = await queryRows<{ last: string }>(db, sql`SELECT (${next.toISOString().slice(0, 10)}::date - 1)::text AS last`);
    await db.execute(sql`DELETE FROM exchange_call_day WHERE day >= ${last}::date`);
    await db.execute(sql`UPDATE exchange_call_day_head SET rolled_until = ${last}::timestamptz WHERE id = 1`);
    await refreshCallDays(db, `${last} 01:00`);
    const dayOpen = await timeStatistics(`its last 23 hours from the log (${last})`);
    let t0 = performance.now();
    await refreshCallDays(db, `${last} 23:00`);
    log(`rollup of the next 22 hours, merged into the day: ${secs(t0)} s`);
    const hourOpen = await timeStatistics('its last hour from the log');
    t0 = performance.now();
    await refreshCallDays(db);
    log(`rollup of the last hour, merged into the day: ${secs(t0)} s`);
    const again = await callStatistics(db, MONTH, city);
    same = [dayOpen, hourOpen, again].every((a) => calls3(a) === calls3(answer));
    console.log(`  answers with the day open, the hour open and rolled again: ${same ? 'identical to the month rolled up' : 'DIFFER'}`);
  }
  const t0 = performance.now();
  const raw = process.argv.includes('--no-raw') ? undefined : await rawCallStatistics(db, MONTH, city);
  const rawS = (performance.now() - t0) / 1000;
  if (raw) same = same && calls3(raw) === calls3(answer);
  if (raw)
    console.log(
      `  raw log     ${rawS.toFixed(3)} s (the statements over exchange_call alone); answers ${calls3(raw) === calls3(answer) ? 'identical' : 'DIFFER'}`,
    );
  if (!same) process.exitCode = 1;
  if (raw && calls3(raw) !== calls3(answer)) {
    for (const k of ['byProvider', 'byConsumer', 'byResource'] as const) {
      const a = raw[k];
      const b = answer[k];
      const diff = a.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(b[i]));
      if (diff >= 0)
        log(`  ${k} first difference at ${diff}: raw ${JSON.stringify(a[diff])} rollup ${JSON.stringify(b[diff])} (${a.length} vs ${b.length} rows)`);
    }
  }
} finally {
  await database.close();
  if (!process.argv.includes('--keep') && !REUSE) await dropDatabase(benchDb);
}

/** The bench's departments, resources and `CALLS` calls of the month, then the rollup as the job would have made it. */
async function fill() {
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
}
