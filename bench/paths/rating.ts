// POST /api/cases/{number}/ratings: a first rating of a closed case (the rating and its audit entry, after checking
// who rates). Each request rates another prepared case. Goal R6 (restated 2026-12-06): ≥ 0.5 × pgbench tpcb-like c4,
// p99 ≤ 15 ms; the ratio to a bare 1-row INSERT is printed too, as information.
import { definePath } from '../types.ts';
import { bulkCases, publishBenchItem, walker } from '../fixtures.ts';

const body = JSON.stringify({ level: '1', channel: '1', indicators: ['101'] });

export default definePath({
  name: 'rating',
  title: 'POST /api/cases/{n}/ratings (a first rating)',
  order: 60,
  setup: async (ctx) => {
    const item = await publishBenchItem(ctx, 'BENCH-RATING');
    const numbers = await bulkCases(ctx, item, (ctx.quick ? 8_000 : 60_000) * ctx.passes, 'delivered', 2);
    const token = await ctx.login('person');
    // One walker for every pass (--repeat): a case rated in one pass is not rated again in the next.
    const next = walker(numbers, (n) => ({ path: `/api/cases/${n}/ratings`, body }));
    return { headers: { authorization: `Bearer ${token}` }, numbers, next };
  },
  run: async (ctx, s) => [
    await ctx.load({
      label: 'c4',
      path: `/api/cases/${s.numbers[0]}/ratings`,
      method: 'POST',
      headers: s.headers,
      body,
      connections: 4,
      expectStatus: 201,
      setupRequest: s.next,
    }),
  ],
  limit: [
    { figure: 'c4', limit: 'pg.tpcb.c4' },
    { figure: 'c4', limit: 'pg.insert.c4' },
  ],
  goal: [{ id: 'R6', figure: 'c4', limit: 'pg.tpcb.c4', min: 0.5, p99MaxMs: 15 }],
});
