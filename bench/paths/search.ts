// GET /api/items?q=…: the public catalogue search over 50,000 published implementations (S1), against the very same
// statement (the ranked page, which carries the total) run by pgbench on the same database (goal R5: ≥ 0.7 of the raw SQL; p99 ≤ 15 ms at c4). The items
// are made in bulk: names from the vocabulary of real guides, tokenised exactly as publishing does.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/db.ts';
import { indexTokens } from '../../src/modules/catalog/index.ts';
import { searchSql } from '../../src/modules/catalog/index.ts';
import { inlineParams, runPgbench } from '../pg.ts';
import { definePath } from '../types.ts';

const SUBJECTS = [
  '食品经营许可',
  '营业执照',
  '社会保障卡',
  '不动产登记',
  '出生医学证明',
  '户口登记',
  '医疗保险参保',
  '住房公积金提取',
  '机动车驾驶证',
  '道路运输经营许可',
  '排污许可',
  '建设工程规划许可',
  '公共场所卫生许可',
  '药品经营许可',
  '特种设备使用登记',
  '劳务派遣经营许可',
  '民办学校办学许可',
  '普通护照签发',
  '医师执业注册',
  '烟草专卖零售许可',
];
const ACTIONS = ['核发', '变更', '延续', '注销', '补办', '申领', '备案', '换领', '登记', '查询'];
const PLACES = ['相山区', '杜集区', '烈山区', '濉溪县', '市本级'];
const QUERY = '食品经营';

export default definePath({
  name: 'search',
  title: `GET /api/items?q=${QUERY} (50,000 implementations)`,
  order: 30,
  setup: async (ctx) => {
    const db = ctx.database.db;
    const total = ctx.quick ? 10_000 : 50_000;
    const [dept] = await queryRows<{ id: number }>(db, sql`SELECT id FROM pub_regions_department WHERE name = '淮北市市场监督管理局'`);
    const started = Date.now();
    for (let from = 0; from < total; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, total - from) }, (_, k) => {
        const i = from + k;
        const name = `${PLACES[i % PLACES.length]}${SUBJECTS[(i * 7) % SUBJECTS.length]}${ACTIONS[(i * 3) % ACTIONS.length]}（${i}）`;
        return { i, name, tokens: indexTokens(name).join(' ') };
      });
      await db.execute(
        sql`INSERT INTO base_item (code, name, item_type, use_level) VALUES ${sql.join(
          rows.map((r) => sql`(${`SB${String(r.i).padStart(7, '0')}`}, ${r.name}, '01', '3')`),
          sql`, `,
        )}`,
      );
      await db.execute(sql`
        INSERT INTO implementation (code, base_item_id, region_code, department_id, status, name, item_type, service_objects, topics, is_online, search_vector)
        VALUES ${sql.join(
          rows.map(
            (r) =>
              sql`(${`SEARCH-${r.i}`}, (SELECT id FROM base_item WHERE code = ${`SB${String(r.i).padStart(7, '0')}`}), '340600', ${dept.id}, 'published', ${r.name}, '01', '{2}', '{}', true, setweight(to_tsvector('simple', ${r.tokens}), 'A'))`,
          ),
          sql`, `,
        )}`);
    }
    await db.execute(sql`ANALYZE implementation`);
    ctx.log(`  search: ${total} implementations made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The plan must use the GIN index at this size (no sequential scan).
    const statements = await searchSql(db, { q: QUERY, page: 1, pageSize: 20 });
    const dialect = (db as unknown as { dialect: { sqlToQuery(s: unknown): { sql: string; params: unknown[] } } }).dialect;
    const page = inlineParams(dialect.sqlToQuery(statements.page));
    const plan = (await queryRows<Record<string, string>>(db, sql.raw(`EXPLAIN ${page}`))).map((r) => Object.values(r)[0]).join('\n');
    if (/Seq Scan on implementation/.test(plan)) throw new Error(`the search plan scans the table:\n${plan}`);
    ctx.log(`  search: plan uses ${/implementation_search_idx/.test(plan) ? 'the GIN index implementation_search_idx' : 'another index'}`);
    return { path: `/api/items?q=${encodeURIComponent(QUERY)}&pageSize=20`, script: `${page};\n` };
  },
  ownLimits: [
    {
      key: 'path.search.sql',
      label: 'the search statement under pgbench c4',
      measure: async (ctx, s) =>
        runPgbench({
          database: new URL(ctx.databaseUrl).pathname.slice(1),
          workload: { script: s.script },
          clients: 4,
          threads: 2,
          duration: ctx.durations.pgbench,
          protocol: 'extended',
        }),
    },
  ],
  run: async (ctx, s) => [await ctx.load({ label: 'c4', path: s.path, connections: 4, rotateClientIp: true })],
  limit: [{ figure: 'c4', limit: 'path.search.sql' }],
  goal: [{ id: 'R5', figure: 'c4', limit: 'path.search.sql', min: 0.7, p99MaxMs: 15 }],
});
