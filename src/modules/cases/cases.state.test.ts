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

test('allowedActions: the state machine, the actor’s grants in the case’s scope, ownership, an open correction', async () => {
  await import('../registry.ts'); // installs the modules' permissions
  const { allowedActions } = await import('./cases.state.ts');
  const kase = (status: string) => ({ status, regionCode: '340602', departmentId: 7, ownerUserId: 1, agentUserId: null });
  const applicant = { userId: 1, grants: [{ role: 'applicant_person' as const, regionCode: null, departmentId: null }] };
  const stranger = { userId: 2, grants: applicant.grants };
  const clerkHere = { userId: 3, grants: [{ role: 'clerk' as const, regionCode: '340602', departmentId: null }] };
  const clerkThere = { userId: 4, grants: [{ role: 'clerk' as const, regionCode: '340603', departmentId: null }] };
  const reviewer = { userId: 5, grants: [{ role: 'reviewer' as const, regionCode: '340602', departmentId: 7 }] };
  const open = { correctionOpen: true };
  const none = { correctionOpen: false };
  assert.deepEqual(allowedActions(kase('draft'), applicant, none), ['edit_draft', 'submit', 'withdraw']);
  assert.deepEqual(allowedActions(kase('draft'), stranger, none), []);
  assert.deepEqual(allowedActions(kase('submitted'), clerkHere, none), ['request_correction', 'accept', 'refuse']);
  assert.deepEqual(allowedActions(kase('submitted'), clerkThere, none), []);
  assert.deepEqual(allowedActions(kase('correction_requested'), applicant, open), ['answer_correction', 'withdraw']);
  assert.deepEqual(allowedActions(kase('in_review'), reviewer, open), ['claim', 'complete_step', 'transfer_step', 'start_special', 'end_special', 'decide']);
  assert.ok(allowedActions(kase('in_review'), reviewer, none).includes('request_correction'));
  assert.deepEqual(allowedActions(kase('decided'), clerkHere, none), ['deliver']);
  // Who may rate online: the applicant of a closed case, and nobody else.
  for (const status of ['decided', 'delivered', 'refused', 'withdrawn'])
    assert.deepEqual(
      allowedActions(kase(status), applicant, none).filter((a) => a === 'rate'),
      ['rate'],
      status,
    );
  assert.ok(!allowedActions(kase('in_review'), applicant, none).includes('rate'));
  assert.ok(!allowedActions(kase('delivered'), stranger, none).includes('rate'));
});
