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

interface Row {
  key: string;
  name: string;
  calls: number;
  failures: number;
  p95: number | null;
}
const shape = (rows: Row[]) =>
  rows.map((r) => ({
    key: String(r.key),
    name: r.name ?? '',
    calls: Number(r.calls),
    failures: Number(r.failures),
    p95Ms: r.p95 === null ? null : Math.round(Number(r.p95) / 10) / 100,
  }));

/**
 * Calls of a month per provider, consumer and resource (calls, failures — any answer but 200 —, p95 of the time to
 * answer) within the reader's scope, and 挂载率 per provider department: published resources whose collected table
 * holds rows, over published resources.
 */
export async function callStatistics(db: Db, month: string, within: ScopeFilter) {
  const { from, to } = monthRange(month);
  const range = sql`c.at >= ${from}::timestamptz AND c.at < ${to}::timestamptz`;
  const agg = sql`count(*)::int AS calls, count(*) FILTER (WHERE c.status <> 200)::int AS failures,
                  percentile_disc(0.95) WITHIN GROUP (ORDER BY c.duration_us) AS p95`;
  const providerScope = scopeSql(within, deptRegion(sql.raw('c.provider_department_id')), sql.raw('c.provider_department_id'));
  const consumerScope = scopeSql(within, deptRegion(sql.raw('c.consumer_department_id')), sql.raw('c.consumer_department_id'));
  const byProvider = await queryRows<Row>(
    db,
    sql`SELECT c.provider_department_id::text AS key, (SELECT d.name FROM pub_regions_department d WHERE d.id = c.provider_department_id) AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND c.provider_department_id IS NOT NULL AND ${providerScope} GROUP BY c.provider_department_id ORDER BY calls DESC`,
  );
  const byConsumer = await queryRows<Row>(
    db,
    sql`SELECT c.consumer_department_id::text AS key, (SELECT d.name FROM pub_regions_department d WHERE d.id = c.consumer_department_id) AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND c.consumer_department_id IS NOT NULL AND ${consumerScope} GROUP BY c.consumer_department_id ORDER BY calls DESC`,
  );
  const byResource = await queryRows<Row>(
    db,
    sql`SELECT c.resource_code AS key, coalesce((SELECT r.name FROM exchange_resource r WHERE r.code = c.resource_code), '') AS name, ${agg}
        FROM exchange_call c WHERE ${range} AND ${providerScope} GROUP BY c.resource_code ORDER BY calls DESC`,
  );
  const mounting = await queryRows<{ departmentId: number; name: string; published: number; mounted: number }>(
    db,
    sql`SELECT r.department_id::int AS "departmentId", (SELECT d.name FROM pub_regions_department d WHERE d.id = r.department_id) AS name,
               count(*)::int AS published,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM exchange_record x WHERE x.resource_id = r.id))::int AS mounted
        FROM exchange_resource r WHERE r.status = 'published' AND ${scopeSql(within, sql`r.region_code`, sql`r.department_id`)}
        GROUP BY r.department_id ORDER BY 1`,
  );
  return {
    month,
    byProvider: shape(byProvider),
    byConsumer: shape(byConsumer),
    byResource: shape(byResource),
    mounting: mounting.map((m) => ({
      departmentId: Number(m.departmentId),
      name: m.name,
      published: Number(m.published),
      mounted: Number(m.mounted),
      rate: Number(m.published) ? Math.round((Number(m.mounted) / Number(m.published)) * 1000) / 1000 : 0,
    })),
  };
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
