// node --import tsx bench/rules-decision.ts [--n=20000]
//
// One rule decision in process (performance-notes R11: p99 ≤ 2 ms): the demo instant-approval rule set of eight
// conditions (profile, form and licence inputs), decided by the rules core with its engine (GoRules ZEN, ADR 0034),
// the trace and the Chinese explanation included. For the record of ADR 0034 it also times the same eight conditions
// on the other candidates when they happen to be installed (json-rules-engine, feelin); they are not dependencies,
// and are skipped otherwise. It reports figures; it does not gate.
import { createRequire } from 'node:module';
import { decide, ruleContent, soleTraderRules, type RuleValues } from '../src/modules/rules/index.ts';

const n = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 20000);
const require = createRequire(import.meta.url);

const content = ruleContent.parse(soleTraderRules('11340600MB1234567X001'));
const version = { content, validFrom: '2026-01-01', validTo: null };
// The demo rule set's own golden case that is granted: every condition met.
const meets: RuleValues = content.goldenCases.find((g) => g.expected === 'grant')!.inputs;
const fails: RuleValues = { ...meets, age: 17, scope: '烟草制品零售' };

async function time(label: string, fn: () => unknown | Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(2000, n); i++) await fn();
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const q = (p: number) => samples[Math.min(n - 1, Math.floor(p * n))].toFixed(1);
  console.log(`${label.padEnd(58)} p50 ${q(0.5).padStart(8)} µs   p99 ${q(0.99).padStart(8)} µs   (goal p99 ≤ 2000 µs)`);
}

function optional<T>(name: string): T | undefined {
  try {
    return require(name) as T;
  } catch {
    console.log(`${name.padEnd(58)} not installed: skipped`);
    return undefined;
  }
}

console.log(`one decision, 8 conditions, ${n} runs each (node ${process.version})`);
await time('rules core (ZEN unary tests, trace, explanation): grant', () => decide(version, meets));
await time('rules core (ZEN unary tests, trace, explanation): refuse', () => decide(version, fails));

type Jre = { Engine: new (rules: unknown[], opts: object) => { addRule(r: object): void; run(facts: object): Promise<unknown> } };
const jre = optional<Jre>('json-rules-engine');
if (jre) {
  const engine = new jre.Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    conditions: {
      all: [
        { fact: 'age', operator: 'greaterThanInclusive', value: 18 },
        { fact: 'applicantType', operator: 'equal', value: 'person' },
        { fact: 'region', operator: 'in', value: ['340602', '340603', '340604', '340621'] },
        { fact: 'operatingForm', operator: 'in', value: ['个人经营', '家庭经营'] },
        { fact: 'shopAddress', operator: 'notEqual', value: '' },
        { fact: 'scope', operator: 'notEqual', value: '烟草' },
        { fact: 'scope', operator: 'notEqual', value: '危险化学品' },
        { fact: 'holdsLicense', operator: 'equal', value: false },
      ],
    },
    event: { type: 'grant' },
  });
  await time('json-rules-engine (all of 8, per-condition results)', () => engine.run(meets));
}

type Feel = { unaryTest(test: string, context: object): unknown };
// An ES module: required as one (Node ≥ 20.19).
const feelin = optional<Feel>('feelin');
if (feelin) {
  const tests: [string, string][] = [
    ['age', '>= 18'],
    ['applicantType', '"person"'],
    ['region', 'starts with(?, "3406")'],
    ['operatingForm', '"个人经营", "家庭经营"'],
    ['shopAddress', 'contains(?, "号")'],
    ['scope', 'not(contains(?, "烟草"))'],
    ['scope', 'not(contains(?, "危险化学品"))'],
    ['holdsLicense', 'false'],
  ];
  const f = feelin;
  await time('feelin (8 FEEL unary tests)', () => tests.map(([k, t]) => f.unaryTest(t, { '?': meets[k] })));
}
