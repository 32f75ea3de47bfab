import type { Db } from '../platform/db/db.ts';
import { systemContext, type RequestContext } from '../platform/context.ts';
import { makeUscc } from '../platform/identity.ts';
import { createDepartment, findDepartmentByUscc } from '../modules/regions/index.ts';
import { createLicenseType, findLicenseType, type LicenseTypeInput } from '../modules/licenses/index.ts';
import {
  createBaseItem,
  createImplementation,
  findBaseItemByCode,
  findImplementationByCode,
  getVersion,
  transition,
  type ContentInput,
} from '../modules/catalog/index.ts';

/**
 * The demo catalogue of 淮北市: licence types, base items and published implementations (实施清单), made by hand
 * from what public 办事指南 contain. Laws are cited as in real guides; where a law fixes no time limit, the limits
 * are plausible local commitments, not facts. Five guides carry deliberate inspection findings (see FINDINGS): warnings only, since a guide with an error
 * cannot be submitted for review.
 */

// ── Licence types (证照类型): code = the defining body's USCC + 3 digits ─────────────────────────────────────

// Organisation bodies of the national defining bodies are illustrative, except 住房和城乡建设部 (standards.md §4).
const NATIONAL_BODIES = {
  samr: { name: '国家市场监督管理总局', org: '00002010' },
  nhc: { name: '国家卫生健康委员会', org: '00002020' },
  mps: { name: '公安部', org: '00002030' },
  mohrss: { name: '人力资源和社会保障部', org: '00002040' },
  mca: { name: '民政部', org: '00002050' },
  mnr: { name: '自然资源部', org: '00002060' },
  mohurd: { name: '住房和城乡建设部', org: '00001333' },
  mot: { name: '交通运输部', org: '00002070' },
  mee: { name: '生态环境部', org: '00002080' },
  fire: { name: '国家消防救援局', org: '00002090' },
} as const;
type Body = keyof typeof NATIONAL_BODIES;

const LICENCE_TYPE_DATA = [
  ['businessLicence', '营业执照', 'samr', '001', 'organisation'],
  ['foodLicence', '食品经营许可证', 'samr', '002', 'organisation'],
  ['publicHygiene', '公共场所卫生许可证', 'nhc', '001', 'organisation'],
  ['birthCert', '出生医学证明', 'nhc', '002', 'person'],
  ['vaccination', '预防接种证', 'nhc', '003', 'person'],
  ['householdBook', '居民户口簿', 'mps', '001', 'person'],
  ['idCard', '居民身份证', 'mps', '002', 'person'],
  ['driverLicence', '机动车驾驶证', 'mps', '003', 'person'],
  ['socialSecurityCard', '社会保障卡', 'mohrss', '001', 'person'],
  ['employmentCard', '就业创业证', 'mohrss', '002', 'person'],
  ['marriageCert', '结婚证', 'mca', '001', 'person'],
  ['divorceCert', '离婚证', 'mca', '002', 'person'],
  ['realEstateCert', '不动产权证书', 'mnr', '001', 'person'],
  ['realEstateProof', '不动产登记证明', 'mnr', '002', 'organisation'],
  ['planningPermit', '建设工程规划许可证', 'mnr', '003', 'organisation'],
  ['constructionPermit', '建筑工程施工许可证', 'mohurd', '001', 'organisation'],
  ['presaleLicence', '商品房预售许可证', 'mohurd', '002', 'organisation'],
  ['roadTransportLicence', '道路运输经营许可证', 'mot', '001', 'organisation'],
  ['pollutantPermit', '排污许可证', 'mee', '001', 'organisation'],
  ['fireSafetyCert', '公众聚集场所投入使用、营业前消防安全检查合格证', 'fire', '001', 'organisation'],
] as const satisfies readonly (readonly [string, string, Body, string, 'person' | 'organisation'])[];
type LicenceKey = (typeof LICENCE_TYPE_DATA)[number][0];

const bodyUscc = (body: Body) => makeUscc('11', '100000', NATIONAL_BODIES[body].org);

export const LICENCE_TYPES: LicenseTypeInput[] = LICENCE_TYPE_DATA.map(([, name, body, seq, holderKind]) => ({
  code: bodyUscc(body) + seq,
  name,
  definingBodyName: NATIONAL_BODIES[body].name,
  holderKind,
}));

/** Licence type codes by key, for materials (免证可办) and results. */
const LT = Object.fromEntries(LICENCE_TYPE_DATA.map(([key, , body, seq]) => [key, bodyUscc(body) + seq])) as Record<LicenceKey, string>;

// ── Departments: those of demo.ts (seeded first) and the ones this catalogue adds ──────────────────────────────

interface DepartmentSeed {
  name: string;
  region: string;
  org: string;
  /** Created by demo.ts; only looked up here. */
  fromDemo?: boolean;
}

const DEPARTMENTS = {
  market: { name: '淮北市市场监督管理局', region: '340600', org: '00300002', fromDemo: true },
  health: { name: '淮北市卫生健康委员会', region: '340600', org: '00300003', fromDemo: true },
  police: { name: '淮北市公安局', region: '340600', org: '00300004', fromDemo: true },
  hrss: { name: '淮北市人力资源和社会保障局', region: '340600', org: '00300005', fromDemo: true },
  medical: { name: '淮北市医疗保障局', region: '340600', org: '00300006', fromDemo: true },
  justice: { name: '淮北市司法局', region: '340600', org: '00300007', fromDemo: true },
  xiangshanMarket: { name: '相山区市场监督管理局', region: '340603', org: '00300101', fromDemo: true },
  suixiMarket: { name: '濉溪县市场监督管理局', region: '340621', org: '00300201', fromDemo: true },
  civil: { name: '淮北市民政局', region: '340600', org: '00300010' },
  housing: { name: '淮北市住房和城乡建设局', region: '340600', org: '00300011' },
  land: { name: '淮北市自然资源和规划局', region: '340600', org: '00300012' },
  transport: { name: '淮北市交通运输局', region: '340600', org: '00300013' },
  ecology: { name: '淮北市生态环境局', region: '340600', org: '00300014' },
  urban: { name: '淮北市城市管理局', region: '340600', org: '00300015' },
  fire: { name: '淮北市消防救援支队', region: '340600', org: '00300016' },
  tax: { name: '国家税务总局淮北市税务局', region: '340600', org: '00300017' },
  suixiHealth: { name: '濉溪县卫生健康委员会', region: '340621', org: '00300202' },
} satisfies Record<string, DepartmentSeed>;
type DeptKey = keyof typeof DEPARTMENTS;

const departmentUscc = (key: DeptKey) => makeUscc('11', DEPARTMENTS[key].region, DEPARTMENTS[key].org);

// ── Common elements: where, when and whom to ask, per department ───────────────────────────────────────────

interface Office {
  place: string;
  hours: string;
  consultation: string;
  complaint: string;
}

const CITY_HOURS = '工作日 上午 8:30-12:00，下午 13:30-17:00（法定节假日除外；周六上午提供预约服务）';
const COUNTY_HOURS = '工作日 上午 8:30-12:00，下午 14:00-17:30（法定节假日除外）';
const cityHall = (window: string) => `淮北市政务服务中心${window}`;
const complaint = (phone: string) => `12345政务服务便民热线；淮北市政务服务管理局监督电话 ${phone}`;

const OFFICES: Record<DeptKey, Office> = {
  market: { place: cityHall('二楼 企业开办专区 市场监管窗口'), hours: CITY_HOURS, consultation: '0561-3196231（市场监管窗口）', complaint: complaint('0561-3196100') },
  health: { place: cityHall('二楼 卫生健康窗口'), hours: CITY_HOURS, consultation: '0561-3196245（卫生健康窗口）', complaint: complaint('0561-3196100') },
  police: { place: cityHall('一楼 公安综合窗口；各公安派出所户籍窗口'), hours: CITY_HOURS, consultation: '0561-3196110（公安综合窗口）', complaint: complaint('0561-3196100') },
  hrss: { place: cityHall('三楼 人社综合窗口；各县区社会保险经办机构'), hours: CITY_HOURS, consultation: '0561-12333（人社服务热线）', complaint: complaint('0561-3196100') },
  medical: { place: cityHall('三楼 医保窗口；各县区医疗保障经办机构'), hours: CITY_HOURS, consultation: '0561-3196263（医保窗口）', complaint: complaint('0561-3196100') },
  justice: { place: '淮北市公共法律服务中心 一楼 法律援助窗口', hours: CITY_HOURS, consultation: '12348（公共法律服务热线）', complaint: complaint('0561-3196100') },
  civil: { place: '淮北市婚姻登记处；各县区民政局婚姻登记处', hours: CITY_HOURS, consultation: '0561-3196270（民政窗口）', complaint: complaint('0561-3196100') },
  housing: { place: cityHall('四楼 工程建设项目审批综合窗口'), hours: CITY_HOURS, consultation: '0561-3196282（住建窗口）', complaint: complaint('0561-3196100') },
  land: { place: cityHall('一楼 不动产登记窗口（淮北市不动产登记中心）'), hours: CITY_HOURS, consultation: '0561-3196290（不动产登记窗口）', complaint: complaint('0561-3196100') },
  transport: { place: cityHall('四楼 交通运输窗口'), hours: CITY_HOURS, consultation: '0561-3196305（交通运输窗口）', complaint: complaint('0561-3196100') },
  ecology: { place: cityHall('四楼 生态环境窗口'), hours: CITY_HOURS, consultation: '0561-3196312（生态环境窗口）', complaint: complaint('0561-3196100') },
  urban: { place: cityHall('四楼 城市管理窗口'), hours: CITY_HOURS, consultation: '0561-3196318（城市管理窗口）', complaint: complaint('0561-3196100') },
  fire: { place: cityHall('四楼 消防窗口'), hours: CITY_HOURS, consultation: '0561-3196119（消防窗口）', complaint: complaint('0561-3196100') },
  tax: { place: cityHall('二楼 企业开办专区 税务综合窗口'), hours: CITY_HOURS, consultation: '12366（纳税缴费服务热线）', complaint: complaint('0561-3196100') },
  xiangshanMarket: { place: '相山区政务服务中心 一楼 市场监管窗口', hours: COUNTY_HOURS, consultation: '0561-3868231（相山区市场监管窗口）', complaint: '12345政务服务便民热线；相山区数据资源管理局监督电话 0561-3868100' },
  suixiMarket: { place: '濉溪县政务服务中心 二楼 市场监管窗口', hours: COUNTY_HOURS, consultation: '0561-6096231（濉溪县市场监管窗口）', complaint: '12345政务服务便民热线；濉溪县数据资源管理局监督电话 0561-6096100' },
  suixiHealth: { place: '濉溪县政务服务中心 二楼 卫生健康窗口', hours: COUNTY_HOURS, consultation: '0561-6096245（濉溪县卫生健康窗口）', complaint: '12345政务服务便民热线；濉溪县数据资源管理局监督电话 0561-6096100' },
};

// ── Builders for the elements every guide has ──────────────────────────────────────────────────────────────

type MaterialInput = NonNullable<ContentInput['materials']>[number];
type StepInput = NonNullable<ContentInput['steps']>[number];
type FieldSchema = Record<string, unknown>;
type MaterialOptions = Partial<Pick<MaterialInput, 'required' | 'form' | 'originals' | 'copies' | 'legalBasis' | 'pledgeAllowed'>>;

const wd = (value: number) => ({ value, unit: 'working_day' as const });
const nd = (value: number) => ({ value, unit: 'natural_day' as const });

/** A material the applicant brings. */
function mat(key: string, name: string, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'both', source: 'applicant', originals: 1, copies: 0, acceptanceStandard, ...o };
}

/** A material taken from the licence catalogue (免证可办): the platform fetches it instead of asking for it. */
function lic(key: string, name: string, licence: LicenceKey, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'electronic', source: 'licence', licenseTypeCode: LT[licence], originals: 1, copies: 0, acceptanceStandard, ...o };
}

/** A material another department supplies through data sharing. */
function shared(key: string, name: string, sourceDepartment: string, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'electronic', source: 'department', sourceDepartment, acceptanceStandard, ...o };
}

const ID_CARD = (who = '申请人') => lic('id_card', `${who}居民身份证`, 'idCard', '在有效期内；经电子证照库核验的免于提交实体证件');
const BUSINESS_LICENCE = lic('business_licence', '营业执照', 'businessLicence', '主体名称、统一社会信用代码与申请一致；经电子证照库核验的免于提交');
const AGENT = mat('agent_authorisation', '授权委托书及代理人身份证件', '委托事项和权限明确，委托人签字或盖章；本人办理的免于提交', { required: false });

/** 受理 → 审查 → 决定, with the working days each may take. */
function steps(accept: number, review: number, decide: number): StepInput[] {
  return [
    { key: 'accept', name: '受理', role: 'clerk', budgetDays: accept },
    { key: 'review', name: '审查', role: 'reviewer', budgetDays: review },
    { key: 'decide', name: '决定', role: 'reviewer', budgetDays: decide },
  ];
}

function flow(...list: [key: string, name: string, role: 'clerk' | 'reviewer', days: number][]): StepInput[] {
  return list.map(([key, name, role, budgetDays]) => ({ key, name, role, budgetDays }));
}

/** Form fields: each with its title, widget, matching type/format, and a description for the applicant. */
const f = {
  text: (title: string, description: string, maxLength = 100): FieldSchema => ({ type: 'string', title, description, maxLength, 'x-widget': 'text' }),
  textarea: (title: string, description: string): FieldSchema => ({ type: 'string', title, description, maxLength: 1000, 'x-widget': 'textarea' }),
  number: (title: string, description: string, minimum = 0): FieldSchema => ({ type: 'number', title, description, minimum, 'x-widget': 'number' }),
  date: (title: string, description: string): FieldSchema => ({ type: 'string', format: 'date', title, description, 'x-widget': 'date' }),
  idNumber: (title: string, description = '18 位公民身份号码，末位为 X 的请大写'): FieldSchema => ({ type: 'string', format: 'cn-id-number', title, description, 'x-widget': 'id-number' }),
  phone: (title = '联系电话', description = '11 位手机号码，用于接收办理进度和结果短信'): FieldSchema => ({ type: 'string', format: 'cn-mobile', title, description, 'x-widget': 'phone' }),
  uscc: (title = '统一社会信用代码', description = '18 位，见营业执照'): FieldSchema => ({ type: 'string', format: 'uscc', title, description, 'x-widget': 'uscc' }),
  select: (title: string, description: string, options: string[]): FieldSchema => ({ type: 'string', title, description, enum: options, 'x-widget': 'select' }),
  radio: (title: string, description: string, options: string[]): FieldSchema => ({ type: 'string', title, description, enum: options, 'x-widget': 'radio' }),
  checkbox: (title: string, description: string, options: string[]): FieldSchema => ({ type: 'array', title, description, items: { type: 'string', enum: options }, 'x-widget': 'checkbox' }),
};

/** An application form; every field is required unless listed in `optional`. */
function form(fields: Record<string, FieldSchema>, optional: string[] = []): NonNullable<ContentInput['form']> {
  const keys = Object.keys(fields);
  return { type: 'object', properties: fields, required: keys.filter((k) => !optional.includes(k)), 'x-order': keys };
}

const PERSON_FIELDS = {
  applicantName: f.text('申请人姓名', '与居民身份证上的姓名一致', 50),
  applicantIdNumber: f.idNumber('公民身份号码'),
  phone: f.phone(),
};

const ORG_FIELDS = {
  entityName: f.text('单位名称', '与营业执照（登记证书）上的名称一致'),
  usccCode: f.uscc(),
  phone: f.phone('联系人手机', '经办人手机号码，用于接收办理进度和结果短信'),
};

/** 责任事项 of the powers list (权责清单), by kind of power. */
const DUTIES = {
  licence: [
    '受理责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或者不予受理（不予受理的书面告知理由）。',
    '审查责任：对申请材料进行审查，需要现场核查的组织核查；涉及他人重大利益的，告知利害关系人并听取意见。',
    '决定责任：在法定期限内作出准予或者不予许可的决定；不予许可的说明理由，并告知申请行政复议或者提起行政诉讼的权利。',
    '送达责任：准予许可的制发证照或者批准文件，依法送达并公开。',
    '事后监管责任：依法对被许可人从事许可事项的活动进行监督检查。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  penalty: [
    '立案责任：对监督检查、投诉举报、移送等发现的违法线索及时核查，符合条件的予以立案。',
    '调查责任：由两名以上执法人员调查取证，出示执法证件，不得少于两人，与当事人有利害关系的应当回避。',
    '审查责任：对案件事实、证据、依据、程序及处罚裁量进行审查；重大案件经法制审核和集体讨论。',
    '告知责任：作出处罚决定前书面告知拟处罚的事实、理由、依据，以及陈述、申辩和要求听证的权利。',
    '决定责任：依法作出行政处罚决定，载明违法事实、依据和救济途径。',
    '送达责任：行政处罚决定书在宣告后当场交付当事人，当事人不在场的在七日内依法送达。',
    '执行责任：监督当事人履行处罚决定；逾期不履行的依法强制执行或者申请人民法院强制执行。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  coercion: [
    '审批责任：实施前向行政机关负责人报告并经批准；情况紧急需要当场实施的，在二十四小时内补办批准手续。',
    '告知责任：通知当事人到场，当场告知采取行政强制措施的理由、依据以及当事人依法享有的权利和救济途径。',
    '实施责任：由两名以上执法人员实施，制作现场笔录，当场交付查封、扣押决定书和清单。',
    '处置责任：在法定期限内作出处理决定；对违法事实清楚、依法应当没收的依法没收，不再需要查封、扣押的及时解除。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  levy: [
    '受理责任：公示征收对象、标准、依据和程序，受理缴费申报。',
    '审核责任：审核征收对象、计征依据和数额，依法应当减免的按规定办理。',
    '决定责任：依法作出征收决定，开具缴款通知。',
    '征收责任：依法足额征收，全额缴入国库或者财政专户，不得截留、挪用。',
    '事后监管责任：对欠缴行为依法催缴和处理。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  payment: [
    '受理责任：公示给付条件、标准、材料和程序，一次性告知补正材料，依法受理或者不予受理。',
    '审核责任：审核申请人资格和待遇标准，必要时进行核查。',
    '决定责任：作出给付或者不予给付的决定；不予给付的说明理由。',
    '发放责任：按规定标准和时限足额发放待遇。',
    '事后监管责任：定期核查享受待遇人员资格，对以欺诈、伪造证明材料等手段骗取待遇的，依法追回并处理。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  inspection: [
    '检查责任：按照"双随机、一公开"要求制定并公布抽查计划；由两名以上执法人员实施，出示执法证件。',
    '处置责任：发现问题的责令限期改正；涉嫌违法的依法立案查处。',
    '移送责任：发现涉嫌犯罪的依法移送公安机关。',
    '公开责任：检查结果依法向社会公示，并记入经营主体信用记录。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  confirmation: [
    '受理责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或者不予受理。',
    '审查责任：对申请材料的真实性、合法性进行审查，必要时调查核实。',
    '决定责任：符合条件的予以确认（登记），不符合条件的书面说明理由。',
    '送达责任：制发证照或者确认文书并依法送达。',
    '事后监管责任：对确认（登记）信息依法维护、更正和监督。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  award: [
    '受理责任：登记举报事项，告知举报人奖励条件和领取方式。',
    '审查责任：核查举报内容与查处结果的关联程度，确定奖励等级和金额。',
    '决定责任：依法作出奖励决定，并为举报人保密。',
    '兑付责任：通知举报人在规定期限内领取奖金。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  adjudication: [
    '受理责任：审查申请是否属于受理范围，依法受理或者不予受理。',
    '调查责任：调查取证、现场勘查，组织双方当事人调解。',
    '审理责任：调解不成的，对争议事实、证据和法律适用进行审理。',
    '裁决责任：依法作出处理决定，告知申请行政复议或者提起行政诉讼的权利。',
    '送达责任：依法送达处理决定书。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
  other: [
    '受理责任：公示办理条件、材料和流程，依法受理。',
    '审查责任：对填报内容进行形式审查。',
    '办结责任：符合条件的即时办结并出具回执或者结果。',
    '事后监管责任：对填报内容的真实性进行事中事后核查。',
    '其他法律法规规章文件规定应履行的责任。',
  ],
};

type GuideInput = Omit<ContentInput, keyof Office> & Partial<Office>;

interface ImplementationSeed {
  code: string;
  base: string;
  dept: DeptKey;
  content: ContentInput;
}

/** One implementation: the department's office elements, overridable per guide. */
function impl(code: string, base: string, dept: DeptKey, content: GuideInput): ImplementationSeed {
  return { code, base, dept, content: { ...OFFICES[dept], ...content } };
}

// ── Base items (基本目录) ─────────────────────────────────────────────────────────────────────────────────

interface BaseItemSeed {
  code: string;
  name: string;
  itemType: string;
  useLevel: string;
  legalBasis: string;
}

const base = (code: string, name: string, itemType: string, useLevel: string, legalBasis: string): BaseItemSeed => ({ code, name, itemType, useLevel, legalBasis });

export const BASE_ITEMS: BaseItemSeed[] = [
  base('XK00101000', '食品经营许可', '01', '7', '《中华人民共和国食品安全法》第三十五条'),
  base('XK00102000', '企业设立登记', '01', '3', '《中华人民共和国市场主体登记管理条例》第三条'),
  base('XK00103000', '个体工商户设立登记', '01', '4', '《中华人民共和国市场主体登记管理条例》第三条；《促进个体工商户发展条例》'),
  base('XK00201000', '公共场所卫生许可', '01', '7', '《公共场所卫生管理条例》第八条'),
  base('XK00301000', '机动车驾驶证核发、审验', '01', '3', '《中华人民共和国道路交通安全法》第十九条'),
  base('XK00401000', '建筑工程施工许可证核发', '01', '3', '《中华人民共和国建筑法》第七条'),
  base('XK00402000', '商品房预售许可', '01', '3', '《中华人民共和国城市房地产管理法》第四十五条'),
  base('XK00501000', '建设工程规划许可证核发', '01', '3', '《中华人民共和国城乡规划法》第四十条'),
  base('XK00601000', '道路货物运输经营许可', '01', '3', '《中华人民共和国道路运输条例》第二十四条'),
  base('XK00701000', '建设项目环境影响评价审批', '01', '3', '《中华人民共和国环境影响评价法》第二十二条'),
  base('XK00702000', '排污许可证核发', '01', '3', '《排污许可管理条例》第六条'),
  base('XK00801000', '户外广告设施设置审批', '01', '3', '《城市市容和环境卫生管理条例》第十一条'),
  base('XK00901000', '公众聚集场所投入使用、营业前消防安全检查', '01', '3', '《中华人民共和国消防法》第十五条'),
  base('CF00101000', '对未取得食品经营许可从事食品经营活动的行政处罚', '02', '7', '《中华人民共和国食品安全法》第一百二十二条'),
  base('CF00201000', '对定点医药机构骗取医疗保障基金支出的行政处罚', '02', '3', '《医疗保障基金使用监督管理条例》第四十条'),
  base('CF00301000', '对未取得道路运输经营许可擅自从事道路运输经营的行政处罚', '02', '3', '《中华人民共和国道路运输条例》第六十三条'),
  base('QZ00101000', '查封、扣押不符合食品安全标准的食品', '03', '7', '《中华人民共和国食品安全法》第一百一十条'),
  base('ZS00101000', '耕地开垦费征收', '04', '3', '《中华人民共和国土地管理法》第三十条'),
  base('ZS00201000', '城乡居民基本医疗保险费征收', '04', '3', '《中华人民共和国社会保险法》第五十九条'),
  base('JF00101000', '失业保险金申领', '05', '3', '《中华人民共和国社会保险法》第四十五条'),
  base('JF00102000', '职工基本养老保险待遇申领', '05', '3', '《中华人民共和国社会保险法》第十六条'),
  base('JF00201000', '生育津贴支付', '05', '3', '《中华人民共和国社会保险法》第五十四条'),
  base('JF00202000', '生育医疗费用报销', '05', '3', '《中华人民共和国社会保险法》第五十五条'),
  base('JF00301000', '最低生活保障审核确认', '05', '4', '《社会救助暂行办法》第九条'),
  base('JF00302000', '高龄津贴申领', '05', '4', '《中华人民共和国老年人权益保障法》第三十三条'),
  base('JC00101000', '食品经营日常监督检查', '06', '7', '《中华人民共和国食品安全法》第一百一十条'),
  base('JC00201000', '医疗保障基金使用监督检查', '06', '3', '《医疗保障基金使用监督管理条例》'),
  base('QR00101000', '出生登记', '07', '4', '《中华人民共和国户口登记条例》第七条'),
  base('QR00102000', '居民身份证申领', '07', '4', '《中华人民共和国居民身份证法》第八条'),
  base('QR00201000', '内地居民结婚登记', '07', '4', '《中华人民共和国民法典》第一千零四十九条'),
  base('QR00202000', '内地居民离婚登记', '07', '4', '《中华人民共和国民法典》第一千零七十六条'),
  base('QR00301000', '国有建设用地使用权及房屋所有权转移登记', '07', '3', '《不动产登记暂行条例》第三条'),
  base('QR00302000', '不动产抵押权登记', '07', '3', '《不动产登记暂行条例》第三条'),
  base('JL00101000', '食品安全违法行为举报奖励', '08', '7', '《中华人民共和国食品安全法》第一百一十五条'),
  base('CJ00101000', '土地权属争议行政裁决', '09', '3', '《中华人民共和国土地管理法》第十四条'),
  base('QT00101000', '建设项目环境影响登记表备案', '10', '3', '《中华人民共和国环境影响评价法》第十六条'),
  base('QT00102000', '固定污染源排污登记', '10', '3', '《排污许可管理条例》第二十四条'),
  base('QT00201000', '发票领用', '10', '3', '《中华人民共和国发票管理办法》第十五条'),
  base('GG00101000', '出生医学证明签发', '20', '3', '《中华人民共和国母婴保健法》第二十三条'),
  base('GG00102000', '预防接种证办理', '20', '4', '《中华人民共和国疫苗管理法》第四十七条'),
  base('GG00201000', '社会保障卡申领', '20', '3', '《中华人民共和国社会保险法》第五十八条'),
  base('GG00202000', '失业登记', '20', '3', '《中华人民共和国社会保险法》第五十条'),
  base('GG00203000', '城乡居民基本养老保险参保登记', '20', '3', '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）'),
  base('GG00301000', '城乡居民基本医疗保险参保登记', '20', '3', '《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）'),
  base('GG00302000', '异地就医备案', '20', '3', '《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）'),
  base('GG00401000', '法律援助申请', '20', '3', '《中华人民共和国法律援助法》第四十一条'),
  base('GG00501000', '不动产登记资料查询', '20', '3', '《不动产登记暂行条例》第二十七条'),
];

// ── Guides shared by several regions (二次统筹 compares them) ──────────────────────────────────────────────────

const FOOD_LICENCE_MATERIALS: MaterialInput[] = [
  BUSINESS_LICENCE,
  mat('application', '食品经营许可申请书', '申请人签字或盖章；经营项目勾选与实际经营一致', { form: 'electronic' }),
  mat('layout', '经营场所平面布局图、设备布局图及工艺流程图', '标明粗加工、烹饪、餐用具清洗消毒、库房等功能区及面积，流程符合生进熟出、防止交叉污染', { form: 'electronic' }),
  mat('safety_rules', '食品安全管理制度目录及食品安全管理人员信息', '制度名称齐全，食品安全管理人员姓名、联系方式真实；可以告知承诺方式提交', { pledgeAllowed: true }),
  AGENT,
];

function foodLicence(overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    name: '食品经营许可（餐饮服务）',
    aliases: ['餐饮服务许可证', '饭店许可证'],
    keywords: ['开饭店', '餐馆', '小吃店', '食品经营许可证', '新办'],
    legalBasis: '《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。\n《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。',
    acceptanceConditions:
      '1. 申请人已取得营业执照等合法主体资格；\n2. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，并与有毒、有害场所以及其他污染源保持规定的距离；\n3. 具有与经营的食品品种、数量相适应的经营设备或者设施，有相应的消毒、更衣、盥洗、采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤以及处理废水、存放垃圾和废弃物的设备或者设施；\n4. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n5. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染。',
    caseType: '2',
    legalLimit: wd(10),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3', '4'],
    onlineDepth: 4,
    express: true,
    appointment: true,
    fees: [],
    resultName: '食品经营许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.foodLicence,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '需要现场核查的，现场核查时间不计入办理时限（《中华人民共和国行政许可法》第四十五条）；申请人作出告知承诺的，可先行发证后开展现场核查。',
    responsibilityItems: DUTIES.licence,
    materials: FOOD_LICENCE_MATERIALS,
    steps: steps(1, 3, 1),
    form: form(
      {
        ...ORG_FIELDS,
        legalRep: f.text('法定代表人（负责人）', '与营业执照一致', 50),
        shopAddress: f.text('经营场所', '详细到门牌号，与营业执照一致', 200),
        businessItems: f.checkbox('经营项目', '按实际经营勾选，可多选', ['热食类食品制售', '冷食类食品制售', '生食类食品制售', '半成品制售', '自制饮品制售', '预包装食品销售']),
        seats: f.number('就餐座位数', '无堂食的填 0'),
      },
      ['seats'],
    ),
    ...overrides,
  };
}

function soleTrader(): GuideInput {
  return {
    name: '个体工商户设立登记',
    aliases: ['个体户营业执照', '个体户注册'],
    keywords: ['个体户', '门店', '营业执照', '开店'],
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十九条；《促进个体工商户发展条例》（国务院令第755号）。',
    acceptanceConditions: '1. 申请人为有经营能力的公民，可以个人经营或者家庭经营；\n2. 有符合规定的经营场所；\n3. 经营范围不属于法律、行政法规禁止个体工商户经营的项目；\n4. 申请材料齐全、符合法定形式。',
    caseType: '1',
    legalLimit: wd(3),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '营业执照（个体工商户）',
    resultType: 'licence',
    resultLicenseTypeCode: LT.businessLicence,
    serviceObjects: ['1'],
    topics: ['开办餐饮店'],
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '个体工商户登记（备案）申请书', '经营者本人签字（电子签名）；经营范围按登记规范表述', { form: 'electronic' }),
      ID_CARD('经营者'),
      mat('premises', '经营场所使用证明', '载明经营场所地址；无法提供的，可以《住所（经营场所）申报承诺书》代替', { pledgeAllowed: true }),
    ],
    steps: steps(0, 0, 0),
    form: form(
      {
        ...PERSON_FIELDS,
        tradeName: f.text('字号名称', '可不使用字号；使用的不得与同一登记机关已登记的重名', 50),
        operatingForm: f.radio('组成形式', '家庭经营的须登记参加经营的家庭成员', ['个人经营', '家庭经营']),
        shopAddress: f.text('经营场所', '详细到门牌号', 200),
        businessScope: f.textarea('经营范围', '按《经营范围登记规范表述目录》选择'),
      },
      ['tradeName'],
    ),
  };
}

function publicHygiene(overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    name: '公共场所卫生许可',
    aliases: ['卫生许可证'],
    keywords: ['宾馆', '美容美发', '游泳场所', '沐浴', '歌舞厅', 'KTV'],
    legalBasis:
      '《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条。\n《国务院关于整合调整餐饮服务场所的公共场所卫生许可证和食品经营许可证的决定》（国发〔2016〕12号）：饭馆、咖啡馆、酒吧、茶座等餐饮服务场所不再实行公共场所卫生许可。',
    acceptanceConditions:
      '1. 已取得营业执照等主体资格；\n2. 经营场所选址、设计、布局及卫生设施设备符合公共场所卫生标准和规范；\n3. 从业人员取得有效健康合格证明；\n4. 建立卫生管理制度，配备专（兼）职卫生管理人员。\n适用于宾馆、美容美发、沐浴、游泳、歌舞厅等公共场所；餐饮店附设上述场所的一并申请。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(10),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '公共场所卫生许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.publicHygiene,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '现场审核时间不计入办理时限。',
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '公共场所卫生许可申请表', '法定代表人（负责人）签字或盖章', { form: 'electronic' }),
      BUSINESS_LICENCE,
      mat('layout', '经营场所平面图及卫生设施设置情况', '标明功能分区、面积及消毒、通风、给排水等卫生设施位置', { form: 'electronic' }),
      mat('health_certificates', '从业人员健康合格证明', '在有效期内；可作出告知承诺，承诺后 30 日内补交', { pledgeAllowed: true }),
      mat('hygiene_rules', '卫生管理制度', '包括清洗消毒、从业人员健康管理、卫生检测等制度'),
    ],
    steps: steps(1, 7, 2),
    form: form({
      ...ORG_FIELDS,
      placeType: f.select('场所类别', '按主要经营业态选择', ['住宿场所', '沐浴场所', '美容美发场所', '游泳场所', '文化娱乐场所', '商场（店）', '其他']),
      area: f.number('营业面积（平方米）', '按实际使用面积填写', 1),
      placeAddress: f.text('经营地址', '详细到门牌号', 200),
    }),
    ...overrides,
  };
}

function foodInspection(): GuideInput {
  return {
    name: '食品经营日常监督检查',
    keywords: ['双随机', '食品安全检查', '飞行检查'],
    legalBasis: '《中华人民共和国食品安全法》第一百一十条；《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）。',
    acceptanceConditions: '依据年度监督检查计划、风险分级结果和"双随机、一公开"抽查，对辖区内食品经营者开展日常监督检查；接到投诉举报或发现风险线索时开展专项检查、飞行检查。',
    caseType: '9',
    legalLimit: wd(20),
    promisedLimit: wd(20),
    visits: 1,
    visitsReason: '检查在经营场所现场实施，被检查人须在场配合，并在检查记录上签字确认。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '食品安全监督检查要点表及检查结果记录',
    resultType: 'record',
    serviceObjects: ['1', '2', '6'],
    topics: ['市场监管'],
    inHall: false,
    notInHallReason: '现场检查事项，由执法人员到经营场所实施，不进驻政务服务大厅。',
    responsibilityItems: DUTIES.inspection,
    materials: [
      BUSINESS_LICENCE,
      lic('food_licence', '食品经营许可证', 'foodLicence', '在有效期内，经营项目与实际一致'),
      mat('records', '进货查验记录、从业人员健康证明及食品安全自查记录', '记录完整、可追溯，保存期限符合规定'),
    ],
    steps: flow(['plan', '制定检查计划', 'clerk', 2], ['inspect', '现场检查', 'reviewer', 5], ['handle', '结果处理与公示', 'reviewer', 5]),
    form: form({
      ...ORG_FIELDS,
      shopAddress: f.text('经营场所', '被检查的经营场所地址', 200),
      contactPerson: f.text('现场负责人', '接受检查并签字确认的人员', 50),
    }),
  };
}

// ── The implementations (实施清单) ────────────────────────────────────────────────────────────────────────

/** The guides that carry a deliberate inspection finding, so the inspection page has something to show. */
export const FINDINGS: Record<string, string> = {
  '340621-XK-0001': 'MATERIAL_WITHOUT_STANDARD',
  '340600-JF-0006': 'VISITS_WITHOUT_REASON',
  '340600-QR-0006': 'RESULT_LICENCE_TYPE_MISSING',
  '340600-XK-0008': 'STEPS_EXCEED_PROMISED',
  '340600-JF-0001': 'ON_THE_SPOT_WITH_LIMIT',
};

export const IMPLEMENTATIONS: ImplementationSeed[] = [
  // —— 市场监管 ——
  impl('340600-XK-0001', 'XK00101000', 'market', foodLicence()),
  impl('340603-XK-0001', 'XK00101000', 'xiangshanMarket', foodLicence({ promisedLimit: wd(3), steps: steps(1, 1, 1) })),
  impl(
    '340621-XK-0001',
    'XK00101000',
    'suixiMarket',
    foodLicence({
      handlingForms: ['1', '2', '3'],
      // Deliberate finding: the extra material has no acceptance standard.
      materials: [...FOOD_LICENCE_MATERIALS, mat('staff_health', '从业人员健康证明', '')],
    }),
  ),
  impl('340600-XK-0002', 'XK00102000', 'market', {
    name: '企业设立登记（有限责任公司）',
    aliases: ['公司注册', '办营业执照', '企业开办'],
    keywords: ['开公司', '注册公司', '营业执照', '一网通办'],
    legalBasis: '《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、第十九条；《中华人民共和国市场主体登记管理条例实施细则》。',
    acceptanceConditions: '1. 企业名称经自主申报，符合企业名称登记管理规定；\n2. 有符合规定的住所（经营场所）；\n3. 股东符合法定人数，出资方式、公司章程符合《中华人民共和国公司法》规定；\n4. 申请材料齐全、符合法定形式。',
    caseType: '1',
    legalLimit: wd(3),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '营业执照',
    resultType: 'licence',
    resultLicenseTypeCode: LT.businessLicence,
    serviceObjects: ['1', '2'],
    topics: ['开办餐饮店', '企业开办'],
    specialProcedures: '企业开办"一网通办"：设立登记、公章刻制、发票领用、社保和医保登记一表填报，全流程 0.5 个工作日内办结。',
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '公司登记（备案）申请书', '法定代表人签署（电子签名）；股东、董事、监事、经理信息完整', { form: 'electronic' }),
      mat('articles', '公司章程', '全体股东签署；载明注册资本、出资方式和出资期限（不超过五年）', { form: 'electronic' }),
      lic('id_card', '法定代表人、股东、董事、监事、经理居民身份证', 'idCard', '均已通过实名认证；经电子证照库核验的免于提交'),
      mat('premises', '住所（经营场所）使用证明', '地址与申请一致；无法提供的可签署《住所（经营场所）申报承诺书》', { pledgeAllowed: true }),
    ],
    steps: steps(0, 0, 0),
    form: form(
      {
        companyName: f.text('拟设立公司名称', '经名称自主申报系统申报通过的名称'),
        legalRep: f.text('法定代表人', '由董事或经理担任', 50),
        legalRepIdNumber: f.idNumber('法定代表人公民身份号码'),
        registeredCapital: f.number('注册资本（万元）', '全体股东认缴的出资额', 0.01),
        businessScope: f.textarea('经营范围', '按《经营范围登记规范表述目录》选择，许可项目须取得许可后方可经营'),
        address: f.text('住所', '详细到门牌号', 200),
        phone: f.phone(),
      },
      [],
    ),
  }),
  impl('340603-XK-0002', 'XK00103000', 'xiangshanMarket', soleTrader()),
  impl('340621-XK-0002', 'XK00103000', 'suixiMarket', soleTrader()),
  impl('340600-JC-0001', 'JC00101000', 'market', foodInspection()),
  impl('340621-JC-0001', 'JC00101000', 'suixiMarket', foodInspection()),
  impl('340600-CF-0001', 'CF00101000', 'market', {
    name: '对未取得食品经营许可从事食品经营活动的行政处罚',
    keywords: ['无证经营', '食品安全'],
    legalBasis: '《中华人民共和国食品安全法》第一百二十二条；《中华人民共和国行政处罚法》第六十条；《市场监督管理行政处罚程序规定》。',
    acceptanceConditions: '经立案调查，当事人存在未取得食品经营许可从事食品经营活动的违法行为，事实清楚、证据确凿。',
    caseType: '9',
    legalLimit: nd(90),
    promisedLimit: nd(60),
    visits: 1,
    visitsReason: '当事人须到场接受调查询问、核对笔录；要求听证的，须参加听证。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '行政处罚决定书',
    resultType: 'other',
    serviceObjects: ['1', '2', '6'],
    topics: ['市场监管'],
    inHall: false,
    notInHallReason: '行政处罚由执法机构依职权实施，不进驻政务服务大厅。',
    specialProcedures: '听证、检测、检验、鉴定等时间不计入办案期限。',
    responsibilityItems: DUTIES.penalty,
    materials: [
      mat('identity', '当事人身份证明或营业执照', '与被调查主体一致'),
      shared('evidence', '现场检查笔录、询问笔录及证据材料', '淮北市市场监督管理局', '由执法人员制作，当事人签字确认'),
      mat('statement', '陈述、申辩意见或听证申请', '当事人署名并注明日期；自愿提交', { required: false }),
    ],
    steps: flow(['file', '立案', 'clerk', 7], ['investigate', '调查取证', 'reviewer', 30], ['notify', '告知', 'reviewer', 10], ['decide', '审查决定', 'reviewer', 10]),
    form: form(
      {
        partyName: f.text('当事人名称（姓名）', '单位填写营业执照上的名称，个人填写姓名'),
        phone: f.phone('联系电话', '用于接收执法文书送达通知'),
        opinion: f.textarea('陈述申辩意见', '对拟处罚的事实、理由和依据的意见，可不填'),
      },
      ['opinion'],
    ),
  }),
  impl('340600-QZ-0001', 'QZ00101000', 'market', {
    name: '查封、扣押不符合食品安全标准的食品及有关物品',
    keywords: ['查封', '扣押', '食品安全'],
    legalBasis: '《中华人民共和国食品安全法》第一百一十条第（四）项、第（五）项；《中华人民共和国行政强制法》第九条、第二十二条至第二十八条。',
    acceptanceConditions: '有证据证明食品不符合食品安全标准或者存在安全隐患，以及用于违法生产经营的食品、工具、设备和场所。',
    caseType: '9',
    legalLimit: nd(30),
    promisedLimit: nd(30),
    visits: 1,
    visitsReason: '查封、扣押在现场实施，当事人应当到场；当事人不到场的，邀请见证人到场。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '查封（扣押）决定书及财物清单',
    resultType: 'other',
    serviceObjects: ['1', '2', '6'],
    topics: ['市场监管'],
    inHall: false,
    notInHallReason: '行政强制措施在执法现场实施，不进驻政务服务大厅。',
    specialProcedures: '情况复杂的，经行政机关负责人批准可延长查封、扣押期限，延长不超过三十日（《中华人民共和国行政强制法》第二十五条）。',
    responsibilityItems: DUTIES.coercion,
    materials: [
      mat('identity', '当事人身份证明或营业执照', '与被查封、扣押财物的所有人或经营者一致'),
      shared('record', '现场笔录、查封（扣押）决定书和财物清单', '淮北市市场监督管理局', '由当事人和两名以上执法人员签名或者盖章'),
    ],
    steps: flow(['approve', '报批', 'reviewer', 1], ['implement', '现场实施', 'clerk', 1], ['handle', '处理决定', 'reviewer', 28]),
    form: form({
      partyName: f.text('当事人名称（姓名）', '被查封、扣押财物的所有人或经营者'),
      address: f.text('实施地点', '查封、扣押的场所地址', 200),
      phone: f.phone('联系电话', '用于通知处理决定'),
    }),
  }),
  impl('340600-JL-0001', 'JL00101000', 'market', {
    name: '食品安全违法行为举报奖励',
    aliases: ['举报奖励'],
    keywords: ['举报', '奖励', '食品安全'],
    legalBasis: '《中华人民共和国食品安全法》第一百一十五条；《市场监督管理领域重大违法行为举报奖励暂行办法》。',
    acceptanceConditions: '1. 举报的违法行为属于市场监督管理部门职责范围；\n2. 有明确的被举报对象和具体违法事实或者违法犯罪线索；\n3. 举报内容事先未被市场监督管理部门掌握；\n4. 举报内容经查证属实，并依法作出行政处罚决定或者移送司法机关。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(15),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '举报奖励决定书',
    resultType: 'other',
    serviceObjects: ['1'],
    topics: ['市场监管'],
    responsibilityItems: DUTIES.award,
    materials: [
      ID_CARD('举报人'),
      mat('bank_account', '举报人本人银行账户信息', '户名与举报人姓名一致', { form: 'electronic' }),
      shared('notice', '举报奖励领取通知书', '淮北市市场监督管理局', '在领取期限内（自通知之日起 90 日）'),
    ],
    steps: steps(3, 8, 4),
    form: form({
      ...PERSON_FIELDS,
      reportNo: f.text('举报登记编号', '见举报受理告知书或短信', 40),
      bankAccount: f.text('收款银行账号', '举报人本人名下的借记卡账号', 30),
    }),
  }),

  // —— 卫生健康 ——
  impl('340600-XK-0003', 'XK00201000', 'health', publicHygiene()),
  impl(
    '340621-XK-0003',
    'XK00201000',
    'suixiHealth',
    publicHygiene({
      promisedLimit: wd(15),
      steps: steps(2, 10, 3),
      intermediaryServices: [{ name: '公共场所卫生检测（评价）', basis: '《公共场所卫生管理条例实施细则》' }],
      materials: [
        ...publicHygiene().materials!,
        mat('test_report', '公共场所卫生检测（评价）报告', '由具备资质的检测机构出具，检测日期在一年以内'),
      ],
    }),
  ),
  impl('340600-GG-0001', 'GG00101000', 'health', {
    name: '出生医学证明首次签发',
    aliases: ['出生证办理'],
    keywords: ['新生儿', '出生证', '落户'],
    legalBasis: '《中华人民共和国母婴保健法》第二十三条：医疗保健机构和从事家庭接生的人员按照国务院卫生行政部门的规定，出具统一制发的新生儿出生医学证明。',
    acceptanceConditions: '在本市具有助产技术服务资质的医疗保健机构内出生的新生儿，由父母或其他监护人申请；在医疗保健机构外出生的，另需提供接生人员证明或亲子鉴定证明。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 1,
    visitsReason: '首次签发在新生儿出院时由助产机构办理，父母须持身份证件现场核对信息并签字确认。',
    handlingForms: ['1'],
    onlineDepth: 3,
    resultName: '出生医学证明',
    resultType: 'licence',
    resultLicenseTypeCode: LT.birthCert,
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    place: '新生儿出生的助产机构出生医学证明签发窗口（淮北市人民医院、淮北市妇幼保健院等）',
    materials: [
      lic('parent_id_cards', '父母双方居民身份证', 'idCard', '在有效期内；经电子证照库核验的免于提交实体证件'),
      mat('application', '出生医学证明首次签发登记表', '父母签字；新生儿姓名与拟申报户口登记的姓名一致'),
    ],
    steps: steps(0, 0, 0),
    form: form({
      babyName: f.text('新生儿姓名', '与拟申报户口登记的姓名一致', 30),
      babyGender: f.radio('新生儿性别', '按出生记录填写', ['男', '女']),
      birthDate: f.date('出生日期', '按出生记录填写'),
      motherName: f.text('母亲姓名', '与居民身份证一致', 50),
      motherIdNumber: f.idNumber('母亲公民身份号码'),
      fatherName: f.text('父亲姓名', '与居民身份证一致；不详的可不填', 50),
      fatherIdNumber: f.idNumber('父亲公民身份号码', '父亲信息不详的可不填'),
      phone: f.phone(),
    }, ['fatherName', 'fatherIdNumber']),
  }),
  impl('340600-GG-0002', 'GG00102000', 'health', {
    name: '预防接种证办理',
    aliases: ['办接种证', '疫苗本'],
    keywords: ['新生儿', '疫苗', '接种'],
    legalBasis: '《中华人民共和国疫苗管理法》第四十七条：国家对儿童实行预防接种证制度。在儿童出生后一个月内，其监护人应当到儿童居住地承担预防接种工作的接种单位或者出生医院为其办理预防接种证。',
    acceptanceConditions: '儿童出生后一个月内，由监护人到儿童居住地承担预防接种工作的接种单位或者出生医院办理；外地出生、在本市居住的儿童同样可以办理。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 1,
    visitsReason: '首次建证须携儿童到接种单位，同时完成健康询问和首剂疫苗接种。',
    handlingForms: ['1'],
    onlineDepth: 1,
    resultName: '预防接种证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.vaccination,
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    place: '儿童居住地所在的乡镇卫生院、社区卫生服务中心预防接种门诊；出生医院产科',
    materials: [
      lic('birth_cert', '出生医学证明', 'birthCert', '新生儿姓名、出生日期与登记一致'),
      lic('guardian_id', '监护人居民身份证', 'idCard', '在有效期内'),
    ],
    steps: steps(0, 0, 0),
    form: form({
      childName: f.text('儿童姓名', '与出生医学证明一致', 30),
      birthDate: f.date('出生日期', '与出生医学证明一致'),
      guardianName: f.text('监护人姓名', '与居民身份证一致', 50),
      guardianIdNumber: f.idNumber('监护人公民身份号码'),
      address: f.text('现居住地址', '用于确定接种单位', 200),
      phone: f.phone('监护人手机', '用于接收接种预约提醒'),
    }),
  }),

  // —— 公安 ——
  impl('340600-QR-0001', 'QR00101000', 'police', {
    name: '出生登记（新生儿落户）',
    aliases: ['新生儿落户', '报户口', '新生儿上户口'],
    keywords: ['户口', '落户', '出生', '户口本'],
    legalBasis: '《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。',
    acceptanceConditions: '1. 新生儿父母一方为本市常住户口；\n2. 随父或随母落户，落户地址为父亲或母亲的常住户口所在地；\n3. 已取得《出生医学证明》。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3', '4'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '居民户口簿（新生儿户籍登记）',
    resultType: 'licence',
    resultLicenseTypeCode: LT.householdBook,
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      lic('birth_cert', '出生医学证明', 'birthCert', '新生儿姓名、性别、出生日期与申报一致'),
      lic('household_book', '落户方居民户口簿', 'householdBook', '落户地址为父亲或母亲的常住户口所在地'),
      lic('parent_id_cards', '父母双方居民身份证', 'idCard', '在有效期内'),
      lic('marriage_cert', '父母结婚证', 'marriageCert', '父母已婚的提供；非婚生育的免于提交，另附情况说明', { required: false }),
      mat('application', '出生登记申报表', '申报人签字（线上办理的电子签名）', { form: 'electronic' }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      babyName: f.text('新生儿姓名', '与出生医学证明一致', 30),
      babyGender: f.radio('新生儿性别', '与出生医学证明一致', ['男', '女']),
      birthDate: f.date('出生日期', '与出生医学证明一致'),
      settleWith: f.radio('落户方式', '随父或随母落户', ['随父落户', '随母落户']),
      applicantName: f.text('申报人姓名', '父母一方或其他监护人', 50),
      applicantIdNumber: f.idNumber('申报人公民身份号码'),
      phone: f.phone(),
    }),
  }),
  impl('340600-QR-0002', 'QR00102000', 'police', {
    name: '居民身份证首次申领',
    aliases: ['办身份证', '第一次办身份证'],
    keywords: ['身份证', '证件'],
    legalBasis: '《中华人民共和国居民身份证法》第八条、第十条。',
    acceptanceConditions: '居住在中华人民共和国境内的年满十六周岁的中国公民应当申领居民身份证；未满十六周岁的，可以依照规定申领。申请人在常住户口所在地或异地受理点申请。',
    caseType: '2',
    legalLimit: nd(60),
    promisedLimit: nd(20),
    visits: 1,
    visitsReason: '须本人到受理点现场采集人像和指纹信息；证件可选择邮寄送达。',
    handlingForms: ['1'],
    onlineDepth: 3,
    express: true,
    appointment: true,
    payOnline: true,
    fees: [{ name: '居民身份证工本费', standard: '20元/证', basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', waivable: false }],
    resultName: '居民身份证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.idCard,
    serviceObjects: ['1'],
    topics: ['户籍证件'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      lic('household_book', '居民户口簿', 'householdBook', '申请人户籍信息完整、准确'),
      mat('photo', '人像照片（现场采集）', '现场采集，符合居民身份证制证照片要求', { form: 'electronic' }),
      lic('guardian_id', '监护人居民身份证', 'idCard', '未满十六周岁的由监护人陪同时提供', { required: false }),
    ],
    steps: flow(['accept', '受理', 'clerk', 1], ['review', '审核', 'reviewer', 5], ['issue', '制证签发', 'reviewer', 14]),
    form: form(
      {
        ...PERSON_FIELDS,
        delivery: f.radio('领取方式', '选择邮寄的，证件制成后以 EMS 寄送', ['受理点领取', '邮寄送达']),
        deliveryAddress: f.text('邮寄地址', '选择邮寄送达的填写，详细到门牌号', 200),
      },
      ['deliveryAddress'],
    ),
  }),
  impl('340600-XK-0004', 'XK00301000', 'police', {
    name: '机动车驾驶证期满换证',
    aliases: ['驾照换证', '驾驶证到期换证'],
    keywords: ['驾驶证', '驾照', '期满', '交管12123'],
    legalBasis: '《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》（公安部令第162号）。',
    acceptanceConditions: '机动车驾驶人在机动车驾驶证有效期满前九十日内申请换证；身体条件符合驾驶许可条件，并按规定提交身体条件证明。',
    caseType: '1',
    legalLimit: wd(1),
    promisedLimit: wd(1),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    payOnline: true,
    fees: [{ name: '机动车驾驶证工本费', standard: '10元/证', basis: '《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）', waivable: false }],
    resultName: '机动车驾驶证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.driverLicence,
    serviceObjects: ['1'],
    topics: ['交通出行'],
    place: '淮北市公安局交通警察支队车辆管理所；各县区交警大队车管分所；"交管12123"手机APP',
    responsibilityItems: DUTIES.licence,
    materials: [
      ID_CARD(),
      lic('driver_licence', '原机动车驾驶证', 'driverLicence', '在有效期满前九十日内'),
      mat('health_proof', '机动车驾驶人身体条件证明', '由医疗机构出具，自出具之日起六个月内有效；已联网的体检信息免于提交', { form: 'electronic' }),
      mat('photo', '近期白底免冠彩色照片', '可通过"交管12123"上传，符合驾驶证照片要求', { form: 'electronic' }),
    ],
    steps: steps(0, 0, 1),
    form: form({
      ...PERSON_FIELDS,
      archiveNo: f.text('档案编号', '见驾驶证副页，12 位数字', 12),
      deliveryAddress: f.text('邮寄地址', '新驾驶证邮寄地址，详细到门牌号', 200),
    }),
  }),

  // —— 人力资源和社会保障 ——
  impl('340600-GG-0003', 'GG00201000', 'hrss', {
    name: '社会保障卡申领',
    aliases: ['社保卡办理', '社保卡申请'],
    keywords: ['第三代社保卡', '电子社保卡', '新生儿社保卡'],
    legalBasis: '《中华人民共和国社会保险法》第五十八条：国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。',
    acceptanceConditions: '参加社会保险或享受人力资源社会保障公共服务的人员均可申领，每人限持一张有效社会保障卡；新生儿由监护人代为申领。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(10),
    visits: 0,
    handlingForms: ['1', '2', '3', '4'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '社会保障卡',
    resultType: 'licence',
    resultLicenseTypeCode: LT.socialSecurityCard,
    serviceObjects: ['1'],
    topics: ['新生儿出生', '就业'],
    materials: [
      ID_CARD('申领人'),
      mat('photo', '本人近期免冠彩色照片', '白底、符合制卡要求；可使用公安部门留存照片', { form: 'electronic' }),
      lic('guardian_id', '监护人居民身份证', 'idCard', '为未成年人代办的提供', { required: false }),
    ],
    steps: flow(['accept', '受理', 'clerk', 1], ['make', '制卡', 'reviewer', 7], ['deliver', '发放', 'clerk', 2]),
    form: form(
      {
        ...PERSON_FIELDS,
        bank: f.select('金融服务银行', '社会保障卡金融账户的开户银行', ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '其他合作银行']),
        delivery: f.radio('领取方式', '选择邮寄到家的，卡片制成后寄送', ['网点领取', '邮寄到家']),
        deliveryAddress: f.text('邮寄地址', '选择邮寄到家的填写，详细到门牌号', 200),
      },
      ['deliveryAddress'],
    ),
  }),
  impl('340600-GG-0004', 'GG00202000', 'hrss', {
    name: '失业登记',
    aliases: ['办理失业登记'],
    keywords: ['失业', '就业创业证', '找工作'],
    legalBasis: '《中华人民共和国社会保险法》第五十条；《就业服务与就业管理规定》。',
    acceptanceConditions: '法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者，可在常住地公共就业服务机构进行失业登记。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '就业创业证（失业登记信息）',
    resultType: 'licence',
    resultLicenseTypeCode: LT.employmentCard,
    serviceObjects: ['1'],
    topics: ['就业'],
    materials: [
      ID_CARD(),
      mat('termination', '终止或解除劳动关系证明', '用人单位盖章；无法提供的可作书面承诺', { required: false, pledgeAllowed: true }),
    ],
    steps: steps(0, 0, 0),
    form: form(
      {
        ...PERSON_FIELDS,
        lastEmployer: f.text('原工作单位', '从未就业的可不填'),
        unemployedSince: f.date('失业日期', '劳动关系终止或解除的日期'),
        education: f.select('文化程度', '按最高学历选择', ['初中及以下', '高中/中专/技校', '大专', '本科', '研究生']),
      },
      ['lastEmployer'],
    ),
  }),
  impl('340600-JF-0001', 'JF00101000', 'hrss', {
    name: '失业保险金申领',
    aliases: ['领失业金', '失业金申请'],
    keywords: ['失业', '失业保险', '失业金'],
    legalBasis: '《中华人民共和国社会保险法》第四十五条、第五十条；《失业保险条例》第十四条。',
    acceptanceConditions: '1. 失业前用人单位和本人已经缴纳失业保险费满一年；\n2. 非因本人意愿中断就业；\n3. 已经进行失业登记，并有求职要求。',
    // Deliberate finding: marked 即办件 yet promising 3 working days.
    caseType: '1',
    legalLimit: wd(10),
    promisedLimit: wd(3),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '失业保险金核定通知',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['就业'],
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD(),
      lic('social_security_card', '本人社会保障卡（金融账户已激活）', 'socialSecurityCard', '卡片状态正常，金融账户已激活'),
      mat('termination', '终止或解除劳动关系证明', '用人单位盖章，载明终止或解除日期及原因'),
    ],
    steps: steps(1, 1, 1),
    form: form({
      ...PERSON_FIELDS,
      employer: f.text('原工作单位', '最后一个参保单位'),
      separationDate: f.date('离职日期', '劳动关系终止或解除的日期'),
      reason: f.select('离职原因', '非本人意愿中断就业的方可领取', ['劳动合同期满终止', '用人单位解除劳动合同', '用人单位破产、撤销或解散', '其他非本人意愿中断就业']),
    }),
  }),
  impl('340600-JF-0002', 'JF00102000', 'hrss', {
    name: '职工基本养老保险待遇申领（退休）',
    aliases: ['退休办理', '领养老金'],
    keywords: ['退休', '养老金', '养老保险'],
    legalBasis: '《中华人民共和国社会保险法》第十六条；《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》；《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）。',
    acceptanceConditions: '1. 达到法定退休年龄（按渐进式延迟法定退休年龄的规定确定）；\n2. 基本养老保险累计缴费年限达到最低缴费年限（2030年起逐步由十五年提高至二十年）。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '基本养老金核定表',
    resultType: 'approval',
    serviceObjects: ['1', '2'],
    topics: ['养老'],
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD(),
      lic('social_security_card', '社会保障卡', 'socialSecurityCard', '金融账户已激活，用于按月发放养老金'),
      shared('personnel_file', '本人人事档案（核定出生日期、参加工作时间）', '档案管理机构', '档案完整，出生日期、参加工作时间记载清楚'),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...PERSON_FIELDS,
      employer: f.text('所在单位', '灵活就业人员填写"灵活就业"'),
      retireDate: f.date('拟退休日期', '达到法定退休年龄的次月'),
    }),
  }),
  impl('340600-GG-0005', 'GG00203000', 'hrss', {
    name: '城乡居民基本养老保险参保登记',
    aliases: ['居民养老保险参保'],
    keywords: ['养老保险', '居民养老', '参保'],
    legalBasis: '《中华人民共和国社会保险法》第二十条、第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）。',
    acceptanceConditions: '年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，可在户籍地参加城乡居民基本养老保险。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '城乡居民基本养老保险参保登记信息',
    resultType: 'record',
    serviceObjects: ['1'],
    topics: ['养老'],
    materials: [ID_CARD(), lic('household_book', '居民户口簿', 'householdBook', '户籍地为本市')],
    steps: steps(0, 0, 0),
    form: form({
      ...PERSON_FIELDS,
      contributionGrade: f.select('缴费档次', '按安徽省公布的缴费档次自主选择，多缴多得', ['每年200元', '每年500元', '每年1000元', '每年2000元', '每年3000元']),
      address: f.text('户籍地址', '与居民户口簿一致', 200),
    }),
  }),

  // —— 医疗保障 ——
  impl('340600-GG-0006', 'GG00301000', 'medical', {
    name: '城乡居民基本医疗保险参保登记（含新生儿）',
    aliases: ['新生儿医保', '办医保', '居民医保参保'],
    keywords: ['医保', '新生儿', '参保'],
    legalBasis: '《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）。',
    acceptanceConditions: '除职工基本医疗保险应参保人员以外的其他城乡居民；新生儿凭出生医学证明即可参保，出生后 90 日内参保缴费的，自出生之日起享受待遇。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '城乡居民基本医疗保险参保登记信息',
    resultType: 'record',
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    materials: [
      lic('birth_cert', '出生医学证明', 'birthCert', '新生儿参保的提供', { required: false }),
      lic('household_book', '居民户口簿', 'householdBook', '参保人户籍信息'),
      lic('guardian_id', '监护人居民身份证', 'idCard', '为未成年人办理的提供', { required: false }),
    ],
    steps: steps(0, 0, 0),
    form: form(
      {
        insuredName: f.text('参保人姓名', '新生儿填写出生医学证明上的姓名', 50),
        insuredIdNumber: f.idNumber('参保人公民身份号码', '新生儿落户后取得；未落户的可不填'),
        birthDate: f.date('出生日期', '与出生医学证明或户口簿一致'),
        guardianName: f.text('监护人姓名', '参保人为未成年人的填写', 50),
        guardianIdNumber: f.idNumber('监护人公民身份号码', '参保人为未成年人的填写'),
        phone: f.phone(),
      },
      ['insuredIdNumber', 'guardianName', 'guardianIdNumber'],
    ),
  }),
  impl('340600-JF-0003', 'JF00201000', 'medical', {
    name: '生育津贴支付',
    aliases: ['产假工资', '生育津贴申领'],
    keywords: ['生育保险', '产假', '新生儿'],
    legalBasis: '《中华人民共和国社会保险法》第五十四条、第五十六条；《女职工劳动保护特别规定》第七条。',
    acceptanceConditions: '用人单位已为职工缴纳生育保险费，职工生育或者实施计划生育手术，按规定享受产假或者计划生育手术休假。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(10),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '生育津贴核定结果',
    resultType: 'approval',
    serviceObjects: ['1', '2'],
    topics: ['新生儿出生'],
    responsibilityItems: DUTIES.payment,
    materials: [
      lic('birth_cert', '出生医学证明', 'birthCert', '与申报的生育时间一致'),
      ID_CARD('职工'),
      mat('application', '生育津贴申领表', '用人单位盖章，产假天数计算准确', { form: 'electronic' }),
    ],
    steps: steps(1, 7, 2),
    form: form({
      employerName: f.text('用人单位名称', '与营业执照一致'),
      employerUscc: f.uscc('用人单位统一社会信用代码'),
      employeeName: f.text('职工姓名', '与居民身份证一致', 50),
      employeeIdNumber: f.idNumber('职工公民身份号码'),
      deliveryDate: f.date('生育日期', '与出生医学证明一致'),
      deliveryType: f.select('生育类型', '按病历记载选择，决定产假天数', ['顺产', '剖宫产', '多胞胎生育', '流产']),
      phone: f.phone(),
    }),
  }),
  impl('340600-JF-0004', 'JF00202000', 'medical', {
    name: '生育医疗费用报销（零星报销）',
    aliases: ['生育报销', '产检报销'],
    keywords: ['生育保险', '报销', '产检'],
    legalBasis: '《中华人民共和国社会保险法》第五十四条、第五十五条。',
    acceptanceConditions: '参保人员在异地或非联网定点医疗机构生育、产前检查，未能直接结算的生育医疗费用。',
    caseType: '2',
    legalLimit: wd(30),
    promisedLimit: wd(15),
    visits: 0,
    handlingForms: ['1', '2', '3', '4'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '生育医疗费用报销结算单',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD('参保人'),
      mat('invoices', '医疗收费票据（电子票据）', '票据抬头为参保人本人，金额清晰、无涂改', { form: 'both' }),
      mat('medical_record', '出院记录或门诊病历', '医疗机构盖章'),
      lic('birth_cert', '出生医学证明', 'birthCert', '生育的提供', { required: false }),
    ],
    steps: steps(1, 10, 4),
    form: form({
      ...PERSON_FIELDS,
      hospital: f.text('就诊医疗机构', '医疗机构全称'),
      admissionDate: f.date('入院（就诊）日期', '按病历填写'),
      amount: f.number('费用总额（元）', '与票据合计一致', 0.01),
      bankAccount: f.text('收款银行账号', '参保人本人名下的借记卡或社会保障卡金融账户', 30),
    }),
  }),
  impl('340600-GG-0007', 'GG00302000', 'medical', {
    name: '异地就医备案',
    aliases: ['跨省异地就医备案', '医保异地备案'],
    keywords: ['异地安置', '异地长期居住', '临时外出就医', '医保'],
    legalBasis: '《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）。',
    acceptanceConditions: '参加本市基本医疗保险的异地长期居住人员（异地安置退休、常驻异地工作、异地长期居住）和临时外出就医人员。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '异地就医备案信息',
    resultType: 'record',
    serviceObjects: ['1'],
    topics: ['养老', '医疗'],
    materials: [
      lic('social_security_card', '社会保障卡或医保电子凭证', 'socialSecurityCard', '状态正常'),
      mat('pledge', '个人承诺书', '本人签字（线上勾选确认）；以承诺代替居住证明', { form: 'electronic', pledgeAllowed: true }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      ...PERSON_FIELDS,
      category: f.select('备案类型', '长期居住与临时外出就医的报销比例不同', ['异地安置退休人员', '异地长期居住人员', '常驻异地工作人员', '临时外出就医人员']),
      destination: f.text('就医地', '省、市，如：江苏省徐州市', 50),
      startDate: f.date('开始日期', '备案生效日期'),
    }),
  }),
  impl('340600-CF-0002', 'CF00201000', 'medical', {
    name: '对定点医药机构骗取医疗保障基金支出的行政处罚',
    keywords: ['骗保', '医保基金', '定点医药机构'],
    legalBasis: '《医疗保障基金使用监督管理条例》（国务院令第735号）第四十条；《中华人民共和国行政处罚法》第六十条。',
    acceptanceConditions: '经立案调查，定点医药机构存在诱导、协助他人冒名或者虚假就医、购药，伪造、变造、隐匿、涂改、销毁医学文书，虚构医药服务项目等骗取医疗保障基金支出的违法行为。',
    caseType: '9',
    legalLimit: nd(90),
    promisedLimit: nd(90),
    visits: 1,
    visitsReason: '当事人须到场接受调查询问；要求听证的，须参加听证。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '行政处罚决定书',
    resultType: 'other',
    serviceObjects: ['2', '3', '6'],
    topics: ['医疗'],
    inHall: false,
    notInHallReason: '行政处罚由医疗保障行政部门依职权实施，不进驻政务服务大厅。',
    responsibilityItems: DUTIES.penalty,
    materials: [
      mat('identity', '当事人营业执照或医疗机构执业许可证', '与被调查主体一致'),
      shared('evidence', '检查笔录、询问笔录、医保结算数据及其他证据', '淮北市医疗保障局', '证据来源合法，由当事人签字确认'),
    ],
    steps: flow(['file', '立案', 'clerk', 7], ['investigate', '调查取证', 'reviewer', 45], ['notify', '告知', 'reviewer', 15], ['decide', '审查决定', 'reviewer', 20]),
    form: form({
      partyName: f.text('当事人名称', '定点医药机构全称'),
      usccCode: f.uscc('当事人统一社会信用代码', '见营业执照或登记证书'),
      phone: f.phone('联系电话', '用于接收执法文书送达通知'),
    }),
  }),
  impl('340600-JC-0002', 'JC00201000', 'medical', {
    name: '定点医药机构医疗保障基金使用监督检查',
    keywords: ['医保基金', '飞行检查', '定点医药机构'],
    legalBasis: '《医疗保障基金使用监督管理条例》（国务院令第735号）第三章。',
    acceptanceConditions: '按照年度检查计划、"双随机、一公开"抽查和大数据筛查线索，对定点医药机构医疗保障基金使用情况开展日常检查和专项检查。',
    caseType: '9',
    legalLimit: wd(30),
    promisedLimit: wd(30),
    visits: 1,
    visitsReason: '检查在定点医药机构现场实施，被检查单位负责人须在场配合并签字确认。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '监督检查结果告知书',
    resultType: 'record',
    serviceObjects: ['2', '3', '6'],
    topics: ['医疗'],
    inHall: false,
    notInHallReason: '现场检查事项，由医疗保障行政部门到定点医药机构实施，不进驻政务服务大厅。',
    responsibilityItems: DUTIES.inspection,
    materials: [
      mat('agreement', '医疗保障定点服务协议', '在协议期内'),
      mat('records', '医保结算清单、处方、病历及进销存记录', '与医保结算数据一致，完整可追溯'),
    ],
    steps: flow(['plan', '制定检查计划', 'clerk', 3], ['inspect', '现场检查', 'reviewer', 15], ['handle', '结果处理', 'reviewer', 10]),
    form: form({
      ...ORG_FIELDS,
      institutionType: f.select('机构类别', '被检查机构的类别', ['定点医疗机构', '定点零售药店']),
      contactPerson: f.text('现场负责人', '接受检查并签字确认的人员', 50),
    }),
  }),

  // —— 司法 ——
  impl('340600-GG-0008', 'GG00401000', 'justice', {
    name: '法律援助申请',
    aliases: ['申请法律援助', '免费律师'],
    keywords: ['讨薪', '工伤', '法律援助', '12348'],
    legalBasis: '《中华人民共和国法律援助法》第三十一条、第四十一条、第四十三条。',
    acceptanceConditions: '因经济困难没有委托代理人的当事人，就依法请求国家赔偿、给予社会保险待遇或者社会救助、请求给付赡养费抚养费扶养费、请求确认劳动关系或者支付劳动报酬、请求工伤事故人身损害赔偿等事项申请法律援助；法律规定不受经济困难条件限制的情形除外。',
    caseType: '2',
    legalLimit: nd(7),
    promisedLimit: nd(3),
    visits: 0,
    handlingForms: ['1', '2', '3', '4'],
    onlineDepth: 4,
    express: true,
    fees: [],
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
      matter: f.select('援助事项', '按主要请求选择', ['支付劳动报酬', '工伤事故人身损害赔偿', '社会保险待遇', '赡养费、抚养费、扶养费', '交通事故人身损害赔偿', '其他']),
      summary: f.textarea('案情简述', '简要说明争议经过和请求'),
    }),
  }),

  // —— 民政 ——
  impl('340600-QR-0003', 'QR00201000', 'civil', {
    name: '内地居民结婚登记',
    aliases: ['领结婚证', '结婚证办理'],
    keywords: ['结婚', '婚姻登记'],
    legalBasis: '《中华人民共和国民法典》第一千零四十六条至第一千零四十九条；《婚姻登记条例》。',
    acceptanceConditions: '1. 男女双方完全自愿；\n2. 男方年满二十二周岁，女方年满二十周岁；\n3. 双方均无配偶；\n4. 双方不是直系血亲或者三代以内的旁系血亲；\n5. 双方共同亲自到婚姻登记机关申请。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 1,
    visitsReason: '结婚登记须男女双方共同亲自到婚姻登记机关办理，当场审查、颁证。',
    handlingForms: ['1'],
    onlineDepth: 3,
    appointment: true,
    fees: [],
    resultName: '结婚证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.marriageCert,
    serviceObjects: ['1'],
    topics: ['婚姻'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      lic('id_cards', '双方居民身份证', 'idCard', '在有效期内，本人持证到场'),
      mat('photos', '双方近期半身免冠合影照片 3 张', '2 寸，红色背景', { form: 'paper', originals: 3 }),
      mat('declaration', '申请结婚登记声明书', '双方在婚姻登记员面前当场签字', { form: 'paper' }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      maleName: f.text('男方姓名', '与居民身份证一致', 50),
      maleIdNumber: f.idNumber('男方公民身份号码'),
      femaleName: f.text('女方姓名', '与居民身份证一致', 50),
      femaleIdNumber: f.idNumber('女方公民身份号码'),
      appointmentDate: f.date('预约登记日期', '可预约 30 日内的工作日；特殊纪念日须提前预约'),
      phone: f.phone(),
    }),
  }),
  impl('340600-QR-0004', 'QR00202000', 'civil', {
    name: '内地居民离婚登记',
    aliases: ['协议离婚登记'],
    keywords: ['离婚', '婚姻登记', '离婚冷静期'],
    legalBasis: '《中华人民共和国民法典》第一千零七十六条、第一千零七十七条、第一千零七十八条；《婚姻登记条例》。',
    acceptanceConditions: '双方自愿离婚，对子女抚养、财产以及债务处理等事项协商一致，签订书面离婚协议，共同亲自到婚姻登记机关申请；自收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以撤回申请；期间届满后三十日内，双方应当亲自到婚姻登记机关申请发给离婚证，未申请的视为撤回离婚登记申请。',
    caseType: '2',
    legalLimit: nd(60),
    promisedLimit: nd(60),
    visits: 2,
    visitsReason: '《中华人民共和国民法典》第一千零七十七条设有三十日离婚冷静期：双方须共同亲自到场提交申请，冷静期届满后三十日内再次共同到场申请发给离婚证。',
    handlingForms: ['1'],
    onlineDepth: 3,
    appointment: true,
    fees: [],
    resultName: '离婚证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.divorceCert,
    serviceObjects: ['1'],
    topics: ['婚姻'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      lic('id_cards', '双方居民身份证', 'idCard', '在有效期内，本人持证到场'),
      lic('marriage_cert', '双方结婚证', 'marriageCert', '与婚姻登记档案一致'),
      mat('agreement', '离婚协议书', '双方签字，载明自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见', { form: 'paper', originals: 3 }),
      mat('photos', '双方近期 2 寸单人半身免冠照片各 2 张', '白色或蓝色背景', { form: 'paper', originals: 4 }),
    ],
    steps: flow(['accept', '受理申请', 'clerk', 0], ['cooling', '离婚冷静期', 'reviewer', 30], ['decide', '审查发证', 'reviewer', 1]),
    form: form({
      maleName: f.text('男方姓名', '与居民身份证一致', 50),
      maleIdNumber: f.idNumber('男方公民身份号码'),
      femaleName: f.text('女方姓名', '与居民身份证一致', 50),
      femaleIdNumber: f.idNumber('女方公民身份号码'),
      marriageCertNo: f.text('结婚证字号', '见结婚证内页', 30),
      phone: f.phone(),
    }),
  }),
  impl('340600-JF-0005', 'JF00301000', 'civil', {
    name: '最低生活保障审核确认',
    aliases: ['低保申请', '办低保'],
    keywords: ['低保', '社会救助', '困难群众'],
    legalBasis: '《社会救助暂行办法》第九条至第十三条；《最低生活保障审核确认办法》。',
    acceptanceConditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合当地规定的，以家庭为单位向户籍所在地乡镇人民政府（街道办事处）提出申请。',
    caseType: '2',
    legalLimit: wd(30),
    promisedLimit: wd(20),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 3,
    fees: [],
    resultName: '最低生活保障审核确认决定',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['社会救助'],
    specialProcedures: '入户调查、信息核对和公示期间计入办理时限；公示期为 7 日。',
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD(),
      lic('household_book', '居民户口簿', 'householdBook', '共同生活家庭成员户籍信息'),
      mat('authorisation', '家庭经济状况核对授权书', '共同生活的家庭成员均签字', { form: 'paper' }),
      mat('income_statement', '家庭收入和财产状况申报', '如实申报；以承诺代替收入证明的，承诺人签字', { pledgeAllowed: true }),
    ],
    steps: steps(2, 15, 3),
    form: form({
      ...PERSON_FIELDS,
      members: f.number('共同生活家庭成员人数', '含申请人本人', 1),
      monthlyIncome: f.number('家庭月总收入（元）', '近 6 个月平均', 0),
      reason: f.select('致困原因', '按主要原因选择', ['因病', '因残', '因灾', '缺乏劳动能力', '其他']),
      address: f.text('居住地址', '用于入户调查', 200),
    }),
  }),
  impl('340600-JF-0006', 'JF00302000', 'civil', {
    name: '高龄津贴申领',
    aliases: ['尊老金', '高龄补贴'],
    keywords: ['80周岁', '老年人', '津贴'],
    legalBasis: '《中华人民共和国老年人权益保障法》第三十三条：国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。',
    acceptanceConditions: '具有本市户籍、年满80周岁的老年人（各县区另有规定的从其规定）。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(10),
    // Deliberate finding: a visit without its reason.
    visits: 1,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 3,
    fees: [],
    resultName: '高龄津贴发放确认',
    resultType: 'approval',
    serviceObjects: ['1'],
    topics: ['养老'],
    responsibilityItems: DUTIES.payment,
    materials: [
      ID_CARD('老年人'),
      lic('household_book', '居民户口簿', 'householdBook', '户籍地为本市'),
      mat('bank_account', '本人或代领人银行账户', '户名与本人或登记的代领人一致', { form: 'electronic' }),
    ],
    steps: steps(1, 7, 2),
    form: form(
      {
        ...PERSON_FIELDS,
        bankAccount: f.text('收款银行账号', '本人或代领人名下的借记卡账号', 30),
        agentName: f.text('代办人姓名', '委托他人代办的填写', 50),
      },
      ['agentName'],
    ),
  }),

  // —— 住房和城乡建设 ——
  impl('340600-XK-0005', 'XK00401000', 'housing', {
    name: '建筑工程施工许可证核发',
    aliases: ['施工许可', '开工许可'],
    keywords: ['施工许可证', '工程建设', '开工'],
    legalBasis: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）。',
    acceptanceConditions: '1. 已经办理该建筑工程用地批准手续；\n2. 依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证；\n3. 需要拆迁的，其拆迁进度符合施工要求；\n4. 已经确定建筑施工企业；\n5. 有满足施工需要的资金安排、施工图纸及技术资料；\n6. 有保证工程质量和安全的具体措施。',
    caseType: '2',
    legalLimit: wd(7),
    promisedLimit: wd(3),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '建筑工程施工许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.constructionPermit,
    serviceObjects: ['2', '3', '5', '6'],
    topics: ['工程建设'],
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '建筑工程施工许可申请表', '建设单位盖章，项目信息与规划许可一致', { form: 'electronic' }),
      lic('planning_permit', '建设工程规划许可证', 'planningPermit', '项目名称、建设规模与申请一致'),
      mat('contract', '施工合同及中标通知书', '依法应当招标的提供中标通知书；合同双方盖章'),
      mat('funds_pledge', '建设资金已经落实承诺书', '建设单位法定代表人签字并盖章', { pledgeAllowed: true }),
      mat('quality_safety', '工程质量安全措施及监督手续', '施工图已按规定审查合格，质量安全监督手续已办理'),
    ],
    steps: steps(1, 1, 1),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '与建设工程规划许可证一致'),
      projectAddress: f.text('建设地址', '详细到街道门牌或地块编号', 200),
      floorArea: f.number('建筑面积（平方米）', '与施工图一致', 1),
      contractPrice: f.number('合同价格（万元）', '施工合同价格', 0.01),
    }),
  }),
  impl('340600-XK-0006', 'XK00402000', 'housing', {
    name: '商品房预售许可',
    aliases: ['预售证办理'],
    keywords: ['预售', '商品房', '房地产开发'],
    legalBasis: '《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》。',
    acceptanceConditions: '1. 已交付全部土地使用权出让金，取得土地使用权证书；\n2. 持有建设工程规划许可证；\n3. 按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的百分之二十五以上，并已经确定施工进度和竣工交付日期。',
    caseType: '2',
    legalLimit: wd(10),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '商品房预售许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.presaleLicence,
    serviceObjects: ['2'],
    topics: ['不动产'],
    intermediaryServices: [{ name: '房产测绘（预测绘）', basis: '《房产测绘管理办法》' }],
    responsibilityItems: DUTIES.licence,
    materials: [
      BUSINESS_LICENCE,
      lic('land_certificate', '不动产权证书（国有建设用地使用权）', 'realEstateCert', '土地用途、权利人与项目一致'),
      lic('planning_permit', '建设工程规划许可证', 'planningPermit', '与预售楼栋对应'),
      lic('construction_permit', '建筑工程施工许可证', 'constructionPermit', '与预售楼栋对应'),
      mat('presale_plan', '商品房预售方案', '载明商品房位置、面积、竣工交付日期等，附分层平面图', { form: 'electronic' }),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '与规划许可一致'),
      buildings: f.text('预售楼栋', '如：3#、5#楼', 100),
      presaleArea: f.number('预售面积（平方米）', '按房产预测绘报告填写', 1),
    }),
  }),

  // —— 自然资源和规划 ——
  impl('340600-QR-0005', 'QR00301000', 'land', {
    name: '国有建设用地使用权及房屋所有权转移登记（存量房买卖）',
    aliases: ['二手房过户', '房屋过户'],
    keywords: ['过户', '二手房', '不动产登记', '房产证'],
    legalBasis: '《中华人民共和国民法典》第二百零九条、第二百一十条；《不动产登记暂行条例》第三条、第十四条、第二十条；《不动产登记暂行条例实施细则》。',
    acceptanceConditions: '买卖双方已签订存量房买卖合同并完成网签备案，已依法缴纳相关税费，房屋不存在查封等限制转移的情形；由买卖双方共同申请。',
    caseType: '2',
    legalLimit: wd(30),
    promisedLimit: wd(3),
    visits: 1,
    visitsReason: '买卖双方须共同到场核验身份并签署询问笔录；已开通线上签约和人脸识别核验的除外。',
    handlingForms: ['1', '2', '3'],
    onlineDepth: 3,
    express: true,
    payOnline: true,
    fees: [
      { name: '不动产登记费（住宅）', standard: '80元/件', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', waivable: false },
      { name: '不动产权证书工本费', standard: '第一本免收，每增加一本 10 元', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', waivable: false },
    ],
    resultName: '不动产权证书',
    resultType: 'licence',
    resultLicenseTypeCode: LT.realEstateCert,
    serviceObjects: ['1', '2'],
    topics: ['不动产'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      mat('application', '不动产登记申请书', '买卖双方签字', { form: 'electronic' }),
      lic('real_estate_cert', '不动产权证书', 'realEstateCert', '权利人为卖方，无查封、异议登记'),
      lic('id_cards', '买卖双方居民身份证', 'idCard', '在有效期内'),
      shared('contract', '存量房买卖合同（网签备案）', '淮北市住房和城乡建设局', '已完成网签备案'),
      shared('tax_receipt', '契税等完税凭证', '国家税务总局淮北市税务局', '已通过"一窗受理"共享'),
    ],
    steps: steps(1, 1, 1),
    form: form({
      sellerName: f.text('出卖人姓名（名称）', '与不动产权证书一致', 100),
      sellerIdNumber: f.idNumber('出卖人公民身份号码', '出卖人为单位的填写法定代表人'),
      buyerName: f.text('买受人姓名（名称）', '与买卖合同一致', 100),
      buyerIdNumber: f.idNumber('买受人公民身份号码', '买受人为单位的填写法定代表人'),
      propertyAddress: f.text('房屋坐落', '与不动产权证书一致', 200),
      certificateNo: f.text('不动产权证书号', '如：皖（2023）淮北市不动产权第0012345号', 60),
      phone: f.phone(),
    }),
  }),
  impl('340600-QR-0006', 'QR00302000', 'land', {
    name: '不动产抵押权首次登记',
    aliases: ['房产抵押登记', '抵押登记'],
    keywords: ['抵押', '贷款', '不动产登记'],
    legalBasis: '《中华人民共和国民法典》第三百九十五条、第四百零二条；《不动产登记暂行条例》第三条；《不动产登记暂行条例实施细则》。',
    acceptanceConditions: '抵押人与抵押权人已签订抵押合同及主债权合同，抵押财产已办理不动产登记且无查封等限制；由抵押人和抵押权人共同申请，可通过银行"不动产登记+金融服务"网点办理。',
    caseType: '2',
    legalLimit: wd(30),
    promisedLimit: wd(2),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    payOnline: true,
    fees: [{ name: '不动产登记费', standard: '住宅类 80元/件；非住宅类 550元/件', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', waivable: false }],
    resultName: '不动产登记证明（抵押权）',
    // Deliberate finding: the result is a licence but its licence type is not set.
    resultType: 'licence',
    resultLicenseTypeCode: null,
    serviceObjects: ['1', '2', '6'],
    topics: ['不动产'],
    responsibilityItems: DUTIES.confirmation,
    materials: [
      mat('application', '不动产登记申请书', '抵押人、抵押权人签字或盖章', { form: 'electronic' }),
      lic('real_estate_cert', '不动产权证书', 'realEstateCert', '权利人为抵押人，无查封、异议登记'),
      mat('mortgage_contract', '抵押合同', '载明被担保主债权数额、债务履行期限和抵押财产'),
      mat('loan_contract', '主债权合同', '与抵押合同对应'),
      lic('id_card', '抵押人居民身份证', 'idCard', '在有效期内'),
    ],
    steps: steps(1, 1, 0),
    form: form({
      mortgagorName: f.text('抵押人姓名', '与不动产权证书一致', 100),
      mortgagorIdNumber: f.idNumber('抵押人公民身份号码'),
      mortgageeName: f.text('抵押权人名称', '贷款银行全称'),
      mortgageeUscc: f.uscc('抵押权人统一社会信用代码', '见抵押权人营业执照或金融许可证'),
      securedAmount: f.number('被担保主债权数额（万元）', '与抵押合同一致', 0.01),
      propertyAddress: f.text('不动产坐落', '与不动产权证书一致', 200),
      phone: f.phone(),
    }),
  }),
  impl('340600-CJ-0001', 'CJ00101000', 'land', {
    name: '土地权属争议行政裁决',
    aliases: ['土地纠纷处理', '土地确权争议'],
    keywords: ['土地权属', '争议', '确权'],
    legalBasis: '《中华人民共和国土地管理法》第十四条；《土地权属争议调查处理办法》（国土资源部令第17号）。',
    acceptanceConditions: '1. 申请人与争议的土地有直接利害关系；\n2. 有明确的请求处理对象、具体的处理请求和事实根据；\n3. 争议经当事人协商不成；\n4. 不属于已依法作出处理决定或人民法院已受理的争议。',
    caseType: '2',
    legalLimit: nd(180),
    promisedLimit: nd(120),
    visits: 2,
    visitsReason: '当事人须到场参加现场勘查和调解；调解不成的，依法作出裁决并当面送达。',
    handlingForms: ['1', '4'],
    onlineDepth: 1,
    express: true,
    fees: [],
    resultName: '土地权属争议处理决定书',
    resultType: 'other',
    serviceObjects: ['1', '2', '6'],
    topics: ['不动产'],
    responsibilityItems: DUTIES.adjudication,
    materials: [
      mat('application', '土地权属争议调查处理申请书', '写明双方基本情况、请求事项、事实和理由', { copies: 1 }),
      ID_CARD(),
      mat('evidence', '土地权属来源证明及相关证据材料', '与争议地块对应，注明证据来源'),
    ],
    steps: flow(['accept', '受理', 'clerk', 7], ['investigate', '调查与调解', 'reviewer', 90], ['decide', '审理裁决', 'reviewer', 20]),
    form: form({
      ...PERSON_FIELDS,
      respondent: f.text('被申请人', '争议对方的姓名或名称'),
      landLocation: f.text('争议土地位置', '四至界线或地块编号', 200),
      claim: f.textarea('请求事项', '具体的处理请求及事实理由'),
    }),
  }),
  impl('340600-XK-0007', 'XK00501000', 'land', {
    name: '建设工程规划许可证核发',
    aliases: ['工程规划许可'],
    keywords: ['规划许可', '工程建设', '设计方案'],
    legalBasis: '《中华人民共和国城乡规划法》第四十条。',
    acceptanceConditions: '已取得国有土地使用权或用地批准文件，建设工程设计方案符合控制性详细规划和规划条件。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '建设工程规划许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.planningPermit,
    serviceObjects: ['2', '3', '5', '6'],
    topics: ['工程建设'],
    intermediaryServices: [{ name: '建设工程设计方案编制', basis: '《中华人民共和国城乡规划法》第四十条' }],
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '建设工程规划许可申请表', '建设单位盖章', { form: 'electronic' }),
      lic('land_certificate', '不动产权证书（国有建设用地使用权）', 'realEstateCert', '权利人、土地用途与项目一致'),
      mat('design', '建设工程设计方案（总平面图、建筑单体方案）', '由具有相应资质的设计单位编制并盖章，符合规划条件', { form: 'electronic' }),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '与用地批准文件一致'),
      projectAddress: f.text('建设地址', '详细到街道门牌或地块编号', 200),
      floorArea: f.number('总建筑面积（平方米）', '与设计方案一致', 1),
    }),
  }),
  impl('340600-ZS-0001', 'ZS00101000', 'land', {
    name: '耕地开垦费征收',
    keywords: ['耕地占补平衡', '建设用地', '征收'],
    legalBasis: '《中华人民共和国土地管理法》第三十条；《中华人民共和国土地管理法实施条例》。',
    acceptanceConditions: '非农业建设经批准占用耕地，占用单位没有条件开垦或者开垦的耕地不符合要求的，按照安徽省规定缴纳耕地开垦费。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    payOnline: true,
    fees: [{ name: '耕地开垦费', standard: '按占用耕地面积和安徽省规定的耕地开垦费标准计收', basis: '《中华人民共和国土地管理法》第三十条；安徽省耕地开垦费征收标准', waivable: false }],
    resultName: '耕地开垦费缴款通知书及缴费票据',
    resultType: 'other',
    serviceObjects: ['2', '3', '5', '6'],
    topics: ['工程建设'],
    responsibilityItems: DUTIES.levy,
    materials: [
      mat('land_approval', '建设用地批准文件', '占用耕地面积与批准文件一致', { form: 'electronic' }),
      mat('survey', '占用耕地勘测定界报告', '由具有测绘资质的单位出具'),
    ],
    steps: steps(1, 3, 1),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '与建设用地批准文件一致'),
      farmlandArea: f.number('占用耕地面积（亩）', '与勘测定界报告一致', 0.01),
    }),
  }),
  impl('340600-GG-0009', 'GG00501000', 'land', {
    name: '不动产登记资料查询',
    aliases: ['房产查询', '查档', '无房证明'],
    keywords: ['不动产', '查询', '房产证明'],
    legalBasis: '《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》。',
    acceptanceConditions: '权利人查询本人不动产登记结果；利害关系人凭相关证明查询；有关国家机关依法查询。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '不动产登记资料查询结果证明',
    resultType: 'record',
    serviceObjects: ['1', '2'],
    topics: ['不动产'],
    materials: [
      ID_CARD('查询人'),
      mat('interest_proof', '利害关系证明材料', '利害关系人查询的提供，如诉讼受理通知书', { required: false }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      ...PERSON_FIELDS,
      purpose: f.select('查询用途', '按实际用途选择', ['办理落户', '子女入学', '贷款申请', '诉讼', '其他']),
      scope: f.radio('查询范围', '权利人可查询本人名下全部不动产', ['本人名下全部不动产', '指定不动产']),
    }),
  }),

  // —— 交通运输 ——
  impl('340600-XK-0008', 'XK00601000', 'transport', {
    name: '道路货物运输经营许可',
    aliases: ['货运许可', '道路运输经营许可证办理'],
    keywords: ['货运', '运输', '道路运输证'],
    legalBasis: '《中华人民共和国道路运输条例》第二十一条、第二十四条；《道路货物运输及站场管理规定》。',
    acceptanceConditions: '1. 有与其经营业务相适应并经检测合格的车辆；\n2. 有符合规定条件的驾驶人员；\n3. 有健全的安全生产管理制度。\n使用总质量 4500 千克及以下普通货运车辆从事普通货运经营的，无需申请。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '道路运输经营许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.roadTransportLicence,
    serviceObjects: ['1', '2', '6'],
    topics: ['交通出行'],
    responsibilityItems: DUTIES.licence,
    materials: [
      BUSINESS_LICENCE,
      mat('application', '道路货物运输经营申请表', '申请人签字或盖章', { form: 'electronic' }),
      mat('vehicles', '拟投入车辆承诺书', '载明车辆数量、类型及技术要求；可以告知承诺方式提交', { pledgeAllowed: true }),
      lic('driver_licences', '驾驶人员机动车驾驶证', 'driverLicence', '准驾车型与拟投入车辆相符'),
      mat('safety_rules', '安全生产管理制度文本', '包括安全生产责任制度、操作规程和车辆技术管理制度'),
    ],
    // Deliberate finding: the step budgets add up to 7 working days, beyond the 5 promised.
    steps: steps(2, 3, 2),
    form: form({
      ...ORG_FIELDS,
      legalRep: f.text('法定代表人（经营者）', '与营业执照一致', 50),
      vehicleCount: f.number('拟投入车辆数', '总质量 4500 千克以上的普通货运车辆', 1),
      scope: f.checkbox('经营范围', '可多选', ['普通货运', '货物专用运输', '大型物件运输']),
    }),
  }),
  impl('340600-CF-0003', 'CF00301000', 'transport', {
    name: '对未取得道路运输经营许可擅自从事道路货物运输经营的行政处罚',
    keywords: ['非法营运', '无证经营', '货运'],
    legalBasis: '《中华人民共和国道路运输条例》第六十三条；《中华人民共和国行政处罚法》第六十条。',
    acceptanceConditions: '经立案调查，当事人未取得道路运输经营许可，擅自从事道路货物运输经营，事实清楚、证据确凿。',
    caseType: '9',
    legalLimit: nd(90),
    promisedLimit: nd(60),
    visits: 1,
    visitsReason: '当事人须到场接受调查询问、核对笔录；要求听证的，须参加听证。',
    handlingForms: ['9'],
    onlineDepth: 0,
    resultName: '行政处罚决定书',
    resultType: 'other',
    serviceObjects: ['1', '2', '6'],
    topics: ['交通出行'],
    inHall: false,
    notInHallReason: '行政处罚由交通运输综合行政执法机构依职权实施，不进驻政务服务大厅。',
    responsibilityItems: DUTIES.penalty,
    materials: [
      mat('identity', '当事人身份证明或营业执照', '与被调查主体一致'),
      lic('driver_licence', '驾驶人机动车驾驶证', 'driverLicence', '与现场检查的驾驶人一致'),
      shared('evidence', '现场检查笔录、询问笔录及运单等证据', '淮北市交通运输局', '由执法人员制作，当事人签字确认'),
    ],
    steps: flow(['file', '立案', 'clerk', 7], ['investigate', '调查取证', 'reviewer', 30], ['notify', '告知', 'reviewer', 10], ['decide', '审查决定', 'reviewer', 10]),
    form: form(
      {
        partyName: f.text('当事人名称（姓名）', '单位填写营业执照上的名称，个人填写姓名'),
        plateNumber: f.text('车辆号牌', '如：皖F12345', 10),
        phone: f.phone('联系电话', '用于接收执法文书送达通知'),
        opinion: f.textarea('陈述申辩意见', '对拟处罚的事实、理由和依据的意见，可不填'),
      },
      ['opinion'],
    ),
  }),

  // —— 生态环境 ——
  impl('340600-XK-0009', 'XK00701000', 'ecology', {
    name: '建设项目环境影响报告表审批',
    aliases: ['环评审批', '环评批复'],
    keywords: ['环评', '环境影响评价', '报告表'],
    legalBasis: '《中华人民共和国环境影响评价法》第十六条、第二十二条；《建设项目环境保护管理条例》第九条。',
    acceptanceConditions: '建设项目依《建设项目环境影响评价分类管理名录》应当编制环境影响报告表，且符合生态环境分区管控、相关规划和污染物排放标准要求。',
    caseType: '2',
    legalLimit: nd(30),
    promisedLimit: wd(10),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '建设项目环境影响报告表批复',
    resultType: 'approval',
    serviceObjects: ['2', '3', '6'],
    topics: ['工程建设', '生态环境'],
    specialProcedures: '技术评估、专家评审和公示时间不计入审批时限（《中华人民共和国行政许可法》第四十五条）。',
    intermediaryServices: [{ name: '建设项目环境影响报告表编制', basis: '《中华人民共和国环境影响评价法》第十九条' }],
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '建设项目环境影响报告表审批申请', '建设单位盖章', { form: 'electronic' }),
      mat('report', '建设项目环境影响报告表（全本）', '编制单位和编制人员已在环境影响评价信用平台登记，报告表经编制单位盖章', { form: 'electronic' }),
      mat('public_version', '删除涉密及商业秘密内容的公开版本及说明', '涉及国家秘密、商业秘密的提供', { required: false, form: 'electronic' }),
    ],
    steps: steps(1, 7, 2),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '与立项文件一致'),
      projectAddress: f.text('建设地点', '详细到街道门牌或园区地块', 200),
      investment: f.number('总投资（万元）', '与立项文件一致', 0.01),
      industry: f.select('行业类别', '按《建设项目环境影响评价分类管理名录》', ['工业', '社会事业与服务业', '交通运输', '农业', '其他']),
    }),
  }),
  impl('340600-QT-0001', 'QT00101000', 'ecology', {
    name: '建设项目环境影响登记表备案',
    aliases: ['环评登记表备案', '环评备案'],
    keywords: ['环评', '登记表', '备案'],
    legalBasis: '《中华人民共和国环境影响评价法》第十六条；《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）。',
    acceptanceConditions: '按《建设项目环境影响评价分类管理名录》应当填报环境影响登记表的建设项目，在建成并投入生产运营前通过网上备案系统填报。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '建设项目环境影响登记表备案回执',
    resultType: 'record',
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店', '工程建设'],
    responsibilityItems: DUTIES.other,
    materials: [
      BUSINESS_LICENCE,
      mat('registration_form', '建设项目环境影响登记表（网上填报）', '填报内容真实、完整，建设单位作出承诺', { form: 'electronic' }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      ...ORG_FIELDS,
      projectName: f.text('项目名称', '如：某某餐饮店油烟净化设施建设项目'),
      projectAddress: f.text('建设地点', '详细到门牌号', 200),
      category: f.text('名录类别', '《建设项目环境影响评价分类管理名录》中的项目类别', 100),
    }),
  }),
  impl('340600-QT-0002', 'QT00102000', 'ecology', {
    name: '固定污染源排污登记',
    aliases: ['排污登记', '排污登记表'],
    keywords: ['排污', '登记管理', '污染源'],
    legalBasis: '《排污许可管理条例》第二十四条；《固定污染源排污许可分类管理名录（2019年版）》。',
    acceptanceConditions: '依法无需申请取得排污许可证、但应当填报排污登记表的企业事业单位和其他生产经营者，在启动生产设施或者发生实际排污之前，通过全国排污许可证管理信息平台填报。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '固定污染源排污登记回执',
    resultType: 'record',
    serviceObjects: ['2', '3', '6'],
    topics: ['开办餐饮店', '生态环境'],
    responsibilityItems: DUTIES.other,
    materials: [
      BUSINESS_LICENCE,
      mat('registration_form', '排污登记表（全国排污许可证管理信息平台填报）', '污染物种类、排放去向和执行标准填报完整', { form: 'electronic' }),
    ],
    steps: steps(0, 0, 0),
    form: form({
      ...ORG_FIELDS,
      address: f.text('生产经营场所地址', '详细到门牌号', 200),
      industry: f.text('行业类别', '按《国民经济行业分类》填写', 100),
      pollutants: f.checkbox('污染物类别', '可多选', ['废气', '废水', '固体废物', '噪声']),
    }),
  }),
  impl('340600-XK-0010', 'XK00702000', 'ecology', {
    name: '排污许可证核发',
    aliases: ['申领排污许可证'],
    keywords: ['排污许可', '重点管理', '简化管理'],
    legalBasis: '《排污许可管理条例》（国务院令第736号）第二条、第六条、第十一条；《排污许可管理办法》。',
    acceptanceConditions:
      '1. 依法取得建设项目环境影响报告书（表）批准文件，或者已经办理环境影响登记表备案手续；\n2. 污染物排放符合污染物排放标准要求，重点污染物排放符合排污许可证申请与核发技术规范、环境影响报告书（表）批准文件、重点污染物排放总量控制要求；\n3. 采用的污染防治设施可以达到许可排放浓度要求或者符合污染防治可行技术；\n4. 自行监测方案的监测点位、指标、频次等符合国家自行监测规范。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(10),
    visits: 0,
    handlingForms: ['2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '排污许可证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.pollutantPermit,
    serviceObjects: ['2', '3', '6'],
    topics: ['生态环境'],
    specialProcedures: '需要进行现场核查的，现场核查时间不计入审批时限（《中华人民共和国行政许可法》第四十五条）。',
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '排污许可证申请表（全国排污许可证管理信息平台填报）', '信息填报完整，法定代表人或主要负责人签字', { form: 'electronic' }),
      mat('eia_approval', '环境影响评价审批文件或登记表备案回执', '与申请的生产设施对应', { form: 'electronic' }),
      mat('monitoring_plan', '自行监测方案', '监测点位、指标、频次符合自行监测技术指南', { form: 'electronic' }),
      mat('pledge', '守法承诺书', '法定代表人或主要负责人签字并盖章', { form: 'electronic', pledgeAllowed: true }),
    ],
    steps: steps(1, 7, 2),
    form: form({
      ...ORG_FIELDS,
      legalRep: f.text('法定代表人（主要负责人）', '与营业执照一致', 50),
      address: f.text('生产经营场所地址', '详细到门牌号', 200),
      management: f.radio('管理类别', '按《固定污染源排污许可分类管理名录》确定', ['重点管理', '简化管理']),
    }),
  }),

  // —— 城市管理 ——
  impl('340600-XK-0011', 'XK00801000', 'urban', {
    name: '户外广告设施设置审批',
    aliases: ['户外广告审批', '大型广告牌设置'],
    keywords: ['招牌', '广告牌', '店招', '门头'],
    legalBasis: '《城市市容和环境卫生管理条例》第十一条；《中华人民共和国广告法》第四十一条。',
    acceptanceConditions: '1. 设置地点、规格、形式符合本市户外广告设施设置规划和技术规范；\n2. 设施结构安全，大型户外广告设施经具备资质的单位进行结构设计和安全检测；\n3. 取得场地或建筑物所有权人、使用权人同意。',
    caseType: '2',
    legalLimit: wd(20),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '户外广告设施设置许可决定书',
    resultType: 'approval',
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    intermediaryServices: [{ name: '大型户外广告设施结构安全检测', basis: '《城市市容和环境卫生管理条例》第十一条' }],
    responsibilityItems: DUTIES.licence,
    materials: [
      BUSINESS_LICENCE,
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

  // —— 消防 ——
  impl('340600-XK-0012', 'XK00901000', 'fire', {
    name: '公众聚集场所投入使用、营业前消防安全检查',
    aliases: ['消防检查', '消防安全检查', '开业消防检查'],
    keywords: ['消防', '公众聚集场所', '告知承诺'],
    legalBasis: '《中华人民共和国消防法》第十五条。',
    acceptanceConditions: '1. 建设工程依法通过消防验收或者备案抽查合格；\n2. 场所消防设施、器材和消防安全标志完好有效；\n3. 建立消防安全制度和灭火、应急疏散预案，员工经过消防安全培训。\n申请人可选择告知承诺方式，作出场所符合消防技术标准和管理规定的承诺后当场取得许可。',
    caseType: '2',
    legalLimit: wd(10),
    promisedLimit: wd(5),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '公众聚集场所投入使用、营业前消防安全检查合格证',
    resultType: 'licence',
    resultLicenseTypeCode: LT.fireSafetyCert,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '选择告知承诺方式的，当场作出许可决定，消防救援机构在许可后组织核查；选择一般程序的，自受理之日起十个工作日内进行检查并作出决定。',
    intermediaryServices: [{ name: '消防技术服务（消防设施检测、消防安全评估）', basis: '《社会消防技术服务管理规定》（应急管理部令第7号）' }],
    responsibilityItems: DUTIES.licence,
    materials: [
      mat('application', '公众聚集场所投入使用、营业前消防安全检查申报表', '申请人签字或盖章', { form: 'electronic' }),
      BUSINESS_LICENCE,
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

  // —— 税务 ——
  impl('340600-QT-0003', 'QT00201000', 'tax', {
    name: '新办纳税人"套餐式"服务（涉税信息确认、发票领用）',
    aliases: ['发票领用', '领发票', '新办纳税人套餐'],
    keywords: ['发票', '税务', '数电发票', '企业开办'],
    legalBasis: '《中华人民共和国税收征收管理法》第十五条；《中华人民共和国发票管理办法》第十五条。',
    acceptanceConditions: '已领取营业执照的新办纳税人（含个体工商户），办理涉税信息确认、实名办税、发票票种核定及发票领用等事项。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    fees: [],
    resultName: '税务事项通知书（发票票种核定）',
    resultType: 'approval',
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店', '企业开办'],
    responsibilityItems: DUTIES.other,
    materials: [BUSINESS_LICENCE, lic('id_card', '法定代表人（负责人）及办税人员居民身份证', 'idCard', '均已在电子税务局完成实名认证')],
    steps: steps(0, 0, 0),
    form: form({
      ...ORG_FIELDS,
      legalRep: f.text('法定代表人（负责人）', '与营业执照一致', 50),
      taxOfficer: f.text('办税人员姓名', '负责日常办税的人员', 50),
      taxOfficerIdNumber: f.idNumber('办税人员公民身份号码'),
      invoiceTypes: f.checkbox('申领发票种类', '可多选；专用发票按需核定', ['数电发票（普通发票）', '数电发票（增值税专用发票）']),
    }),
  }),
  impl('340600-ZS-0002', 'ZS00201000', 'tax', {
    name: '城乡居民基本医疗保险费征收',
    aliases: ['居民医保缴费', '医保缴费'],
    keywords: ['医保', '缴费', '新生儿'],
    legalBasis: '《中华人民共和国社会保险法》第五十九条；《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）；《国税地税征管体制改革方案》。',
    acceptanceConditions: '已办理城乡居民基本医疗保险参保登记的人员，按年度在集中征收期内缴费；新生儿等特殊群体可在规定期限内随时参保缴费。',
    caseType: '1',
    legalLimit: wd(0),
    promisedLimit: wd(0),
    visits: 0,
    handlingForms: ['1', '2', '3'],
    onlineDepth: 4,
    payOnline: true,
    fees: [
      {
        name: '城乡居民基本医疗保险费（个人缴费部分）',
        standard: '按淮北市当年度公布的城乡居民医保个人缴费标准（元/人·年）',
        basis: '《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）；淮北市年度城乡居民基本医疗保险筹资标准',
        waivable: true,
      },
    ],
    resultName: '社会保险费缴费凭证',
    resultType: 'record',
    serviceObjects: ['1'],
    topics: ['新生儿出生'],
    responsibilityItems: DUTIES.levy,
    materials: [
      lic('household_book', '缴费人居民户口簿或居民身份证', 'householdBook', '与参保登记信息一致'),
      shared('enrolment', '城乡居民基本医疗保险参保登记信息', '淮北市医疗保障局', '已完成参保登记，由医保部门推送至税务部门'),
    ],
    steps: steps(0, 0, 0),
    form: form({
      ...PERSON_FIELDS,
      year: f.select('缴费年度', '集中征收期内缴纳下一年度费用', ['本年度', '下一年度']),
      payMethod: f.radio('缴费渠道', '各渠道缴费效力相同', ['皖事通APP', '微信', '银行柜面']),
    }),
  }),
];

// ── Issuers and fields of the licence types ──────────────────────────────────────────────────────────────

/** Keys every licence issued on a case's decision carries (cases.handling.ts). */
const CASE_KEYS = ['事项名称', '办件编号'];
/** Form fields a licence never carries: contact, identity numbers (the holder is sealed on its own), delivery. */
const NOT_LICENCE_DATA = new Set(['phone', 'id-number', 'uscc']);
const isDelivery = (key: string) => key.startsWith('delivery');
/** Keys of licences an officer issues directly (the demo journey's business licence). */
const DIRECT_KEYS: Partial<Record<LicenceKey, string[]>> = { businessLicence: ['名称', '类型', '住所', '法定代表人', '经营范围', '成立日期'] };

/**
 * A demo licence type is issued by the departments whose implementations yield it, and carries the case keys, the
 * scalar fields of those implementations' forms (never a phone or ID number) and the keys it is issued with directly.
 */
function licenceTypeSetup(departments: Map<DeptKey, number>): Map<string, { issuers: number[]; fields: string[] }> {
  const out = new Map<string, { issuers: Set<number>; fields: Set<string> }>();
  const entry = (code: string) => out.get(code) ?? out.set(code, { issuers: new Set(), fields: new Set() }).get(code)!;
  for (const [key, code] of Object.entries(LT) as [LicenceKey, string][]) for (const k of DIRECT_KEYS[key] ?? []) entry(code).fields.add(k);
  for (const i of IMPLEMENTATIONS) {
    const code = i.content.resultLicenseTypeCode;
    if (!code) continue;
    const e = entry(code);
    e.issuers.add(departments.get(i.dept)!);
    for (const k of CASE_KEYS) e.fields.add(k);
    const props = (i.content.form?.properties ?? {}) as Record<string, FieldSchema>;
    for (const [k, field] of Object.entries(props)) if (field.type !== 'array' && field.type !== 'object' && !NOT_LICENCE_DATA.has(String(field['x-widget'])) && !isDelivery(k)) e.fields.add(k);
  }
  return new Map([...out].map(([code, e]) => [code, { issuers: [...e.issuers], fields: [...e.fields] }]));
}

// Market departments issue business licences directly too (the demo journey); add them where no item yields one.
const DIRECT_ISSUERS: Partial<Record<LicenceKey, DeptKey[]>> = { businessLicence: ['market', 'xiangshanMarket', 'suixiMarket'] };

// ── Seeding ──────────────────────────────────────────────────────────────────────────────────────────────

async function departmentIds(db: Db, ctx: RequestContext): Promise<Map<DeptKey, number>> {
  const ids = new Map<DeptKey, number>();
  for (const [key, d] of Object.entries(DEPARTMENTS) as [DeptKey, DepartmentSeed][]) {
    const uscc = departmentUscc(key);
    const existing = await findDepartmentByUscc(db, uscc);
    if (existing) {
      ids.set(key, existing.id);
      continue;
    }
    if (d.fromDemo) throw new Error(`department ${d.name} (${uscc}) is missing: run seedDemo before seedDemoCatalog`);
    const created = await db.transaction((tx) => createDepartment(tx, ctx, { name: d.name, uscc, regionCode: d.region }));
    ids.set(key, created.id);
  }
  return ids;
}

/**
 * Seeds the demo catalogue through the services: licence types, departments it needs, base items, and every
 * implementation created, submitted and approved in one transaction. Idempotent: what exists is skipped.
 */
export async function seedDemoCatalog(db: Db): Promise<{ licenseTypes: number; baseItems: number; implementations: number }> {
  const ctx = systemContext('demo-seed');
  const created = { licenseTypes: 0, baseItems: 0, implementations: 0 };
  const departments = await departmentIds(db, ctx);
  const setup = licenceTypeSetup(departments);
  for (const [key, depts] of Object.entries(DIRECT_ISSUERS) as [LicenceKey, DeptKey[]][]) {
    const e = setup.get(LT[key]) ?? { issuers: [], fields: [] };
    setup.set(LT[key], { ...e, issuers: [...new Set([...e.issuers, ...depts.map((d) => departments.get(d)!)])] });
  }
  for (const t of LICENCE_TYPES) {
    if (await findLicenseType(db, t.code)) continue;
    await db.transaction((tx) => createLicenseType(tx, ctx, { ...t, ...setup.get(t.code) }));
    created.licenseTypes++;
  }
  const baseIds = new Map<string, number>();
  for (const b of BASE_ITEMS) {
    const existing = await findBaseItemByCode(db, b.code);
    if (existing) {
      baseIds.set(b.code, existing.id);
      continue;
    }
    const row = await db.transaction((tx) => createBaseItem(tx, ctx, b));
    baseIds.set(b.code, row.id);
    created.baseItems++;
  }
  for (const i of IMPLEMENTATIONS) {
    if (await findImplementationByCode(db, i.code)) continue;
    await db.transaction(async (tx) => {
      const row = await createImplementation(tx, ctx, {
        code: i.code,
        baseItemId: baseIds.get(i.base)!,
        regionCode: DEPARTMENTS[i.dept].region,
        departmentId: departments.get(i.dept)!,
        content: i.content,
      });
      const draft = await getVersion(tx, row.latestVersionId!);
      await transition(tx, ctx, row.id, 'submit', { version: draft.version });
      await transition(tx, ctx, row.id, 'approve', { version: draft.version + 1, note: '演示数据' });
    });
    created.implementations++;
  }
  return created;
}
