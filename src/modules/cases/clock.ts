import { AppError } from '../../platform/errors.ts';
import { addNaturalDays, addWorkingDays, isWorkday, shiftDate, workingDaysBetween, type CalendarData } from '../../platform/calendar/working-days.ts';

/**
 * The statutory clock of a case: one pure function of its events, its implementation's limits and the calendar.
 * 行政许可法: art. 32 (deemed acceptance), 42 (20 days, +10 once), 45 (special procedures not counted), 82 (working
 * days). 民法典 art. 201 (the first day is not counted) and 203 (a period ending on a holiday ends on the next
 * working day).
 */
export interface Limit {
  value: number;
  unit: 'working_day' | 'natural_day';
}

export interface ClockEvent {
  type: string;
  onDay: string;
  data?: Record<string, unknown>;
}

export interface ClockInput {
  events: ClockEvent[];
  legalLimit: Limit;
  promisedLimit: Limit;
  caseType: string;
  amberDays: number;
  today: string;
  /** art. 32's deemed acceptance applies (行政许可 only: item-type-rules.ts); on when not said. */
  deemedAcceptance?: boolean;
}

export type Warning = 'none' | 'amber' | 'red';

/** A date of the clock that cannot be computed yet, and the calendar year it waits for. */
export interface Undetermined {
  date: 'deadline' | 'legalDeadline' | 'remainingWorkingDays';
  year: number;
}

export interface Clock {
  receivedOn: string | null;
  acceptedOn: string | null;
  deemedAccepted: boolean;
  deadline: string | null;
  legalDeadline: string | null;
  extended: boolean;
  remainingWorkingDays: number | null;
  warning: Warning;
  paused: boolean;
  pausedWorkingDays: number;
  stoppedOn: string | null;
  /**
   * The dates above that are null only because they reach a calendar year not loaded yet (the State Council
   * publishes the next year's holidays late in the year). Every other date is computed; none is guessed.
   */
  undetermined: Undetermined[];
}

/** 行政许可法 art. 32: no decision on acceptance within 5 days of receipt means accepted on the day of receipt. */
export const DEEMED_ACCEPTANCE_DAYS = 5;
/** 行政许可法 art. 42: the head of the office may extend by 10 days, once. */
export const EXTENSION_DAYS = 10;

const ACCEPTANCE_DECISIONS = new Set(['accepted', 'refused', 'correction_requested']);
const CLOSING = new Set(['decided', 'refused', 'withdrawn']);

function addLimit(cal: CalendarData, from: string, limit: Limit, extraWorking: number, extraNatural: number): string {
  if (limit.unit === 'working_day') return addWorkingDays(cal, from, limit.value + extraWorking);
  let day = addNaturalDays(from, limit.value + extraNatural);
  while (!isWorkday(cal, day)) day = shiftDate(day, 1);
  return day;
}

/** Merges [from, to] day intervals that overlap or touch, so a day is never counted twice. */
function mergeIntervals(list: [string, string][]): [string, string][] {
  const sorted = [...list].filter(([a, b]) => b > a).sort((x, y) => x[0].localeCompare(y[0]));
  const out: [string, string][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = b > last[1] ? b : last[1];
    else out.push([a, b]);
  }
  return out;
}

export interface Acceptance {
  receivedOn: string | null;
  acceptedOn: string | null;
  deemedAccepted: boolean;
  /** Index of the event from which the clock runs. */
  index: number;
}

/**
 * When the case counts as accepted: the clerk's acceptance, or — when no decision on acceptance came within 5
 * working days of receipt — the day of receipt (art. 32). If the calendar does not reach far enough to tell, the
 * 5 days cannot have passed on record, and only the clerk's acceptance counts. Art. 32 is 行政许可法's: for
 * other item types (`deemed` false) only the clerk's acceptance counts.
 */
export function acceptanceOf(cal: CalendarData, events: ClockEvent[], today: string, deemed = true): Acceptance {
  let receivedOn: string | null = null;
  let receipt: string | null = null;
  const closed = events.some((e) => CLOSING.has(e.type));
  const deadlineOf = (day: string): string | null => {
    if (!deemed) return null;
    try {
      return addWorkingDays(cal, day, DEEMED_ACCEPTANCE_DAYS);
    } catch {
      return null;
    }
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type === 'submitted' || (e.type === 'correction_answered' && receipt === null)) {
      receipt = e.onDay;
      receivedOn ??= e.onDay;
      continue;
    }
    if (receipt && ACCEPTANCE_DECISIONS.has(e.type)) {
      const limit = deadlineOf(receipt);
      if (limit !== null && e.onDay > limit) return { receivedOn, acceptedOn: receipt, deemedAccepted: true, index: i };
      if (e.type === 'accepted') return { receivedOn, acceptedOn: e.onDay, deemedAccepted: false, index: i };
      receipt = null; // a correction notice (the answer is the next receipt) or a refusal
    }
  }
  if (receipt && !closed) {
    const limit = deadlineOf(receipt);
    if (limit !== null && today > limit) return { receivedOn, acceptedOn: receipt, deemedAccepted: true, index: events.length };
  }
  return { receivedOn, acceptedOn: null, deemedAccepted: false, index: -1 };
}

/** The year whose calendar a computation lacks, or rethrows what is not a missing year. */
function missingYear(e: unknown): number {
  if (e instanceof AppError && e.code === 'CALENDAR_YEAR_MISSING') return (e.details as { year: number }).year;
  throw e;
}

type Outcome<T> = { value: T; year: null } | { value: null; year: number };

/** Runs one date computation; a year not loaded makes that date (only) undetermined. */
function attempt<T extends string | number>(run: () => T): Outcome<T> {
  try {
    return { value: run(), year: null };
  } catch (e) {
    return { value: null, year: missingYear(e) };
  }
}

/** The last loaded day before `year`, i.e. the last day a date that needs `year` is known to come after. */
const lastDayBefore = (year: number) => `${year - 1}-12-31`;

export function computeClock(cal: CalendarData, input: ClockInput): Clock {
  const events = input.events;
  const closing = events.find((e) => CLOSING.has(e.type));
  const stoppedOn = closing?.onDay ?? null;
  const asOf = stoppedOn ?? input.today;

  const { receivedOn, acceptedOn, deemedAccepted, index: acceptedIndex } = acceptanceOf(cal, events, input.today, input.deemedAcceptance ?? true);
  const empty: Clock = {
    receivedOn,
    acceptedOn,
    deemedAccepted,
    deadline: null,
    legalDeadline: null,
    extended: false,
    remainingWorkingDays: null,
    warning: 'none',
    paused: false,
    pausedWorkingDays: 0,
    stoppedOn,
    undetermined: [],
  };
  if (acceptedOn === null) return empty;

  // Time not counted after acceptance: special procedures (art. 45) and correction requests until the answer.
  // Each kind has its own interval; overlapping intervals count once.
  const intervals: [string, string][] = [];
  const open: Record<'special' | 'correction', string | null> = { special: null, correction: null };
  let extended = false;
  for (const e of events.slice(acceptedIndex)) {
    if (e.type === 'special_started' && open.special === null) open.special = e.onDay;
    else if (e.type === 'correction_requested' && open.correction === null) open.correction = e.onDay;
    else if (e.type === 'special_ended' && open.special !== null) {
      intervals.push([open.special, e.onDay]);
      open.special = null;
    } else if (e.type === 'correction_answered' && open.correction !== null) {
      intervals.push([open.correction, e.onDay]);
      open.correction = null;
    } else if (e.type === 'extension_granted') extended = true;
  }
  const paused = (open.special !== null || open.correction !== null) && !closing;
  for (const since of [open.special, open.correction]) if (since !== null) intervals.push([since, asOf]);
  const merged = mergeIntervals(intervals);
  let pausedWorking = 0;
  let pausedNatural = 0;
  try {
    for (const [from, to] of merged) {
      pausedWorking += workingDaysBetween(cal, from, to);
      pausedNatural += Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
    }
  } catch (e) {
    // Days already passed are not in the calendar (this year itself is missing): nothing can be counted.
    const year = missingYear(e);
    const dates = ['deadline', 'legalDeadline', 'remainingWorkingDays'] as const;
    return { ...empty, extended, paused, undetermined: dates.map((date) => ({ date, year })) };
  }

  // Each date is computed on its own: a promised date in December stands though the legal one reaches January.
  const onTheSpot = input.caseType === '1';
  const deadline = onTheSpot ? attempt(() => acceptedOn) : attempt(() => addLimit(cal, acceptedOn, input.promisedLimit, pausedWorking, pausedNatural));
  const legalBase = attempt(() => addLimit(cal, acceptedOn, input.legalLimit, pausedWorking, pausedNatural));
  // art. 42: the extension is 10 working days on top of the legal deadline, whatever unit the limit is in.
  const legalDeadline: Outcome<string> = extended && legalBase.value !== null ? attempt(() => addWorkingDays(cal, legalBase.value, EXTENSION_DAYS)) : legalBase;
  // After an approved extension the case runs on the extended legal deadline. A date not computed lies past every
  // loaded day, so it is later than any computed one.
  const effective: Outcome<string> =
    extended && (legalDeadline.value === null || (deadline.value !== null && legalDeadline.value > deadline.value)) ? legalDeadline : deadline;
  const remaining = effective.value === null ? effective : attempt(() => workingDaysBetween(cal, asOf, effective.value));
  let warning: Warning = 'none';
  if (closing) warning = 'none';
  // Past the deadline is red even on a weekend or holiday right after it (where no working day has yet passed), and
  // even when the working days since cannot be counted yet.
  else if (effective.value !== null && asOf > effective.value) warning = 'red';
  else if (remaining.value !== null) warning = remaining.value < 0 ? 'red' : remaining.value <= input.amberDays ? 'amber' : 'none';
  else if (effective.value === null) {
    // The deadline falls in a year not loaded, so after every working day left in the loaded year: more than those
    // remain. When even that least possible count is within the amber days, warn (never later than the clock would).
    const floor = attempt(() => workingDaysBetween(cal, asOf, lastDayBefore(effective.year)));
    if (floor.value !== null && floor.value + 1 <= input.amberDays) warning = 'amber';
  }
  const undetermined: Undetermined[] = [];
  if (deadline.value === null) undetermined.push({ date: 'deadline', year: deadline.year });
  if (legalDeadline.value === null) undetermined.push({ date: 'legalDeadline', year: legalDeadline.year });
  if (remaining.value === null) undetermined.push({ date: 'remainingWorkingDays', year: remaining.year });
  return {
    receivedOn,
    acceptedOn,
    deemedAccepted,
    deadline: deadline.value,
    legalDeadline: legalDeadline.value,
    extended,
    remainingWorkingDays: remaining.value,
    warning,
    paused,
    pausedWorkingDays: pausedWorking,
    stoppedOn,
    undetermined,
  };
}
