// Adopting a template and taking its later versions (ADR 0045, 2026-12-07): pure. The service finds, for each member
// of the template, the district's own implementation of the same base item; this maps the definition onto them and
// merges a template's change into the adoption's own definition.

import type { BundleContent } from './bundles.types.ts';

/** What became of one template member in the district's definition. */
export interface MemberMapping {
  member: string;
  /** The template's implementation. */
  from: string;
  /** The district's implementation of the same item, or null: the template's is kept (it is carried out above). */
  to: string | null;
}

/**
 * The template's definition with each member's implementation replaced by the district's where the district has one
 * (`ownOf`: template implementation code → the district's code); the others keep the template's implementation.
 */
export function mapContent(template: BundleContent, ownOf: ReadonlyMap<string, string>): { content: BundleContent; mappings: MemberMapping[] } {
  const mappings = template.members.map((m) => ({ member: m.key, from: m.implementationCode, to: ownOf.get(m.implementationCode) ?? null }));
  const content: BundleContent = {
    ...structuredClone(template),
    members: template.members.map((m) => ({ ...structuredClone(m), implementationCode: ownOf.get(m.implementationCode) ?? m.implementationCode })),
  };
  return { content, mappings };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The elements of a definition besides the members and fields, each taken whole. */
const WHOLE = ['name', 'theme', 'audience', 'eligibility', 'summary', 'outcomes', 'promisedDays', 'visits', 'steps', 'onMemberRefused'] as const;

/** Keyed lists (members, fields): what the template added, dropped or changed since `base` is applied to `ours`. */
function mergeKeyed<T extends { key: string }>(base: readonly T[], theirs: readonly T[], ours: readonly T[]): { items: T[]; changed: string[] } {
  const baseBy = new Map(base.map((x) => [x.key, x]));
  const theirsBy = new Map(theirs.map((x) => [x.key, x]));
  const changed: string[] = [];
  const items: T[] = [];
  for (const o of ours) {
    const b = baseBy.get(o.key);
    const t = theirsBy.get(o.key);
    if (b && !t) {
      changed.push(o.key); // dropped by the template
      continue;
    }
    if (b && t && !same(b, t)) {
      changed.push(o.key);
      items.push(structuredClone(t));
    } else items.push(o);
  }
  const have = new Set(ours.map((x) => x.key));
  for (const t of theirs)
    if (!baseBy.has(t.key) && !have.has(t.key)) {
      changed.push(t.key); // added by the template
      items.push(structuredClone(t));
    }
  return { items, changed };
}

/**
 * A three-way merge of a template's change into an adoption: every element the template changed between the version
 * the adoption follows (`base`) and its new one (`theirs`) is taken from the new one; every element it left alone
 * keeps the adoption's own value (`ours`), so a district's own changes survive what the city did not touch. Members
 * and fields merge by key (added, dropped, changed); a dependency or field mapping naming a member no longer there is
 * dropped. Both template versions are given already mapped onto the district's implementations.
 */
export function mergeTemplateChange(base: BundleContent, theirs: BundleContent, ours: BundleContent): { content: BundleContent; changed: string[] } {
  const changed: string[] = [];
  const out = structuredClone(ours) as Record<string, unknown>;
  for (const el of WHOLE)
    if (!same(base[el], theirs[el])) {
      out[el] = structuredClone(theirs[el]);
      changed.push(el);
    }
  const members = mergeKeyed(base.members, theirs.members, ours.members);
  const keys = new Set(members.items.map((m) => m.key));
  const fields = mergeKeyed(base.fields, theirs.fields, ours.fields);
  if (members.changed.length) changed.push(...members.changed.map((k) => `members.${k}`));
  if (fields.changed.length) changed.push(...fields.changed.map((k) => `fields.${k}`));
  const content = {
    ...(out as BundleContent),
    members: members.items.map((m) => ({ ...m, dependsOn: m.dependsOn.filter((d) => keys.has(d)) })),
    fields: fields.items.map((f) => ({ ...f, maps: f.maps.filter((x) => keys.has(x.member)) })),
  };
  return { content, changed };
}
