import { makeUscc } from '../../platform/identity.ts';
import type { FieldBinding } from '../../platform/form-widgets.ts';
import type { LicenseTypeInput } from '../../modules/licenses/index.ts';
import type { ContentInput } from '../../modules/catalog/index.ts';

/**
 * What every theme of the demo catalogue uses (index.ts assembles the themes): the licence types, the departments
 * and their offices, the builders of a guide's elements, the base items and the guides several regions share.
 */

// ── Licence types (证照类型): code = the defining body's USCC + 3 digits ─────────────────────────────────────

// Organisation bodies of the national defining bodies are illustrative, except 住房和城乡建设部 (standards.md §4).
export const NATIONAL_BODIES = {
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
export type Body = keyof typeof NATIONAL_BODIES;

export const LICENSE_TYPE_DATA = [
  ['businessLicense', '营业执照', 'samr', '001', 'organisation'],
  ['foodLicense', '食品经营许可证', 'samr', '002', 'organisation'],
  ['publicHygiene', '公共场所卫生许可证', 'nhc', '001', 'organisation'],
  ['birthCert', '出生医学证明', 'nhc', '002', 'person'],
  ['vaccination', '预防接种证', 'nhc', '003', 'person'],
  ['householdBook', '居民户口簿', 'mps', '001', 'person'],
  ['idCard', '居民身份证', 'mps', '002', 'person'],
  ['driverLicense', '机动车驾驶证', 'mps', '003', 'person'],
  ['socialSecurityCard', '社会保障卡', 'mohrss', '001', 'person'],
  ['employmentCard', '就业创业证', 'mohrss', '002', 'person'],
  ['marriageCert', '结婚证', 'mca', '001', 'person'],
  ['divorceCert', '离婚证', 'mca', '002', 'person'],
  ['realEstateCert', '不动产权证书', 'mnr', '001', 'person'],
  ['realEstateProof', '不动产登记证明', 'mnr', '002', 'organisation'],
  ['planningPermit', '建设工程规划许可证', 'mnr', '003', 'organisation'],
  ['constructionPermit', '建筑工程施工许可证', 'mohurd', '001', 'organisation'],
  ['presaleLicense', '商品房预售许可证', 'mohurd', '002', 'organisation'],
  ['roadTransportLicense', '道路运输经营许可证', 'mot', '001', 'organisation'],
  ['pollutantPermit', '排污许可证', 'mee', '001', 'organisation'],
  ['fireSafetyCert', '公众聚集场所投入使用、营业前消防安全检查合格证', 'fire', '001', 'organisation'],
  // 个体工商户 is a citizen who runs a business (《民法典》第五十四条, 《促进个体工商户发展条例》第二条): the licence is held by
  // the operator, a person (持证主体代码类型 111), so the sole-trader item can issue it to the person who applies.
  ['soleTraderLicense', '个体工商户营业执照', 'samr', '003', 'person'],
] as const satisfies readonly (readonly [string, string, Body, string, 'person' | 'organisation'])[];
export type LicenseKey = (typeof LICENSE_TYPE_DATA)[number][0];

export const bodyUscc = (body: Body) => makeUscc('11', '100000', NATIONAL_BODIES[body].org);

/**
 * How long a licence of each demo type is valid: years from its issue, or long-term (null) only where the law sets
 * no term. The basis says which; where a term depends on the holder (an identity card by age) it is set at issue.
 */
export const LICENSE_VALIDITY: Record<LicenseKey, { years: number | null; basis: string }> = {
  businessLicense: { years: null, basis: '《中华人民共和国市场主体登记管理条例》：营业执照不设有效期，营业期限按章程或合伙协议载明' },
  foodLicense: { years: 5, basis: '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）：食品经营许可证有效期为5年' },
  publicHygiene: { years: 4, basis: '《公共场所卫生管理条例实施细则》：公共场所卫生许可证有效期限为四年' },
  birthCert: { years: null, basis: '《中华人民共和国母婴保健法》：出生医学证明是新生儿出生的法定医学证明，不设有效期' },
  vaccination: { years: null, basis: '《中华人民共和国疫苗管理法》：国家对儿童实行预防接种证制度，预防接种证不设有效期' },
  householdBook: { years: null, basis: '《中华人民共和国户口登记条例》：户口簿不设有效期，登记事项变更时办理变更' },
  idCard: { years: null, basis: '《中华人民共和国居民身份证法》第五条：按申领时年龄为五年、十年、二十年或长期，签发时确定' },
  driverLicense: { years: 6, basis: '《机动车驾驶证申领和使用规定》：初次领取的机动车驾驶证有效期为六年' },
  socialSecurityCard: { years: 10, basis: '社会保障卡卡面有效期为十年（演示数据，以人力资源社会保障部现行规定为准）' },
  employmentCard: { years: null, basis: '就业创业证记载就业失业状况，不设有效期（演示数据，以现行规定为准）' },
  marriageCert: { years: null, basis: '《婚姻登记条例》：结婚证是婚姻关系成立的证明，不设有效期' },
  divorceCert: { years: null, basis: '《婚姻登记条例》：离婚证是解除婚姻关系的证明，不设有效期' },
  realEstateCert: { years: null, basis: '《不动产登记暂行条例》：不动产权证书不设有效期，权利期限按登记簿记载' },
  realEstateProof: { years: null, basis: '《不动产登记暂行条例》：不动产登记证明不设有效期，按登记簿记载' },
  planningPermit: { years: 2, basis: '逾期未开工的建设工程规划许可证失效，期限由地方城乡规划条例规定（演示数据按两年）' },
  constructionPermit: { years: null, basis: '《中华人民共和国建筑法》第九条：自领取之日起三个月内开工，逾期未开工又未延期的自行废止；开工后不设有效期' },
  presaleLicense: { years: null, basis: '《城市商品房预售管理办法》：预售许可证不设固定期限（演示数据，以地方规定为准）' },
  roadTransportLicense: { years: 4, basis: '道路运输经营许可证有效期为四年（交通运输部道路运输规章；演示数据，以现行规定为准）' },
  pollutantPermit: { years: 5, basis: '《排污许可管理条例》第十四条：排污许可证有效期为5年' },
  soleTraderLicense: {
    years: null,
    basis: '《中华人民共和国市场主体登记管理条例》：营业执照不设有效期；个体工商户经营者变更的，办理变更登记（《促进个体工商户发展条例》第十条）',
  },
  fireSafetyCert: {
    years: null,
    basis: '《中华人民共和国消防法》第十五条：投入使用、营业前须经消防安全检查；合格证不设有效期，场所用途或规模改变时重新检查（演示数据）',
  },
};

export const LICENSE_TYPES: LicenseTypeInput[] = LICENSE_TYPE_DATA.map(([key, name, body, seq, holderKind]) => ({
  code: bodyUscc(body) + seq,
  name,
  definingBodyName: NATIONAL_BODIES[body].name,
  holderKind,
  validityYears: LICENSE_VALIDITY[key].years,
  validityBasis: LICENSE_VALIDITY[key].basis,
}));

/** A field a licence prints under its own words, not the form's question (经营者名称, not 单位名称). */
export interface LicenseFieldSeed {
  label: string;
  labelEn: string;
  printed?: boolean;
}

/**
 * The labels of the demo licences' fields where the form's title is not what the licence says, English labels, and
 * fields a type carries besides its forms' (主体业态 of a 食品经营许可证). Keys are the forms' keys: a case hands its
 * answers over under them.
 */
export const LICENSE_FIELD_LABELS: Partial<Record<LicenseKey, Record<string, LicenseFieldSeed>>> = {
  foodLicense: {
    entityName: { label: '经营者名称', labelEn: 'Operator' },
    legalRep: { label: '法定代表人（负责人）', labelEn: 'Legal representative (person in charge)' },
    shopAddress: { label: '经营场所', labelEn: 'Premises' },
    businessForm: { label: '主体业态', labelEn: 'Type of business' },
    businessItems: { label: '经营项目', labelEn: 'Business items' },
    seats: { label: '就餐座位数', labelEn: 'Seats', printed: false },
  },
};

/** English labels of keys many demo licences share. */
export const COMMON_FIELD_LABELS: Record<string, LicenseFieldSeed> = {
  事项名称: { label: '事项名称', labelEn: 'Service item', printed: false },
  办件编号: { label: '办件编号', labelEn: 'Case number', printed: false },
  名称: { label: '名称', labelEn: 'Name' },
  类型: { label: '类型', labelEn: 'Type' },
  住所: { label: '住所', labelEn: 'Domicile' },
  法定代表人: { label: '法定代表人', labelEn: 'Legal representative' },
  经营范围: { label: '经营范围', labelEn: 'Business scope' },
  成立日期: { label: '成立日期', labelEn: 'Date of establishment' },
  entityName: { label: '单位名称', labelEn: 'Organisation name' },
  legalRep: { label: '法定代表人', labelEn: 'Legal representative' },
  shopAddress: { label: '经营场所', labelEn: 'Premises' },
};

/** Licence type codes by key, for materials (免证可办) and results. */
export const LT = Object.fromEntries(LICENSE_TYPE_DATA.map(([key, , body, seq]) => [key, bodyUscc(body) + seq])) as Record<LicenseKey, string>;

// ── Departments: those of demo.ts (seeded first) and the ones this catalogue adds ──────────────────────────────

export interface DepartmentSeed {
  name: string;
  region: string;
  org: string;
  /** Created by demo.ts; only looked up here. */
  fromDemo?: boolean;
}

export const DEPARTMENTS = {
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
  housingFund: { name: '淮北市住房公积金管理中心', region: '340600', org: '00300018' },
  suixiHealth: { name: '濉溪县卫生健康委员会', region: '340621', org: '00300202' },
  // Public utilities whose connections (报装) the hall receives with the departments' items (水电气网联合报装).
  utilities: { name: '淮北市公用事业服务中心', region: '340600', org: '00300019' },
  power: { name: '国网淮北供电公司', region: '340600', org: '00300020' },
  telecom: { name: '中国电信淮北分公司', region: '340600', org: '00300021' },
} satisfies Record<string, DepartmentSeed>;
export type DeptKey = keyof typeof DEPARTMENTS;

export const departmentUscc = (key: DeptKey) => makeUscc('11', DEPARTMENTS[key].region, DEPARTMENTS[key].org);

// ── Common elements: where, when and whom to ask, per department ───────────────────────────────────────────

export interface Office {
  place: string;
  hours: string;
  consultation: string;
  complaint: string;
}

export const CITY_HOURS = '工作日 上午 8:30-12:00，下午 13:30-17:00（法定节假日除外；周六上午提供预约服务）';
export const COUNTY_HOURS = '工作日 上午 8:30-12:00，下午 14:00-17:30（法定节假日除外）';
export const cityHall = (window: string) => `淮北市政务服务中心${window}`;
export const complaint = (phone: string) => `12345政务服务便民热线；淮北市政务服务管理局监督电话 ${phone}`;

export const OFFICES: Record<DeptKey, Office> = {
  market: {
    place: cityHall('二楼 企业开办专区 市场监管窗口'),
    hours: CITY_HOURS,
    consultation: '0561-3196231（市场监管窗口）',
    complaint: complaint('0561-3196100'),
  },
  health: { place: cityHall('二楼 卫生健康窗口'), hours: CITY_HOURS, consultation: '0561-3196245（卫生健康窗口）', complaint: complaint('0561-3196100') },
  police: {
    place: cityHall('一楼 公安综合窗口；各公安派出所户籍窗口'),
    hours: CITY_HOURS,
    consultation: '0561-3196110（公安综合窗口）',
    complaint: complaint('0561-3196100'),
  },
  hrss: {
    place: cityHall('三楼 人社综合窗口；各县区社会保险经办机构'),
    hours: CITY_HOURS,
    consultation: '0561-12333（人社服务热线）',
    complaint: complaint('0561-3196100'),
  },
  medical: {
    place: cityHall('三楼 医保窗口；各县区医疗保障经办机构'),
    hours: CITY_HOURS,
    consultation: '0561-3196263（医保窗口）',
    complaint: complaint('0561-3196100'),
  },
  justice: {
    place: '淮北市公共法律服务中心 一楼 法律援助窗口',
    hours: CITY_HOURS,
    consultation: '12348（公共法律服务热线）',
    complaint: complaint('0561-3196100'),
  },
  civil: {
    place: '淮北市婚姻登记处；各县区民政局婚姻登记处',
    hours: CITY_HOURS,
    consultation: '0561-3196270（民政窗口）',
    complaint: complaint('0561-3196100'),
  },
  housing: {
    place: cityHall('四楼 工程建设项目审批综合窗口'),
    hours: CITY_HOURS,
    consultation: '0561-3196282（住建窗口）',
    complaint: complaint('0561-3196100'),
  },
  land: {
    place: cityHall('一楼 不动产登记窗口（淮北市不动产登记中心）'),
    hours: CITY_HOURS,
    consultation: '0561-3196290（不动产登记窗口）',
    complaint: complaint('0561-3196100'),
  },
  transport: { place: cityHall('四楼 交通运输窗口'), hours: CITY_HOURS, consultation: '0561-3196305（交通运输窗口）', complaint: complaint('0561-3196100') },
  ecology: { place: cityHall('四楼 生态环境窗口'), hours: CITY_HOURS, consultation: '0561-3196312（生态环境窗口）', complaint: complaint('0561-3196100') },
  urban: { place: cityHall('四楼 城市管理窗口'), hours: CITY_HOURS, consultation: '0561-3196318（城市管理窗口）', complaint: complaint('0561-3196100') },
  fire: { place: cityHall('四楼 消防窗口'), hours: CITY_HOURS, consultation: '0561-3196119（消防窗口）', complaint: complaint('0561-3196100') },
  housingFund: {
    place: cityHall('三楼 住房公积金窗口'),
    hours: CITY_HOURS,
    consultation: '0561-3196288（住房公积金窗口）；12329 住房公积金服务热线',
    complaint: complaint('0561-3196100'),
  },
  tax: {
    place: cityHall('二楼 企业开办专区 税务综合窗口'),
    hours: CITY_HOURS,
    consultation: '12366（纳税缴费服务热线）',
    complaint: complaint('0561-3196100'),
  },
  utilities: {
    place: cityHall('四楼 水电气网联合报装窗口'),
    hours: CITY_HOURS,
    consultation: '0561-3196325（水电气网联合报装窗口）',
    complaint: complaint('0561-3196100'),
  },
  power: { place: cityHall('四楼 水电气网联合报装窗口'), hours: CITY_HOURS, consultation: '95598（供电服务热线）', complaint: complaint('0561-3196100') },
  telecom: { place: cityHall('四楼 水电气网联合报装窗口'), hours: CITY_HOURS, consultation: '10000（电信客服热线）', complaint: complaint('0561-3196100') },
  xiangshanMarket: {
    place: '相山区政务服务中心 一楼 市场监管窗口',
    hours: COUNTY_HOURS,
    consultation: '0561-3868231（相山区市场监管窗口）',
    complaint: '12345政务服务便民热线；相山区数据资源管理局监督电话 0561-3868100',
  },
  suixiMarket: {
    place: '濉溪县政务服务中心 二楼 市场监管窗口',
    hours: COUNTY_HOURS,
    consultation: '0561-6096231（濉溪县市场监管窗口）',
    complaint: '12345政务服务便民热线；濉溪县数据资源管理局监督电话 0561-6096100',
  },
  suixiHealth: {
    place: '濉溪县政务服务中心 二楼 卫生健康窗口',
    hours: COUNTY_HOURS,
    consultation: '0561-6096245（濉溪县卫生健康窗口）',
    complaint: '12345政务服务便民热线；濉溪县数据资源管理局监督电话 0561-6096100',
  },
};

// ── Builders for the elements every guide has ──────────────────────────────────────────────────────────────

export type MaterialInput = NonNullable<ContentInput['materials']>[number];
export type StepInput = NonNullable<ContentInput['steps']>[number];
export type FieldSchema = Record<string, unknown>;
export type MaterialOptions = Partial<Pick<MaterialInput, 'required' | 'form' | 'originals' | 'copies' | 'legalBasis' | 'pledgeAllowed'>>;

export const wd = (value: number) => ({ value, unit: 'working_day' as const });
export const nd = (value: number) => ({ value, unit: 'natural_day' as const });

/** A material the applicant brings. */
export function mat(key: string, name: string, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'both', source: 'applicant', originals: 1, copies: 0, acceptanceStandard, ...o };
}

/** A material taken from the licence catalogue (免证可办): the platform fetches it instead of asking for it. */
export function lic(key: string, name: string, license: LicenseKey, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'electronic', source: 'license', licenseTypeCode: LT[license], originals: 1, copies: 0, acceptanceStandard, ...o };
}

/** A material another department supplies through data sharing. */
export function shared(key: string, name: string, sourceDepartment: string, acceptanceStandard: string, o: MaterialOptions = {}): MaterialInput {
  return { key, name, required: true, form: 'electronic', source: 'department', sourceDepartment, acceptanceStandard, ...o };
}

export const ID_CARD = (who = '申请人') => lic('id_card', `${who}居民身份证`, 'idCard', '在有效期内；经电子证照库核验的免于提交实体证件');
export const BUSINESS_LICENSE = lic('business_license', '营业执照', 'businessLicense', '主体名称、统一社会信用代码与申请一致；经电子证照库核验的免于提交');
export const AGENT = mat('agent_authorisation', '授权委托书及代理人身份证件', '委托事项和权限明确，委托人签字或盖章；本人办理的免于提交', { required: false });

/** 受理 → 审查 → 决定, with the working days each may take. */
export function steps(accept: number, review: number, decide: number): StepInput[] {
  return [
    { key: 'accept', name: '受理', role: 'clerk', budgetDays: accept },
    { key: 'review', name: '审查', role: 'reviewer', budgetDays: review },
    { key: 'decide', name: '决定', role: 'reviewer', budgetDays: decide },
  ];
}

export function flow(...list: [key: string, name: string, role: 'clerk' | 'reviewer', days: number][]): StepInput[] {
  return list.map(([key, name, role, budgetDays]) => ({ key, name, role, budgetDays }));
}

/** Form fields: each with its title, widget, matching type/format, and a description for the applicant. */
export const f = {
  text: (title: string, description: string, maxLength = 100): FieldSchema => ({ type: 'string', title, description, maxLength, 'x-widget': 'text' }),
  textarea: (title: string, description: string): FieldSchema => ({ type: 'string', title, description, maxLength: 1000, 'x-widget': 'textarea' }),
  number: (title: string, description: string, minimum = 0): FieldSchema => ({ type: 'number', title, description, minimum, 'x-widget': 'number' }),
  date: (title: string, description: string): FieldSchema => ({ type: 'string', format: 'date', title, description, 'x-widget': 'date' }),
  idNumber: (title: string, description = '18 位公民身份号码，末位为 X 的请大写'): FieldSchema => ({
    type: 'string',
    format: 'cn-id-number',
    title,
    description,
    'x-widget': 'id-number',
  }),
  phone: (title = '联系电话', description = '11 位手机号码，用于接收办理进度和结果短信'): FieldSchema => ({
    type: 'string',
    format: 'cn-mobile',
    title,
    description,
    'x-widget': 'phone',
  }),
  uscc: (title = '统一社会信用代码', description = '18 位，见营业执照'): FieldSchema => ({
    type: 'string',
    format: 'uscc',
    title,
    description,
    'x-widget': 'uscc',
  }),
  select: (title: string, description: string, options: string[]): FieldSchema => ({ type: 'string', title, description, enum: options, 'x-widget': 'select' }),
  radio: (title: string, description: string, options: string[]): FieldSchema => ({ type: 'string', title, description, enum: options, 'x-widget': 'radio' }),
  checkbox: (title: string, description: string, options: string[]): FieldSchema => ({
    type: 'array',
    title,
    description,
    items: { type: 'string', enum: options },
    'x-widget': 'checkbox',
  }),
};

/** An application form; every field is required unless listed in `optional`. */
export function form(fields: Record<string, FieldSchema>, optional: string[] = []): NonNullable<ContentInput['form']> {
  const keys = Object.keys(fields);
  return { type: 'object', properties: fields, required: keys.filter((k) => !optional.includes(k)), 'x-order': keys };
}

/** A field filled from the applicant's account (`x-bind`): identity bindings read-only, contact.phone prefilled. */
const bound = (field: FieldSchema, bind: FieldBinding): FieldSchema => ({ ...field, 'x-bind': bind });

/** The applicant's own fields of a person's form: name and ID number from the account, the phone prefilled. */
export const PERSON_FIELDS = {
  applicantName: bound(f.text('申请人姓名', '与居民身份证上的姓名一致', 50), 'applicant.name'),
  applicantIdNumber: bound(f.idNumber('公民身份号码'), 'applicant.idNumber'),
  phone: bound(f.phone(), 'contact.phone'),
};

/** The applicant's own fields of an organisation's form: name and USCC from the account, the phone prefilled. */
export const ORG_FIELDS = {
  entityName: bound(f.text('单位名称', '与营业执照（登记证书）上的名称一致'), 'applicant.name'),
  usccCode: bound(f.uscc(), 'applicant.uscc'),
  phone: bound(f.phone('联系人手机', '经办人手机号码，用于接收办理进度和结果短信'), 'contact.phone'),
};

/** 责任事项 of the powers list (权责清单), by kind of power. */
export const DUTIES = {
  license: [
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

export type GuideInput = Omit<ContentInput, keyof Office> & Partial<Office>;

export interface ImplementationSeed {
  code: string;
  base: string;
  dept: DeptKey;
  content: ContentInput;
}

/** 全程网办: no visit, depth Ⅳ, applied for by the handling forms given (default online, on the phone or by post: 1–3). */
export const online = (handlingForms: GuideInput['handlingForms'] = ['1', '2', '3']): Pick<GuideInput, 'visits' | 'handlingForms' | 'onlineDepth'> => ({
  visits: 0,
  handlingForms,
  onlineDepth: 4,
});

/** 全程网办 (as `online`) and free. */
export const onlineFree = (handlingForms?: GuideInput['handlingForms']): Pick<GuideInput, 'visits' | 'handlingForms' | 'onlineDepth' | 'fees'> => ({
  ...online(handlingForms),
  fees: [],
});

/**
 * 即办 registration online (a 备案 or 登记): the organisation files a form on the platform and gets its receipt at
 * once; no fee, no step takes a day. Also its materials: the business licence and the form filed.
 */
export const onlineRecord = (
  resultName: string,
  registrationForm: { name: string; standard: string },
): Pick<
  GuideInput,
  | 'caseType'
  | 'legalLimit'
  | 'promisedLimit'
  | 'visits'
  | 'handlingForms'
  | 'onlineDepth'
  | 'fees'
  | 'resultName'
  | 'resultType'
  | 'responsibilityItems'
  | 'materials'
  | 'steps'
> => ({
  caseType: '1',
  legalLimit: wd(0),
  promisedLimit: wd(0),
  ...onlineFree(['2', '3']),
  resultName,
  resultType: 'record',
  responsibilityItems: DUTIES.other,
  materials: [BUSINESS_LICENSE, mat('registration_form', registrationForm.name, registrationForm.standard, { form: 'electronic' })],
  steps: steps(0, 0, 0),
});

/**
 * 行政处罚: decided within 90 natural days of the filing (行政处罚法 art. 60), 60 promised; the party comes in once to
 * be heard; a 行政处罚决定书 results.
 */
export const penalty = (): Pick<
  GuideInput,
  'caseType' | 'legalLimit' | 'promisedLimit' | 'visits' | 'visitsReason' | 'handlingForms' | 'onlineDepth' | 'resultName' | 'resultType'
> => ({
  caseType: '9',
  legalLimit: nd(90),
  promisedLimit: nd(60),
  visits: 1,
  visitsReason: '当事人须到场接受调查询问、核对笔录；要求听证的，须参加听证。',
  handlingForms: ['9'],
  onlineDepth: 0,
  resultName: '行政处罚决定书',
  resultType: 'other',
});

/** The steps of a 行政处罚: filed in 7 days, then investigation, the notice of the intended penalty (告知) and the decision. */
export const penaltySteps = (investigate = 30, notify = 10, decide = 10): StepInput[] =>
  flow(
    ['file', '立案', 'clerk', 7],
    ['investigate', '调查取证', 'reviewer', investigate],
    ['notify', '告知', 'reviewer', notify],
    ['decide', '审查决定', 'reviewer', decide],
  );

/** The form of a 行政处罚: the party, `fields` of the case, the phone documents are served to, and the party's optional statement. */
export function penaltyForm(fields: Record<string, FieldSchema> = {}): NonNullable<ContentInput['form']> {
  return form(
    {
      partyName: f.text('当事人名称（姓名）', '单位填写营业执照上的名称，个人填写姓名'),
      ...fields,
      phone: f.phone('联系电话', '用于接收执法文书送达通知'),
      opinion: f.textarea('陈述申辩意见', '对拟处罚的事实、理由和依据的意见，可不填'),
    },
    ['opinion'],
  );
}

/** The party's identity, the first material of a 行政处罚. */
export const PARTY_IDENTITY = mat('identity', '当事人身份证明或营业执照', '与被调查主体一致');

/** One implementation: the department's office elements, overridable per guide. */
export function impl(code: string, base: string, dept: DeptKey, content: GuideInput): ImplementationSeed {
  return { code, base, dept, content: { ...OFFICES[dept], ...content } };
}

// ── Base items (基本目录) ─────────────────────────────────────────────────────────────────────────────────

export interface BaseItemSeed {
  code: string;
  name: string;
  itemType: string;
  useLevel: string;
  legalBasis: string;
}

export const base = (code: string, name: string, itemType: string, useLevel: string, legalBasis: string): BaseItemSeed => ({
  code,
  name,
  itemType,
  useLevel,
  legalBasis,
});

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
  base('GG00601000', '住房公积金提取', '20', '3', '《住房公积金管理条例》第二十四条'),
  // 企业开办 (一件事): the steps after the business licence.
  base('QT00301000', '公章刻制备案', '10', '3', '《国务院关于第六批取消和调整行政审批项目的决定》（国发〔2012〕52号）；《印铸刻字业暨创制印章管理办法》'),
  base('GG00204000', '单位参保登记', '20', '3', '《中华人民共和国社会保险法》第五十七条'),
  base('GG00602000', '住房公积金单位缴存登记', '20', '3', '《住房公积金管理条例》第十四条'),
  // The bundle templates 退休, 身后一件事, 企业信息变更 and 水电气网联合报装 (life-events.ts).
  base('GG00604000', '住房公积金提取（离休、退休）', '20', '3', '《住房公积金管理条例》第二十四条'),
  base('GG00605000', '住房公积金提取（死亡或被宣告死亡）', '20', '3', '《住房公积金管理条例》第二十五条'),
  base('GG00303000', '职工基本医疗保险退休人员待遇核定', '20', '3', '《中华人民共和国社会保险法》第二十七条'),
  base(
    'GG00103000',
    '居民死亡医学证明（推断）书签发',
    '20',
    '4',
    '《国家卫生计生委 公安部 民政部关于进一步规范人口死亡医学证明和信息登记管理工作的通知》（国卫规划发〔2013〕57号）',
  ),
  base('QR00103000', '死亡注销户口', '07', '4', '《中华人民共和国户口登记条例》第八条'),
  base('JF00103000', '丧葬补助金、抚恤金申领', '05', '3', '《中华人民共和国社会保险法》第十七条'),
  base('XK00104000', '企业变更登记', '01', '3', '《中华人民共和国市场主体登记管理条例》第二十四条'),
  base('QT00202000', '变更税务登记', '10', '3', '《中华人民共和国税收征收管理法》第十六条'),
  base('GG00205000', '单位参保信息变更登记', '20', '3', '《中华人民共和国社会保险法》第五十七条'),
  base('GG00603000', '住房公积金单位信息变更', '20', '3', '《住房公积金管理条例》第十四条'),
  base('GG00701000', '用水报装', '20', '3', '《城市供水条例》第二十一条'),
  base('GG00702000', '用气报装', '20', '3', '《城镇燃气管理条例》第十七条'),
  base('GG00703000', '低压用电报装', '20', '3', '《电力供应与使用条例》第二十二条'),
  base('GG00704000', '宽带网络报装', '20', '3', '《中华人民共和国电信条例》第三十一条'),
  base('XK00802000', '占用、挖掘城市道路审批', '01', '3', '《城市道路管理条例》第三十条'),
];

// ── Guides shared by several regions (二次统筹 compares them) ──────────────────────────────────────────────────

export const FOOD_LICENSE_MATERIALS: MaterialInput[] = [
  BUSINESS_LICENSE,
  mat('application', '食品经营许可申请书', '申请人签字或盖章；经营项目勾选与实际经营一致', { form: 'electronic' }),
  mat('layout', '经营场所平面布局图、设备布局图及工艺流程图', '标明粗加工、烹饪、餐用具清洗消毒、库房等功能区及面积，流程符合生进熟出、防止交叉污染', {
    form: 'electronic',
  }),
  mat('safety_rules', '食品安全管理制度目录及食品安全管理人员信息', '制度名称齐全，食品安全管理人员姓名、联系方式真实；可以告知承诺方式提交', {
    pledgeAllowed: true,
  }),
  AGENT,
];

export function foodLicense(overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    name: '食品经营许可（餐饮服务）',
    aliases: ['餐饮服务许可证', '饭店许可证'],
    keywords: ['开饭店', '餐馆', '小吃店', '食品经营许可证', '新办'],
    legalBasis:
      '《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。\n《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）。',
    acceptanceConditions:
      '1. 申请人已取得营业执照等合法主体资格；\n2. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，并与有毒、有害场所以及其他污染源保持规定的距离；\n3. 具有与经营的食品品种、数量相适应的经营设备或者设施，有相应的消毒、更衣、盥洗、采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤以及处理废水、存放垃圾和废弃物的设备或者设施；\n4. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n5. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染。',
    caseType: '2',
    legalLimit: wd(10),
    promisedLimit: wd(5),
    ...onlineFree(['1', '2', '3', '4']),
    express: true,
    appointment: true,
    resultName: '食品经营许可证',
    resultType: 'license',
    resultLicenseTypeCode: LT.foodLicense,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '需要现场核查的，现场核查时间不计入办理时限（《中华人民共和国行政许可法》第四十五条）；申请人作出告知承诺的，可先行发证后开展现场核查。',
    responsibilityItems: DUTIES.license,
    materials: FOOD_LICENSE_MATERIALS,
    steps: steps(1, 3, 1),
    form: form(
      {
        ...ORG_FIELDS,
        legalRep: f.text('法定代表人（负责人）', '与营业执照一致', 50),
        shopAddress: f.text('经营场所', '详细到门牌号，与营业执照一致', 200),
        businessItems: f.checkbox('经营项目', '按实际经营勾选，可多选', [
          '热食类食品制售',
          '冷食类食品制售',
          '生食类食品制售',
          '半成品制售',
          '自制饮品制售',
          '预包装食品销售',
        ]),
        seats: f.number('就餐座位数', '无堂食的填 0'),
      },
      ['seats'],
    ),
    ...overrides,
  };
}

export function soleTrader(): GuideInput {
  return {
    name: '个体工商户设立登记',
    aliases: ['个体户营业执照', '个体户注册'],
    keywords: ['个体户', '门店', '营业执照', '开店'],
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十九条；《促进个体工商户发展条例》（国务院令第755号）。',
    acceptanceConditions:
      '1. 申请人为有经营能力的公民，可以个人经营或者家庭经营；\n2. 有符合规定的经营场所；\n3. 经营范围不属于法律、行政法规禁止个体工商户经营的项目；\n4. 申请材料齐全、符合法定形式。',
    caseType: '1',
    legalLimit: wd(3),
    promisedLimit: wd(0),
    ...onlineFree(),
    express: true,
    resultName: '个体工商户营业执照',
    resultType: 'license',
    // The operator (a person) holds it: 营业执照 of organisations is for companies (ADR 0041).
    resultLicenseTypeCode: LT.soleTraderLicense,
    serviceObjects: ['1'],
    topics: ['开办餐饮店'],
    responsibilityItems: DUTIES.license,
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

export function publicHygiene(overrides: Partial<GuideInput> = {}): GuideInput {
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
    ...onlineFree(),
    express: true,
    resultName: '公共场所卫生许可证',
    resultType: 'license',
    resultLicenseTypeCode: LT.publicHygiene,
    serviceObjects: ['1', '2', '6'],
    topics: ['开办餐饮店'],
    specialProcedures: '现场审核时间不计入办理时限。',
    responsibilityItems: DUTIES.license,
    materials: [
      mat('application', '公共场所卫生许可申请表', '法定代表人（负责人）签字或盖章', { form: 'electronic' }),
      BUSINESS_LICENSE,
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

export function foodInspection(): GuideInput {
  return {
    name: '食品经营日常监督检查',
    keywords: ['双随机', '食品安全检查', '飞行检查'],
    legalBasis: '《中华人民共和国食品安全法》第一百一十条；《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）。',
    acceptanceConditions:
      '依据年度监督检查计划、风险分级结果和"双随机、一公开"抽查，对辖区内食品经营者开展日常监督检查；接到投诉举报或发现风险线索时开展专项检查、飞行检查。',
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
      BUSINESS_LICENSE,
      lic('food_license', '食品经营许可证', 'foodLicense', '在有效期内，经营项目与实际一致'),
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
