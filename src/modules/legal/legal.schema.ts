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

/**
 * A normative document (行政规范性文件): its drafting department (the scope), the status of the one state table
 * (legal.core.ts), the comment period, the review clock, the unified number, publication, filing and validity. Its
 * text lives in legal_document_version; every step in legal_document_step.
 */
export const legalDocument = pgTable(
  'legal_document',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
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
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('catalogued'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decision: text('decision'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('legal_decision_region_idx').on(t.regionCode.op('text_pattern_ops'), t.departmentId),
    index('legal_decision_year_idx').on(t.year),
    check('legal_decision_status', sql`${t.status} IN ('catalogued', 'decided')`),
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
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
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
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
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
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
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
