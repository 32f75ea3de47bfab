import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { today } from '../../platform/clock.ts';
import { CALENDAR_REVISION_SQL, loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { CHANNELS, INDICATORS, ONSITE_CHANNELS, isBad, sanitiseComment, type Level } from './ratings.codes.ts';
import { ratingErrors } from './ratings.errors.ts';
import { RATE, remedyDueOn, remedyNotice, type Rater } from './ratings.service.ts';

// 一键评价 (ADR 0037): the applicant rates a bundle case once; the one rating is given to every member case that was
// handled, in the caller's transaction and in one statement (the same RATE statement and rules as one case's
// rating), so it reaches each member department's statistics, its bad ratings opening each department's remedy.

/** The RATE statement with its one parameter ($1, the JSON batch), inside the caller's transaction. */
function rateInTransaction(json: string) {
  const [head, tail] = RATE.split('$1');
  return sql.join([sql.raw(head), sql`${json}`, sql.raw(tail)]);
}

/**
 * Rates member cases together with one online rating: every case gets it or none does (a refusal of any names the
 * case and rolls the caller's transaction back). Each rating records the bundle case's number.
 */
export async function rateCasesOnce(
  tx: Db,
  rater: Rater,
  numbers: string[],
  input: { level: string; channel: string; indicators: string[]; comment?: string; anonymous?: boolean },
  opts: { remedyDays: number; bundleNumber: string },
): Promise<{ number: string; id: number; remedyId: number | null }[]> {
  const level = input.level as Level;
  if (!['1', '2', '3', '4', '5'].includes(level)) throw ratingErrors.RATING_LEVEL_UNKNOWN({ level });
  if (!CHANNELS.some((c) => c.code === input.channel) || ONSITE_CHANNELS.has(input.channel))
    throw ratingErrors.RATING_CHANNEL_UNKNOWN({ channel: input.channel });
  const allowed = new Set<string>(INDICATORS.online.map((i) => i.code));
  const bad = input.indicators.find((i) => !allowed.has(i));
  if (bad) throw ratingErrors.RATING_INDICATOR_UNKNOWN({ indicator: bad });
  if (level === '5' && input.indicators.length === 0) throw ratingErrors.RATING_INDICATOR_REQUIRED();
  const opensRemedy = isBad(level);
  const day = today();
  const calendar = opensRemedy ? await loadCalendar(tx) : null;
  const [{ key }] = await queryRows<{ key: string }>(tx, sql.raw(`SELECT ${CALENDAR_REVISION_SQL} AS key`));
  const dueOn = calendar ? remedyDueOn(calendar, day, opts.remedyDays) : null;
  const items = numbers.map((number, i) => ({
    i,
    number,
    user_id: rater.userId,
    kind: 'online',
    n: 1,
    level,
    channel: input.channel,
    indicators: input.indicators,
    comment: sanitiseComment(input.comment ?? ''),
    anonymous: input.anonymous ?? false,
    counter_regions: null,
    month: `${day.slice(0, 7)}-01`,
    day,
    opens_remedy: opensRemedy,
    due_on: dueOn,
    cal_key: key,
    notice: remedyNotice(number, dueOn),
    audit: [
      auditRow(rater.ctx, {
        action: 'rating.create',
        targetType: 'case',
        targetId: number,
        change: { level, channel: input.channel, assessNumber: 1, opensRemedy, bundle: opts.bundleNumber },
      }),
    ],
  }));
  const rows = await queryRows<{ refusal: string | null; status: string | null; id: number | null; remedyId: number | null }>(
    tx,
    rateInTransaction(JSON.stringify(items)),
  );
  rows.forEach((r, i) => {
    const number = numbers[i];
    if (r.refusal === 'RATING_NOT_FOUND') throw ratingErrors.RATING_NOT_FOUND({ number });
    if (r.refusal === 'RATING_NOT_ALLOWED') throw ratingErrors.RATING_NOT_ALLOWED({ number });
    if (r.refusal === 'RATING_CASE_NOT_CLOSED') throw ratingErrors.RATING_CASE_NOT_CLOSED({ number, status: r.status });
    if (r.refusal === 'RATING_ALREADY_GIVEN' || (r.refusal === null && r.id === null)) throw ratingErrors.RATING_ALREADY_GIVEN({ number, assessNumber: 1 });
    if (r.refusal) throw new Error(`rateCasesOnce: unexpected refusal ${r.refusal}`);
  });
  const ids = rows.map((r) => Number(r.id));
  await tx.execute(sql`UPDATE rating SET bundle_case_number = ${opts.bundleNumber} WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
  return rows.map((r, i) => ({ number: numbers[i], id: Number(r.id), remedyId: r.remedyId === null ? null : Number(r.remedyId) }));
}

/**
 * Ratings given once for bundle cases, first ratings not excluded, by member department over a range of months:
 * how many bundle cases were rated, how many member ratings that gave each department, and the satisfied among them
 * (levels 1–3). Within the reader's scope (the rated cases' region and department).
 */
export async function bundleRatingFigures(db: Db, q: { from: string; to: string; scope?: ScopeFilter }) {
  const scope = !q.scope || q.scope.kind === 'all' ? sql`` : sql`AND ${scopeSql(q.scope, sql`r.region_code`, sql`r.department_id`)}`;
  const where = sql`r.bundle_case_number IS NOT NULL AND r.assess_number = 1 AND NOT r.excluded AND r.month BETWEEN ${`${q.from}-01`} AND ${`${q.to}-01`} ${scope}`;
  const [total] = await queryRows<{ bundles: number; ratings: number }>(
    db,
    sql`SELECT count(DISTINCT r.bundle_case_number)::int AS bundles, count(*)::int AS ratings FROM rating r WHERE ${where}`,
  );
  const byDepartment = await queryRows<{ departmentId: number; name: string; bundles: number; ratings: number; satisfied: number }>(
    db,
    sql`SELECT r.department_id::int AS "departmentId", (SELECT d.name FROM pub_regions_department d WHERE d.id = r.department_id) AS name,
               count(DISTINCT r.bundle_case_number)::int AS bundles, count(*)::int AS ratings,
               count(*) FILTER (WHERE r.level IN ('1', '2', '3'))::int AS satisfied
        FROM rating r WHERE ${where} GROUP BY r.department_id ORDER BY r.department_id`,
  );
  return {
    bundles: Number(total?.bundles ?? 0),
    ratings: Number(total?.ratings ?? 0),
    byDepartment: byDepartment.map((d) => ({
      ...d,
      departmentId: Number(d.departmentId),
      bundles: Number(d.bundles),
      ratings: Number(d.ratings),
      satisfied: Number(d.satisfied),
    })),
  };
}
