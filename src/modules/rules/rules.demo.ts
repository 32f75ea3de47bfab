import type { RuleContentInput } from './rules.types.ts';

/**
 * A realistic instant-approval rule set (8 conditions) for the demo item 个体工商户设立登记: the applicant's profile,
 * the application form (fields of the demo form) and the applicant's licences. Used by the core's tests, the
 * decision benchmark and the demo. Articles are the demo's; a department writes its own. The licence type is the one the
 * item yields (the demo's 个体工商户营业执照, held by the operator, a person).
 */
export function soleTraderRules(soleTraderLicenseTypeCode: string): RuleContentInput {
  return {
    inputs: [
      { key: 'age', type: 'number', labelZh: '申请人年龄', labelEn: 'applicant’s age', source: { kind: 'profile', attribute: 'age' } },
      { key: 'applicantType', type: 'string', labelZh: '申请人类型', labelEn: 'applicant type', source: { kind: 'profile', attribute: 'applicantType' } },
      { key: 'region', type: 'string', labelZh: '申请人所在地区', labelEn: 'applicant’s region', source: { kind: 'profile', attribute: 'regionCode' } },
      { key: 'operatingForm', type: 'string', labelZh: '组成形式', labelEn: 'operating form', source: { kind: 'form', field: 'operatingForm' } },
      { key: 'shopAddress', type: 'string', labelZh: '经营场所', labelEn: 'premises', source: { kind: 'form', field: 'shopAddress' } },
      { key: 'scope', type: 'string', labelZh: '经营范围', labelEn: 'business scope', source: { kind: 'form', field: 'businessScope' } },
      {
        key: 'holdsLicense',
        type: 'boolean',
        labelZh: '已持有有效的个体工商户营业执照',
        labelEn: 'holds a valid sole-trader business licence',
        source: { kind: 'license', typeCode: soleTraderLicenseTypeCode, attribute: 'held' },
      },
    ],
    conditions: [
      {
        key: 'adult',
        input: 'age',
        test: '>= 18',
        labelZh: '申请人年满十八周岁',
        labelEn: 'The applicant is 18 or older',
        article: '《中华人民共和国民法典》第十八条',
      },
      {
        key: 'person',
        input: 'applicantType',
        test: '"person"',
        labelZh: '申请人为自然人',
        labelEn: 'The applicant is a natural person',
        article: '《中华人民共和国民法典》第五十四条',
      },
      {
        key: 'local',
        input: 'region',
        test: 'startsWith($, "3406")',
        labelZh: '申请人在本市登记管辖范围内',
        labelEn: 'The applicant is within the city’s registration area',
        article: '《促进个体工商户发展条例》第二条',
      },
      {
        key: 'form',
        input: 'operatingForm',
        test: '"个人经营", "家庭经营"',
        labelZh: '组成形式为个人经营或家庭经营',
        labelEn: 'Run by one person or a family',
        article: '《中华人民共和国民法典》第五十四条',
      },
      {
        key: 'premises',
        input: 'shopAddress',
        test: 'contains($, "号")',
        labelZh: '经营场所详细到门牌号',
        labelEn: 'The premises are given to the street number',
        article: '《中华人民共和国市场主体登记管理条例》第十一条',
      },
      {
        key: 'noTobacco',
        input: 'scope',
        test: 'not contains($, "烟草")',
        labelZh: '经营范围不含须前置审批的烟草专卖',
        labelEn: 'The scope has no tobacco retail (prior permit)',
        article: '《中华人民共和国烟草专卖法》第十六条',
      },
      {
        key: 'noChemicals',
        input: 'scope',
        test: 'not contains($, "危险化学品")',
        labelZh: '经营范围不含危险化学品经营',
        labelEn: 'The scope has no hazardous chemicals',
        article: '《危险化学品安全管理条例》第三十三条',
      },
      {
        key: 'notRegistered',
        input: 'holdsLicense',
        test: 'false',
        labelZh: '申请人未持有有效的个体工商户营业执照（不重复登记）',
        labelEn: 'The applicant holds no valid sole-trader licence yet',
        article: '《中华人民共和国市场主体登记管理条例》第三条',
      },
    ],
    goldenCases: [
      {
        name: '符合全部条件',
        inputs: {
          age: 34,
          applicantType: 'person',
          region: '340603',
          operatingForm: '个人经营',
          shopAddress: '淮北市相山区人民路12号',
          scope: '小吃服务',
          holdsLicense: false,
        },
        expected: 'grant',
      },
      {
        name: '未成年人转人工',
        inputs: {
          age: 17,
          applicantType: 'person',
          region: '340603',
          operatingForm: '个人经营',
          shopAddress: '淮北市相山区人民路12号',
          scope: '小吃服务',
          holdsLicense: false,
        },
        expected: 'refuse',
      },
      {
        name: '缺少经营场所无法判断',
        inputs: { age: 34, applicantType: 'person', region: '340603', operatingForm: '个人经营', scope: '小吃服务', holdsLicense: false },
        expected: 'undecidable',
      },
    ],
  };
}
