import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDaysYear } from '../../platform/calendar/chinese-days-source.ts';
import { calendarFromRows } from '../../platform/calendar/working-days.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { clockOf, undeterminedReason } from './cases.views.ts';

// Only 2025 is loaded, as in December before the State Council's notice for the next year is imported.
const cal = calendarFromRows(chineseDaysYear(2025));
const content = {
  legalLimit: { value: 20, unit: 'working_day' },
  promisedLimit: { value: 10, unit: 'working_day' },
  caseType: '2',
  amberDays: 2,
} as unknown as ImplementationContent;

test('a December acceptance keeps its promised date in this year; only the legal date waits for the next year', () => {
  const clock = clockOf(
    cal,
    content,
    [
      { type: 'submitted', onDay: '2025-12-15' },
      { type: 'accepted', onDay: '2025-12-16' },
    ],
    '2025-12-16',
  );
  assert.equal(clock.acceptedOn, '2025-12-16', 'acceptance needs no 2026 day');
  assert.equal(clock.deadline, '2025-12-30', '10 working days: 12-17 … 12-30');
  assert.equal(clock.remainingWorkingDays, 10);
  assert.equal(clock.legalDeadline, null, 'no legal date is guessed');
  assert.deepEqual(clock.undetermined, [{ date: 'legalDeadline', year: 2026 }]);
  assert.equal(clock.warning, 'none');
});

test('art. 32 in December: a case left undecided for 5 working days counts as accepted on receipt, and its dates in this year are computed', () => {
  // Received Wed 12-10; no decision by 12-17 (5 working days on), so accepted on 12-10; the legal limit ends in 2026.
  const clock = clockOf(cal, content, [{ type: 'submitted', onDay: '2025-12-10' }], '2025-12-18');
  assert.equal(clock.acceptedOn, '2025-12-10');
  assert.equal(clock.deemedAccepted, true);
  assert.equal(clock.deadline, '2025-12-24');
  assert.deepEqual(clock.undetermined, [{ date: 'legalDeadline', year: 2026 }]);
});

test('the reason a date waits names the year, in Chinese and English', () => {
  assert.deepEqual(undeterminedReason(2027), { zh: '待国务院公布2027年节假日安排后确定', en: 'set once the State Council publishes the 2027 holidays' });
});
