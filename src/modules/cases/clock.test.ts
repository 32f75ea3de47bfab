import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDaysYear } from '../../platform/calendar/chinese-days-source.ts';
import { calendarFromRows } from '../../platform/calendar/working-days.ts';
import { computeClock, type ClockEvent, type ClockInput } from './clock.ts';

// The State Council holiday notices for 2024 and 2025, as loaded into calendar_day.
const cal = calendarFromRows([2024, 2025].flatMap((y) => chineseDaysYear(y)));
const wd = (value: number) => ({ value, unit: 'working_day' as const });
const ev = (type: string, onDay: string, data?: Record<string, unknown>): ClockEvent => ({ type, onDay, data });
const input = (events: ClockEvent[], today: string, over: Partial<ClockInput> = {}): ClockInput => ({
  events,
  legalLimit: wd(20),
  promisedLimit: wd(10),
  caseType: '2',
  amberDays: 2,
  today,
  ...over,
});

test('the clock starts the working day after acceptance and skips the 2024 National Day holiday', () => {
  // Accepted Fri 2024-09-27; 9-29 (Sun) is a make-up working day; 10-01…10-07 are off.
  const c = computeClock(cal, input([ev('submitted', '2024-09-27'), ev('accepted', '2024-09-27')], '2024-09-30'));
  assert.equal(c.acceptedOn, '2024-09-27');
  assert.equal(c.deadline, '2024-10-16'); // 10 working days: 9-29, 9-30, 10-8 … 10-11, 10-12 (Sat, make-up), 10-14 … 10-16
  assert.equal(c.legalDeadline, '2024-10-30');
  assert.equal(c.remainingWorkingDays, 8);
  assert.equal(c.warning, 'none');
});

test('2025 Spring Festival: a promise of 5 working days from 2025-01-24 ends on 2025-02-07', () => {
  // 01-26 (Sun) is a make-up day; 01-28 … 02-04 off; 02-08 (Sat) make-up.
  const c = computeClock(cal, input([ev('submitted', '2025-01-24'), ev('accepted', '2025-01-24')], '2025-01-24', { promisedLimit: wd(5) }));
  assert.equal(c.deadline, '2025-02-07'); // 01-26 (make-up), 01-27, 02-05, 02-06, 02-07
});

test('amber when two or fewer working days remain, red once the deadline has passed', () => {
  const events = [ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03')];
  const at = (today: string) => computeClock(cal, input(events, today, { promisedLimit: wd(5) }));
  assert.equal(at('2025-03-05').warning, 'none'); // deadline 03-10, 3 left
  assert.equal(at('2025-03-06').warning, 'amber');
  assert.equal(at('2025-03-10').remainingWorkingDays, 0);
  assert.equal(at('2025-03-10').warning, 'amber');
  assert.equal(at('2025-03-11').warning, 'red');
  assert.equal(at('2025-03-11').remainingWorkingDays, -1);
});

test('a special procedure (hearing) stops the clock between its start and end (art. 45)', () => {
  const base = [ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03'), ev('special_started', '2025-03-05', { kind: 'hearing' })];
  const during = computeClock(cal, input(base, '2025-03-12'));
  assert.equal(during.paused, true);
  assert.equal(during.pausedWorkingDays, 5); // 03-06 … 03-12
  assert.equal(during.remainingWorkingDays, 8, 'frozen at what was left when the hearing began');
  const ended = computeClock(cal, input([...base, ev('special_ended', '2025-03-12')], '2025-03-13'));
  assert.equal(ended.paused, false);
  assert.equal(ended.deadline, '2025-03-24'); // 03-17 plus the 5 paused working days
  assert.equal(ended.legalDeadline, '2025-04-08'); // 25 working days, over 清明 (04-04 off)
});

test('an extension moves the legal deadline by 10 working days, and warnings follow it (art. 42)', () => {
  const events = [ev('submitted', '2025-09-01'), ev('accepted', '2025-09-01'), ev('extension_granted', '2025-09-20')];
  const c = computeClock(cal, input(events, '2025-09-22'));
  assert.equal(c.extended, true);
  // 20 working days from 09-01 end on Sunday 09-28, a make-up working day; +10 over National Day (10-01 … 10-08
  // off, 10-11 a make-up day) end on 10-17.
  assert.equal(c.legalDeadline, '2025-10-17');
  const before = computeClock(cal, input(events.slice(0, 2), '2025-09-22'));
  assert.equal(before.legalDeadline, '2025-09-28');
  assert.equal(c.warning, 'none');
  assert.equal(before.warning, 'red', 'without the extension the promise of 10 days is already broken');
});

test('a correction request after acceptance stops the clock until the applicant answers', () => {
  const events = [
    ev('submitted', '2025-03-03'),
    ev('accepted', '2025-03-03'),
    ev('correction_requested', '2025-03-04'),
    ev('correction_answered', '2025-03-11'),
  ];
  const c = computeClock(cal, input(events, '2025-03-11'));
  assert.equal(c.pausedWorkingDays, 5);
  assert.equal(c.deadline, '2025-03-24');
});

test('a correction request before acceptance: the clock starts at acceptance after the answer', () => {
  const events = [
    ev('submitted', '2025-03-03'),
    ev('correction_requested', '2025-03-04'),
    ev('correction_answered', '2025-03-10'),
    ev('accepted', '2025-03-11'),
  ];
  const c = computeClock(cal, input(events, '2025-03-11'));
  assert.equal(c.acceptedOn, '2025-03-11');
  assert.equal(c.deemedAccepted, false);
  assert.equal(c.pausedWorkingDays, 0);
});

test('no decision on acceptance within 5 working days: accepted on the day of receipt (art. 32)', () => {
  const submitted = [ev('submitted', '2024-09-27')];
  assert.equal(computeClock(cal, input(submitted, '2024-10-09')).acceptedOn, null); // 5 working days end 10-10
  const late = computeClock(cal, input(submitted, '2024-10-11'));
  assert.equal(late.acceptedOn, '2024-09-27');
  assert.equal(late.deemedAccepted, true);
  const acceptedLate = computeClock(cal, input([...submitted, ev('accepted', '2024-10-14')], '2024-10-14'));
  assert.deepEqual([acceptedLate.acceptedOn, acceptedLate.deemedAccepted], ['2024-09-27', true]);
  const acceptedInTime = computeClock(cal, input([...submitted, ev('accepted', '2024-10-10')], '2024-10-14'));
  assert.deepEqual([acceptedInTime.acceptedOn, acceptedInTime.deemedAccepted], ['2024-10-10', false]);
});

test('an on-the-spot case (即办件) is due the day it is accepted', () => {
  const c = computeClock(cal, input([ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03')], '2025-03-04', { caseType: '1' }));
  assert.equal(c.deadline, '2025-03-03');
  assert.equal(c.warning, 'red');
});

test('natural-day limits end on the next working day when the last day is a holiday (民法典 art. 203)', () => {
  const c = computeClock(
    cal,
    input([ev('submitted', '2025-09-26'), ev('accepted', '2025-09-26')], '2025-09-26', {
      promisedLimit: { value: 7, unit: 'natural_day' },
      legalLimit: { value: 30, unit: 'natural_day' },
    }),
  );
  assert.equal(c.deadline, '2025-10-09'); // 10-03 is in the holiday; the next working day is 10-09
  assert.equal(c.legalDeadline, '2025-10-27'); // 10-26 is a Sunday
});

test('a decision stops the clock: no warning after it, remaining counted to the decision day', () => {
  const events = [ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03'), ev('decided', '2025-03-07', { outcome: '0' })];
  const c = computeClock(cal, input(events, '2025-04-30'));
  assert.equal(c.stoppedOn, '2025-03-07');
  assert.equal(c.remainingWorkingDays, 6); // deadline 03-17: 03-10 … 03-14 and 03-17
  assert.equal(c.warning, 'none');
});

// Year end: only 2024 and 2025 are loaded, as in December before the State Council publishes the next year's
// holidays. Every date that can be computed is; each one that reaches 2026 is null and named in `undetermined`.
const yearEnd: {
  name: string;
  events: ClockEvent[];
  today: string;
  over?: Partial<ClockInput>;
  deadline: string | null;
  legalDeadline: string | null;
  remaining: number | null;
  warning: 'none' | 'amber' | 'red';
  undetermined: string[];
}[] = [
  {
    name: 'accepted 12-05: the promised date (12-19) stands though the legal one reaches 2026',
    events: [ev('submitted', '2025-12-05'), ev('accepted', '2025-12-05')],
    today: '2025-12-08',
    deadline: '2025-12-19',
    legalDeadline: null,
    remaining: 9,
    warning: 'none',
    undetermined: ['legalDeadline'],
  },
  {
    name: 'the amber warning fires on the promised date that exists',
    events: [ev('submitted', '2025-12-05'), ev('accepted', '2025-12-05')],
    today: '2025-12-17',
    deadline: '2025-12-19',
    legalDeadline: null,
    remaining: 2,
    warning: 'amber',
    undetermined: ['legalDeadline'],
  },
  {
    name: 'the red warning fires on the promised date that exists',
    events: [ev('submitted', '2025-12-05'), ev('accepted', '2025-12-05')],
    today: '2025-12-22',
    deadline: '2025-12-19',
    legalDeadline: null,
    remaining: -1,
    warning: 'red',
    undetermined: ['legalDeadline'],
  },
  {
    name: 'accepted 12-22: both dates reach 2026, so both wait, and so do the working days left',
    events: [ev('submitted', '2025-12-22'), ev('accepted', '2025-12-22')],
    today: '2025-12-22',
    deadline: null,
    legalDeadline: null,
    remaining: null,
    warning: 'none',
    undetermined: ['deadline', 'legalDeadline', 'remainingWorkingDays'],
  },
  {
    name: 'a deadline in 2026 is amber once even the working days left in 2025 are within the amber days',
    events: [ev('submitted', '2025-12-22'), ev('accepted', '2025-12-22')],
    today: '2025-12-30',
    deadline: null,
    legalDeadline: null,
    remaining: null,
    warning: 'amber',
    undetermined: ['deadline', 'legalDeadline', 'remainingWorkingDays'],
  },
  {
    name: 'an extension that reaches 2026: the promised date stays shown, the case runs on the extended date that waits (art. 42)',
    events: [ev('submitted', '2025-11-28'), ev('accepted', '2025-11-28'), ev('extension_granted', '2025-12-10')],
    today: '2025-12-15',
    deadline: '2025-12-12',
    legalDeadline: null,
    remaining: null,
    warning: 'none',
    undetermined: ['legalDeadline', 'remainingWorkingDays'],
  },
  {
    name: 'natural days: a promise ending on Saturday 12-27 moves to 12-29; a legal day in 2026 waits, since it may be a holiday (民法典 art. 203)',
    events: [ev('submitted', '2025-12-20'), ev('accepted', '2025-12-20')],
    today: '2025-12-22',
    over: { promisedLimit: { value: 7, unit: 'natural_day' }, legalLimit: { value: 30, unit: 'natural_day' } },
    deadline: '2025-12-29',
    legalDeadline: null,
    remaining: 5,
    warning: 'none',
    undetermined: ['legalDeadline'],
  },
  {
    name: 'today in a year not loaded: a deadline passed in 2025 is red, the working days since wait',
    events: [ev('submitted', '2025-12-01'), ev('accepted', '2025-12-01')],
    today: '2026-01-05',
    deadline: '2025-12-15',
    legalDeadline: '2025-12-29',
    remaining: null,
    warning: 'red',
    undetermined: ['remainingWorkingDays'],
  },
];

for (const c of yearEnd) {
  test(`year end: ${c.name}`, () => {
    const clock = computeClock(cal, input(c.events, c.today, c.over));
    assert.equal(clock.deadline, c.deadline, 'deadline');
    assert.equal(clock.legalDeadline, c.legalDeadline, 'legal deadline');
    assert.equal(clock.remainingWorkingDays, c.remaining, 'working days left');
    assert.equal(clock.warning, c.warning, 'warning');
    assert.deepEqual(
      clock.undetermined,
      c.undetermined.map((date) => ({ date, year: 2026 })),
    );
  });
}

test('a clock within the loaded calendar has no undetermined date', () => {
  const c = computeClock(cal, input([ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03')], '2025-03-05'));
  assert.deepEqual(c.undetermined, []);
});

test('a pause that began in a year not loaded leaves every date waiting, never guessed', () => {
  const events = [ev('submitted', '2025-12-29'), ev('accepted', '2025-12-29'), ev('correction_requested', '2025-12-30')];
  const c = computeClock(cal, input(events, '2026-01-06'));
  assert.equal(c.paused, true);
  assert.deepEqual([c.deadline, c.legalDeadline, c.remainingWorkingDays, c.warning], [null, null, null, 'none']);
  assert.deepEqual(
    c.undetermined.map((u) => u.date),
    ['deadline', 'legalDeadline', 'remainingWorkingDays'],
  );
});

test('a hearing that overlaps a correction request pauses the clock over both, counting each day once', () => {
  const events = [
    ev('submitted', '2025-03-03'),
    ev('accepted', '2025-03-03'),
    ev('correction_requested', '2025-03-04'),
    ev('special_started', '2025-03-05'),
    ev('correction_answered', '2025-03-06'),
    ev('special_ended', '2025-03-31'),
  ];
  const c = computeClock(cal, input(events, '2025-04-01'));
  assert.equal(c.pausedWorkingDays, 19); // 03-05 … 03-31: the union of both intervals
  assert.equal(c.deadline, '2025-04-14'); // 10 + 19 working days from 03-03, over 清明
  assert.equal(c.warning, 'none');
});

test('an extension of a natural-day legal limit adds 10 working days to it', () => {
  const events = [ev('submitted', '2025-03-03'), ev('accepted', '2025-03-03'), ev('extension_granted', '2025-03-10')];
  const c = computeClock(
    cal,
    input(events, '2025-03-10', { legalLimit: { value: 30, unit: 'natural_day' }, promisedLimit: { value: 20, unit: 'natural_day' } }),
  );
  assert.equal(computeClock(cal, input(events.slice(0, 2), '2025-03-10', { legalLimit: { value: 30, unit: 'natural_day' } })).legalDeadline, '2025-04-02');
  assert.equal(c.legalDeadline, '2025-04-17'); // 04-02 plus 10 working days, over 清明
});

test('the weekend right after a deadline is already red', () => {
  const events = [ev('submitted', '2025-02-24'), ev('accepted', '2025-02-24')];
  const c = computeClock(cal, input(events, '2025-03-08', { promisedLimit: wd(9) })); // deadline Fri 03-07
  assert.equal(c.deadline, '2025-03-07');
  assert.equal(c.warning, 'red');
});
