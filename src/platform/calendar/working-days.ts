import { calendarErrors } from './calendar.errors.ts';

/** The loaded calendar: every day of every loaded year, true for a working day (调休 make-up days included). */
export interface CalendarData {
  days: ReadonlyMap<string, boolean>;
  years: ReadonlySet<number>;
  /** Made by calendarFromRows: answers counts over loaded days without walking them (see WorkdayIndex). */
  index?: WorkdayIndex;
}

/**
 * The loaded days in order, each with the number of working days up to and including it, so that a count over
 * loaded days is a subtraction and "the n-th working day after" a binary search. Anything that touches a day that is
 * not loaded goes the day-by-day way instead, which throws CALENDAR_YEAR_MISSING on that very day.
 */
interface WorkdayIndex {
  order: ReadonlyMap<string, number>;
  sorted: readonly string[];
  /** Working days among sorted[0..i]. */
  cumulative: Int32Array;
  /** Days since 1970-01-01 of sorted[i]: two positions span only loaded days when their difference matches. */
  serial: Int32Array;
}

const serialOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

function buildIndex(days: ReadonlyMap<string, boolean>): WorkdayIndex {
  const sorted = [...days.keys()].sort();
  const cumulative = new Int32Array(sorted.length);
  const serial = new Int32Array(sorted.length);
  let working = 0;
  sorted.forEach((day, i) => {
    if (days.get(day)) working++;
    cumulative[i] = working;
    serial[i] = serialOf(day);
  });
  return { order: new Map(sorted.map((d, i) => [d, i])), sorted, cumulative, serial };
}

/** Positions i ≤ j of the index with every day between them loaded. */
const unbroken = (x: WorkdayIndex, i: number, j: number) => x.serial[j] - x.serial[i] === j - i;

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
  const x = cal.index;
  const i = count > 0 && x ? x.order.get(shiftDate(from, 1)) : undefined;
  if (x && i !== undefined) {
    // The first position whose running count reaches the target is the n-th working day (the count rises there).
    const target = (i > 0 ? x.cumulative[i - 1] : 0) + count;
    let lo = i;
    let hi = x.sorted.length - 1;
    if (x.cumulative[hi] >= target) {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x.cumulative[mid] >= target) hi = mid;
        else lo = mid + 1;
      }
      if (unbroken(x, i, lo)) return x.sorted[lo];
    }
  }
  return walkWorkingDays(cal, from, count);
}

function walkWorkingDays(cal: CalendarData, from: string, count: number): string {
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
  if (to === from) return 0;
  const x = cal.index;
  if (x) {
    const i = x.order.get(shiftDate(from, 1));
    const j = x.order.get(to);
    if (i !== undefined && j !== undefined && unbroken(x, i, j)) return x.cumulative[j] - (i > 0 ? x.cumulative[i - 1] : 0);
  }
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
  return { days, years, index: buildIndex(days) };
}

/**
 * The calendar year an admin should load now, if any: this year when it is missing, and from 1 October the next
 * year too, because a case accepted then with a long limit (60 working days, or 20 with an art. 42 extension) ends in
 * it, and the State Council publishes the next year's holiday notice in the autumn. Null when nothing is due.
 */
export function yearToLoad(loaded: readonly number[], on: string): number | null {
  const year = Number(on.slice(0, 4));
  if (!loaded.includes(year)) return year;
  if (on.slice(5) >= '10-01' && !loaded.includes(year + 1)) return year + 1;
  return null;
}
