import { calendarErrors } from './calendar.errors.ts';

/** The loaded calendar: every day of every loaded year, true for a working day (调休 make-up days included). */
export interface CalendarData {
  days: ReadonlyMap<string, boolean>;
  years: ReadonlySet<number>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

function workdayOf(cal: CalendarData, date: string): boolean {
  const value = cal.days.get(date);
  if (value === undefined) {
    throw calendarErrors.CALENDAR_YEAR_MISSING({ year: Number(date.slice(0, 4)), date });
  }
  return value;
}

export function isWorkday(cal: CalendarData, date: string): boolean {
  return workdayOf(cal, date);
}

/**
 * The date `count` working days after `from`. The day counted from is not counted (期间开始之日不计算在内,
 * 民法典 art. 201); a negative count goes back. Computing through a year that is not loaded throws
 * CALENDAR_YEAR_MISSING: the law's deadlines are never guessed.
 */
export function addWorkingDays(cal: CalendarData, from: string, count: number): string {
  if (!Number.isInteger(count)) throw new RangeError('count must be an integer');
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let date = from;
  if (remaining === 0) {
    workdayOf(cal, from);
    return from;
  }
  while (remaining > 0) {
    date = shiftDate(date, step);
    if (workdayOf(cal, date)) remaining--;
  }
  return date;
}

/** Calendar (natural) days: the same counting rule, without the calendar. */
export function addNaturalDays(from: string, count: number): string {
  return shiftDate(from, count);
}

/**
 * Working days in (from, to]: how many working days pass after `from` up to and including `to`;
 * negative when `to` is before `from`.
 */
export function workingDaysBetween(cal: CalendarData, from: string, to: string): number {
  if (to < from) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let date = shiftDate(from, 1); date <= to; date = shiftDate(date, 1)) {
    if (workdayOf(cal, date)) count++;
  }
  return count;
}

/** Builds calendar data from rows, e.g. in tests: `fromRows([{ day, isWorkday }])`. */
export function calendarFromRows(rows: Iterable<{ day: string; isWorkday: boolean }>): CalendarData {
  const days = new Map<string, boolean>();
  const years = new Set<number>();
  for (const row of rows) {
    days.set(row.day, row.isWorkday);
    years.add(Number(row.day.slice(0, 4)));
  }
  return { days, years };
}
