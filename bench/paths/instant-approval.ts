// POST /api/cases with submit on an item set to instant approval (秒批, issue 22, goal R11): one application end to
// end in one request — auth, the form checked, the case written (the application statement), then in one durable
// transaction the rules' decision (inputs read from the form and the ID number, eight conditions through GoRules ZEN,
// the decision with its trace stored), the case accepted, granted and closed, and a licence issued and sealed with
// the department's SM2 key, with their events and audit entries. Every request carries a new key and is granted (the
// reply says `decided`, checked in setup).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/db.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { idempotencyKey, publishBenchItem } from '../fixtures.ts';
import { BenchError, definePath, type PathContext } from '../types.ts';

const CODE = 'BENCH-INSTANT';

async function call(ctx: PathContext, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(ctx.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': idempotencyKey('instant') },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.status >= 300) throw new BenchError(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json!;
}

const text = (title: string) => ({ type: 'string', title, description: title, 'x-widget': 'text', maxLength: 200 });
const FORM = {
  type: 'object',
  properties: { operatingForm: text('组成形式'), shopAddress: text('经营场所'), businessScope: text('经营范围') },
  required: ['operatingForm', 'shopAddress', 'businessScope'],
};
const FORM_DATA = { operatingForm: '个人经营', shopAddress: '淮北市相山区人民路12号', businessScope: '小吃服务' };

/** Eight conditions as the demo's 个体工商户 rule set, on the profile and the form (no licence held: every request grants). */
function ruleContent() {
  const input = (key: string, type: string, labelZh: string, source: object) => ({ key, type, labelZh, source });
  const cond = (key: string, on: string, test: string, labelZh: string) => ({ key, input: on, test, labelZh, article: '基准测试依据' });
  const meets = { age: 36, applicantType: 'person', region: '340603', ...{ operatingForm: '个人经营', shopAddress: '人民路12号', scope: '小吃服务' } };
  return {
    inputs: [
      input('age', 'number', '申请人年龄', { kind: 'profile', attribute: 'age' }),
      input('applicantType', 'string', '申请人类型', { kind: 'profile', attribute: 'applicantType' }),
      input('region', 'string', '申请人所在地区', { kind: 'profile', attribute: 'regionCode' }),
      input('operatingForm', 'string', '组成形式', { kind: 'form', field: 'operatingForm' }),
      input('shopAddress', 'string', '经营场所', { kind: 'form', field: 'shopAddress' }),
      input('scope', 'string', '经营范围', { kind: 'form', field: 'businessScope' }),
    ],
    conditions: [
      cond('adult', 'age', '>= 18', '年满十八周岁'),
      cond('notTooOld', 'age', '< 120', '年龄有效'),
      cond('person', 'applicantType', '"person"', '自然人'),
      cond('local', 'region', 'startsWith($, "3406")', '本市'),
      cond('form', 'operatingForm', '"个人经营", "家庭经营"', '个人或家庭经营'),
      cond('premises', 'shopAddress', 'contains($, "号")', '门牌号'),
      cond('noTobacco', 'scope', 'not contains($, "烟草")', '无烟草'),
      cond('noChemicals', 'scope', 'not contains($, "危险化学品")', '无危险化学品'),
    ],
    goldenCases: [
      { name: '符合', inputs: meets, expected: 'grant' },
      { name: '未成年', inputs: { ...meets, age: 17 }, expected: 'refuse' },
    ],
  };
}

export default definePath({
  name: 'instant-approval',
  title: 'POST /api/cases on an instant-approval item (rules decide, licence sealed, case closed)',
  order: 52,
  setup: async (ctx) => {
    const admin = await ctx.login('admin');
    const [dept] = await queryRows<{ id: number }>(ctx.database.db, sql`SELECT id FROM pub_regions_department WHERE name = '淮北市市场监督管理局'`);
    // A licence type a person holds, issued by the item's department.
    const typeCode = `${makeUscc('11', '100000', '00009011')}001`;
    await call(ctx, admin, 'POST', '/api/license-types', {
      code: typeCode,
      name: '基准测试秒批证',
      definingBodyName: '基准测试机构',
      holderKind: 'person',
      issuers: [Number(dept.id)],
    }).catch((err: Error) => {
      // Made by an earlier run on the same database.
      if (!/ 409 /.test(err.message)) throw err;
    });
    const item = await publishBenchItem(ctx, CODE, {
      form: FORM,
      resultType: 'license',
      resultName: '基准测试秒批证',
      resultLicenseTypeCode: typeCode,
      steps: [{ key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 }],
    });
    const itemadmin = await ctx.login('itemadmin');
    const set = await call(ctx, itemadmin, 'POST', '/api/rule-sets', {
      code: `bench-instant-${Date.now()}`,
      name: '基准测试秒批',
      implementationId: item.implementationId,
      validFrom: '2020-01-01',
      content: ruleContent(),
    });
    const versions = set.versions as { version: number }[];
    // Publishing confirms the replay over the item's earlier applications (a rerun on the same database has some; ADR 0041).
    const replay = await call(ctx, itemadmin, 'POST', `/api/rule-sets/${String(set.id)}/replay`, {});
    const published = await call(ctx, itemadmin, 'POST', `/api/rule-sets/${String(set.id)}/publish`, {
      version: versions[0].version,
      replayDigest: replay.digest,
    });
    await call(ctx, itemadmin, 'PUT', `/api/rule-sets/${String(set.id)}/instant`, { instantApproval: true, version: published.version });
    const token = await ctx.login('person');
    const body = JSON.stringify({ implementationCode: item.code, formData: FORM_DATA, submit: true });
    // One by hand: the reply must be a case granted and closed by the rules, or the load measures something else.
    const first = await call(ctx, token, 'POST', '/api/cases', JSON.parse(body));
    if (first.status !== 'decided') throw new BenchError(`instant approval did not grant: ${JSON.stringify(first)}`);
    return { headers: { authorization: `Bearer ${token}` }, body };
  },
  run: async (ctx, s) => {
    const setupRequest = (r: { path: string; headers?: Record<string, string> }) => ({
      ...r,
      headers: { ...r.headers, 'idempotency-key': idempotencyKey('instant') },
    });
    return [
      await ctx.load({ label: 'c4', path: '/api/cases', method: 'POST', headers: s.headers, body: s.body, connections: 4, expectStatus: 201, setupRequest }),
    ];
  },
  limit: [{ figure: 'c4', limit: 'pg.tpcb.c4' }],
  goal: [{ id: 'R11', figure: 'c4', limit: 'pg.tpcb.c4', min: 0.25, p99MaxMs: 25 }],
});
