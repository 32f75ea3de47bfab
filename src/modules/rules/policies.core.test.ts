import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BENEFIT_TRANSITIONS,
  checkPolicyContent,
  compilePolicies,
  dateOf,
  decidePolicy,
  eligibilityOf,
  identityFacts,
  initialBenefitState,
  licenseHeldKey,
  matchAll,
  nextBenefitState,
  policyGolden,
  valuesFor,
  verdictOf,
  type DecidablePolicy,
  type ProfileFacts,
} from './policies.core.ts';
import { policyContent } from './policies.types.ts';
import { firstBusinessPolicy, jobRetentionPolicy, newBusinessPolicy, oldAgePolicy, smallBusinessHiringPolicy } from '../../bootstrap/demo-policies.ts';

const BL = '91110000717800000A001';
const policy = (content: unknown, target: 'organisation' | 'person' = 'organisation'): DecidablePolicy => ({
  target,
  validFrom: '2025-01-01',
  validTo: null,
  content: policyContent.parse(content),
});
const newBusiness = policy(newBusinessPolicy(BL));
const hiring = policy(smallBusinessHiringPolicy);
const oldAge = policy(oldAgePolicy, 'person');
const org = (facts: ProfileFacts['facts'], tags: string[] = []): ProfileFacts => ({ kind: 'organisation', facts, tags });

test('a profile gives each source its value: a licence not held is false, a field of it unknown, a tag held or not, shared data unknown', () => {
  const values = valuesFor(hiring.content, org({ regionCode: '340603' }, ['小微企业']));
  assert.deepEqual(values, { region: '340603', small: true, hired: null });
  assert.deepEqual(valuesFor(newBusiness.content, org({ regionCode: '340603' })), { region: '340603', license: false, years: null });
  assert.equal(valuesFor(newBusiness.content, org({ [licenseHeldKey(BL)]: true })).license, true);
});

const DAY = '2026-06-01';
for (const [name, p, profile, eligibility, notMet, unknown] of [
  [
    'a new local company with its licence is eligible',
    newBusiness,
    org({ regionCode: '340603', [licenseHeldKey(BL)]: true, yearsEstablished: 0 }),
    'eligible',
    [],
    [],
  ],
  [
    'a company of another city is not',
    newBusiness,
    org({ regionCode: '340102', [licenseHeldKey(BL)]: true, yearsEstablished: 0 }),
    'notEligible',
    ['inHuaibei'],
    [],
  ],
  [
    'a company without its establishment date is unknown, never refused for it',
    newBusiness,
    org({ regionCode: '340603', [licenseHeldKey(BL)]: true }),
    'unknown',
    [],
    ['new'],
  ],
  ['shared data not readable yet makes the hiring subsidy unknown', hiring, org({ regionCode: '340603' }, ['小微企业']), 'unknown', [], ['hiredSome']],
  ['without the 小微企业 tag the hiring subsidy is not met', hiring, org({ regionCode: '340603' }), 'notEligible', ['smallBusiness'], ['hiredSome']],
  ['an organisation never gets a policy for persons', oldAge, org({ regionCode: '340603', age: 90 }), 'notEligible', [], []],
] as const) {
  test(`eligibility: ${name}`, () => {
    const e = eligibilityOf(p, profile, DAY);
    assert.equal(e.eligibility, eligibility);
    assert.deepEqual(
      e.conditions.filter((c) => c.status === 'notMet').map((c) => c.condition),
      notMet,
    );
    assert.deepEqual(
      e.conditions.filter((c) => c.status === 'unknown').map((c) => c.condition),
      unknown,
    );
    // What would change the answer: one line per condition not met or not known, citing the condition.
    if (p.target === profile.kind) assert.deepEqual(e.changes.map((c) => c.condition).sort(), [...notMet, ...unknown].sort());
    for (const c of e.conditions) assert.ok(c.article.length > 0, 'every condition cites its article');
  });
}

test('eligibility explains in plain Chinese: a policy never says 转人工', () => {
  const e = eligibilityOf(hiring, org({ regionCode: '340603' }, ['小微企业']), DAY);
  assert.match(e.explanationZh, /快申快享/);
  assert.doesNotMatch(e.explanationZh, /转人工/);
  assert.match(e.changes[0].zh, /部门共享数据|快申快享/);
});

test('a policy not in force that day is unknown before any condition is read', () => {
  const e = eligibilityOf({ ...newBusiness, validTo: '2025-12-31' }, org({ regionCode: '340603' }), DAY);
  assert.equal(e.eligibility, 'unknown');
  assert.equal(e.conditions.length, 0);
});

test('the fast match gives the same verdict as the traced decision for every profile', () => {
  const profiles: ProfileFacts[] = [];
  for (const region of ['340603', '340102', null])
    for (const years of [0, 1, 3, null])
      for (const held of [true, false])
        for (const tags of [[], ['小微企业']]) profiles.push(org({ regionCode: region, yearsEstablished: years, [licenseHeldKey(BL)]: held }, tags));
  profiles.push({ kind: 'person', facts: { regionCode: '340603', age: 85 }, tags: [] });
  const policies = [newBusiness, hiring, oldAge, policy(firstBusinessPolicy, 'person')];
  const compiled = compilePolicies(policies);
  for (const profile of profiles)
    for (const [i, p] of policies.entries()) {
      const expected =
        p.target !== profile.kind ? null : { grant: 'eligible', refuse: null, undecidable: 'unknown' }[decidePolicy(p, valuesFor(p.content, profile)).outcome];
      assert.equal(verdictOf(compiled[i], profile), expected, `${JSON.stringify(profile)} × policy ${i}`);
    }
  const all = matchAll(compiled, profiles);
  assert.ok(all.some((m) => m.verdict === 'eligible' && m.policy === oldAge));
  assert.ok(all.every((m) => m.policy.target === m.profile.kind));
});

test('definitions: every problem named — an unknown licence type, a fact the target lacks, a tag not boolean, a test that does not parse', () => {
  const content = policyContent.parse({
    inputs: [
      { key: 'lic', type: 'boolean', labelZh: '证', source: { kind: 'license', typeCode: 'NOPE', attribute: 'held' } },
      { key: 'age', type: 'number', labelZh: '年龄', source: { kind: 'profile', attribute: 'age' } },
      { key: 'tag', type: 'string', labelZh: '标签', source: { kind: 'tag', tag: '高新' } },
      { key: 'cap', type: 'string', labelZh: '注册资本', source: { kind: 'profile', attribute: 'registeredCapital' } },
    ],
    conditions: [
      { key: 'a', input: 'lic', test: 'true', labelZh: 'a', article: '第一条' },
      { key: 'b', input: 'age', test: '>= (', labelZh: 'b', article: '第二条' },
      { key: 'c', input: 'missing', test: '> 1', labelZh: 'c', article: '第三条' },
    ],
    goldenCases: [{ name: 'x', inputs: { other: 1 }, expected: 'grant' }],
  });
  const codes = checkPolicyContent(content, 'organisation', new Map()).map((p) => `${p.code}@${p.at}`);
  assert.deepEqual(codes.sort(), [
    'RULE_GOLDEN_INPUT_UNKNOWN@goldenCases.0',
    'RULE_INPUT_TYPE_MISMATCH@inputs.age',
    'RULE_INPUT_TYPE_MISMATCH@inputs.cap',
    'RULE_INPUT_TYPE_MISMATCH@inputs.tag',
    'RULE_INPUT_UNDECLARED@conditions.c',
    'RULE_LICENSE_TYPE_UNKNOWN@inputs.lic',
    'RULE_TEST_INVALID@conditions.b',
  ]);
  assert.deepEqual(checkPolicyContent(newBusiness.content, 'organisation', new Map([[BL, []]])), []);
});

test('the demo policies (and the demo draft) pass their own golden cases', () => {
  for (const p of [newBusiness, hiring, oldAge, policy(firstBusinessPolicy, 'person'), policy(jobRetentionPolicy)])
    assert.ok(policyGolden(p).every((r) => r.passed));
});

for (const [status, action, to] of [
  ['notified', 'confirm', 'confirmed'],
  ['matched', 'confirm', 'confirmed'],
  ['applied', 'confirm', 'confirmed'],
  ['offered', 'confirm', null],
  ['offered', 'accept', 'applied'],
  ['notified', 'accept', null],
  ['confirmed', 'pay', 'paid'],
  ['notified', 'pay', null],
  ['confirmed', 'reject', 'rejected'],
  ['paid', 'reject', null],
  ['rejected', 'confirm', null],
] as const) {
  test(`benefit states: ${status} ${action} → ${to ?? 'refused'}`, () => assert.equal(nextBenefitState(status, action), to));
}

test('benefit states: paid and rejected are final', () => {
  for (const t of Object.values(BENEFIT_TRANSITIONS)) assert.ok(!t.from.includes('paid') && !t.from.includes('rejected'));
});

test('a new match starts offered (unknown), confirmed (the rules confirm), notified (an account to tell) or matched', () => {
  assert.equal(initialBenefitState('unknown', 'rules', true), 'offered');
  assert.equal(initialBenefitState('eligible', 'rules', false), 'confirmed');
  assert.equal(initialBenefitState('eligible', 'department', true), 'notified');
  assert.equal(initialBenefitState('eligible', 'department', false), 'matched');
});

test('identity facts: a person’s age on the day and region; an organisation’s registering region; dates as licences write them', () => {
  assert.deepEqual(identityFacts('person', '34060319400307001X', '2026-03-06'), { subjectType: 'person', age: 85, regionCode: '340603' });
  assert.equal(identityFacts('person', '34060319400307001X', '2026-03-07').age, 86);
  assert.deepEqual(identityFacts('organisation', '91340603MA2T00010X', DAY), { subjectType: 'organisation', regionCode: '340603' });
  assert.equal(dateOf('2024年3月1日'), '2024-03-01');
  assert.equal(dateOf('2024-03-01'), '2024-03-01');
  assert.equal(dateOf('三月'), null);
});
