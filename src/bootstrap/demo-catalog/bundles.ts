import type { BundleContentInput } from '../../modules/bundles/index.ts';
import type { DeptKey } from './kit.ts';

/**
 * The demo's bundles (一件事一次办, standards.md §9), composed of the demo catalogue's published implementations.
 * Each is seeded as a template an item admin can copy: created, submitted and approved, so that the public list
 * shows it with the reductions computed from the implementation versions it was published with.
 */
export interface BundleSeed {
  code: string;
  dept: DeptKey;
  region: string;
  content: BundleContentInput;
}

const map = (...pairs: [member: string, field: string][]) => pairs.map(([member, field]) => ({ member, field }));
const WINDOW_STEPS = ['一窗受理', '并联审批', '一窗出件'];

export const BUNDLES: BundleSeed[] = [
  {
    code: '340600-YJS-0001',
    dept: 'market',
    region: '340600',
    content: {
      name: '开办餐饮店',
      theme: '开办餐饮店',
      audience: 'organisation',
      eligibility: '在本市新开办餐饮店（饭馆、小吃店、咖啡馆等）的企业；已有营业执照的，可只申请其余事项。',
      summary: '一次申请、一套材料，一次办好营业执照、食品经营许可、消防安全检查和税务登记；设置户外招牌的，一并办理户外广告设施设置审批。',
      outcomes: ['营业执照', '食品经营许可证', '公众聚集场所投入使用、营业前消防安全检查合格证', '发票领用', '户外广告设施设置审批决定（设置招牌的）'],
      promisedDays: 5,
      visits: 0,
      steps: WINDOW_STEPS,
      onMemberRefused: 'hold',
      members: [
        { key: 'license', implementationCode: '340600-XK-0002', dependsOn: [] },
        { key: 'food', implementationCode: '340600-XK-0001', dependsOn: ['license'] },
        { key: 'fire', implementationCode: '340600-XK-0012', dependsOn: ['license'] },
        { key: 'tax', implementationCode: '340600-QT-0003', dependsOn: ['license'] },
        {
          key: 'sign',
          implementationCode: '340600-XK-0011',
          dependsOn: ['license'],
          condition: { field: 'hasSign', op: 'includeWhen', values: [true] },
        },
      ],
      fields: [
        {
          key: 'entityName',
          title: '企业名称',
          maps: map(['license', 'companyName'], ['food', 'entityName'], ['fire', 'entityName'], ['tax', 'entityName'], ['sign', 'entityName']),
        },
        { key: 'legalRep', title: '法定代表人', maps: map(['license', 'legalRep'], ['food', 'legalRep'], ['tax', 'legalRep']) },
        { key: 'address', title: '经营场所', maps: map(['license', 'address'], ['food', 'shopAddress'], ['fire', 'placeAddress']) },
        { key: 'uscc', title: '统一社会信用代码', maps: map(['food', 'usccCode'], ['fire', 'usccCode'], ['tax', 'usccCode'], ['sign', 'usccCode']) },
        { key: 'phone', title: '联系人手机', maps: map(['license', 'phone'], ['food', 'phone'], ['fire', 'phone'], ['tax', 'phone'], ['sign', 'phone']) },
        {
          key: 'hasSign',
          title: '是否设置户外招牌',
          schema: { type: 'boolean', title: '是否设置户外招牌', description: '设置户外招牌的，一并办理户外广告设施设置审批', 'x-widget': 'switch' },
        },
      ],
    },
  },
  {
    code: '340600-YJS-0002',
    dept: 'health',
    region: '340600',
    content: {
      name: '新生儿出生',
      theme: '新生儿出生',
      audience: 'person',
      eligibility: '在本市助产机构出生、随父或随母在本市落户的新生儿，由父母或其他监护人申请。',
      summary: '出生医学证明签发后，户口登记、城乡居民医保参保和社会保障卡申领接续办理，出生医学证明和户口簿信息自动流转，无需重复提交。',
      outcomes: ['出生医学证明', '居民户口簿（新生儿户籍登记）', '城乡居民基本医疗保险参保登记', '社会保障卡'],
      promisedDays: null,
      visits: 1,
      steps: WINDOW_STEPS,
      onMemberRefused: 'hold',
      members: [
        { key: 'birth', implementationCode: '340600-GG-0001', dependsOn: [] },
        { key: 'hukou', implementationCode: '340600-QR-0001', dependsOn: ['birth'] },
        { key: 'medical', implementationCode: '340600-GG-0006', dependsOn: ['hukou'] },
        { key: 'card', implementationCode: '340600-GG-0003', dependsOn: ['hukou'] },
      ],
      fields: [
        { key: 'babyName', title: '新生儿姓名', maps: map(['birth', 'babyName'], ['hukou', 'babyName'], ['medical', 'insuredName']) },
        { key: 'babyGender', title: '新生儿性别', maps: map(['birth', 'babyGender'], ['hukou', 'babyGender']) },
        { key: 'birthDate', title: '出生日期', maps: map(['birth', 'birthDate'], ['hukou', 'birthDate'], ['medical', 'birthDate']) },
        { key: 'guardianName', title: '申报人（监护人）姓名', maps: map(['hukou', 'applicantName'], ['medical', 'guardianName']) },
        { key: 'guardianIdNumber', title: '申报人（监护人）公民身份号码', maps: map(['hukou', 'applicantIdNumber'], ['medical', 'guardianIdNumber']) },
        { key: 'phone', title: '联系电话', maps: map(['birth', 'phone'], ['hukou', 'phone'], ['medical', 'phone'], ['card', 'phone']) },
      ],
    },
  },
  {
    code: '340600-YJS-0003',
    dept: 'market',
    region: '340600',
    content: {
      name: '企业开办',
      theme: '企业开办',
      audience: 'organisation',
      eligibility: '在本市新设立的有限责任公司；个体工商户和分支机构参照办理。',
      summary: '一次填报，同步办理营业执照、公章刻制、发票领用、单位参保登记和住房公积金单位缴存登记，首套印章免费刻制，结果一窗领取或免费寄递。',
      outcomes: ['营业执照', '公章刻制备案', '发票领用', '社会保险登记', '住房公积金单位缴存登记'],
      promisedDays: 1,
      visits: 0,
      steps: ['一表申请', '并联办理', '一窗出件'],
      onMemberRefused: 'hold',
      members: [
        { key: 'license', implementationCode: '340600-XK-0002', dependsOn: [] },
        { key: 'seal', implementationCode: '340600-QT-0004', dependsOn: ['license'] },
        { key: 'tax', implementationCode: '340600-QT-0003', dependsOn: ['license'] },
        { key: 'social', implementationCode: '340600-GG-0011', dependsOn: ['license'] },
        { key: 'fund', implementationCode: '340600-GG-0012', dependsOn: ['license'] },
      ],
      fields: [
        {
          key: 'entityName',
          title: '企业名称',
          maps: map(['license', 'companyName'], ['seal', 'entityName'], ['tax', 'entityName'], ['social', 'entityName'], ['fund', 'entityName']),
        },
        { key: 'uscc', title: '统一社会信用代码', maps: map(['seal', 'usccCode'], ['tax', 'usccCode'], ['social', 'usccCode'], ['fund', 'usccCode']) },
        {
          key: 'legalRep',
          title: '法定代表人',
          maps: map(['license', 'legalRep'], ['seal', 'legalRep'], ['tax', 'legalRep'], ['social', 'legalRep'], ['fund', 'legalRep']),
        },
        { key: 'employees', title: '职工人数', maps: map(['social', 'employees'], ['fund', 'employees']) },
        { key: 'phone', title: '联系人手机', maps: map(['license', 'phone'], ['seal', 'phone'], ['tax', 'phone'], ['social', 'phone'], ['fund', 'phone']) },
      ],
    },
  },
];
