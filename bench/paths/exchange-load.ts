// R8 (issue 23): one load (归集) of a generated CSV of people — 1,000,000 rows, 100,000 with --quick — through the
// real code path (loadRecords: streamed parse on a worker thread, every row checked against the resource's six fields,
// a fresh resource's rows copied straight into its collected table in one transaction, ADR 0050), into a fresh
// resource each pass — a provider's first load; a reload is staged and merged. The figure
// is rows per second of the whole load; its limit is COPY of the same row count into a narrow table with a primary
// key on the same server (limits.ts, pg.copy.pk): R8 asks ≥ 0.25.
import { loadRecords } from '../../src/modules/exchange/index.ts';
import { systemContext } from '../../src/platform/context.ts';
import { cpuMeter } from '../cpu.ts';
import { copyRows } from '../limits.ts';
import { benchDepartment, benchPeopleCsv, benchResource } from '../exchange-fixtures.ts';
import { BenchError, definePath } from '../types.ts';

interface State {
  rows: number;
  departmentId: number;
  pass: number;
}

export default definePath<State>({
  name: 'exchange-load',
  title: 'a first load of a collected table (CSV, checked on a worker, copied in one transaction)',
  order: 80,
  setup: async (ctx) => ({
    rows: copyRows(ctx.quick),
    departmentId: await benchDepartment(ctx.database.db, systemContext('bench'), '基准归集提供部门', '00900001'),
    pass: 0,
  }),
  run: async (ctx, s) => {
    const bench = systemContext('bench');
    const resource = await benchResource(ctx.database.db, bench, s.departmentId, String(9000 + ++s.pass));
    ctx.log(`  load ${s.rows.toLocaleString('en')} rows into ${resource.code}…`);
    const meter = cpuMeter();
    const started = performance.now();
    let rowsDone = 0;
    const load = await loadRecords(ctx.database.db, bench, resource, {
      format: 'csv',
      mode: 'all_or_nothing',
      declaredCount: s.rows,
      text: benchPeopleCsv(s.rows),
      idempotencyKey: `bench-load-${resource.id}`,
    });
    rowsDone = load.rowsDone;
    const seconds = (performance.now() - started) / 1000;
    if (load.status !== 'loaded' || load.inserted !== s.rows || load.reconciliation !== 0)
      throw new BenchError(`exchange-load: ${JSON.stringify({ status: load.status, inserted: load.inserted, reconciliation: load.reconciliation })}`);
    return [
      {
        label: 'csv',
        connections: 1,
        value: s.rows / seconds,
        unit: 'ops/s',
        count: rowsDone,
        cpu: meter(s.rows),
        note: `${s.rows.toLocaleString('en')} rows loaded in ${seconds.toFixed(1)} s, reconciliation ${load.reconciliation}; peak RSS of the harness ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
      },
    ];
  },
  limit: [{ figure: 'csv', limit: 'pg.copy.pk' }],
  goal: [{ id: 'R8', figure: 'csv', limit: 'pg.copy.pk', min: 0.25 }],
});
