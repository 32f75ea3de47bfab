// The merged form as the apply page shows it (no React): its JSON Schema, and the members an applicant's answers
// include — the same rule as the server's includedMembers (bundles.core.ts). Table-tested in tests/web.

export interface MergedFieldLike {
  key: string;
  schema: Record<string, unknown>;
  required: boolean;
  maps: { member: string; field: string }[];
  merged: boolean;
}
export interface MemberLike {
  key: string;
  condition: { field: string; op: 'includeWhen' | 'excludeWhen'; values: (string | number | boolean)[] } | null;
}

/** The members the answers include: without a condition always; includeWhen when an answer matches; excludeWhen unless. */
export function includedMembers(members: readonly MemberLike[], answers: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    if (!m.condition) {
      out.add(m.key);
      continue;
    }
    const a = answers[m.condition.field];
    const values = m.condition.values as unknown[];
    const hit = Array.isArray(a) ? a.some((x) => values.includes(x)) : a !== undefined && a !== null && values.includes(a);
    if (m.condition.op === 'includeWhen' ? hit : !hit) out.add(m.key);
  }
  return out;
}

/** A field is asked when it is a merged field, or a member's own field of an included member. */
export function shownMergedFields<F extends MergedFieldLike>(form: readonly F[], included: ReadonlySet<string>): F[] {
  return form.filter((f) => f.merged || f.maps.some((m) => included.has(m.member)));
}

/** The identity fields (x-bind applicant.*) are the account's: the server fills them, the form does not ask. */
export const isAccountField = (f: MergedFieldLike) => typeof f.schema['x-bind'] === 'string' && (f.schema['x-bind'] as string).startsWith('applicant.');

/** The merged form as one JSON Schema object (for the schema field renderer). */
export interface MergedSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  'x-order': string[];
}
export function mergedSchema(form: readonly MergedFieldLike[]): MergedSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(form.map((f) => [f.key, f.schema])),
    required: form.filter((f) => f.required).map((f) => f.key),
    'x-order': form.map((f) => f.key),
  };
}
