// POST /api/bundle-cases with submit (一件事一次办, issue 21, goal R10): one application of a four-member bundle in
// one request — auth, the merged answers checked against the published bundle version, then in one transaction the
// bundle case, four member cases each with a case number taken inside the transaction (ADR 0036), the answers
// mapped into each member's form, the root member submitted and the three that depend on it held, with their
// events and audit entries. Every request carries a new key.
import { idempotencyKey, publishBenchItem } from '../fixtures.ts';
import { BenchError, definePath, type PathContext } from '../types.ts';

const CODE = 'BENCH-BUNDLE';

async function call(ctx: PathContext, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(ctx.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey('bundle') },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.status >= 300) throw new BenchError(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json!;
}

/** A person's bundle of four bench items: `a` first, then `b`, `c` and `d` in parallel once `a` is granted. */
function bundleContent() {
  const keys = ['a', 'b', 'c', 'd'];
  return {
    name: '基准测试一件事',
    theme: '基准测试',
    audience: 'person',
    eligibility: '基准测试',
    summary: '四个事项一次申请',
    outcomes: ['基准测试结果'],
    // Each bench item promises 10 working days: the longest path a → b is 20.
    promisedDays: 20,
    visits: 0,
    steps: ['一窗受理', '并联审批', '一窗出件'],
    onMemberRefused: 'hold',
    members: keys.map((key) => ({ key, implementationCode: `${CODE}-${key.toUpperCase()}`, dependsOn: key === 'a' ? [] : ['a'] })),
    fields: [{ key: 'note', title: '备注', maps: keys.map((member) => ({ member, field: 'note' })) }],
  };
}

export default definePath({
  name: 'bundle-apply',
  title: 'POST /api/bundle-cases, a four-member bundle submitted (bundle case, four member cases, one submitted)',
  order: 53,
  setup: async (ctx) => {
    const items = [];
    for (const key of ['A', 'B', 'C', 'D']) items.push(await publishBenchItem(ctx, `${CODE}-${key}`));
    const itemadmin = await ctx.login('itemadmin');
    const created = await call(ctx, itemadmin, 'POST', '/api/bundle-definitions', {
      code: `${CODE}-${Date.now()}`,
      regionCode: '340600',
      departmentId: items[0].departmentId,
      content: bundleContent(),
    });
    const version = Number(created.version);
    await call(ctx, itemadmin, 'POST', `/api/bundle-definitions/${String(created.id)}/submit`, { version });
    await call(ctx, itemadmin, 'POST', `/api/bundle-definitions/${String(created.id)}/approve`, { version: version + 1 });
    const token = await ctx.login('person');
    const body = JSON.stringify({ bundleCode: created.code, answers: { note: '基准测试' }, submit: true });
    // One by hand: four members, the root submitted, or the load measures something else.
    const first = (await call(ctx, token, 'POST', '/api/bundle-cases', JSON.parse(body))) as { members?: { status: string }[] };
    const statuses = (first.members ?? []).map((m) => m.status).sort();
    if (statuses.join() !== 'draft,draft,draft,submitted') throw new BenchError(`bundle application: ${JSON.stringify(first)}`);
    return { headers: { authorization: `Bearer ${token}` }, body };
  },
  run: async (ctx, s) => {
    const setupRequest = (r: { path: string; headers?: Record<string, string> }) => ({
      ...r,
      headers: { ...r.headers, 'idempotency-key': idempotencyKey('bundle') },
    });
    return [
      await ctx.load({
        label: 'c4',
        path: '/api/bundle-cases',
        method: 'POST',
        headers: s.headers,
        body: s.body,
        connections: 4,
        expectStatus: 201,
        setupRequest,
      }),
    ];
  },
  limit: [{ figure: 'c4', limit: 'pg.tpcb.c4' }],
  goal: [{ id: 'R10', figure: 'c4', limit: 'pg.tpcb.c4', min: 0.25, p99MaxMs: 25 }],
});
