import { ID_CARD, type ImplementationSeed, PERSON_FIELDS, f, form, impl, mat, nd, onlineFree, steps } from './kit.ts';

/** The demo guides of 司法 (the justice theme). */
export const JUSTICE: ImplementationSeed[] = [
  impl('340600-GG-0008', 'GG00401000', 'justice', {
    name: '法律援助申请',
    aliases: ['申请法律援助', '免费律师'],
    keywords: ['讨薪', '工伤', '法律援助', '12348'],
    legalBasis: '《中华人民共和国法律援助法》第三十一条、第四十一条、第四十三条。',
    acceptanceConditions:
      '因经济困难没有委托代理人的当事人，就依法请求国家赔偿、给予社会保险待遇或者社会救助、请求给付赡养费抚养费扶养费、请求确认劳动关系或者支付劳动报酬、请求工伤事故人身损害赔偿等事项申请法律援助；法律规定不受经济困难条件限制的情形除外。',
    caseType: '2',
    legalLimit: nd(7),
    promisedLimit: nd(3),
    ...onlineFree(['1', '2', '3', '4']),
    express: true,
    resultName: '给予法律援助决定书',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['法律服务', '就业'],
    materials: [
      ID_CARD(),
      mat('economic_statement', '经济困难状况说明表', '申请人如实填写并签字；可以个人诚信承诺代替证明', { pledgeAllowed: true }),
      mat('case_materials', '与所申请法律援助事项有关的材料', '能够说明案件基本事实和请求'),
    ],
    steps: steps(1, 1, 1),
    form: form({
      ...PERSON_FIELDS,
      matter: f.select('援助事项', '按主要请求选择', [
        '支付劳动报酬',
        '工伤事故人身损害赔偿',
        '社会保险待遇',
        '赡养费、抚养费、扶养费',
        '交通事故人身损害赔偿',
        '其他',
      ]),
      summary: f.textarea('案情简述', '简要说明争议经过和请求'),
    }),
  }),
];
