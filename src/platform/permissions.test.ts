import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, grantFor, permissionsOf, scopeFilter, type RoleGrant } from './permissions.ts';
import { regionContains } from './scope.ts';
// The permission table is built from the modules' declarations, installed when the registry loads.
import '../modules/registry.ts';

test('region containment follows GB/T 2260 prefixes', () => {
  assert.ok(regionContains('340000', '340603'));
  assert.ok(regionContains('340600', '340621'));
  assert.ok(!regionContains('340600', '340100'));
  assert.ok(regionContains('340603', '340603001'));
});

test('an admin scoped to a city manages departments in its counties but not in another city', () => {
  const grants: RoleGrant[] = [{ role: 'admin', regionCode: '340600', departmentId: null }];
  assert.ok(can(grants, 'departments.manage', { regionCode: '340603' }));
  assert.ok(!can(grants, 'departments.manage', { regionCode: '340100' }));
});

test('a department-scoped grant covers only its own department', () => {
  const grants: RoleGrant[] = [{ role: 'supervisor', regionCode: '340600', departmentId: 7 }];
  assert.ok(can(grants, 'audit.read', { regionCode: '340600', departmentId: 7 }));
  assert.ok(!can(grants, 'audit.read', { regionCode: '340600', departmentId: 8 }));
});

test('the granting role is the first that allows the permission', () => {
  const grants: RoleGrant[] = [
    { role: 'clerk', regionCode: null, departmentId: null },
    { role: 'supervisor', regionCode: null, departmentId: null },
  ];
  assert.equal(grantFor(grants, 'audit.read')?.role, 'supervisor');
  const union = permissionsOf(grants);
  assert.ok(union.includes('cases.accept'), 'from the clerk');
  assert.ok(union.includes('audit.read') && union.includes('cases.extend'), 'from the supervisor');
  assert.ok(!union.includes('users.manage'));
  assert.deepEqual(
    permissionsOf([{ role: 'applicant_person', regionCode: null, departmentId: null }]),
    ['cases.apply', 'policies.own'],
    'an applicant applies, and sees the policies and benefits it may get',
  );
});

test('a region-scoped grant does not cover a record whose region is not given', () => {
  const grants: RoleGrant[] = [{ role: 'reviewer', regionCode: '341000', departmentId: null }];
  assert.ok(!can(grants, 'licenses.issue', { departmentId: 7 }));
  assert.ok(can(grants, 'licenses.issue', { regionCode: '341002', departmentId: 7 }));
  assert.ok(!can(grants, 'licenses.issue', { regionCode: '340600', departmentId: 7 }));
});

test('a region-wide permission (the general window, the ratings exchange) ignores the department of a grant with a region', () => {
  const clerk = [{ role: 'clerk' as const, regionCode: '340600', departmentId: 1 }];
  assert.equal(can(clerk, 'cases.accept', { regionCode: '340603', departmentId: 7 }), true);
  assert.equal(can(clerk, 'cases.accept', { regionCode: '340100', departmentId: 1 }), false);
  assert.deepEqual(scopeFilter(clerk, 'cases.accept'), { kind: 'some', scopes: [{ regionPrefix: '3406', departmentId: null }] });
  const reviewer = [{ role: 'reviewer' as const, regionCode: '340600', departmentId: 1 }];
  assert.equal(can(reviewer, 'cases.review', { regionCode: '340603', departmentId: 7 }), false);
  assert.deepEqual(scopeFilter(reviewer, 'cases.review'), { kind: 'some', scopes: [{ regionPrefix: '3406', departmentId: 1 }] });
});
