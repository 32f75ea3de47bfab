import { z } from 'zod';
import { formAnswers, formField, formValue } from '../../platform/form-schemas.ts';
import { HARMONISED_ELEMENTS } from './bundles.harmonisation.core.ts';

// ── The definition (one value per version, as stored) ────────────────────────────────────────────────────

/** A member's key within its bundle: lower-case letters and digits (a merged form keys unanswered fields `<member>__<field>`). */
const memberKey = z.string().regex(/^[a-z][a-z0-9]{0,29}$/, 'lower-case letters and digits, starting with a letter');
/** A merged form field's key: letters and digits. */
const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,49}$/, 'letters and digits, starting with a letter');

export const conditionSchema = z
  .object({
    field: fieldKey.describe('A field of the merged form'),
    op: z.enum(['includeWhen', 'excludeWhen']),
    values: z
      .array(z.union([z.string().max(200), z.number(), z.boolean()]))
      .min(1)
      .max(20),
  })
  .meta({ id: 'BundleCondition' });

export const memberSchema = z
  .object({
    key: memberKey,
    implementationCode: z.string().min(1).max(36),
    dependsOn: z.array(memberKey).max(20).default([]),
    condition: conditionSchema.nullable().default(null),
  })
  .meta({ id: 'BundleMember' });

export const bundleFieldSchema = z
  .object({
    key: fieldKey,
    title: z.string().min(1).max(100),
    maps: z
      .array(z.object({ member: memberKey, field: z.string().min(1).max(64) }))
      .max(20)
      .default([]),
    schema: formField.nullable().default(null).describe('Only for a field that maps to no member field: its own schema'),
  })
  .meta({ id: 'BundleField' });

/** A bundle's definition: what one version holds. */
export const bundleContentSchema = z
  .object({
    name: z.string().min(1).max(100),
    theme: z.string().max(50).default(''),
    audience: z.enum(['person', 'organisation']),
    eligibility: z.string().max(2000).default('').describe('Who it is for'),
    summary: z.string().max(2000).default('').describe('What one gets'),
    outcomes: z.array(z.string().min(1).max(100)).max(20).default([]),
    promisedDays: z.number().int().min(0).max(3650).nullable().default(null).describe('Working days; null: the longest dependency path'),
    visits: z.number().int().min(0).max(9),
    steps: z.array(z.string().min(1).max(50)).min(1).max(10),
    onMemberRefused: z.enum(['continue', 'hold', 'withdraw']).default('hold').describe('What happens to the other members when one is refused'),
    members: z.array(memberSchema).min(2).max(20),
    fields: z.array(bundleFieldSchema).max(100).default([]),
  })
  .meta({ id: 'BundleContent' });
export type BundleContent = z.infer<typeof bundleContentSchema>;
export type BundleContentInput = z.input<typeof bundleContentSchema>;

export const BUNDLE_VERSION_STATUSES = ['draft', 'in_review', 'published', 'suspended', 'abolished', 'superseded'] as const;
export type BundleVersionStatus = (typeof BUNDLE_VERSION_STATUSES)[number];
export const BUNDLE_STATUSES = ['draft', 'published', 'suspended', 'abolished'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a GB/T 2260 code of 6, 9 or 12 digits');

export const createBody = z.object({
  code: z.string().min(1).max(36),
  regionCode,
  departmentId: z.number().int().positive().describe('The lead department (牵头部门)'),
  templateCode: z
    .string()
    .min(1)
    .max(36)
    .optional()
    .describe('Adopt this published bundle of a region above as the template (二次统筹, ADR 0045): harmonisation compares the two'),
  content: bundleContentSchema,
});
export const draftBody = z.object({ content: bundleContentSchema, version: z.number().int().describe('The draft version’s row version') });
export const previewBody = z.object({
  regionCode,
  departmentId: z.number().int().positive(),
  content: bundleContentSchema,
  answers: formAnswers.optional().describe('Answers of the merged form: the members an applicant’s conditions include'),
});
export const transitionBody = z.object({ version: z.number().int(), note: z.string().max(1000).optional() });

// ── Replies ─────────────────────────────────────────────────────────────────────────────────────────────

const measure = z
  .object({ before: z.number(), after: z.number(), ratio: z.number().nullable().describe('(before − after) ÷ before × 100, 2 decimals') })
  .meta({ id: 'ReductionMeasure' });
export const reductionsView = z
  .object({
    members: z.number(),
    materials: measure,
    days: measure,
    visits: measure,
    steps: measure,
    fields: measure,
    longestPath: z.object({ days: z.number(), path: z.array(z.string()) }),
  })
  .meta({ id: 'BundleReductions' });
const totalMeasure = measure.extend({ averageBefore: z.number().nullable(), averageAfter: z.number().nullable() }).meta({ id: 'OverallMeasure' });
export const overallView = z
  .object({ bundles: z.number(), materials: totalMeasure, days: totalMeasure, visits: totalMeasure, steps: totalMeasure })
  .meta({ id: 'OverallReductions' });

export const memberView = z
  .object({
    key: z.string(),
    implementationCode: z.string(),
    implementationId: z.number(),
    implementationVersionId: z.number(),
    name: z.string(),
    departmentId: z.number(),
    departmentName: z.string().nullable(),
    dependsOn: z.array(z.string()),
    condition: conditionSchema.nullable(),
    promisedDays: z.number().describe('Working days'),
    visits: z.number(),
    steps: z.number(),
    materials: z.number(),
    resultName: z.string(),
    included: z.boolean(),
  })
  .meta({ id: 'BundleMemberView' });

export const mergedFieldView = z
  .object({
    key: z.string(),
    title: z.string(),
    schema: formField,
    required: z.boolean(),
    maps: z.array(z.object({ member: z.string(), field: z.string() })),
    merged: z.boolean(),
  })
  .meta({ id: 'BundleMergedField' });
export const mergedMaterialView = z
  .object({
    identity: z.string(),
    name: z.string(),
    required: z.boolean(),
    exempt: z.enum(['upstream', 'license', 'shared']).nullable(),
    members: z.array(z.object({ member: z.string(), material: z.string() })),
  })
  .meta({ id: 'BundleMergedMaterial' });

export const evaluationView = z
  .object({
    members: z.array(memberView),
    reductions: reductionsView,
    form: z.array(mergedFieldView),
    materials: z.array(mergedMaterialView),
  })
  .meta({ id: 'BundleEvaluation' });

export const versionView = z
  .object({
    id: z.number(),
    number: z.number(),
    status: z.enum(BUNDLE_VERSION_STATUSES),
    content: bundleContentSchema,
    reductions: reductionsView.nullable(),
    createdBy: z.string(),
    reviewNote: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'BundleVersion' });

export const bundleView = z
  .object({
    id: z.number(),
    code: z.string(),
    regionCode: z.string(),
    departmentId: z.number(),
    status: z.enum(BUNDLE_STATUSES),
    name: z.string(),
    publishedVersionId: z.number().nullable(),
    latestVersionId: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Bundle' });

export const bundleListItem = bundleView
  .extend({
    latestVersionStatus: z.enum(BUNDLE_VERSION_STATUSES),
    departmentName: z.string().nullable(),
    regionName: z.string().nullable(),
  })
  .meta({ id: 'BundleListItem' });

export const bundleDetail = bundleView
  .extend({
    departmentName: z.string().nullable(),
    regionName: z.string().nullable(),
    versions: z.array(versionView),
  })
  .meta({ id: 'BundleDetail' });

export const publicBundle = z
  .object({
    code: z.string(),
    name: z.string(),
    theme: z.string(),
    audience: z.enum(['person', 'organisation']),
    summary: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    departmentName: z.string().nullable(),
    versionNumber: z.number(),
    publishedAt: z.string().nullable(),
    memberNames: z.array(z.string()),
    reductions: reductionsView,
  })
  .meta({ id: 'PublicBundle' });

export const publicList = z.object({ items: z.array(publicBundle), overall: overallView }).meta({ id: 'PublicBundleList' });

export const publicGuide = publicBundle
  .extend({
    eligibility: z.string(),
    outcomes: z.array(z.string()),
    promisedDays: z.number().describe('The bundle’s promise in working days'),
    visits: z.number(),
    steps: z.array(z.string()),
    onMemberRefused: z.enum(['continue', 'hold', 'withdraw']),
    evaluation: evaluationView,
  })
  .meta({ id: 'PublicBundleGuide' });

// ── Bundle cases (ADR 0036) ─────────────────────────────────────────────────────────────────────────────

const idNumberLike = z.string().min(1).max(18);
export const applyBundleBody = z
  .object({
    bundleCode: z.string().min(1).max(36),
    answers: formAnswers.describe('Answers of the merged form (its field keys; the conditions read them too)'),
    principalUserId: z.number().int().positive().optional().describe('An agent: the principal whose mandate covers every member'),
    applicant: z
      .object({
        kind: z.enum(['person', 'organisation']),
        name: z.string().min(1).max(100),
        idNumber: idNumberLike,
        contactName: z.string().max(50).optional(),
        contactPhone: z.string().max(20).optional(),
      })
      .optional()
      .describe('A window clerk: the applicant at the window'),
    contactPhone: z.string().max(20).optional(),
    submit: z.boolean().default(false).describe('Submit at once; else a draft bundle case, its materials supplied once (PUT …/materials), then POST …/submit'),
  })
  .meta({ id: 'ApplyBundleBody' });

export const BUNDLE_CASE_STATUSES = ['draft', 'open', 'closed', 'withdrawn', 'refused'] as const;

export const appliedBundleView = z
  .object({
    number: z.string().describe('The receipt number of the bundle case (YJ + 20 digits)'),
    status: z.enum(BUNDLE_CASE_STATUSES),
    version: z.number(),
    members: z.array(z.object({ key: z.string(), number: z.string(), status: z.string(), waiting: z.boolean() })),
  })
  .meta({ id: 'AppliedBundle' });

export const bundleCaseMemberView = z
  .object({
    key: z.string(),
    name: z.string(),
    implementationCode: z.string(),
    departmentId: z.number(),
    departmentName: z.string(),
    dependsOn: z.array(z.string()),
    number: z.string(),
    status: z.string().describe('The member case’s status'),
    waiting: z.boolean().describe('Held until the members it depends on are granted'),
    outcome: z.string().nullable(),
    receivedOn: z.string().nullable(),
    decidedOn: z.string().nullable(),
  })
  .meta({ id: 'BundleCaseMember' });

export const bundleCaseListItem = z
  .object({
    number: z.string(),
    bundleCode: z.string(),
    bundleName: z.string(),
    status: z.enum(BUNDLE_CASE_STATUSES),
    createdAt: z.string(),
    version: z.number(),
    members: z.array(bundleCaseMemberView),
  })
  .meta({ id: 'BundleCaseListItem' });

export const bundleCaseMaterialView = z
  .object({
    identity: z.string(),
    name: z.string(),
    required: z.boolean(),
    exempt: z.enum(['upstream', 'license', 'shared']).nullable(),
    members: z.array(z.string()),
    supplied: z.string().nullable().describe('How it was supplied to every member asking for it (upload, pledge, license); null: not (yet) to all'),
  })
  .meta({ id: 'BundleCaseMaterial' });

// ── At the window, once for all members (ADR 0037) ─────────────────────────────────────────────────────

export const WINDOW_STAGES = ['draft', 'acceptance', 'correction', 'handling', 'delivery', 'done'] as const;
const warning = z.enum(['none', 'amber', 'red']);
const policy = z.enum(['continue', 'hold', 'withdraw']);

export const bundleWindowView = z
  .object({
    stage: z
      .enum(WINDOW_STAGES)
      .describe('acceptance: awaits the one acceptance; correction: the applicant’s turn; handling; delivery: results to hand over once; done'),
    acceptedOn: z.string().nullable(),
    refusedReason: z.string().nullable(),
    correction: z
      .object({
        items: z.array(
          z.object({ member: z.string(), memberName: z.string(), materialKey: z.string().nullable(), field: z.string().nullable(), note: z.string() }),
        ),
        on: z.string(),
        reason: z.string().nullable(),
      })
      .nullable()
      .describe('The open correction notice across the members (一次性告知)'),
    corrections: z.number().describe('Notices sent so far'),
    partialOutcomes: z.array(
      z.object({
        member: z.string(),
        outcome: z.string(),
        policy,
        held: z.array(z.string()),
        withdrawn: z.array(z.string()),
        continued: z.array(z.string()),
        on: z.string(),
      }),
    ),
    delivery: z
      .object({ method: z.string(), trackingNumber: z.string().nullable(), on: z.string(), byName: z.string(), members: z.array(z.string()) })
      .nullable(),
    rating: z.object({ level: z.string(), on: z.string(), members: z.array(z.string()) }).nullable(),
    clock: z.object({
      expectedFinish: z.string().nullable().describe('The longest dependency path of the member deadlines (projected for members not accepted yet)'),
      path: z.array(z.string()),
      promisedFinish: z.string().nullable(),
      warning,
      reasons: z.array(z.enum(['member_amber', 'member_red', 'beyond_promise', 'overdue'])),
      onMemberRefused: policy,
    }),
    memberClocks: z.array(
      z.object({ key: z.string(), deadline: z.string().nullable(), warning, paused: z.boolean(), remainingWorkingDays: z.number().nullable() }),
    ),
    correctionTargets: z
      .array(
        z.object({
          member: z.string(),
          materials: z.array(z.object({ key: z.string(), name: z.string() })),
          fields: z.array(z.object({ key: z.string(), title: z.string() })),
        }),
      )
      .describe('For the window: what each member awaiting acceptance has to ask about'),
    mayAccept: z.boolean(),
    mayDeliver: z.boolean(),
    mayResubmit: z.boolean(),
    mayRate: z.boolean(),
  })
  .meta({ id: 'BundleWindow' });

export const windowQueueItem = z
  .object({
    number: z.string(),
    bundleName: z.string(),
    applicantName: z.string(),
    applicantIdNumberMasked: z.string(),
    channel: z.string(),
    stage: z.enum(WINDOW_STAGES),
    members: z.number(),
    membersSubmitted: z.number(),
    membersClosed: z.number(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'BundleWindowQueueItem' });

export const windowActView = z
  .object({ number: z.string(), status: z.enum(BUNDLE_CASE_STATUSES), version: z.number(), members: z.array(z.string()).describe('The member cases acted on') })
  .meta({ id: 'BundleWindowAct' });

export const refuseBundleBody = z.object({ version: z.number().int(), reason: z.string().min(1).max(500), legalBasis: z.string().min(1).max(500) });
export const correctionBundleBody = z.object({
  version: z.number().int(),
  items: z
    .array(
      z.object({
        member: z.string().min(1).max(30),
        materialKey: z.string().max(64).nullable().optional(),
        field: z.string().max(64).nullable().optional(),
        note: z.string().min(1).max(500),
      }),
    )
    .min(1)
    .max(100),
  reason: z.string().max(500).nullable().optional().describe('A further notice: why (only about what an answer brought in)'),
});
export const resubmitBundleBody = z.object({
  version: z.number().int(),
  answers: z
    .array(
      z.object({
        item: z.number().int().min(0),
        kind: z.enum(['file', 'field', 'note']),
        value: formValue.optional().describe('For kind field: the new value of the field'),
        note: z.string().max(500).nullable().optional(),
      }),
    )
    .max(100),
  note: z.string().max(500).optional(),
});
export const deliverBundleBody = z.object({
  version: z.number().int(),
  method: z.enum(['window', 'post', 'electronic']),
  trackingNumber: z.string().max(50).optional(),
});
export const rateBundleBody = z.object({
  level: z.enum(['1', '2', '3', '4', '5']).describe('GB/T 39046: 1 非常满意 … 5 非常不满意'),
  indicators: z.array(z.string().max(10)).max(10).default([]),
  comment: z.string().max(1000).optional(),
  anonymous: z.boolean().optional(),
});
export const bundleStatisticsView = z
  .object({
    from: z.string().describe('The first month counted (YYYY-MM)'),
    to: z.string().describe('The last month counted (YYYY-MM)'),
    month: z.string().describe('This month by the platform’s date (clock.ts today(), in China): the default period'),
    cases: z.array(
      z.object({
        bundleCode: z.string(),
        bundleName: z.string(),
        applied: z.number(),
        open: z.number(),
        closed: z.number(),
        delivered: z.number(),
        refused: z.number(),
        withdrawn: z.number(),
        rated: z.number(),
      }),
    ),
    ratings: z.object({
      bundles: z.number().describe('Bundle cases rated once (一键评价)'),
      ratings: z.number().describe('The member ratings those gave'),
      byDepartment: z.array(
        z.object({ departmentId: z.number(), name: z.string().nullable(), bundles: z.number(), ratings: z.number(), satisfied: z.number() }),
      ),
    }),
  })
  .meta({ id: 'BundleStatistics' });

export const bundleCaseDetailView = bundleCaseListItem
  .extend({
    versionNumber: z.number(),
    channel: z.string(),
    applicantName: z.string(),
    applicantKind: z.enum(['person', 'organisation']),
    answers: formAnswers,
    steps: z.array(z.string()),
    withdrawnReason: z.string().nullable(),
    mayWithdraw: z.boolean(),
    maySubmit: z.boolean(),
    materials: z.array(bundleCaseMaterialView),
    window: bundleWindowView,
  })
  .meta({ id: 'BundleCaseDetail' });

export const bundleMemberContextView = z
  .object({
    bundleNumber: z.string(),
    bundleCode: z.string(),
    bundleName: z.string(),
    status: z.enum(BUNDLE_CASE_STATUSES),
    memberKey: z.string(),
    members: z.array(bundleCaseMemberView.omit({ number: true }).extend({ isThisCase: z.boolean() })),
  })
  .meta({ id: 'BundleMemberContext' });

export const withdrawBundleBody = z.object({ version: z.number().int(), reason: z.string().min(1).max(500) });
export const withdrawnBundleView = z
  .object({ number: z.string(), status: z.enum(BUNDLE_CASE_STATUSES), version: z.number(), withdrawn: z.array(z.string()) })
  .meta({ id: 'WithdrawnBundle' });

export const suppliedBundleMaterialView = z
  .object({ identity: z.string(), mode: z.enum(['upload', 'pledge']), members: z.array(z.string()), version: z.number() })
  .meta({ id: 'SuppliedBundleMaterial' });

// ── Harmonisation across regions (二次统筹, ADR 0045) ───────────────────────────────────────────────────

const harmonisationColumn = z
  .object({
    key: z.string(),
    id: z.number(),
    code: z.string(),
    name: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    departmentName: z.string().nullable(),
    status: z.enum(BUNDLE_STATUSES),
    versionNumber: z.number(),
    versionStatus: z.enum(BUNDLE_VERSION_STATUSES),
    adopted: z.boolean().describe('A district’s bundle that adopted the template; false: the template'),
    templateUpdated: z.boolean().describe('模板已更新: the template published a later version than the one this adoption follows'),
    followsVersion: z.number().nullable().describe('The template version number this adoption follows (null: the template)'),
  })
  .meta({ id: 'BundleHarmonisationColumn' });

export const bundleHarmonisationView = z
  .object({
    templates: z.array(
      z.object({
        template: harmonisationColumn,
        columns: z.array(harmonisationColumn).describe('The template first, then the bundles that adopted it'),
        rows: z.array(
          z.object({
            element: z.enum(HARMONISED_ELEMENTS),
            local: z.boolean().describe('Set by each region: shown, never a difference'),
            differs: z.boolean(),
            cells: z.array(
              z.object({
                key: z.string().describe('The column’s key'),
                value: z.string(),
                differs: z.boolean().describe('Not the template’s value'),
                extra: z.array(z.string()).describe('In this bundle, not in the template'),
                missing: z.array(z.string()).describe('In the template, not in this bundle'),
              }),
            ),
          }),
        ),
        agreeing: z.number().describe('Adoptions that agree with the template on every harmonised element'),
        adoptions: z.number(),
      }),
    ),
  })
  .meta({ id: 'BundleHarmonisation' });

// ── Adopting a template from the web, and its later versions pushed down (ADR 0045, 2026-12-07) ───────────

export const adoptBody = z.object({
  templateCode: z.string().min(1).max(36).describe('A published bundle of a region above, itself adopting none'),
  code: z.string().min(1).max(36).describe('The new bundle’s code'),
  regionCode,
  departmentId: z.number().int().positive().describe('The lead department (牵头部门)'),
});

const memberMappingView = z
  .object({
    member: z.string(),
    name: z.string().describe('The item’s name'),
    from: z.string().describe('The template’s implementation'),
    to: z.string().nullable().describe('The district’s own implementation of the item; null: the template’s is kept'),
    reason: z
      .enum(['mapped', 'none', 'form'])
      .describe('none: the district has no published implementation of the item; form: it lacks a field the template maps'),
  })
  .meta({ id: 'BundleMemberMapping' });

export const adoptedView = bundleView
  .extend({ templateCode: z.string(), templateVersion: z.number(), mappings: z.array(memberMappingView) })
  .meta({ id: 'AdoptedBundle' });

const templateDiffRow = z.object({
  element: z.enum(HARMONISED_ELEMENTS),
  before: z.string().describe('The template version this bundle follows'),
  after: z.string().describe('The template’s published version'),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});

export const templateStatusView = z
  .object({
    adopted: z.boolean().describe('False: this bundle adopts no template (the rest is empty)'),
    templateCode: z.string().nullable(),
    templateName: z.string().nullable(),
    templateRegionName: z.string().nullable(),
    followsVersion: z.number().nullable(),
    publishedVersion: z.number().nullable(),
    updated: z.boolean().describe('模板已更新: the template published a later version than the one followed'),
    mayTake: z.boolean().describe('The changes can be taken now: the latest version is published or suspended (no draft open)'),
    differences: z.array(templateDiffRow).describe('What the template changed since the version this bundle follows'),
  })
  .meta({ id: 'BundleTemplateStatus' });

export const takenTemplateView = z
  .object({
    number: z.number().describe('The new draft’s version number'),
    templateVersion: z.number().describe('The template version the bundle now follows'),
    changed: z.array(z.string()).describe('The elements taken from the template (members.<key>, fields.<key>, or an element)'),
  })
  .meta({ id: 'TakenTemplateChanges' });
