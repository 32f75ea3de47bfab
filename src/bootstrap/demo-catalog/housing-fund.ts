import { BUSINESS_LICENSE, DUTIES, ID_CARD, type ImplementationSeed, ORG_FIELDS, PERSON_FIELDS, f, form, impl, mat, onlineFree, steps, wd } from './kit.ts';

/** The demo guides of 住房公积金 (the housing-fund theme): what people search the hall for most after 社保. */
export const HOUSING_FUND: ImplementationSeed[] = [
  impl('340600-GG-0010', 'GG00601000', 'housingFund', {
    name: '住房公积金提取（购买自住住房）',
    aliases: ['公积金提取', '提取公积金', '买房提取公积金'],
    keywords: ['公积金', '住房公积金', '购房', '提取'],
    legalBasis: '《住房公积金管理条例》第二十四条：职工购买、建造、翻建、大修自住住房的，可以提取职工住房账户内的存储余额。',
    acceptanceConditions: '购买本市自住住房的缴存职工及其配偶，在购房之日起 2 年内可申请提取本人住房公积金账户余额，累计提取额不超过购房款。',
    caseType: '2',
    legalLimit: wd(3),
    promisedLimit: wd(1),
    ...onlineFree(),
    resultName: '住房公积金提取审批结果（资金转入本人银行账户）',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['住房', '购房'],
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD(),
      mat('purchase_contract', '购房合同或不动产权证书', '已网签备案的商品房买卖合同，或不动产权证书；经不动产登记信息核验的免于提交', { form: 'electronic' }),
      mat('payment_proof', '购房款发票或付款凭证', '付款金额与申请提取额相符', { form: 'electronic' }),
    ],
    // 住房公积金管理条例 art. 24: the 管理中心 decides within 3 days of accepting.
    steps: steps(1, 0, 0),
    form: form({
      ...PERSON_FIELDS,
      account: f.text('住房公积金个人账号', '见住房公积金缴存明细或 APP', 30),
      amount: f.number('申请提取金额（元）', '不超过账户余额与购房款', 1),
      bankCard: f.text('收款银行卡号', '本人一类银行卡', 30),
    }),
  }),
  impl('340600-GG-0012', 'GG00602000', 'housingFund', {
    name: '住房公积金单位缴存登记',
    aliases: ['公积金开户', '单位公积金登记'],
    keywords: ['公积金', '企业开办', '缴存登记'],
    legalBasis: '《住房公积金管理条例》第十四条：新设立的单位应当自设立之日起30日内向住房公积金管理中心办理住房公积金缴存登记。',
    acceptanceConditions: '在本市新设立的单位，自设立之日起 30 日内办理；企业开办时可一并办理。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    ...onlineFree(),
    resultName: '住房公积金单位缴存登记信息',
    resultType: 'record',
    serviceObjects: ['2', '6'],
    topics: ['企业开办', '住房'],
    responsibilityItems: DUTIES.confirmation,
    materials: [BUSINESS_LICENSE, mat('deposit_form', '住房公积金单位缴存登记表', '加盖单位公章；缴存比例在 5%–12% 之间', { form: 'electronic' })],
    steps: steps(0, 0, 0),
    form: form({
      ...ORG_FIELDS,
      legalRep: f.text('法定代表人（负责人）', '与营业执照一致', 50),
      employees: f.number('缴存职工人数', '首次缴存的职工人数', 0),
      depositRate: f.select('缴存比例', '单位和职工缴存比例相同', ['5%', '8%', '10%', '12%']),
    }),
  }),
];
