import { z } from 'zod';
import { formField, formSchemaView, type FormField } from '../../platform/form-schemas.ts';
import { documentedAs } from '../../platform/http/schemas.ts';

/** A time limit: a number of working or natural days (法定/承诺办结时限 and their units). */
export const limitSchema = z.object({
  value: z.number().int().min(0).max(3650),
  unit: z.enum(['working_day', 'natural_day']),
});

export const materialSchema = z.object({
  /** Stable key within the implementation, kept across versions (cases refer to it). */
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(200),
  required: z.boolean(),
  form: z.enum(['paper', 'electronic', 'both']),
  source: z.enum(['applicant', 'license', 'department']),
  licenseTypeCode: z.string().max(21).nullable().default(null),
  sourceDepartment: z.string().max(100).nullable().default(null),
  originals: z.number().int().min(0).max(99).default(0),
  copies: z.number().int().min(0).max(99).default(0),
  blankFormFile: z.string().max(64).nullable().default(null),
  sampleFile: z.string().max(64).nullable().default(null),
  acceptanceStandard: z.string().max(2000).default(''),
  legalBasis: z.string().max(2000).default(''),
  pledgeAllowed: z.boolean().default(false),
});

export const stepSchema = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(50),
  role: z.enum(['clerk', 'reviewer']),
  budgetDays: z.number().int().min(0).max(365),
  /** Separation of duties: taken only by someone who did none of the case's earlier steps. Unsaid: on for 决定. */
  separateDuties: z.boolean().optional(),
});

export const feeSchema = z.object({
  name: z.string().min(1).max(200),
  standard: z.string().max(500).default(''),
  basis: z.string().max(1000).default(''),
  waivable: z.boolean().default(false),
});

export const intermediarySchema = z.object({
  name: z.string().min(1).max(200),
  basis: z.string().max(1000).default(''),
});

/**
 * One field as given: its rules (a title, a known widget of the right type, no other keys) are checked by
 * platform/forms.ts `checkFormSchema` on every save, which answers with each field's problem; unknown keys are kept
 * here so that it sees them. Content that passed is typed as the FormField it then is.
 */
const formFieldInput = z
  .looseObject({
    ...formField.shape,
    type: z.string().optional(),
    title: z.string().optional(),
    'x-widget': z.string().optional(),
    'x-bind': z.unknown().optional(),
  })
  .transform((field) => field as FormField);

/**
 * The application form: a JSON Schema object, edited in the form designer. Documented as the FormSchema it is
 * stored as (a save may leave out `required`: none).
 */
export const formSchemaSchema = documentedAs(
  formSchemaView,
  z.object({
    type: z.literal('object'),
    properties: z.record(z.string(), formFieldInput),
    required: z.array(z.string()).default([]),
    'x-order': z.array(z.string()).optional(),
  }),
);

/**
 * Every element of an implementation (standards.md §1, the national upload schema's field names in brackets).
 * A version's content is one value of this schema: versions diff element by element.
 */
export const contentSchema = z.object({
  name: z.string().min(1).max(200), // task_name
  aliases: z.array(z.string().min(1).max(50)).max(20).default([]),
  keywords: z.array(z.string().min(1).max(50)).max(30).default([]),
  legalBasis: z.string().max(5000).default(''), // by_law
  acceptanceConditions: z.string().max(5000).default(''), // accept_condition
  caseType: z.enum(['1', '2', '9']), // project_type
  legalLimit: limitSchema, // anticipate_day / anticipate_type
  promisedLimit: limitSchema, // promise_day / promise_type
  amberDays: z.number().int().min(0).max(30).default(2),
  // 告知承诺制: the natural days within which the department verifies each pledge after a grant (cases.pledges.ts).
  pledgeCheckDays: z.number().int().min(1).max(365).default(30),
  visits: z.number().int().min(0).max(9), // limit_scene_num
  visitsReason: z.string().max(1000).default(''), // limit_scene_explain
  handlingForms: z.array(z.enum(['1', '2', '3', '4', '9'])).default([]), // handle_type
  onlineDepth: z.number().int().min(0).max(4), // online_handle_depth: 0 none, 1–4 = Ⅰ–Ⅳ (Ⅳ 全程网办)
  express: z.boolean().default(false), // is_express
  appointment: z.boolean().default(false), // is_schedule
  payOnline: z.boolean().default(false), // is_pay_online
  fees: z.array(feeSchema).default([]),
  resultName: z.string().max(200).default(''), // result_name
  resultType: z.enum(['license', 'approval', 'record', 'other']).default('other'), // result_type
  resultLicenseTypeCode: z.string().max(21).nullable().default(null),
  /** A revocation item (注销): a grant revokes the applicant's licences of this type. */
  revokesLicenseTypeCode: z.string().max(21).nullable().default(null),
  serviceObjects: z.array(z.enum(['1', '2', '3', '4', '5', '6'])).default([]), // server_type
  topics: z.array(z.string().min(1).max(50)).max(20).default([]), // user_topic_type / corp_topic_type
  place: z.string().max(500).default(''), // transact_addr
  hours: z.string().max(500).default(''), // transact_time
  consultation: z.string().max(500).default(''), // link_way
  complaint: z.string().max(500).default(''), // supervise_way
  inHall: z.boolean().default(true), // is_entry_center
  notInHallReason: z.string().max(1000).default(''),
  intermediaryServices: z.array(intermediarySchema).default([]), // service_type
  responsibilityItems: z.array(z.string().min(1).max(500)).max(30).default([]), // 责任事项 (powers list)
  specialProcedures: z.string().max(1000).default(''), // special_procedure
  materials: z.array(materialSchema).max(100).default([]),
  steps: z.array(stepSchema).max(20).default([]),
  form: formSchemaSchema.default({ type: 'object', properties: {}, required: [] }),
});

export type ImplementationContent = z.infer<typeof contentSchema>;
export type ContentInput = z.input<typeof contentSchema>;
export type Material = z.infer<typeof materialSchema>;

/** The statuses of a version of an implementation (the lifecycle in catalog.service.ts). */
export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'suspended', 'abolished', 'superseded', 'rejected'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
/** The statuses of an implementation itself: draft until its first version is published, then its live version's. */
export const IMPLEMENTATION_STATUSES = ['draft', 'published', 'suspended', 'abolished'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
/** The statuses of a catalogue import job: running, then checked (a dry run without problems), done or failed. */
export const IMPORT_STATUSES = ['running', 'checked', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The elements harmonisation compares, and their Chinese names (for the side-by-side table and the template). */
export const ELEMENTS: Record<string, string> = {
  name: '事项名称',
  legalBasis: '设定依据',
  acceptanceConditions: '受理条件',
  caseType: '办件类型',
  legalLimit: '法定办结时限',
  promisedLimit: '承诺办结时限',
  visits: '到办事现场次数',
  handlingForms: '办理形式',
  onlineDepth: '网上办理深度',
  express: '物流快递',
  appointment: '支持预约',
  fees: '收费',
  resultName: '审批结果',
  resultLicenseTypeCode: '结果证照类型',
  revokesLicenseTypeCode: '注销证照类型',
  serviceObjects: '服务对象',
  materials: '申请材料',
  steps: '办理环节',
  intermediaryServices: '中介服务',
  form: '申请表单',
  place: '办理地点',
  hours: '办理时间',
  consultation: '咨询方式',
  complaint: '监督投诉方式',
  inHall: '是否进驻大厅',
};

/** Elements that are local by nature (addresses, hours, phones): never required to match across regions. */
export const LOCAL_BY_DEFAULT = ['place', 'hours', 'consultation', 'complaint'];

// ── Reply schemas: a version's content as stored (defaults applied), closed so the OpenAPI document names every field ──

export const limitView = z.object({ value: z.number(), unit: z.enum(['working_day', 'natural_day']) }).meta({ id: 'Limit' });
export const feeView = z.object({ name: z.string(), standard: z.string(), basis: z.string(), waivable: z.boolean() }).meta({ id: 'Fee' });
export const intermediaryView = z.object({ name: z.string(), basis: z.string() }).meta({ id: 'IntermediaryService' });
export const materialView = z
  .object({
    key: z.string(),
    name: z.string(),
    required: z.boolean(),
    form: z.enum(['paper', 'electronic', 'both']),
    source: z.enum(['applicant', 'license', 'department']),
    licenseTypeCode: z.string().nullable(),
    sourceDepartment: z.string().nullable(),
    originals: z.number(),
    copies: z.number(),
    blankFormFile: z.string().nullable(),
    sampleFile: z.string().nullable(),
    acceptanceStandard: z.string(),
    legalBasis: z.string(),
    pledgeAllowed: z.boolean(),
  })
  .meta({ id: 'Material' });
export const stepView = z
  .object({ key: z.string(), name: z.string(), role: z.enum(['clerk', 'reviewer']), budgetDays: z.number(), separateDuties: z.boolean().optional() })
  .meta({ id: 'Step' });
/**
 * The value of one element of a guide, whichever it is (text, a number, a flag, a list of codes, a time limit, the
 * fees, intermediaries, materials, steps or the form): what diffs and harmonisation compare. The lists of objects
 * are tried most specific first (a fee would also pass as an intermediary service).
 */
export const elementValue = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.string()),
    limitView,
    z.array(materialView),
    z.array(stepView),
    z.array(feeView),
    z.array(intermediaryView),
    formSchemaView,
  ])
  .meta({ id: 'ElementValue' });
export type ElementValue = z.infer<typeof elementValue>;

/** Every element of an implementation's version (ImplementationContent), as stored after validation. */
export const contentView = z
  .object({
    name: z.string(),
    aliases: z.array(z.string()),
    keywords: z.array(z.string()),
    legalBasis: z.string(),
    acceptanceConditions: z.string(),
    caseType: z.enum(['1', '2', '9']),
    legalLimit: limitView,
    promisedLimit: limitView,
    amberDays: z.number(),
    pledgeCheckDays: z.number().optional().describe('告知承诺: natural days to verify each pledge after a grant (default 30)'),
    visits: z.number(),
    visitsReason: z.string(),
    handlingForms: z.array(z.enum(['1', '2', '3', '4', '9'])),
    onlineDepth: z.number(),
    express: z.boolean(),
    appointment: z.boolean(),
    payOnline: z.boolean(),
    fees: z.array(feeView),
    resultName: z.string(),
    resultType: z.enum(['license', 'approval', 'record', 'other']),
    resultLicenseTypeCode: z.string().nullable(),
    revokesLicenseTypeCode: z.string().nullable(),
    serviceObjects: z.array(z.enum(['1', '2', '3', '4', '5', '6'])),
    topics: z.array(z.string()),
    place: z.string(),
    hours: z.string(),
    consultation: z.string(),
    complaint: z.string(),
    inHall: z.boolean(),
    notInHallReason: z.string(),
    intermediaryServices: z.array(intermediaryView),
    responsibilityItems: z.array(z.string()),
    specialProcedures: z.string(),
    materials: z.array(materialView),
    steps: z.array(stepView),
    form: formSchemaView,
  })
  .meta({ id: 'ImplementationContent' });
