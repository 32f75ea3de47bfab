import { bundleErrors } from './bundles.errors.ts';

/**
 * The pure core of a bundle (一件事): its dependency graph, the conditions that include or exclude a member, the
 * merged form and materials, and the reductions (压缩率) it claims. Every function here is a function of the
 * definition and of facts about its members (taken from their published implementation versions); nothing reads the
 * database or the clock. docs/modules/bundles.md writes each formula down; bundles.core.test.ts checks them against
 * hand-computed examples.
 */

export interface Limit {
  value: number;
  unit: 'working_day' | 'natural_day';
}

/** An answer of the merged form (a form widget's value). */
export type Answer = string | number | boolean | null | (string | number)[];

/** Includes a member only when the answer is one of `values` (includeWhen), or only when it is not (excludeWhen). */
export interface Condition {
  field: string;
  op: 'includeWhen' | 'excludeWhen';
  values: (string | number | boolean)[];
}

export interface MemberDefinition {
  /** The member's key within the bundle (lower-case letters and digits). */
  key: string;
  /** The published implementation the member applies for. */
  implementationCode: string;
  /** Keys of the members whose result this one waits for. */
  dependsOn: string[];
  condition: Condition | null;
}

/**
 * One field of the merged form, and the member form fields it answers (its provenance). A field that answers no
 * member field (a question only the bundle asks, such as "has the shop an outdoor sign?") brings its own schema.
 */
export interface BundleField {
  key: string;
  title: string;
  maps: { member: string; field: string }[];
  schema?: FieldFacts | null;
}

/** What the core needs of a definition. */
export interface BundleDefinition {
  members: MemberDefinition[];
  fields: BundleField[];
  /** The bundle's promise in working days; null: the longest dependency path. */
  promisedDays: number | null;
  /** Visits to a window the applicant makes for the whole bundle. */
  visits: number;
  /** The bundle's own steps (一窗受理 → 并联审批 → 一窗出件 …). */
  steps: string[];
}

export interface MaterialFacts {
  key: string;
  name: string;
  required: boolean;
  source: 'applicant' | 'license' | 'department';
  licenseTypeCode: string | null;
  acceptanceStandard: string;
}

export interface FieldFacts {
  type: string;
  title: string;
  format?: string;
  items?: { type?: string };
  [k: string]: unknown;
}

/** What the core needs of a member's implementation version. */
export interface MemberFacts {
  name: string;
  promisedLimit: Limit;
  visits: number;
  steps: number;
  materials: MaterialFacts[];
  form: { properties: Record<string, FieldFacts>; required: string[] };
  resultLicenseTypeCode: string | null;
}

// ── Numbers ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A promised limit in working days: working days as they are; natural days count five working days in seven,
 * rounded up (a week of seven natural days holds five working days).
 */
export function workingDays(limit: Limit): number {
  return limit.unit === 'working_day' ? limit.value : Math.ceil((limit.value * 5) / 7);
}

/**
 * The reduction in per cent, to 2 decimals, rounded half away from zero: (before − after) ÷ before × 100. Integer
 * arithmetic on integer inputs, so 13.625 rounds to 13.63 and never to 13.62 by a floating error. Null when nothing
 * was there before.
 */
export function reductionPercent(before: number, after: number): number | null {
  if (before <= 0) return null;
  const n = (before - after) * 10000;
  const q = Math.floor((2 * Math.abs(n) + before) / (2 * before));
  return (Math.sign(n) * q) / 100;
}

/** A value to 2 decimals, rounded half away from zero (averages). */
export function round2(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
}

// ── The dependency graph ────────────────────────────────────────────────────────────────────────────────

/**
 * Checks the graph: unique keys, dependencies among the members, no cycle. Returns the members in an order where
 * each comes after those it depends on (stable: the definition's order where the graph allows).
 */
export function dependencyOrder(members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[]): string[] {
  const keys = new Set<string>();
  for (const m of members) {
    if (keys.has(m.key)) throw bundleErrors.BUNDLE_MEMBER_DUPLICATE({ member: m.key });
    keys.add(m.key);
  }
  for (const m of members) for (const d of m.dependsOn) if (!keys.has(d)) throw bundleErrors.BUNDLE_DEPENDENCY_UNKNOWN({ member: m.key, dependsOn: d });
  const byKey = new Map(members.map((m) => [m.key, m]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (key: string, trail: string[]) => {
    const s = state.get(key);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(key)), key];
      throw bundleErrors.BUNDLE_DEPENDENCY_CYCLE({ cycle });
    }
    state.set(key, 'visiting');
    for (const d of byKey.get(key)!.dependsOn) visit(d, [...trail, key]);
    state.set(key, 'done');
    order.push(key);
  };
  for (const m of members) visit(m.key, []);
  return order;
}

/**
 * The longest dependency path, weighted by each member's promised working days: the bundle clock's basis. A
 * member's finish is its own days plus the latest finish of what it depends on; the path is the chain to the
 * latest finish (the first such member in definition order where there is a tie). Members not in `included` are
 * left out, and so are the edges to them.
 */
export function longestPath(
  members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[],
  days: (key: string) => number,
  included: ReadonlySet<string> = new Set(members.map((m) => m.key)),
): { days: number; path: string[] } {
  const order = dependencyOrder(members).filter((k) => included.has(k));
  const byKey = new Map(members.map((m) => [m.key, m]));
  const finish = new Map<string, { days: number; via: string | null }>();
  for (const key of order) {
    let best: { days: number; via: string | null } = { days: 0, via: null };
    for (const d of byKey.get(key)!.dependsOn) {
      const f = finish.get(d);
      if (f && f.days > best.days) best = { days: f.days, via: d };
      else if (f && best.via === null && f.days === best.days) best = { days: f.days, via: d };
    }
    finish.set(key, { days: best.days + days(key), via: best.via });
  }
  let end: string | null = null;
  for (const m of members) if (finish.has(m.key) && (end === null || finish.get(m.key)!.days > finish.get(end)!.days)) end = m.key;
  if (end === null) return { days: 0, path: [] };
  const path: string[] = [];
  for (let k: string | null = end; k !== null; k = finish.get(k)!.via) path.unshift(k);
  return { days: finish.get(end)!.days, path };
}

/** The members upstream of `key` (what it waits for, directly or through others). */
export function upstreamOf(members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[], key: string): Set<string> {
  const byKey = new Map(members.map((m) => [m.key, m]));
  const out = new Set<string>();
  const walk = (k: string) => {
    for (const d of byKey.get(k)?.dependsOn ?? []) {
      if (out.has(d)) continue;
      out.add(d);
      walk(d);
    }
  };
  walk(key);
  return out;
}

// ── Conditions ──────────────────────────────────────────────────────────────────────────────────────────

const matches = (answer: Answer | undefined, values: readonly (string | number | boolean)[]) =>
  Array.isArray(answer) ? answer.some((a) => values.includes(a)) : answer !== undefined && answer !== null && values.includes(answer);

/**
 * The members an application includes. Without answers (a guide, the reductions as published), every member. With
 * answers: a member without condition always; `includeWhen` only when the answer is one of the values (an
 * unanswered field includes nothing); `excludeWhen` unless it is. A checkbox answer matches when any of its choices
 * does.
 */
export function includedMembers(members: readonly Pick<MemberDefinition, 'key' | 'condition'>[], answers?: Record<string, Answer>): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    if (!answers || !m.condition) {
      out.add(m.key);
      continue;
    }
    const hit = matches(answers[m.condition.field], m.condition.values);
    if (m.condition.op === 'includeWhen' ? hit : !hit) out.add(m.key);
  }
  return out;
}

// ── The merged form ─────────────────────────────────────────────────────────────────────────────────────

/** Two member fields answer one fact only if they hold the same kind of value: type, format and item type agree. */
function shapeOf(field: FieldFacts): string {
  return JSON.stringify([field.type, field.format ?? null, field.items?.type ?? null]);
}

export interface MergedField {
  key: string;
  title: string;
  schema: FieldFacts;
  required: boolean;
  /** Member fields this field answers (bundle fields), or the one member field it is (asked as the member has it). */
  maps: { member: string; field: string }[];
  merged: boolean;
}

/**
 * The merged form. Each bundle field takes the schema of the first member field it maps to (or its own, when it maps
 * to none), under its own title;
 * every mapped member field must exist, hold the same type and format, and be answered by one bundle field only;
 * conditions name bundle fields. Member fields no bundle field answers are asked as they are, keyed
 * `<member>__<field>`. Fields before = Σ members' form fields; after = the fields of the merged form.
 */
export function mergeForm(def: Pick<BundleDefinition, 'members' | 'fields'>, facts: ReadonlyMap<string, MemberFacts>, included?: ReadonlySet<string>) {
  const mapped = new Map<string, string>();
  const fields: MergedField[] = [];
  const keys = new Set<string>();
  const live = (member: string) => !included || included.has(member);
  for (const bf of def.fields) {
    if (keys.has(bf.key)) throw bundleErrors.BUNDLE_DEFINITION_INVALID({ field: bf.key, message: 'a field key appears twice' });
    keys.add(bf.key);
    let schema: FieldFacts | undefined;
    let shape: string | undefined;
    let required = false;
    for (const m of bf.maps) {
      const member = facts.get(m.member);
      const field = member?.form.properties[m.field];
      if (!member || !field) throw bundleErrors.BUNDLE_FIELD_UNKNOWN({ field: bf.key, member: m.member, memberField: m.field });
      const id = `${m.member}.${m.field}`;
      if (mapped.has(id)) throw bundleErrors.BUNDLE_FIELD_MAPPED_TWICE({ memberField: id, fields: [mapped.get(id), bf.key] });
      mapped.set(id, bf.key);
      const s = shapeOf(field);
      if (shape !== undefined && s !== shape)
        throw bundleErrors.BUNDLE_FIELD_CONFLICT({
          field: bf.key,
          memberField: id,
          expected: JSON.parse(shape) as unknown,
          found: JSON.parse(s) as unknown,
        });
      shape ??= s;
      schema ??= field;
      if (live(m.member) && member.form.required.includes(m.field)) required = true;
    }
    if (bf.maps.length && bf.schema) throw bundleErrors.BUNDLE_DEFINITION_INVALID({ field: bf.key, message: 'a mapped field takes its members’ schema' });
    schema ??= bf.schema ?? undefined;
    if (!schema) throw bundleErrors.BUNDLE_DEFINITION_INVALID({ field: bf.key, message: 'a field that maps to no member field needs its own schema' });
    fields.push({ key: bf.key, title: bf.title, schema: { ...schema, title: bf.title }, required, maps: bf.maps, merged: true });
  }
  for (const m of def.members) {
    if (m.condition && !keys.has(m.condition.field)) throw bundleErrors.BUNDLE_CONDITION_INVALID({ member: m.key, field: m.condition.field });
  }
  let before = 0;
  for (const m of def.members) {
    const member = facts.get(m.key);
    if (!member || !live(m.key)) continue;
    for (const [name, field] of Object.entries(member.form.properties)) {
      before++;
      if (mapped.has(`${m.key}.${name}`)) continue;
      fields.push({
        key: `${m.key}__${name}`,
        title: field.title,
        schema: field,
        required: member.form.required.includes(name),
        maps: [{ member: m.key, field: name }],
        merged: false,
      });
    }
  }
  return { fields, before, after: fields.length };
}

// ── Merged materials ────────────────────────────────────────────────────────────────────────────────────

export type Exemption = 'upstream' | 'license' | 'shared';

export interface MergedMaterial {
  /** `license:<licence type code>` or `named:<name>|<acceptance standard>`. */
  identity: string;
  name: string;
  required: boolean;
  /** 免提交 and why: produced by a member it waits for, fetched as an e-licence, or supplied through data sharing. */
  exempt: Exemption | null;
  members: { member: string; material: string }[];
}

/**
 * The merged materials: one per licence type, or per name and acceptance standard for materials of no licence
 * type, in the members' order. A material is 免提交 when every member it is asked for depends (directly or not) on
 * a member whose result is that licence type (the result flows down; a member that does not wait for it must be
 * given it), else when any member takes it as an e-licence (source `license`) or from another department (source
 * `department`): fetched once, it serves every member.
 */
export function mergeMaterials(
  members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[],
  facts: ReadonlyMap<string, MemberFacts>,
  included: ReadonlySet<string> = new Set(members.map((m) => m.key)),
): MergedMaterial[] {
  const out = new Map<string, MergedMaterial>();
  /** Per merged material: whether every member asking for it gets it from a member it waits for. */
  const allUpstream = new Map<string, boolean>();
  /** Per merged material: fetched once for all its members (an e-licence, or data sharing), the stronger first. */
  const fetched = new Map<string, Exemption>();
  for (const m of members) {
    const member = facts.get(m.key);
    if (!member || !included.has(m.key)) continue;
    const upstreamResults = new Set([...upstreamOf(members, m.key)].filter((k) => included.has(k)).map((k) => facts.get(k)?.resultLicenseTypeCode));
    for (const mat of member.materials) {
      const identity = mat.licenseTypeCode ? `license:${mat.licenseTypeCode}` : `named:${mat.name.trim()}|${mat.acceptanceStandard.trim()}`;
      const entry = out.get(identity) ?? out.set(identity, { identity, name: mat.name, required: false, exempt: null, members: [] }).get(identity)!;
      entry.members.push({ member: m.key, material: mat.key });
      entry.required ||= mat.required;
      // A result flows down only to the members that wait for it: one that does not must still be given the material.
      const upstream = Boolean(mat.licenseTypeCode && upstreamResults.has(mat.licenseTypeCode));
      allUpstream.set(identity, (allUpstream.get(identity) ?? true) && upstream);
      if (mat.source === 'license') fetched.set(identity, 'license');
      else if (mat.source === 'department' && !fetched.has(identity)) fetched.set(identity, 'shared');
    }
  }
  for (const entry of out.values()) entry.exempt = allUpstream.get(entry.identity) ? 'upstream' : (fetched.get(entry.identity) ?? null);
  return [...out.values()];
}

// ── Reductions ──────────────────────────────────────────────────────────────────────────────────────────

export interface Measure {
  before: number;
  after: number;
  /** (before − after) ÷ before × 100, to 2 decimals; null when before is 0. */
  ratio: number | null;
}

export interface Reductions {
  members: number;
  materials: Measure;
  days: Measure;
  visits: Measure;
  steps: Measure;
  fields: Measure;
  /** The bundle clock's basis: the longest dependency path in working days, and its members. */
  longestPath: { days: number; path: string[] };
}

const measure = (before: number, after: number): Measure => ({ before, after, ratio: reductionPercent(before, after) });

/**
 * The reductions of a bundle over the members an application includes (all of them without answers):
 * - materials: before = Σ members' materials (every listed material, optional ones too); after = distinct merged
 *   materials less those 免提交;
 * - days: before = Σ members' promised limits in working days (one after another); after = the bundle's promise
 *   (the longest dependency path when it promises none);
 * - visits: before = Σ members' visits; after = the bundle's;
 * - steps: before = Σ members' steps; after = the bundle's own steps;
 * - fields: before = Σ members' form fields; after = the merged form's fields.
 * Checks the definition on the way (graph, fields, conditions) and refuses a promise above a sum before, or a
 * promise of fewer days than the longest path (the members keep their own promises).
 */
export function computeReductions(def: BundleDefinition, facts: ReadonlyMap<string, MemberFacts>, answers?: Record<string, Answer>) {
  dependencyOrder(def.members);
  for (const m of def.members) if (!facts.has(m.key)) throw bundleErrors.BUNDLE_MEMBER_UNKNOWN({ member: m.key, code: m.implementationCode });
  const included = includedMembers(def.members, answers);
  const live = def.members.filter((m) => included.has(m.key));
  const f = (key: string) => facts.get(key)!;
  const days = (key: string) => workingDays(f(key).promisedLimit);
  const path = longestPath(def.members, days, included);
  const form = mergeForm(def, facts, included);
  const materials = mergeMaterials(def.members, facts, included);
  const sum = (x: (m: MemberFacts) => number) => live.reduce((s, m) => s + x(f(m.key)), 0);
  const daysBefore = live.reduce((s, m) => s + days(m.key), 0);
  const reductions: Reductions = {
    members: live.length,
    materials: measure(
      sum((m) => m.materials.length),
      materials.filter((m) => !m.exempt).length,
    ),
    days: measure(daysBefore, def.promisedDays ?? path.days),
    visits: measure(
      sum((m) => m.visits),
      def.visits,
    ),
    steps: measure(
      sum((m) => m.steps),
      def.steps.length,
    ),
    fields: measure(form.before, form.after),
    longestPath: path,
  };
  // Checked on the definition as published (every member included), not on an applicant's subset of it.
  if (!answers) {
    const over = (['days', 'visits', 'steps'] as const).filter((k) => reductions[k].after > reductions[k].before);
    if (over.length) throw bundleErrors.BUNDLE_PROMISE_INVALID({ over: over.map((k) => ({ measure: k, ...reductions[k] })) });
    // The members keep their own promises: the bundle cannot finish before its longest path does.
    if (reductions.days.after < path.days) throw bundleErrors.BUNDLE_PROMISE_INVALID({ promisedDays: reductions.days.after, longestPath: path });
  }
  return { included: [...included], reductions, form: form.fields, materials };
}

export interface OverallReductions {
  bundles: number;
  materials: Measure & { averageBefore: number | null; averageAfter: number | null };
  days: Measure & { averageBefore: number | null; averageAfter: number | null };
  visits: Measure & { averageBefore: number | null; averageAfter: number | null };
  steps: Measure & { averageBefore: number | null; averageAfter: number | null };
}

/**
 * Across bundles (the published ones): 总体压缩 = (Σ before − Σ after) ÷ Σ before, a ratio of totals, never an
 * average of the bundles' ratios; the averages per bundle (Σ ÷ the number of bundles, 2 decimals) are how a bureau
 * says "4.62 → 2.16 materials".
 */
export function overallReductions(list: readonly Pick<Reductions, 'materials' | 'days' | 'visits' | 'steps'>[]): OverallReductions {
  const total = (k: 'materials' | 'days' | 'visits' | 'steps') => {
    const before = list.reduce((s, r) => s + r[k].before, 0);
    const after = list.reduce((s, r) => s + r[k].after, 0);
    return {
      ...measure(before, after),
      averageBefore: list.length ? round2(before / list.length) : null,
      averageAfter: list.length ? round2(after / list.length) : null,
    };
  };
  return { bundles: list.length, materials: total('materials'), days: total('days'), visits: total('visits'), steps: total('steps') };
}
