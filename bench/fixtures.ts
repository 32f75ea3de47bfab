// Data the module benchmarks need, made in bulk on the benchmark database: a published item through the API (so the
// real services validate it), then thousands of cases or implementations by SQL (the paths measure HTTP, not seeding).
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/platform/db/db.ts';
import type { PathContext } from './types.ts';

export interface BenchItem {
  code: string;
  implementationId: number;
  versionId: number;
  departmentId: number;
}

let keyCounter = 0;
export const idempotencyKey = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++keyCounter}`;

async function call(ctx: PathContext, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(ctx.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey('fixture') },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json!;
}

/** A published item of 淮北市市场监督管理局 with one reviewer step, no required material and a one-field form. */
export async function publishBenchItem(ctx: PathContext, code: string, extra: Record<string, unknown> = {}): Promise<BenchItem> {
  const token = await ctx.login('itemadmin');
  const [dept] = await queryRows<{ id: number }>(ctx.database.db, sql`SELECT id FROM pub_regions_department WHERE name = '淮北市市场监督管理局'`);
  const base = await call(ctx, token, 'POST', '/api/catalog/base-items', {
    code: code.replace(/-/g, '').slice(0, 12),
    name: `基准测试事项 ${code}`,
    itemType: '20',
    useLevel: '3',
  });
  const content = {
    name: `基准测试事项 ${code}`,
    caseType: '2',
    legalLimit: { value: 20, unit: 'working_day' },
    promisedLimit: { value: 10, unit: 'working_day' },
    visits: 0,
    handlingForms: ['2'],
    onlineDepth: 4,
    legalBasis: '基准测试',
    acceptanceConditions: '基准测试',
    resultName: '基准测试结果',
    serviceObjects: ['1'],
    place: '淮北市政务服务中心',
    hours: '工作日',
    consultation: '12345',
    complaint: '12345',
    materials: [{ key: 'm1', name: '申请书', required: false, form: 'electronic', source: 'applicant', acceptanceStandard: '完整' }],
    steps: [{ key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 }],
    form: { type: 'object', properties: { note: { type: 'string', title: '备注', description: '任意文字', 'x-widget': 'text' } }, required: [] },
    ...extra,
  };
  const impl = await call(ctx, token, 'POST', '/api/catalog/implementations', {
    code,
    baseItemId: base.id,
    regionCode: '340600',
    departmentId: Number(dept.id),
    content,
  });
  const detail = await call(ctx, token, 'GET', `/api/catalog/implementations/${impl.id}`);
  const version = (detail.versions as { version: number; id: number }[])[0];
  await call(ctx, token, 'POST', `/api/catalog/implementations/${impl.id}/submit`, { version: version.version });
  await call(ctx, token, 'POST', `/api/catalog/implementations/${impl.id}/approve`, { version: version.version + 1 });
  return { code, implementationId: Number(impl.id), versionId: version.id, departmentId: Number(dept.id) };
}

/**
 * `n` cases of the demo person for the item, in one statement each for cases and events: `submitted` (received
 * today, version 1) or `delivered` (closed yesterday). Numbers use the day 2099-12-31 so they never meet real ones.
 */
export async function bulkCases(ctx: PathContext, item: BenchItem, n: number, status: 'submitted' | 'delivered', series: number): Promise<string[]> {
  const [person] = await queryRows<{ id: number; id_number: string; display_name: string }>(
    ctx.database.db,
    sql`SELECT id, id_number, display_name FROM pub_accounts_user WHERE username = 'person'`,
  );
  const prefix = `340600209912${String(series).padStart(2, '0')}`;
  await ctx.database.db.execute(sql`
    INSERT INTO service_case (number, implementation_id, implementation_version_id, department_id, region_code, status, channel, owner_user_id,
                              applicant_kind, applicant_name, applicant_id_type, applicant_id_number, form_data, received_at, received_on,
                              accepted_on, decided_on, delivered_on, outcome, delivery_method)
    SELECT ${prefix} || lpad(g::text, 6, '0'), ${item.implementationId}, ${item.versionId}, ${item.departmentId}, '340600', ${status}, 'web', ${person.id},
           'person', ${person.display_name}, '111', ${person.id_number}, '{"note":"bench"}'::jsonb, now(), current_date,
           ${status === 'delivered' ? sql`current_date - 1` : sql`NULL`}, ${status === 'delivered' ? sql`current_date - 1` : sql`NULL`},
           ${status === 'delivered' ? sql`current_date - 1` : sql`NULL`}, ${status === 'delivered' ? '0' : null}, ${status === 'delivered' ? 'electronic' : null}
    FROM generate_series(1, ${n}) AS g`);
  await ctx.database.db.execute(sql`
    INSERT INTO case_event (case_id, type, on_day, actor_user_id, actor_name, data)
    SELECT c.id, 'submitted', current_date, ${person.id}, ${person.display_name}, '{}'::jsonb FROM service_case c WHERE c.number LIKE ${prefix + '%'}`);
  // As autovacuum would after a bulk load: plans made on the stale statistics of a nearly empty table scan it whole.
  await ctx.database.db.execute(sql`ANALYZE service_case, case_event`);
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
}

/**
 * A request shaper that walks through prepared items, one per request; throws when they run out. wrk (bench/wrk.ts)
 * shapes its requests ahead of the run and hands back the ones it did not send, which the next run takes first.
 */
export function walker<T>(items: T[], shape: (item: T) => { path: string; body?: string }) {
  let next = 0;
  const take = (request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) => {
    if (next >= items.length) throw new Error('the benchmark ran out of prepared records; raise the count');
    return { ...request, ...shape(items[next++]) };
  };
  return Object.assign(take, {
    giveBack: (n: number) => {
      next = Math.max(0, next - n);
    },
  });
}
