import { z } from 'zod';

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
  source: z.enum(['applicant', 'licence', 'department']),
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

/** The application form: a JSON Schema object, edited in the form designer; checked by form-schema.ts. */
export const formSchemaSchema = z.object({
  type: z.literal('object'),
  properties: z.record(z.string(), z.record(z.string(), z.unknown())),
  required: z.array(z.string()).default([]),
  'x-order': z.array(z.string()).optional(),
});

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
  visits: z.number().int().min(0).max(9), // limit_scene_num
  visitsReason: z.string().max(1000).default(''), // limit_scene_explain
  handlingForms: z.array(z.enum(['1', '2', '3', '4', '9'])).default([]), // handle_type
  onlineDepth: z.number().int().min(0).max(4), // online_handle_depth: 0 none, 1–4 = Ⅰ–Ⅳ (Ⅳ 全程网办)
  express: z.boolean().default(false), // is_express
  appointment: z.boolean().default(false), // is_schedule
  payOnline: z.boolean().default(false), // is_pay_online
  fees: z.array(feeSchema).default([]),
  resultName: z.string().max(200).default(''), // result_name
  resultType: z.enum(['licence', 'approval', 'record', 'other']).default('other'), // result_type
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

export const IMPLEMENTATION_STATUSES = ['draft', 'in_review', 'published', 'suspended', 'abolished', 'superseded', 'rejected'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

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
