import type { Db } from '../platform/db/db.ts';
import { systemContext } from '../platform/context.ts';
import { findDepartmentByUscc } from '../modules/regions/index.ts';
import {
  assembleProfile,
  createPolicy,
  getPolicy,
  policyContent,
  publishPolicy,
  runMatch,
  setTags,
  type CreatePolicyInput,
  type PolicyContentInput,
} from '../modules/rules/index.ts';
import { today } from '../platform/clock.ts';
import { DEMO_COMPANY_USCC } from './demo.ts';
import { departmentUscc, LT } from './demo-catalog/kit.ts';

/**
 * The demo's 惠企政策 (issue 22, ADR 0038): a few 淮北 policies split into fine-grained conditions, each citing its
 * article, published with golden cases, and one still a draft (the item admin and the 人社局's reviewer edit its
 * conditions); then one match round, so that the demo company has a 免申即享 benefit and the department a benefit to
 * confirm. Idempotent (a policy whose code exists is left as it is).
 */

const local = {
  key: 'region',
  type: 'string',
  labelZh: '所在地区',
  labelEn: 'region',
  source: { kind: 'profile', attribute: 'regionCode' },
} as const;
const localCondition = (article: string) => ({
  key: 'inHuaibei',
  input: 'region',
  test: 'startsWith($, "3406")',
  labelZh: '注册地（户籍地）在淮北市',
  labelEn: 'Registered (or living) in Huaibei',
  article,
});

/** An officer's tag: the market department marks a company 小微企业. */
const smallBusiness = {
  key: 'small',
  type: 'boolean',
  labelZh: '小微企业',
  labelEn: 'small or micro enterprise',
  source: { kind: 'tag', tag: '小微企业' },
} as const;
const smallBusinessCondition = {
  key: 'smallBusiness',
  input: 'small',
  test: 'true',
  labelZh: '属于小微企业',
  labelEn: 'A small or micro enterprise',
  article: '《中小企业划型标准规定》第四条',
};

/** 新办企业开办补贴 (免申即享): a company registered in 淮北 within the last year, holding its 营业执照. */
export function newBusinessPolicy(businessLicenseType: string): PolicyContentInput {
  return {
    inputs: [
      local,
      {
        key: 'license',
        type: 'boolean',
        labelZh: '持有有效营业执照',
        labelEn: 'holds a valid business licence',
        source: { kind: 'license', typeCode: businessLicenseType, attribute: 'held' },
      },
      { key: 'years', type: 'number', labelZh: '成立年限', labelEn: 'years since establishment', source: { kind: 'profile', attribute: 'yearsEstablished' } },
    ],
    conditions: [
      localCondition('《淮北市优化营商环境若干措施》第三条'),
      {
        key: 'licensed',
        input: 'license',
        test: 'true',
        labelZh: '已依法办理营业执照',
        labelEn: 'Holds a business licence',
        article: '《市场主体登记管理条例》第三条',
      },
      {
        key: 'new',
        input: 'years',
        test: '[0..1]',
        labelZh: '成立未满两年（新办企业）',
        labelEn: 'Established less than two years ago',
        article: '《淮北市优化营商环境若干措施》第三条',
      },
    ],
    goldenCases: [
      { name: '新办的本地企业', inputs: { region: '340603', license: true, years: 0 }, expected: 'grant' },
      { name: '外地企业', inputs: { region: '340102', license: true, years: 0 }, expected: 'refuse' },
      { name: '成立已久', inputs: { region: '340603', license: true, years: 5 }, expected: 'refuse' },
    ],
  };
}

/** 小微企业吸纳就业补贴: a 小微企业 (officers' tag) in 淮北 that newly employed people (社保 data: not readable yet). */
export const smallBusinessHiringPolicy: PolicyContentInput = {
  inputs: [
    local,
    smallBusiness,
    {
      key: 'hired',
      type: 'number',
      labelZh: '新招用并缴纳社保人数',
      labelEn: 'people newly employed and insured',
      source: { kind: 'exchange', resource: '社会保险参保信息', field: '新增参保人数' },
    },
  ],
  conditions: [
    localCondition('《淮北市就业补助资金管理办法》第八条'),
    smallBusinessCondition,
    {
      key: 'hiredSome',
      input: 'hired',
      test: '>= 1',
      labelZh: '新招用人员并为其缴纳社会保险费',
      labelEn: 'Newly employed and insured at least one person',
      article: '《淮北市就业补助资金管理办法》第八条',
    },
  ],
  goldenCases: [
    { name: '吸纳 3 人', inputs: { region: '340603', small: true, hired: 3 }, expected: 'grant' },
    { name: '非小微企业', inputs: { region: '340603', small: false, hired: 3 }, expected: 'refuse' },
    { name: '社保数据未接入', inputs: { region: '340603', small: true }, expected: 'undecidable' },
  ],
};

/** 首次创业补贴 (by application): a person of working age in 淮北 who first started a business (社保 data). */
export const firstBusinessPolicy: PolicyContentInput = {
  inputs: [
    local,
    { key: 'age', type: 'number', labelZh: '年龄', labelEn: 'age', source: { kind: 'profile', attribute: 'age' } },
    {
      key: 'months',
      type: 'number',
      labelZh: '创业主体正常经营月数',
      labelEn: 'months in business',
      source: { kind: 'exchange', resource: '市场主体登记信息', field: '经营月数' },
    },
  ],
  conditions: [
    localCondition('《淮北市创业担保贷款和创业补贴实施办法》第十二条'),
    { key: 'workingAge', input: 'age', test: '[16..60]', labelZh: '在法定劳动年龄内', labelEn: 'Of working age', article: '《中华人民共和国劳动法》第十五条' },
    {
      key: 'sixMonths',
      input: 'months',
      test: '>= 6',
      labelZh: '首次创业且正常经营 6 个月以上',
      labelEn: 'In business for six months or more',
      article: '《淮北市创业担保贷款和创业补贴实施办法》第十二条',
    },
  ],
  goldenCases: [
    { name: '经营满 6 个月', inputs: { region: '340603', age: 30, months: 8 }, expected: 'grant' },
    { name: '经营不足 6 个月', inputs: { region: '340603', age: 30, months: 2 }, expected: 'refuse' },
  ],
};

/** 高龄津贴 (免申即享, confirmed by the rules): a 淮北 resident aged 80 or over. */
export const oldAgePolicy: PolicyContentInput = {
  inputs: [local, { key: 'age', type: 'number', labelZh: '年龄', labelEn: 'age', source: { kind: 'profile', attribute: 'age' } }],
  conditions: [
    localCondition('《淮北市高龄津贴发放办法》第三条'),
    { key: 'eighty', input: 'age', test: '>= 80', labelZh: '年满八十周岁', labelEn: 'Aged 80 or over', article: '《淮北市高龄津贴发放办法》第三条' },
  ],
  goldenCases: [
    { name: '85 岁', inputs: { region: '340603', age: 85 }, expected: 'grant' },
    { name: '70 岁', inputs: { region: '340603', age: 70 }, expected: 'refuse' },
  ],
};

/**
 * 稳岗返还 (a draft, 免申即享 once published): a 淮北 小微企业 insured for a year that laid off few of its staff last
 * year (社保 data, declared: unknown until the exchange shares it).
 */
export const jobRetentionPolicy: PolicyContentInput = {
  inputs: [
    local,
    smallBusiness,
    { key: 'years', type: 'number', labelZh: '成立年限', labelEn: 'years since establishment', source: { kind: 'profile', attribute: 'yearsEstablished' } },
    {
      key: 'layoffRate',
      type: 'number',
      labelZh: '上年度裁员率（%）',
      labelEn: 'last year’s layoff rate (%)',
      source: { kind: 'exchange', resource: '社会保险参保信息', field: '上年度裁员率' },
    },
  ],
  conditions: [
    localCondition('《淮北市稳就业若干措施》第二条'),
    smallBusinessCondition,
    {
      key: 'insuredYear',
      input: 'years',
      test: '>= 1',
      labelZh: '依法参保缴费满一年',
      labelEn: 'Insured for a year or more',
      article: '《失业保险条例》第六条',
    },
    {
      key: 'fewLayoffs',
      input: 'layoffRate',
      test: '<= 5.5',
      labelZh: '上年度未裁员或裁员率不高于 5.5%',
      labelEn: 'Laid off no more than 5.5 % of its staff last year',
      article: '《淮北市稳就业若干措施》第二条',
    },
  ],
  goldenCases: [
    { name: '稳定经营的小微企业', inputs: { region: '340603', small: true, years: 3, layoffRate: 0 }, expected: 'grant' },
    { name: '裁员过多', inputs: { region: '340603', small: true, years: 3, layoffRate: 12 }, expected: 'refuse' },
    { name: '新办企业', inputs: { region: '340603', small: true, years: 0, layoffRate: 0 }, expected: 'refuse' },
    { name: '社保数据未接入', inputs: { region: '340603', small: true, years: 3 }, expected: 'undecidable' },
  ],
};

type Seed = Omit<CreatePolicyInput, 'regionCode' | 'departmentId' | 'content' | 'confirmBy' | 'amountRuleZh' | 'validTo'> & {
  dept: 'hrss' | 'civil' | 'market';
  content: PolicyContentInput;
  confirmBy?: 'department' | 'rules';
  amountRuleZh?: string;
  /** A draft is left unpublished (its conditions still being worked on). */
  draft?: boolean;
};

export function demoPolicies(): Seed[] {
  return [
    {
      code: 'HB-XBQY-KB',
      title: '新办企业开办补贴',
      issuer: '淮北市市场监督管理局',
      documentNumber: '淮市监〔2025〕21号',
      target: 'organisation',
      automatic: true,
      benefitZh: '对在本市新登记注册的企业，一次性给予开办补贴，用于刻章、税务 UKey 等开办费用，免申即享。',
      amountYuan: 1000,
      amountRuleZh: '每户一次性 1000 元',
      validFrom: '2025-01-01',
      dept: 'market',
      content: newBusinessPolicy(LT.businessLicense),
    },
    {
      code: 'HB-XWQY-JY',
      title: '小微企业吸纳就业补贴',
      issuer: '淮北市人力资源和社会保障局',
      documentNumber: '淮人社秘〔2025〕18号',
      target: 'organisation',
      automatic: true,
      benefitZh: '小微企业吸纳就业困难人员、高校毕业生就业并缴纳社会保险费的，按实际吸纳人数给予一次性吸纳就业补贴。',
      amountYuan: 2000,
      amountRuleZh: '按吸纳人数每人 2000 元（社保数据接入前按 1 人预核）',
      validFrom: '2025-01-01',
      dept: 'hrss',
      content: smallBusinessHiringPolicy,
    },
    {
      code: 'HB-SCCY-BT',
      title: '首次创业补贴',
      issuer: '淮北市人力资源和社会保障局',
      documentNumber: '淮人社发〔2024〕9号',
      target: 'person',
      automatic: false,
      benefitZh: '首次创办小微企业或从事个体经营，且正常经营 6 个月以上的，给予一次性创业补贴。',
      amountYuan: 5000,
      amountRuleZh: '每人一次性 5000 元',
      validFrom: '2024-07-01',
      dept: 'hrss',
      content: firstBusinessPolicy,
    },
    {
      code: 'HB-GLJT',
      title: '高龄津贴',
      issuer: '淮北市民政局',
      documentNumber: '淮民〔2023〕45号',
      target: 'person',
      automatic: true,
      confirmBy: 'rules',
      benefitZh: '本市户籍年满 80 周岁的老年人按月享受高龄津贴，由系统按户籍信息自动认定，免申即享。',
      amountYuan: 600,
      amountRuleZh: '80—89 周岁每人每年 600 元',
      validFrom: '2023-01-01',
      dept: 'civil',
      content: oldAgePolicy,
    },
    {
      code: 'HB-WGFH',
      title: '小微企业稳岗返还',
      issuer: '淮北市人力资源和社会保障局',
      documentNumber: '淮人社秘〔2026〕5号',
      target: 'organisation',
      automatic: true,
      benefitZh: '对依法参保缴费满一年、上年度未裁员或裁员率不高于 5.5% 的小微企业，按上年度实际缴纳失业保险费的 60% 返还，免申即享。',
      amountYuan: 3000,
      amountRuleZh: '按上年度实际缴纳失业保险费的 60% 返还（社保数据接入前按 3000 元预核）',
      validFrom: '2026-01-01',
      dept: 'hrss',
      content: jobRetentionPolicy,
      draft: true,
    },
  ];
}

/** Seeds the demo policies, published but for the draft, then runs one match round (the hourly job does the same). */
export async function seedDemoPolicies(db: Db): Promise<number> {
  const ctx = systemContext('demo');
  let created = 0;
  for (const seed of demoPolicies()) {
    const dept = await findDepartmentByUscc(db, departmentUscc(seed.dept));
    if (!dept) continue;
    const { dept: _d, draft, content, ...fields } = seed;
    const input: CreatePolicyInput = {
      confirmBy: 'department',
      amountRuleZh: '',
      validTo: null,
      ...fields,
      regionCode: dept.regionCode,
      departmentId: dept.id,
      content: policyContent.parse(content),
    };
    try {
      const p = await db.transaction((tx) => createPolicy(tx, ctx, input));
      if (!draft) await publishPolicy(db, ctx, p.id, { version: (await getPolicy(db, p.id)).version });
      created++;
    } catch (err) {
      if ((err as { code?: string }).code !== 'POLICY_CODE_TAKEN') throw err;
    }
  }
  // The market department has marked the demo company a 小微企业: its hiring subsidy becomes a 快申快享 offer.
  const company = { kind: 'organisation' as const, idNumber: DEMO_COMPANY_USCC };
  const profile = await assembleProfile(db, company, today());
  if (!profile.tags.includes('小微企业')) await setTags(db, ctx, company, { tags: [...profile.tags, '小微企业'], version: profile.version }, today());
  await runMatch(db, ctx, { refresh: true });
  return created;
}
