import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_ACTIONS, CASE_STATUSES, transitionOf, type CaseAction } from './cases.state.ts';

test('the happy path: draft → submitted → in review → decided → delivered', () => {
  let s = transitionOf('draft', 'submit');
  assert.equal(s, 'submitted');
  s = transitionOf(s, 'accept');
  assert.equal(s, 'in_review');
  s = transitionOf(s, 'decide');
  assert.equal(s, 'decided');
  assert.equal(transitionOf(s, 'deliver'), 'delivered');
});

test('every action outside its allowed statuses is CASE_ILLEGAL_TRANSITION', () => {
  for (const [action, rule] of Object.entries(CASE_ACTIONS) as [CaseAction, { from: readonly string[] }][]) {
    for (const status of CASE_STATUSES) {
      if (rule.from.includes(status)) assert.doesNotThrow(() => transitionOf(status, action));
      else assert.throws(() => transitionOf(status, action), /CASE_ILLEGAL_TRANSITION/, `${action} from ${status}`);
    }
  }
});

test('nothing leaves a closed case', () => {
  for (const closed of ['delivered', 'refused', 'withdrawn'] as const) {
    for (const action of Object.keys(CASE_ACTIONS) as CaseAction[]) assert.throws(() => transitionOf(closed, action));
  }
});
