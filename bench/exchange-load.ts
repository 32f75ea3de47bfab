// node --import tsx bench/exchange-load.ts [--rows=1000000] [--pg]   (--pg: the server of BENCH_PG_URL)
//
// Issue 23 (归集 at city scale): one load of a generated CSV of `rows` rows (six fields a row, about 110 bytes) into a
// collected table through loadRecords — streamed parse, every row checked against the resource's fields, staged in
// committed batches with the progress, then one upsert statement — on an embedded database (PGlite, in a scratch
// folder) or with --pg on the PostgreSQL server of the harness (a database made and dropped here). Beside it, the narrow baseline of
// the R8: INSERT … SELECT of the same count of (key, jsonb) rows with a primary key, in one statement.
// Prints the time, rows a second, the ratio to the baseline and the peak memory of the process. It reports; it does
// not gate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { makeUscc } from '../src/platform/identity.ts';
import { openDatabase, migrate } from '../src/platform/db/db.ts';
import { seedReference } from '../src/bootstrap/reference.ts';
import { systemContext } from '../src/platform/context.ts';
import { createDepartment } from '../src/modules/regions/index.ts';
import { createResource, loadRecords, transitionResource } from '../src/modules/exchange/index.ts';
import { databaseUrl, dropDatabase, recreateDatabase } from './pg.ts';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 1_000_000);
// --pg: the server of BENCH_PG_URL (bench/pg.ts), in a database made and dropped here; otherwise PGlite in a scratch folder.
const onServer = process.argv.includes('--pg');
const benchDb = 'tongban_bench_exchange_load';
if (onServer) await recreateDatabase(benchDb);
const dataDir = onServer ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-load-'));
const database = await openDatabase(onServer ? { databaseUrl: databaseUrl(benchDb) } : { dataDir });
await migrate(database);
const db = database.db;
await seedReference(db);
const ctx = systemContext('bench');
const dept = await db.transaction((tx) =>
  createDepartment(tx, ctx, { name: '淮北市公安局', uscc: makeUscc('11', '340600', '00300002'), regionCode: '340600' }),
);
const resource = await db.transaction(async (tx) => {
  const r = await createResource(
    tx,
    ctx,
    {
      classification: '101001',
      sequence: '1',
      name: '人口基本信息',
      departmentId: Number(dept.id),
      summary: '基准',
      format: '数据库',
      fields: [
        { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
        { key: 'name', name: '姓名', type: 'string', required: true },
        { key: 'gender', name: '性别', type: 'string', required: false },
        { key: 'birth_date', name: '出生日期', type: 'date', required: false },
        { key: 'months', name: '缴费月数', type: 'integer', required: false },
        { key: 'address', name: '地址', type: 'string', required: false },
      ],
      keyField: 'id_number',
      sharing: 'conditional',
      sharingBasis: '国发〔2016〕51号',
      sharingConditions: null,
      sharingMethod: 'interface',
      openAttribute: 'closed',
      updateCycle: '每日',
      releaseDate: null,
    },
    { regionCode: '340600', departmentId: Number(dept.id) },
  );
  const s = await transitionResource(tx, ctx, r.id, 'submit', r.version);
  return transitionResource(tx, ctx, r.id, 'publish', s.version);
});

/** The CSV, generated as it is read (1,000 lines a chunk), as an upload arrives. */
async function* csv(): AsyncGenerator<string> {
  yield 'id_number,name,gender,birth_date,months,address\n';
  for (let i = 0; i < ROWS; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(ROWS, i + 1000); j++)
      chunk += `3406031980${String(j).padStart(8, '0')},姓名${j},${j % 2 ? '女' : '男'},19${80 + (j % 20)}-0${(j % 9) + 1}-1${j % 9},${j % 240},安徽省淮北市相山区人民路${j % 500}号\n`;
    yield chunk;
  }
}

const started = performance.now();
const load = await loadRecords(db, ctx, resource, { format: 'csv', mode: 'all_or_nothing', declaredCount: ROWS, text: csv() });
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;

// The narrow baseline: the same rows as (key, jsonb) with a primary key, generated and inserted in one statement.
await db.execute(sql`CREATE TABLE bench_narrow (k text PRIMARY KEY, v jsonb NOT NULL)`);
const t0 = performance.now();
await db.execute(
  sql`INSERT INTO bench_narrow SELECT '3406031980' || lpad(g::text, 8, '0'), jsonb_build_object('name', '姓名' || g, 'months', g % 240) FROM generate_series(0, ${ROWS - 1}) g`,
);
const baseline = (performance.now() - t0) / 1000;

const backend = onServer ? 'PostgreSQL' : 'PGlite';
console.log(`exchange load of ${ROWS.toLocaleString('en')} CSV rows on ${backend}`);
console.log(`  status ${load.status}, stored ${load.storedCount}, inserted ${load.inserted}, rejected ${load.rejected}, reconciliation ${load.reconciliation}`);
console.log(
  `  load           ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s, peak RSS ${Math.round(peak / 1024 ** 2)} MiB`,
);
console.log(
  `  narrow insert  ${baseline.toFixed(1)} s, ${Math.round(ROWS / baseline).toLocaleString('en')} rows/s; ratio ${(baseline / seconds).toFixed(2)} (R8 asks ≥ 0.25)`,
);

await database.close();
if (onServer) await dropDatabase(benchDb);
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
