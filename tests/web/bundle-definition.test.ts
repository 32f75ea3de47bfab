// The bundle editor's pure edits (web/src/features/bundles/bundleDefinition.ts): what adding and removing members
// does to the rest of the definition, conditions, typed condition values, and the member fields offered to a merged
// field with their provenance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addMember,
  conditionValues,
  memberFieldOptions,
  memberKeyFor,
  removeMember,
  setCondition,
  type DefinitionLike,
} from '../../web/src/features/bundles/bundleDefinition.ts';

const base = (): DefinitionLike & { fields: { key: string; title: string; maps: { member: string; field: string }[] }[] } => ({
  members: [
    { key: 'license', implementationCode: '340600-XK-0002', dependsOn: [], condition: null },
    { key: 'food', implementationCode: '340600-XK-0001', dependsOn: ['license'], condition: null },
    { key: 'tax', implementationCode: '340600-QT-0003', dependsOn: ['license', 'food'], condition: null },
  ],
  fields: [
    {
      key: 'entityName',
      title: '企业名称',
      maps: [
        { member: 'license', field: 'companyName' },
        { member: 'food', field: 'entityName' },
      ],
    },
    { key: 'hasSign', title: '是否设置户外招牌', maps: [] },
  ],
});

test('removing a member removes what points at it: the others’ dependencies and the merged fields’ maps', () => {
  const next = removeMember(base(), 'food');
  assert.deepEqual(
    next.members.map((m) => [m.key, m.dependsOn]),
    [
      ['license', []],
      ['tax', ['license']],
    ],
  );
  assert.deepEqual(next.fields[0].maps, [{ member: 'license', field: 'companyName' }]);
});

test('an added member gets a key of its item code, unique within the bundle, in parallel and without condition', () => {
  const cases: [string, string][] = [
    ['340600-XK-0011', 'xk0011'],
    ['340600-XK-0002', 'xk0002'],
    ['12345', 'm12345'],
  ];
  for (const [code, key] of cases) assert.equal(memberKeyFor(base(), code), key, code);
  const once = addMember(base(), '340600-XK-0011');
  const twice = addMember(once, '340621-XK-0011');
  assert.deepEqual(twice.members.slice(-2), [
    { key: 'xk0011', implementationCode: '340600-XK-0011', dependsOn: [], condition: null },
    { key: 'xk0011a', implementationCode: '340621-XK-0011', dependsOn: [], condition: null },
  ]);
});

test('a condition starts on the first merged field with true, changes in parts and is cleared with null', () => {
  let c = setCondition(base(), 'tax', { op: 'excludeWhen' });
  assert.deepEqual(c.members[2].condition, { field: 'entityName', op: 'excludeWhen', values: [true] });
  c = setCondition(c, 'tax', { field: 'hasSign', values: [false] });
  assert.deepEqual(c.members[2].condition, { field: 'hasSign', op: 'excludeWhen', values: [false] });
  assert.equal(setCondition(c, 'tax', null).members[2].condition, null);
});

test('condition values are typed as their field holds them', () => {
  const cases: [string[], string | undefined, unknown[]][] = [
    [['true', 'false'], 'boolean', [true, false]],
    [['3', 'x'], 'integer', [3, 'x']],
    [['3'], 'string', ['3']],
    [['true'], undefined, ['true']],
  ];
  for (const [texts, type, expected] of cases) assert.deepEqual(conditionValues(texts, type), expected, `${type}: ${texts.join(',')}`);
});

test('the member fields offered to a merged field, each named with its member (provenance)', () => {
  const evaluation = {
    form: [
      { key: 'entityName', title: '企业名称', merged: true, maps: [{ member: 'license', field: 'companyName' }] },
      { key: 'food__shopAddress', title: '经营场所', merged: false, maps: [{ member: 'food', field: 'shopAddress' }] },
    ],
  };
  const names: Record<string, string> = { license: '营业执照', food: '食品经营许可' };
  assert.deepEqual(
    memberFieldOptions(evaluation, (k) => names[k]),
    [
      { value: 'license.companyName', label: '营业执照 · companyName' },
      { value: 'food.shopAddress', label: '食品经营许可 · 经营场所' },
    ],
  );
  assert.deepEqual(
    memberFieldOptions(undefined, (k) => k),
    [],
  );
});
