import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDefinition, decide, runGoldenCases, versionHash, type DecidableVersion, type RuleWorld } from './rules.core.ts';
import { soleTraderRules } from './rules.demo.ts';
import { ruleContent, type RuleContent, type RuleValues } from './rules.types.ts';
import type { RuleEngine } from './rules.engine.ts';

const LICENSE = '11340600MB1234567X001';
const content: RuleContent = ruleContent.parse(soleTraderRules(LICENSE));
const version: DecidableVersion = { content, validFrom: '2026-01-01', validTo: '2026-12-31' };
const meets: RuleValues = {
  age: 34,
  applicantType: 'person',
  region: '340603',
  operatingForm: '家庭经营',
  shopAddress: '淮北市相山区人民路12号',
  scope: '小吃服务；预包装食品销售',
  holdsLicense: false,
};
const world: RuleWorld = {
  formFields: new Map([
    ['operatingForm', 'string'],
    ['shopAddress', 'string'],
    ['businessScope', 'string'],
    ['applicantIdNumber', 'string'],
  ]),
  licenseTypes: new Map([[LICENSE, ['name', 'address']]]),
};
const resultOf = (values: RuleValues, key: string) => decide(version, values).trace.find((t) => t.condition === key)!;

test('an applicant who meets all eight conditions is granted, and the explanation cites every article', () => {
  const d = decide(version, meets);
  assert.equal(d.outcome, 'grant');
  assert.equal(d.trace.length, 8);
  assert.ok(d.trace.every((t) => t.result === 'pass'));
  assert.equal(d.error, null);
  assert.match(d.explanationZh, /^符合全部 8 项条件/);
  for (const c of content.conditions) assert.ok(d.explanationZh.includes(c.article), c.article);
});

test('each condition fails on its own, and the trace names the value read, the test and the article', () => {
  const rows: [string, RuleValues, string][] = [
    ['adult', { age: 17 }, '17'],
    ['person', { applicantType: 'organisation' }, 'organisation'],
    ['local', { region: '340100' }, '340100'],
    ['form', { operatingForm: '合伙经营' }, '合伙经营'],
    ['premises', { shopAddress: '人民路' }, '人民路'],
    ['noTobacco', { scope: '卷烟、烟草制品零售' }, '烟草'],
    ['noChemicals', { scope: '危险化学品经营' }, '危险化学品'],
    ['notRegistered', { holdsLicense: true }, '是'],
  ];
  for (const [key, change, shown] of rows) {
    const d = decide(version, { ...meets, ...change });
    assert.equal(d.outcome, 'refuse', key);
    const failed = d.trace.filter((t) => t.result === 'fail');
    assert.deepEqual(
      failed.map((t) => t.condition),
      [key],
      key,
    );
    const condition = content.conditions.find((c) => c.key === key)!;
    assert.equal(failed[0].test, condition.test);
    assert.equal(failed[0].value, Object.values(change)[0]);
    assert.ok(d.explanationZh.includes(`“${condition.labelZh}”不符合`), d.explanationZh);
    assert.ok(d.explanationZh.includes(shown), d.explanationZh);
    assert.ok(d.explanationZh.includes(condition.article));
    assert.match(d.explanationZh, /转人工审核。$/, 'never a denial without a person');
  }
});

test('every failing condition is reported, not only the first', () => {
  const d = decide(version, { ...meets, age: 16, region: '110101', holdsLicense: true });
  assert.deepEqual(
    d.trace.filter((t) => t.result === 'fail').map((t) => t.condition),
    ['adult', 'local', 'notRegistered'],
  );
  assert.match(d.explanationZh, /不符合 3 项条件/);
});

test('a missing input makes the decision undecidable, never a refusal', () => {
  const { shopAddress: _gone, ...rest } = meets;
  const d = decide(version, rest);
  assert.equal(d.outcome, 'undecidable');
  assert.equal(resultOf(rest, 'premises').result, 'missing');
  assert.match(d.explanationZh, /缺少经营场所/);
  assert.equal(decide(version, { ...meets, age: null }).outcome, 'undecidable', 'null is missing too');
});

test('a definite failure wins over a missing input: refuse (to a person), with both named', () => {
  const { shopAddress: _gone, ...rest } = meets;
  const d = decide(version, { ...rest, age: 12 });
  assert.equal(d.outcome, 'refuse');
  assert.match(d.explanationZh, /不符合 1 项条件.*1 项条件无法判断/);
});

test('an engine exception is recorded and gives undecidable, not a thrown error', () => {
  const throwing: RuleEngine = {
    test(t, v) {
      if (t === 'contains($, "号")') throw new Error('{"type":"vmError","source":"boom"}\n\nStack backtrace:\n 0: <unknown>');
      return v !== 17;
    },
  };
  const d = decide(version, meets, { engine: throwing });
  assert.equal(d.outcome, 'undecidable');
  const premises = d.trace.find((t) => t.condition === 'premises')!;
  assert.equal(premises.result, 'error');
  assert.deepEqual(premises.error, { type: 'vmError', message: 'boom' });
  assert.deepEqual(d.error, { type: 'vmError', message: 'boom' });
  assert.match(d.explanationZh, /规则运行出错（boom）/);
});

test('an input of the wrong type is an error of that condition, not a pass or a fail', () => {
  const d = decide(version, { ...meets, age: '34' });
  assert.equal(d.outcome, 'undecidable');
  assert.equal(resultOf({ ...meets, age: '34' }, 'adult').error?.type, 'inputType');
});

test('a test the real engine cannot apply at run time is caught as an error', () => {
  const broken: DecidableVersion = { ...version, content: { ...content, conditions: [{ ...content.conditions[0], test: '> "x" +' }] } };
  const d = decide(broken, meets);
  assert.equal(d.outcome, 'undecidable');
  assert.equal(d.trace[0].result, 'error');
  assert.equal(d.trace[0].error?.type, 'parserError');
});

test('an input declared from data exchange is not readable yet: undecidable, and said so', () => {
  const withExchange: DecidableVersion = {
    ...version,
    content: {
      ...content,
      inputs: [
        ...content.inputs,
        {
          key: 'notDebtor',
          type: 'boolean',
          labelZh: '非失信被执行人',
          labelEn: '',
          source: { kind: 'exchange', resource: '失信被执行人名单', field: 'listed' },
        },
      ],
      conditions: [
        ...content.conditions,
        {
          key: 'credit',
          input: 'notDebtor',
          test: 'true',
          labelZh: '申请人不是失信被执行人',
          labelEn: '',
          article: '《关于加快推进失信被执行人信用监督、警示和惩戒机制建设的意见》',
        },
      ],
    },
  };
  const d = decide(withExchange, meets);
  assert.equal(d.outcome, 'undecidable');
  assert.equal(d.trace[8].error?.type, 'notReadable');
  assert.match(d.explanationZh, /须经数据共享获取，暂不可读/);
});

test('a version is decided only within its dates when a day is given', () => {
  assert.equal(decide(version, meets, { onDay: '2026-06-01' }).outcome, 'grant');
  assert.equal(decide(version, meets, { onDay: '2026-01-01' }).outcome, 'grant', 'valid from is inclusive');
  assert.equal(decide(version, meets, { onDay: '2026-12-31' }).outcome, 'grant', 'valid to is inclusive');
  const early = decide(version, meets, { onDay: '2025-12-31' });
  assert.equal(early.outcome, 'undecidable');
  assert.equal(early.error?.type, 'notInForce');
  assert.equal(decide({ ...version, validTo: null }, meets, { onDay: '2099-01-01' }).outcome, 'grant', 'open-ended');
});

test('the demo golden cases pass, and a wrong expectation fails', () => {
  const results = runGoldenCases(version);
  assert.deepEqual(
    results.map((r) => [r.name, r.actual, r.passed]),
    [
      ['符合全部条件', 'grant', true],
      ['未成年人转人工', 'refuse', true],
      ['缺少经营场所无法判断', 'undecidable', true],
    ],
  );
  const wrong = runGoldenCases({ ...version, content: { ...content, goldenCases: [{ ...content.goldenCases[1], expected: 'grant' }] } });
  assert.equal(wrong[0].passed, false);
  assert.equal(wrong[0].actual, 'refuse');
});

test('a definition is checked against the form, the licence types and the engine', () => {
  assert.deepEqual(checkDefinition(content, world), []);
  const rows: [string, (c: RuleContent) => RuleContent, string][] = [
    [
      'a form field the form lacks',
      (c) => ({ ...c, inputs: c.inputs.map((i) => (i.key === 'shopAddress' ? { ...i, source: { kind: 'form', field: 'shopAddr' } } : i)) }),
      'RULE_FORM_FIELD_UNKNOWN',
    ],
    [
      'a number read from a text field',
      (c) => ({ ...c, inputs: c.inputs.map((i) => (i.key === 'operatingForm' ? { ...i, type: 'number' } : i)) }),
      'RULE_INPUT_TYPE_MISMATCH',
    ],
    [
      'an unknown licence type',
      (c) => ({
        ...c,
        inputs: c.inputs.map((i) => (i.key === 'holdsLicense' ? { ...i, source: { kind: 'license', typeCode: 'NOPE', attribute: 'held' } } : i)),
      }),
      'RULE_LICENSE_TYPE_UNKNOWN',
    ],
    [
      'a licence field the type lacks',
      (c) => ({
        ...c,
        inputs: [
          ...c.inputs,
          {
            key: 'capital',
            type: 'number',
            labelZh: '资金',
            labelEn: '',
            source: { kind: 'license', typeCode: LICENSE, attribute: 'field', field: 'capital' },
          },
        ],
      }),
      'RULE_LICENSE_FIELD_UNKNOWN',
    ],
    [
      'a profile attribute of another type',
      (c) => ({ ...c, inputs: c.inputs.map((i) => (i.key === 'applicantType' ? { ...i, type: 'number' } : i)) }),
      'RULE_INPUT_TYPE_MISMATCH',
    ],
    [
      'a condition on an undeclared input',
      (c) => ({ ...c, conditions: [...c.conditions, { ...c.conditions[0], key: 'x', input: 'income' }] }),
      'RULE_INPUT_UNDECLARED',
    ],
    [
      'a test that does not parse',
      (c) => ({ ...c, conditions: c.conditions.map((x) => (x.key === 'adult' ? { ...x, test: '>= ' } : x)) }),
      'RULE_TEST_INVALID',
    ],
    [
      'a text test on a number',
      (c) => ({ ...c, conditions: c.conditions.map((x) => (x.key === 'adult' ? { ...x, test: 'len($) > 2' } : x)) }),
      'RULE_TEST_INVALID',
    ],
    ['a condition key twice', (c) => ({ ...c, conditions: [...c.conditions, c.conditions[0]] }), 'RULE_KEY_DUPLICATE'],
    ['a golden case naming no input', (c) => ({ ...c, goldenCases: [{ name: 'typo', inputs: { agee: 3 }, expected: 'refuse' }] }), 'RULE_GOLDEN_INPUT_UNKNOWN'],
  ];
  for (const [what, change, code] of rows) {
    const problems = checkDefinition(change(content), world);
    assert.deepEqual(
      problems.map((p) => p.code),
      [code],
      what,
    );
  }
  assert.equal(checkDefinition(content, { ...world, formFields: null })[0].code, 'RULE_FORM_FIELD_UNKNOWN', 'no implementation, no form inputs');
});

test('the version hash changes with any condition, article or date, and not with key order', () => {
  const h = versionHash('soletrader', 1, version);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(versionHash('soletrader', 1, { validTo: version.validTo, validFrom: version.validFrom, content: { ...content } }), h);
  const article = { ...content, conditions: content.conditions.map((c, i) => (i === 0 ? { ...c, article: '《民法典》第十七条' } : c)) };
  assert.notEqual(versionHash('soletrader', 1, { ...version, content: article }), h);
  assert.notEqual(versionHash('soletrader', 1, { ...version, validTo: null }), h);
  assert.notEqual(versionHash('soletrader', 2, version), h);
});
