import { BUSINESS_LICENSE, DUTIES, type ImplementationSeed, LT, ORG_FIELDS, f, form, impl, mat, onlineFree, shared, steps, wd } from './kit.ts';

/** The demo guides of 消防 (the fire theme). */
export const FIRE: ImplementationSeed[] = [
  impl('340600-XK-0012', 'XK00901000', 'fire', {
    name: '公众聚集场所投入使用、营业前消防安全检查',
    aliases: ['消防检查', '消防安全检查', '开业消防检查'],
    keywords: ['消防', '公众聚集场所', '告知承诺'],
    legalBasis: '《中华人民共和国消防法》第十五条。',
    acceptanceConditions:
      '1. 建设工程依法通过消防验收或者备案抽查合格；\n2. 场所消防设施、器材和消防安全标志完好有效；\n3. 建立消防安全制度和灭火、应急疏散预案，员工经过消防安全培训。\n申请人可选择告知承诺方式，作出场所符合消防技术标准和管理规定的承诺后当场取得许可。',
    caseType: '2',
    legalLimit: wd(10),
    promisedLimit: wd(5),
    ...onlineFree(),
    express: true,
    resultName: '公众聚集场所投入使用、营业前消防安全检查合格证',
    resultType: 'license',
    resultLicenseTypeCode: LT.fireSafetyCert,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '选择告知承诺方式的，当场作出许可决定，消防救援机构在许可后组织核查；选择一般程序的，自受理之日起十个工作日内进行检查并作出决定。',
    intermediaryServices: [{ name: '消防技术服务（消防设施检测、消防安全评估）', basis: '《社会消防技术服务管理规定》（应急管理部令第7号）' }],
    responsibilityItems: DUTIES.license,
    materials: [
      mat('application', '公众聚集场所投入使用、营业前消防安全检查申报表', '申请人签字或盖章', { form: 'electronic' }),
      BUSINESS_LICENSE,
      mat('pledge', '消防安全告知承诺书', '选择告知承诺方式的提交，法定代表人签字并盖章', { required: false, form: 'electronic', pledgeAllowed: true }),
      shared('fire_acceptance', '建设工程消防验收意见书或备案凭证', '淮北市住房和城乡建设局', '场所范围与验收（备案）范围一致'),
      mat('fire_rules', '消防安全制度、灭火和应急疏散预案', '结合场所实际制定，明确消防安全责任人和管理人'),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...ORG_FIELDS,
      placeName: f.text('场所名称', '对外营业的名称'),
      placeAddress: f.text('场所地址', '详细到楼层', 200),
      area: f.number('使用面积（平方米）', '申报检查的场所面积', 1),
      placeType: f.select('场所类别', '按主要用途选择', ['餐饮场所', '宾馆、饭店', '商场、市场', '歌舞娱乐场所', '体育场馆', '其他']),
      procedure: f.radio('办理方式', '告知承诺方式当场发证，一般程序先检查后发证', ['告知承诺', '一般程序']),
    }),
  }),
];
