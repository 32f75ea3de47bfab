import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { decisionView, goldenCase, goldenResult, INPUT_TYPES, ruleCondition, ruleValues, traceEntry, type InputType } from './rules.types.ts';

/**
 * 惠企政策 and 免申即享 (issue 22, ADR 0038): the boundary schemas of the policy library, the profiles, eligibility
 * and benefits. A policy's eligibility is written in the rules' own format (inputs, conditions citing articles,
 * golden cases) and decided by the rules core; only the inputs' sources differ: a policy reads a profile.
 */

const ruleKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'letters, digits and _, starting with a letter');

/**
 * What a profile holds (ADR 0038), each with one type and its Chinese name: the subject's kind, region (from the ID
 * number or USCC, or the licence), a person's age (from the ID number), an organisation's registered capital (万元),
 * establishment date, years since, and industry (from its 营业执照), and the cases of its own the platform closed.
 */
export const POLICY_ATTRIBUTES = {
  subjectType: { type: 'string', zh: '主体类型', en: 'subject type', of: ['organisation', 'person'] },
  regionCode: { type: 'string', zh: '所在地区', en: 'region', of: ['organisation', 'person'] },
  age: { type: 'number', zh: '年龄', en: 'age', of: ['person'] },
  registeredCapital: { type: 'number', zh: '注册资本（万元）', en: 'registered capital (10k yuan)', of: ['organisation'] },
  establishedOn: { type: 'date', zh: '成立日期', en: 'date of establishment', of: ['organisation'] },
  yearsEstablished: { type: 'number', zh: '成立年限（年）', en: 'years since establishment', of: ['organisation'] },
  industryCode: { type: 'string', zh: '行业代码', en: 'industry code', of: ['organisation'] },
  closedCases: { type: 'number', zh: '已办结办件数', en: 'cases closed', of: ['organisation', 'person'] },
} as const satisfies Record<string, { type: InputType; zh: string; en: string; of: readonly ('organisation' | 'person')[] }>;
export type PolicyAttribute = keyof typeof POLICY_ATTRIBUTES;
const ATTRIBUTE_KEYS = Object.keys(POLICY_ATTRIBUTES) as [PolicyAttribute, ...PolicyAttribute[]];

/** Where a policy input's value comes from: the profile, a licence the subject holds, an officer's tag, shared data. */
export const policyInputSource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('profile'), attribute: z.enum(ATTRIBUTE_KEYS) }),
    z.object({
      kind: z.literal('license'),
      typeCode: z.string().min(1).max(21).describe('A licence type (电子证照类型) code'),
      attribute: z.enum(['held', 'field']).describe('held: a valid licence of the type is held (boolean); field: a data field of it'),
      field: z.string().min(1).max(50).optional(),
    }),
    z.object({ kind: z.literal('tag'), tag: z.string().min(1).max(30).describe('An officer-set tag (boolean: the profile carries it)') }),
    z.object({
      kind: z.literal('exchange'),
      resource: z.string().min(1).max(100).describe('Another department’s shared data (declared; not readable yet: unknown)'),
      field: z.string().min(1).max(100),
    }),
  ])
  .meta({ id: 'PolicyInputSource' });
export type PolicyInputSource = z.infer<typeof policyInputSource>;

export const policyInput = z
  .object({ key: ruleKey, type: z.enum(INPUT_TYPES), labelZh: z.string().min(1).max(100), labelEn: z.string().max(200).default(''), source: policyInputSource })
  .meta({ id: 'PolicyRuleInput' });
export type PolicyInput = z.infer<typeof policyInput>;

/** A policy's eligibility: inputs read from the profile, fine-grained conditions (颗粒化) citing articles, golden cases. */
export const policyContent = z
  .object({
    inputs: z.array(policyInput).min(1).max(40),
    conditions: z.array(ruleCondition).min(1).max(50),
    goldenCases: z.array(goldenCase).max(100).default([]),
  })
  .meta({ id: 'PolicyContent' });
export type PolicyContent = z.infer<typeof policyContent>;
export type PolicyContentInput = z.input<typeof policyContent>;

export const POLICY_TARGETS = ['organisation', 'person'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'retired'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const CONFIRM_BY = ['department', 'rules'] as const;

const policyFields = {
  title: z.string().min(1).max(200),
  issuer: z.string().min(1).max(100).describe('发文单位'),
  documentNumber: z.string().min(1).max(100).describe('文号, e.g. 淮政办〔2025〕12号'),
  target: z.enum(POLICY_TARGETS).describe('Who may benefit: organisations or persons'),
  automatic: z.boolean().describe('免申即享: benefits are matched and granted without an application'),
  confirmBy: z.enum(CONFIRM_BY).default('department').describe('Who confirms an automatic match: the department, or the rules at once'),
  benefitZh: z.string().min(1).max(1000).describe('The benefit in plain Chinese'),
  amountYuan: z.number().nonnegative().max(1e10).nullable().default(null).describe('The amount of one benefit (yuan); null: not money'),
  amountRuleZh: z.string().max(500).default('').describe('How the amount is set, in plain Chinese'),
  validFrom: isoDate,
  validTo: isoDate.nullable().default(null),
};

export const policyView = z
  .object({
    id: z.number(),
    code: z.string(),
    ...policyFields,
    amountYuan: z.number().nullable(),
    confirmBy: z.enum(CONFIRM_BY),
    amountRuleZh: z.string(),
    validTo: z.string().nullable(),
    validFrom: z.string(),
    regionCode: z.string(),
    departmentId: z.number(),
    status: z.enum(POLICY_STATUSES),
    content: policyContent,
    hash: z.string().nullable(),
    createdBy: z.string(),
    publishedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    version: z.number().describe('Row version'),
  })
  .meta({ id: 'Policy' });
export type PolicyView = z.infer<typeof policyView>;

export const policyListItem = policyView.omit({ content: true }).extend({ conditionCount: z.number() }).meta({ id: 'PolicyListItem' });

/** A condition as the public reads it: in plain Chinese, with its article and where its value comes from. */
export const publicCondition = z
  .object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), article: z.string(), inputLabelZh: z.string(), sourceZh: z.string(), test: z.string() })
  .meta({ id: 'PolicyPublicCondition' });

export const publicPolicyView = z
  .object({
    code: z.string(),
    title: z.string(),
    issuer: z.string(),
    documentNumber: z.string(),
    target: z.enum(POLICY_TARGETS),
    automatic: z.boolean(),
    benefitZh: z.string(),
    amountYuan: z.number().nullable(),
    amountRuleZh: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    departmentName: z.string(),
    regionCode: z.string(),
    hash: z.string(),
    conditions: z.array(publicCondition),
  })
  .meta({ id: 'PublicPolicy' });
export type PublicPolicyView = z.infer<typeof publicPolicyView>;

export const createPolicyBody = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _'),
  ...policyFields,
  regionCode: z.string().regex(/^\d{6}$/, 'a GB/T 2260 code of 6 digits'),
  departmentId: z.number().int().positive(),
  content: policyContent,
});
export type CreatePolicyInput = z.infer<typeof createPolicyBody>;

export const updatePolicyBody = z.object({ ...policyFields, content: policyContent, version: z.number().int().describe('Row version') });
export type UpdatePolicyInput = z.infer<typeof updatePolicyBody>;

export const rowVersionBody = z.object({ version: z.number().int().describe('Row version of the record acted on') });

// ── Profiles and eligibility ─────────────────────────────────────────────────────────────────────────────

export const profileFact = z
  .object({
    attribute: z.string(),
    labelZh: z.string(),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    sourceZh: z.string().describe('Where the platform read it (营业执照, 身份证号码, 办件…); 未知 when it holds none'),
  })
  .meta({ id: 'PolicyProfileFact' });

export const profileView = z
  .object({
    subject: z.string().describe('organisation:<USCC> or person:<ID number> (masked for a person)'),
    kind: z.enum(POLICY_TARGETS),
    name: z.string(),
    idNumberMasked: z.string(),
    regionCode: z.string().nullable(),
    facts: z.array(profileFact),
    unknown: z.array(z.string()).describe('Attributes the platform does not hold for this subject'),
    licenses: z.array(z.object({ typeCode: z.string(), typeName: z.string().nullable() })).describe('Valid licences held'),
    tags: z.array(z.string()),
    assembledAt: z.string(),
    version: z.number().describe('Row version (of the tags)'),
  })
  .meta({ id: 'PolicyProfile' });
export type ProfileView = z.infer<typeof profileView>;

export const ELIGIBILITY = ['eligible', 'notEligible', 'unknown'] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];

export const eligibilityView = z
  .object({
    policy: policyListItem.pick({
      id: true,
      code: true,
      title: true,
      issuer: true,
      documentNumber: true,
      automatic: true,
      benefitZh: true,
      amountYuan: true,
      target: true,
    }),
    eligibility: z.enum(ELIGIBILITY).describe('eligible: every condition met; notEligible: one is not; unknown: none fails, one cannot be decided'),
    conditions: z.array(traceEntry.extend({ status: z.enum(['met', 'notMet', 'unknown']) })),
    changes: z.array(z.object({ condition: z.string(), zh: z.string(), en: z.string() })).describe('What would change the answer'),
    explanationZh: z.string(),
    explanationEn: z.string(),
    benefitId: z.number().nullable().describe('The benefit already matched for this subject, if any'),
  })
  .meta({ id: 'PolicyEligibility' });
export type EligibilityView = z.infer<typeof eligibilityView>;

// ── Benefits ─────────────────────────────────────────────────────────────────────────────────────────────

export const BENEFIT_KINDS = ['automatic', 'quick'] as const;
export const BENEFIT_STATUSES = ['matched', 'notified', 'offered', 'applied', 'confirmed', 'paid', 'rejected'] as const;
export type BenefitStatus = (typeof BENEFIT_STATUSES)[number];

export const benefitView = z
  .object({
    id: z.number(),
    policyId: z.number(),
    policyCode: z.string(),
    policyTitle: z.string(),
    beneficiaryName: z.string(),
    subjectMasked: z.string(),
    kind: z.enum(BENEFIT_KINDS).describe('automatic: 免申即享; quick: 快申快享 offer (a condition was unknown)'),
    status: z.enum(BENEFIT_STATUSES),
    amountYuan: z.number().nullable(),
    trace: z.array(traceEntry),
    explanationZh: z.string(),
    explanationEn: z.string(),
    confirmedBy: z.enum(CONFIRM_BY).nullable(),
    rejectedReason: z.string().nullable(),
    payout: z.object({ status: z.enum(['pending', 'paid', 'cancelled']), reference: z.string().nullable(), paidAt: z.string().nullable() }).nullable(),
    matchedAt: z.string(),
    notifiedAt: z.string().nullable(),
    appliedAt: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    settledAt: z.string().nullable(),
    departmentId: z.number(),
    regionCode: z.string(),
    version: z.number().describe('Row version'),
  })
  .meta({ id: 'PolicyBenefit' });
export type BenefitView = z.infer<typeof benefitView>;

export const matchRunView = z
  .object({
    policies: z.number(),
    profiles: z.number(),
    pairs: z.number(),
    matched: z.number().describe('New 免申即享 benefits'),
    offered: z.number().describe('New 快申快享 offers'),
    confirmedByRules: z.number(),
    ms: z.number(),
  })
  .meta({ id: 'PolicyMatchRun' });
export type MatchRun = z.infer<typeof matchRunView>;

export const statsView = z
  .object({
    totals: z.object({
      policies: z.number(),
      automaticPolicies: z.number(),
      policiesWithMatches: z.number(),
      benefits: z.number(),
      withoutApplication: z.number().describe('Benefits confirmed or paid that no one applied for (免申即享)'),
      paidYuan: z.number(),
      pendingYuan: z.number(),
    }),
    perPolicy: z.array(
      z.object({
        policyId: z.number(),
        code: z.string(),
        title: z.string(),
        automatic: z.boolean(),
        matched: z.number(),
        offered: z.number(),
        withoutApplication: z.number(),
        paid: z.number(),
        paidYuan: z.number(),
        pendingYuan: z.number(),
        rejected: z.number(),
      }),
    ),
  })
  .meta({ id: 'PolicyStats' });

export const testPolicyReply = z.object({ decision: decisionView });
export const goldenInputs = ruleValues;

// ── The condition editor (web) ───────────────────────────────────────────────────────────────────────────

/** A draft's conditions checked as they stand in the editor, not stored: the problems by place, the golden cases run. */
export const checkPolicyBody = z.object({ target: z.enum(POLICY_TARGETS), content: policyContent });

export const policyCheckView = z
  .object({
    problems: z
      .array(z.object({ code: z.string(), at: z.string().describe('inputs.<key>, conditions.<key> or goldenCases.<index>'), message: z.string() }))
      .describe('Empty: the conditions may be saved'),
    golden: z.array(goldenResult).describe('Each golden case decided (run only when there are no problems)'),
    passed: z.boolean().describe('No problem, at least one golden case, and every one passes: the policy may be published'),
  })
  .meta({ id: 'PolicyCheck' });
export type PolicyCheck = z.infer<typeof policyCheckView>;

/** What the condition editor's fact picker offers: the profile attributes with their types, and the tags in use. */
export const policyFactsView = z
  .object({
    attributes: z.array(
      z.object({ key: z.enum(ATTRIBUTE_KEYS), type: z.enum(INPUT_TYPES), labelZh: z.string(), labelEn: z.string(), of: z.array(z.enum(POLICY_TARGETS)) }),
    ),
    tags: z.array(z.string()).describe('Tags officers set on profiles and tags policies read'),
  })
  .meta({ id: 'PolicyFacts' });
