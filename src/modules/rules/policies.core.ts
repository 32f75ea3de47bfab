import { canonicalJson, sm3Hex } from '../../platform/crypto.ts';
import { decide, type DefinitionProblem } from './rules.core.ts';
import { engineError, zenEngine, type RuleEngine } from './rules.engine.ts';
import type { Decision, RuleContent, RuleValue, RuleValues, TraceEntry } from './rules.types.ts';
import { POLICY_ATTRIBUTES, type Eligibility, type PolicyContent, type PolicyInput } from './policies.types.ts';

/**
 * The pure core of 惠企政策 and 免申即享 (ADR 0038): a policy's conditions checked when defined, the values a profile
 * gives them, the decision (the rules core's, condition by condition with its trace), eligibility with what would
 * change it, and the match of many profiles against many policies. No I/O.
 */

/** What a decision needs of a profile: its facts (attribute or licence fact → value) and the officers' tags. */
export interface ProfileFacts {
  kind: 'organisation' | 'person';
  facts: Readonly<Record<string, RuleValue>>;
  tags: readonly string[];
}

/** What a decision needs of a policy. */
export interface DecidablePolicy {
  target: 'organisation' | 'person';
  validFrom: string;
  validTo: string | null;
  content: PolicyContent;
}

/** The fact keys of licences in a profile: a valid licence of a type held, and a data field of it. */
export const licenseHeldKey = (typeCode: string) => `license:${typeCode.toUpperCase()}:held`;
export const licenseFieldKey = (typeCode: string, field: string) => `license:${typeCode.toUpperCase()}:${field}`;

/**
 * The value of one input for a profile. A licence not held is a fact (the platform holds every licence it issued),
 * so `held` is false rather than unknown; a field of a licence not held is unknown. A tag is held or not. Shared data
 * of another department is not readable yet: unknown.
 */
export function valueOf(input: PolicyInput, profile: ProfileFacts): RuleValue {
  const s = input.source;
  switch (s.kind) {
    case 'profile':
      return profile.facts[s.attribute] ?? null;
    case 'license':
      return s.attribute === 'held'
        ? (profile.facts[licenseHeldKey(s.typeCode)] ?? false)
        : (profile.facts[licenseFieldKey(s.typeCode, s.field ?? '')] ?? null);
    case 'tag':
      return profile.tags.includes(s.tag);
    case 'exchange':
      return null;
  }
}

export function valuesFor(content: PolicyContent, profile: ProfileFacts): RuleValues {
  const values: RuleValues = {};
  for (const input of content.inputs) values[input.key] = valueOf(input, profile);
  return values;
}

/**
 * The rules core decides a policy: its inputs' sources are the policy's own (profile, licence, tag, exchange), which
 * the core reads only to name the source in the trace and to mark exchange data as not readable.
 */
const asRules = (content: PolicyContent): RuleContent => content as unknown as RuleContent;

export function decidePolicy(policy: DecidablePolicy, values: RuleValues, opts: { onDay?: string; engine?: RuleEngine } = {}): Decision {
  return decide({ content: asRules(policy.content), validFrom: policy.validFrom, validTo: policy.validTo }, values, opts);
}

const ELIGIBILITY_OF = { grant: 'eligible', refuse: 'notEligible', undecidable: 'unknown' } as const satisfies Record<Decision['outcome'], Eligibility>;
const STATUS_OF = { pass: 'met', fail: 'notMet', missing: 'unknown', error: 'unknown' } as const;

export const SOURCE_ZH: Record<string, string> = { profile: '主体信息', license: '电子证照', tag: '部门标注', exchange: '部门共享数据', form: '申请表' };

/** What would change the answer for one condition not met or not known, in plain Chinese and English. */
function changeOf(t: TraceEntry): { condition: string; zh: string; en: string } {
  if (t.result === 'fail')
    return {
      condition: t.condition,
      zh: `如“${t.labelZh}”得到满足（${t.inputLabelZh}目前为 ${t.value === null ? '未知' : String(t.value)}，须 ${t.test}），即可享受（依据${t.article}）`,
      en: `If "${t.labelEn || t.labelZh}" were met (${t.input} is ${String(t.value)}, must be ${t.test}) (${t.article})`,
    };
  const where =
    t.source === 'exchange' ? '待部门共享数据接入后自动判断，或在快申快享时自行确认' : `请补充${t.inputLabelZh}（来源：${SOURCE_ZH[t.source] ?? t.source}）`;
  return {
    condition: t.condition,
    zh: `“${t.labelZh}”暂无法判断：${where}`,
    en: `"${t.labelEn || t.labelZh}" cannot be decided yet: ${t.source === 'exchange' ? 'shared data is not readable yet; confirm it in a quick application' : `supply ${t.input}`}`,
  };
}

/**
 * The decision on values already read (a profile's now, or those a benefit kept): met / not met / unknown per
 * condition, what would change the answer, and a plain-Chinese explanation in a policy's words.
 */
export function explainValues(policy: DecidablePolicy, values: RuleValues, opts: { onDay?: string; engine?: RuleEngine } = {}) {
  const decision = decidePolicy(policy, values, opts);
  const eligibility: Eligibility = ELIGIBILITY_OF[decision.outcome];
  // The rules' explanation ends with 转人工 (an application's words): a policy says what it means for the subject.
  const explanationZh =
    decision.outcome === 'grant'
      ? decision.explanationZh
      : decision.explanationZh.replace('未能自动办结，转人工审核。', eligibility === 'unknown' ? '可通过快申快享确认后申请。' : '暂不符合享受条件。');
  const explanationEn =
    decision.outcome === 'grant'
      ? decision.explanationEn
      : decision.explanationEn.replace(
          'Not decided automatically: handled by a person.',
          eligibility === 'unknown' ? 'A quick application can confirm it.' : 'Not eligible for now.',
        );
  const conditions = decision.trace.map((t) => ({ ...t, status: STATUS_OF[t.result] }));
  const changes = decision.trace.filter((t) => t.result !== 'pass').map(changeOf);
  return { eligibility, decision, conditions, changes, explanationZh, explanationEn };
}

/**
 * Eligibility of one profile for one policy on a day (see explainValues). A policy for persons is never met by an
 * organisation (and the reverse).
 */
export function eligibilityOf(policy: DecidablePolicy, profile: ProfileFacts, day: string, engine?: RuleEngine) {
  const e = explainValues(policy, valuesFor(policy.content, profile), { onDay: day, engine });
  if (policy.target === profile.kind) return e;
  return {
    ...e,
    eligibility: 'notEligible' as Eligibility,
    explanationZh: `该政策面向${policy.target === 'person' ? '个人' : '企业（组织）'}，不适用于${profile.kind === 'person' ? '个人' : '企业（组织）'}。`,
    explanationEn: `This policy is for ${policy.target === 'person' ? 'persons' : 'organisations'}.`,
  };
}

// ── Definitions ──────────────────────────────────────────────────────────────────────────────────────────

const SAMPLE = { number: 1, string: 'a', boolean: true, date: '2026-01-01' } as const;

/**
 * The problems of a policy's conditions (empty: it may be saved): keys unique; each condition reads a declared input;
 * a profile input has the attribute's type and the attribute applies to the policy's target; a licence input names a
 * known type (and, for a field, one it declares); a tag is a boolean; each test parses and applies to its input's
 * type; golden cases name only declared inputs.
 */
export function checkPolicyContent(
  content: PolicyContent,
  target: 'organisation' | 'person',
  licenseTypes: ReadonlyMap<string, readonly string[]>,
  engine: RuleEngine = zenEngine,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  for (const key of [...content.inputs.map((i) => `input:${i.key}`), ...content.conditions.map((c) => `condition:${c.key}`)]) {
    if (seen.has(key)) problems.push({ code: 'RULE_KEY_DUPLICATE', at: key, message: `${key} is declared twice` });
    seen.add(key);
  }
  const inputs = new Map(content.inputs.map((i) => [i.key, i]));
  for (const input of content.inputs) {
    const at = `inputs.${input.key}`;
    const s = input.source;
    if (s.kind === 'profile') {
      const a = POLICY_ATTRIBUTES[s.attribute];
      if (a.type !== input.type) problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: `profile ${s.attribute} is a ${a.type}` });
      else if (!(a.of as readonly string[]).includes(target))
        problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: `profile ${s.attribute} is not known of a ${target}` });
    } else if (s.kind === 'license') {
      const fields = licenseTypes.get(s.typeCode.toUpperCase());
      if (!fields) problems.push({ code: 'RULE_LICENSE_TYPE_UNKNOWN', at, message: `no licence type ${s.typeCode}` });
      else if (s.attribute === 'held' && input.type !== 'boolean')
        problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: 'holding a licence is a boolean' });
      else if (s.attribute === 'field' && (!s.field || !fields.includes(s.field)))
        problems.push({ code: 'RULE_LICENSE_FIELD_UNKNOWN', at, message: `licence type ${s.typeCode} has no field ${s.field ?? '(none named)'}` });
    } else if (s.kind === 'tag' && input.type !== 'boolean') {
      problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: 'a tag is a boolean' });
    }
  }
  for (const c of content.conditions) {
    const at = `conditions.${c.key}`;
    const input = inputs.get(c.input);
    if (!input) {
      problems.push({ code: 'RULE_INPUT_UNDECLARED', at, message: `no input ${c.input}` });
      continue;
    }
    try {
      engine.test(c.test, SAMPLE[input.type]);
    } catch (err) {
      const e = engineError(err);
      problems.push({ code: 'RULE_TEST_INVALID', at, message: `${c.test}: ${e.type}: ${e.message}` });
    }
  }
  content.goldenCases.forEach((g, i) => {
    for (const key of Object.keys(g.inputs))
      if (!inputs.has(key)) problems.push({ code: 'RULE_GOLDEN_INPUT_UNKNOWN', at: `goldenCases.${i}`, message: `${g.name}: no input ${key}` });
  });
  return problems;
}

/** Runs a policy's golden cases (each passes when its outcome is the expected one). */
export function policyGolden(policy: DecidablePolicy, engine?: RuleEngine) {
  return policy.content.goldenCases.map((g) => {
    const decision = decidePolicy(policy, g.inputs, { engine });
    return { name: g.name, expected: g.expected, actual: decision.outcome, passed: decision.outcome === g.expected };
  });
}

/** The hash a published policy is known by (a benefit cites it): SM3 of its canonical terms and conditions. */
export function policyHash(code: string, p: DecidablePolicy & { automatic: boolean; amountYuan: number | null }): string {
  return sm3Hex(
    canonicalJson({
      policy: code,
      target: p.target,
      automatic: p.automatic,
      amountYuan: p.amountYuan,
      validFrom: p.validFrom,
      validTo: p.validTo,
      content: p.content,
    }),
  );
}

// ── Matching many profiles against many policies ─────────────────────────────────────────────────────────

export type MatchVerdict = 'eligible' | 'unknown';

interface CompiledCondition {
  input: PolicyInput;
  test: string;
  /** Results by value already tested: profiles share most values (regions, kinds, tags, ages), so ZEN runs once per value. */
  memo: Map<RuleValue, boolean | 'error'>;
}

export interface CompiledPolicy<P> {
  policy: P;
  target: 'organisation' | 'person';
  conditions: CompiledCondition[];
}

/** Prepares policies for matching: each condition with its input and a memo of the tests' results. */
export function compilePolicies<P extends DecidablePolicy>(policies: readonly P[]): CompiledPolicy<P>[] {
  return policies.map((p) => {
    const inputs = new Map(p.content.inputs.map((i) => [i.key, i]));
    return {
      policy: p,
      target: p.target,
      conditions: p.content.conditions.filter((c) => inputs.has(c.input)).map((c) => ({ input: inputs.get(c.input)!, test: c.test, memo: new Map() })),
    };
  });
}

/**
 * The verdict of one profile for one compiled policy, without a trace: stops at the first condition not met (most
 * pairs), `unknown` when none fails but one cannot be read or raises. The same answer as decidePolicy's outcome (a
 * test shows it); the trace is made only for the pairs that become benefits.
 */
export function verdictOf<P>(c: CompiledPolicy<P>, profile: ProfileFacts, engine: RuleEngine = zenEngine): MatchVerdict | null {
  if (c.target !== profile.kind) return null;
  let unknown = false;
  for (const cond of c.conditions) {
    const value = valueOf(cond.input, profile);
    if (value === null) {
      unknown = true;
      continue;
    }
    let r = cond.memo.get(value);
    if (r === undefined) {
      try {
        r = engine.test(cond.test, value);
      } catch {
        r = 'error';
      }
      cond.memo.set(value, r);
    }
    if (r === false) return null;
    if (r === 'error') unknown = true;
  }
  return unknown ? 'unknown' : 'eligible';
}

/** Every pair of profile and policy that matches (eligible) or might (unknown), in profile order. */
export function matchAll<P, F extends ProfileFacts>(policies: readonly CompiledPolicy<P>[], profiles: readonly F[], engine?: RuleEngine) {
  const out: { policy: P; profile: F; verdict: MatchVerdict }[] = [];
  for (const profile of profiles)
    for (const c of policies) {
      const verdict = verdictOf(c, profile, engine);
      if (verdict) out.push({ policy: c.policy, profile, verdict });
    }
  return out;
}

// ── Profiles from what the platform holds ────────────────────────────────────────────────────────────────

/** Whole years from a YYYY-MM-DD date to `day`. */
export function yearsBetween(from: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(from.slice(0, 4));
  return day.slice(5) < from.slice(5) ? years - 1 : years;
}

/** What an ID number or USCC tells: a person's birth date (so age) and region; an organisation's registering region. */
export function identityFacts(kind: 'organisation' | 'person', idNumber: string, day: string): Record<string, RuleValue> {
  const id = idNumber.toUpperCase();
  if (kind === 'person' && /^\d{17}[\dX]$/.test(id)) {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    return { subjectType: 'person', age: yearsBetween(birth, day), regionCode: id.slice(0, 6) };
  }
  if (kind === 'organisation' && id.length === 18) return { subjectType: 'organisation', regionCode: id.slice(2, 8) };
  return { subjectType: kind };
}

/** A number written as a licence field holds it ("100", "100.5", 100); anything else is not a number. */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** A date written as a licence field holds it (2024-03-01, 2024年3月1日). */
export function dateOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?$/.exec(v.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
}

/** Masks a subject for lists: an organisation's USCC is public, a person's ID number is masked. */
export function maskSubject(subject: string): string {
  const [kind, id] = subject.split(':');
  if (kind !== 'person' || !id) return subject;
  return `person:${id.slice(0, 6)}********${id.slice(-4)}`;
}

// ── Benefit states ───────────────────────────────────────────────────────────────────────────────────────

export type BenefitAction = 'confirm' | 'reject' | 'pay' | 'accept';
type State = 'matched' | 'notified' | 'offered' | 'applied' | 'confirmed' | 'paid' | 'rejected';

/**
 * Which action a benefit's state allows (ADR 0038). 免申即享: matched (no account to tell) or notified → confirmed by
 * the department → paid, or rejected before it is paid. 快申快享: offered → applied (the beneficiary confirms the
 * prefilled application) → confirmed → paid; an offer may be rejected too. Paid and rejected are final.
 */
export const BENEFIT_TRANSITIONS: Record<BenefitAction, { from: readonly State[]; to: State }> = {
  accept: { from: ['offered'], to: 'applied' },
  confirm: { from: ['matched', 'notified', 'applied'], to: 'confirmed' },
  pay: { from: ['confirmed'], to: 'paid' },
  reject: { from: ['matched', 'notified', 'offered', 'applied', 'confirmed'], to: 'rejected' },
};

/** The state after `action`, or null when the state does not allow it. */
export function nextBenefitState(status: string, action: BenefitAction): State | null {
  const t = BENEFIT_TRANSITIONS[action];
  return (t.from as readonly string[]).includes(status) ? t.to : null;
}

/**
 * The state a new match starts in: a quick offer is `offered`; an automatic match the rules confirm is `confirmed`
 * at once; otherwise `notified` when the beneficiary has an account to tell, `matched` when not (yet).
 */
export function initialBenefitState(verdict: MatchVerdict, confirmBy: 'department' | 'rules', hasAccount: boolean): State {
  if (verdict === 'unknown') return 'offered';
  if (confirmBy === 'rules') return 'confirmed';
  return hasAccount ? 'notified' : 'matched';
}
