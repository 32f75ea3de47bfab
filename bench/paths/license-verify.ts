// GET /api/licenses/verify/{identifier}: public verification — the licence with its type and issuer, the seal
// checked (SM2, cached per immutable version), its status-list index. Limit: the raw SM2 verify rate of the same
// library in the same run (goal R3).
import { definePath } from '../types.ts';
import { idempotencyKey } from '../fixtures.ts';
import { makeUscc } from '../../src/platform/identity.ts';

async function post(ctx: { baseUrl: string }, token: string, path: string, body: unknown) {
  const res = await fetch(ctx.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey('lic') },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export default definePath({
  name: 'license-verify',
  title: 'GET /api/licenses/verify/{id} (public, sealed)',
  order: 70,
  setup: async (ctx) => {
    const type = `${makeUscc('11', '100000', '00009001')}001`;
    const reviewer = await ctx.login('reviewer');
    const me = (await (await fetch(`${ctx.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${reviewer}` } })).json()) as {
      user: { roles: { departmentId: number }[] };
    };
    const departmentId = me.user.roles[0].departmentId;
    // Only a department the type lists issues it, and a licence carries only the fields its type declares; the
    // defining body is not a department here, so only an administrator without a region registers the type.
    await post(ctx, await ctx.login('admin'), '/api/license-types', {
      code: type,
      name: '基准测试证',
      definingBodyName: '基准测试机构',
      holderKind: 'organisation',
      fields: ['经营范围'],
      issuers: [departmentId],
    });
    const license = await post(ctx, reviewer, '/api/licenses', {
      typeCode: type,
      departmentId,
      holder: { kind: 'organisation', name: '基准测试有限公司', idNumber: makeUscc('91', '340603', 'MA2TBEN1') },
      data: { 经营范围: '基准测试' },
    });
    // Public verification takes the licence's code as its QR link carries it.
    return { path: `/api/licenses/verify/${String(license.identifier)}?code=${String(license.verifyCode)}` };
  },
  run: async (ctx, s) => [
    await ctx.load({ label: 'c4', path: s.path, connections: 4, rotateClientIp: true }),
    await ctx.load({ label: 'c64', path: s.path, connections: 64, rotateClientIp: true }),
  ],
  limit: [
    { figure: 'c4', limit: 'crypto.sm2.verify' },
    { figure: 'c64', limit: 'crypto.sm2.verify' },
  ],
  goal: [{ id: 'R3', figure: 'c4', limit: 'crypto.sm2.verify', min: 0.4, p99MaxMs: 5 }],
});
