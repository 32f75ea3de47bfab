import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { implementation } from '../catalog/catalog.schema.ts';
import { appUser } from '../accounts/accounts.schema.ts';
import { department } from '../regions/regions.schema.ts';
import { mandate } from '../mandates/mandates.schema.ts';
import type { CaseStatus, MaterialMode, StepStatus } from './cases.state.ts';

/**
 * 办件: one application and everything done with it. `service_case` because CASE is an SQL keyword.
 * The statutory clock is not stored: it is computed from case_event and the calendar (clock.ts); the warning
 * columns only remember what the timer job last notified.
 */
export const serviceCase = pgTable(
  'service_case',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number'),
    implementationId: bigint('implementation_id', { mode: 'number' })
      .notNull()
      .references(() => implementation.id),
    // Version, department and region are the implementation's own, copied by the application statement from the
    // implementation row it checks (whose foreign keys they are): no foreign keys of their own, so applications of
    // one item do not all share-lock the same three rows (ADR 0008).
    implementationVersionId: bigint('implementation_version_id', { mode: 'number' }).notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    channel: text('channel').notNull(),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }).references(() => appUser.id),
    agentUserId: bigint('agent_user_id', { mode: 'number' }).references(() => appUser.id),
    /** Free text of cases from before mandates; kept for history. */
    agentAuthorisation: text('agent_authorisation'),
    /** The mandate an agent applied under. */
    mandateId: bigint('mandate_id', { mode: 'number' }).references(() => mandate.id),
    enteredByUserId: bigint('entered_by_user_id', { mode: 'number' }).references(() => appUser.id),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdType: text('applicant_id_type').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    formData: jsonb('form_data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    deemedAccepted: boolean('deemed_accepted').notNull().default(false),
    currentStepKey: text('current_step_key'),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    decidedOn: date('decided_on', { mode: 'string' }),
    deliveryMethod: text('delivery_method'),
    trackingNumber: text('tracking_number'),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    visits: integer('visits').notNull().default(0),
    notifiedWarning: text('notified_warning').notNull().default('none'),
    warningCheckedAt: timestamp('warning_checked_at', { withTimezone: true, mode: 'string' }),
    /** The bundle case (一件事) this case is a member of: a plain id of the bundles module's, no foreign key (ADR 0036). */
    bundleCaseId: bigint('bundle_case_id', { mode: 'number' }),
    bundleMemberKey: text('bundle_member_key'),
    /** A bundle member held as a draft until the members it depends on are granted (released by bundles). */
    bundleWaiting: boolean('bundle_waiting').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_case_number_idx').on(t.number),
    index('service_case_owner_idx').on(t.ownerUserId, t.id),
    index('service_case_agent_idx').on(t.agentUserId, t.id),
    index('service_case_status_idx').on(t.status, t.regionCode),
    index('service_case_department_idx').on(t.departmentId, t.status),
    index('service_case_applicant_idx').on(t.applicantIdNumber),
    // The applications of an implementation, newest first: what a rule-set version is replayed over (migration 0047).
    index('service_case_implementation_idx').on(t.implementationId, t.id.desc()),
    // 办件台账: newest submission first (migration 0027).
    index('service_case_received_idx').on(t.receivedOn.desc().nullsLast(), t.id.desc()),
    index('service_case_bundle_idx')
      .on(t.bundleCaseId)
      .where(sql`${t.bundleCaseId} IS NOT NULL`),
  ],
);

/** What was supplied for each material of the implementation: an upload, a pledge, a licence, or a gap (容缺). */
export const caseMaterial = pgTable(
  'case_material',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    materialKey: text('material_key').notNull(),
    mode: text('mode').$type<MaterialMode>().notNull(),
    fileDigest: text('file_digest'),
    fileName: text('file_name'),
    pledgeText: text('pledge_text'),
    licenseRef: text('license_ref'),
    gapDueOn: date('gap_due_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.materialKey] })],
);

/** Everything that happened to a case, in order; the clock is a pure function of these and the calendar. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    onDay: date('on_day', { mode: 'string' }).notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('case_event_case_idx').on(t.caseId, t.id)],
);

/** The implementation's handling steps for one case, run in order by the department's reviewers. */
export const caseStep = pgTable(
  'case_step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    position: integer('position').notNull(),
    stepKey: text('step_key').notNull(),
    name: text('name').notNull(),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    status: text('status').$type<StepStatus>().notNull(),
    assigneeUserId: bigint('assignee_user_id', { mode: 'number' }).references(() => appUser.id),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
    result: text('result'),
    opinion: text('opinion'),
  },
  (t) => [uniqueIndex('case_step_position_idx').on(t.caseId, t.position), index('case_step_queue_idx').on(t.departmentId, t.status)],
);

/** Daily case-number sequences per region: the number is <region 6><yyyymmdd><6-digit sequence>. */
export const caseNumberSequence = pgTable(
  'case_number_sequence',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);

/** A wrong case number or query code in the public progress look-up (cases.progress.ts): too many refuse for a while. */
export const caseLookupFailure = pgTable(
  'case_lookup_failure',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('case_lookup_failure_number_idx').on(t.number, t.at), index('case_lookup_failure_ip_idx').on(t.ip, t.at)],
);

/** 告知承诺 verification: one task per pledged material of a granted case, for its department (cases.pledges.ts). */
export const casePledgeCheck = pgTable(
  'case_pledge_check',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    materialKey: text('material_key').notNull(),
    regionCode: text('region_code').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<'open' | 'verified' | 'false'>().notNull().default('open'),
    method: text('method').$type<'data' | 'document'>(),
    note: text('note'),
    checkedByUserId: bigint('checked_by_user_id', { mode: 'number' }),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'string' }),
    revoked: jsonb('revoked').$type<string[]>().notNull().default([]),
    /** For a false pledge, the lead's decision (migration 0033): revoked, or kept (行政许可法 art. 69 ¶3); null while it waits. */
    decision: text('decision').$type<'revoked' | 'kept'>(),
    decisionReason: text('decision_reason'),
    decidedByUserId: bigint('decided_by_user_id', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_pledge_check_case_material').on(t.caseId, t.materialKey),
    index('case_pledge_check_scope').on(t.regionCode, t.departmentId, t.status, t.dueOn),
  ],
);

/**
 * 承诺不实记录: a pledge found false and confirmed by the department's lead, with who pledged it and what followed
 * (the decision revoked, or kept): the basis of the applicant's credit record (cases.pledges.ts).
 */
export const casePledgeBreach = pgTable(
  'case_pledge_breach',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    checkId: bigint('check_id', { mode: 'number' })
      .notNull()
      .references(() => casePledgeCheck.id),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => serviceCase.id),
    regionCode: text('region_code').notNull(),
    departmentId: bigint('department_id', { mode: 'number' }).notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectName: text('subject_name').notNull(),
    subjectIdType: text('subject_id_type').notNull(),
    subjectIdNumber: text('subject_id_number').notNull(),
    materialKey: text('material_key').notNull(),
    facts: text('facts').notNull(),
    consequence: text('consequence').$type<'revoked' | 'kept'>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_pledge_breach_check').on(t.checkId),
    index('case_pledge_breach_scope').on(t.regionCode, t.departmentId, t.decidedOn),
    index('case_pledge_breach_subject').on(t.subjectIdNumber),
  ],
);
