import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/db.ts';
import { calendarDay, referenceData } from '../db/platform.schema.ts';
import { writeAudit } from '../audit/audit.ts';
import type { RequestContext } from '../context.ts';
import { platformErrors } from '../errors.ts';
import { calendarErrors } from './calendar.errors.ts';
import { chineseDaysSource, chineseDaysYear, chineseDaysYears, yearDays } from './chinese-days-source.ts';
import { addWorkingDays, calendarFromRows, isValidIsoDate, isWeekend, type CalendarData } from './working-days.ts';

const REVISION = 'calendar-revision';

/**
 * The calendar is cached per process and reloaded when its revision (bumped, with a new time, in the same
 * transaction as every edit) changes, so several server processes agree without reading 8,000 rows per request.
 * The key is the revision row itself, not the connection: a transaction reads the same cache as its pool.
 */
let cache: { key: string; data: CalendarData } | undefined;

/** The calendar's revision key as an SQL expression, for statements that read it along with their own rows. */
export const CALENDAR_REVISION_SQL = `coalesce((SELECT version || '@' || loaded_at::text FROM reference_data WHERE name = '${REVISION}'), '0')`;

async function currentRevision(db: Db): Promise<string> {
  const [row] = await queryRows<{ key: string }>(db, sql.raw(`SELECT ${CALENDAR_REVISION_SQL} AS key`));
  return row.key;
}

async function bumpRevision(tx: Db): Promise<void> {
  await tx
    .insert(referenceData)
    .values({ name: REVISION, version: '1' })
    .onConflictDoUpdate({
      target: referenceData.name,
      set: { version: sql`(${referenceData.version}::bigint + 1)::text`, loadedAt: sql`clock_timestamp()` },
    });
}

export async function loadCalendar(db: Db): Promise<CalendarData> {
  return loadCalendarAt(db, await currentRevision(db));
}

/** The calendar this process holds and its revision key, without a query (undefined before the first load). */
export function cachedCalendar(): { key: string; data: CalendarData } | undefined {
  return cache;
}

/** The calendar at a revision key the caller has read already (CALENDAR_REVISION_SQL): no query when it is cached. */
export async function loadCalendarAt(db: Db, key: string): Promise<CalendarData> {
  if (cache && cache.key === key) return cache.data;
  const rows = await db.select({ day: calendarDay.day, isWorkday: calendarDay.isWorkday }).from(calendarDay);
  const data = calendarFromRows(rows);
  cache = { key, data };
  return data;
}

export function assertDate(value: string): string {
  if (!isValidIsoDate(value)) throw platformErrors.INVALID_DATE({ value });
  return value;
}

export async function addWorkingDaysFrom(db: Db, from: string, days: number): Promise<string> {
  return addWorkingDays(await loadCalendar(db), assertDate(from), days);
}

/** Loads the years chinese-days ships that are not in the table yet; edits of loaded years are kept. */
export async function seedCalendar(db: Db): Promise<number[]> {
  const loaded = new Set((await queryRows<{ y: number }>(db, sql`SELECT DISTINCT extract(year FROM day)::int AS y FROM calendar_day`)).map((r) => Number(r.y)));
  const missing = chineseDaysYears().filter((y) => !loaded.has(y));
  if (missing.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const year of missing) {
      const rows = chineseDaysYear(year).map((d) => ({ ...d, source: chineseDaysSource }));
      await tx.insert(calendarDay).values(rows).onConflictDoNothing();
    }
    await bumpRevision(tx);
  });
  return missing;
}

export async function listYears(db: Db) {
  const rows = await queryRows<{ year: number; days: number; workdays: number; offdays: number }>(
    db,
    sql`
      SELECT extract(year FROM day)::int AS year, count(*)::int AS days,
             count(*) FILTER (WHERE is_workday)::int AS workdays, count(*) FILTER (WHERE NOT is_workday)::int AS offdays
      FROM calendar_day GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ year: Number(r.year), days: Number(r.days), workdays: Number(r.workdays), offdays: Number(r.offdays) }));
}

export async function listDays(db: Db, year: number, month?: number) {
  const from = month ? `${year}-${String(month).padStart(2, '0')}-01` : `${year}-01-01`;
  const to = month ? new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) : `${year}-12-31`;
  const rows = await db
    .select()
    .from(calendarDay)
    .where(and(gte(calendarDay.day, from), lte(calendarDay.day, to)))
    .orderBy(asc(calendarDay.day));
  return rows.map((r) => ({ date: r.day, isWorkday: r.isWorkday, name: r.name, isWeekend: isWeekend(r.day), source: r.source, version: r.version }));
}

export interface DayEdit {
  isWorkday: boolean;
  name: string | null;
  version: number;
}

export async function setDay(db: Db, ctx: RequestContext, date: string, edit: DayEdit) {
  assertDate(date);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDay).where(eq(calendarDay.day, date)).for('update');
    if (!before) throw calendarErrors.CALENDAR_DAY_NOT_FOUND({ date });
    if (before.version !== edit.version) throw platformErrors.VERSION_CONFLICT({ current: before.version });
    const [after] = await tx
      .update(calendarDay)
      .set({ isWorkday: edit.isWorkday, name: edit.name, source: 'manual', version: before.version + 1, updatedAt: sql`now()` })
      .where(eq(calendarDay.day, date))
      .returning();
    await bumpRevision(tx);
    await writeAudit(tx, ctx, {
      action: 'calendar.day.update',
      targetType: 'calendar_day',
      targetId: date,
      change: { before: { isWorkday: before.isWorkday, name: before.name }, after: { isWorkday: after.isWorkday, name: after.name } },
    });
    return { date: after.day, isWorkday: after.isWorkday, name: after.name, isWeekend: isWeekend(after.day), source: after.source, version: after.version };
  });
}

export interface ImportRow {
  date: string;
  isWorkday: boolean;
  name: string | null;
}

export interface ImportProblem {
  line: number;
  message: string;
}

const OFF = new Set(['off', 'holiday', '休', '放假', '0', 'false']);
const WORK = new Set(['work', 'workday', '班', '上班', '1', 'true']);

function parseKind(value: unknown): boolean | undefined {
  const v = String(value ?? '')
    .trim()
    .toLowerCase();
  if (OFF.has(v)) return false;
  if (WORK.has(v)) return true;
  return undefined;
}

/**
 * Parses a State Council notice file: CSV lines `date,off|work,name` (a header line is allowed) or JSON
 * `[{"date","type":"off"|"work","name"}]`. Returns rows or every problem with its line.
 */
export function parseCalendarFile(format: 'json' | 'csv', content: string): { rows: ImportRow[]; problems: ImportProblem[] } {
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  let raw: { line: number; date: unknown; kind: unknown; name: unknown }[] = [];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (e) {
      return { rows, problems: [{ line: 0, message: `not valid JSON: ${(e as Error).message}` }] };
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { days?: unknown })?.days;
    if (!Array.isArray(list)) return { rows, problems: [{ line: 0, message: 'expected an array of {date, type, name}' }] };
    raw = list.map((item, i) => {
      const o = (item ?? {}) as Record<string, unknown>;
      return { line: i + 1, date: o.date, kind: o.type ?? o.kind ?? (o.isWorkday === undefined ? undefined : String(o.isWorkday)), name: o.name };
    });
  } else {
    content.split(/\r?\n/).forEach((text, i) => {
      if (!text.trim() || text.trim().startsWith('#')) return;
      const [date, kind, ...name] = text.split(',').map((s) => s.trim());
      if (i === 0 && !/^\d/.test(date)) return; // header
      raw.push({ line: i + 1, date, kind, name: name.join(',') });
    });
  }
  const seen = new Set<string>();
  for (const r of raw) {
    const date = String(r.date ?? '');
    const isWorkday = parseKind(r.kind);
    if (!isValidIsoDate(date)) problems.push({ line: r.line, message: `invalid date "${date}"` });
    else if (isWorkday === undefined) problems.push({ line: r.line, message: `type must be off or work, got "${String(r.kind ?? '')}"` });
    else if (seen.has(date)) problems.push({ line: r.line, message: `date ${date} appears twice` });
    else {
      seen.add(date);
      const name = r.name === undefined || r.name === null || String(r.name).trim() === '' ? null : String(r.name).trim();
      rows.push({ date, isWorkday, name });
    }
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, message: 'the file has no days' });
  return { rows, problems };
}

/**
 * Imports a notice: a year not loaded yet is created from the weekend rule first, then the listed days are set.
 * All or nothing; one audit entry for the import.
 */
export async function importCalendar(db: Db, ctx: RequestContext, format: 'json' | 'csv', content: string, source = 'import') {
  const { rows, problems } = parseCalendarFile(format, content);
  if (problems.length) throw calendarErrors.CALENDAR_IMPORT_INVALID({ problems });
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
  return db.transaction(async (tx) => {
    const created: number[] = [];
    for (const year of years) {
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM calendar_day WHERE day BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`,
      );
      if (Number(n) === 0) {
        await tx.insert(calendarDay).values(yearDays(year, () => null).map((d) => ({ ...d, source: 'weekend-rule' })));
        created.push(year);
      }
    }
    for (const row of rows) {
      await tx
        .update(calendarDay)
        .set({ isWorkday: row.isWorkday, name: row.name, source, version: sql`${calendarDay.version} + 1`, updatedAt: sql`now()` })
        .where(eq(calendarDay.day, row.date));
    }
    await bumpRevision(tx);
    await writeAudit(tx, ctx, { action: 'calendar.import', targetType: 'calendar', targetId: years.join(','), change: { years, rows } });
    return { years, createdYears: created, imported: rows.length };
  });
}
