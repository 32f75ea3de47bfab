// The bundle apply page's pure rules (web/src/features/bundles/bundleForm.ts): which members the answers include
// (the server's rule, bundles.core.ts includedMembers) and which fields of the merged form are asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { includedMembers, isAccountField, mergedSchema, shownMergedFields } from '../../web/src/features/bundles/bundleForm.ts';
import { includedMembers as serverIncluded } from '../../src/modules/bundles/index.ts';

const MEMBERS = [
  { key: 'lic', condition: null },
  { key: 'sign', condition: { field: 'hasSign', op: 'includeWhen' as const, values: [true] } },
  { key: 'card', condition: { field: 'kinds', op: 'excludeWhen' as const, values: ['none'] } },
];

test('the members the answers include, as the server decides them', () => {
  const cases: [Record<string, unknown>, string[]][] = [
    [{}, ['lic', 'card']],
    [{ hasSign: true }, ['lic', 'sign', 'card']],
    [{ hasSign: false, kinds: ['none', 'x'] }, ['lic']],
    [{ kinds: ['x'] }, ['lic', 'card']],
    [{ kinds: 'none' }, ['lic']],
  ];
  for (const [answers, expected] of cases) {
    assert.deepEqual([...includedMembers(MEMBERS, answers)], expected, JSON.stringify(answers));
    assert.deepEqual([...serverIncluded(MEMBERS, answers as never)], expected, `server: ${JSON.stringify(answers)}`);
  }
});

test('merged fields are always asked; a member’s own fields only while it is included; account fields never', () => {
  const form = [
    { key: 'name', schema: { type: 'string', 'x-bind': 'applicant.name' }, required: true, maps: [{ member: 'lic', field: 'name' }], merged: true },
    { key: 'phone', schema: { type: 'string', 'x-bind': 'contact.phone' }, required: true, maps: [{ member: 'lic', field: 'phone' }], merged: true },
    { key: 'sign__size', schema: { type: 'number' }, required: true, maps: [{ member: 'sign', field: 'size' }], merged: false },
  ];
  assert.deepEqual(
    shownMergedFields(form, new Set(['lic'])).map((f) => f.key),
    ['name', 'phone'],
  );
  assert.deepEqual(
    shownMergedFields(form, new Set(['lic', 'sign'])).map((f) => f.key),
    ['name', 'phone', 'sign__size'],
  );
  assert.deepEqual(
    form.filter(isAccountField).map((f) => f.key),
    ['name'],
  );
  const schema = mergedSchema(form) as unknown as { required: string[]; 'x-order': string[]; properties: Record<string, unknown> };
  assert.deepEqual(schema.required, ['name', 'phone', 'sign__size']);
  assert.deepEqual(schema['x-order'], ['name', 'phone', 'sign__size']);
  assert.deepEqual(Object.keys(schema.properties), ['name', 'phone', 'sign__size']);
});
