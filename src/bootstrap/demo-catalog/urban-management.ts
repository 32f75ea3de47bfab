import { BUSINESS_LICENSE, DUTIES, type ImplementationSeed, ORG_FIELDS, f, form, impl, mat, onlineFree, steps, wd } from './kit.ts';

/** The demo guides of 城市管理 (the urban management theme). */
export const URBAN_MANAGEMENT: ImplementationSeed[] = [
  impl('340600-XK-0011', 'XK00801000', 'urban', {
    name: '户外广告设施设置审批',
    aliases: ['户外广告审批', '大型广告牌设置'],
    keywords: ['招牌', '广告牌', '店招', '门头'],
    legalBasis: '《城市市容和环境卫生管理条例》第十一条；《中华人民共和国广告法》第四十一条。',
    acceptanceConditions:
      '1. 设置地点、规格、形式符合本市户外广告设施设置规划和技术规范；\n2. 设施结构安全，大型户外广告设施经具备资质的单位进行结构设计和安全检测；\n3. 取得场地或建筑物所有权人、使用权人同意。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    ...onlineFree(),
    express: true,
    resultName: '户外广告设施设置许可决定书',
    resultType: 'approval',
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    intermediaryServices: [{ name: '大型户外广告设施结构安全检测', basis: '《城市市容和环境卫生管理条例》第十一条' }],
    responsibilityItems: DUTIES.license,
    materials: [
      BUSINESS_LICENSE,
      mat('application', '户外广告设施设置申请表', '申请人签字或盖章', { form: 'electronic' }),
      mat('design', '设置效果图及设计图纸', '注明设置位置、尺寸、材质和照明方式', { form: 'electronic' }),
      mat('consent', '场地或建筑物所有权人（使用权人）同意设置的证明', '所有权人签字或盖章；租赁场地的附租赁合同'),
      mat('safety_report', '结构安全检测报告', '大型户外广告设施提供，由具备资质的检测机构出具', { required: false }),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...ORG_FIELDS,
      location: f.text('设置地点', '详细到门牌号及建筑物立面', 200),
      size: f.text('规格（长×宽，米）', '如：6×1.2', 30),
      facilityType: f.select('设施类型', '按设置形式选择', ['招牌', '落地广告牌', '楼顶广告', '墙体广告', '电子显示屏']),
      period: f.select('设置期限', '期满需继续设置的，在期满 30 日前申请延续', ['1年', '2年', '3年']),
    }),
  }),
];
