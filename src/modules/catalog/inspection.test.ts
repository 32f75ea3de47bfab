import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSchema, type ImplementationContent } from './catalog.types.ts';
import { inspect, RULES, type InspectionWorld } from './inspection.ts';
import { sampleContent } from '../../../tests/support/catalog-fixtures.ts';

const LIC = '11100000MB0000000X001';
const world: InspectionWorld = {
  licenseTypes: new Set([LIC]),
  fileSizes: new Map([
    ['full', 1234],
    ['empty', 0],
  ]),
};
const content = (over: Partial<ImplementationContent> = {}): ImplementationContent => contentSchema.parse(sampleContent(over));
const rulesHit = (c: ImplementationContent) => inspect(c, world).findings.map((f) => f.rule);

test('a complete guide has no findings and full completeness', () => {
  const result = inspect(content(), world);
  assert.deepEqual(result.findings, []);
  assert.equal(result.completeness, 100);
  assert.equal(result.errors, 0);
});

// Each rule: a guide that breaks it, the rule code expected, and the element it names.
const cases: [string, Partial<ImplementationContent>, string][] = [
  ['REQUIRED_ELEMENT_MISSING', { acceptanceConditions: '' }, 'acceptanceConditions'],
  ['REQUIRED_ELEMENT_MISSING', { materials: [] }, 'materials'],
  ['PROMISED_EXCEEDS_LEGAL', { promisedLimit: { value: 25, unit: 'working_day' } }, 'promisedLimit'],
  ['FULLY_ONLINE_WITH_VISITS', { onlineDepth: 4, visits: 1, visitsReason: '核验原件' }, 'visits'],
  ['NO_CHANNEL', { visits: 0, onlineDepth: 0, express: false, handlingForms: ['1'] }, 'handlingForms'],
  ['VISITS_WITHOUT_REASON', { onlineDepth: 3, visits: 1, visitsReason: '' }, 'visitsReason'],
  ['FEE_WITHOUT_BASIS', { fees: [{ name: '工本费', standard: '10元', basis: '', waivable: false }] }, 'fees'],
  ['NOT_IN_HALL_WITHOUT_REASON', { inHall: false, notInHallReason: '' }, 'notInHallReason'],
  ['ON_THE_SPOT_WITH_LIMIT', { caseType: '1', promisedLimit: { value: 5, unit: 'working_day' } }, 'promisedLimit'],
  ['RESULT_LICENSE_TYPE_MISSING', { resultType: 'license', resultLicenseTypeCode: null }, 'resultLicenseTypeCode'],
  [
    'STEPS_EXCEED_PROMISED',
    {
      steps: [
        { key: 'a', name: '受理', role: 'clerk', budgetDays: 6 },
        { key: 'b', name: '审查', role: 'reviewer', budgetDays: 6 },
      ],
    },
    'steps',
  ],
];
for (const [rule, over, element] of cases) {
  test(`rule ${rule} finds ${element}`, () => {
    const findings = inspect(content(over), world).findings.filter((f) => f.rule === rule);
    assert.ok(findings.length > 0, `expected ${rule}`);
    assert.equal(findings[0].element, element);
    assert.ok(findings[0].message.zh && findings[0].message.en);
  });
}

test('rule LICENSE_TYPE_UNKNOWN: a material sourced from a licence type that does not exist', () => {
  const base = content();
  const material = { ...base.materials[0], key: 'license', source: 'license' as const, licenseTypeCode: '11100000MB0000000X999' };
  assert.ok(rulesHit({ ...base, materials: [...base.materials, material] }).includes('LICENSE_TYPE_UNKNOWN'));
  assert.ok(!rulesHit({ ...base, materials: [...base.materials, { ...material, licenseTypeCode: LIC }] }).includes('LICENSE_TYPE_UNKNOWN'));
});

test('rule SAMPLE_FILE_EMPTY: an empty or missing sample file; a real one passes', () => {
  const base = content();
  const withFile = (digest: string) => ({ ...base, materials: [{ ...base.materials[0], sampleFile: digest }] });
  assert.ok(rulesHit(withFile('empty')).includes('SAMPLE_FILE_EMPTY'));
  assert.ok(rulesHit(withFile('missing')).includes('SAMPLE_FILE_EMPTY'));
  assert.ok(!rulesHit(withFile('full')).includes('SAMPLE_FILE_EMPTY'));
});

test('rule FORM_FIELD_UNEXPLAINED: a form field without a description', () => {
  const base = content();
  const form = { ...base.form, properties: { ...base.form.properties, extra: { type: 'string', title: '备注', 'x-widget': 'text' } } };
  const findings = inspect({ ...base, form }, world).findings.filter((f) => f.rule === 'FORM_FIELD_UNEXPLAINED');
  assert.deepEqual(
    findings.map((f) => f.element),
    ['form.extra'],
  );
});

test('rule MATERIAL_WITHOUT_STANDARD: a material without acceptance standard', () => {
  const base = content();
  assert.ok(rulesHit({ ...base, materials: [{ ...base.materials[0], acceptanceStandard: '' }] }).includes('MATERIAL_WITHOUT_STANDARD'));
});

test('every rule is covered by a test above', () => {
  const tested = new Set([...cases.map((c) => c[0]), 'LICENSE_TYPE_UNKNOWN', 'SAMPLE_FILE_EMPTY', 'FORM_FIELD_UNEXPLAINED', 'MATERIAL_WITHOUT_STANDARD']);
  assert.deepEqual(
    RULES.map((r) => r.code).filter((c) => !tested.has(c)),
    [],
  );
});

test('completeness falls as elements go missing; accuracy counts accuracy findings only', () => {
  const result = inspect(content({ place: '', hours: '', fees: [{ name: '工本费', standard: '10元', basis: '', waivable: false }] }), world);
  assert.ok(result.completeness < 100);
  assert.equal(result.accuracyFindings, 1);
  assert.equal(result.errors, 3, 'two missing elements and the fee');
});

test('natural-day promises against working-day legal limits are compared conservatively', () => {
  assert.ok(
    !rulesHit(content({ legalLimit: { value: 20, unit: 'working_day' }, promisedLimit: { value: 28, unit: 'natural_day' } })).includes(
      'PROMISED_EXCEEDS_LEGAL',
    ),
  );
  assert.ok(
    rulesHit(content({ legalLimit: { value: 20, unit: 'working_day' }, promisedLimit: { value: 60, unit: 'natural_day' } })).includes('PROMISED_EXCEEDS_LEGAL'),
  );
});
