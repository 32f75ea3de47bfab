import { z } from 'zod';
import { licenseView } from '../licenses/index.ts';
import { isoDate } from '../../http/schemas.ts';

export const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'agent', 'post', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

export const applicantSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().min(1).max(200),
  /** 公民身份号码 for a person, 统一社会信用代码 for an organisation. */
  idNumber: z.string().min(1).max(18),
  contactName: z.string().max(50).optional(),
  contactPhone: z.string().max(20).optional(),
});
export type ApplicantInput = z.infer<typeof applicantSchema>;

export const applyBody = z.object({
  implementationCode: z.string().max(36),
  formData: z.record(z.string(), z.unknown()).default({}),
  channel: z.enum(CHANNELS).optional(),
  /**
   * A clerk at the window names the applicant (identity checked in person). An agent does not: its applicant is the
   * principal's account; only the contact name and phone it sends here are kept.
   */
  applicant: applicantSchema.optional(),
  /** An agent applies for this principal (an account that granted it an active mandate covering the item). */
  principalUserId: z.number().int().positive().optional(),
  submit: z.boolean().default(false),
});
export type ApplyInput = z.infer<typeof applyBody>;

export const versionBody = z.object({ version: z.number().int() });

export const correctionBody = versionBody.extend({
  items: z.array(z.object({ materialKey: z.string().max(40).nullable().optional(), note: z.string().min(1).max(1000) })).min(1).max(50),
});

export const reasonBody = versionBody.extend({ reason: z.string().min(1).max(2000), legalBasis: z.string().min(1).max(2000) });

export const gapsBody = versionBody.extend({
  gaps: z.array(z.object({ materialKey: z.string().max(40), dueOn: isoDate })).min(1).max(20),
});

export const completeBody = versionBody.extend({
  result: z.enum(['pass', 'return', 'fail']),
  opinion: z.string().min(1).max(2000),
  /** For fail: the legal basis of the denial. */
  legalBasis: z.string().max(2000).optional(),
  /** For return: the earlier step to go back to (default: the previous one). */
  toStepKey: z.string().max(40).optional(),
});

export const specialBody = versionBody.extend({
  kind: z.enum(['hearing', 'tender', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expert_review', 'site_check']),
  reason: z.string().min(1).max(2000),
});

export const deliverBody = versionBody.extend({
  method: z.enum(['window', 'post', 'electronic']),
  trackingNumber: z.string().max(50).optional(),
});

export const SPECIAL_KINDS_ZH: Record<string, string> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
  site_check: '实地核查',
};

// ── Reply schemas (the OpenAPI document describes the replies; extra keys are kept) ──

/** The statutory clock as shown on a case and in lists. */
export const caseClockView = z.looseObject({
  acceptedOn: z.string().nullable(),
  deadline: z.string().nullable(),
  legalDeadline: z.string().nullable(),
  remainingWorkingDays: z.number().nullable(),
  warning: z.enum(['none', 'amber', 'red']),
  paused: z.boolean(),
  deemedAccepted: z.boolean(),
  extended: z.boolean(),
  calendarMissingYear: z.number().nullable(),
  stoppedOn: z.string().nullable(),
});

/** A case with its materials, steps, timeline, licence, clock and ratings (caseDetail). */
export const caseView = z
  .looseObject({
    number: z.string(),
    status: z.string(),
    channel: z.string(),
    implementation: z.looseObject({ code: z.string(), name: z.string(), department: z.string(), region: z.string(), versionNumber: z.number(), caseType: z.string() }),
    applicant: z.looseObject({ kind: z.string(), name: z.string(), idNumberMasked: z.string().nullable(), contactPhoneMasked: z.string().nullable() }),
    formData: z.record(z.string(), z.unknown()),
    form: z.looseObject({
      type: z.string(),
      properties: z.record(z.string(), z.record(z.string(), z.unknown())),
      required: z.array(z.string()),
      'x-order': z.array(z.string()).optional(),
    }),
    materials: z.array(
      z.looseObject({
        key: z.string(),
        name: z.string(),
        required: z.boolean(),
        pledgeAllowed: z.boolean(),
        source: z.string(),
        licenseTypeCode: z.string().nullable(),
        mode: z.string().nullable(),
        fileName: z.string().nullable(),
        hasFile: z.boolean(),
        pledgeText: z.string().nullable(),
        licenceIdentifier: z.string().nullable(),
        gapDueOn: z.string().nullable(),
      }),
    ),
    steps: z.array(
      z.looseObject({
        key: z.string(),
        name: z.string(),
        status: z.string(),
        assigneeUserId: z.number().nullable(),
        result: z.string().nullable(),
        opinion: z.string().nullable(),
        startedAt: z.string().nullable(),
        completedAt: z.string().nullable(),
      }),
    ),
    timeline: z.array(z.looseObject({ type: z.string(), at: z.string(), onDay: z.string(), actor: z.string(), data: z.record(z.string(), z.unknown()) })),
    licence: z.looseObject({ identifier: z.string(), verifyCode: z.string().nullable() }).nullable(),
    clock: caseClockView,
    outcome: z.string().nullable(),
    outcomeReason: z.string().nullable(),
    receivedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    delivery: z.looseObject({ method: z.string(), trackingNumber: z.string().nullable(), deliveredOn: z.string().nullable() }).nullable(),
    visits: z.number(),
    next: z.string().nullable(),
    ratings: z.array(
      z.looseObject({
        kind: z.string(),
        assessNumber: z.number(),
        level: z.string(),
        channel: z.string().nullable(),
        indicators: z.array(z.string()),
        comment: z.string(),
        anonymous: z.boolean(),
        isDefault: z.boolean(),
        at: z.string(),
        reply: z.string().nullable(),
        repliedAt: z.string().nullable(),
      }),
    ),
    version: z.number(),
  })
  .meta({ id: 'Case' });

/** A case's number, status and version: the reply to an application, or to a change with `Prefer: return=minimal`. */
export const caseRefView = z.looseObject({ number: z.string(), status: z.string(), version: z.number() }).meta({ id: 'CaseRef' });

/** A case in a list (my cases, the workbench queues, supervision). */
export const caseListItemView = z
  .looseObject({
    number: z.string(),
    status: z.string(),
    implementationName: z.string(),
    department: z.string(),
    applicantName: z.string(),
    applicantIdNumberMasked: z.string().nullable(),
    receivedOn: z.string().nullable(),
    currentStep: z.string().nullable(),
    assigneeUserId: z.number().nullable(),
    clock: caseClockView,
    version: z.number(),
  })
  .meta({ id: 'CaseListItem' });

export const supervisionView = z.looseObject({
  departments: z.array(z.looseObject({ department: z.string(), amber: z.number(), red: z.number(), inReview: z.number(), awaitingAcceptance: z.number() })),
  cases: z.array(caseListItemView),
});

export const notificationView = z.looseObject({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.number().nullable(),
  caseNumber: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const uploadedMaterialView = z.looseObject({ key: z.string(), mode: z.string(), digest: z.string(), size: z.number(), mime: z.string() });
export const pledgedMaterialView = z.looseObject({ key: z.string(), mode: z.string(), pledgeText: z.string() });
export const attachedLicenceView = z.looseObject({ key: z.string(), mode: z.string(), identifier: z.string() });

export const licenceCandidateView = z.looseObject({ key: z.string(), name: z.string(), licenseTypeCode: z.string().nullable(), licence: licenseView.nullable() });
export const caseLicenceView = licenseView.extend({ sealValid: z.boolean() });

/** The case in the national data shape (GB/T 39046-2020 §6.2–6.5). */
export const caseExportView = z
  .looseObject({
    up_pro_accept: z.looseObject({
      project_no: z.string().nullable(),
      task_code: z.string(),
      task_name: z.string(),
      project_type: z.string(),
      apply_name: z.string(),
      apply_cardtype: z.string(),
      apply_cardnumber: z.string(),
      contact_name: z.string().nullable(),
      contact_phone: z.string().nullable(),
      apply_from: z.string(),
      apply_time: z.string().nullable(),
      area_code: z.string(),
      accept_dept_name: z.string(),
      accept_dept_code: z.string(),
      accept_user: z.string().nullable(),
      accept_time: z.string().nullable(),
      accept_date: z.string().nullable(),
      deemed_accepted: z.string(),
    }),
    up_pro_process: z.array(
      z.looseObject({
        node_name: z.string(),
        event_name: z.string(),
        handler_id: z.number().nullable(),
        opinion: z.string().nullable(),
        start_time: z.string().nullable(),
        end_time: z.string().nullable(),
        handle_dept: z.string(),
        node_status: z.string(),
      }),
    ),
    up_pro_special_procedure: z.array(
      z.looseObject({ special_type: z.string(), start_time: z.string().nullable(), end_time: z.string().nullable(), reason: z.string().nullable(), special_name: z.string().nullable() }),
    ),
    up_pro_result: z
      .looseObject({
        result_code: z.string().nullable(),
        result_desc: z.string().nullable(),
        handler: z.string(),
        finish_time: z.string().nullable(),
        finish_date: z.string().nullable(),
        is_express: z.string(),
        express_no: z.string().nullable(),
        is_fee: z.string(),
      })
      .nullable(),
    up_pro_material: z.array(
      z.looseObject({ material_name: z.string(), is_need: z.string(), is_collected: z.string(), collect_type: z.string().nullable(), collect_count: z.number(), collect_time: z.string().nullable() }),
    ),
  })
  .meta({ id: 'CaseExport' });
