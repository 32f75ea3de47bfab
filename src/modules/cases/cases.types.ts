import { z } from 'zod';
import { licenseView } from '../licenses/index.ts';
import { recordedDecisionView } from '../rules/index.ts';
import { documentedAs, isoDate } from '../../platform/http/schemas.ts';
import { CASE_STATUSES, MATERIAL_MODES, NEXT_ACTIONS, STEP_STATUSES } from './cases.state.ts';
import { ITEM_FAMILIES } from './item-type-rules.ts';
import { NOTICE_KINDS } from './cases.notices.ts';
import { formAnswers, formSchemaView } from '../../platform/form-schemas.ts';

const words = z.object({ zh: z.string(), en: z.string() });

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
  /**
   * The answers to the item's form: any JSON object here, documented as the FormAnswers a form produces; the service
   * checks them against the item's form and names each field's problem (CASE_FORM_INVALID).
   */
  formData: documentedAs(formAnswers).default({}),
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
  items: z
    .array(
      z.object({
        materialKey: z.string().max(40).nullable().optional().describe('The material to supply again, if the item is about one'),
        field: z.string().max(100).nullable().optional().describe('The form field to correct, if the item is about one'),
        note: z.string().min(1).max(1000),
      }),
    )
    .min(1)
    .max(50),
  reason: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe('Only for a further notice (the first told everything once): why, for what the answer itself brought in'),
});

const formValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().max(10_000), z.number(), z.boolean()])).max(100),
]);

/** The answer to a correction notice: every item addressed, and confirmed (cases.corrections.ts). */
export const answerCorrectionBody = versionBody.extend({
  answers: z
    .array(
      z.object({
        item: z.number().int().min(0).max(49).describe('The position of the item in the notice, from 0'),
        kind: z
          .enum(['file', 'field', 'note'])
          .describe('file: a new file uploaded since the notice; field: the named field edited (value); note: an explanation'),
        value: formValue.optional().describe('For kind field: the new value of the field'),
        note: z.string().max(1000).optional().describe('For kind note: the explanation'),
      }),
    )
    .min(1)
    .max(50),
  confirmed: z.literal(true).describe('The applicant confirms the answer addresses every item'),
  note: z.string().max(2000).optional(),
});

export const reasonBody = versionBody.extend({ reason: z.string().min(1).max(2000), legalBasis: z.string().min(1).max(2000) });

export const gapsBody = versionBody.extend({
  gaps: z
    .array(z.object({ materialKey: z.string().max(40), dueOn: isoDate }))
    .min(1)
    .max(20),
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

// ── Reply schemas: closed objects, so the OpenAPI document names every field; the view shapers return their types ──

/**
 * The statutory clock as shown on a case and in lists (clock.ts: 行政许可法 arts. 32, 42, 45, 82). Days are
 * YYYY-MM-DD. A date that reaches a calendar year not loaded yet is null and listed in `undetermined` with the
 * year it waits for and why (never a guess); every other date is computed.
 */
export const caseClockView = z
  .object({
    acceptedOn: z.string().nullable().describe('The day the case was accepted (or deemed accepted, art. 32); null before acceptance'),
    deadline: z.string().nullable().describe('The promised deadline (承诺办结时限), pauses and an extension counted; null before acceptance'),
    legalDeadline: z.string().nullable().describe('The statutory deadline (法定办结时限), pauses and an extension counted'),
    remainingWorkingDays: z.number().nullable().describe('Working days left to the promised deadline (negative when overdue), as of today or of `stoppedOn`'),
    warning: z.enum(['none', 'amber', 'red']).describe("amber: within the item's amber days of the deadline; red: overdue"),
    paused: z.boolean().describe('A special procedure or a correction notice stops the clock now (art. 45)'),
    deemedAccepted: z.boolean().describe('Accepted by law: no decision within 5 days of receipt (art. 32)'),
    extended: z.boolean().describe('The 10-day extension (art. 42) was granted'),
    calendarMissingYear: z.number().nullable().describe('The first year the working-day calendar lacks, when some date cannot be known yet'),
    undetermined: z
      .array(
        z
          .object({
            date: z.enum(['deadline', 'legalDeadline', 'remainingWorkingDays']).describe('The field of this clock that is null for now'),
            year: z.number().describe('The calendar year it waits for'),
            reason: z
              .object({ zh: z.string(), en: z.string() })
              .describe('Why, as printed: 待国务院公布2027年节假日安排后确定 / set once the State Council publishes the 2027 holidays'),
          })
          .meta({ id: 'UndeterminedDate' }),
      )
      .describe('Dates that reach a year whose calendar is not loaded: null until it is; the others are computed'),
    stoppedOn: z.string().nullable().describe('The day the clock stopped (decided, refused or withdrawn)'),
  })
  .meta({ id: 'CaseClock' });
export type CaseClock = z.infer<typeof caseClockView>;

/**
 * What an event on a case's timeline carries; which keys depends on its `type` (one object with every key, each
 * optional: the timeline is shown, not acted on).
 */
export const caseEventData = z
  .object({
    channel: z.string().optional().describe('created, submitted'),
    note: z.string().nullable().optional().describe('correction_answered'),
    reason: z.string().nullable().optional().describe('refused, withdrawn, decided, special_started, extension_granted'),
    legalBasis: z.string().nullable().optional().describe('refused, decided'),
    rights: z.string().nullable().optional().describe("decided (a denial): the applicant's rights of review and appeal"),
    outcome: z.string().optional().describe('decided: GB/T 39046 result code'),
    stepKey: z.string().optional().describe('step_claimed, step_completed, step_transferred'),
    name: z.string().optional().describe("step_claimed, step_completed: the step's name"),
    result: z.string().nullable().optional().describe('step_completed, special_ended'),
    opinion: z.string().optional().describe('step_completed'),
    toUserId: z.number().optional().describe('step_transferred'),
    kind: z.string().optional().describe('special_started'),
    code: z.string().optional().describe('special_started, extension_granted: GB/T 39046 special procedure code'),
    days: z.number().optional().describe('extension_granted'),
    identifier: z.string().optional().describe('license_issued'),
    instant: z.boolean().optional().describe('accepted, decided: by the item’s rules at submission (秒批)'),
    ruleSet: z.string().optional().describe('accepted, decided, rules_referred: the rule set that decided'),
    ruleVersion: z.number().optional().describe('accepted, decided, rules_referred: its version number'),
    ruleVersionHash: z.string().optional().describe('accepted, decided, rules_referred: the SM3 hash of that version'),
    ruleOutcome: z.string().optional().describe('rules_referred: refuse or undecidable'),
    explanation: z.string().optional().describe('decided by rules: why, in plain Chinese'),
    missing: z.array(z.string()).optional().describe('rules_referred: required materials not supplied'),
    identifiers: z.array(z.string()).optional().describe('license_revoked, decision_revoked: the licences revoked'),
    method: z.string().nullable().optional().describe('delivered; pledge_found_false, decision_revoked: how the pledge was checked (data, document)'),
    materialName: z.string().optional().describe('decision_revoked: the proof the false pledge replaced'),
    facts: z.string().optional().describe('decision_revoked: what the check found'),
    checkedOn: z.string().nullable().optional().describe('decision_revoked: the day the pledge was found false'),
    trackingNumber: z.string().nullable().optional().describe('delivered'),
    materialKey: z.string().optional().describe('gap_supplied; pledge_found_false, decision_revoked, pledge_false_kept, pledge_false_confirmed'),
    items: z
      .array(z.object({ materialKey: z.string().nullable().optional(), field: z.string().nullable().optional(), note: z.string() }))
      .optional()
      .describe('correction_requested'),
    further: z.boolean().optional().describe('correction_requested: a further notice, for what an answer brought in'),
    answers: z
      .array(
        z.object({
          item: z.number(),
          kind: z.enum(['file', 'field', 'note']),
          materialKey: z.string().nullable().optional(),
          field: z.string().nullable().optional(),
          note: z.string().nullable().optional(),
          digest: z.string().nullable().optional(),
        }),
      )
      .optional()
      .describe('correction_answered: how each item of the notice was answered'),
    confirmed: z.boolean().optional().describe('correction_answered'),
    afterAcceptance: z.boolean().optional().describe('correction_requested'),
    gaps: z
      .array(z.object({ materialKey: z.string(), dueOn: z.string() }))
      .optional()
      .describe('accepted: materials accepted as gaps (容缺)'),
    deemed: z.boolean().optional().describe('accepted'),
    bundle: z
      .union([z.string(), z.boolean()])
      .optional()
      .describe('created, submitted, withdrawn of a bundle member (一件事, ADR 0036): the bundle case number, or true'),
    member: z.string().optional().describe('created of a bundle member: its key in the bundle'),
    fields: z.array(z.string()).optional().describe('bundle_released: the form fields written from upstream'),
    licenses: z
      .array(z.object({ key: z.string(), identifier: z.string() }))
      .optional()
      .describe('bundle_released: the licences issued upstream, attached to these materials'),
  })
  .meta({ id: 'CaseEventData' });
export type CaseEventData = z.infer<typeof caseEventData>;

/** A rating given on a case, with the department's reply when a bad one was remedied. */
export const caseRatingView = z
  .object({
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
  })
  .meta({ id: 'CaseRating' });

/** A case with its materials, steps, timeline, licence, clock and ratings (caseDetail). */
export const caseView = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.string(),
    implementation: z.object({
      code: z.string(),
      name: z.string(),
      department: z.string(),
      region: z.string(),
      versionNumber: z.number(),
      caseType: z.string(),
      itemType: z.string().describe('事项类型代码 (GB/T 39046-2020 A): what item-type-rules.ts reads'),
      legalBasis: z.string().describe('The item’s 设定依据, cited by the notices of items other than 行政许可'),
    }),
    itemRules: z
      .object({
        family: z.enum(ITEM_FAMILIES),
        deemedAcceptance: z.boolean().describe('行政许可法 art. 32 applies (行政许可 only)'),
        outcome: z.object({ granted: words, denied: words }).describe('The words of outcomes 0 and 1 for this item type (准予许可 only for 行政许可)'),
      })
      .meta({ id: 'ItemTypeRules' }),
    applicant: z.object({ kind: z.string(), name: z.string(), idNumberMasked: z.string().nullable(), contactPhoneMasked: z.string().nullable() }),
    /** The answers to `form` (empty for a draft seen by someone other than its applicant). */
    formData: formAnswers,
    form: formSchemaView,
    materials: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        required: z.boolean(),
        pledgeAllowed: z.boolean(),
        source: z.string(),
        licenseTypeCode: z.string().nullable(),
        mode: z.enum(MATERIAL_MODES).nullable(),
        fileName: z.string().nullable(),
        hasFile: z.boolean(),
        replacedSinceCorrection: z.boolean().describe('An open correction notice names it and a new file came since: the answer may say so (kind file)'),
        pledgeText: z.string().nullable(),
        licenseIdentifier: z.string().nullable(),
        gapDueOn: z.string().nullable(),
      }),
    ),
    steps: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        status: z.enum(STEP_STATUSES),
        assigneeUserId: z.number().nullable(),
        result: z.string().nullable(),
        opinion: z.string().nullable(),
        startedAt: z.string().nullable(),
        completedAt: z.string().nullable(),
      }),
    ),
    timeline: z.array(z.object({ type: z.string(), at: z.string(), onDay: z.string(), actor: z.string(), data: caseEventData })),
    license: z.object({ identifier: z.string(), verifyCode: z.string().nullable() }).nullable(),
    clock: caseClockView,
    outcome: z.string().nullable(),
    outcomeReason: z.string().nullable(),
    receivedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    delivery: z.object({ method: z.string(), trackingNumber: z.string().nullable(), deliveredOn: z.string().nullable() }).nullable(),
    visits: z.number(),
    next: z.string().nullable(),
    /** What the viewer may do next on the case (the state machine and the viewer's grants; cases.state.ts). */
    allowedActions: z.array(z.enum(NEXT_ACTIONS)),
    /** Actions the viewer would have but a rule takes away (separation of duties), with the reason to show. */
    blockedActions: z.array(z.object({ action: z.enum(NEXT_ACTIONS), code: z.string(), message: words })),
    /** The notices the case has reached, with their titles for its item type (cases.notices.ts). */
    notices: z.array(z.object({ kind: z.enum(NOTICE_KINDS), title: z.string() })),
    ratings: z.array(caseRatingView),
    ruleDecisions: z
      .array(recordedDecisionView)
      .describe('What the item’s rules decided (秒批): version and hash, inputs, every condition with its article, the explanation'),
    version: z.number(),
  })
  .meta({ id: 'Case' });
export type CaseView = z.infer<typeof caseView>;

/** A case's number, status and version: the reply to an application, or to a change with `Prefer: return=minimal`. */
// Strict: in the `Case | CaseRef` reply of a change, a full case that failed its own schema must fail loudly, not
// pass as a CaseRef stripped of everything else.
export const caseRefView = z.strictObject({ number: z.string(), status: z.enum(CASE_STATUSES), version: z.number() }).meta({ id: 'CaseRef' });
export type CaseRef = z.infer<typeof caseRefView>;

/** What the apply page asks before a draft exists: the item, and for an agent the principal it files for. */
export const prefillQuery = z.object({
  implementationCode: z.string().min(1).max(36),
  principalUserId: z.coerce.number().int().positive().optional().describe('For an agent: the principal (an active mandate covering the item)'),
});

/** The answers a new application starts with, and where each came from (cases.identity.ts). */
export const casePrefillView = z
  .object({
    applicant: z.object({ kind: z.enum(['person', 'organisation']), name: z.string() }).describe('Whom the identity fields are bound to'),
    formData: formAnswers,
    sources: z.array(
      z
        .object({
          field: z.string(),
          from: z.enum(['account', 'license']).describe('account: the applicant’s profile (identity, contact); license: a valid licence the applicant holds'),
          readOnly: z.boolean().describe('An identity field (x-bind): the server fills it and refuses another value (CASE_IDENTITY_MISMATCH)'),
          licenseIdentifier: z.string().nullable().describe('The licence the value was read from, for from = license'),
          licenseTypeName: z.string().nullable(),
          licenseNumberMasked: z
            .string()
            .nullable()
            .describe('For from = license: the licence’s number (流水号) with all but its last four characters masked, shown beside the field'),
        })
        .meta({ id: 'PrefillSource' }),
    ),
  })
  .meta({ id: 'CasePrefill' });

/** The reply to an application: the new case's number, its status (a draft, or submitted at once) and version. */
export const instantOutcomeView = z
  .object({
    outcome: z.enum(['grant', 'refuse', 'undecidable']),
    closed: z.boolean().describe('Granted and closed by the rules at once; false: the case goes to people (转人工)'),
    explanationZh: z.string(),
    explanationEn: z.string(),
    ruleSet: z.string().describe('The rule set’s code'),
    versionNumber: z.number(),
    versionHash: z.string().describe('SM3 of the rule version that decided'),
  })
  .meta({ id: 'InstantApprovalOutcome' });

export const appliedCaseView = z
  .object({
    number: z.string(),
    status: z
      .enum(['draft', 'submitted', 'decided'])
      .describe('draft, or submitted when applied with `submit: true`; decided when the item’s rules granted it at once (秒批)'),
    version: z.number(),
    instantApproval: instantOutcomeView.optional().describe('What the item’s rules decided at submission (秒批), when the item is set so'),
  })
  .meta({ id: 'AppliedCase', description: 'The case created; a repeated Idempotency-Key replays the reply as finally given' });

/** A case in a list (my cases, the workbench queues, supervision). */
export const caseListItemView = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
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
export type CaseListItem = z.infer<typeof caseListItemView>;

export const supervisionView = z
  .object({
    departments: z.array(z.object({ department: z.string(), amber: z.number(), red: z.number(), inReview: z.number(), awaitingAcceptance: z.number() })),
    cases: z.array(caseListItemView),
  })
  .meta({ id: 'Supervision' });
export type SupervisionView = z.infer<typeof supervisionView>;

export const notificationView = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.number().nullable(),
  caseNumber: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export type NotificationView = z.infer<typeof notificationView>;

export const uploadedMaterialView = z.object({ key: z.string(), mode: z.string(), digest: z.string(), size: z.number(), mime: z.string() });
export const pledgedMaterialView = z.object({ key: z.string(), mode: z.string(), pledgeText: z.string() });
export const attachedLicenseView = z.object({ key: z.string(), mode: z.string(), identifier: z.string() });

export const licenseCandidateView = z.object({ key: z.string(), name: z.string(), licenseTypeCode: z.string().nullable(), license: licenseView.nullable() });
export const caseLicenseView = licenseView.extend({ sealValid: z.boolean() });

/** The case in the national data shape (GB/T 39046-2020 §6.2–6.5). */
export const caseExportView = z
  .object({
    up_pro_accept: z.object({
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
      z.object({
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
      z.object({
        special_type: z.string(),
        start_time: z.string().nullable(),
        end_time: z.string().nullable(),
        reason: z.string().nullable(),
        special_name: z.string().nullable(),
      }),
    ),
    up_pro_result: z
      .object({
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
      z.object({
        material_name: z.string(),
        is_need: z.string(),
        is_collected: z.string(),
        collect_type: z.string().nullable(),
        collect_count: z.number(),
        collect_time: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CaseExport' });
export type CaseExport = z.infer<typeof caseExportView>;

/** The statuses a case has in the register (from its submission on: a draft is the applicant's own). */
export const REGISTER_STATUSES = CASE_STATUSES.filter((s) => s !== 'draft') as Exclude<(typeof CASE_STATUSES)[number], 'draft'>[];

/** 办件台账: the filters (all optional, all at once). */
export const registerQuery = z.object({
  number: z
    .string()
    .regex(/^\d{1,20}$/, 'digits of a case number')
    .optional()
    .describe('The case number, or its beginning'),
  applicant: z.string().min(1).max(60).optional().describe('Part of the applicant’s name, or the full ID number / USCC'),
  item: z.string().min(1).max(60).optional().describe('The implementation code, or part of the item’s name'),
  departmentId: z.coerce.number().int().positive().optional(),
  status: z.enum(REGISTER_STATUSES as [string, ...string[]]).optional(),
  channel: z.enum(CHANNELS).optional(),
  from: isoDate.optional().describe('Received on or after (YYYY-MM-DD)'),
  to: isoDate.optional().describe('Received on or before (YYYY-MM-DD)'),
  handledByMe: z.enum(['true', 'false']).optional().describe('已办: only cases the asker acted on (accepted, a step completed, decided …)'),
});
export type RegisterQuery = Omit<z.infer<typeof registerQuery>, 'handledByMe'> & { handledByMe?: boolean };

/** A row of the register: the applicant's ID number and phone masked. */
export const registerItemView = z
  .object({
    number: z.string(),
    status: z.string(),
    channel: z.string(),
    implementationCode: z.string(),
    implementationName: z.string(),
    departmentId: z.number(),
    department: z.string(),
    region: z.string(),
    applicantKind: z.string(),
    applicantName: z.string(),
    applicantIdNumberMasked: z.string().nullable(),
    contactPhoneMasked: z.string().nullable(),
    receivedOn: z.string().nullable(),
    acceptedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    currentStep: z.string().nullable(),
  })
  .meta({ id: 'CaseRegisterItem' });
export type RegisterItem = z.infer<typeof registerItemView>;
