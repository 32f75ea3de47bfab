// The bundle editor's pure edits of a definition (no React): adding and removing members so that nothing points at
// a member that is gone, conditions, and the member fields a merged field may answer. Table-tested in tests/web.

export interface ConditionLike {
  field: string;
  op: 'includeWhen' | 'excludeWhen';
  values: (string | number | boolean)[];
}
export interface DefinitionLike {
  members: { key: string; implementationCode: string; dependsOn: string[]; condition: ConditionLike | null }[];
  fields: { key: string; maps: { member: string; field: string }[] }[];
}
/** What the preview answers of the merged form, as far as these rules read it. */
export interface EvaluationLike {
  form: { title: string; merged: boolean; maps: { member: string; field: string }[] }[];
}

/** A member key for an implementation: its kind and sequence (XK-0002 → xk0002), made unique with a, b, c… */
export function memberKeyFor(content: DefinitionLike, implementationCode: string): string {
  const tail = implementationCode
    .split('-')
    .slice(-2)
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const base = /^[a-z]/.test(tail) ? tail.slice(0, 26) : `m${tail.slice(0, 25)}`;
  const taken = new Set(content.members.map((m) => m.key));
  if (!taken.has(base)) return base;
  for (const suffix of 'abcdefghijklmnopqrstuvwxyz') if (!taken.has(base + suffix)) return base + suffix;
  return `${base}${content.members.length}`;
}

/** Adds a published implementation as a member, in parallel and without condition. */
export function addMember<C extends DefinitionLike>(content: C, implementationCode: string): C {
  const key = memberKeyFor(content, implementationCode);
  return { ...content, members: [...content.members, { key, implementationCode, dependsOn: [], condition: null }] };
}

/** Removes a member and every reference to it: the others' dependencies on it and the merged fields' maps to it. */
export function removeMember<C extends DefinitionLike>(content: C, key: string): C {
  return {
    ...content,
    members: content.members.filter((m) => m.key !== key).map((m) => ({ ...m, dependsOn: m.dependsOn.filter((d) => d !== key) })),
    fields: content.fields.map((f) => ({ ...f, maps: f.maps.filter((m) => m.member !== key) })),
  };
}

/**
 * Sets (or clears, with null) a member's condition. A new condition starts on the first merged field, with the
 * value true (the usual switch: "has an outdoor sign").
 */
export function setCondition<C extends DefinitionLike>(content: C, key: string, patch: Partial<ConditionLike> | null): C {
  return {
    ...content,
    members: content.members.map((m) => {
      if (m.key !== key) return m;
      if (patch === null) return { ...m, condition: null };
      const base: ConditionLike = m.condition ?? { field: content.fields[0]?.key ?? '', op: 'includeWhen', values: [true] };
      return { ...m, condition: { ...base, ...patch } };
    }),
  };
}

/** The values typed as the condition's field holds them: booleans and numbers from their text, else the text. */
export function conditionValues(texts: readonly string[], type?: string): (string | number | boolean)[] {
  return texts.map((v) => {
    if (type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
    if ((type === 'number' || type === 'integer') && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return v;
  });
}

/**
 * The member fields a merged field may answer, from the last preview: those merged fields answer and those asked
 * as the member has them (`<member>__<field>`), each labelled with its member's name (provenance).
 */
export function memberFieldOptions(evaluation: EvaluationLike | undefined, nameOf: (member: string) => string): { value: string; label: string }[] {
  const out = new Map<string, string>();
  for (const f of evaluation?.form ?? []) for (const m of f.maps) out.set(`${m.member}.${m.field}`, `${nameOf(m.member)} · ${f.merged ? m.field : f.title}`);
  return [...out].map(([value, label]) => ({ value, label }));
}
