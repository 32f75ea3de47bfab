// The policy condition editor's form (web/src/features/policies/conditionForm.ts): each operator the form offers
// writes a ZEN unary test that the engine decides as the operator says, and reads back into the same form; a test of
// another shape stays an expression, unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formOf, formProblem, testOf, withOperator, type FactType, type TestForm } from '../../web/src/features/policies/conditionForm.ts';
import { zenEngine } from '../../src/modules/rules/index.ts';
import { contentOf, factId, newKey, rowsOf } from '../../web/src/features/policies/conditionContent.ts';

const CASES: { type: FactType; form: TestForm; test: string; pass: unknown[]; fail: unknown[] }[] = [
  { type: 'number', form: { op: 'gte', value: 80 }, test: '>= 80', pass: [80, 95], fail: [79.5] },
  { type: 'number', form: { op: 'gt', value: 0.5 }, test: '> 0.5', pass: [1], fail: [0.5] },
  { type: 'number', form: { op: 'lte', value: 100 }, test: '<= 100', pass: [100], fail: [101] },
  { type: 'number', form: { op: 'lt', value: -1 }, test: '< -1', pass: [-2], fail: [-1] },
  { type: 'number', form: { op: 'eq', value: 3 }, test: '3', pass: [3], fail: [4] },
  { type: 'number', form: { op: 'between', value: 1, upper: 5 }, test: '[1..5]', pass: [1, 5], fail: [0, 6] },
  { type: 'string', form: { op: 'oneOf', value: ['340603', '340604'] }, test: '"340603", "340604"', pass: ['340604'], fail: ['340602'] },
  { type: 'string', form: { op: 'oneOf', value: ['带"引号', '淮北'] }, test: `'带"引号', "淮北"`, pass: ['带"引号'], fail: ['带'] },
  { type: 'string', form: { op: 'startsWith', value: '3406' }, test: 'startsWith($, "3406")', pass: ['340603'], fail: ['320102'] },
  { type: 'boolean', form: { op: 'is', value: true }, test: 'true', pass: [true], fail: [false] },
  { type: 'boolean', form: { op: 'is', value: false }, test: 'false', pass: [false], fail: [true] },
  {
    type: 'date',
    form: { op: 'onOrAfter', value: '2025-01-01' },
    test: 'date($) >= date("2025-01-01")',
    pass: ['2025-01-01', '2026-03-01'],
    fail: ['2024-12-31'],
  },
  { type: 'date', form: { op: 'onOrBefore', value: '2025-01-01' }, test: 'date($) <= date("2025-01-01")', pass: ['2024-06-01'], fail: ['2025-01-02'] },
];

test('each operator writes the test the engine decides as it says, and reads back into the same form', () => {
  for (const c of CASES) {
    assert.equal(formProblem(c.type, c.form), null, c.test);
    assert.equal(testOf(c.form), c.test);
    assert.deepEqual(formOf(c.type, c.test), c.form, c.test);
    for (const v of c.pass) assert.equal(zenEngine.test(c.test, v), true, `${c.test} passes ${String(v)}`);
    for (const v of c.fail) assert.equal(zenEngine.test(c.test, v), false, `${c.test} fails ${String(v)}`);
  }
});

test('a test of another shape is kept as an expression, unchanged', () => {
  for (const [type, t] of [
    ['number', '>= 1 and <= 9'],
    ['string', 'endsWith($, "X")'],
    ['boolean', 'not(true)'],
    ['date', '> date("2025-01-01")'],
    ['number', '"1"'],
  ] as const) {
    const f = formOf(type, t);
    assert.equal(f.op, 'expression', t);
    assert.equal(testOf(f), t);
  }
});

test('a form without its value, or with a range upside down, makes no test', () => {
  assert.equal(formProblem('number', { op: 'gte', value: null }), 'value');
  assert.equal(formProblem('number', { op: 'between', value: 9, upper: 1 }), 'range');
  assert.equal(formProblem('string', { op: 'oneOf', value: ['  '] }), 'value');
  assert.equal(formProblem('string', { op: 'startsWith', value: `a"b'c` }), 'quote', 'ZEN strings have no escapes');
  assert.equal(formProblem('date', { op: 'onOrAfter', value: '2025-1-1' }), 'value');
  assert.equal(formProblem('string', { op: 'expression', value: null, expression: ' ' }), 'value');
});

test('changing the operator keeps the value where it still fits', () => {
  assert.deepEqual(withOperator('number', { op: 'gte', value: 5 }, 'lt'), { op: 'lt', value: 5, upper: undefined });
  assert.deepEqual(withOperator('string', { op: 'startsWith', value: '34' }, 'oneOf'), { op: 'oneOf', value: ['34'] });
  assert.deepEqual(withOperator('number', { op: 'gte', value: 5 }, 'expression'), { op: 'expression', value: null, expression: '>= 5' });
});

test('the rows give back the stored content, and a changed fact keeps the other inputs’ keys and the golden values', () => {
  const stored = {
    inputs: [
      { key: 'region', type: 'string' as const, labelZh: '所在地区', labelEn: '', source: { kind: 'profile' as const, attribute: 'regionCode' as const } },
      { key: 'tag', type: 'boolean' as const, labelZh: '小微企业', labelEn: '', source: { kind: 'tag' as const, tag: '小微企业' } },
    ],
    conditions: [
      { key: 'local', input: 'region', test: 'startsWith($, "3406")', labelZh: '注册地在淮北市', labelEn: '', article: '第一条' },
      { key: 'small', input: 'tag', test: 'true', labelZh: '小微企业', labelEn: '', article: '第二条' },
    ],
    goldenCases: [{ name: '本地小微', inputs: { region: '340603', tag: true }, expected: 'grant' as const }],
  };
  const { rows, golden, facts } = rowsOf(stored);
  const fact = (id: string) => ({ id, labelZh: '注册资本（万元）', labelEn: '', type: 'number' as const });
  assert.deepEqual(
    contentOf(rows, golden, facts, () => undefined),
    stored,
    'unchanged rows give the stored content back',
  );
  // The first condition now reads the registered capital: a new input, the tag keeps its key and its golden value.
  const capital = factId({ kind: 'profile', attribute: 'registeredCapital' });
  const changed = [{ ...rows[0], fact: capital, form: { op: 'gte' as const, value: 100 } }, rows[1]];
  const withCapital = [{ ...golden[0], values: { ...golden[0].values, [capital]: 500 } }];
  const c = contentOf(changed, withCapital, facts, (id) => (id === capital ? fact(id) : undefined));
  assert.deepEqual(
    c.inputs.map((i) => [i.key, i.type]),
    [
      ['registeredCapital', 'number'],
      ['tag', 'boolean'],
    ],
  );
  assert.equal(c.conditions[0].test, '>= 100');
  assert.deepEqual(c.goldenCases[0].inputs, { registeredCapital: 500, tag: true }, 'the region no condition reads is dropped');
  assert.equal(newKey(rows), 'c3');
});
