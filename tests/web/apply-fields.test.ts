// The apply page's pure rules (web/src/features/cases/applyFields.ts): which fields are the applicant's identity, and
// the one state a material's row shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIdentityField, materialState } from '../../web/src/features/cases/applyFields.ts';

test('identity fields: bindings the applicant has a value for', () => {
  const cases: [unknown, 'person' | 'organisation' | undefined, boolean][] = [
    ['applicant.name', 'person', true],
    ['applicant.name', 'organisation', true],
    ['applicant.uscc', 'organisation', true],
    ['applicant.uscc', 'person', false],
    ['applicant.idNumber', 'person', true],
    ['applicant.idNumber', 'organisation', false],
    ['contact.phone', 'person', false],
    ['applicant.salary', 'person', false],
    [undefined, 'person', false],
    ['applicant.name', undefined, true],
    ['applicant.uscc', undefined, false],
  ];
  for (const [bind, kind, expected] of cases) assert.equal(isIdentityField(bind, kind), expected, `${String(bind)} for ${kind}`);
});

test('a material row has one state: what the draft holds, else whether the licence was found', () => {
  type Args = Parameters<typeof materialState>;
  const m = { key: 'business_license', source: 'license', licenseTypeCode: 'T001', required: true } as Args[0];
  const plain = { key: 'application', source: 'applicant', licenseTypeCode: null, required: true } as unknown as Args[0];
  const supplied = (mode: NonNullable<Args[1]>['mode']) => ({ key: 'business_license', mode }) as Args[1];
  const license = { identifier: 'L' } as Args[2];
  assert.equal(materialState(m, undefined, null), 'uploadRequired');
  assert.equal(materialState(m, supplied(null), license), 'licenseFound');
  // uploaded, though no licence is found: uploaded, not also "not found" (the bug)
  assert.equal(materialState(m, supplied('upload'), null), 'upload');
  assert.equal(materialState(m, supplied('license'), license), 'license');
  assert.equal(materialState(m, supplied('pledge'), license), 'pledge');
  assert.equal(materialState(plain, supplied(null), null), 'none');
  assert.equal(materialState(plain, supplied('gap'), null), 'gap');
});
