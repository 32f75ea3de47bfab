import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseDaysYear } from '../../platform/calendar/chinese-days-source.ts';
import { calendarFromRows } from '../../platform/calendar/working-days.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { clockOf } from './cases.views.ts';

// Only 2025 is loaded, as in December before the State Council's notice for the next year is imported.
const cal = calendarFromRows(chineseDaysYear(2025));
const content = {
  legalLimit: { value: 20, unit: 'working_day' },
  promisedLimit: { value: 10, unit: 'working_day' },
  caseType: '2',
  amberDays: 2,
} as unknown as ImplementationContent;

test('a December acceptance whose deadline reaches a year not loaded keeps its acceptance day and names the missing year', () => {
  const clock = clockOf(
    cal,
    content,
    [
      { type: 'submitted', onDay: '2025-12-15' },
      { type: 'accepted', onDay: '2025-12-16' },
    ],
    '2025-12-16',
  );
  assert.equal('calendarMissing' in clock && clock.calendarMissing, 2026);
  assert.equal(clock.acceptedOn, '2025-12-16', 'acceptance needs no 2026 day');
  assert.equal(clock.deadline, null, 'no deadline is guessed');
  assert.equal(clock.warning, 'none');
});

test('art. 32 in December: a case left undecided for 5 working days counts as accepted on receipt, though its deadline reaches a year not loaded', () => {
  // Received Wed 12-10; no decision by 12-17 (5 working days on), so accepted on 12-10; the legal limit ends in 2026.
  const clock = clockOf(cal, content, [{ type: 'submitted', onDay: '2025-12-10' }], '2025-12-18');
  assert.equal('calendarMissing' in clock && clock.calendarMissing, 2026);
  assert.equal(clock.acceptedOn, '2025-12-10');
  assert.equal(clock.deemedAccepted, true);
});
