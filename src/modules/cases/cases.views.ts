import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { can, scopeFilter, type RoleGrant } from '../../platform/permissions.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { iso } from '../../platform/time.ts';
import type { CalendarData } from '../../platform/calendar/working-days.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseEvent, caseStep, serviceCase } from './cases.schema.ts';
import { notification } from '../../platform/db/platform.schema.ts';
import { DEPARTMENT_REVIEWERS } from '../accounts/index.ts';
import { findLicense } from '../licenses/index.ts';
import { recordedDecisionsOfCase } from '../rules/index.ts';
import { departmentScope } from '../regions/index.ts';
import { caseErrors } from './cases.errors.ts';
import { caseContent, caseEvents, caseMaterials, caseSteps, caseColumns, findCase, type CaseRow } from './cases.repository.ts';
import { actingAgent } from './cases.agent.ts';
import { computeClock, type Clock } from './clock.ts';
import { allowedActions, barredFromActiveStep, isFormerAgent } from './cases.state.ts';
import { itemTypeRules } from './item-type-rules.ts';
import { NOTICE_KINDS, noticeText } from './cases.notices.ts';
import type { CaseClock, CaseEventData, CaseListItem, CaseView, NotificationView, SupervisionView } from './cases.types.ts';
import type { FormAnswers } from '../../platform/form-schemas.ts';

export interface Viewer {
  userId: number;
  grants: RoleGrant[];
}

/**
 * Who may see a case: its applicant or its agent (while it may act for the applicant: CaseRow), the hall's clerks,
 * the department's reviewers, supervisors.
 */
export function canView(viewer: Viewer, row: CaseRow): boolean {
  if (row.ownerUserId === viewer.userId || row.agentUserId === viewer.userId || row.enteredByUserId === viewer.userId) return true;
  const scope = { regionCode: row.regionCode, departmentId: row.departmentId };
  return (
    can(viewer.grants, 'cases.accept', { regionCode: row.regionCode }) ||
    can(viewer.grants, 'cases.review', scope) ||
    can(viewer.grants, 'cases.supervise', scope)
  );
}

export function assertCanView(viewer: Viewer, row: CaseRow) {
  if (canView(viewer, row)) return;
  // The agent who filed it knows the case: it is told why, not that there is none.
  if (isFormerAgent(row, viewer.userId)) throw caseErrors.CASE_MANDATE_ENDED({ number: row.number });
  throw caseErrors.CASE_NOT_FOUND({ number: row.number });
}

/**
 * The clock of a case. A date that reaches a calendar year not loaded yet is null and listed in `undetermined`
 * (never a guess); every other date, and the warning on it, is computed.
 */
export function clockOf(
  cal: CalendarData,
  content: ImplementationContent,
  events: { type: string; onDay: string }[],
  on = today(),
  /** art. 32's deemed acceptance: 行政许可 only (item-type-rules.ts). */
  deemedAcceptance = true,
): Clock {
  return computeClock(cal, {
    deemedAcceptance,
    events,
    legalLimit: content.legalLimit,
    promisedLimit: content.promisedLimit,
    caseType: content.caseType,
    amberDays: content.amberDays,
    today: on,
  });
}

/** Why a date is not there yet, in the words the case page and the notices print. */
export function undeterminedReason(year: number) {
  return { zh: `待国务院公布${year}年节假日安排后确定`, en: `set once the State Council publishes the ${year} holidays` };
}

function publicClock(clock: Clock): CaseClock {
  return {
    acceptedOn: clock.acceptedOn,
    deadline: clock.deadline,
    legalDeadline: clock.legalDeadline,
    remainingWorkingDays: clock.remainingWorkingDays,
    warning: clock.warning,
    paused: clock.paused,
    deemedAccepted: clock.deemedAccepted,
    extended: clock.extended,
    calendarMissingYear: clock.undetermined.length ? Math.min(...clock.undetermined.map((u) => u.year)) : null,
    undetermined: clock.undetermined.map((u) => ({ ...u, reason: undeterminedReason(u.year) })),
    /** The day the clock stopped (decided, refused or withdrawn); the working days left are as of that day. */
    stoppedOn: clock.stoppedOn,
  };
}

/** An event's data as the timeline shows it: the digests a correction notice keeps for checking its answer stay inside. */
function shownData(data: unknown): CaseEventData {
  const { before: _before, ...shown } = (data ?? {}) as Record<string, unknown>;
  return shown as CaseEventData;
}

/** Whether a correction notice is open among the case's events (requested, not answered yet). */
const correctionOpen = (events: { type: string }[]) =>
  events.reduce((o, e) => (e.type === 'correction_requested' ? true : e.type === 'correction_answered' ? false : o), false);

/** What the applicant should do next, if anything. */
function nextForApplicant(row: CaseRow, events: { type: string }[], gaps: string[]) {
  const open = correctionOpen(events);
  if (row.status === 'draft') return 'submit';
  if (open) return 'answer_correction';
  if (gaps.length) return 'supply_gaps';
  if (row.status === 'decided') return 'await_delivery';
  return null;
}

/**
 * The case's ratings as given (first and follow-up, online and at the counter), each with the department's reply to
 * it when a bad rating was remedied: what the applicant sees on the case instead of a fresh form.
 */
async function caseRatings(db: Db, caseId: number) {
  const rows = await queryRows<{
    kind: string;
    assessNumber: number;
    level: string;
    channel: string | null;
    indicators: string[];
    comment: string;
    anonymous: boolean;
    isDefault: boolean;
    at: string;
    reply: string | null;
    repliedAt: string | null;
  }>(
    db,
    sql`SELECT r.kind, r.assess_number AS "assessNumber", r.level, r.channel, r.indicators, r.comment, r.anonymous, r.is_default AS "isDefault",
               r.created_at::text AS at, r.reply, r.replied_at::text AS "repliedAt"
        FROM pub_ratings_case_rating r WHERE r.case_id = ${caseId} ORDER BY r.id`,
  );
  return rows.map((r) => ({ ...r, assessNumber: Number(r.assessNumber), at: iso(r.at), repliedAt: iso(r.repliedAt) }));
}

/**
 * The licence the case yielded, with its verification code only for whom the licences module shows it too: the
 * holder's own account and the issuing department's officers (an agent or a supervisor gets the bare identifier).
 */
async function issuedLicense(db: Db, row: CaseRow, events: { type: string; data: unknown }[], viewer: Viewer) {
  const issued = [...events].reverse().find((e) => e.type === 'license_issued');
  const identifier = (issued?.data as { identifier?: string } | undefined)?.identifier;
  if (!identifier) return null;
  const l = await findLicense(db, identifier);
  if (!l) return { identifier, verifyCode: null };
  const mayKnow = row.ownerUserId === viewer.userId || can(viewer.grants, 'licenses.issue', await departmentScope(db, l.issuerDepartmentId));
  return { identifier, verifyCode: mayKnow ? l.verifyCode : null };
}

export async function caseDetail(db: Db, number: string, viewer: Viewer): Promise<CaseView> {
  const row = await findCase(db, number);
  if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
  assertCanView(viewer, row);
  const [content, events, materials, steps, impl] = await Promise.all([
    caseContent(db, row),
    caseEvents(db, row.id),
    caseMaterials(db, row.id),
    caseSteps(db, row.id),
    queryRows<{ code: string; item_type: string; department: string; region: string; version_number: number }>(
      db,
      sql`SELECT i.code, i.item_type, d.name AS department, r.name AS region, v.number AS version_number FROM pub_catalog_implementation i JOIN pub_regions_department d ON d.id = i.department_id JOIN pub_regions_region r ON r.code = i.region_code JOIN pub_catalog_implementation_version v ON v.id = ${row.implementationVersionId} WHERE i.id = ${row.implementationId}`,
    ),
  ]);
  const rules = itemTypeRules(impl[0].item_type);
  const clock = clockOf(await loadCalendar(db), content, events, today(), rules.deemedAcceptance);
  const stepRows = steps.map((s) => ({ ...s, assigneeUserId: s.assigneeUserId === null ? null : Number(s.assigneeUserId) }));
  const barredFromStep = barredFromActiveStep(stepRows, content.steps).has(viewer.userId);
  const actionFacts = { correctionOpen: correctionOpen(events) };
  const allowed = allowedActions(row, viewer, { ...actionFacts, barredFromStep });
  // What separation of duties took away, and why: the web says so instead of showing nothing.
  const separation = caseErrors.CASE_SEPARATION_OF_DUTIES().toJSON();
  const blockedActions = allowedActions(row, viewer, actionFacts)
    .filter((a) => !allowed.includes(a))
    .map((action) => ({ action, code: separation.code, message: separation.message }));
  const supplied = new Map(materials.map((m) => [m.materialKey, m]));
  const gaps = materials.filter((m) => m.mode === 'gap').map((m) => m.materialKey);
  const isApplicant = row.ownerUserId === viewer.userId || row.agentUserId === viewer.userId;
  // The digests of the materials an open correction notice names, as they stood at the notice (cases.corrections.ts).
  const openNotice = correctionOpen(events) ? events.filter((e) => e.type === 'correction_requested').at(-1) : undefined;
  const notice = (openNotice?.data as { before?: Record<string, string | null> } | undefined)?.before ?? null;
  const view = {
    number: row.number!,
    status: row.status,
    channel: row.channel,
    implementation: {
      code: impl[0].code,
      name: content.name,
      department: impl[0].department,
      region: impl[0].region,
      versionNumber: Number(impl[0].version_number),
      caseType: content.caseType,
      itemType: impl[0].item_type,
      legalBasis: content.legalBasis,
    },
    itemRules: { family: rules.family, deemedAcceptance: rules.deemedAcceptance, outcome: rules.outcome },
    applicant: {
      kind: row.applicantKind,
      name: row.applicantName,
      idNumberMasked: maskIdNumber(row.applicantIdNumber),
      contactPhoneMasked: maskPhone(row.contactPhone),
    },
    formData: isApplicant || row.status !== 'draft' ? (row.formData as FormAnswers) : {},
    form: content.form,
    materials: content.materials.map((m) => {
      const s = supplied.get(m.key);
      return {
        key: m.key,
        name: m.name,
        required: m.required,
        pledgeAllowed: m.pledgeAllowed,
        source: m.source,
        licenseTypeCode: m.licenseTypeCode,
        mode: s?.mode ?? null,
        fileName: s?.fileName ?? null,
        hasFile: Boolean(s?.fileDigest),
        replacedSinceCorrection:
          notice !== null && m.key in notice && (s?.fileDigest ?? s?.licenseRef ?? null) !== (notice[m.key] ?? null) && Boolean(s?.fileDigest ?? s?.licenseRef),
        pledgeText: s?.pledgeText ?? null,
        licenseIdentifier: s?.licenseRef ?? null,
        gapDueOn: s?.gapDueOn ?? null,
      };
    }),
    steps: steps.map((s) => ({
      key: s.stepKey,
      name: s.name,
      status: s.status,
      assigneeUserId: s.assigneeUserId,
      result: s.result,
      opinion: s.opinion,
      startedAt: iso(s.startedAt),
      completedAt: iso(s.completedAt),
    })),
    timeline: events.map((e) => ({ type: e.type, at: iso(e.at), onDay: e.onDay, actor: e.actorName, data: shownData(e.data) })),
    license: await issuedLicense(db, row, events, viewer),
    clock: publicClock(clock),
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    receivedOn: row.receivedOn,
    decidedOn: row.decidedOn,
    delivery: row.deliveryMethod ? { method: row.deliveryMethod, trackingNumber: row.trackingNumber, deliveredOn: row.deliveredOn } : null,
    visits: row.visits,
    next: isApplicant ? nextForApplicant(row, events, gaps) : null,
    allowedActions: allowed,
    blockedActions,
    ratings: await caseRatings(db, row.id),
    ruleDecisions: await recordedDecisionsOfCase(db, row.id),
    version: row.version,
  };
  // The notices the case has reached, titled for its item type (不予行政许可决定书 only for 行政许可).
  const notices = NOTICE_KINDS.flatMap((kind) => {
    const n = noticeText(kind, view);
    return n ? [{ kind, title: n.title }] : [];
  });
  return { ...view, notices };
}

const WARNING_ORDER = { red: 0, amber: 1, none: 2 } as const;

/** Rows with their clocks, most urgent first (red, amber, then by deadline). */
async function withClocks(
  db: Db,
  rows: (CaseRow & { implementationName: string; itemType: string; department: string; currentStep: string | null; assigneeUserId: number | null })[],
): Promise<CaseListItem[]> {
  if (rows.length === 0) return [];
  const cal = await loadCalendar(db);
  const ids = rows.map((r) => r.id);
  const events = await db
    .select({ caseId: caseEvent.caseId, type: caseEvent.type, onDay: caseEvent.onDay })
    .from(caseEvent)
    .where(inArray(caseEvent.caseId, ids))
    .orderBy(caseEvent.id);
  const contents = new Map<number, ImplementationContent>();
  for (const r of rows) if (!contents.has(r.implementationVersionId)) contents.set(r.implementationVersionId, await caseContent(db, r));
  const items = rows.map((r) => ({
    number: r.number!,
    status: r.status,
    implementationName: r.implementationName,
    department: r.department,
    applicantName: r.applicantName,
    applicantIdNumberMasked: maskIdNumber(r.applicantIdNumber),
    receivedOn: r.receivedOn,
    currentStep: r.currentStep,
    assigneeUserId: r.assigneeUserId,
    clock: publicClock(
      clockOf(
        cal,
        contents.get(r.implementationVersionId)!,
        events.filter((e) => e.caseId === r.id),
        today(),
        itemTypeRules(r.itemType).deemedAcceptance,
      ),
    ),
    version: r.version,
  }));
  return items.sort(
    (a, b) =>
      WARNING_ORDER[a.clock.warning] - WARNING_ORDER[b.clock.warning] ||
      String(a.clock.deadline ?? '9').localeCompare(String(b.clock.deadline ?? '9')) ||
      a.number.localeCompare(b.number),
  );
}

async function listRows(db: Db, where: SQL, limit = 200) {
  const rows = await db
    .select({
      c: caseColumns(),
      implementationName: sql<string>`(SELECT v.content->>'name' FROM pub_catalog_implementation_version v WHERE v.id = "service_case"."implementation_version_id")`,
      itemType: sql<string>`(SELECT i.item_type FROM pub_catalog_implementation i WHERE i.id = "service_case"."implementation_id")`,
      department: sql<string>`(SELECT d.name FROM pub_regions_department d WHERE d.id = "service_case"."department_id")`,
      // Qualified by hand: inside the subquery a bare "id" would be the step's own.
      currentStep: sql<string | null>`(SELECT s.name FROM case_step s WHERE s.case_id = "service_case"."id" AND s.status = 'active')`,
      assigneeUserId: sql<number | null>`(SELECT s.assignee_user_id FROM case_step s WHERE s.case_id = "service_case"."id" AND s.status = 'active')`,
    })
    .from(serviceCase)
    .where(where)
    .orderBy(desc(serviceCase.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.c,
    implementationName: r.implementationName,
    itemType: r.itemType ?? '',
    department: r.department,
    currentStep: r.currentStep,
    assigneeUserId: r.assigneeUserId === null ? null : Number(r.assigneeUserId),
  }));
}

/** The applicant's own cases (and those they act for as agent, while they may: cases.agent.ts). */
export async function myCases(db: Db, userId: number) {
  const asAgent = and(eq(serviceCase.agentUserId, userId), sql`${actingAgent('"service_case"', today())} IS NOT NULL`);
  return withClocks(db, await listRows(db, or(eq(serviceCase.ownerUserId, userId), asAgent)!));
}

export type QueueKind = 'acceptance' | 'review' | 'delivery';

/**
 * Workbench queues: the general window's acceptance and delivery queues for a region, a department's review queue
 * (optionally only the step names given, or only mine). Searchable by case number or the applicant's name or full
 * ID number.
 */
export async function queue(db: Db, kind: QueueKind, grants: readonly RoleGrant[], scope: { step?: string; mine?: number; q?: string }) {
  // The window's queues hold every department's cases of the clerk's region (cases.accept is REGION_WIDE).
  const filter = scopeFilter(grants, kind === 'review' ? 'cases.review' : 'cases.accept');
  const where: SQL[] = [scopeSql(filter, sql`${serviceCase.regionCode}`, sql`${serviceCase.departmentId}`)];
  if (kind === 'acceptance') where.push(inArray(serviceCase.status, ['submitted', 'correction_requested']));
  if (kind === 'delivery') where.push(eq(serviceCase.status, 'decided'));
  if (kind === 'review') where.push(eq(serviceCase.status, 'in_review'));
  if (scope.step) where.push(sql`EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = "service_case"."id" AND s.status = 'active' AND s.name = ${scope.step})`);
  if (scope.mine)
    where.push(sql`EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = "service_case"."id" AND s.status = 'active' AND s.assignee_user_id = ${scope.mine})`);
  if (scope.q)
    where.push(or(eq(serviceCase.number, scope.q), eq(serviceCase.applicantName, scope.q), eq(serviceCase.applicantIdNumber, scope.q.toUpperCase()))!);
  return withClocks(db, await listRows(db, and(...where)!));
}

/**
 * Supervision: open cases with amber or red warnings (in review, or awaiting an acceptance that art. 32 may already
 * have made), counted per department, with the cases themselves.
 */
export async function supervision(db: Db, grants: readonly RoleGrant[]): Promise<SupervisionView> {
  const inside = scopeSql(scopeFilter(grants, 'cases.supervise'), sql`${serviceCase.regionCode}`, sql`${serviceCase.departmentId}`);
  const where: SQL[] = [inArray(serviceCase.status, ['in_review', 'submitted', 'correction_requested']), inside];
  const items = await withClocks(db, await listRows(db, and(...where)!, 1000));
  const warned = items.filter((i) => i.clock.warning !== 'none');
  const perDepartment = new Map<string, { department: string; amber: number; red: number; inReview: number; awaitingAcceptance: number }>();
  for (const i of items) {
    const d = perDepartment.get(i.department) ?? { department: i.department, amber: 0, red: 0, inReview: 0, awaitingAcceptance: 0 };
    if (i.status === 'in_review') d.inReview++;
    else d.awaitingAcceptance++;
    if (i.clock.warning === 'amber') d.amber++;
    if (i.clock.warning === 'red') d.red++;
    perDepartment.set(i.department, d);
  }
  return { departments: [...perDepartment.values()].sort((a, b) => b.red - a.red || b.amber - a.amber), cases: warned };
}

export async function myNotifications(db: Db, userId: number): Promise<NotificationView[]> {
  const rows = await db
    .select({ n: notification, caseNumber: serviceCase.number })
    .from(notification)
    .leftJoin(serviceCase, eq(serviceCase.id, notification.caseId))
    .where(eq(notification.userId, userId))
    .orderBy(desc(notification.id))
    .limit(100);
  return rows.map(({ n, caseNumber }) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    caseId: n.caseId,
    caseNumber,
    createdAt: iso(n.createdAt),
    readAt: iso(n.readAt),
  }));
}

/** Marks one's own notification read; another user's is not found (and stays unread). */
export async function markNotificationRead(db: Db, userId: number, id: number) {
  const done = await db
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(and(eq(notification.id, id), eq(notification.userId, userId)))
    .returning({ id: notification.id });
  if (done.length === 0) throw caseErrors.NOTIFICATION_NOT_FOUND({ id });
}

/** Active steps the reviewer may claim in bulk: only of cases inside its scope (the others are as if unknown). */
export async function activeSteps(db: Db, numbers: string[], grants: readonly RoleGrant[]) {
  const inside = scopeSql(scopeFilter(grants, 'cases.review'), sql`${serviceCase.regionCode}`, sql`${serviceCase.departmentId}`);
  return db
    .select({ number: serviceCase.number, version: serviceCase.version, assigneeUserId: caseStep.assigneeUserId })
    .from(caseStep)
    .innerJoin(serviceCase, eq(serviceCase.id, caseStep.caseId))
    .where(and(inArray(serviceCase.number, numbers.length ? numbers : ['-']), eq(caseStep.status, 'active'), inside));
}

/** The reviewers of the case's department a claimed step can be handed to (active accounts, the asker left out). */
export async function colleagues(db: Db, number: string, viewerId: number) {
  const rows = await queryRows<{ id: number; displayName: string }>(
    db,
    sql`SELECT id, "displayName" FROM (${sql.raw(DEPARTMENT_REVIEWERS)} (SELECT department_id FROM service_case WHERE number = ${number})) r
        WHERE id <> ${viewerId} ORDER BY "displayName"`,
  );
  return rows.map((r) => ({ id: Number(r.id), displayName: r.displayName }));
}
