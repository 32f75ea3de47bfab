import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapContent, mergeTemplateChange } from './bundles.adoption.core.ts';
import type { BundleContent } from './bundles.types.ts';

// Adopting and taking a template's change (ADR 0045, 2026-12-07), pure: the members mapped onto the district's own
// implementations; a three-way merge that takes what the template changed and keeps what the district changed.

const member = (key: string, implementationCode: string, dependsOn: string[] = []) => ({ key, implementationCode, dependsOn, condition: null });
const base: BundleContent = {
  name: '开办餐饮店',
  theme: '开店',
  audience: 'organisation',
  eligibility: '',
  summary: '一次办好',
  outcomes: [],
  promisedDays: 5,
  visits: 1,
  steps: ['申请', '受理', '办结'],
  onMemberRefused: 'hold',
  members: [member('license', 'C-LIC'), member('food', 'C-FOOD', ['license']), member('sign', 'C-SIGN', ['license'])],
  fields: [
    { key: 'shopName', title: '店名', maps: [{ member: 'license', field: 'name' }], schema: null },
    { key: 'signSize', title: '招牌尺寸', maps: [{ member: 'sign', field: 'size' }], schema: null },
  ],
};

test('mapping: a member becomes the district’s implementation where it has one, else keeps the template’s', () => {
  const { content, mappings } = mapContent(base, new Map([['C-FOOD', 'D-FOOD']]));
  assert.deepEqual(
    content.members.map((m) => m.implementationCode),
    ['C-LIC', 'D-FOOD', 'C-SIGN'],
  );
  assert.deepEqual(mappings[1], { member: 'food', from: 'C-FOOD', to: 'D-FOOD' });
  assert.equal(mappings[0].to, null);
  // The template itself is left as it was.
  assert.equal(base.members[1].implementationCode, 'C-FOOD');
});

test('merge: what the template changed is taken, what the district changed and the template left alone is kept', () => {
  // The district dropped the sign (and its field) and promises 7 days.
  const ours: BundleContent = { ...structuredClone(base), promisedDays: 7, members: base.members.slice(0, 2), fields: base.fields.slice(0, 1) };
  // The template renames a step, adds a member depending on the food licence, and changes the food member's dependency.
  const theirs: BundleContent = {
    ...structuredClone(base),
    steps: ['网上申请', '受理', '办结'],
    members: [member('license', 'C-LIC'), member('food', 'C-FOOD', []), member('sign', 'C-SIGN', ['license']), member('tax', 'C-TAX', ['license'])],
  };
  const { content, changed } = mergeTemplateChange(base, theirs, ours);
  assert.deepEqual(content.steps, theirs.steps);
  assert.equal(content.promisedDays, 7, 'the template left the promise alone: the district’s stays');
  assert.deepEqual(
    content.members.map((m) => [m.key, m.dependsOn]),
    [
      ['license', []],
      ['food', []],
      ['tax', ['license']],
    ],
  );
  assert.deepEqual(content.fields, ours.fields, 'the sign stays out with its field');
  assert.deepEqual(changed, ['steps', 'members.food', 'members.tax']);
});

test('merge: a member the template drops goes, with the dependencies and field mappings naming it', () => {
  const theirs: BundleContent = { ...structuredClone(base), members: base.members.filter((m) => m.key !== 'license').map((m) => ({ ...m })) };
  const { content, changed } = mergeTemplateChange(base, theirs, structuredClone(base));
  assert.deepEqual(
    content.members.map((m) => [m.key, m.dependsOn]),
    [
      ['food', []],
      ['sign', []],
    ],
  );
  assert.deepEqual(content.fields.find((f) => f.key === 'shopName')!.maps, []);
  assert.ok(changed.includes('members.license'));
  // Nothing changed: nothing taken.
  assert.deepEqual(mergeTemplateChange(base, base, base).changed, []);
});
