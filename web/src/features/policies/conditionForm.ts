// The policy condition editor's pure rules: a condition as a form (the fact it reads, an operator, a value typed by
// the fact) and the GoRules ZEN unary test it stands for (ADR 0034), both ways. The server checks and decides the
// test; this file only writes the few shapes the form offers and reads them back. A test the form cannot read back
// (written by hand or imported) stays as it is, shown as an expression.

export type FactType = 'number' | 'string' | 'boolean' | 'date';

export type Operator = 'gte' | 'gt' | 'lte' | 'lt' | 'eq' | 'between' | 'oneOf' | 'startsWith' | 'is' | 'onOrAfter' | 'onOrBefore' | 'expression';

/** The operators the form offers for a fact of each type (an expression is never offered, only kept). */
export const OPERATORS: Record<FactType, Operator[]> = {
  number: ['gte', 'gt', 'lte', 'lt', 'eq', 'between'],
  string: ['oneOf', 'startsWith'],
  boolean: ['is'],
  date: ['onOrAfter', 'onOrBefore'],
};

/** A condition's test as the form holds it: the operator and its value(s), as typed in. */
export interface TestForm {
  op: Operator;
  /** number: the number (or the lower bound); string: the values, one per entry; boolean: true/false; date: YYYY-MM-DD. */
  value: number | boolean | string | string[] | null;
  /** between: the upper bound. */
  upper?: number | null;
  /** expression: the test as written. */
  expression?: string;
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
// ZEN's strings have no escapes: a value is quoted with the quote it does not hold (one holding both cannot be written).
const STRING = String.raw`(?:"([^"]*)"|'([^']*)')`;
const quote = (s: string) => (s.includes('"') ? `'${s}'` : `"${s}"`);
const quotable = (s: string) => !(s.includes('"') && s.includes("'"));
const unquoted = (m: RegExpMatchArray, at: number) => m[at] ?? m[at + 1];

const COMPARE: Record<string, Operator> = { '>=': 'gte', '>': 'gt', '<=': 'lte', '<': 'lt' };
const COMPARE_OF: Partial<Record<Operator, string>> = { gte: '>=', gt: '>', lte: '<=', lt: '<' };

/** Why a form's value cannot make a test (a message key), or null when it can. */
export function formProblem(type: FactType, f: TestForm): 'value' | 'range' | 'quote' | null {
  switch (f.op) {
    case 'expression':
      return f.expression?.trim() ? null : 'value';
    case 'between':
      if (typeof f.value !== 'number' || typeof f.upper !== 'number') return 'value';
      return f.value <= f.upper ? null : 'range';
    case 'oneOf':
      if (!Array.isArray(f.value) || !f.value.some((v) => v.trim())) return 'value';
      return f.value.every(quotable) ? null : 'quote';
    case 'startsWith':
      if (typeof f.value !== 'string' || !f.value.trim()) return 'value';
      return quotable(f.value) ? null : 'quote';
    case 'is':
      return typeof f.value === 'boolean' ? null : 'value';
    case 'onOrAfter':
    case 'onOrBefore':
      return typeof f.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? null : 'value';
    default:
      return type === 'number' && typeof f.value === 'number' && Number.isFinite(f.value) ? null : 'value';
  }
}

/** The ZEN unary test a form stands for (call formProblem first: a form with a problem makes no test). */
export function testOf(f: TestForm): string {
  switch (f.op) {
    case 'expression':
      return (f.expression ?? '').trim();
    case 'between':
      return `[${f.value as number}..${f.upper as number}]`;
    case 'eq':
      return String(f.value);
    case 'oneOf':
      return (f.value as string[])
        .map((v) => v.trim())
        .filter(Boolean)
        .map(quote)
        .join(', ');
    case 'startsWith':
      return `startsWith($, ${quote((f.value as string).trim())})`;
    case 'is':
      return f.value ? 'true' : 'false';
    case 'onOrAfter':
      return `date($) >= date(${quote(f.value as string)})`;
    case 'onOrBefore':
      return `date($) <= date(${quote(f.value as string)})`;
    default:
      return `${COMPARE_OF[f.op]} ${f.value as number}`;
  }
}

/** Reads a test back into the form for a fact of `type`; a test of another shape is kept as an expression. */
export function formOf(type: FactType, test: string): TestForm {
  const t = test.trim();
  const expression: TestForm = { op: 'expression', value: null, expression: test };
  let m: RegExpExecArray | null;
  if (type === 'number') {
    if ((m = new RegExp(`^(>=|>|<=|<)\\s*(${NUMBER})$`).exec(t))) return { op: COMPARE[m[1]], value: Number(m[2]) };
    if ((m = new RegExp(`^(${NUMBER})$`).exec(t))) return { op: 'eq', value: Number(m[1]) };
    if ((m = new RegExp(`^\\[\\s*(${NUMBER})\\s*\\.\\.\\s*(${NUMBER})\\s*\\]$`).exec(t))) return { op: 'between', value: Number(m[1]), upper: Number(m[2]) };
    return expression;
  }
  if (type === 'string') {
    if ((m = new RegExp(`^startsWith\\(\\s*\\$\\s*,\\s*${STRING}\\s*\\)$`).exec(t))) return { op: 'startsWith', value: unquoted(m, 1) };
    const list = new RegExp(`^${STRING}(?:\\s*,\\s*${STRING})*$`);
    if (list.test(t)) return { op: 'oneOf', value: [...t.matchAll(new RegExp(STRING, 'g'))].map((x) => unquoted(x, 1)) };
    return expression;
  }
  if (type === 'boolean') {
    if (t === 'true' || t === 'false') return { op: 'is', value: t === 'true' };
    return expression;
  }
  if ((m = /^date\(\s*\$\s*\)\s*(>=|<=)\s*date\(\s*"(\d{4}-\d{2}-\d{2})"\s*\)$/.exec(t)))
    return { op: m[1] === '>=' ? 'onOrAfter' : 'onOrBefore', value: m[2] };
  return expression;
}

/** A form's starting value when the operator changes: the value kept where it still fits. */
export function withOperator(type: FactType, f: TestForm, op: Operator): TestForm {
  if (op === f.op) return f;
  if (op === 'expression') return { op, value: null, expression: formProblem(type, f) ? '' : testOf(f) };
  if (op === 'is') return { op, value: true };
  if (op === 'oneOf') return { op, value: typeof f.value === 'string' && f.value ? [f.value] : Array.isArray(f.value) ? f.value : [] };
  if (op === 'startsWith') return { op, value: Array.isArray(f.value) ? (f.value[0] ?? '') : typeof f.value === 'string' ? f.value : '' };
  if (op === 'onOrAfter' || op === 'onOrBefore') return { op, value: typeof f.value === 'string' ? f.value : null };
  return { op, value: typeof f.value === 'number' ? f.value : null, upper: op === 'between' ? (f.upper ?? null) : undefined };
}

/** The first operator offered for a fact of `type`, with an empty value. */
export function initialForm(type: FactType): TestForm {
  return withOperator(type, { op: 'expression', value: null }, OPERATORS[type][0]);
}
