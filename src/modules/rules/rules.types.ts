import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';

// ── The definition (one value per version, as stored and hashed) ─────────────────────────────────────────

/** An input's or a condition's key: letters, digits and underscores, starting with a letter. */
const ruleKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'letters, digits and _, starting with a letter');

export const INPUT_TYPES = ['number', 'string', 'boolean', 'date'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/**
 * What the platform knows of an applicant (issue 22): age from the ID number, the region of the registration or
 * residence, person or organisation, the organisation's type, registered capital (yuan), industry code (GB/T 4754),
 * and the date it was established. Each has one type, checked when a rule set is defined.
 */
export const PROFILE_ATTRIBUTES = {
  age: 'number',
  regionCode: 'string',
  applicantType: 'string',
  organizationType: 'string',
  registeredCapital: 'number',
  industryCode: 'string',
  establishedOn: 'date',
} as const satisfies Record<string, InputType>;
export type ProfileAttribute = keyof typeof PROFILE_ATTRIBUTES;

/** Where an input's value comes from. Exchange inputs are declared now and read once the data-exchange module lands. */
export const inputSource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('form'), field: z.string().min(1).max(64).describe('A field of the implementation’s application form') }),
    z.object({
      kind: z.literal('license'),
      typeCode: z.string().min(1).max(21).describe('A licence type (电子证照类型) code'),
      attribute: z.enum(['held', 'field']).describe('held: the applicant holds a valid licence of the type (boolean); field: a data field of it'),
      field: z.string().min(1).max(50).optional().describe('With attribute field: the licence type’s field key'),
    }),
    z.object({ kind: z.literal('profile'), attribute: z.enum(Object.keys(PROFILE_ATTRIBUTES) as [ProfileAttribute, ...ProfileAttribute[]]) }),
    z.object({
      kind: z.literal('exchange'),
      resource: z.string().min(1).max(100).describe('A shared data resource of another department (declared; not yet readable)'),
      field: z.string().min(1).max(100),
    }),
  ])
  .meta({ id: 'RuleInputSource' });
export type InputSource = z.infer<typeof inputSource>;

export const ruleInput = z
  .object({
    key: ruleKey,
    type: z.enum(INPUT_TYPES),
    labelZh: z.string().min(1).max(100),
    labelEn: z.string().max(200).default(''),
    source: inputSource,
  })
  .meta({ id: 'RuleInput' });
export type RuleInput = z.infer<typeof ruleInput>;

export const ruleCondition = z
  .object({
    key: ruleKey,
    input: ruleKey.describe('The key of a declared input'),
    test: z
      .string()
      .min(1)
      .max(500)
      .describe('A ZEN unary test on the input value `$`, as in a decision-table cell: `>= 18`, `"a", "b"`, `[1..50]`, `startsWith($, "3406")`'),
    labelZh: z.string().min(1).max(200).describe('The condition in plain Chinese, e.g. 申请人年满十八周岁'),
    labelEn: z.string().max(300).default(''),
    article: z.string().min(1).max(300).describe('The legal or policy article the condition rests on, e.g. 《民法典》第十八条'),
  })
  .meta({ id: 'RuleCondition' });
export type RuleCondition = z.infer<typeof ruleCondition>;

export const OUTCOMES = ['grant', 'refuse', 'undecidable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A value a rule reads: what forms, licences and profiles hold. */
export const ruleValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]).meta({ id: 'RuleValue' });
export type RuleValue = z.infer<typeof ruleValue>;
export const ruleValues = z.record(z.string(), ruleValue).meta({ id: 'RuleValues' });
export type RuleValues = z.infer<typeof ruleValues>;

export const goldenCase = z
  .object({
    name: z.string().min(1).max(100),
    inputs: ruleValues.describe('Values by input key; a key left out is a missing input'),
    expected: z.enum(OUTCOMES),
  })
  .meta({ id: 'RuleGoldenCase' });
export type GoldenCase = z.infer<typeof goldenCase>;

/** What one version of a rule set holds: inputs, conditions (all must hold to grant) and golden cases. */
export const ruleContent = z
  .object({
    inputs: z.array(ruleInput).min(1).max(40),
    conditions: z.array(ruleCondition).min(1).max(50),
    goldenCases: z.array(goldenCase).max(100).default([]),
  })
  .meta({ id: 'RuleContent' });
export type RuleContent = z.infer<typeof ruleContent>;
export type RuleContentInput = z.input<typeof ruleContent>;

// ── Decisions ────────────────────────────────────────────────────────────────────────────────────────────

export const CONDITION_RESULTS = ['pass', 'fail', 'missing', 'error'] as const;
export type ConditionResult = (typeof CONDITION_RESULTS)[number];

export const traceEntry = z
  .object({
    condition: z.string(),
    labelZh: z.string(),
    labelEn: z.string(),
    article: z.string(),
    input: z.string(),
    inputLabelZh: z.string(),
    source: z.string().describe('form, license, profile or exchange'),
    value: ruleValue.describe('The value read (null: missing)'),
    test: z.string(),
    result: z.enum(CONDITION_RESULTS),
    error: z.object({ type: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'RuleTraceEntry' });
export type TraceEntry = z.infer<typeof traceEntry>;

export const decisionView = z
  .object({
    outcome: z.enum(OUTCOMES),
    trace: z.array(traceEntry),
    explanationZh: z.string(),
    explanationEn: z.string(),
    error: z.object({ type: z.string(), message: z.string() }).nullable().describe('Why the rules could not decide (not in force, an engine error)'),
  })
  .meta({ id: 'RuleDecision' });
export type Decision = z.infer<typeof decisionView>;

export const goldenResult = z
  .object({ name: z.string(), expected: z.enum(OUTCOMES), actual: z.enum(OUTCOMES), passed: z.boolean(), decision: decisionView })
  .meta({ id: 'RuleGoldenResult' });
export type GoldenResult = z.infer<typeof goldenResult>;

// ── Rule sets and versions ───────────────────────────────────────────────────────────────────────────────

export const RULE_SET_PURPOSES = ['approval', 'policy'] as const;
export const RULE_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type RuleVersionStatus = (typeof RULE_VERSION_STATUSES)[number];

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a GB/T 2260 code of 6, 9 or 12 digits');

export const ruleVersionView = z
  .object({
    id: z.number(),
    ruleSetId: z.number(),
    number: z.number(),
    status: z.enum(RULE_VERSION_STATUSES),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    content: ruleContent,
    hash: z.string().nullable().describe('SM3 of the canonical version (content, dates, rule set): fixed at publication'),
    goldenPassed: z.boolean().nullable().describe('Did every golden case pass at the last run (null: never run)'),
    createdBy: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    retiredAt: z.string().nullable(),
    version: z.number().describe('Row version'),
  })
  .meta({ id: 'RuleVersion' });
export type RuleVersionView = z.infer<typeof ruleVersionView>;

export const ruleSetView = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    purpose: z.enum(RULE_SET_PURPOSES),
    implementationId: z.number().nullable(),
    implementationCode: z.string().nullable(),
    regionCode: z.string(),
    departmentId: z.number(),
    publishedVersionId: z.number().nullable(),
    latestVersionId: z.number().nullable(),
    instantApproval: z.boolean().describe('秒批: decides its implementation’s applications at submission with its published version'),
    version: z.number().describe('Row version'),
    createdAt: z.string(),
  })
  .meta({ id: 'RuleSet' });
export type RuleSetView = z.infer<typeof ruleSetView>;

export const ruleSetDetail = ruleSetView.extend({ versions: z.array(ruleVersionView) }).meta({ id: 'RuleSetDetail' });

/** What the public sees of a published version: conditions with their articles, no golden cases. */
export const publicRuleSetView = z
  .object({
    code: z.string(),
    name: z.string(),
    purpose: z.enum(RULE_SET_PURPOSES),
    implementationCode: z.string().nullable(),
    regionCode: z.string(),
    departmentId: z.number(),
    number: z.number(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    hash: z.string(),
    conditions: z.array(
      z.object({ key: z.string(), labelZh: z.string(), labelEn: z.string(), article: z.string(), inputLabelZh: z.string(), test: z.string() }),
    ),
  })
  .meta({ id: 'PublicRuleSet' });

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────

const validity = {
  validFrom: isoDate,
  validTo: isoDate.nullable().default(null),
};

export const createBody = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _'),
  name: z.string().min(1).max(100),
  purpose: z.enum(RULE_SET_PURPOSES).default('approval'),
  implementationId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('The implementation decided (approval rule sets): fixes the region and department'),
  regionCode: regionCode.optional().describe('Without an implementation: the owning department’s region'),
  departmentId: z.number().int().positive().optional().describe('Without an implementation: the owning department'),
  ...validity,
  content: ruleContent,
});
export type CreateInput = z.infer<typeof createBody>;

export const draftBody = z.object({
  ...validity,
  content: ruleContent,
  version: z.number().int().describe('The draft version’s row version'),
});
export type DraftInput = z.infer<typeof draftBody>;

export const versionBody = z.object({ version: z.number().int().describe('Row version of the version acted on') });

export const testBody = z.object({
  inputs: ruleValues,
  onDay: isoDate.optional().describe('Also check the version is in force on this day'),
});

export const listQuery = z.object({
  implementationId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const instantBody = z.object({
  instantApproval: z.boolean().describe('On: the published version decides each application of the implementation at submission (秒批)'),
  version: z.number().int().describe('The rule set’s row version'),
});

/** A decision as recorded for a case: what the case page, the applicant and the auditor see. */
export const recordedDecisionView = decisionView
  .extend({
    id: z.number(),
    ruleSetCode: z.string(),
    ruleSetName: z.string(),
    ruleSetVersionId: z.number(),
    versionNumber: z.number(),
    versionHash: z.string(),
    inputs: ruleValues,
    decidedAt: z.string(),
  })
  .meta({ id: 'RecordedRuleDecision' });
export type RecordedDecision = z.infer<typeof recordedDecisionView>;

// ── Replay before publishing (ADR 0041) ─────────────────────────────────────────────────────────────────

/** How many historic applications a replay reads at most (the newest). */
export const REPLAY_LIMIT = 500;

export const replayBody = z.object({
  versionId: z.number().int().positive().optional().describe('The version replayed (default: the latest, usually the draft to publish)'),
});

export const replayChange = z
  .object({
    caseNumber: z.string().describe('The case (staff of the owning department see these cases; no applicant data is returned)'),
    day: z.string().describe('The day the application was received'),
    before: z.enum(OUTCOMES).nullable().describe('The outcome of the version in force (null: no version published, people decided)'),
    after: z.enum(OUTCOMES),
    inputsFrom: z.enum(['decision', 'application']).describe('decision: the inputs recorded when the rules decided it; application: read again from the case'),
    flipped: z
      .array(
        z.object({
          condition: z.string(),
          labelZh: z.string(),
          labelEn: z.string(),
          article: z.string(),
          before: z.enum(CONDITION_RESULTS).nullable().describe('null: the condition is new'),
          after: z.enum(CONDITION_RESULTS).nullable().describe('null: the condition is gone'),
        }),
      )
      .describe('The conditions whose result differs between the two versions'),
  })
  .meta({ id: 'RuleReplayChange' });
export type ReplayChange = z.infer<typeof replayChange>;

export const replayView = z
  .object({
    ruleSetId: z.number(),
    versionId: z.number().describe('The version replayed'),
    versionNumber: z.number(),
    againstVersionId: z.number().nullable().describe('The published version compared with (null: none published)'),
    againstVersionNumber: z.number().nullable(),
    instantApproval: z.boolean().describe('Whether the rule set decides applications at submission now'),
    replayed: z.number().describe('Historic applications replayed'),
    truncated: z.boolean().describe('More applications exist than the replay reads (the newest are read)'),
    limit: z.number(),
    changed: z.number().describe('Applications whose outcome would change'),
    after: z.object({ grant: z.number(), refuse: z.number(), undecidable: z.number() }).describe('Outcomes of the replayed version'),
    changes: z.array(replayChange).describe('The changed applications, newest first (at most 200)'),
    digest: z.string().describe('Send it with publish to confirm these changes (RULE_REPLAY_UNCONFIRMED otherwise)'),
  })
  .meta({ id: 'RuleReplay' });
export type ReplayView = z.infer<typeof replayView>;

export const publishBody = z.object({
  version: z.number().int().describe('Row version of the version acted on'),
  replayDigest: z.string().max(128).optional().describe('The digest of the replay the publisher saw and confirms; needed when the replay changes any outcome'),
});
