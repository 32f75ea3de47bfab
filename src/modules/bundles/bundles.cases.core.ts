import { bundleErrors } from './bundles.errors.ts';
import type { Answer, MemberDefinition, MergedField } from './bundles.core.ts';

/**
 * The pure core of applying for a bundle (ADR 0036): which answers each member case gets from the merged form, which
 * members wait for others, when a waiting member is released, and what flows into it from upstream. No database,
 * no clock; bundles.cases.core.test.ts checks each rule.
 */

/**
 * Checks the merged form's answers: every key a field of the merged form as the conditions narrowed it, every
 * required field answered. Refuses unknown keys (a typo would otherwise silently answer nothing).
 */
export function checkAnswers(form: readonly Pick<MergedField, 'key' | 'required'>[], answers: Record<string, Answer>, opts: { complete: boolean }) {
  const keys = new Set(form.map((f) => f.key));
  const problems: { field: string; message: string }[] = [];
  for (const k of Object.keys(answers)) if (!keys.has(k)) problems.push({ field: k, message: 'not a field of this bundle’s form' });
  if (opts.complete)
    for (const f of form) {
      const v = answers[f.key];
      if (f.required && (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)))
        problems.push({ field: f.key, message: 'required' });
    }
  if (problems.length) throw bundleErrors.BUNDLE_ANSWERS_INVALID({ problems });
}

/**
 * Each included member's answers: a merged field's answer goes to every member field it maps to; unanswered fields
 * give nothing. Members not included get nothing.
 */
export function memberAnswers(
  form: readonly Pick<MergedField, 'key' | 'maps'>[],
  answers: Record<string, Answer>,
  included: ReadonlySet<string>,
): Map<string, Record<string, Answer>> {
  const out = new Map<string, Record<string, Answer>>([...included].map((k) => [k, {}]));
  for (const f of form) {
    const v = answers[f.key];
    if (v === undefined) continue;
    for (const m of f.maps) if (included.has(m.member)) out.get(m.member)![m.field] = v;
  }
  return out;
}

/** The included members a member waits for: its direct dependencies that the conditions included. */
export function upstreamIncluded(members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[], key: string, included: ReadonlySet<string>): string[] {
  return (members.find((m) => m.key === key)?.dependsOn ?? []).filter((d) => included.has(d));
}

/**
 * Whether a waiting member may be released: every included member it depends on was granted (outcome 0). A member
 * whose upstream was denied keeps waiting (what happens then is the bundle's partial-outcome policy, a later slice).
 */
export function releasable(
  members: readonly Pick<MemberDefinition, 'key' | 'dependsOn'>[],
  key: string,
  included: ReadonlySet<string>,
  outcomes: ReadonlyMap<string, string | null>,
): boolean {
  return upstreamIncluded(members, key, included).every((d) => outcomes.get(d) === '0');
}

/**
 * What flows into a released member from the licences its upstream members produced: a licence carries the answers
 * of the upstream case as decided (its data, keyed by the upstream member's field names); where one merged field
 * maps an upstream member's field and a field of this member, the upstream's value is written into this member's
 * field. Licences of members this one does not depend on do not flow.
 */
export function flowFromUpstream(
  form: readonly Pick<MergedField, 'maps'>[],
  downstream: string,
  upstream: readonly { member: string; data: Record<string, unknown> }[],
): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const f of form) {
    const targets = f.maps.filter((m) => m.member === downstream);
    if (!targets.length) continue;
    for (const u of upstream) {
      const source = f.maps.find((m) => m.member === u.member && m.field in u.data);
      if (!source) continue;
      const v = u.data[source.field];
      if (!['string', 'number', 'boolean'].includes(typeof v)) continue;
      for (const t of targets) out[t.field] = v as Answer;
    }
  }
  return out;
}
