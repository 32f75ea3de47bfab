import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, type Db } from '../../platform/db/db.ts';
import { auditInsertSql, auditRow, writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { TIME_ZONE, today } from '../../platform/clock.ts';
import { CALENDAR_REVISION_SQL, cachedCalendar, loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { addWorkingDays, type CalendarData } from '../../platform/calendar/working-days.ts';
import { AppError } from '../../platform/errors.ts';
import { batchRow, batched } from '../../platform/batch.ts';
import { can, type RoleGrant, type Role, type Scope, type ScopeFilter } from '../../platform/permissions.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { iso } from '../../platform/time.ts';
import { maskText } from '../../platform/mask.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { DEPARTMENT_REVIEWERS } from '../accounts/index.ts';
import { actingAgentSql, CLOSED_STATUSES_SQL } from '../cases/index.ts';
import { rating, ratingAppeal, remedy } from './ratings.schema.ts';
import { ratingErrors } from './ratings.errors.ts';
import { notify } from '../../platform/notify.ts';
import { outboxInsertSql, publish } from '../../platform/outbox.ts';
import { remedyOpened } from './ratings.events.ts';
import { CHANNELS, INDICATORS, ONSITE_CHANNELS, isBad, sanitiseComment, type Level } from './ratings.codes.ts';
import {
  appealActions,
  appealRefusal,
  remedyActions,
  remedyRefusal,
  isOwnActRated,
  RATED_ACTS,
  type AppealStatus,
  type FollowUpAnswer,
  type RemedyClassification,
  type RemedyStatus,
} from './ratings.state.ts';

export interface Rater {
  ctx: RequestContext;
  userId: number;
  grants: RoleGrant[];
}

export interface RateInput {
  level: string;
  channel: string;
  indicators: string[];
  comment?: string;
  anonymous?: boolean;
  followUp?: boolean;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

async function departmentReviewers(tx: Db, departmentId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(tx, sql`${sql.raw(DEPARTMENT_REVIEWERS)} ${departmentId}`);
  return rows.map((r) => Number(r.id));
}

/** In-app notices through the platform's service (platform/notify.ts). */
async function notifyUsers(tx: Db, userIds: number[], caseId: number | null, kind: string, title: string, body: string) {
  await notify(tx, { userIds, caseId, kind, title, body });
}

/** One rating request, as the statement reads it (batch_items and jsonb_to_record; `i`, its place in the batch, is added there). */
const RATE_ITEM = batchRow({
  number: 'text',
  user_id: 'bigint',
  kind: 'text',
  n: 'int',
  level: 'text',
  channel: 'text',
  indicators: 'text[]',
  comment: 'text',
  anonymous: 'boolean',
  counter_regions: 'text[] null',
  month: 'date',
  /** Today: whether the case's agent may still act for its principal (cases' actingAgentSql). */
  day: 'date',
  opens_remedy: 'boolean',
  due_on: 'date null',
  cal_key: 'text',
  notice: 'text',
  audit: 'jsonb',
});
type RateItem = typeof RATE_ITEM.type;

interface RateOutcome {
  refusal: string | null;
  status: string | null;
  id: number | null;
  remedyId: number | null;
}

/**
 * How long after a clerk's last act at the window on a case (accepting, delivering or filing it) the hall tablet
 * may take the counter rating (一次一评 rates the service just given): long enough to hand the tablet over, short
 * enough that a clerk cannot post a counter rating of a case later, at will. Measured on the database's clock.
 */
export const COUNTER_WINDOW_MINUTES = 30;

/**
 * Ratings in one statement, for any number of raters at once (group commit, platform/batch.ts). The rules are here,
 * in one place: each request gets the first refusal that applies (unknown case; an online rating by anyone but the
 * case's applicant, or a counter rating by anyone but a clerk whose scope covers the case's region and who served it
 * at the window; a counter rating more than COUNTER_WINDOW_MINUTES after that clerk's last act at the window; an
 * online rating before the case closes; a rating of that kind and number given already, also twice in one batch; a
 * follow-up without a first rating; a remedy deadline counted on an older calendar), or none, and then is stored
 * with, for a bad first rating, its remedy and its event (ratings.remedy-opened: the reviewers are told after the
 * commit), and its audit entry. The unique (case, kind, assess number) index decides between two ratings given at
 * once from different batches.
 */
export const RATE = `
  WITH q AS (
    SELECT q.* FROM batch_items($1::jsonb) b, jsonb_to_record(b) AS ${RATE_ITEM.record('q', true)}
  ), f AS (
    SELECT q.*, c.id AS case_id, c.status, c.department_id, c.implementation_id, c.region_code,
           coalesce(c.owner_user_id IS NOT NULL AND (c.owner_user_id = q.user_id OR ${actingAgentSql('c', 'q.day')} = q.user_id), false) AS applicant,
           (q.counter_regions IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(q.counter_regions) p WHERE p = '' OR starts_with(c.region_code, p))) AS counter_scope,
           CASE WHEN q.kind = 'onsite' THEN (SELECT max(e.at) FROM pub_cases_event e WHERE e.case_id = c.id AND e.type IN ('accepted', 'delivered', 'created')
              AND e.actor_user_id = q.user_id) END AS served_at,
           ARRAY(SELECT r.assess_number FROM rating r WHERE r.case_id = c.id AND r.kind = q.kind) AS given,
           row_number() OVER (PARTITION BY c.id, q.kind, q.n ORDER BY q.i) AS twice
    FROM q LEFT JOIN pub_cases_case c ON c.number = q.number
  ), d AS (
    SELECT f.*, CASE
      WHEN f.case_id IS NULL THEN 'RATING_NOT_FOUND'
      WHEN f.kind = 'online' AND NOT f.applicant THEN 'RATING_NOT_ALLOWED'
      WHEN f.kind = 'onsite' AND NOT (f.counter_scope AND f.served_at IS NOT NULL) THEN 'RATING_NOT_ALLOWED'
      WHEN f.kind = 'onsite' AND f.served_at < now() - interval '${COUNTER_WINDOW_MINUTES} minutes' THEN 'RATING_COUNTER_CLOSED'
      WHEN f.status = 'draft' OR (f.kind = 'online' AND f.status NOT IN (${CLOSED_STATUSES_SQL})) THEN 'RATING_CASE_NOT_CLOSED'
      WHEN f.n = ANY(f.given) OR f.twice > 1 THEN 'RATING_ALREADY_GIVEN'
      WHEN f.n = 2 AND NOT (1 = ANY(f.given)) THEN 'RATING_FIRST_MISSING'
      WHEN f.opens_remedy AND f.cal_key <> ${CALENDAR_REVISION_SQL} THEN 'CALENDAR_STALE'
    END AS refusal
    FROM f
  ), r AS (
    INSERT INTO rating (case_id, kind, assess_number, level, channel, indicators, comment, anonymous, rater_user_id, counter_clerk_user_id,
      department_id, implementation_id, region_code, clerk_user_id, month)
    SELECT d.case_id, d.kind, d.n, d.level, d.channel, d.indicators, d.comment, d.anonymous, CASE WHEN d.kind = 'online' THEN d.user_id END,
           CASE WHEN d.kind = 'onsite' THEN d.user_id END, d.department_id, d.implementation_id, d.region_code,
           (SELECT e.actor_user_id FROM pub_cases_event e WHERE e.case_id = d.case_id AND e.type = 'accepted' ORDER BY e.id LIMIT 1), d.month
    FROM d WHERE d.refusal IS NULL ORDER BY d.i
    ON CONFLICT (case_id, kind, assess_number) DO NOTHING RETURNING id, case_id, kind, assess_number
  ), rd AS (
    SELECT r.id, d.* FROM r JOIN d ON d.case_id = r.case_id AND d.kind = r.kind AND d.n = r.assess_number AND d.refusal IS NULL
  ), m AS (
    INSERT INTO remedy (rating_id, department_id, status, due_on) SELECT rd.id, rd.department_id, 'open', rd.due_on FROM rd WHERE rd.opens_remedy
    RETURNING id, rating_id
  ), note AS (${outboxInsertSql(remedyOpened, "jsonb_build_object('remedyId', m.id, 'caseId', rd.case_id, 'departmentId', rd.department_id, 'notice', rd.notice)", 'm JOIN rd ON rd.id = m.rating_id')}
  ), au AS (${auditInsertSql('rd.audit', 'rd')})
  SELECT d.refusal, d.status, r.id::int AS id, m.id::int AS "remedyId"
  FROM d LEFT JOIN r ON r.case_id = d.case_id AND r.kind = d.kind AND r.assess_number = d.n AND d.refusal IS NULL
         LEFT JOIN m ON m.rating_id = r.id
  ORDER BY d.i`;

/** The rating statement of a database, behind a group commit: one row per item, in the items' order (ORDER BY d.i). */
const rateInBatches = perDatabase((db) =>
  batched((items: RateItem[]) => rawQuery<RateOutcome>(db, 'ratings.rate', RATE, [JSON.stringify(items.map((item, i) => ({ ...item, i })))])),
);

/**
 * A rating of a case. Online (一事一评) after the case closes, by its applicant; at the counter (一次一评, channels 4
 * and 5) right after service, on the hall's tablet signed in as the clerk who served it, who is recorded with the
 * rating (counter_clerk_user_id) and in its audit entry. A bad rating opens a remedy for the department that handled
 * the case (谁办理、谁负责), due in working days. The input is checked here; who may rate and when is decided by
 * the statement that stores the rating, together with the ratings other raters give at the same moment.
 */
export async function rateCase(db: Db, rater: Rater, number: string, input: RateInput, opts: { remedyDays: number }) {
  const level = input.level as Level;
  if (!['1', '2', '3', '4', '5'].includes(level)) throw ratingErrors.RATING_LEVEL_UNKNOWN({ level });
  if (!CHANNELS.some((c) => c.code === input.channel)) throw ratingErrors.RATING_CHANNEL_UNKNOWN({ channel: input.channel });
  const onsite = ONSITE_CHANNELS.has(input.channel);
  const allowed = new Set<string>((onsite ? INDICATORS.onsite : INDICATORS.online).map((i) => i.code));
  const bad = input.indicators.find((i) => !allowed.has(i));
  if (bad) throw ratingErrors.RATING_INDICATOR_UNKNOWN({ indicator: bad });
  // 非常不满意 says what went wrong: at least one indicator, so the remedy knows what to fix.
  if (level === '5' && input.indicators.length === 0) throw ratingErrors.RATING_INDICATOR_REQUIRED();
  const assessNumber = input.followUp ? 2 : 1;
  const opensRemedy = isBad(level) && assessNumber === 1;
  // The counter tablet belongs to the window that served the case: a clerk (cases.accept) of its region.
  const counterRegions = onsite ? rater.grants.filter((g) => can([g], 'cases.accept')).map((g) => (g.regionCode ? regionPrefix(g.regionCode) : '')) : null;
  const day = today();
  for (let attempt = 0; ; attempt++) {
    if (opensRemedy && !cachedCalendar()) await loadCalendar(db);
    const calendar = opensRemedy ? cachedCalendar() : undefined;
    const dueOn = calendar ? remedyDueOn(calendar.data, day, opts.remedyDays) : null;
    const change = { level, channel: input.channel, assessNumber, opensRemedy, ...(onsite ? { counterClerkUserId: rater.userId } : {}) };
    const audit = auditRow(rater.ctx, { action: 'rating.create', targetType: 'case', targetId: number, change });
    const outcome = await rateInBatches(db)({
      number,
      user_id: rater.userId,
      kind: onsite ? 'onsite' : 'online',
      n: assessNumber,
      level,
      channel: input.channel,
      indicators: input.indicators,
      comment: sanitiseComment(input.comment ?? ''),
      anonymous: input.anonymous ?? false,
      counter_regions: counterRegions,
      month: monthOf(day),
      day,
      opens_remedy: opensRemedy,
      due_on: dueOn,
      cal_key: calendar?.key ?? '',
      notice: remedyNotice(number, dueOn),
      audit: [audit],
    });
    switch (outcome.refusal) {
      case null:
        if (outcome.id === null) throw ratingErrors.RATING_ALREADY_GIVEN({ assessNumber });
        return { id: outcome.id, assessNumber, level, remedyId: outcome.remedyId };
      case 'RATING_NOT_FOUND':
        throw ratingErrors.RATING_NOT_FOUND({ number });
      case 'RATING_NOT_ALLOWED':
        throw ratingErrors.RATING_NOT_ALLOWED();
      case 'RATING_COUNTER_CLOSED':
        throw ratingErrors.RATING_COUNTER_CLOSED({ minutes: COUNTER_WINDOW_MINUTES });
      case 'RATING_CASE_NOT_CLOSED':
        throw ratingErrors.RATING_CASE_NOT_CLOSED({ status: outcome.status });
      case 'RATING_ALREADY_GIVEN':
        throw ratingErrors.RATING_ALREADY_GIVEN({ assessNumber });
      case 'RATING_FIRST_MISSING':
        throw ratingErrors.RATING_FIRST_MISSING();
      case 'CALENDAR_STALE':
        // The calendar changed since this process loaded it: load it again and count the deadline anew.
        if (attempt > 2) throw new Error('rateCase: the calendar keeps changing');
        await loadCalendar(db);
        continue;
      default:
        throw new Error(`rateCase: unexpected refusal ${outcome.refusal}`);
    }
  }
}

/**
 * A remedy's deadline in working days, or null when it falls in a year whose calendar is not loaded yet: the rating
 * and its remedy are kept, and the hourly job sets the deadline once the year is loaded (fillRemedyDeadlines).
 */
export function remedyDueOn(cal: CalendarData, from: string, days: number): string | null {
  try {
    return addWorkingDays(cal, from, days);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CALENDAR_YEAR_MISSING') return null;
    throw e;
  }
}

export const remedyNotice = (caseNumber: string, dueOn: string | null) =>
  dueOn
    ? `办件 ${caseNumber} 收到差评，请于 ${dueOn} 前整改并答复。`
    : `办件 ${caseNumber} 收到差评，请尽快整改并答复（整改期限待下一年度工作日历载入后确定）。`;

/** A bad first rating opens a remedy for the department, due in working days; its reviewers are told. */
export async function openRemedy(tx: Db, ratingId: number, departmentId: number, caseNumber: string, caseId: number, remedyDays: number): Promise<number> {
  const dueOn = remedyDueOn(await loadCalendar(tx), today(), remedyDays);
  const [m] = await tx.insert(remedy).values({ ratingId, departmentId, status: 'open', dueOn }).returning({ id: remedy.id });
  await publish(tx, remedyOpened, { remedyId: Number(m.id), caseId, departmentId, notice: remedyNotice(caseNumber, dueOn) });
  return m.id;
}

/** Sets the deadlines left open for want of a calendar year, counted from the day of the rating. Hourly job. */
export async function fillRemedyDeadlines(db: Db, ctx: RequestContext, remedyDays: number): Promise<number> {
  return db.transaction(async (tx) => {
    const cal = await loadCalendar(tx);
    const rows = await queryRows<{ id: number; rated_on: string }>(
      tx,
      sql`SELECT m.id, (r.created_at AT TIME ZONE ${TIME_ZONE})::date::text AS rated_on FROM remedy m JOIN rating r ON r.id = m.rating_id
          WHERE m.due_on IS NULL ORDER BY m.id LIMIT 1000 FOR UPDATE OF m SKIP LOCKED`,
    );
    let filled = 0;
    for (const row of rows) {
      const dueOn = remedyDueOn(cal, row.rated_on, remedyDays);
      if (!dueOn) continue;
      await tx
        .update(remedy)
        .set({ dueOn, version: sql`${remedy.version} + 1` })
        .where(eq(remedy.id, Number(row.id)));
      await writeAudit(tx, ctx, { action: 'remedy.deadline', targetType: 'remedy', targetId: Number(row.id), change: { dueOn } });
      filled++;
    }
    return filled;
  });
}

/** Unrated closed cases receive the configured default after the configured natural days, marked as default. */
export async function defaultRatingsSweep(db: Db, ctx: RequestContext, opts: { days: number; level: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const cutoff = new Date(Date.parse(`${today()}T00:00:00Z`) - opts.days * 86_400_000).toISOString().slice(0, 10);
    const rows = await queryRows<{ id: number; number: string; department_id: number; implementation_id: number; region_code: string; closed_on: string }>(
      tx,
      sql`SELECT c.id, c.number, c.department_id, c.implementation_id, c.region_code, COALESCE(c.delivered_on, c.decided_on) AS closed_on
          FROM pub_cases_case c
          WHERE c.status IN ('delivered', 'refused') AND COALESCE(c.delivered_on, c.decided_on) <= ${cutoff}
            AND NOT EXISTS (SELECT 1 FROM rating r WHERE r.case_id = c.id AND r.kind = 'online' AND r.assess_number = 1)
          ORDER BY c.id LIMIT 1000 FOR UPDATE OF c SKIP LOCKED`,
    );
    for (const c of rows) {
      await tx.insert(rating).values({
        caseId: Number(c.id),
        assessNumber: 1,
        level: opts.level,
        channel: null,
        indicators: [],
        comment: '',
        isDefault: true,
        departmentId: Number(c.department_id),
        implementationId: Number(c.implementation_id),
        regionCode: c.region_code,
        month: monthOf(today()),
      });
      await writeAudit(tx, ctx, { action: 'rating.default', targetType: 'case', targetId: c.number, change: { level: opts.level, closedOn: c.closed_on } });
    }
    return rows.length;
  });
}

// ── Remedies ─────────────────────────────────────────────────────────────────────────────────────────────

/** A remedy's own fields, as every reply about it carries them. */
function shapeRemedy(m: typeof remedy.$inferSelect) {
  return {
    id: m.id,
    status: m.status as RemedyStatus,
    classification: m.classification as RemedyClassification | null,
    dueOn: m.dueOn,
    reply: m.reply,
    repliedAt: iso(m.repliedAt),
    followUpNote: m.followUpNote,
    followUpAnswer: m.followUpAnswer as FollowUpAnswer | null,
    followedUpAt: iso(m.followedUpAt),
    closedAt: iso(m.closedAt),
    escalated: m.escalated,
    version: m.version,
  };
}

/** A remedy after an act on it (actOnRemedy). */
const shapeRemedyRecord = (m: typeof remedy.$inferSelect) => ({
  ...shapeRemedy(m),
  ratingId: m.ratingId,
  departmentId: m.departmentId,
  createdAt: iso(m.createdAt),
});

// ── Scope ────────────────────────────────────────────────────────────────────────────────────────────────
// A rating, its remedy and its appeal are scoped like the rated case: its region and its department (the remedy's
// department is the case's). Lists filter with scopeSql over the case's columns; one record is checked with
// can(grants, permission, scope) (contextOf in the routes) on the scope read here.

/** The SQL condition "case `caseId` lies in one of `filters`" (a holder of any of their permissions). */
function caseInScope(caseId: unknown, filters: ScopeFilter[]) {
  if (filters.length === 0) return sql`false`;
  const any = sql.join(
    filters.map((f) => scopeSql(f, sql`c.region_code`, sql`c.department_id`)),
    sql` OR `,
  );
  return sql`EXISTS (SELECT 1 FROM pub_cases_case c WHERE c.id = ${caseId} AND (${any}))`;
}

async function scopeOfRating(db: Db, ratingId: number): Promise<Scope> {
  const [row] = await queryRows<{ region_code: string; department_id: number }>(
    db,
    sql`SELECT c.region_code, c.department_id FROM rating r JOIN pub_cases_case c ON c.id = r.case_id WHERE r.id = ${ratingId}`,
  );
  return { regionCode: row.region_code, departmentId: Number(row.department_id) };
}

/** The scope of a remedy (REMEDY_NOT_FOUND if there is none). */
export async function remedyScope(db: Db, id: number): Promise<Scope> {
  return scopeOfRating(db, (await getRemedy(db, id)).ratingId);
}

/** The scope of an appeal (APPEAL_NOT_FOUND if there is none). */
export async function appealScope(db: Db, id: number): Promise<Scope> {
  const [a] = await db.select({ ratingId: ratingAppeal.ratingId }).from(ratingAppeal).where(eq(ratingAppeal.id, id));
  if (!a) throw ratingErrors.APPEAL_NOT_FOUND({ id });
  return scopeOfRating(db, a.ratingId);
}

/**
 * Remedies in `scopes` (a reviewer's department, a supervisor's region: the scope filters of the reader's
 * ratings.remedy and ratings.supervise) with what the follow-up call needs: the case and its item, the rating
 * (channel, indicators, comment with ID numbers and phones masked) and who gave it — nobody's name when it was
 * anonymous: the rater's account, else the case's contact (a rating at the counter has no account; the clerk whose
 * tablet took it is named apart). Each says what the reader may do next on it (ratings.state.ts).
 */
/** The staff whose acts a rating rates (ratings.state.ts RATED_ACTS), as an SQL array of user ids. */
const ratedStaffSql = (caseId: unknown, counterClerkUserId: unknown) =>
  sql<number[]>`(SELECT coalesce(array_agg(DISTINCT u)::int[], '{}') FROM (
      SELECT e.actor_user_id AS u FROM pub_cases_event e WHERE e.case_id = ${caseId} AND e.type IN (${sql.join(
        RATED_ACTS.map((a) => sql`${a}`),
        sql`, `,
      )}) AND e.actor_user_id IS NOT NULL
      UNION SELECT ${counterClerkUserId}) x WHERE u IS NOT NULL)`;

/** Refuses `ctx`'s actor a remedy of a rating of their own act. */
async function assertNotOwnAct(tx: Db, ctx: RequestContext, ratingId: number) {
  const [r] = await queryRows<{ staff: number[] }>(
    tx,
    sql`SELECT ${ratedStaffSql(sql`r.case_id`, sql`r.counter_clerk_user_id`)} AS staff FROM rating r WHERE r.id = ${ratingId}`,
  );
  if (isOwnActRated((r?.staff ?? []).map(Number), ctx.actor.id)) throw ratingErrors.REMEDY_OWN_ACT();
}

export async function listRemedies(db: Db, filter: { scopes: ScopeFilter[]; status?: string; grants: readonly RoleGrant[]; userId?: number }) {
  const rows = await db
    .select({
      m: remedy,
      // The case, read once per remedy: its number, the item's name as applied for, and whom to call.
      kase: sql<{ number: string; itemName: string; contact: string; regionCode: string; departmentId: number }>`(SELECT json_build_object('number', c.number,
        'itemName', v.content->>'name', 'contact', coalesce(nullif(c.contact_name, ''), c.applicant_name), 'regionCode', c.region_code,
        'departmentId', c.department_id)
        FROM pub_cases_case c JOIN pub_catalog_implementation_version v ON v.id = c.implementation_version_id WHERE c.id = ${rating.caseId})`,
      account: sql<string | null>`(SELECT display_name FROM pub_accounts_user WHERE id = ${rating.raterUserId})`,
      counterClerkName: sql<string | null>`(SELECT display_name FROM pub_accounts_user WHERE id = ${rating.counterClerkUserId})`,
      ratedStaff: ratedStaffSql(rating.caseId, rating.counterClerkUserId),
      level: rating.level,
      channel: rating.channel,
      indicators: rating.indicators,
      comment: rating.comment,
      anonymous: rating.anonymous,
      ratedAt: rating.createdAt,
      appeal: ratingAppeal.status,
      appealReason: ratingAppeal.reason,
      appealDecisionReason: ratingAppeal.decisionReason,
    })
    .from(remedy)
    .innerJoin(rating, eq(rating.id, remedy.ratingId))
    .leftJoin(ratingAppeal, eq(ratingAppeal.ratingId, rating.id))
    .where(and(caseInScope(rating.caseId, filter.scopes), filter.status ? eq(remedy.status, filter.status) : undefined))
    .orderBy(asc(remedy.dueOn), desc(remedy.id))
    .limit(500);
  return rows.map(({ m, kase, account, ratedStaff, ...r }) => ({
    ...shapeRemedy(m),
    ...r,
    appeal: r.appeal as AppealStatus | null,
    caseNumber: kase.number,
    itemName: kase.itemName,
    raterName: r.anonymous ? null : (account ?? kase.contact),
    comment: maskText(r.comment),
    ratedAt: iso(r.ratedAt),
    overdue: !m.closedAt && m.dueOn !== null && m.dueOn < today(),
    // Nobody remedies a rating of their own act (RATED_ACTS): nothing to do for them, and the list says why.
    ownAct: isOwnActRated(ratedStaff.map(Number), filter.userId ?? null),
    allowedActions: isOwnActRated(ratedStaff.map(Number), filter.userId ?? null)
      ? []
      : remedyActions({ ...m, appeal: r.appeal }, filter.grants, { regionCode: kase.regionCode, departmentId: Number(kase.departmentId) }),
  }));
}

export async function getRemedy(db: Db, id: number): Promise<typeof remedy.$inferSelect> {
  const [m] = await db.select().from(remedy).where(eq(remedy.id, id));
  if (!m) throw ratingErrors.REMEDY_NOT_FOUND({ id });
  return m;
}

export type RemedyAction =
  | { action: 'classify'; classification: RemedyClassification }
  | { action: 'reply'; reply: string }
  | { action: 'follow-up'; note: string; answer: FollowUpAnswer }
  | { action: 'close' };

/** Classify, reply to the rater, record the follow-up call (回访), close: each with the remedy's row version. */
export async function actOnRemedy(db: Db, ctx: RequestContext, id: number, version: number, input: RemedyAction) {
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(remedy).where(eq(remedy.id, id)).for('update');
    if (!m) throw ratingErrors.REMEDY_NOT_FOUND({ id });
    const refusal = remedyRefusal({ ...m, appeal: null }, input.action);
    if (refusal === 'REMEDY_CLOSED') throw ratingErrors.REMEDY_CLOSED();
    if (m.version !== version) throw ratingErrors.REMEDY_VERSION_CONFLICT({ current: m.version });
    if (refusal) throw ratingErrors[refusal]();
    await assertNotOwnAct(tx, ctx, m.ratingId);
    const set: Partial<typeof remedy.$inferInsert> = { version: m.version + 1 };
    if (input.action === 'classify') Object.assign(set, { classification: input.classification, status: m.status === 'open' ? 'classified' : m.status });
    if (input.action === 'reply') {
      Object.assign(set, { reply: input.reply, repliedAt: sql`now()`, status: 'replied' });
      const [r] = await queryRows<{ user_id: number | null; case_id: number; number: string }>(
        tx,
        sql`SELECT r.rater_user_id AS user_id, r.case_id, c.number FROM rating r JOIN pub_cases_case c ON c.id = r.case_id WHERE r.id = ${m.ratingId}`,
      );
      if (r?.user_id)
        await notifyUsers(tx, [Number(r.user_id)], Number(r.case_id), 'remedy_reply', '差评整改答复', `关于办件 ${r.number} 的评价：${input.reply}`);
    }
    if (input.action === 'follow-up') {
      // Nobody can call an anonymous rater: the only true answer is 无法回访, never a satisfied one by default.
      const [r] = await tx.select({ anonymous: rating.anonymous }).from(rating).where(eq(rating.id, m.ratingId));
      if (r?.anonymous && input.answer !== 'unreachable') throw ratingErrors.REMEDY_FOLLOW_UP_ANONYMOUS();
      Object.assign(set, { followUpNote: input.note, followUpAnswer: input.answer, followedUpAt: sql`now()`, status: 'followed_up' });
    }
    if (input.action === 'close') Object.assign(set, { status: 'closed', closedAt: sql`now()` });
    const [after] = await tx.update(remedy).set(set).where(eq(remedy.id, id)).returning();
    await writeAudit(tx, ctx, { action: `remedy.${input.action}`, targetType: 'remedy', targetId: id, change: input });
    return shapeRemedyRecord(after);
  });
}

/** Overdue remedies escalate to the supervisors, once. */
export async function escalateOverdue(db: Db, ctx: RequestContext): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number; department_id: number; due_on: string }>(
      tx,
      sql`SELECT id, department_id, due_on FROM remedy WHERE closed_at IS NULL AND NOT escalated AND due_on < ${today()} ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
    );
    for (const r of rows) {
      await tx
        .update(remedy)
        .set({ escalated: true, version: sql`${remedy.version} + 1` })
        .where(eq(remedy.id, Number(r.id)));
      // The supervisors whose scope covers the remedy's case, as for any other act on it.
      const scope = await remedyScope(tx, Number(r.id));
      const supervisors = await queryRows<{ id: number; role: Role; region_code: string | null; department_id: number | null }>(
        tx,
        sql`SELECT r.user_id AS id, r.role, r.region_code, r.department_id FROM pub_accounts_active_grant r WHERE r.role = 'supervisor'`,
      );
      const inScope = supervisors.filter((x) =>
        can([{ role: x.role, regionCode: x.region_code, departmentId: x.department_id === null ? null : Number(x.department_id) }], 'ratings.supervise', scope),
      );
      await notifyUsers(
        tx,
        inScope.map((x) => Number(x.id)),
        null,
        'remedy_overdue',
        '差评整改超期',
        `整改 #${r.id} 已超过期限 ${r.due_on}，请督办。`,
      );
      await writeAudit(tx, ctx, { action: 'remedy.escalate', targetType: 'remedy', targetId: Number(r.id), change: { dueOn: r.due_on } });
    }
    return rows.length;
  });
}

// ── Appeals ──────────────────────────────────────────────────────────────────────────────────────────────

export async function appealRating(db: Db, ctx: RequestContext, remedyId: number, reason: string) {
  return db.transaction(async (tx) => {
    const m = await getRemedy(tx, remedyId);
    await assertNotOwnAct(tx, ctx, m.ratingId);
    const [appealed] = await tx.select({ status: ratingAppeal.status }).from(ratingAppeal).where(eq(ratingAppeal.ratingId, m.ratingId));
    const refusal = remedyRefusal({ ...m, appeal: appealed?.status ?? null }, 'appeal');
    if (refusal) throw ratingErrors[refusal]();
    const [row] = await tx.insert(ratingAppeal).values({ ratingId: m.ratingId, reason, status: 'pending' }).returning();
    await writeAudit(tx, ctx, { action: 'rating.appeal', targetType: 'rating', targetId: m.ratingId, change: { reason } });
    return { id: row.id, status: row.status as AppealStatus };
  });
}

/** Appeals of ratings of cases in `scope` (the reader's scope filter of ratings.supervise), each with what the reader may do next. */
export async function listAppeals(db: Db, filter: { scope: ScopeFilter; status?: string; grants: readonly RoleGrant[] }) {
  const { status } = filter;
  const rows = await queryRows<{
    id: number;
    rating_id: number;
    reason: string;
    status: string;
    decision_reason: string | null;
    number: string;
    level: string;
    comment: string;
    department: string;
    region_code: string;
    department_id: number;
  }>(
    db,
    sql`SELECT a.id, a.rating_id, a.reason, a.status, a.decision_reason, c.number, c.region_code, c.department_id, r.level, r.comment, d.name AS department
        FROM rating_appeal a JOIN rating r ON r.id = a.rating_id JOIN pub_cases_case c ON c.id = r.case_id JOIN pub_regions_department d ON d.id = r.department_id
        WHERE ${scopeSql(filter.scope, sql`c.region_code`, sql`c.department_id`)} ${status ? sql`AND a.status = ${status}` : sql``} ORDER BY a.id DESC LIMIT 500`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    ratingId: Number(r.rating_id),
    caseNumber: r.number,
    level: r.level,
    comment: maskText(r.comment),
    department: r.department,
    reason: r.reason,
    status: r.status as AppealStatus,
    decisionReason: r.decision_reason,
    allowedActions: appealActions(r, filter.grants, { regionCode: r.region_code, departmentId: Number(r.department_id) }),
  }));
}

/** A supervisor decides; an upheld appeal excludes the rating from the statistics, with the reason on record. */
export async function decideAppeal(db: Db, ctx: RequestContext, appealId: number, input: { upheld: boolean; reason: string }) {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(ratingAppeal).where(eq(ratingAppeal.id, appealId)).for('update');
    if (!a) throw ratingErrors.APPEAL_NOT_FOUND({ id: appealId });
    const refusal = appealRefusal(a);
    if (refusal) throw ratingErrors[refusal]();
    await tx
      .update(ratingAppeal)
      .set({ status: input.upheld ? 'upheld' : 'rejected', decidedBy: ctx.actor.username, decisionReason: input.reason, decidedAt: sql`now()` })
      .where(eq(ratingAppeal.id, appealId));
    if (input.upheld) {
      await tx.update(rating).set({ excluded: true, exclusionReason: input.reason }).where(eq(rating.id, a.ratingId));
      await tx
        .update(remedy)
        .set({ status: 'excluded', closedAt: sql`now()`, version: sql`${remedy.version} + 1` })
        .where(and(eq(remedy.ratingId, a.ratingId), sql`${remedy.closedAt} IS NULL`));
    }
    // The department that appealed learns the outcome: a rejected appeal leaves the remedy and its deadline running.
    const [r] = await queryRows<{ department_id: number; case_id: number; number: string }>(
      tx,
      sql`SELECT r.department_id, r.case_id, c.number FROM rating r JOIN pub_cases_case c ON c.id = r.case_id WHERE r.id = ${a.ratingId}`,
    );
    const outcome = input.upheld ? '申诉已支持，该评价不计入统计' : '申诉已驳回，请按期整改并答复评价人';
    await notifyUsers(
      tx,
      await departmentReviewers(tx, Number(r.department_id)),
      Number(r.case_id),
      'appeal_decided',
      '评价申诉处理结果',
      `办件 ${r.number}：${outcome}。理由：${input.reason}`,
    );
    await writeAudit(tx, ctx, {
      action: input.upheld ? 'rating.appeal.uphold' : 'rating.appeal.reject',
      targetType: 'rating',
      targetId: a.ratingId,
      change: input,
    });
    return { id: appealId, status: input.upheld ? ('upheld' as const) : ('rejected' as const) };
  });
}
