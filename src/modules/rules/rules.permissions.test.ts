import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { LT } from '../../bootstrap/demo-catalog/kit.ts';
import { soleTraderRules } from './rules.demo.ts';

/**
 * Rule sets of 个体工商户设立登记 in 相山区 (340603-XK-0002, 相山区市场监督管理局): read by item admins, reviewers and
 * supervisors whose scope holds it; drafted and tested by item admins and that department's reviewers; published and
 * retired by item admins only. The city's market reviewer is of another department, the 濉溪县 staff of another
 * county. Published conditions are public.
 */
let cast: Cast;
let implementationId: number;
let n = 0;

/** A fresh rule set on the 相山区 implementation, created by the admin (published when asked). */
async function ruleSet(published = false): Promise<{ id: number; rowVersion: number; draftVersion: number }> {
  const admin = cast.token('admin');
  const res = await cast.t.app.inject({
    method: 'POST',
    url: '/api/rule-sets',
    headers: { ...bearer(admin), 'idempotency-key': `perm-rules-${n}` },
    payload: { code: `perm-${n++}`, name: '秒批', implementationId, validFrom: '2026-01-01', content: soleTraderRules(LT.businessLicense) },
  });
  if (res.statusCode !== 201) throw new Error(`rule set: ${res.statusCode} ${res.body}`);
  const d = res.json() as { id: number; version: number; versions: { version: number }[] };
  if (!published) return { id: d.id, rowVersion: d.version, draftVersion: d.versions[0].version };
  const p = await cast.t.app.inject({
    method: 'POST',
    url: `/api/rule-sets/${d.id}/publish`,
    headers: bearer(admin),
    payload: { version: d.versions[0].version, replayDigest: await replayDigest(d.id) },
  });
  if (p.statusCode !== 200) throw new Error(`publish: ${p.statusCode} ${p.body}`);
  const after = p.json() as { version: number; versions: { version: number }[] };
  return { id: d.id, rowVersion: after.version, draftVersion: after.versions[0].version };
}

/** The digest of a replay of the rule set's draft, as the admin sees it: what publishing confirms (ADR 0041). */
async function replayDigest(id: number): Promise<string> {
  const res = await cast.t.app.inject({ method: 'POST', url: `/api/rule-sets/${id}/replay`, headers: bearer(cast.token('admin')), payload: {} });
  if (res.statusCode !== 200) throw new Error(`replay: ${res.statusCode} ${res.body}`);
  return (res.json() as { digest: string }).digest;
}

let shared: { id: number };

before(async () => {
  cast = await castApp();
  const [row] = await queryRows<{ id: number }>(cast.t.database.db, sql`SELECT id::int AS id FROM implementation WHERE code = '340603-XK-0002'`);
  implementationId = Number(row.id);
  shared = await ruleSet();
});
after(() => cast.t.close());

const INSIDE_READ = ['admin', 'admin.xs', 'itemadmin', 'supervisor', 'supervisor.xs', 'reviewer.xs'];
const INSIDE_EDIT = ['admin', 'admin.xs', 'itemadmin', 'reviewer.xs'];
const INSIDE_PUBLISH = ['admin', 'admin.xs', 'itemadmin'];
const HOLDERS = [
  'admin',
  'admin.xs',
  'admin.sx',
  'itemadmin',
  'itemadmin.sx',
  'reviewer',
  'reviewer.xs',
  'reviewer.sx',
  'supervisor',
  'supervisor.xs',
  'supervisor.sx',
];

permissionMatrix(
  'rules',
  [
    { route: 'GET /api/public/rule-sets', allowed: 'public' },
    // Everyone holding rules.read lists; the list holds only what is within their scope.
    { route: 'GET /api/rule-sets', allowed: HOLDERS },
    {
      route: 'POST /api/rule-sets',
      allowed: INSIDE_EDIT,
      request: (actor) => ({
        payload: {
          code: `perm-${actor.replace(/\W/g, '-')}-${n++}`,
          name: '秒批',
          implementationId,
          validFrom: '2026-01-01',
          content: soleTraderRules(LT.businessLicense),
        },
      }),
      allowedStatus: [201],
    },
    { route: 'GET /api/rule-sets/:id', allowed: INSIDE_READ, request: () => ({ url: `/api/rule-sets/${shared.id}` }), allowedStatus: [200] },
    {
      route: 'PUT /api/rule-sets/:id/draft',
      allowed: INSIDE_EDIT,
      request: async () => {
        const r = await ruleSet();
        return {
          url: `/api/rule-sets/${r.id}/draft`,
          payload: { validFrom: '2026-02-01', validTo: null, content: soleTraderRules(LT.businessLicense), version: r.draftVersion },
        };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/rule-sets/:id/golden',
      allowed: INSIDE_EDIT,
      request: () => ({ url: `/api/rule-sets/${shared.id}/golden`, payload: {} }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/rule-sets/:id/test',
      allowed: INSIDE_EDIT,
      request: () => ({ url: `/api/rule-sets/${shared.id}/test`, payload: { inputs: { age: 20 } } }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/rule-sets/:id/publish',
      allowed: INSIDE_PUBLISH,
      request: async () => {
        const r = await ruleSet();
        return { url: `/api/rule-sets/${r.id}/publish`, payload: { version: r.draftVersion, replayDigest: await replayDigest(r.id) } };
      },
      allowedStatus: [200],
    },
    {
      // Replaying reads the item's past applications: those who draft the rules of the owning department.
      route: 'POST /api/rule-sets/:id/replay',
      allowed: INSIDE_EDIT,
      request: () => ({ url: `/api/rule-sets/${shared.id}/replay`, payload: {} }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/rule-sets/:id/retire',
      allowed: INSIDE_PUBLISH,
      request: async () => {
        const r = await ruleSet(true);
        return { url: `/api/rule-sets/${r.id}/retire`, payload: { version: r.rowVersion } };
      },
      allowedStatus: [200],
    },
    {
      // Switching off (the demo's own rule set already decides this implementation instantly: on would be taken).
      route: 'PUT /api/rule-sets/:id/instant',
      allowed: INSIDE_PUBLISH,
      request: async () => {
        const r = await ruleSet(true);
        return { url: `/api/rule-sets/${r.id}/instant`, payload: { instantApproval: false, version: r.rowVersion } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/rule-sets/:id/versions',
      allowed: INSIDE_EDIT,
      request: async () => {
        const r = await ruleSet(true);
        return { url: `/api/rule-sets/${r.id}/versions`, payload: { version: r.rowVersion } };
      },
      allowedStatus: [201],
    },
  ],
  () => cast,
);

test('the list of rule sets holds only those within the reader’s scope', async () => {
  const list = async (actor: string) => {
    const res = await cast.t.app.inject({ method: 'GET', url: '/api/rule-sets?pageSize=200', headers: bearer(cast.token(actor)) });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: number; regionCode: string }[] }).items;
  };
  for (const actor of ['itemadmin', 'reviewer.xs', 'supervisor.xs'])
    assert.ok(
      (await list(actor)).some((s) => s.id === shared.id),
      actor,
    );
  for (const actor of ['itemadmin.sx', 'reviewer', 'reviewer.sx', 'supervisor.sx']) assert.deepEqual(await list(actor), [], actor);
});
