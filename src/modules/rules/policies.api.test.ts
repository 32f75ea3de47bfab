import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { queryRows } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { idNumberCheckChar } from '../../platform/identity.ts';
import { today } from '../../platform/clock.ts';
import { LT } from '../../bootstrap/demo-catalog/kit.ts';
import { DEMO_COMPANY_USCC } from '../../bootstrap/demo.ts';
import { newBusinessPolicy, oldAgePolicy, smallBusinessHiringPolicy } from '../../bootstrap/demo-policies.ts';
import { issueLicense } from '../licenses/index.ts';
import { POLICY_IMPORT_COLUMNS } from './policies.import.ts';

// 惠企政策 and 免申即享 through the HTTP API on the full demo (ADR 0038): the library's lifecycle, the public pages,
// the company's profile from its business licence, "which policies can I get", the match, the benefit's states and
// the payout ledger, the statistics, and the all-or-nothing Excel import.

let t: TestApp;
const tokens = new Map<string, string>();
const dept = new Map<string, number>();
const OLD_PERSON = (() => {
  const first17 = '34060319400307009';
  return first17 + idNumberCheckChar(first17);
})();

const as = async (user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) => {
  if (user && !tokens.has(user)) tokens.set(user, await t.login(user));
  return t.app.inject({ method, url, payload, headers: { ...(user ? bearer(tokens.get(user)!) : {}), ...headers } });
};
const ok = async <T = Record<string, unknown>>(res: Awaited<ReturnType<typeof as>>, status = 200): Promise<T> => {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as T;
};

let n = 0;
const policyBody = (over: Record<string, unknown>) => ({
  code: `T-${n++}`,
  title: '测试政策',
  issuer: '淮北市人民政府',
  documentNumber: '淮政〔2026〕1号',
  target: 'organisation',
  automatic: true,
  benefitZh: '一次性补贴',
  amountYuan: 1000,
  validFrom: '2025-01-01',
  regionCode: '340600',
  departmentId: dept.get('market'),
  content: newBusinessPolicy(LT.businessLicense),
  ...over,
});

async function published(over: Record<string, unknown>) {
  const p = await ok<{ id: number; version: number; code: string }>(
    await as('itemadmin', 'POST', '/api/policies', policyBody(over), { 'idempotency-key': `p-${Math.random()}` }),
    201,
  );
  return ok<{ id: number; version: number; code: string; status: string; hash: string }>(
    await as('itemadmin', 'POST', `/api/policies/${p.id}/publish`, { version: p.version }),
  );
}

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const [key, name] of [
    ['market', '淮北市市场监督管理局'],
    ['hrss', '淮北市人力资源和社会保障局'],
    ['civil', '淮北市民政局'],
  ])
    dept.set(key, Number((await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = ${name}`))[0].id));
  // The company's 营业执照, issued today with its registered capital (万元).
  await t.database.db.transaction((tx) =>
    issueLicense(tx, systemContext('test'), {
      typeCode: LT.businessLicense,
      departmentId: dept.get('market')!,
      holder: { kind: 'organisation', name: '淮北市相山区味道餐饮有限公司', idNumber: DEMO_COMPANY_USCC },
      data: { 名称: '淮北市相山区味道餐饮有限公司', 成立日期: today() },
    }),
  );
});
after(() => t.close());

let newBusiness: { id: number; code: string };

test('the library: a draft is checked whole, publishes only with passing golden cases, then never changes', async () => {
  const bad = await as('itemadmin', 'POST', '/api/policies', policyBody({ content: newBusinessPolicy('91110000717800000A999') }), {
    'idempotency-key': 'bad-1',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(errorCode(bad), 'POLICY_DEFINITION_INVALID');
  assert.match(JSON.stringify(bad.json()), /RULE_LICENSE_TYPE_UNKNOWN/);

  const noGolden = await ok<{ id: number; version: number }>(
    await as('itemadmin', 'POST', '/api/policies', policyBody({ content: { ...newBusinessPolicy(LT.businessLicense), goldenCases: [] } }), {
      'idempotency-key': 'nogolden',
    }),
    201,
  );
  const refused = await as('itemadmin', 'POST', `/api/policies/${noGolden.id}/publish`, { version: noGolden.version });
  assert.equal(errorCode(refused), 'POLICY_GOLDEN_MISSING');
  const stale = await as('itemadmin', 'POST', `/api/policies/${noGolden.id}/publish`, { version: noGolden.version + 5 });
  assert.equal(errorCode(stale), 'VERSION_CONFLICT');

  newBusiness = await published({ title: '新办企业开办补贴', code: 'T-NEW' });
  await published({ title: '小微企业吸纳就业补贴', code: 'T-HIRE', departmentId: dept.get('hrss'), amountYuan: 2000, content: smallBusinessHiringPolicy });
  await published({
    title: '高龄津贴',
    code: 'T-OLD',
    target: 'person',
    confirmBy: 'rules',
    departmentId: dept.get('civil'),
    amountYuan: 600,
    content: oldAgePolicy,
  });
  const p = await ok<{ version: number; status: string; hash: string }>(await as('itemadmin', 'GET', `/api/policies/${newBusiness.id}`));
  assert.equal(p.status, 'published');
  assert.match(p.hash, /^[0-9a-f]{64}$/);
  const edit = await as('itemadmin', 'PUT', `/api/policies/${newBusiness.id}`, { ...policyBody({}), version: p.version });
  assert.equal(errorCode(edit), 'POLICY_NOT_DRAFT');
});

test('public pages: published policies found by Chinese terms, conditions in plain Chinese with their articles; drafts are not public', async () => {
  const list = await ok<{ items: { code: string }[] }>(await as(null, 'GET', `/api/public/policies?q=${encodeURIComponent('开办 补贴')}`));
  assert.deepEqual(
    list.items.map((i) => i.code),
    ['T-NEW'],
  );
  const detail = await ok<{ conditions: { labelZh: string; article: string; sourceZh: string }[]; departmentName: string }>(
    await as(null, 'GET', '/api/public/policies/T-NEW'),
  );
  assert.equal(detail.departmentName, '淮北市市场监督管理局');
  assert.deepEqual(
    detail.conditions.map((c) => c.labelZh),
    ['注册地（户籍地）在淮北市', '已依法办理营业执照', '成立未满两年（新办企业）'],
  );
  assert.ok(detail.conditions.every((c) => c.article.startsWith('《')));
  assert.equal(detail.conditions[2].sourceZh, '主体信息：成立年限（年）');
  const draft = (await ok<{ items: { code: string; status: string }[] }>(await as('itemadmin', 'GET', '/api/policies?status=draft'))).items[0];
  assert.equal((await as(null, 'GET', `/api/public/policies/${draft.code}`)).statusCode, 404);
});

type Eligibility = { policy: { code: string }; eligibility: string; conditions: { condition: string; status: string }[]; changes: { zh: string }[] };

test('which policies can I get: the company’s profile from its business licence, each condition met, not met or unknown', async () => {
  const mine = await ok<{
    profile: { facts: { attribute: string; value: unknown; sourceZh: string }[]; unknown: string[]; version: number };
    items: Eligibility[];
  }>(await as('company', 'GET', '/api/my/policies'));
  const fact = (a: string) => mine.profile.facts.find((f) => f.attribute === a)!;
  assert.equal(fact('yearsEstablished').value, 0);
  assert.equal(fact('yearsEstablished').sourceZh, '营业执照');
  assert.equal(fact('regionCode').value, '340603');
  assert.ok(mine.profile.unknown.includes('industryCode'));
  const by = new Map(mine.items.map((i) => [i.policy.code, i]));
  assert.equal(by.get('T-NEW')!.eligibility, 'eligible');
  assert.equal(by.get('T-HIRE')!.eligibility, 'notEligible');
  assert.equal(by.get('T-OLD'), undefined, 'a policy for persons is not listed for a company');
  assert.ok(by.get('T-HIRE')!.changes.some((c) => c.zh.includes('属于小微企业')));

  // The market reviewer tags the company 小微企业: the hiring subsidy becomes unknown (shared data not readable yet).
  const subject = `organisation:${DEMO_COMPANY_USCC}`;
  const tagged = await ok<{ tags: string[] }>(
    await as('reviewer', 'PUT', `/api/policy-profiles/${subject}/tags`, { tags: ['小微企业'], version: mine.profile.version }),
  );
  assert.deepEqual(tagged.tags, ['小微企业']);
  const officer = await ok<{ items: Eligibility[] }>(await as('reviewer', 'GET', `/api/policy-profiles/${subject}/eligibility`));
  const hire = officer.items.find((i) => i.policy.code === 'T-HIRE')!;
  assert.equal(hire.eligibility, 'unknown');
  assert.deepEqual(
    hire.conditions.map((c) => c.status),
    ['met', 'met', 'unknown'],
  );
  // An applicant's own page only: staff have no profile of their own.
  assert.equal(errorCode(await as('reviewer', 'GET', '/api/my/policies')), 'AUTH_FORBIDDEN');
});

type Benefit = {
  id: number;
  policyCode: string;
  kind: string;
  status: string;
  version: number;
  amountYuan: number;
  payout: { status: string; reference: string | null } | null;
};

test('免申即享: the match creates a notified benefit and a 快申快享 offer; the department confirms and pays; the ledger follows', async () => {
  // An old person without an account: the civil affairs officer would look the profile up; here it is assembled by the read.
  await ok(await as('supervisor', 'GET', `/api/policy-profiles/person:${OLD_PERSON}`));
  const run = await ok<{ matched: number; offered: number }>(await as('reviewer', 'POST', '/api/policies/match-runs'));
  assert.deepEqual([run.matched, run.offered], [1, 0], 'the market reviewer matches the market department’s policies only');
  const all = await ok<{ matched: number; offered: number; confirmedByRules: number }>(await as('admin', 'POST', '/api/policies/match-runs'));
  assert.deepEqual([all.matched, all.offered, all.confirmedByRules], [1, 1, 1]);
  const again = await ok<{ matched: number; offered: number }>(await as('admin', 'POST', '/api/policies/match-runs'));
  assert.deepEqual([again.matched, again.offered], [0, 0], 'a pair is matched once');

  const mine = (await ok<{ items: Benefit[] }>(await as('company', 'GET', '/api/my/benefits'))).items;
  const auto = mine.find((b) => b.policyCode === 'T-NEW')!;
  const offer = mine.find((b) => b.policyCode === 'T-HIRE')!;
  assert.deepEqual([auto.kind, auto.status], ['automatic', 'notified']);
  assert.deepEqual([offer.kind, offer.status], ['quick', 'offered']);
  const notices = await queryRows<{ title: string }>(
    t.database.db,
    sql`SELECT title FROM notification WHERE user_id = (SELECT id FROM app_user WHERE username = 'company') AND kind LIKE 'policy.%' ORDER BY id`,
  );
  assert.deepEqual(
    notices.map((x) => x.title),
    ['免申即享：新办企业开办补贴', '快申快享：小微企业吸纳就业补贴'],
  );

  // The rules confirmed the old person's allowance at once: its payout is pending.
  const civil = (await ok<{ items: Benefit[] }>(await as('admin', 'GET', '/api/benefits?status=confirmed'))).items;
  assert.equal(civil.find((b) => b.policyCode === 'T-OLD')?.payout?.status, 'pending');

  // The hrss reviewer may not confirm the market department's benefit; the market reviewer confirms and pays it.
  assert.equal((await as('hrss.reviewer', 'POST', `/api/benefits/${auto.id}/confirm`, { version: auto.version })).statusCode, 403);
  assert.equal(errorCode(await as('reviewer', 'POST', `/api/benefits/${auto.id}/pay`, { version: auto.version })), 'BENEFIT_ILLEGAL_TRANSITION');
  const confirmed = await ok<Benefit>(await as('reviewer', 'POST', `/api/benefits/${auto.id}/confirm`, { version: auto.version }));
  assert.deepEqual([confirmed.status, confirmed.payout?.status], ['confirmed', 'pending']);
  const paid = await ok<Benefit>(await as('reviewer', 'POST', `/api/benefits/${auto.id}/pay`, { version: confirmed.version, reference: 'HB2026-0001' }));
  assert.deepEqual([paid.status, paid.payout?.status, paid.payout?.reference], ['paid', 'paid', 'HB2026-0001']);

  // 快申快享: the company confirms the offer in one click; the hrss department confirms it.
  assert.equal(errorCode(await as('hrss.reviewer', 'POST', `/api/benefits/${offer.id}/confirm`, { version: offer.version })), 'BENEFIT_ILLEGAL_TRANSITION');
  assert.equal((await as('person', 'POST', `/api/my/benefits/${offer.id}/accept`, { version: offer.version })).statusCode, 404);
  const applied = await ok<Benefit>(await as('company', 'POST', `/api/my/benefits/${offer.id}/accept`, { version: offer.version }));
  assert.equal(applied.status, 'applied');
  const rejected = await ok<Benefit>(
    await as('hrss.reviewer', 'POST', `/api/benefits/${offer.id}/reject`, { version: applied.version, reason: '未查到新增参保记录' }),
  );
  assert.equal(rejected.status, 'rejected');

  const after = (await ok<{ items: Benefit[] }>(await as('company', 'GET', '/api/my/benefits'))).items;
  assert.equal(after.find((b) => b.policyCode === 'T-NEW')!.status, 'paid');

  const stats = await ok<{ totals: { withoutApplication: number; paidYuan: number; pendingYuan: number; policiesWithMatches: number } }>(
    await as('admin', 'GET', '/api/policies/stats'),
  );
  assert.deepEqual(stats.totals, { ...stats.totals, withoutApplication: 2, paidYuan: 1000, pendingYuan: 600, policiesWithMatches: 3 });
  const market = await ok<{ totals: { paidYuan: number; policiesWithMatches: number } }>(await as('reviewer', 'GET', '/api/policies/stats'));
  assert.equal(market.totals.policiesWithMatches, 1, 'statistics within the reader’s scope');

  const actions = await queryRows<{ action: string }>(t.database.db, sql`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'policies.%' ORDER BY 1`);
  assert.deepEqual(
    actions.map((a) => a.action),
    [
      'policies.benefit-accept',
      'policies.benefit-confirm',
      'policies.benefit-pay',
      'policies.benefit-reject',
      'policies.create',
      'policies.match',
      'policies.profile-tags',
      'policies.publish',
    ],
  );
});

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('政策清单');
  sheet.addRow(POLICY_IMPORT_COLUMNS.map(([, zh]) => zh));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('Excel import: every row checked first, each problem named by row and column, nothing half-loaded', async () => {
  const content = JSON.stringify(newBusinessPolicy(LT.businessLicense));
  const good = (code: string) => [
    code,
    '科技型企业研发补助',
    '淮北市科学技术局',
    '淮科〔2026〕3号',
    '企业',
    '依申请',
    '按研发投入给予补助',
    '50000',
    '最高 5 万元',
    '2026-01-01',
    '',
    content,
  ];
  const url = `/api/policies/imports?regionCode=340600&departmentId=${dept.get('market')}`;
  const headers = { 'content-type': 'application/octet-stream' };
  const bad = [...good('IMP-2')];
  bad[4] = '单位';
  bad[11] = '{';
  const res = await t.app.inject({
    method: 'POST',
    url,
    payload: await workbook([good('IMP-1'), bad, good('IMP-1')]),
    headers: { ...headers, ...bearer(tokens.get('itemadmin')!) },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'POLICY_IMPORT_INVALID');
  const problems = (res.json() as { details: { problems: { row: number; column: string }[] } }).details.problems;
  assert.deepEqual(
    problems.map((p) => `${p.row}:${p.column}`),
    ['3:target', '3:content', '4:code'],
  );
  const none = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM policy WHERE code LIKE 'IMP-%'`);
  assert.equal(Number(none[0].n), 0);
  const imported = await t.app.inject({
    method: 'POST',
    url,
    payload: await workbook([good('IMP-1'), good('IMP-2')]),
    headers: { ...headers, ...bearer(tokens.get('itemadmin')!) },
  });
  assert.equal(imported.statusCode, 201, imported.body);
  assert.deepEqual((imported.json() as { codes: string[] }).codes, ['IMP-1', 'IMP-2']);
  const outside = await t.app.inject({
    method: 'POST',
    url: `/api/policies/imports?regionCode=340600&departmentId=${dept.get('market')}`,
    payload: await workbook([good('IMP-3')]),
    headers: { ...headers, ...bearer(await t.login('hrss.reviewer')) },
  });
  assert.equal(outside.statusCode, 403, 'a department imports into its own library only');
});

test('the condition editor’s check: problems named by condition, golden cases decided with their trace, nothing stored', async () => {
  await as('itemadmin', 'GET', '/api/policies');
  const content = {
    inputs: [
      { key: 'region', type: 'string', labelZh: '所在地区', source: { kind: 'profile', attribute: 'regionCode' } },
      { key: 'age', type: 'number', labelZh: '年龄', source: { kind: 'profile', attribute: 'age' } },
    ],
    conditions: [
      { key: 'local', input: 'region', test: 'startsWith($, "3406")', labelZh: '注册地在淮北市', article: '第一条' },
      { key: 'old', input: 'age', test: '>= >=', labelZh: '年满 80 周岁', article: '第二条' },
    ],
    goldenCases: [{ name: '本地', inputs: { region: '340603' }, expected: 'grant' }],
  };
  // For an organisation, age is not a fact, and the second condition's test does not parse: both named by place.
  const bad = await ok<{ problems: { at: string }[]; golden: unknown[]; passed: boolean }>(
    await as('itemadmin', 'POST', '/api/policies/checks', { target: 'organisation', content }),
  );
  assert.deepEqual(bad.problems.map((p) => p.at).sort(), ['conditions.old', 'inputs.age']);
  assert.deepEqual(bad.golden, []);
  assert.equal(bad.passed, false);
  // Fixed: the golden cases run; one passes, one fails, each with the trace of every condition.
  const fixed = {
    ...content,
    conditions: [content.conditions[0], { ...content.conditions[1], test: '>= 80' }],
    goldenCases: [
      { name: '本地 85 岁', inputs: { region: '340603', age: 85 }, expected: 'grant' },
      { name: '外地 90 岁', inputs: { region: '320102', age: 90 }, expected: 'grant' },
    ],
  };
  const run = await ok<{
    problems: unknown[];
    passed: boolean;
    golden: { name: string; actual: string; passed: boolean; decision: { trace: { result: string }[] } }[];
  }>(await as('itemadmin', 'POST', '/api/policies/checks', { target: 'person', content: fixed }));
  assert.deepEqual(run.problems, []);
  assert.deepEqual(
    run.golden.map((g) => [g.name, g.actual, g.passed]),
    [
      ['本地 85 岁', 'grant', true],
      ['外地 90 岁', 'refuse', false],
    ],
  );
  assert.deepEqual(
    run.golden[1].decision.trace.map((x) => x.result),
    ['fail', 'pass'],
  );
  assert.equal(run.passed, false);
  const facts = await ok<{ attributes: { key: string; type: string; of: string[] }[]; tags: string[] }>(await as('itemadmin', 'GET', '/api/policies/facts'));
  assert.deepEqual(
    facts.attributes.find((a) => a.key === 'age'),
    { key: 'age', type: 'number', labelZh: '年龄', labelEn: 'age', of: ['person'] },
  );
  assert.ok(facts.tags.includes('小微企业'), 'the tags officers set are offered');
});

test('the import template: its first sheet has every column and no row, so imported as it is it names the missing rows', async () => {
  await as('itemadmin', 'GET', '/api/policies');
  const res = await as('itemadmin', 'GET', '/api/policies/imports/template');
  assert.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const header = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
  assert.deepEqual(
    header,
    POLICY_IMPORT_COLUMNS.map(([, zh]) => zh),
  );
  assert.equal(wb.worksheets[0].rowCount, 1);
  const example = wb.worksheets[1].getRow(13).getCell(3).value as string;
  assert.ok(JSON.parse(example).conditions.length > 0, 'the second sheet shows conditions as the import reads them');
  const empty = await t.app.inject({
    method: 'POST',
    url: `/api/policies/imports?regionCode=340600&departmentId=${dept.get('market')}`,
    payload: res.rawPayload,
    headers: { 'content-type': 'application/octet-stream', ...bearer(tokens.get('itemadmin')!) },
  });
  assert.equal(errorCode(empty), 'POLICY_IMPORT_INVALID');
});
