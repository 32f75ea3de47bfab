// node --import tsx bench/exchange-load.ts [--rows=1000000] [--pg] [--reload]   (--pg: the server of BENCH_PG_URL)
//
// Issue 23 (归集 at city scale): one load of a generated CSV of `rows` rows (six fields a row, about 110 bytes) into a
// fresh resource's collected table through loadRecords — streamed parse (on a worker thread), every row checked against
// the resource's fields, on a server copied straight into the table in one transaction (on PGlite staged in committed
// batches, then one INSERT; ADR 0050) — on an embedded database (PGlite, in a scratch folder) or with --pg on the
// PostgreSQL server of the harness (a database made and dropped here; BENCH_DATABASE_SUFFIX keeps two runs apart). Beside it, the narrow baseline of
// the R8: COPY of the same count of (key, text) rows into a table with a primary key (the median of three).
// Prints the time, rows a second, the ratio to the baseline and the peak memory of the process. It reports; it does
// not gate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openDatabase, migrate } from '../src/platform/db/db.ts';
import { seedReference } from '../src/bootstrap/reference.ts';
import { systemContext } from '../src/platform/context.ts';
import { loadRecords } from '../src/modules/exchange/index.ts';
import { copyInto } from '../src/platform/db/copy.ts';
import { benchDepartment, benchPeopleCsv, benchPersonKey, benchResource } from './exchange-fixtures.ts';
import { databaseUrl, dropDatabase, recreateDatabase } from './pg.ts';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 1_000_000);
// --pg: the server of BENCH_PG_URL (bench/pg.ts), in a database made and dropped here; otherwise PGlite in a scratch folder.
const onServer = process.argv.includes('--pg');
const benchDb = `tongban_bench_exchange_load${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;
if (onServer) await recreateDatabase(benchDb);
const dataDir = onServer ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-load-'));
const database = await openDatabase(onServer ? { databaseUrl: databaseUrl(benchDb) } : { dataDir });
await migrate(database);
const db = database.db;
await seedReference(db);
const ctx = systemContext('bench');
const deptId = await benchDepartment(db, ctx, '淮北市公安局', '00300002');
const resource = await benchResource(db, ctx, deptId, '1');
const csv = () => benchPeopleCsv(ROWS);

const started = performance.now();
const load = await loadRecords(db, ctx, resource, { format: 'csv', mode: 'all_or_nothing', declaredCount: ROWS, text: csv() });
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
// --reload: the same file again into the same resource (every row an update: staged, then merged by one statement).
const reload = process.argv.includes('--reload');
const again = performance.now();
const second = reload ? await loadRecords(db, ctx, resource, { format: 'csv', mode: 'all_or_nothing', declaredCount: ROWS, text: csv() }) : undefined;
const reloadSeconds = (performance.now() - again) / 1000;

// The narrow baseline (R8's limit, as bench/limits.ts measures it on the server): COPY of the same count of rows,
// an ID-number key and ~60 B of text, into a table with a primary key — through copyInto, so on PGlite too.
// Three times, each into a fresh table, and the median taken: one COPY of 200,000 rows is a fraction of a second,
// which another process on a shared machine can double.
let text = '';
for (let j = 0; j < ROWS; j++) text += `${benchPersonKey(j)}\t姓名${j},${j % 240},安徽省淮北市相山区人民路${j % 500}号\n`;
const baselines: number[] = [];
for (let k = 0; k < 3; k++) {
  await db.execute(sql`DROP TABLE IF EXISTS bench_narrow`);
  await db.execute(sql`CREATE TABLE bench_narrow (k text PRIMARY KEY, v text NOT NULL)`);
  const t0 = performance.now();
  await copyInto(db, 'bench_narrow', ['k', 'v'], text);
  baselines.push((performance.now() - t0) / 1000);
}
baselines.sort((a, b) => a - b);
const baseline = baselines[1];

const backend = onServer ? 'PostgreSQL' : 'PGlite';
console.log(`exchange load of ${ROWS.toLocaleString('en')} CSV rows on ${backend}`);
console.log(`  status ${load.status}, stored ${load.storedCount}, inserted ${load.inserted}, rejected ${load.rejected}, reconciliation ${load.reconciliation}`);
console.log(
  `  load           ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s, peak RSS ${Math.round(peak / 1024 ** 2)} MiB`,
);
if (second)
  console.log(
    `  reload         ${reloadSeconds.toFixed(1)} s, ${Math.round(ROWS / reloadSeconds).toLocaleString('en')} rows/s (updated ${second.updated}, reconciliation ${second.reconciliation})`,
  );
console.log(
  `  narrow COPY    ${baseline.toFixed(2)} s (median of ${baselines.map((b) => b.toFixed(2)).join(', ')}), ${Math.round(ROWS / baseline).toLocaleString('en')} rows/s; ratio ${(baseline / seconds).toFixed(2)} (R8 asks ≥ 0.25)`,
);

await database.close();
if (onServer) await dropDatabase(benchDb);
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
