import { canonicalJson } from '../../platform/crypto.ts';
import { ELEMENTS, type ElementValue, type ImplementationContent } from './catalog.types.ts';

/** An element's value in a content (every element of ImplementationContent is an ElementValue). */
const elementOf = (content: Partial<ImplementationContent>, element: string) => (content as Record<string, ElementValue | undefined>)[element];

export interface ElementChange {
  element: string;
  label: string;
  before: ElementValue;
  after: ElementValue;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Element-by-element difference between two versions of an implementation (history view). */
export function diffContent(before: Partial<ImplementationContent>, after: Partial<ImplementationContent>): ElementChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: ElementChange[] = [];
  for (const key of [...keys].sort()) {
    const a = elementOf(before, key);
    const b = elementOf(after, key);
    if (!same(a, b)) out.push({ element: key, label: ELEMENTS[key] ?? key, before: a ?? null, after: b ?? null });
  }
  return out;
}

/** Materials compare by what matters to an applicant, not by their stable keys or file digests. */
function comparable(element: string, value: unknown): unknown {
  if (element === 'materials' && Array.isArray(value)) {
    return value
      .map((m: Record<string, unknown>) => ({
        name: m.name,
        required: m.required,
        form: m.form,
        source: m.source,
        licenseTypeCode: m.licenseTypeCode,
        pledgeAllowed: m.pledgeAllowed,
      }))
      .sort((x, y) => String(x.name).localeCompare(String(y.name)));
  }
  if (element === 'steps' && Array.isArray(value)) return value.map((s: Record<string, unknown>) => ({ name: s.name, role: s.role, budgetDays: s.budgetDays }));
  if (element === 'handlingForms' && Array.isArray(value)) return [...value].sort();
  return value;
}

export interface HarmonisationColumn {
  key: string;
  content: Partial<ImplementationContent>;
}

export interface HarmonisationRow {
  element: string;
  label: string;
  local: boolean;
  differs: boolean;
  values: Record<string, ElementValue>;
  /** The column keys whose value differs from the reference (the template when there is one, else the most common value). */
  differing: string[];
}

/**
 * The side-by-side table of one base item's implementations: for every element, each implementation's value and
 * whether it differs. Local elements (addresses, hours …) are shown but never count as a difference.
 */
export function harmonisationTable(
  columns: HarmonisationColumn[],
  localElements: readonly string[],
  template?: Partial<ImplementationContent> | null,
): HarmonisationRow[] {
  return Object.keys(ELEMENTS).map((element) => {
    const values: Record<string, ElementValue> = {};
    const counts = new Map<string, number>();
    for (const c of columns) {
      const v = elementOf(c.content, element) ?? null;
      values[c.key] = v;
      const k = canonicalJson(comparable(element, v));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const local = localElements.includes(element);
    const templateValue = template ? (template as Record<string, unknown>)[element] : undefined;
    const reference =
      templateValue !== undefined
        ? canonicalJson(comparable(element, templateValue))
        : [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const differing = local ? [] : columns.filter((c) => canonicalJson(comparable(element, values[c.key])) !== reference).map((c) => c.key);
    return { element, label: ELEMENTS[element], local, differs: differing.length > 0, values, differing };
  });
}

/** Whether one implementation agrees with the reference on every harmonised element. */
export function agreesWith(content: Partial<ImplementationContent>, reference: Partial<ImplementationContent>, localElements: readonly string[]): boolean {
  return Object.keys(ELEMENTS)
    .filter((e) => !localElements.includes(e))
    .every(
      (e) =>
        (reference as Record<string, unknown>)[e] === undefined ||
        canonicalJson(comparable(e, (content as Record<string, unknown>)[e] ?? null)) ===
          canonicalJson(comparable(e, (reference as Record<string, unknown>)[e])),
    );
}
