// A year of 好差评 for one city, made in SQL (INSERT … SELECT generate_series), for the rating-report benchmark and
// for the test that compares the rollup with the raw table. Everything is derived from the row number through a
// hash, so a given size always produces the same data.
//
// What it makes (n = ratings):
// - 50 departments of 淮北市 (340600), 30 published items each (1,500), 6 window clerks each (300);
// - n / 1.25 closed cases over the 12 months ending with `lastMonth`: items drawn with a skew (a few departments and
//   items carry most of the cases, as 公安, 人社 and 医保 do);
// - per case a first online rating (一事一评; 10 % of them the default 基本满意, channel NULL), for 20 % of the
//   cases also a first on-site rating (一次一评, channel 4 or 5), and for 5 % an online follow-up rating;
// - levels about 80 / 12 / 5.5 / 1.5 / 1 % (非常满意 … 非常不满意), so about 2.5 % bad ratings;
// - a remedy for every bad first rating, in every state (open … closed), older ones mostly closed; appeals for 5 %
//   of them, of which 60 % upheld (the rating excluded, the remedy 'excluded'), 20 % pending, 20 % rejected.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/platform/db/db.ts';

export interface RatingData {
  ratings: number;
  cases: number;
  departments: number[];
  /** The department with the most ratings (the monthly report's subject). */
  busiestDepartment: number;
  /** 'YYYY-MM' of the first and last month. */
  firstMonth: string;
  lastMonth: string;
  seconds: number;
}

const BUREAUS = [
  '公安局',
  '人力资源和社会保障局',
  '医疗保障局',
  '市场监督管理局',
  '住房和城乡建设局',
  '自然资源和规划局',
  '交通运输局',
  '卫生健康委员会',
  '民政局',
  '教育局',
  '税务局',
  '不动产登记中心',
  '住房公积金管理中心',
  '生态环境局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '退役军人事务局',
  '应急管理局',
  '城市管理局',
  '水务局',
  '林业局',
  '司法局',
  '财政局',
  '数据资源管理局',
];
const PLACES = ['淮北市', '相山区'];

/** Month arithmetic on 'YYYY-MM'. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + delta;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/**
 * Makes the city's ratings. `tag` keeps several data sets apart (codes, numbers and user names carry it).
 * `fast` skips the per-row foreign-key triggers while loading (session_replication_role = replica; needs a
 * superuser, PostgreSQL only): the rows are consistent by construction, and the constraints stay in place.
 */
export async function generateRatings(
  db: Db,
  opts: { ratings: number; lastMonth: string; tag?: string; fast?: boolean; log?: (line: string) => void },
): Promise<RatingData> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const tag = opts.tag ?? 'RB';
  const n = opts.ratings;
  const cases = Math.max(1, Math.round(n / 1.25));
  const firstMonth = addMonths(opts.lastMonth, -11);
  const firstDay = `${firstMonth}-01`;
  const days = sql`((${`${addMonths(opts.lastMonth, 1)}-01`}::date - ${firstDay}::date))`;
  // One transaction: one connection of the pool, so the temporary tables and function stay visible.
  return db.transaction(async (tx) => {
    const step = async (what: string, q: ReturnType<typeof sql>) => {
      const t = performance.now();
      await tx.execute(q);
      log(`  rating data: ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };

    // Departments, items (base item, implementation, one published version) and clerks.
    const names = PLACES.flatMap((p) => BUREAUS.map((b) => `${p}${b}`));
    const depts = await queryRows<{ id: number }>(
      tx,
      sql`INSERT INTO department (name, uscc, region_code)
        SELECT d.name || '（基准）', ${tag} || lpad(d.i::text, 16, '0'), '340600'
        FROM unnest(${sql.raw(`ARRAY[${names.map((x) => `'${x}'`).join(',')}]`)}::text[]) WITH ORDINALITY AS d(name, i)
        RETURNING id`,
    );
    const deptIds = depts.map((d) => Number(d.id)).sort((a, b) => a - b);
    await tx.execute(
      sql`CREATE TEMP TABLE bench_dept ON COMMIT DROP AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM department WHERE uscc LIKE ${tag + '%'}`,
    );
    await tx.execute(sql`
    INSERT INTO base_item (code, name, item_type, use_level)
    SELECT ${tag} || lpad(g::text, 6, '0'), '基准事项' || g, '01', '3' FROM generate_series(0, 1499) AS g`);
    await tx.execute(sql`
    INSERT INTO implementation (code, base_item_id, region_code, department_id, status, name, item_type, is_online)
    SELECT ${tag} || '-IMPL-' || g, b.id, '340600', d.id, 'published', '基准事项' || g || '（' || (g % 30) || '）', '01', true
    FROM generate_series(0, 1499) AS g
    JOIN base_item b ON b.code = ${tag} || lpad(g::text, 6, '0')
    JOIN bench_dept d ON d.k = g / 30`);
    await tx.execute(sql`
    INSERT INTO implementation_version (implementation_id, number, status, content, created_by, published_at)
    SELECT i.id, 1, 'published', '{}'::jsonb, 'bench', now() FROM implementation i WHERE i.code LIKE ${tag + '-IMPL-%'}`);
    await tx.execute(sql`
    INSERT INTO app_user (username, display_name, password_hash)
    SELECT ${tag.toLowerCase()} || '-clerk-' || g, '窗口' || (g % 6 + 1) || '号 ' || g, '!' FROM generate_series(0, ${deptIds.length * 6 - 1}) AS g`);
    // Lookup tables by position: item k (0…1499) → ids; clerk of department k, window w → user id.
    await tx.execute(sql`CREATE TEMP TABLE bench_item ON COMMIT DROP AS
    SELECT (substring(i.code from ${`${tag}-IMPL-(\\d+)`}))::int AS k, i.id, i.department_id, v.id AS version_id
    FROM implementation i JOIN implementation_version v ON v.implementation_id = i.id WHERE i.code LIKE ${tag + '-IMPL-%'}`);
    await tx.execute(sql`CREATE TEMP TABLE bench_clerk ON COMMIT DROP AS
    SELECT (substring(u.username from ${`${tag.toLowerCase()}-clerk-(\\d+)`}))::int AS k, u.id FROM app_user u WHERE u.username LIKE ${tag.toLowerCase() + '-clerk-%'}`);
    await tx.execute(sql`CREATE UNIQUE INDEX ON bench_item (k)`);
    await tx.execute(sql`CREATE UNIQUE INDEX ON bench_clerk (k)`);

    if (opts.fast) await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    {
      // h(g, salt) is a uniform number in [0, 1) from the row number: the same data for the same size.
      await tx.execute(sql`CREATE OR REPLACE FUNCTION pg_temp.h(g bigint, salt int) RETURNS double precision IMMUTABLE LANGUAGE sql AS
      $$ SELECT ((hashint8(g * 1000003 + salt)::bigint & 2147483647)::double precision / 2147483648) $$`);
      // Cases: the item with a skew (x^1.6 puts most cases in the first departments), the closing day over 12 months.
      await step(
        `${cases.toLocaleString('en-US')} cases`,
        sql`INSERT INTO service_case (number, implementation_id, implementation_version_id, department_id, region_code, status, channel,
                                   applicant_kind, applicant_name, applicant_id_type, applicant_id_number, received_on, accepted_on, decided_on,
                                   delivered_on, outcome, delivery_method)
          SELECT '34060020980' || lpad(g::text, 9, '0'), i.id, i.version_id, i.department_id, '340600', 'delivered', 'web',
                 'person', '申请人', '111', '3406031990' || lpad((g % 10000000)::text, 8, '0'), x.day - 3, x.day - 3, x.day, x.day, '0', 'electronic'
          FROM generate_series(1, ${cases}) AS g
          CROSS JOIN LATERAL (SELECT floor(power(pg_temp.h(g, 1), 1.6) * 1500)::int AS k, ${firstDay}::date + ((g - 1) * ${days} / ${cases})::int AS day) x
          JOIN bench_item i ON i.k = x.k`,
      );
      // Ratings: first online (some defaults), first on-site for 20 %, online follow-up for 5 %.
      await step(
        `${n.toLocaleString('en-US')} ratings`,
        sql`INSERT INTO rating (case_id, kind, assess_number, level, channel, indicators, is_default, rater_user_id, department_id, implementation_id,
                             region_code, clerk_user_id, month, created_at)
          SELECT c.id, r.kind, r.assess, lv.level,
                 CASE WHEN r.is_default THEN NULL WHEN r.kind = 'onsite' THEN (CASE WHEN pg_temp.h(c.id, 11) < 0.8 THEN '4' ELSE '5' END)
                      ELSE (ARRAY['1','1','1','2','2','2','2','3','6','7'])[1 + floor(pg_temp.h(c.id, 12) * 10)::int] END,
                 CASE WHEN r.is_default THEN '{}'::text[] WHEN r.kind = 'onsite' THEN ARRAY['201','203'] ELSE ARRAY['101'] END,
                 r.is_default, NULL, c.department_id, c.implementation_id, c.region_code, k.id,
                 date_trunc('month', r.day)::date, r.day + interval '9 hours' + (pg_temp.h(c.id, 13) * interval '8 hours')
          FROM service_case c
          JOIN bench_dept d ON d.id = c.department_id
          JOIN bench_clerk k ON k.k = d.k * 6 + floor(pg_temp.h(c.id, 14) * 6)::int
          CROSS JOIN LATERAL (VALUES
              ('online', 1, pg_temp.h(c.id, 20) < 0.10, least(c.delivered_on + 1 + floor(pg_temp.h(c.id, 21) * 7)::int, ${`${opts.lastMonth}-01`}::date + interval '1 month' - interval '1 day')::date, 30),
              ('onsite', 1, false, c.delivered_on, 31),
              ('online', 2, false, least(c.delivered_on + 15, ${`${opts.lastMonth}-01`}::date + interval '1 month' - interval '1 day')::date, 32)
            ) AS r(kind, assess, is_default, day, salt)
          CROSS JOIN LATERAL (SELECT CASE WHEN r.is_default THEN '3' ELSE (
              SELECT CASE WHEN u < 0.80 THEN '1' WHEN u < 0.92 THEN '2' WHEN u < 0.975 THEN '3' WHEN u < 0.99 THEN '4' ELSE '5' END
              FROM (SELECT pg_temp.h(c.id, r.salt) AS u) s) END AS level) lv
          WHERE c.number LIKE '34060020980%'
            AND (r.salt = 30 OR (r.salt = 31 AND pg_temp.h(c.id, 40) < 0.20) OR (r.salt = 32 AND pg_temp.h(c.id, 41) < 0.05))
`,
      );
      // Remedies of bad first ratings: the older the rating, the further its remedy got.
      await step(
        'remedies',
        sql`INSERT INTO remedy (rating_id, department_id, status, classification, due_on, reply, replied_at, follow_up_note, follow_up_answer,
                             followed_up_at, closed_at, escalated, created_at)
          SELECT r.id, r.department_id, s.status,
                 CASE WHEN s.stage >= 1 THEN (ARRAY['立行立改','限期整改','解释说明'])[1 + floor(pg_temp.h(r.id, 51) * 3)::int] END,
                 (r.created_at::date + 7),
                 CASE WHEN s.stage >= 2 THEN '已整改并答复' END, CASE WHEN s.stage >= 2 THEN r.created_at + interval '3 days' END,
                 CASE WHEN s.stage >= 3 THEN '电话回访' END, CASE WHEN s.stage >= 3 THEN 'satisfied' END, CASE WHEN s.stage >= 3 THEN r.created_at + interval '4 days' END,
                 CASE WHEN s.stage >= 4 THEN r.created_at + interval '5 days' END,
                 s.stage < 2 AND r.created_at::date + 7 < ${`${opts.lastMonth}-01`}::date, r.created_at
          FROM rating r
          CROSS JOIN LATERAL (SELECT CASE WHEN age > 40 THEN (CASE WHEN u < 0.85 THEN 4 WHEN u < 0.92 THEN 3 WHEN u < 0.96 THEN 2 WHEN u < 0.98 THEN 1 ELSE 0 END)
                                          ELSE floor(u * 5)::int END AS stage
                              FROM (SELECT pg_temp.h(r.id, 50) AS u, ${`${opts.lastMonth}-28`}::date - r.created_at::date AS age) a) st
          CROSS JOIN LATERAL (SELECT st.stage, (ARRAY['open','classified','replied','followed_up','closed'])[st.stage + 1] AS status) s
          WHERE r.level IN ('4', '5') AND r.assess_number = 1 AND r.department_id IN (SELECT id FROM bench_dept)`,
      );
      // Appeals on 5 % of the bad ratings: 60 % upheld (rating excluded, remedy closed as excluded), 20 % pending, 20 % rejected.
      await step(
        'appeals',
        sql`INSERT INTO rating_appeal (rating_id, reason, status, decided_by, decision_reason, decided_at)
          SELECT m.rating_id, '评价与本办件无关', a.status, CASE WHEN a.status <> 'pending' THEN 'supervisor' END,
                 CASE WHEN a.status <> 'pending' THEN '复核' END, CASE WHEN a.status <> 'pending' THEN m.created_at + interval '2 days' END
          FROM remedy m
          CROSS JOIN LATERAL (SELECT CASE WHEN u < 0.6 THEN 'upheld' WHEN u < 0.8 THEN 'pending' ELSE 'rejected' END AS status
                              FROM (SELECT pg_temp.h(m.rating_id, 60) AS u) x) a
          WHERE m.department_id IN (SELECT id FROM bench_dept) AND pg_temp.h(m.rating_id, 61) < 0.05`,
      );
      await tx.execute(sql`
      UPDATE rating r SET excluded = true, exclusion_reason = '申诉成立'
      FROM rating_appeal a WHERE a.rating_id = r.id AND a.status = 'upheld' AND r.department_id IN (SELECT id FROM bench_dept)`);
      await tx.execute(sql`
      UPDATE remedy m SET status = 'excluded', closed_at = COALESCE(m.closed_at, m.created_at + interval '2 days'), version = m.version + 1
      FROM rating_appeal a WHERE a.rating_id = m.rating_id AND a.status = 'upheld' AND m.department_id IN (SELECT id FROM bench_dept) AND m.status <> 'closed'`);
    }
    const [busiest] = await queryRows<{ id: number }>(
      tx,
      sql`SELECT department_id AS id FROM service_case WHERE number LIKE '34060020980%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const [counted] = await queryRows<{ n: number; c: number }>(
      tx,
      sql`SELECT (SELECT count(*) FROM rating)::int AS n, (SELECT count(*) FROM service_case)::int AS c`,
    );
    return {
      ratings: Number(counted.n),
      cases: Number(counted.c),
      departments: deptIds,
      busiestDepartment: Number(busiest.id),
      firstMonth,
      lastMonth: opts.lastMonth,
      seconds: (performance.now() - started) / 1000,
    };
  });
}
