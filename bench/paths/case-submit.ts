// POST /api/cases with submit: one application end to end — auth, the item's published version, the form checked
// against its JSON Schema, the case number sequence, the case and event rows, two hash-chained audit entries, and the
// Idempotency-Key row — in one durable transaction. Every request carries a new key (goal R1).
import { definePath } from '../types.ts';
import { idempotencyKey, publishBenchItem } from '../fixtures.ts';

export default definePath({
  name: 'case-submit',
  title: 'POST /api/cases (apply and submit, durable)',
  order: 50,
  setup: async (ctx) => {
    const item = await publishBenchItem(ctx, 'BENCH-SUBMIT');
    const token = await ctx.login('person');
    return { headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ implementationCode: item.code, formData: { note: '基准' }, submit: true }) };
  },
  run: async (ctx, s) => {
    const setupRequest = (r: { path: string; headers?: Record<string, string> }) => ({
      ...r,
      headers: { ...r.headers, 'idempotency-key': idempotencyKey('submit') },
    });
    return [
      await ctx.load({ label: 'c4', path: '/api/cases', method: 'POST', headers: s.headers, body: s.body, connections: 4, expectStatus: 201, setupRequest }),
      await ctx.load({ label: 'c64', path: '/api/cases', method: 'POST', headers: s.headers, body: s.body, connections: 64, expectStatus: 201, setupRequest }),
    ];
  },
  limit: [
    { figure: 'c4', limit: 'pg.tpcb.c4' },
    { figure: 'c64', limit: 'pg.tpcb.c4' },
  ],
  goal: [
    { id: 'R1', figure: 'c4', limit: 'pg.tpcb.c4', min: 0.5, p99MaxMs: 15 },
    { id: 'R1', figure: 'c64', limit: 'pg.tpcb.c4', p99MaxMs: 60 },
  ],
});
