// 二次统筹 of bundles (ADR 0045): a city's bundle template beside the districts' bundles that adopted it, element by
// element, as the catalogue compares a base item's implementations (catalog/diff.ts). Pure: the service gathers
// each bundle's facts, this decides what differs.

/** What harmonisation compares of one bundle (its latest version in the reader's scope, else its published one). */
export interface BundleFacts {
  /** The members' item names (a district may pin its own implementation of the same item: the name is the item). */
  members: string[];
  /** "upstream → downstream", by item name. */
  dependencies: string[];
  /** "item: field includeWhen|excludeWhen values", by item name. */
  conditions: string[];
  /** The promise in working days (after: the bundle's own, or its longest path). */
  promisedDays: number | null;
  /** Materials after merging, less 免提交 (what an applicant hands in). */
  materials: number | null;
  visits: number;
  steps: string[];
  onMemberRefused: string;
  /** The lead department: local, shown but never a difference. */
  leadDepartment: string;
}

export const HARMONISED_ELEMENTS = [
  'members',
  'dependencies',
  'conditions',
  'promisedDays',
  'materials',
  'visits',
  'steps',
  'onMemberRefused',
  'leadDepartment',
] as const satisfies readonly (keyof BundleFacts)[];
export type HarmonisedElement = (typeof HARMONISED_ELEMENTS)[number];

/** Elements each region sets for itself (who leads is the district's own): shown, never counted as differing. */
export const LOCAL_ELEMENTS: readonly HarmonisedElement[] = ['leadDepartment'];

export interface HarmonisationCell {
  key: string;
  /** The value as shown: a list joined with 、, a number, or a word. */
  value: string;
  differs: boolean;
  /** For list elements: what this bundle has that the template lacks, and what it lacks of the template's. */
  extra: string[];
  missing: string[];
}

export interface HarmonisationRow {
  element: HarmonisedElement;
  local: boolean;
  differs: boolean;
  cells: HarmonisationCell[];
}

const shown = (v: BundleFacts[HarmonisedElement]): string => (Array.isArray(v) ? v.join('、') : v === null ? '—' : String(v));
/** Lists compare as sets, except the steps, whose order is the bundle's flow. */
const comparable = (element: HarmonisedElement, v: BundleFacts[HarmonisedElement]): string =>
  JSON.stringify(Array.isArray(v) && element !== 'steps' ? [...v].sort() : v);

/**
 * The side-by-side table: the template is the reference (the first column); every other column differs on an
 * element whose value is not the template's (lists as sets, steps in order). Local elements never differ. For
 * lists, each cell names what it adds to the template and what it leaves out.
 */
export function harmonisationTable(columns: readonly { key: string; facts: BundleFacts }[]): HarmonisationRow[] {
  const reference = columns[0];
  return HARMONISED_ELEMENTS.map((element) => {
    const local = LOCAL_ELEMENTS.includes(element);
    const ref = reference?.facts[element];
    const cells = columns.map((c, i) => {
      const v = c.facts[element];
      const differs = !local && i > 0 && comparable(element, v) !== comparable(element, ref ?? null);
      const refList = Array.isArray(ref) ? ref : [];
      const list = Array.isArray(v) ? v : [];
      return {
        key: c.key,
        value: shown(v),
        differs,
        extra: differs && Array.isArray(v) ? list.filter((x) => !refList.includes(x)) : [],
        missing: differs && Array.isArray(v) ? refList.filter((x) => !list.includes(x)) : [],
      };
    });
    return { element, local, differs: cells.some((c) => c.differs), cells };
  });
}

/** The adoptions that agree with their template on every harmonised element, of how many. */
export function agreement(rows: readonly HarmonisationRow[], keys: readonly string[]): { agreeing: number; adoptions: number } {
  const adoptions = keys.slice(1);
  const differing = new Set(rows.flatMap((r) => r.cells.filter((c) => c.differs).map((c) => c.key)));
  return { agreeing: adoptions.filter((k) => !differing.has(k)).length, adoptions: adoptions.length };
}
