import { canonicalJson, sm3Hex } from '../../platform/crypto.ts';
import { engineError, zenEngine, type EngineError, type RuleEngine } from './rules.engine.ts';
import {
  PROFILE_ATTRIBUTES,
  type Decision,
  type GoldenResult,
  type InputType,
  type ConditionResult,
  type Outcome,
  type RuleCondition,
  type RuleContent,
  type RuleInput,
  type RuleValue,
  type RuleValues,
  type TraceEntry,
} from './rules.types.ts';

/**
 * The pure core of the rules: a decision from a version's conditions and the values read for its inputs, the check
 * of a definition against the world it reads (form fields, licence types), the golden cases and the version hash.
 * No I/O: the service reads the world and the values; the engine (rules.engine.ts) only evaluates one test.
 */

/** What a decision needs of a version. */
export interface DecidableVersion {
  content: RuleContent;
  validFrom: string;
  validTo: string | null;
}

const VALUE_TYPE: Record<InputType, string> = { number: 'number', string: 'string', boolean: 'boolean', date: 'string' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function typeError(input: RuleInput, value: RuleValue): EngineError | null {
  if (value === null) return null;
  if (typeof value !== VALUE_TYPE[input.type] || (input.type === 'number' && !Number.isFinite(value)))
    return { type: 'inputType', message: `${input.key} must be a ${input.type}, got ${typeof value}` };
  if (input.type === 'date' && !ISO_DATE.test(value as string)) return { type: 'inputType', message: `${input.key} must be a YYYY-MM-DD date` };
  return null;
}

/** One condition's trace line: the value read, the test, the result (pass, fail, missing, error) and any error. */
function evaluate(c: RuleCondition, input: RuleInput | undefined, values: RuleValues, engine: RuleEngine): TraceEntry {
  const raw = input ? values[input.key] : undefined;
  const value: RuleValue = raw === undefined ? null : raw;
  let result: ConditionResult;
  let error: EngineError | null = null;
  if (!input) {
    result = 'error';
    error = { type: 'inputUndeclared', message: `no input ${c.input}` };
  } else if (value === null) {
    result = 'missing';
    if (input.source.kind === 'exchange') error = { type: 'notReadable', message: 'data exchange inputs are not readable yet' };
  } else if ((error = typeError(input, value))) {
    result = 'error';
  } else {
    try {
      result = engine.test(c.test, value) ? 'pass' : 'fail';
    } catch (err) {
      result = 'error';
      error = engineError(err);
    }
  }
  return {
    condition: c.key,
    labelZh: c.labelZh,
    labelEn: c.labelEn,
    article: c.article,
    input: c.input,
    inputLabelZh: input?.labelZh ?? c.input,
    source: input?.source.kind ?? 'unknown',
    value,
    test: c.test,
    result,
    error,
  };
}

/**
 * Decides: every condition is evaluated (never stopping at the first failure, so the trace names all of them).
 * A condition fails → refuse; otherwise a missing input, an input of the wrong type or an engine error →
 * undecidable; every condition passes → grant. Never throws: whatever goes wrong is in the trace and `error`.
 * With `onDay`, a version not in force that day is undecidable before any condition is read.
 */
export function decide(version: DecidableVersion, values: RuleValues, opts: { onDay?: string; engine?: RuleEngine } = {}): Decision {
  const engine = opts.engine ?? zenEngine;
  if (opts.onDay && (opts.onDay < version.validFrom || (version.validTo !== null && opts.onDay > version.validTo))) {
    const error = { type: 'notInForce', message: `in force ${version.validFrom} to ${version.validTo ?? '—'}, not on ${opts.onDay}` };
    return {
      outcome: 'undecidable',
      trace: [],
      error,
      explanationZh: `该规则版本有效期为 ${version.validFrom} 至 ${version.validTo ?? '长期'}，${opts.onDay} 不在有效期内，转人工办理。`,
      explanationEn: `This rule version is in force from ${version.validFrom} to ${version.validTo ?? 'open-ended'}, not on ${opts.onDay}: handled by a person.`,
    };
  }
  const inputs = new Map(version.content.inputs.map((i) => [i.key, i]));
  const trace: TraceEntry[] = [];
  for (const c of version.content.conditions) trace.push(evaluate(c, inputs.get(c.input), values, engine));
  const outcome: Outcome = trace.some((t) => t.result === 'fail') ? 'refuse' : trace.every((t) => t.result === 'pass') ? 'grant' : 'undecidable';
  const firstError = trace.find((t) => t.result === 'error')?.error ?? null;
  return { outcome, trace, error: outcome === 'undecidable' ? firstError : null, ...explain(outcome, trace) };
}

function shownZh(value: RuleValue): string {
  if (value === null) return '（未提供）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}
function shownEn(value: RuleValue): string {
  if (value === null) return '(not provided)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function lineZh(t: TraceEntry): string {
  switch (t.result) {
    case 'pass':
      return `“${t.labelZh}”符合（${t.inputLabelZh}：${shownZh(t.value)}；依据${t.article}）`;
    case 'fail':
      return `“${t.labelZh}”不符合：${t.inputLabelZh}为 ${shownZh(t.value)}，要求 ${t.test}（依据${t.article}）`;
    case 'missing':
      return t.error?.type === 'notReadable'
        ? `“${t.labelZh}”无法判断：${t.inputLabelZh}须经数据共享获取，暂不可读（依据${t.article}）`
        : `“${t.labelZh}”无法判断：缺少${t.inputLabelZh}（依据${t.article}）`;
    case 'error':
      return `“${t.labelZh}”无法判断：规则运行出错（${t.error?.message ?? ''}），已记录（依据${t.article}）`;
  }
}
function lineEn(t: TraceEntry): string {
  const label = t.labelEn || t.labelZh;
  switch (t.result) {
    case 'pass':
      return `"${label}" is met (${t.input}: ${shownEn(t.value)}; ${t.article})`;
    case 'fail':
      return `"${label}" is not met: ${t.input} is ${shownEn(t.value)}, the rule asks ${t.test} (${t.article})`;
    case 'missing':
      return t.error?.type === 'notReadable'
        ? `"${label}" cannot be decided: ${t.input} comes from data exchange, not readable yet (${t.article})`
        : `"${label}" cannot be decided: ${t.input} is missing (${t.article})`;
    case 'error':
      return `"${label}" cannot be decided: the rule failed to run (${t.error?.message ?? ''}), recorded (${t.article})`;
  }
}

/** A plain-Chinese (and English) account of a decision: every condition not met, or all met, each with its article. */
export function explain(outcome: Outcome, trace: readonly TraceEntry[]): { explanationZh: string; explanationEn: string } {
  if (outcome === 'grant') {
    return {
      explanationZh: `符合全部 ${trace.length} 项条件：${trace.map(lineZh).join('；')}。`,
      explanationEn: `All ${trace.length} conditions are met: ${trace.map(lineEn).join('; ')}.`,
    };
  }
  const notMet = trace.filter((t) => t.result === 'fail');
  const unknown = trace.filter((t) => t.result === 'missing' || t.result === 'error');
  const partsZh: string[] = [];
  const partsEn: string[] = [];
  if (notMet.length) {
    partsZh.push(`不符合 ${notMet.length} 项条件：${notMet.map(lineZh).join('；')}`);
    partsEn.push(`${notMet.length} condition(s) not met: ${notMet.map(lineEn).join('; ')}`);
  }
  if (unknown.length) {
    partsZh.push(`${unknown.length} 项条件无法判断：${unknown.map(lineZh).join('；')}`);
    partsEn.push(`${unknown.length} condition(s) cannot be decided: ${unknown.map(lineEn).join('; ')}`);
  }
  // Rules never deny on their own: what they do not grant goes to a person (转人工).
  return {
    explanationZh: `${partsZh.join('。')}。未能自动办结，转人工审核。`,
    explanationEn: `${partsEn.join('. ')}. Not decided automatically: handled by a person.`,
  };
}

// ── Definitions ──────────────────────────────────────────────────────────────────────────────────────────

/** What a definition reads, as the service found it: the form's fields with their JSON Schema types, licence types' fields. */
export interface RuleWorld {
  /** The implementation's form fields (name → JSON Schema type), or null for a rule set without an implementation. */
  formFields: ReadonlyMap<string, string> | null;
  /** Known licence types and their field keys. */
  licenseTypes: ReadonlyMap<string, readonly string[]>;
}

export interface DefinitionProblem {
  code:
    | 'RULE_KEY_DUPLICATE'
    | 'RULE_INPUT_UNDECLARED'
    | 'RULE_FORM_FIELD_UNKNOWN'
    | 'RULE_INPUT_TYPE_MISMATCH'
    | 'RULE_LICENSE_TYPE_UNKNOWN'
    | 'RULE_LICENSE_FIELD_UNKNOWN'
    | 'RULE_TEST_INVALID'
    | 'RULE_GOLDEN_INPUT_UNKNOWN';
  at: string;
  message: string;
}

// What a JSON Schema field type gives a rule: an integer is a number; a checkbox's array is not readable.
const FORM_TYPES: Record<string, InputType[]> = { string: ['string', 'date'], number: ['number'], integer: ['number'], boolean: ['boolean'] };
const SAMPLE: Record<InputType, RuleValue> = { number: 1, string: 'a', boolean: true, date: '2026-01-01' };

/**
 * The problems of a definition, all of them (empty: it may be saved): keys unique; each condition reads a declared
 * input; a form input names a field the implementation's form has, of a matching type; a licence input names a known
 * type (and one of its fields); a profile input has the attribute's type; each test parses and applies to a value of
 * its input's type (tried on a sample); golden cases name only declared inputs.
 */
export function checkDefinition(content: RuleContent, world: RuleWorld, engine: RuleEngine = zenEngine): DefinitionProblem[] {
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
    if (s.kind === 'form') {
      const formType = world.formFields?.get(s.field);
      if (formType === undefined) problems.push({ code: 'RULE_FORM_FIELD_UNKNOWN', at, message: `the form has no field ${s.field}` });
      else if (!(FORM_TYPES[formType] ?? []).includes(input.type))
        problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: `form field ${s.field} is a ${formType}, not a ${input.type}` });
    } else if (s.kind === 'license') {
      const fields = world.licenseTypes.get(s.typeCode.toUpperCase());
      if (!fields) problems.push({ code: 'RULE_LICENSE_TYPE_UNKNOWN', at, message: `no licence type ${s.typeCode}` });
      else if (s.attribute === 'held' && input.type !== 'boolean')
        problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: 'holding a licence is a boolean' });
      else if (s.attribute === 'field' && (!s.field || !fields.includes(s.field)))
        problems.push({ code: 'RULE_LICENSE_FIELD_UNKNOWN', at, message: `licence type ${s.typeCode} has no field ${s.field ?? '(none named)'}` });
    } else if (s.kind === 'profile') {
      if (PROFILE_ATTRIBUTES[s.attribute] !== input.type)
        problems.push({ code: 'RULE_INPUT_TYPE_MISMATCH', at, message: `profile ${s.attribute} is a ${PROFILE_ATTRIBUTES[s.attribute]}` });
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

/** Runs every golden case: each passes when the decision's outcome is the expected one. */
export function runGoldenCases(version: DecidableVersion, engine?: RuleEngine): GoldenResult[] {
  return version.content.goldenCases.map((g) => {
    const decision = decide(version, g.inputs, { engine });
    return { name: g.name, expected: g.expected, actual: decision.outcome, passed: decision.outcome === g.expected, decision };
  });
}

/** The hash a published version is known by (and a decision cites): SM3 of the canonical version. */
export function versionHash(ruleSetCode: string, number: number, version: DecidableVersion): string {
  return sm3Hex(canonicalJson({ ruleSet: ruleSetCode, number, validFrom: version.validFrom, validTo: version.validTo, content: version.content }));
}
