import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSchema } from './catalog.types.ts';
import { agreesWith, diffContent, harmonisationTable } from './diff.ts';
import { sampleContent } from '../../../tests/support/catalog-fixtures.ts';

const a = contentSchema.parse(sampleContent());

test('the version diff names exactly the elements that changed', () => {
  const b = { ...a, promisedLimit: { value: 5, unit: 'working_day' as const }, place: '相山区政务服务中心' };
  const changes = diffContent(a, b);
  assert.deepEqual(
    changes.map((c) => c.element),
    ['place', 'promisedLimit'],
  );
  assert.equal(changes.find((c) => c.element === 'promisedLimit')!.label, '承诺办结时限');
  assert.deepEqual(diffContent(a, { ...a }), []);
});

test('harmonisation marks the implementation that differs from the majority, per element', () => {
  const city = a;
  const county1 = { ...a, place: '相山区政务服务中心' };
  const county2 = { ...a, promisedLimit: { value: 15, unit: 'working_day' as const }, place: '濉溪县政务服务中心' };
  const table = harmonisationTable(
    [
      { key: 'city', content: city },
      { key: 'xs', content: county1 },
      { key: 'sx', content: county2 },
    ],
    ['place', 'hours', 'consultation', 'complaint'],
    null,
  );
  const promised = table.find((r) => r.element === 'promisedLimit')!;
  assert.equal(promised.differs, true);
  assert.deepEqual(promised.differing, ['sx']);
  const place = table.find((r) => r.element === 'place')!;
  assert.equal(place.local, true);
  assert.equal(place.differs, false, 'local elements never count as differences');
  assert.equal(table.find((r) => r.element === 'materials')!.differs, false);
});

test('materials differ by what applicants see, not by internal keys', () => {
  const renamedKey = { ...a, materials: [{ ...a.materials[0], key: 'other-key' }] };
  const extra = { ...a, materials: [...a.materials, { ...a.materials[0], key: 'x', name: '法定代表人身份证明' }] };
  const table = harmonisationTable(
    [
      { key: 'a', content: a },
      { key: 'b', content: renamedKey },
      { key: 'c', content: extra },
    ],
    [],
    null,
  );
  assert.deepEqual(table.find((r) => r.element === 'materials')!.differing, ['c']);
});

test('a template is the reference: every implementation that departs from it is marked', () => {
  const template = { promisedLimit: { value: 5, unit: 'working_day' as const } };
  const table = harmonisationTable(
    [
      { key: 'a', content: a },
      { key: 'b', content: a },
    ],
    [],
    template,
  );
  assert.deepEqual(table.find((r) => r.element === 'promisedLimit')!.differing, ['a', 'b']);
  assert.equal(agreesWith(a, template, []), false);
  assert.equal(agreesWith({ ...a, ...template }, template, []), true);
});
