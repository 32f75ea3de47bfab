// `tongban licenses import FILE`, the real code path (importLicenceFile: stream the CSV, check every row, then seal
// each licence with SM2 and insert in batches of 1,000) on a generated CSV of 20,000 licences (1,000 with --quick),
// once sealing on the main thread and once on worker threads. Limit: the raw SM2 sign rate of the same library in
// the same run — every imported licence needs one seal. The note under the table extrapolates to a city's 10 million.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { configureMasterKey, defaultSealWorkers, importLicenseFile, makeIdentifier } from '../../src/modules/licenses/index.ts';
import { systemContext } from '../../src/platform/context.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { cpuMeter } from '../cpu.ts';
import { benchIssuers, benchLicenseType, dayOf, fmtDuration, holderUscc } from '../license-fixtures.ts';
import { fmtValue } from '../report.ts';
import { BenchError, definePath, type Figure, type PathContext } from '../types.ts';

const CITY = 10_000_000;

interface State {
  dir: string;
  file: string;
  rows: number;
  type: string;
  workers: number;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function importOnce(ctx: PathContext, s: State, label: string, workers: number): Promise<Figure> {
  ctx.log(`  import ${fmtValue(s.rows)} rows, sealing on ${workers ? `${workers} worker threads` : 'the main thread'}…`);
  const meter = cpuMeter();
  const started = performance.now();
  let batches = 0;
  const result = await importLicenseFile(ctx.database.db, systemContext('bench'), s.file, { workers, onProgress: () => batches++ });
  const seconds = (performance.now() - started) / 1000;
  const cpu = meter(result.imported);
  if (result.badRows || result.imported !== s.rows)
    throw new BenchError(`import: ${result.imported} of ${s.rows} rows imported, ${result.badRows} bad rows: ${JSON.stringify(result.problems.slice(0, 3))}`);
  const rate = result.imported / seconds;
  return {
    label,
    connections: 1,
    value: rate,
    unit: 'ops/s',
    count: result.imported,
    cpu,
    note: `${fmtValue(s.rows)} rows (check pass + ${batches} sealed batch${batches === 1 ? '' : 'es'}) in ${seconds.toFixed(1)} s; 10 M licences ≈ ${fmtDuration(CITY / rate)} at this rate`,
  };
}

export default definePath<State>({
  name: 'license-import',
  title: '`tongban licenses import` (CSV, check + SM2 seal + batched INSERT)',
  order: 72,
  setup: async (ctx) => {
    configureMasterKey(ctx.masterKey);
    const type = await benchLicenseType(ctx, '00009004', '基准测试导入证');
    const issuers = await benchIssuers(ctx, 4);
    const rows = ctx.quick ? 1_000 : 20_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-import-'));
    const file = path.join(dir, 'licenses.csv');
    const out = fs.createWriteStream(file);
    out.write('type_code,issuer_uscc,holder_kind,holder_name,holder_id,issue_date,valid_until,data\n');
    for (let i = 0; i < rows; i++) {
      const issue = dayOf(i % 7000);
      const data = JSON.stringify({
        经营范围: '餐饮服务；食品销售（仅预包装食品）',
        住所: `淮北市相山区人民路${i % 500}号`,
        法定代表人: '张三',
        注册资本: `${100 + (i % 900)}万元人民币`,
      });
      out.write(
        [
          type,
          issuers[i % issuers.length].uscc,
          'organisation',
          `基准测试企业${i}有限公司`,
          holderUscc(i),
          issue,
          dayOf((i % 7000) + 10957),
          csvCell(data),
        ].join(',') + '\n',
      );
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    ctx.log(`license-import: wrote ${fmtValue(rows)} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) to ${file}`);
    return { dir, file, rows, type, workers: defaultSealWorkers() };
  },
  run: async (ctx, s) => {
    const figures = [await importOnce(ctx, s, 'main', 0)];
    if (s.workers > 0) figures.push(await importOnce(ctx, s, 'workers', s.workers));
    // The imported licences verify: the newest one, through the public API of the platform process.
    // Public verification takes the licence's code as its QR link carries it.
    // A licence stores no identifier (ADR 0029): it is made from its parts, as the platform makes it.
    const [last] = await queryRows<{ issuer_uscc: string; serial: string; version_no: number; verify_code: string }>(
      ctx.database.db,
      sql`SELECT issuer_uscc, serial, version_no, verify_code FROM license WHERE type_code = ${s.type} ORDER BY id DESC LIMIT 1`,
    );
    const identifier = makeIdentifier({ typeCode: s.type, issuerUscc: last.issuer_uscc, serial: last.serial, version: Number(last.version_no) });
    const res = await fetch(`${ctx.baseUrl}/api/licenses/verify/${identifier}?code=${last.verify_code}`, { headers: { 'x-forwarded-for': '172.31.0.1' } });
    const body = (await res.json()) as { found?: boolean; sealValid?: boolean; status?: string };
    if (!body.found || body.sealValid !== true || body.status !== 'valid')
      throw new BenchError(`an imported licence does not verify: ${res.status} ${JSON.stringify(body)}`);
    return figures;
  },
  teardown: async (_ctx, s) => {
    fs.rmSync(s.dir, { recursive: true, force: true });
  },
  limit: [
    { figure: 'main', limit: 'crypto.sm2.sign' },
    { figure: 'workers', limit: 'crypto.sm2.sign' },
  ],
  goal: [],
});
