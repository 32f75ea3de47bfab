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
  /** A district's adoption of a city template (二次统筹, ADR 0045): the template's code. */
  template?: string;
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
  {
    code: '340600-YJS-0004',
    dept: 'hrss',
    region: '340600',
    content: {
      name: '退休',
      theme: '退休',
      audience: 'person',
      eligibility: '达到法定退休年龄、在本市参加职工基本养老保险的职工，由本人或所在单位申请。',
      summary: '养老保险待遇核定后，职工医保退休人员待遇核定和住房公积金退休提取接续办理，退休信息在部门间共享，无需重复提交退休证明。',
      outcomes: ['基本养老金核定表', '职工基本医疗保险退休人员待遇核定结果', '住房公积金提取（账户余额转入本人银行账户）'],
      promisedDays: 10,
      visits: 0,
      steps: WINDOW_STEPS,
      onMemberRefused: 'hold',
      members: [
        { key: 'pension', implementationCode: '340600-JF-0002', dependsOn: [] },
        { key: 'medical', implementationCode: '340600-GG-0014', dependsOn: ['pension'] },
        { key: 'fund', implementationCode: '340600-GG-0013', dependsOn: ['pension'] },
      ],
      fields: [{ key: 'retireDate', title: '退休日期', maps: map(['pension', 'retireDate'], ['medical', 'retireDate'], ['fund', 'retireDate']) }],
    },
  },
  {
    code: '340600-YJS-0005',
    dept: 'health',
    region: '340600',
    content: {
      name: '身后一件事',
      theme: '身后一件事',
      audience: 'person',
      eligibility: '本市户籍居民去世后，由其配偶、子女等近亲属申请。',
      summary: '居民死亡医学证明签发后，户口注销、丧葬补助金和抚恤金申领、住房公积金提取接续办理，逝者信息只填一次，死亡信息在部门间共享。',
      outcomes: ['居民死亡医学证明（推断）书', '户口注销证明', '丧葬补助金、抚恤金核定表', '住房公积金提取审批结果'],
      promisedDays: 5,
      visits: 0,
      steps: WINDOW_STEPS,
      onMemberRefused: 'continue',
      members: [
        { key: 'death', implementationCode: '340600-GG-0015', dependsOn: [] },
        { key: 'hukou', implementationCode: '340600-QR-0007', dependsOn: ['death'] },
        { key: 'pension', implementationCode: '340600-JF-0007', dependsOn: ['hukou'] },
        { key: 'fund', implementationCode: '340600-GG-0016', dependsOn: ['hukou'] },
      ],
      fields: [
        {
          key: 'deceasedName',
          title: '逝者姓名',
          maps: map(['death', 'deceasedName'], ['hukou', 'deceasedName'], ['pension', 'deceasedName'], ['fund', 'deceasedName']),
        },
        {
          key: 'deceasedIdNumber',
          title: '逝者公民身份号码',
          maps: map(['death', 'deceasedIdNumber'], ['hukou', 'deceasedIdNumber'], ['pension', 'deceasedIdNumber'], ['fund', 'deceasedIdNumber']),
        },
        { key: 'deathDate', title: '死亡日期', maps: map(['death', 'deathDate'], ['hukou', 'deathDate'], ['pension', 'deathDate'], ['fund', 'deathDate']) },
        { key: 'bankCard', title: '收款银行卡号', maps: map(['pension', 'bankCard'], ['fund', 'bankCard']) },
      ],
    },
  },
  {
    code: '340600-YJS-0006',
    dept: 'market',
    region: '340600',
    content: {
      name: '企业信息变更',
      theme: '企业信息变更',
      audience: 'organisation',
      eligibility: '在本市登记、名称、住所、法定代表人等登记事项发生变更的企业。',
      summary: '营业执照变更后，税务、社保、住房公积金的单位信息同步变更，一次申请、一套材料，变更信息在部门间自动推送。',
      outcomes: ['营业执照（变更后）', '变更税务登记信息', '社会保险登记信息（变更后）', '住房公积金单位缴存登记信息（变更后）'],
      promisedDays: 1,
      visits: 0,
      steps: ['一表申请', '并联办理', '一窗出件'],
      onMemberRefused: 'withdraw',
      members: [
        { key: 'change', implementationCode: '340600-XK-0013', dependsOn: [] },
        { key: 'tax', implementationCode: '340600-QT-0005', dependsOn: ['change'] },
        { key: 'social', implementationCode: '340600-GG-0017', dependsOn: ['change'] },
        { key: 'fund', implementationCode: '340600-GG-0018', dependsOn: ['change'] },
      ],
      fields: [
        {
          key: 'changeItems',
          title: '变更事项',
          maps: map(['change', 'changeItems'], ['tax', 'changeItems'], ['social', 'changeItems'], ['fund', 'changeItems']),
        },
        { key: 'changeDate', title: '变更日期', maps: map(['change', 'changeDate'], ['tax', 'changeDate'], ['social', 'changeDate'], ['fund', 'changeDate']) },
      ],
    },
  },
  {
    code: '340600-YJS-0007',
    dept: 'urban',
    region: '340600',
    content: {
      name: '水电气网联合报装',
      theme: '水电气网联合报装',
      audience: 'organisation',
      eligibility: '已取得建设工程规划许可或不动产权证书、需新装用水、用气、用电和宽带的企业和项目单位。',
      summary: '一张表单同时申请用水、用气、用电和宽带报装，联合勘察、同步施工；需要挖掘城市道路的，占用、挖掘城市道路审批并联办理。',
      outcomes: ['供水接入', '燃气接入', '装表接电', '宽带开通（需要的）', '占用、挖掘城市道路许可决定（需要的）'],
      promisedDays: 5,
      visits: 0,
      steps: ['一表申请', '联合勘察', '并联办理', '同步接入'],
      onMemberRefused: 'continue',
      members: [
        { key: 'water', implementationCode: '340600-GG-0019', dependsOn: [] },
        { key: 'gas', implementationCode: '340600-GG-0020', dependsOn: [] },
        { key: 'power', implementationCode: '340600-GG-0021', dependsOn: [] },
        { key: 'net', implementationCode: '340600-GG-0022', dependsOn: [], condition: { field: 'needBroadband', op: 'includeWhen', values: [true] } },
        { key: 'dig', implementationCode: '340600-XK-0014', dependsOn: [], condition: { field: 'needDig', op: 'includeWhen', values: [true] } },
      ],
      fields: [
        {
          key: 'projectName',
          title: '项目名称',
          maps: map(['water', 'projectName'], ['gas', 'projectName'], ['power', 'projectName'], ['net', 'projectName'], ['dig', 'projectName']),
        },
        {
          key: 'siteAddress',
          title: '用户地址',
          maps: map(['water', 'siteAddress'], ['gas', 'siteAddress'], ['power', 'siteAddress'], ['net', 'siteAddress'], ['dig', 'siteAddress']),
        },
        {
          key: 'needBroadband',
          title: '是否同时报装宽带',
          schema: { type: 'boolean', title: '是否同时报装宽带', description: '需要的，一并办理宽带网络报装', 'x-widget': 'switch' },
        },
        {
          key: 'needDig',
          title: '是否需要挖掘城市道路',
          schema: { type: 'boolean', title: '是否需要挖掘城市道路', description: '管线接入需要占用或挖掘城市道路的，一并办理审批', 'x-widget': 'switch' },
        },
      ],
    },
  },
];

/**
 * Districts' adoptions of the city's 开办餐饮店 (二次统筹, ADR 0045): 相山区 takes the template as it is; 濉溪县 leaves out
 * the outdoor-sign approval and promises 7 working days, so the city's harmonisation view has a difference to show.
 */
const restaurant = BUNDLES[0];
const withoutSign = (c: BundleContentInput): BundleContentInput => ({
  ...c,
  promisedDays: 7,
  members: c.members.filter((m) => m.key !== 'sign'),
  fields: (c.fields ?? []).filter((f) => f.key !== 'hasSign').map((f) => ({ ...f, maps: (f.maps ?? []).filter((m) => m.member !== 'sign') })),
});
BUNDLES.push(
  { code: '340603-YJS-0001', dept: 'xiangshanMarket', region: '340603', template: restaurant.code, content: structuredClone(restaurant.content) },
  { code: '340621-YJS-0001', dept: 'suixiMarket', region: '340621', template: restaurant.code, content: withoutSign(structuredClone(restaurant.content)) },
);
