import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import {
  DECISION_STATUSES,
  DECISION_STEPS,
  DOCUMENT_STATUSES,
  EVALUATION_CONCLUSIONS,
  MEETING_CATEGORIES,
  REVIEW_OPINIONS,
  RISK_LEVELS,
  TRAINING_KINDS,
} from './legal.core.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
export const article = z.object({ no: z.number().int().positive(), title: z.string().max(100).nullish(), text: text(5000) });
export const articles = z.array(article).min(1).max(300);
const rowVersion = { version: z.number().int().positive().describe('The document’s row version, as read') };

// ── Bodies ──────────────────────────────────────────────────────────────────────────────────────────────

export const createDocumentBody = z.object({
  title: text(200),
  departmentId: z.number().int().positive().describe('The drafting department: the document’s scope'),
  issuerPrefix: text(20).describe('The issuer’s mark in the unified number, e.g. 淮政规'),
  numberFormat: z.string().trim().max(60).optional().describe('Default {prefix}〔{year}〕{seq}号'),
  marketRelated: z.boolean().default(false).describe('Bears on market players: public comment at least 30 days'),
  reviewDays: z.number().int().min(5).max(15).default(15).describe('The legality review’s limit, 5–15 working days (国办发〔2018〕115号)'),
  validityYears: z.number().int().min(1).max(10).default(5),
  articles,
});
export type CreateDocumentInput = z.infer<typeof createDocumentBody>;
export const versionBody = z.object({ articles, note: z.string().max(500).nullish(), ...rowVersion });
export const openCommentBody = z.object({ closesOn: isoDate.nullish().describe('Default: the earliest lawful day'), ...rowVersion });
export const closeCommentBody = z.object({ adoptionSummary: text(5000).describe('采纳情况: published with the document'), ...rowVersion });
export const reviewBody = z.object({
  opinion: z.enum(REVIEW_OPINIONS),
  reasons: text(5000),
  fileId: z.number().int().positive().nullish().describe('The opinion’s file (POST /api/legal/files)'),
  ...rowVersion,
});
export const deliberateBody = z.object({
  meeting: text(200),
  meetingOn: isoDate,
  minutes: text(5000),
  fileId: z.number().int().positive().nullish(),
  ...rowVersion,
});
export const registerBody = z.object({
  seq: z.number().int().positive().nullish().describe('The number as written in the paper register; only the next one is taken'),
  ...rowVersion,
});
export const publishBody = z.object({ interpretation: z.string().max(5000).nullish().describe('政策解读'), ...rowVersion });
export const fileBody = z.object({ filedWith: text(200), filedOn: isoDate, fileId: z.number().int().positive().nullish(), ...rowVersion });
export const renewBody = z.object({ validityYears: z.number().int().min(1).max(10).optional(), ...rowVersion });
export const repealBody = z.object({ reason: text(2000), ...rowVersion });
export const commentBody = z.object({
  articleNo: z.number().int().positive(),
  body: text(2000),
  authorName: z.string().trim().max(40).nullish().describe('Optional; shown with the comment once approved'),
});
export const moderateBody = z.object({
  approve: z.boolean().describe('Shown on the public page when approved'),
  answer: z.string().trim().max(2000).nullish(),
  adopted: z.boolean().nullish(),
});
export const listQuery = z.object({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const libraryQuery = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(['in_force', 'lapsed', 'repealed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const diffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() });

const fileId = z.number().int().positive().nullish().describe('An uploaded file (POST /api/legal/files)');
export const hearing = z.object({
  noticeOn: isoDate.describe('The day the hearing was announced (draft, time and place published)'),
  heldOn: isoDate,
  place: text(200),
  participants: z.number().int().min(1).max(100_000),
  summary: text(5000),
});
export const stepRecord = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('public_participation'),
    opensOn: isoDate,
    closesOn: isoDate,
    shortReason: z.string().max(1000).nullish(),
    summary: text(5000),
    hearing: hearing.nullish().describe('A hearing (听证, 国务院令第713号 arts. 17–18): announced at least 10 days before it is held'),
  }),
  z.object({ step: z.literal('expert_argument'), experts: z.array(text(60)).max(50), opinion: text(5000) }),
  z.object({ step: z.literal('risk_assessment'), level: z.enum(RISK_LEVELS), report: text(5000) }),
  z.object({ step: z.literal('legality_review'), startedOn: isoDate, finishedOn: isoDate, opinion: text(5000) }),
  z.object({
    step: z.literal('collective_discussion'),
    meeting: text(200),
    meetingOn: isoDate,
    minutes: text(5000),
    headDecision: text(2000),
    differsFromMajority: z.boolean(),
    reasons: z.string().max(2000).nullish(),
  }),
]);
export const createDecisionBody = z.object({ title: text(200), departmentId: z.number().int().positive(), year: z.number().int().min(2000).max(2100) });
export const decideBody = z.object({ decision: text(5000), ...rowVersion });
export const executeBody = z.object({
  publishedOn: isoDate.describe('The day the decision was published (国务院令第713号 art. 32)'),
  executedFrom: isoDate.describe('The day its execution began; on or after publication'),
  version: z.number().int().positive().describe('The decision’s row version, as read'),
});
export const evaluationBody = z.object({
  evaluatedOn: isoDate,
  evaluator: text(200).describe('Who evaluated: the decision body, or the third party it engaged (art. 36)'),
  findings: text(5000),
  conclusion: z.enum(EVALUATION_CONCLUSIONS).describe('continue, adjust, or stop (the decision then stops)'),
  version: z.number().int().positive().describe('The decision’s row version, as read'),
});
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// ── Views ───────────────────────────────────────────────────────────────────────────────────────────────

export const versionView = z.object({
  id: z.number(),
  number: z.number(),
  articles: z.array(article),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const str = z.string();
const nstr = z.string().nullable();
const cleanupData = { cleanupId: z.number(), campaign: str, proposal: z.enum(['keep', 'amend', 'repeal', 'declare_lapsed']), reason: nstr };
const stepBase = { id: z.number(), actor: str, onDay: str, fileId: z.number().nullable(), at: str };
const stepOf = <A extends string, D extends z.ZodRawShape>(action: A, data: D) => z.object({ ...stepBase, action: z.literal(action), data: z.object(data) });
/** A step of a document's life with what that kind of step records (one variant per action of the state table). */
export const stepView = z
  .discriminatedUnion('action', [
    stepOf('create', { title: str, versionNumber: z.number() }),
    stepOf('save_version', { versionNumber: z.number(), changedArticles: z.number() }),
    stepOf('open_comment', { opensOn: str, closesOn: str, marketRelated: z.boolean(), versionId: z.number() }),
    stepOf('close_comment', { adoptionSummary: str, reviewStartedOn: str, reviewDays: z.number(), pendingComments: z.number() }),
    stepOf('review', { opinion: z.enum(REVIEW_OPINIONS), reasons: str, dueOn: str, overdue: z.boolean() }),
    stepOf('deliberate', { meeting: str, meetingOn: str, minutes: str }),
    stepOf('register', { numberYear: z.number(), numberSeq: z.number(), docNumber: str }),
    stepOf('publish', { publishedOn: str, validUntil: str, filingDueOn: str, docNumber: nstr }),
    stepOf('file', { filedWith: str, filedOn: str, dueOn: nstr, late: z.boolean() }),
    stepOf('renew', { previousNumber: nstr, docNumber: str, validFrom: str, validUntil: str }),
    stepOf('lapse', { validUntil: nstr.optional().describe('Lapsed by the job at the end of its validity'), ...partial(cleanupData) }),
    stepOf('repeal', { ...partial(cleanupData), reason: nstr }),
    stepOf('clean_up', cleanupData),
  ])
  .meta({ id: 'LegalDocumentStep' });
export type StepView = z.infer<typeof stepView>;
function partial<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
}
export const documentView = z.object({
  id: z.number(),
  title: z.string(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  issuerPrefix: z.string(),
  numberFormat: z.string(),
  marketRelated: z.boolean(),
  reviewDays: z.number(),
  validityYears: z.number(),
  status: z.enum(DOCUMENT_STATUSES),
  commentOpensOn: z.string().nullable(),
  commentClosesOn: z.string().nullable(),
  adoptionSummary: z.string().nullable(),
  reviewStartedOn: z.string().nullable(),
  reviewOpinion: z.string().nullable(),
  docNumber: z.string().nullable(),
  publishedOn: z.string().nullable(),
  interpretation: z.string().nullable(),
  filingDueOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  filedWith: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  endedOn: z.string().nullable(),
  validity: z.enum(['in_force', 'expiring', 'expired']).nullable().describe('For a document in force: expiring from 6 months before its last day'),
  filingOverdue: z.boolean(),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type DocumentView = z.infer<typeof documentView>;
export const reviewClockView = z.object({ dueOn: z.string(), remainingWorkingDays: z.number(), overdue: z.boolean() });
export const commentView = z.object({
  id: z.number(),
  articleNo: z.number(),
  body: z.string(),
  authorName: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
  answer: z.string().nullable(),
  adopted: z.boolean().nullable(),
  createdAt: z.string(),
});
export const documentDetail = documentView.extend({
  versions: z.array(versionView).describe('Newest first'),
  steps: z.array(stepView),
  reviewClock: reviewClockView.nullable(),
  comments: z.object({ pending: z.number(), approved: z.number(), rejected: z.number() }),
});
export const diffView = z.object({
  from: z.number(),
  to: z.number(),
  changes: z.array(
    z.object({
      no: z.number(),
      change: z.enum(['same', 'added', 'removed', 'changed']),
      text: z.string().optional(),
      before: z.string().optional(),
      after: z.string().optional(),
    }),
  ),
});
export const publicDocumentView = z.object({
  id: z.number(),
  title: z.string(),
  departmentName: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  docNumber: z.string().nullable(),
  publishedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  endedOn: z.string().nullable(),
  commentOpensOn: z.string().nullable(),
  commentClosesOn: z.string().nullable(),
  adoptionSummary: z.string().nullable(),
  interpretation: z.string().nullable(),
  articles: z.array(article),
  comments: z.array(commentView.omit({ status: true })).describe('Approved comments only'),
});
export const libraryItem = publicDocumentView.pick({
  id: true,
  title: true,
  departmentName: true,
  status: true,
  docNumber: true,
  publishedOn: true,
  validUntil: true,
  endedOn: true,
});
export const consultationItem = publicDocumentView.pick({ id: true, title: true, departmentName: true, commentOpensOn: true, commentClosesOn: true });

/** A recorded step of a decision: what `stepRecord` took for that step, with who and when. */
export const decisionStepView = z
  .discriminatedUnion(
    'step',
    stepRecord.options.map((o) => {
      const { step, ...data } = o.shape;
      return z.object({ step, data: z.object(data), actor: z.string(), at: z.string() });
    }) as unknown as [DecisionStepVariant, ...DecisionStepVariant[]],
  )
  .meta({ id: 'LegalDecisionStep' });
export type DecisionStepView = z.infer<typeof decisionStepView>;
type DecisionStepVariant = z.ZodObject<{ step: z.ZodLiteral<(typeof DECISION_STEPS)[number]>; data: z.ZodObject; actor: z.ZodString; at: z.ZodString }>;
export const decisionView = z.object({
  id: z.number(),
  title: z.string(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  year: z.number(),
  status: z.enum(DECISION_STATUSES),
  decidedOn: z.string().nullable(),
  decision: z.string().nullable(),
  publishedOn: z.string().nullable(),
  executedFrom: z.string().nullable(),
  missingSteps: z.array(z.enum(DECISION_STEPS)),
  version: z.number(),
});
export const evaluationView = z.object({
  id: z.number(),
  evaluatedOn: z.string(),
  evaluator: z.string(),
  findings: z.string(),
  conclusion: z.enum(EVALUATION_CONCLUSIONS),
  createdBy: z.string(),
});
export const decisionDetail = decisionView.extend({ steps: z.array(decisionStepView), evaluations: z.array(evaluationView) });
export const catalogueItem = decisionView.pick({ id: true, title: true, departmentName: true, year: true, status: true, decidedOn: true });

// ── Clean-up, legality reviews, advisers ────────────────────────────────────────────────────────────────

const PROPOSALS = ['keep', 'amend', 'repeal', 'declare_lapsed'] as const;
const MATTERS = ['contract', 'project', 'document', 'decision', 'other'] as const;
const ADVISERS = ['adviser', 'public_lawyer'] as const;

export const createCleanupBody = z.object({
  title: text(200),
  departmentId: z.number().int().positive().describe('The department running the campaign (its region is the scope)'),
});
export const proposeBody = z.object({ documentId: z.number().int().positive(), proposal: z.enum(PROPOSALS), reason: text(2000) });
export const cleanupVersionBody = z.object({ version: z.number().int().positive() });
export const cleanupItem = z.object({
  documentId: z.number(),
  title: z.string(),
  docNumber: z.string().nullable(),
  documentStatus: z.string(),
  proposal: z.enum(PROPOSALS).nullable(),
  reason: z.string().nullable(),
});
export const cleanupDetailView = z.object({
  id: z.number(),
  title: z.string(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  status: z.enum(['open', 'approved']),
  approvedOn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  items: z.array(cleanupItem),
});
export const cleanupListItem = z.object({
  id: z.number(),
  title: z.string(),
  departmentName: z.string(),
  status: z.enum(['open', 'approved']),
  approvedOn: z.string().nullable(),
  documents: z.number(),
  version: z.number(),
});
export const publicCleanupView = z.object({
  id: z.number(),
  title: z.string(),
  departmentName: z.string(),
  approvedOn: z.string().nullable(),
  items: z.array(
    z.object({ documentId: z.number(), title: z.string(), docNumber: z.string().nullable(), proposal: z.enum(PROPOSALS), reason: z.string().nullable() }),
  ),
});

export const createAdviserBody = z.object({
  name: text(60),
  kind: z.enum(ADVISERS).describe('法律顾问 or 公职律师'),
  organisation: z.string().trim().max(100).nullish(),
  departmentId: z.number().int().positive(),
  engagedFrom: isoDate,
  engagedUntil: isoDate,
});
export const adviserView = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ADVISERS),
  organisation: z.string().nullable(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  engagedFrom: z.string(),
  engagedUntil: z.string(),
  engagedToday: z.boolean(),
  matters: z.number().describe('Matters the adviser gave an opinion on'),
});
export const createReviewBody = z.object({ matterKind: z.enum(MATTERS), title: text(200), departmentId: z.number().int().positive() });
export const reviewOpinionBody = z.object({ opinion: text(5000), version: z.number().int().positive() });
export const adviserOpinionBody = z.object({ adviserId: z.number().int().positive(), opinion: text(5000), version: z.number().int().positive() });
export const legalReviewView = z.object({
  id: z.number(),
  matterKind: z.enum(MATTERS),
  title: z.string(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  submittedOn: z.string(),
  status: z.enum(['pending', 'reviewed']),
  opinion: z.string().nullable(),
  reviewer: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  adviserId: z.number().nullable(),
  adviserName: z.string().nullable(),
  adviserOpinion: z.string().nullable(),
  adviserOn: z.string().nullable(),
  version: z.number(),
});
export const reviewCountsView = z.object({
  year: z.number(),
  matters: z.number(),
  reviewed: z.number(),
  withAdviserOpinion: z.number(),
  byKind: z.array(z.object({ kind: z.enum(MATTERS), count: z.number() })),
  meetings: z.array(z.object({ category: z.enum(MEETING_CATEGORIES), count: z.number() })).describe('三重一大 decisions of the year, by category'),
  training: z.object({ sessions: z.number(), attendance: z.number(), examTaken: z.number(), examPassed: z.number() }).describe('学法用法 of the year'),
});

// ── 三重一大, 学法用法, 普法责任清单 ───────────────────────────────────────────────────────────────────────

export const createMeetingBody = z.object({
  departmentId: z.number().int().positive().describe('The department whose meeting decided: the record’s scope'),
  category: z.enum(MEETING_CATEGORIES).describe('重大事项决策 / 重要干部任免 / 重大项目安排 / 大额度资金运作'),
  subject: text(200),
  meetingName: text(200).describe('e.g. 局党组会议 2026年第3次'),
  meetingOn: isoDate,
  members: z.number().int().min(1).max(500).describe('应到人数'),
  attendees: z.number().int().min(1).max(500).describe('实到人数: more than half, two thirds for appointments'),
  minutes: text(20_000),
  fileId,
  decision: text(5000),
  dissent: z.string().trim().max(5000).nullish().describe('不同意见, recorded as said'),
});
export const meetingView = z.object({
  id: z.number(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  category: z.enum(MEETING_CATEGORIES),
  subject: z.string(),
  meetingName: z.string(),
  meetingOn: z.string(),
  members: z.number(),
  attendees: z.number(),
  decision: z.string(),
  hasDissent: z.boolean(),
  createdBy: z.string(),
});
export const meetingDetail = meetingView.extend({ minutes: z.string(), fileId: z.number().nullable(), dissent: z.string().nullable(), createdAt: z.string() });
export const meetingQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.enum(MEETING_CATEGORIES).optional(),
});

export const createTrainingBody = z.object({
  departmentId: z.number().int().positive(),
  heldOn: isoDate,
  topic: text(200),
  kind: z.enum(TRAINING_KINDS).describe('常务会议学法 / 专题讲座 / 考试'),
  attendance: z.number().int().min(0).max(100_000),
  examPassed: z.number().int().min(0).max(100_000).nullish().describe('For an exam only: how many passed'),
});
export const trainingView = z.object({
  id: z.number(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  kind: z.enum(TRAINING_KINDS),
  attendance: z.number(),
  examPassed: z.number().nullable(),
  createdBy: z.string(),
});

export const createDutyBody = z.object({
  departmentId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  responsibilities: text(5000).describe('普法责任: the laws the department enforces and explains'),
  audiences: text(2000).describe('普法对象'),
  measures: text(5000).describe('普法措施'),
});
export const dutyView = z.object({
  id: z.number(),
  regionCode: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  year: z.number(),
  responsibilities: z.string(),
  audiences: z.string(),
  measures: z.string(),
});
export const publicDutyView = dutyView.omit({ regionCode: true, departmentId: true });

export const uploadView = z.object({
  id: z.number().describe('The file id to send as fileId'),
  digest: z.string(),
  size: z.number(),
  mime: z.string(),
  name: z.string(),
});
