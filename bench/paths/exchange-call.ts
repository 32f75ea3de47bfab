// R4 (issue 23): a logged data-exchange call served from a collected table — GET /api/exchange/{code}?key=… with a
// machine token: the token, its grant and resource and the key's row read (one statement, shared by the calls that
// arrive together), the grant checked, the granted fields masked, and the call's log row (with its MAC) written and committed before the reply. Setup makes a
// resource of 100,000 people (10,000 with --quick), a granted request with two masked fields and a rate above any
// run, and a token; every request asks for a different person. Compared with bare Fastify at c64 (R4 ≥ 0.15,
// p99 ≤ 25 ms at c64).
import { createToken, decideGrant, loadRecords, requestSharing } from '../../src/modules/exchange/index.ts';
import { systemContext } from '../../src/platform/context.ts';
import { benchDepartment, benchPeopleCsv, benchPersonKey, benchResource } from '../exchange-fixtures.ts';
import { BenchError, definePath, type LoadSpec } from '../types.ts';

interface State {
  code: string;
  token: string;
  rows: number;
}

export default definePath<State>({
  name: 'exchange-call',
  title: 'GET /api/exchange/{code}?key= (grant checked, row read, masked, call logged durably)',
  order: 81,
  setup: async (ctx) => {
    const db = ctx.database.db;
    const bench = systemContext('bench');
    const provider = await benchDepartment(db, bench, '基准调用提供部门', '00900002');
    const consumer = await benchDepartment(db, bench, '基准调用使用部门', '00900003');
    const resource = await benchResource(db, bench, provider, '8001');
    const rows = ctx.quick ? 10_000 : 100_000;
    await loadRecords(db, bench, resource, { format: 'csv', mode: 'all_or_nothing', declaredCount: rows, text: benchPeopleCsv(rows) });
    const year = new Date().getUTCFullYear();
    const grant = await db.transaction(async (tx) => {
      const g = await requestSharing(
        tx,
        bench,
        {
          resourceId: resource.id,
          purpose: '基准测试核验身份',
          legalBasis: '基准',
          fields: ['id_number', 'name', 'gender', 'address'],
          periodFrom: `${year - 1}-01-01`,
          periodTo: `${year + 1}-12-31`,
          expectedVolume: 1_000_000,
        },
        { regionCode: '340600', departmentId: consumer },
      );
      // A rate no run reaches (the API caps a grant at 100,000 a minute; the bench's runs exceed it at c64).
      return decideGrant(tx, bench, g.id, {
        version: g.version,
        allowedFields: ['id_number', 'name', 'gender', 'address'],
        masks: [
          { field: 'id_number', mask: 'id_number' },
          { field: 'address', mask: 'partial' },
        ],
        ratePerMinute: 1_000_000_000,
      });
    });
    const token = await db.transaction((tx) => createToken(tx, bench, grant, { name: '基准', days: 30 }));
    const probe = await fetch(`${ctx.baseUrl}/api/exchange/${resource.code}?key=${benchPersonKey(7)}`, { headers: { 'x-exchange-token': token.token } });
    const body = (await probe.json()) as { items?: Record<string, unknown>[] };
    if (probe.status !== 200 || body.items?.length !== 1 || String(body.items[0].id_number).includes('19800000007'))
      throw new BenchError(`exchange-call setup: the probe call answered ${probe.status} ${JSON.stringify(body)}`);
    return { code: resource.code, token: token.token, rows };
  },
  run: async (ctx, s) => {
    let n = 0;
    const spec = (connections: number): LoadSpec => ({
      label: `c${connections}`,
      path: `/api/exchange/${s.code}?key=${benchPersonKey(0)}`,
      connections,
      headers: { 'x-exchange-token': s.token },
      setupRequest: (r) => ({ ...r, path: `/api/exchange/${s.code}?key=${benchPersonKey(n++ % s.rows)}` }),
    });
    return [await ctx.load(spec(4)), await ctx.load(spec(64))];
  },
  limit: [
    { figure: 'c4', limit: 'http.fastify.c4' },
    { figure: 'c64', limit: 'http.fastify.c64' },
  ],
  goal: [{ id: 'R4', figure: 'c64', limit: 'http.fastify.c64', min: 0.15, p99MaxMs: 25 }],
});
