import { DUTIES, ID_CARD, type ImplementationSeed, PERSON_FIELDS, f, form, impl, mat, onlineFree, steps, wd } from './kit.ts';

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
];
