import { checkFormSchema } from '../../platform/forms.ts';
import type { ImplementationContent } from './catalog.types.ts';

/**
 * 全量巡检: rules run over every published guide. Each finding names its rule, severity and the element it
 * concerns. Pure: the caller supplies what the rules need to know about the world.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  rule: string;
  /** The rule's description, shown to people instead of its code. */
  ruleName: { zh: string; en: string };
  severity: Severity;
  element: string;
  message: { zh: string; en: string };
}

export interface InspectionWorld {
  /** Licence type codes that exist. */
  licenseTypes: ReadonlySet<string>;
  /** Sizes of stored files by digest (missing = not stored). */
  fileSizes: ReadonlyMap<string, number>;
}

export interface Rule {
  code: string;
  severity: Severity;
  /** Completeness rules count toward 完备度; the others are accuracy findings (准确性). */
  kind: 'completeness' | 'accuracy';
  description: { zh: string; en: string };
  check(content: ImplementationContent, world: InspectionWorld): { element: string; zh: string; en: string }[];
}

const REQUIRED_TEXT: [keyof ImplementationContent, string][] = [
  ['legalBasis', '设定依据'],
  ['acceptanceConditions', '受理条件'],
  ['resultName', '审批结果名称'],
  ['place', '办理地点'],
  ['hours', '办理时间'],
  ['consultation', '咨询方式'],
  ['complaint', '监督投诉方式'],
];

function toWorkingDaysUpperBound(limit: { value: number; unit: string }): number {
  return limit.value;
}

/** Compares two limits; natural days are at least as long as the same number of working days. */
function longer(a: { value: number; unit: string }, b: { value: number; unit: string }): boolean {
  if (a.unit === b.unit) return a.value > b.value;
  // 5 working days span at least 7 natural days; compare conservatively so no false finding is raised.
  if (a.unit === 'working_day' && b.unit === 'natural_day') return a.value > b.value;
  return a.value > Math.ceil((b.value * 7) / 5) + 14;
}

export const RULES: Rule[] = [
  {
    code: 'REQUIRED_ELEMENT_MISSING',
    severity: 'error',
    kind: 'completeness',
    description: { zh: '必填要素缺失', en: 'A required element is missing' },
    check: (c) => {
      const out = REQUIRED_TEXT.filter(([k]) => !String(c[k] ?? '').trim()).map(([k, zh]) => ({
        element: String(k),
        zh: `缺少${zh}`,
        en: `${String(k)} is empty`,
      }));
      if (c.handlingForms.length === 0) out.push({ element: 'handlingForms', zh: '缺少办理形式', en: 'no handling form' });
      if (c.serviceObjects.length === 0) out.push({ element: 'serviceObjects', zh: '缺少服务对象', en: 'no service object' });
      if (c.materials.length === 0) out.push({ element: 'materials', zh: '未列出申请材料', en: 'no materials listed' });
      if (c.steps.length === 0) out.push({ element: 'steps', zh: '未设置办理环节', en: 'no handling steps' });
      return out;
    },
  },
  {
    code: 'PROMISED_EXCEEDS_LEGAL',
    severity: 'error',
    kind: 'accuracy',
    description: { zh: '承诺时限长于法定时限', en: 'Promised limit longer than the legal limit' },
    check: (c) =>
      longer(c.promisedLimit, c.legalLimit)
        ? [
            {
              element: 'promisedLimit',
              zh: `承诺时限 ${c.promisedLimit.value} 日长于法定时限 ${c.legalLimit.value} 日`,
              en: `promised ${c.promisedLimit.value} days exceeds legal ${c.legalLimit.value}`,
            },
          ]
        : [],
  },
  {
    code: 'FULLY_ONLINE_WITH_VISITS',
    severity: 'error',
    kind: 'accuracy',
    description: { zh: '全程网办（Ⅳ级）却要求到现场', en: 'Fully online (level IV) but visits required' },
    check: (c) =>
      c.onlineDepth === 4 && c.visits > 0
        ? [{ element: 'visits', zh: `网上办理深度为Ⅳ级，到现场次数应为 0，实为 ${c.visits}`, en: `online depth IV needs 0 visits, has ${c.visits}` }]
        : [],
  },
  {
    code: 'NO_CHANNEL',
    severity: 'error',
    kind: 'accuracy',
    description: { zh: '零跑动但既不能网办也不能快递', en: 'No visit, not online and no express post' },
    check: (c) =>
      c.visits === 0 && c.onlineDepth === 0 && !c.express && !c.handlingForms.includes('4')
        ? [{ element: 'handlingForms', zh: '到现场次数为 0，但不支持网上办理或快递申请', en: '0 visits but neither online nor express' }]
        : [],
  },
  {
    code: 'VISITS_WITHOUT_REASON',
    severity: 'warning',
    kind: 'completeness',
    description: { zh: '需要到现场但未说明原因', en: 'Visits required without a reason' },
    check: (c) =>
      c.visits > 0 && !c.visitsReason.trim()
        ? [{ element: 'visitsReason', zh: '到现场次数大于 0，须说明必须现场办理的原因', en: 'visits > 0 need a reason' }]
        : [],
  },
  {
    code: 'LICENSE_TYPE_UNKNOWN',
    severity: 'error',
    kind: 'accuracy',
    description: { zh: '引用了不存在的证照类型', en: 'Refers to a licence type that does not exist' },
    check: (c, w) => {
      const out = c.materials
        .filter((m) => m.source === 'license' && (!m.licenseTypeCode || !w.licenseTypes.has(m.licenseTypeCode)))
        .map((m) => ({
          element: `materials.${m.key}`,
          zh: `材料“${m.name}”来源为证照，但证照类型 ${m.licenseTypeCode ?? '（未填）'} 不存在`,
          en: `material ${m.key}: licence type ${m.licenseTypeCode ?? '(none)'} does not exist`,
        }));
      if (c.resultLicenseTypeCode && !w.licenseTypes.has(c.resultLicenseTypeCode)) {
        out.push({
          element: 'resultLicenseTypeCode',
          zh: `结果证照类型 ${c.resultLicenseTypeCode} 不存在`,
          en: `result licence type ${c.resultLicenseTypeCode} does not exist`,
        });
      }
      return out;
    },
  },
  {
    code: 'FEE_WITHOUT_BASIS',
    severity: 'error',
    kind: 'accuracy',
    description: { zh: '收费项目没有收费依据', en: 'A fee without a legal basis' },
    check: (c) =>
      c.fees.filter((f) => !f.basis.trim()).map((f) => ({ element: 'fees', zh: `收费项目“${f.name}”缺少收费依据`, en: `fee "${f.name}" has no basis` })),
  },
  {
    code: 'FORM_FIELD_UNEXPLAINED',
    severity: 'warning',
    kind: 'completeness',
    description: { zh: '表单字段没有填写说明', en: 'A form field without an explanation' },
    check: (c) => {
      const problems = checkFormSchema(c.form);
      if (problems.length) return problems.map((p) => ({ element: `form.${p.field ?? ''}`, zh: `表单定义有误：${p.message}`, en: `form: ${p.message}` }));
      return Object.entries(c.form.properties)
        .filter(([, f]) => !String(f.description ?? '').trim())
        .map(([key, f]) => ({ element: `form.${key}`, zh: `表单字段“${String(f.title ?? key)}”没有填写说明`, en: `form field ${key} has no description` }));
    },
  },
  {
    code: 'SAMPLE_FILE_EMPTY',
    severity: 'warning',
    kind: 'completeness',
    description: { zh: '空白表格或示例样表为空', en: 'An empty blank form or sample file' },
    check: (c, w) =>
      c.materials.flatMap((m) =>
        (['blankFormFile', 'sampleFile'] as const)
          .filter((k) => m[k] !== null && !(w.fileSizes.get(m[k]!) ?? 0))
          .map((k) => ({
            element: `materials.${m.key}.${k}`,
            zh: `材料“${m.name}”的${k === 'blankFormFile' ? '空白表格' : '示例样表'}为空或不存在`,
            en: `material ${m.key}: ${k} is empty or missing`,
          })),
      ),
  },
  {
    code: 'NOT_IN_HALL_WITHOUT_REASON',
    severity: 'error',
    kind: 'completeness',
    description: { zh: '不进驻大厅但未说明理由', en: 'Not in the hall without a reason' },
    check: (c) =>
      !c.inHall && !c.notInHallReason.trim() ? [{ element: 'notInHallReason', zh: '不进驻政务服务大厅须说明理由', en: 'not in hall needs a reason' }] : [],
  },
  {
    code: 'MATERIAL_WITHOUT_STANDARD',
    severity: 'warning',
    kind: 'completeness',
    description: { zh: '申请材料缺少受理标准', en: 'A material without an acceptance standard' },
    check: (c) =>
      c.materials
        .filter((m) => !m.acceptanceStandard.trim())
        .map((m) => ({ element: `materials.${m.key}`, zh: `材料“${m.name}”缺少受理标准`, en: `material ${m.key} has no acceptance standard` })),
  },
  {
    code: 'STEPS_EXCEED_PROMISED',
    severity: 'warning',
    kind: 'accuracy',
    description: { zh: '各环节时限之和超过承诺时限', en: 'Step budgets add up to more than the promised limit' },
    check: (c) => {
      const total = c.steps.reduce((s, x) => s + x.budgetDays, 0);
      return c.promisedLimit.unit === 'working_day' && total > toWorkingDaysUpperBound(c.promisedLimit)
        ? [
            {
              element: 'steps',
              zh: `环节时限合计 ${total} 个工作日，超过承诺时限 ${c.promisedLimit.value} 个工作日`,
              en: `steps total ${total} > promised ${c.promisedLimit.value}`,
            },
          ]
        : [];
    },
  },
  {
    code: 'ON_THE_SPOT_WITH_LIMIT',
    severity: 'warning',
    kind: 'accuracy',
    description: { zh: '即办件的承诺时限应为 0 或 1 日', en: 'An on-the-spot case should promise 0 or 1 day' },
    check: (c) =>
      c.caseType === '1' && c.promisedLimit.value > 1
        ? [{ element: 'promisedLimit', zh: `即办件承诺时限为 ${c.promisedLimit.value} 日`, en: `on-the-spot case promises ${c.promisedLimit.value} days` }]
        : [],
  },
  {
    code: 'RESULT_LICENSE_TYPE_MISSING',
    severity: 'warning',
    kind: 'completeness',
    description: { zh: '结果为证照但未关联证照类型', en: 'The result is a licence but no licence type is set' },
    check: (c) =>
      c.resultType === 'license' && !c.resultLicenseTypeCode
        ? [{ element: 'resultLicenseTypeCode', zh: '审批结果类型为证照，须关联证照类型', en: 'result is a licence: set its licence type' }]
        : [],
  },
];

/** The elements 完备度 counts: each filled one is a point. */
const COMPLETENESS_ELEMENTS: ((c: ImplementationContent) => boolean)[] = [
  ...REQUIRED_TEXT.map(
    ([k]) =>
      (c: ImplementationContent) =>
        Boolean(String(c[k] ?? '').trim()),
  ),
  (c) => c.handlingForms.length > 0,
  (c) => c.serviceObjects.length > 0,
  (c) => c.materials.length > 0,
  (c) => c.steps.length > 0,
  (c) => Object.keys(c.form.properties).length > 0,
  (c) => c.materials.every((m) => Boolean(m.acceptanceStandard.trim())),
  (c) => c.visits === 0 || Boolean(c.visitsReason.trim()),
  (c) => c.inHall || Boolean(c.notInHallReason.trim()),
  (c) => c.fees.every((f) => Boolean(f.basis.trim())),
  (c) => c.topics.length > 0 || c.keywords.length > 0,
];

export interface InspectionResult {
  findings: Finding[];
  /** 完备度: share of standard elements filled, 0–100. */
  completeness: number;
  /** 准确性: the number of accuracy findings. */
  accuracyFindings: number;
  errors: number;
}

export function inspect(content: ImplementationContent, world: InspectionWorld): InspectionResult {
  const findings: Finding[] = [];
  let accuracyFindings = 0;
  for (const rule of RULES) {
    for (const hit of rule.check(content, world)) {
      findings.push({ rule: rule.code, ruleName: rule.description, severity: rule.severity, element: hit.element, message: { zh: hit.zh, en: hit.en } });
      if (rule.kind === 'accuracy') accuracyFindings++;
    }
  }
  const filled = COMPLETENESS_ELEMENTS.filter((f) => f(content)).length;
  return {
    findings,
    completeness: Math.round((filled / COMPLETENESS_ELEMENTS.length) * 1000) / 10,
    accuracyFindings,
    errors: findings.filter((f) => f.severity === 'error').length,
  };
}
