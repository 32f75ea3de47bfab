import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figures, fromShape, isBad, sanitiseComment, toShape, type Level } from './ratings.codes.ts';

test('level codes map both ways between the national standard and the evaluation interfaces', () => {
  assert.equal(toShape('1', 'national'), '1');
  assert.equal(toShape('1', 'interface'), '5', '非常满意 is 5 on the interfaces');
  assert.equal(toShape('5', 'interface'), '1');
  assert.equal(fromShape('5', 'interface'), '1');
  assert.equal(fromShape(2, 'interface'), '4');
  for (const level of ['1', '2', '3', '4', '5'] as Level[]) {
    for (const shape of ['national', 'interface'] as const) assert.equal(fromShape(toShape(level, shape), shape), level);
  }
  assert.equal(fromShape('6', 'national'), undefined);
  assert.equal(fromShape('x', 'interface'), undefined);
});

test('不满意 and 非常不满意 are bad ratings', () => {
  assert.deepEqual(['1', '2', '3', '4', '5'].map(isBad), [false, false, false, true, true]);
});

test('comments are sanitised', () => {
  assert.equal(sanitiseComment('  很好<script>alert(1)</script>\u0007  谢谢 '), '很好alert(1) 谢谢');
  assert.equal(sanitiseComment('x'.repeat(600)).length, 500);
});

test('the formulas: satisfaction, good, bad, remedy, follow-up and active rating rates', () => {
  const f = figures({
    total: 200,
    byLevel: { '1': 120, '2': 50, '3': 20, '4': 6, '5': 4 },
    remediedAndReplied: 9,
    followedUp: 10,
    unreachable: 0,
    active: 150,
    ratable: 220,
  });
  assert.deepEqual(f, {
    ratings: 200,
    badRatings: 10,
    satisfactionRate: 95,
    goodRate: 85,
    badRate: 5,
    remedyRate: 90,
    followUpRate: 100,
    followUpUnreachable: 0,
    activeRatingRate: 68.18,
  });
  // 无法回访 is not a follow-up: 6 reached and 4 anonymous of 10 bad ratings is 60 %, never 100 %.
  const anonymous = figures({
    total: 200,
    byLevel: { '1': 120, '2': 50, '3': 20, '4': 6, '5': 4 },
    remediedAndReplied: 9,
    followedUp: 6,
    unreachable: 4,
    active: 150,
    ratable: 220,
  });
  assert.equal(anonymous.followUpRate, 60);
  assert.equal(anonymous.followUpUnreachable, 4);
  const none = figures({
    total: 0,
    byLevel: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    remediedAndReplied: 0,
    followedUp: 0,
    unreachable: 0,
    active: 0,
    ratable: 0,
  });
  assert.equal(none.satisfactionRate, null);
  assert.equal(none.remedyRate, null, 'no bad ratings: nothing to remedy, not 0%');
});
