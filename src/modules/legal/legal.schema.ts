import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The key and the scope of a record owned by a department: its id, region and department (ADR 0040). */
const owned = () => ({
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  regionCode: text('region_code')
    .notNull()
    .references(() => region.code),
  departmentId: bigint('department_id', { mode: 'number' })
    .notNull()
    .references(() => department.id),
});

/**
 * A normative document (行政规范性文件): its drafting department (the scope), the status of the one state table
 * (legal.core.ts), the comment period, the review clock, the unified number, publication, filing and validity. Its
 * text lives in legal_document_version; every step in legal_document_step.
 */
export const legalDocument = pgTable(
  'legal_document',
  {
    ...owned(),
    title: text('title').notNull(),
    issuerPrefix: text('issuer_prefix').notNull(),
    numberFormat: text('number_format').notNull(),
    marketRelated: boolean('market_related').notNull().default(false),
    reviewDays: integer('review_days').notNull().default(15),
    validityYears: integer('validity_years').notNull().default(5),
    status: text('status').notNull().default('drafting'),
    latestVersionId: bigint('latest_version_id', { mode: 'number' }),
    commentOpensOn: date('comment_opens_on', { mode: 'string' }),
    commentClosesOn: date('comment_closes_on', { mode: 'string' }),
    adoptionSummary: text('adoption_summary'),
    reviewStartedOn: date('review_started_on', { mode: 'string' }),
    reviewOpinion: text('review_opinion'),
    numberYear: integer('number_year'),
    numberSeq: integer('number_seq'),
    docNumber: text('doc_number'),
    publishedOn: date('published_on', { mode: 'string' }),
    interpretation: text('interpretation'),
    filingDueOn: date('filing_due_on', { mode: 'string' }),
    filedOn: date('filed_on', { mode: 'string' }),
    filedWith: text('filed_with'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    /** The last day in force that its legal officers were told about (the notice of the last six months, once per period). */
    expiryNoticeFor: date('expiry_notice_for', { mode: 'string' }),
    searchVector: tsvector('search_vector'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_document_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('legal_document_status_idx').on(t.status, t.validUntil),
    uniqueIndex('legal_document_number_idx').on(t.docNumber),
    index('legal_document_search_idx').using('gin', t.searchVector),
    check(
      'legal_document_status',
      sql`${t.status} IN ('drafting', 'commenting', 'in_review', 'reviewed', 'deliberated', 'registered', 'in_force', 'lapsed', 'repealed')`,
    ),
    check('legal_document_review_days', sql`${t.reviewDays} BETWEEN 5 AND 15`),
    check('legal_document_validity_years', sql`${t.validityYears} BETWEEN 1 AND 10`),
    check('legal_document_numbered', sql`${t.status} NOT IN ('registered', 'in_force', 'lapsed', 'repealed') OR ${t.docNumber} IS NOT NULL`),
  ],
);

/** Every version of a document's text, article by article; never changed once written (a trigger refuses it). */
export const legalDocumentVersion = pgTable(
  'legal_document_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => legalDocument.id),
    number: integer('number').notNull(),
    articles: jsonb('articles').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legal_document_version_number_idx').on(t.documentId, t.number)],
);

/** Each step of a document's life: who, when, what (and an optional uploaded file). Append-only. */
export const legalDocumentStep = pgTable(
  'legal_document_step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => legalDocument.id),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    onDay: date('on_day', { mode: 'string' }).notNull(),
    data: jsonb('data').notNull(),
    fileId: bigint('file_id', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('legal_document_step_document_idx').on(t.documentId, t.id)],
);

/** A public comment on one article of the version open to comment: held until the legal officer moderates it. */
export const legalComment = pgTable(
  'legal_comment',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => legalDocument.id),
    versionId: bigint('version_id', { mode: 'number' })
      .notNull()
      .references(() => legalDocumentVersion.id),
    articleNo: integer('article_no').notNull(),
    body: text('body').notNull(),
    authorName: text('author_name'),
    status: text('status').notNull().default('pending'),
    answer: text('answer'),
    adopted: boolean('adopted'),
    moderatedBy: text('moderated_by'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_comment_document_idx').on(t.documentId, t.status),
    check('legal_comment_status', sql`${t.status} IN ('pending', 'approved', 'rejected')`),
  ],
);

/** The last unified number taken per issuer prefix and year (gapless: taken in the registering transaction). */
export const legalNumberSequence = pgTable(
  'legal_number_sequence',
  {
    issuerPrefix: text('issuer_prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerPrefix, t.year] })],
);

/** A major administrative decision (重大行政决策) of a year's catalogue (决策事项目录), published. */
export const legalDecision = pgTable(
  'legal_decision',
  {
    ...owned(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('catalogued'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decision: text('decision'),
    publishedOn: date('published_on', { mode: 'string' }),
    executedFrom: date('executed_from', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_decision_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('legal_decision_year_idx').on(t.year),
    check('legal_decision_status', sql`${t.status} IN ('catalogued', 'decided', 'executing', 'stopped')`),
  ],
);

/** One of the five statutory steps of a decision (国务院令第713号), with its record; one per step. */
export const legalDecisionStep = pgTable(
  'legal_decision_step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decisionId: bigint('decision_id', { mode: 'number' })
      .notNull()
      .references(() => legalDecision.id),
    step: text('step').notNull(),
    data: jsonb('data').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legal_decision_step_idx').on(t.decisionId, t.step)],
);

/** A clean-up campaign (清理): the documents in force in its region when it started, each with a proposal; approved as a batch. */
export const legalCleanup = pgTable(
  'legal_cleanup',
  {
    ...owned(),
    title: text('title').notNull(),
    status: text('status').notNull().default('open'),
    approvedOn: date('approved_on', { mode: 'string' }),
    approvedBy: text('approved_by'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_cleanup_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('legal_cleanup_status', sql`${t.status} IN ('open', 'approved')`),
  ],
);

/** One document of a campaign and its proposal: keep, amend, repeal or declare lapsed, with the reason. */
export const legalCleanupItem = pgTable(
  'legal_cleanup_item',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cleanupId: bigint('cleanup_id', { mode: 'number' })
      .notNull()
      .references(() => legalCleanup.id),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => legalDocument.id),
    proposal: text('proposal'),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('legal_cleanup_item_idx').on(t.cleanupId, t.documentId),
    check('legal_cleanup_item_proposal', sql`${t.proposal} IS NULL OR ${t.proposal} IN ('keep', 'amend', 'repeal', 'declare_lapsed')`),
  ],
);

/** Legal advisers (法律顾问) and government lawyers (公职律师) with their engagement period. */
export const legalAdviser = pgTable(
  'legal_adviser',
  {
    ...owned(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    organisation: text('organisation'),
    engagedFrom: date('engaged_from', { mode: 'string' }).notNull(),
    engagedUntil: date('engaged_until', { mode: 'string' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_adviser_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('legal_adviser_kind', sql`${t.kind} IN ('adviser', 'public_lawyer')`),
    check('legal_adviser_period', sql`${t.engagedUntil} >= ${t.engagedFrom}`),
  ],
);

/** A legality review (法制审核) of any matter: the reviewer's opinion and, separately, a legal adviser's. */
export const legalReview = pgTable(
  'legal_review',
  {
    ...owned(),
    matterKind: text('matter_kind').notNull(),
    title: text('title').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    opinion: text('opinion'),
    reviewer: text('reviewer'),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    adviserId: bigint('adviser_id', { mode: 'number' }).references(() => legalAdviser.id),
    adviserOpinion: text('adviser_opinion'),
    adviserOn: date('adviser_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_review_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('legal_review_submitted_idx').on(t.submittedOn),
    check('legal_review_kind', sql`${t.matterKind} IN ('contract', 'project', 'document', 'decision', 'other')`),
    check('legal_review_status', sql`${t.status} IN ('pending', 'reviewed')`),
  ],
);

/** A 三重一大 decision taken at a meeting: its category, the meeting record (members, attendance, minutes), the decision and dissent. */
export const legalMeeting = pgTable(
  'legal_meeting',
  {
    ...owned(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    meetingName: text('meeting_name').notNull(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    members: integer('members').notNull(),
    attendees: integer('attendees').notNull(),
    minutes: text('minutes').notNull(),
    fileId: bigint('file_id', { mode: 'number' }),
    decision: text('decision').notNull(),
    dissent: text('dissent'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_meeting_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('legal_meeting_on_idx').on(t.meetingOn),
    check('legal_meeting_category', sql`${t.category} IN ('major_matter', 'personnel', 'project', 'large_fund')`),
    check('legal_meeting_attendees', sql`${t.attendees} BETWEEN 1 AND ${t.members}`),
  ],
);

/** A 学法用法 session: a 常务会议学法, a lecture or an exam, with attendance (and passes for an exam). */
export const legalTraining = pgTable(
  'legal_training',
  {
    ...owned(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    kind: text('kind').notNull(),
    attendance: integer('attendance').notNull(),
    examPassed: integer('exam_passed'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_training_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    check('legal_training_kind', sql`${t.kind} IN ('standing_meeting', 'lecture', 'exam')`),
    check('legal_training_passed', sql`${t.examPassed} IS NULL OR ${t.examPassed} BETWEEN 0 AND ${t.attendance}`),
  ],
);

/** A department's 普法责任清单 of a year (“谁执法谁普法”): responsibilities, audiences, measures; published. */
export const legalDuty = pgTable(
  'legal_duty',
  {
    ...owned(),
    year: integer('year').notNull(),
    responsibilities: text('responsibilities').notNull(),
    audiences: text('audiences').notNull(),
    measures: text('measures').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legal_duty_department_year_idx').on(t.departmentId, t.year)],
);

/** A post-decision evaluation (后评估) of a decision under execution: findings and a conclusion. */
export const legalDecisionEvaluation = pgTable(
  'legal_decision_evaluation',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decisionId: bigint('decision_id', { mode: 'number' })
      .notNull()
      .references(() => legalDecision.id),
    evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
    evaluator: text('evaluator').notNull(),
    findings: text('findings').notNull(),
    conclusion: text('conclusion').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_decision_evaluation_decision_idx').on(t.decisionId, t.id),
    check('legal_decision_evaluation_conclusion', sql`${t.conclusion} IN ('continue', 'adjust', 'stop')`),
  ],
);
