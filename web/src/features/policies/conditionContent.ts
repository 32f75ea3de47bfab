// The policy condition editor's rows and the policy content they make (web/src/features/policies/
// PolicyConditionsPage.tsx): a condition row names the fact it reads (a profile attribute, a licence held or one of
// its fields, an officer's tag, another department's data), and the inputs of the content follow from the facts the
// rows read. Golden cases hold their values by fact too, so that they survive a condition's fact changing.
// Pure (no API client), so that the tests run it as it is; the shapes are those of the API's PolicyContent.
import { formOf, testOf, type FactType, type TestForm } from './conditionForm.ts';

export type Source =
  | { kind: 'profile'; attribute: string }
  | { kind: 'license'; typeCode: string; attribute: 'held' | 'field'; field?: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'exchange'; resource: string; field: string };
export type Outcome = 'grant' | 'refuse' | 'undecidable';
export type FactValue = string | number | boolean | null;
type Input = { key: string; type: FactType; labelZh: string; labelEn: string; source: Source };
export interface Content {
  inputs: Input[];
  conditions: { key: string; input: string; test: string; labelZh: string; labelEn: string; article: string }[];
  goldenCases: { name: string; inputs: Record<string, FactValue>; expected: Outcome }[];
}

/** A fact's identity: its source as a JSON tuple (the kind first). */
export function factId(s: Source): string {
  switch (s.kind) {
    case 'profile':
      return JSON.stringify(['profile', s.attribute]);
    case 'license':
      return JSON.stringify(
        s.attribute === 'held' ? ['license', s.typeCode.toUpperCase(), 'held'] : ['license', s.typeCode.toUpperCase(), 'field', s.field ?? ''],
      );
    case 'tag':
      return JSON.stringify(['tag', s.tag]);
    case 'exchange':
      return JSON.stringify(['exchange', s.resource, s.field]);
  }
}

/** The source a fact id stands for. */
export function sourceOf(id: string): Source {
  const [kind, a, b, c] = JSON.parse(id) as string[];
  if (kind === 'profile') return { kind, attribute: a };
  if (kind === 'license') return b === 'held' ? { kind, typeCode: a, attribute: 'held' } : { kind, typeCode: a, attribute: 'field', field: c };
  if (kind === 'tag') return { kind, tag: a };
  return { kind: 'exchange', resource: a, field: b };
}

/** A fact as the picker offers it: its label and type. */
export interface Fact {
  id: string;
  labelZh: string;
  labelEn: string;
  type: FactType;
}

export interface ConditionRow {
  key: string;
  fact: string | undefined;
  /** The type of a fact whose type the picker does not fix (a licence field, shared data). */
  fieldType: FactType;
  form: TestForm;
  labelZh: string;
  labelEn: string;
  article: string;
}

export interface GoldenRow {
  name: string;
  expected: Outcome;
  /** Values by fact id; a fact left out is unknown. */
  values: Record<string, FactValue>;
}

/** The rows and golden cases of a stored content. */
export function rowsOf(content: Content): { rows: ConditionRow[]; golden: GoldenRow[]; facts: Map<string, Input> } {
  const byKey = new Map(content.inputs.map((i) => [i.key, i]));
  const facts = new Map(content.inputs.map((i) => [factId(i.source), i]));
  const rows = content.conditions.map((c) => {
    const input = byKey.get(c.input);
    return {
      key: c.key,
      fact: input ? factId(input.source) : undefined,
      fieldType: input?.type ?? 'string',
      form: input ? formOf(input.type, c.test) : ({ op: 'expression', value: null, expression: c.test } as TestForm),
      labelZh: c.labelZh,
      labelEn: c.labelEn,
      article: c.article,
    };
  });
  const golden = content.goldenCases.map((g) => ({
    name: g.name,
    expected: g.expected,
    values: Object.fromEntries(
      Object.entries(g.inputs)
        .filter(([k]) => byKey.has(k))
        .map(([k, v]) => [factId(byKey.get(k)!.source), v]),
    ),
  }));
  return { rows, golden, facts };
}

const KEY_STEM: Record<Source['kind'], string> = { profile: 'fact', license: 'license', tag: 'tag', exchange: 'shared' };

/**
 * The content the rows make: one input per fact read (a stored input keeps its key and labels), the conditions, and
 * the golden cases' values by input key (a fact no condition reads any more is dropped). Rows are valid (checked
 * before): each names a fact and a form that makes a test.
 */
export function contentOf(rows: ConditionRow[], golden: GoldenRow[], known: ReadonlyMap<string, Input>, factOf: (id: string) => Fact | undefined): Content {
  const inputs: Input[] = [];
  const keyOf = new Map<string, string>();
  const typeOf = (r: ConditionRow) => factOf(r.fact!)?.type ?? r.fieldType;
  // The stored inputs still read (with their type) keep their keys; new ones take a free key.
  const reserved = new Set(rows.filter((r) => known.get(r.fact!)?.type === typeOf(r)).map((r) => known.get(r.fact!)!.key));
  const used = new Set<string>();
  for (const r of rows) {
    const id = r.fact!;
    if (keyOf.has(id)) continue;
    const stored = known.get(id);
    const fact = factOf(id);
    const type = typeOf(r);
    let key = stored && stored.type === type ? stored.key : '';
    if (!key) {
      const source = sourceOf(id);
      const stem = source.kind === 'profile' ? source.attribute : KEY_STEM[source.kind];
      key = stem;
      for (let n = 1; used.has(key) || reserved.has(key); n++) key = `${stem}${n}`;
    }
    used.add(key);
    keyOf.set(id, key);
    inputs.push({
      key,
      type,
      labelZh: stored?.labelZh ?? fact?.labelZh ?? key,
      labelEn: stored?.labelEn ?? fact?.labelEn ?? '',
      source: sourceOf(id),
    });
  }
  return {
    inputs,
    conditions: rows.map((r) => ({
      key: r.key,
      input: keyOf.get(r.fact!)!,
      test: testOf(r.form),
      labelZh: r.labelZh.trim(),
      labelEn: r.labelEn.trim(),
      article: r.article.trim(),
    })),
    goldenCases: golden.map((g) => ({
      name: g.name.trim(),
      expected: g.expected,
      inputs: Object.fromEntries(
        Object.entries(g.values)
          .filter(([id, v]) => keyOf.has(id) && v !== null && v !== '')
          .map(([id, v]) => [keyOf.get(id)!, v]),
      ),
    })),
  };
}

/** A new condition's key, not taken by another row. */
export function newKey(rows: ConditionRow[]): string {
  for (let n = rows.length + 1; ; n++) if (!rows.some((r) => r.key === `c${n}`)) return `c${n}`;
}
