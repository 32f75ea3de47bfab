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
}

export type Warning = 'none' | 'amber' | 'red';

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

export function computeClock(cal: CalendarData, input: ClockInput): Clock {
  const events = input.events;
  const closing = events.find((e) => CLOSING.has(e.type));
  const stoppedOn = closing?.onDay ?? null;
  const asOf = stoppedOn ?? input.today;

  // Acceptance: the clerk's decision, or deemed on the day of receipt when none came within 5 working days.
  let receivedOn: string | null = null;
  let acceptedOn: string | null = null;
  let deemedAccepted = false;
  let acceptedIndex = -1;
  let receipt: string | null = null;
  for (let i = 0; i < events.length && acceptedOn === null; i++) {
    const e = events[i];
    if (e.type === 'submitted' || (e.type === 'correction_answered' && receipt === null)) {
      receipt = e.onDay;
      receivedOn ??= e.onDay;
      continue;
    }
    if (receipt && ACCEPTANCE_DECISIONS.has(e.type)) {
      const limit = addWorkingDays(cal, receipt, DEEMED_ACCEPTANCE_DAYS);
      if (e.onDay > limit) {
        acceptedOn = receipt;
        deemedAccepted = true;
        acceptedIndex = i;
      } else if (e.type === 'accepted') {
        acceptedOn = e.onDay;
        acceptedIndex = i;
      } else if (e.type === 'correction_requested') {
        receipt = null; // the receipt that counts is the applicant's answer
      } else {
        receipt = null; // refused
        break;
      }
    }
  }
  if (acceptedOn === null && receipt && !closing && input.today > addWorkingDays(cal, receipt, DEEMED_ACCEPTANCE_DAYS)) {
    acceptedOn = receipt;
    deemedAccepted = true;
    acceptedIndex = events.length;
  }
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
  };
  if (acceptedOn === null) return empty;

  // Time not counted after acceptance: special procedures (art. 45) and correction requests until the answer.
  let pausedWorking = 0;
  let pausedNatural = 0;
  let openSince: string | null = null;
  let openKind: string | null = null;
  let extended = false;
  const after = events.slice(acceptedIndex);
  for (const e of after) {
    if (openSince === null && (e.type === 'special_started' || e.type === 'correction_requested')) {
      openSince = e.onDay;
      openKind = e.type === 'special_started' ? 'special' : 'correction';
    } else if (openSince && ((e.type === 'special_ended' && openKind === 'special') || (e.type === 'correction_answered' && openKind === 'correction'))) {
      pausedWorking += workingDaysBetween(cal, openSince, e.onDay);
      pausedNatural += Math.round((Date.parse(e.onDay) - Date.parse(openSince)) / 86_400_000);
      openSince = null;
      openKind = null;
    } else if (e.type === 'extension_granted') {
      extended = true;
    }
  }
  const paused = openSince !== null && !closing;
  if (openSince) {
    pausedWorking += workingDaysBetween(cal, openSince, asOf);
    pausedNatural += Math.max(0, Math.round((Date.parse(asOf) - Date.parse(openSince)) / 86_400_000));
  }

  const onTheSpot = input.caseType === '1';
  const deadline = onTheSpot ? acceptedOn : addLimit(cal, acceptedOn, input.promisedLimit, pausedWorking, pausedNatural);
  const legalDeadline = addLimit(cal, acceptedOn, input.legalLimit, pausedWorking + (extended ? EXTENSION_DAYS : 0), pausedNatural);
  // After an approved extension the case runs on the extended legal deadline.
  const effective = extended && legalDeadline > deadline ? legalDeadline : deadline;
  const remaining = workingDaysBetween(cal, asOf, effective);
  const warning: Warning = closing ? 'none' : remaining < 0 ? 'red' : remaining <= input.amberDays ? 'amber' : 'none';
  return {
    receivedOn,
    acceptedOn,
    deemedAccepted,
    deadline,
    legalDeadline,
    extended,
    remainingWorkingDays: remaining,
    warning,
    paused,
    pausedWorkingDays: pausedWorking,
    stoppedOn,
  };
}
