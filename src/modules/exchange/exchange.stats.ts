import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';

/** The first day of a month `YYYY-MM` and of the next, for a range over the partition key (one partition read). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

const deptRegion = (col: SQL) => sql`(SELECT d.region_code FROM pub_regions_department d WHERE d.id = ${col})`;

/**
 * The latency bucket of a call (ADR 0048): its time in µs rounded up to two significant digits (below 100 µs the
 * value itself), so that a month's p95 is merged exactly from daily histograms. Monotone: the bucket of the p95 call
 * is the p95 of the buckets, so the rollup answers what percentile_disc over the raw log answers, rounded up by at
 * most 10 %. The same function in SQL (LATENCY_BUCKET) and here.
 */
export function latencyBucket(us: number): number {
  if (us < 100) return Math.max(0, Math.trunc(us));
  const p = 10 ** (String(Math.trunc(us)).length - 2);
  return Math.ceil(us / p) * p;
}
const LATENCY_BUCKET = (col: SQL) =>
  sql`(CASE WHEN ${col} < 100 THEN greatest(${col}, 0) ELSE ((${col} + (10 ^ (length(${col}::text) - 2))::int - 1) / (10 ^ (length(${col}::text) - 2))::int) * (10 ^ (length(${col}::text) - 2))::int END)`;

/** Milliseconds to two decimals, as the statistics show a p95. */
const ms = (us: number | null) => (us === null ? null : Math.round(Number(us) / 10) / 100);

export interface StatRow {
  key: string;
  name: string;
  calls: number;
  failures: number;
  p95Ms: number | null;
}

/** Histogram counts per group: calls, failures and latency bucket → count. */
class Groups {
  private readonly groups = new Map<string, { calls: number; failures: number; hist: Map<number, number> }>();
  add(key: string, calls: number, failures: number, buckets: readonly number[], counts: readonly number[]) {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { calls: 0, failures: 0, hist: new Map() }));
    g.calls += calls;
    g.failures += failures;
    for (let i = 0; i < buckets.length; i++) g.hist.set(buckets[i], (g.hist.get(buckets[i]) ?? 0) + counts[i]);
  }
  keys() {
    return [...this.groups.keys()];
  }
  /** Rows ordered by calls, then key; p95 by nearest rank (as percentile_disc(0.95)). */
  rows(names: Map<string, string>): StatRow[] {
    return [...this.groups.entries()]
      .map(([key, g]) => {
        const total = [...g.hist.values()].reduce((a, b) => a + b, 0);
        let p95: number | null = null;
        if (total) {
          const rank = Math.ceil(0.95 * total);
          let seen = 0;
          for (const b of [...g.hist.keys()].sort((x, y) => x - y)) {
            seen += g.hist.get(b)!;
            if (seen >= rank) {
              p95 = b;
              break;
            }
          }
        }
        return { key, name: names.get(key) ?? '', calls: g.calls, failures: g.failures, p95Ms: ms(p95) };
      })
      .sort((a, b) => b.calls - a.calls || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

type Side = 'p' | 'c' | 'r';
interface HistRow {
  side: Side;
  key: string;
  calls: number;
  failures: number;
  buckets: number[];
  counts: number[];
}

/** The side's key column and the department its scope is judged on (a resource: its provider). */
const sideKey = { p: sql.raw('c.provider_department_id::text'), c: sql.raw('c.consumer_department_id::text'), r: sql.raw('c.resource_code') };
const sideDept = { p: sql.raw('c.provider_department_id'), c: sql.raw('c.consumer_department_id'), r: sql.raw('c.provider_department_id') };

/** Histograms per side and key over the raw log between two instants (the days the rollup does not hold yet). */
function rawHistograms(from: SQL, to: SQL, day: boolean): SQL {
  const part = (side: Side) => sql`
    SELECT ${day ? sql`b.day, ` : sql``}${side}::text AS side, b.key, b.dept, sum(b.n)::int AS calls, sum(b.f)::int AS failures,
           array_agg(b.bucket ORDER BY b.bucket) AS buckets, array_agg(b.n ORDER BY b.bucket) AS counts
    FROM (SELECT ${day ? sql`c.at::date AS day, ` : sql``}${sideKey[side]} AS key, ${sideDept[side]} AS dept,
                 ${LATENCY_BUCKET(sql.raw('c.duration_us'))} AS bucket, count(*)::int AS n, count(*) FILTER (WHERE c.status <> 200)::int AS f
          FROM exchange_call c WHERE c.at >= ${from} AND c.at < ${to} ${side === 'r' ? sql`` : sql`AND ${sideKey[side]} IS NOT NULL`}
          GROUP BY ${day ? sql`1, ` : sql``}${sideKey[side]}, ${sideDept[side]}, ${LATENCY_BUCKET(sql.raw('c.duration_us'))}) b
    GROUP BY ${day ? sql`b.day, ` : sql``}b.key, b.dept`;
  return sql`${part('p')} UNION ALL ${part('c')} UNION ALL ${part('r')}`;
}

/**
 * Histogram rows of `source` (period, side, key, dept, calls, failures, buckets, counts) summed per period, side and
 * key: calls and failures added, and the counts added bucket by bucket. How the hours merge into a day and the days
 * into a month.
 */
const summedHistograms = (source: SQL) => sql`
  SELECT t.period, t.side, t.key, t.dept, t.calls, t.failures, array_agg(h.b ORDER BY h.b), array_agg(h.n ORDER BY h.b)
  FROM (SELECT s.period, s.side, s.key, s.dept, sum(s.calls)::int AS calls, sum(s.failures)::int AS failures FROM (${source}) s GROUP BY 1, 2, 3, 4) t
  JOIN (SELECT s.period, s.side, s.key, s.dept, u.b, sum(u.n)::int AS n FROM (${source}) s, unnest(s.buckets, s.counts) AS u(b, n) GROUP BY 1, 2, 3, 4, 5) h
    ON h.period = t.period AND h.side = t.side AND h.key = t.key AND h.dept IS NOT DISTINCT FROM t.dept
  GROUP BY t.period, t.side, t.key, t.dept, t.calls, t.failures`;

/**
 * Rolls the call log into exchange_call_day (one row per day, side — provider, consumer, resource — and key, with its
 * calls, failures and latency histogram), from where the last roll stopped up to the hour that ended more than five
 * minutes ago (a call is timed before its row commits; ADR 0051: by the hour, so that the current month reads at most
 * an hour or so of the log), then merges the months touched into exchange_call_month (what a month's statistics read).
 * The day the last roll stopped in is merged with the new hours, so a day keeps one row per side and key. `until`
 * stops earlier (tests, the bench). Safe in several processes: the head row is taken with SKIP LOCKED. Returns the day
 * rows written.
 */
export async function refreshCallDays(db: Db, until?: string): Promise<number> {
  return db.transaction(async (tx) => {
    const upto = until ? sql`least(${until}::timestamptz, now() - interval '5 minutes')` : sql`now() - interval '5 minutes'`;
    // The oldest call only before the first roll (coalesce stops at rolled_until): min(at) reads the whole log.
    const [head] = await queryRows<{ start: string | null; upto: string; due: boolean }>(
      tx,
      sql`SELECT s.start::text AS start, s.upto::text AS upto, coalesce(s.start < s.upto, false) AS due
          FROM (SELECT coalesce(h.rolled_until, (SELECT date_trunc('day', min(c.at)) FROM exchange_call c)) AS start,
                       date_trunc('hour', ${upto}) AS upto
                FROM exchange_call_day_head h WHERE h.id = 1 FOR UPDATE SKIP LOCKED) s`,
    );
    if (!head?.due || !head.start) return 0;
    // Days and hours in the session's time zone, as monthRange's bounds are read.
    const from = sql`${head.start}::timestamptz`;
    const to = sql`${head.upto}::timestamptz`;
    const made = await queryRows<{ n: number }>(
      tx,
      sql`WITH old AS (DELETE FROM exchange_call_day d WHERE d.day >= (${from})::date
                       RETURNING d.day AS period, d.side, d.key, d.department_id AS dept, d.calls, d.failures, d.buckets, d.counts),
               a AS (SELECT * FROM old
                     UNION ALL SELECT h.day, h.side, coalesce(h.key, ''), h.dept, h.calls, h.failures, h.buckets, h.counts FROM (${rawHistograms(from, to, true)}) h),
               ins AS (INSERT INTO exchange_call_day (day, side, key, department_id, calls, failures, buckets, counts)
                       ${summedHistograms(sql`SELECT * FROM a`)} RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    await mergeCallMonths(tx, head.start);
    await tx.execute(sql`UPDATE exchange_call_day_head SET rolled_until = ${to} WHERE id = 1`);
    return Number(made[0].n);
  });
}

/**
 * The months from `start`'s on, merged again from their rolled-up days into exchange_call_month: a month's statistics
 * read one row per side and key. In the caller's transaction (refreshCallDays').
 */
export async function mergeCallMonths(tx: Db, start: string): Promise<void> {
  const monthFrom = sql`date_trunc('month', ${start}::timestamptz::date)::date`;
  await tx.execute(sql`DELETE FROM exchange_call_month WHERE month >= ${monthFrom}`);
  await tx.execute(sql`
    INSERT INTO exchange_call_month (month, side, key, department_id, calls, failures, buckets, counts)
    ${summedHistograms(sql`SELECT date_trunc('month', d.day)::date AS period, d.side, d.key, d.department_id AS dept, d.calls, d.failures, d.buckets, d.counts
                           FROM exchange_call_day d WHERE d.day >= ${monthFrom}`)}`);
}

/** The names of departments and resources by key, for the rows shown. */
async function names(db: Db, departments: string[], resources: string[]) {
  const byDept = new Map<string, string>();
  const byRes = new Map<string, string>();
  if (departments.length) {
    const rows = await queryRows<{ id: string; name: string }>(
      db,
      sql`SELECT d.id::text AS id, d.name FROM pub_regions_department d WHERE d.id = ANY(${`{${departments.join(',')}}`}::bigint[])`,
    );
    for (const r of rows) byDept.set(String(r.id), r.name);
  }
  if (resources.length) {
    const rows = await queryRows<{ code: string; name: string }>(
      db,
      sql`SELECT r.code, r.name FROM exchange_resource r WHERE r.code IN (SELECT jsonb_array_elements_text(${JSON.stringify(resources)}::jsonb))`,
    );
    for (const r of rows) byRes.set(r.code, r.name);
  }
  return { byDept, byRes };
}

/**
 * Calls of a month per provider, consumer and resource (calls, failures — any answer but 200 —, p95 of the time to
 * answer, to two significant digits) within the reader's scope: what is rolled up read from exchange_call_month, the
 * rest of the month (the last hour or so, and anything the job has not rolled yet) from the log itself (ADR 0048,
 * 0051). Besides them:
 * licence uses of the month (电子证照 共享调用) per licence type and issuing department, and 挂载率 per provider
 * department and per catalogue kind (the first digit of the classification, 类).
 */
export async function callStatistics(db: Db, month: string, within: ScopeFilter) {
  const { from, to } = monthRange(month);
  // Not one after another: each statement is a round trip, which on a busy machine waits for a core.
  const [calls, uses, mounted, mountedByKind] = await Promise.all([
    callRows(db, from, to, within),
    licenseUses(db, from, to, within),
    mounting(db, within, false),
    mounting(db, within, true),
  ]);
  return {
    month,
    ...calls,
    licenseUses: uses,
    mounting: mounted.map(({ key, ...m }) => ({ departmentId: Number(key), ...m })),
    mountingByKind: mountedByKind.map(({ key, name: _name, ...m }) => ({ kind: key, ...m })),
  };
}

/** The month's calls per provider, consumer and resource: its rollup row and the log after rolled_until. */
async function callRows(db: Db, from: string, to: string, within: ScopeFilter) {
  // The month's rollup rows cover [from, rolled_until); the log the rest of the month (raw_from; none once rolled past it).
  const [head] = await queryRows<{ rolled: boolean | null; raw_from: string | null }>(
    db,
    sql`SELECT h.rolled_until > ${from}::timestamptz AS rolled,
               (CASE WHEN h.rolled_until IS NULL OR h.rolled_until <= ${from}::timestamptz THEN ${from}::timestamptz
                     WHEN h.rolled_until < ${to}::timestamptz THEN h.rolled_until END)::text AS raw_from
        FROM exchange_call_day_head h WHERE h.id = 1`,
  );
  const rawFrom = head ? head.raw_from : from;
  const scoped = (dept: SQL) => scopeSql(within, deptRegion(dept), dept);
  const [rolled, raw] = await Promise.all([
    head?.rolled
      ? queryRows<HistRow>(
          db,
          sql`SELECT w.side, w.key, w.calls, w.failures, to_json(w.buckets) AS buckets, to_json(w.counts) AS counts
              FROM exchange_call_month w WHERE w.month = ${from}::date AND ${scoped(sql.raw('w.department_id'))}`,
        )
      : [],
    rawFrom
      ? queryRows<HistRow>(
          db,
          sql`SELECT h.side, h.key, h.calls, h.failures, to_json(h.buckets) AS buckets, to_json(h.counts) AS counts
              FROM (${rawHistograms(sql`${rawFrom}::timestamptz`, sql`${to}::timestamptz`, false)}) h WHERE ${scoped(sql.raw('h.dept'))}`,
        )
      : [],
  ]);
  const sides = { p: new Groups(), c: new Groups(), r: new Groups() };
  for (const h of [...rolled, ...raw]) sides[h.side].add(String(h.key ?? ''), Number(h.calls), Number(h.failures), h.buckets.map(Number), h.counts.map(Number));
  const n = await names(db, [...new Set([...sides.p.keys(), ...sides.c.keys()])], sides.r.keys());
  return { byProvider: sides.p.rows(n.byDept), byConsumer: sides.c.rows(n.byDept), byResource: sides.r.rows(n.byRes) };
}

/** 电子证照 共享调用: the uses of licences in a month, per licence type and issuing department (pub_licenses_use). */
async function licenseUses(db: Db, from: string, to: string, within: ScopeFilter) {
  const rows = await queryRows<{ typeCode: string; typeName: string; departmentId: number; name: string | null; uses: number }>(
    db,
    sql`SELECT u.type_code AS "typeCode", coalesce(max(u.type_name), u.type_code) AS "typeName", u.issuer_department_id AS "departmentId",
               (SELECT d.name FROM pub_regions_department d WHERE d.id = u.issuer_department_id) AS name, count(*)::int AS uses
        FROM pub_licenses_use u WHERE u.at >= ${from}::timestamptz AND u.at < ${to}::timestamptz
          AND ${scopeSql(within, deptRegion(sql.raw('u.issuer_department_id')), sql.raw('u.issuer_department_id'))}
        GROUP BY u.type_code, u.issuer_department_id ORDER BY uses DESC, u.type_code, u.issuer_department_id`,
  );
  return rows.map((r) => ({ typeCode: r.typeCode, typeName: r.typeName, departmentId: Number(r.departmentId), name: r.name ?? '', uses: Number(r.uses) }));
}

/**
 * 挂载率: published resources mounted — to a registered endpoint of their provider (endpoint_id), or to a collected
 * table holding rows — over published resources, per provider department or per catalogue kind (类, the first digit).
 */
async function mounting(db: Db, within: ScopeFilter, byKind: boolean) {
  const group = byKind ? sql`left(r.classification, 1)` : sql`r.department_id::text`;
  const rows = await queryRows<{ key: string; name: string | null; published: number; mounted: number }>(
    db,
    sql`SELECT ${group} AS key, ${byKind ? sql`NULL` : sql`(SELECT d.name FROM pub_regions_department d WHERE d.id = min(r.department_id))`} AS name,
               count(*)::int AS published,
               count(*) FILTER (WHERE CASE WHEN r.endpoint_id IS NOT NULL THEN EXISTS (SELECT 1 FROM exchange_endpoint e WHERE e.id = r.endpoint_id AND e.status = 'active')
                                           ELSE EXISTS (SELECT 1 FROM exchange_record x WHERE x.resource_id = r.id) END)::int AS mounted
        FROM exchange_resource r WHERE r.status = 'published' AND ${scopeSql(within, sql`r.region_code`, sql`r.department_id`)}
        GROUP BY ${group} ORDER BY 1`,
  );
  return rows.map((m) => ({
    key: String(m.key),
    name: m.name ?? '',
    published: Number(m.published),
    mounted: Number(m.mounted),
    rate: Number(m.published) ? Math.round((Number(m.mounted) / Number(m.published)) * 1000) / 1000 : 0,
  }));
}

/**
 * The same figures of calls straight from the log (percentile_disc over every call of the month, bucketed as the
 * rollup buckets): what the rollup must equal (exchange.stats.test.ts, bench/exchange-stats.ts).
 */
export async function rawCallStatistics(db: Db, month: string, within: ScopeFilter) {
  const { from, to } = monthRange(month);
  const range = sql`c.at >= ${from}::timestamptz AND c.at < ${to}::timestamptz`;
  const agg = sql`count(*)::int AS calls, count(*) FILTER (WHERE c.status <> 200)::int AS failures,
                  percentile_disc(0.95) WITHIN GROUP (ORDER BY c.duration_us) AS p95`;
  const providerScope = scopeSql(within, deptRegion(sql.raw('c.provider_department_id')), sql.raw('c.provider_department_id'));
  const consumerScope = scopeSql(within, deptRegion(sql.raw('c.consumer_department_id')), sql.raw('c.consumer_department_id'));
  type Row = { key: string; name: string | null; calls: number; failures: number; p95: number | null };
  const shape = (rows: Row[]): StatRow[] =>
    rows
      .map((r) => ({
        key: String(r.key),
        name: r.name ?? '',
        calls: Number(r.calls),
        failures: Number(r.failures),
        p95Ms: ms(r.p95 === null ? null : latencyBucket(Number(r.p95))),
      }))
      .sort((a, b) => b.calls - a.calls || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byProvider = await queryRows<Row>(
    db,
    sql`SELECT c.provider_department_id::text AS key, (SELECT d.name FROM pub_regions_department d WHERE d.id = c.provider_department_id) AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND c.provider_department_id IS NOT NULL AND ${providerScope} GROUP BY c.provider_department_id`,
  );
  const byConsumer = await queryRows<Row>(
    db,
    sql`SELECT c.consumer_department_id::text AS key, (SELECT d.name FROM pub_regions_department d WHERE d.id = c.consumer_department_id) AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND c.consumer_department_id IS NOT NULL AND ${consumerScope} GROUP BY c.consumer_department_id`,
  );
  const byResource = await queryRows<Row>(
    db,
    sql`SELECT c.resource_code AS key, (SELECT r.name FROM exchange_resource r WHERE r.code = c.resource_code) AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND ${providerScope} GROUP BY c.resource_code`,
  );
  return { month, byProvider: shape(byProvider), byConsumer: shape(byConsumer), byResource: shape(byResource) };
}
/** Anonymised public figures: calls per published resource in a month (no consumer, no key, no failure detail). */
export async function publicStatistics(db: Db, month: string) {
  const { from, to } = monthRange(month);
  const rows = await queryRows<{ code: string; name: string; calls: number }>(
    db,
    sql`SELECT r.code, r.name, count(c.id)::int AS calls
        FROM exchange_resource r JOIN exchange_call c ON c.resource_id = r.id AND c.at >= ${from}::timestamptz AND c.at < ${to}::timestamptz AND c.status = 200
        WHERE r.status = 'published' GROUP BY r.code, r.name ORDER BY calls DESC, r.code LIMIT 200`,
  );
  return { month, items: rows.map((r) => ({ code: r.code, name: r.name, calls: Number(r.calls) })) };
}
