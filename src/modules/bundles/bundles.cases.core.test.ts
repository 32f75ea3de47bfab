import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.ts';
import { checkAnswers, flowFromUpstream, memberAnswers, releasable, upstreamIncluded } from './bundles.cases.core.ts';

// A shop opening: lic (营业执照); food and fire wait for lic; sign waits for lic and only when there is a sign; tax
// waits for nothing.
const MEMBERS = [
  { key: 'lic', dependsOn: [] },
  { key: 'food', dependsOn: ['lic'] },
  { key: 'fire', dependsOn: ['lic'] },
  { key: 'sign', dependsOn: ['lic', 'fire'] },
  { key: 'tax', dependsOn: [] },
];
const FORM = [
  {
    key: 'entityName',
    required: true,
    maps: [
      { member: 'lic', field: 'companyName' },
      { member: 'food', field: 'entityName' },
      { member: 'sign', field: 'entityName' },
    ],
  },
  {
    key: 'phone',
    required: true,
    maps: [
      { member: 'lic', field: 'phone' },
      { member: 'fire', field: 'phone' },
    ],
  },
  { key: 'hasSign', required: false, maps: [] },
  { key: 'food__seats', required: true, maps: [{ member: 'food', field: 'seats' }] },
];

test('each merged answer goes to every member field it maps to, only for included members', () => {
  const out = memberAnswers(FORM, { entityName: '味道小馆', phone: '13800138000', hasSign: false, food__seats: 20 }, new Set(['lic', 'food', 'fire']));
  assert.deepEqual(Object.fromEntries(out), {
    lic: { companyName: '味道小馆', phone: '13800138000' },
    food: { entityName: '味道小馆', seats: 20 },
    fire: { phone: '13800138000' },
  });
});

test('an unanswered field answers nothing', () => {
  const out = memberAnswers(FORM, { phone: '13800138000' }, new Set(['lic']));
  assert.deepEqual(out.get('lic'), { phone: '13800138000' });
});

test('answers are checked against the merged form: unknown keys always, required fields when complete', () => {
  assert.doesNotThrow(() => checkAnswers(FORM, { entityName: 'x' }, { complete: false }));
  const unknown = (() => {
    try {
      checkAnswers(FORM, { entityName: 'x', shopName: 'y' }, { complete: false });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(unknown instanceof AppError);
  assert.equal(unknown.code, 'BUNDLE_ANSWERS_INVALID');
  assert.deepEqual(unknown.details, { problems: [{ field: 'shopName', message: 'not a field of this bundle’s form' }] });
  assert.throws(
    () => checkAnswers(FORM, { entityName: 'x', phone: '' }, { complete: true }),
    (e: AppError) =>
      JSON.stringify(e.details) ===
      JSON.stringify({
        problems: [
          { field: 'phone', message: 'required' },
          { field: 'food__seats', message: 'required' },
        ],
      }),
  );
});

test('a member waits for its included dependencies only', () => {
  const all = new Set(MEMBERS.map((m) => m.key));
  assert.deepEqual(upstreamIncluded(MEMBERS, 'sign', all), ['lic', 'fire']);
  assert.deepEqual(upstreamIncluded(MEMBERS, 'sign', new Set(['lic', 'sign'])), ['lic']);
  assert.deepEqual(upstreamIncluded(MEMBERS, 'tax', all), []);
  assert.deepEqual(upstreamIncluded(MEMBERS, 'food', new Set(['food'])), []);
});

test('a waiting member is released when every included upstream member was granted (outcome 0)', () => {
  const all = new Set(MEMBERS.map((m) => m.key));
  const cases: [Record<string, string | null>, string, boolean][] = [
    [{ lic: null }, 'food', false],
    [{ lic: '0' }, 'food', true],
    [{ lic: '1' }, 'food', false],
    [{ lic: '0', fire: null }, 'sign', false],
    [{ lic: '0', fire: '0' }, 'sign', true],
    [{ lic: '0', fire: '2' }, 'sign', false],
    [{}, 'tax', true],
  ];
  for (const [outcomes, key, expected] of cases)
    assert.equal(releasable(MEMBERS, key, all, new Map(Object.entries(outcomes))), expected, `${key} with ${JSON.stringify(outcomes)}`);
});

test('what an upstream licence holds flows into the downstream member’s fields the merged form maps together', () => {
  // The licence of lic carries lic's answers as decided (a corrected name); food's entityName is mapped with it.
  const flow = flowFromUpstream(FORM, 'food', [{ member: 'lic', data: { companyName: '味道小馆（更正）', phone: '13900139000', 事项名称: '企业设立登记' } }]);
  assert.deepEqual(flow, { entityName: '味道小馆（更正）' });
  // fire maps phone with lic; sign maps entityName.
  assert.deepEqual(flowFromUpstream(FORM, 'fire', [{ member: 'lic', data: { companyName: 'A', phone: '13900139000' } }]), { phone: '13900139000' });
  // A licence of a member the downstream does not share a field with brings nothing; neither do non-scalar values.
  assert.deepEqual(flowFromUpstream(FORM, 'food', [{ member: 'fire', data: { phone: '13900139000' } }]), {});
  assert.deepEqual(flowFromUpstream(FORM, 'food', [{ member: 'lic', data: { companyName: { nested: true } } }]), {});
});
