// POST /api/cases/{number}/accept: one state change — row version, state machine, materials, art. 32 acceptance day
// from the events and calendar, the department's steps, a notification, the event and the audit entry, durable. Each
// request accepts another prepared case (goal R2). It asks `Prefer: return=minimal`, as a machine client would: the
// change is measured, not a read of the whole case after it.
import { definePath } from '../types.ts';
import { bulkCases, publishBenchItem, walker } from '../fixtures.ts';

export default definePath({
  name: 'case-accept',
  title: 'POST /api/cases/{n}/accept (a state change)',
  order: 51,
  setup: async (ctx) => {
    const item = await publishBenchItem(ctx, 'BENCH-ACCEPT');
    const numbers = await bulkCases(ctx, item, (ctx.quick ? 6_000 : 40_000) * ctx.passes, 'submitted', 1);
    const token = await ctx.login('clerk');
    // One walker for every pass (--repeat): a case accepted in one pass is not accepted again in the next.
    const next = walker(numbers, (n) => ({ path: `/api/cases/${n}/accept`, body: '{"version":1}' }));
    return { headers: { authorization: `Bearer ${token}`, prefer: 'return=minimal' }, numbers, next };
  },
  run: async (ctx, s) => [
    await ctx.load({
      label: 'c4',
      path: `/api/cases/${s.numbers[0]}/accept`,
      method: 'POST',
      headers: s.headers,
      body: '{"version":1}',
      connections: 4,
      setupRequest: s.next,
    }),
  ],
  limit: [{ figure: 'c4', limit: 'pg.tpcb.c4' }],
  goal: [{ id: 'R2', figure: 'c4', limit: 'pg.tpcb.c4', min: 0.5, p99MaxMs: 15 }],
});
