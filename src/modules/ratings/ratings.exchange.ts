import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { isValidIsoDate } from '../../platform/calendar/working-days.ts';
import { today } from '../../platform/clock.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { accountErrors } from '../accounts/index.ts';
import { CLOSED_STATUSES_SQL } from '../cases/index.ts';
import { rating } from './ratings.schema.ts';
import { CHANNELS, fromShape, isBad, ONSITE_CHANNELS, sanitiseComment, toShape, type Level, type LevelShape } from './ratings.codes.ts';
import { openRemedy } from './ratings.service.ts';

/**
 * Ratings exchanged with the provincial evaluation system: the interface's field names (projectNo, assessNumber,
 * pf, satisfaction …), with the level numbered as the shape says (national: 1 = 非常满意; interface: 5 = 非常满意).
 */
export interface ExchangeRecord {
  projectNo: string;
  assessNumber: number;
  satisfaction: string;
  pf: string | null;
  contentCode: string;
  evalDetail: string;
  anonymityFlag: '0' | '1';
  assessTime: string;
}

/**
 * The ratings of a month of the cases in `scope` (the exporter's scopeFilter of ratings.exchange). A JSON feed: the
 * rater's comment goes as written (formula cells are neutralised where a spreadsheet is made, not in data).
 */
export async function exportRatings(db: Db, month: string, shape: LevelShape, scope: ScopeFilter): Promise<ExchangeRecord[]> {
  const rows = await queryRows<{
    number: string;
    assess_number: number;
    level: Level;
    channel: string | null;
    indicators: string[];
    comment: string;
    anonymous: boolean;
    created_at: string;
  }>(
    db,
    sql`SELECT c.number, r.assess_number, r.level, r.channel, r.indicators, r.comment, r.anonymous, r.created_at::text AS created_at
        FROM rating r JOIN pub_cases_case c ON c.id = r.case_id
        WHERE r.month = ${`${month}-01`} AND ${scopeSql(scope, sql`c.region_code`, sql`c.department_id`)} ORDER BY r.id`,
  );
  return rows.map((r) => ({
    projectNo: r.number,
    assessNumber: Number(r.assess_number),
    satisfaction: toShape(r.level, shape),
    pf: r.channel,
    contentCode: r.indicators.join(','),
    evalDetail: r.comment,
    anonymityFlag: r.anonymous ? '1' : '0',
    assessTime: r.created_at,
  }));
}

export interface ImportResult {
  imported: number;
  problems: { index: number; message: string }[];
}

/**
 * Imports ratings made elsewhere; every record is checked first, and a bad one stops the whole import. Each case must
 * lie in the importer's scope (its scopeFilter of ratings.exchange, as for the export): one outside it refuses the
 * whole import (AUTH_FORBIDDEN, with the records' places).
 */
export async function importRatings(
  db: Db,
  ctx: RequestContext,
  scope: ScopeFilter,
  shape: LevelShape,
  records: ExchangeRecord[],
  remedyDays: number,
): Promise<ImportResult> {
  const problems: ImportResult['problems'] = [];
  const numbers = [...new Set(records.map((r) => r.projectNo))];
  const cases = new Map(
    (
      await queryRows<{
        id: number;
        number: string;
        department_id: number;
        implementation_id: number;
        region_code: string;
        in_scope: boolean;
        closed_on: string | null;
      }>(
        db,
        sql`SELECT id, number, department_id, implementation_id, region_code, ${scopeSql(scope, sql`region_code`, sql`department_id`)} AS in_scope,
                   CASE WHEN status IN (${sql.raw(CLOSED_STATUSES_SQL)}) THEN COALESCE(delivered_on, decided_on, updated_at::date)::text END AS closed_on
            FROM pub_cases_case WHERE number IN (${sql.join(numbers.length ? numbers.map((n) => sql`${n}`) : [sql`''`], sql`, `)})`,
      )
    ).map((c) => [c.number, c]),
  );
  const outside = records.flatMap((r, index) => {
    const c = cases.get(r.projectNo);
    return c && !c.in_scope ? [index] : [];
  });
  if (outside.length) throw accountErrors.AUTH_FORBIDDEN({ permission: 'ratings.exchange', records: outside });
  const parsed = records.map((r, index) => {
    const level = fromShape(r.satisfaction, shape);
    if (!level) problems.push({ index, message: `unknown level ${r.satisfaction} for shape ${shape}` });
    if (!cases.has(r.projectNo)) problems.push({ index, message: `unknown case ${r.projectNo}` });
    if (r.pf !== null && !CHANNELS.some((c) => c.code === r.pf)) problems.push({ index, message: `unknown channel ${r.pf}` });
    if (![1, 2].includes(Number(r.assessNumber))) problems.push({ index, message: `assessNumber must be 1 or 2` });
    // A rating is of a closed case, made on a day that exists, on or after the case closed, and not in the future.
    const day = ratingDay(r.assessTime);
    const c = cases.get(r.projectNo);
    if (!day) problems.push({ index, message: `assessTime ${r.assessTime} is not a time that exists (YYYY-MM-DD[ HH:MM[:SS]])` });
    else if (c && !c.closed_on) problems.push({ index, message: `case ${r.projectNo} is not closed` });
    else if (c?.closed_on && day < c.closed_on)
      problems.push({ index, message: `assessTime ${r.assessTime} is before case ${r.projectNo} closed (${c.closed_on})` });
    else if (day > today()) problems.push({ index, message: `assessTime ${r.assessTime} is in the future` });
    return { r, level };
  });
  if (problems.length) return { imported: 0, problems };
  const imported = await db.transaction(async (tx) => {
    let n = 0;
    for (const { r, level } of parsed) {
      const c = cases.get(r.projectNo)!;
      const kind = r.pf && ONSITE_CHANNELS.has(r.pf) ? 'onsite' : 'online';
      const rows = await tx
        .insert(rating)
        .values({
          caseId: Number(c.id),
          kind,
          assessNumber: Number(r.assessNumber),
          level: level!,
          channel: r.pf,
          indicators: r.contentCode ? r.contentCode.split(',') : [],
          comment: sanitiseComment(r.evalDetail ?? ''),
          anonymous: r.anonymityFlag === '1',
          departmentId: Number(c.department_id),
          implementationId: Number(c.implementation_id),
          regionCode: c.region_code,
          month: `${ratingDay(r.assessTime)!.slice(0, 7)}-01`,
        })
        .onConflictDoNothing()
        .returning({ id: rating.id });
      n += rows.length;
      // An imported bad rating is remedied like any other.
      if (rows.length && isBad(level!) && Number(r.assessNumber) === 1)
        await openRemedy(tx, rows[0].id, Number(c.department_id), r.projectNo, Number(c.id), remedyDays);
    }
    await writeAudit(tx, ctx, { action: 'rating.import', targetType: 'rating_batch', targetId: `${records.length}`, change: { shape, imported: n } });
    return n;
  });
  return { imported, problems };
}

/** The day of an exchanged rating's time (YYYY-MM-DD, optionally with HH:MM or HH:MM:SS), or null unless it exists. */
export function ratingDay(assessTime: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(assessTime ?? '');
  if (!m || !isValidIsoDate(m[1])) return null;
  if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)) return null;
  return m[1];
}
