import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDaysYear } from './chinese-days-source.ts';
import { addWorkingDays, calendarFromRows, isWorkday, workingDaysBetween, yearToLoad } from './working-days.ts';

// The State Council notices for 2024 and 2025, as chinese-days ships them.
const cal = calendarFromRows([2023, 2024, 2025].flatMap((y) => chineseDaysYear(y)));

test('contract: 2024-09-27 plus 5 working days is 2024-10-10 (国庆 off, 9-29 is a make-up working day)', () => {
  assert.equal(addWorkingDays(cal, '2024-09-27', 5), '2024-10-10');
});

test('the day counted from is not counted, whether or not it is a working day', () => {
  assert.equal(addWorkingDays(cal, '2024-10-08', 1), '2024-10-09');
  assert.equal(addWorkingDays(cal, '2024-10-05', 1), '2024-10-08');
});

test('make-up working days (调休) count; statutory holidays do not', () => {
  assert.equal(isWorkday(cal, '2024-09-29'), true); // Sunday, 调休上班
  assert.equal(isWorkday(cal, '2024-10-12'), true); // Saturday, 调休上班
  assert.equal(isWorkday(cal, '2024-10-01'), false);
  assert.equal(isWorkday(cal, '2025-09-28'), true);
  assert.equal(isWorkday(cal, '2025-10-11'), true);
  assert.equal(isWorkday(cal, '2025-10-08'), false); // 2025 国庆中秋 ran 10-01 … 10-08
});

test('2025 Spring Festival: 20 working days from 2025-01-20 land on 2025-02-21', () => {
  // 01-26 (Sun) and 02-08 (Sat) are make-up days; 01-28 … 02-04 are off.
  assert.equal(addWorkingDays(cal, '2025-01-20', 5), '2025-01-26');
  assert.equal(addWorkingDays(cal, '2025-01-20', 20), '2025-02-21');
});

test('2025 National Day: from 2025-09-26, 20 working days land on 2025-10-30', () => {
  assert.equal(addWorkingDays(cal, '2025-09-26', 20), '2025-10-30');
  assert.equal(addWorkingDays(cal, '2025-09-30', 1), '2025-10-09');
});

test('negative counts go back over holidays', () => {
  assert.equal(addWorkingDays(cal, '2024-10-10', -5), '2024-09-27');
  assert.equal(addWorkingDays(cal, '2025-10-09', -1), '2025-09-30');
});

test('zero days is the day itself', () => {
  assert.equal(addWorkingDays(cal, '2024-10-01', 0), '2024-10-01');
});

test('counting into a year that is not loaded fails with CALENDAR_YEAR_MISSING, never a guess', () => {
  assert.throws(
    () => addWorkingDays(cal, '2025-12-29', 5),
    (e: Error & { code?: string; details?: { year: number } }) => {
      assert.equal(e.code, 'CALENDAR_YEAR_MISSING');
      assert.equal(e.details?.year, 2026);
      return true;
    },
  );
  assert.throws(() => addWorkingDays(cal, '2023-01-03', -5), /CALENDAR_YEAR_MISSING/);
});

test('working days between two dates inverts addition', () => {
  assert.equal(workingDaysBetween(cal, '2024-09-27', '2024-10-10'), 5);
  assert.equal(workingDaysBetween(cal, '2024-10-10', '2024-09-27'), -5);
  assert.equal(workingDaysBetween(cal, '2024-10-01', '2024-10-07'), 0);
  for (const [from, n] of [
    ['2025-01-20', 20],
    ['2025-09-26', 20],
    ['2024-04-01', 13],
  ] as const) {
    assert.equal(workingDaysBetween(cal, from, addWorkingDays(cal, from, n)), n);
  }
});

test('the index answers exactly as the day-by-day walk, errors included, also across a year that is not loaded', () => {
  // 2024 left out: a count that crosses it must fail on 2024-01-01 as the walk does.
  for (const years of [
    [2023, 2024, 2025],
    [2023, 2025],
  ]) {
    const indexed = calendarFromRows(years.flatMap((y) => chineseDaysYear(y)));
    const walked = { days: indexed.days, years: indexed.years }; // no index: the day-by-day way
    assert.ok(indexed.index);
    const outcome = (f: () => string | number) => {
      try {
        return f();
      } catch (e) {
        return `${(e as { code?: string }).code}:${JSON.stringify((e as { details?: unknown }).details)}`;
      }
    };
    // Deterministic pseudo-random dates from late 2022 to early 2026, and counts up to a year of working days.
    let seed = 20261122;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const day = () => new Date(Date.UTC(2022, 11, 1) + Math.floor(next() * 1200) * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 3000; k++) {
      const from = day();
      const to = day();
      const n = Math.floor(next() * 260) - 10;
      assert.deepEqual(
        outcome(() => addWorkingDays(indexed, from, n)),
        outcome(() => addWorkingDays(walked, from, n)),
        `${from} + ${n}`,
      );
      assert.deepEqual(
        outcome(() => workingDaysBetween(indexed, from, to)),
        outcome(() => workingDaysBetween(walked, from, to)),
        `${from} … ${to}`,
      );
    }
  }
});

test('the year to load: this year when missing, the next from 1 October, else none', () => {
  const loaded = [2024, 2025, 2026];
  assert.equal(yearToLoad(loaded, '2026-09-30'), null);
  assert.equal(yearToLoad(loaded, '2026-10-01'), 2027);
  assert.equal(yearToLoad(loaded, '2026-12-31'), 2027);
  assert.equal(yearToLoad(loaded, '2027-01-04'), 2027, 'a year already begun and still missing');
  assert.equal(yearToLoad([...loaded, 2027], '2026-12-31'), null);
  assert.equal(yearToLoad([2024], '2026-03-01'), 2026, 'this year before the next');
});
