import { caseErrors } from './cases.errors.ts';

/**
 * 一次性告知 and its answer, as rules over the case's record (pure: the services read the record and apply them).
 * 行政许可法 art. 32 (4): an incomplete application is told once, and in full, everything it must fix. So the answer
 * has to address every item of that notice, and a second notice may only concern what the answer itself brought in
 * (a new file, an edited field), with the reason recorded.
 */

/** One item of a correction notice: a material, a form field, or neither (a general remark), and what to fix. */
export interface CorrectionItem {
  materialKey?: string | null;
  field?: string | null;
  note: string;
}

/** How the applicant addressed one item: a new file, an edited field, or an explanation. */
export interface CorrectionAnswer {
  item: number;
  kind: 'file' | 'field' | 'note';
  value?: unknown;
  note?: string | null;
}

/** An answer as the correction_answered event records it. */
export interface CorrectionAnswerRecord {
  item: number;
  kind: 'file' | 'field' | 'note';
  materialKey?: string | null;
  field?: string | null;
  note?: string | null;
  digest?: string | null;
}

/** What the record says about an item at answer time. */
export interface AnswerFacts {
  /** The digest of each material now, and at the notice (null: nothing uploaded). */
  digestNow: (materialKey: string) => string | null;
  digestAtNotice: (materialKey: string) => string | null;
  /** The form's value of a field now. */
  fieldNow: (field: string) => unknown;
}

/** An answer's shortcomings, by item: what is missing or does not answer it. Empty when the answer is complete. */
export function answerProblems(items: readonly CorrectionItem[], answers: readonly CorrectionAnswer[], facts: AnswerFacts): { item: number; reason: string }[] {
  const problems: { item: number; reason: string }[] = [];
  const seen = new Set<number>();
  for (const a of answers) {
    const item = items[a.item];
    if (!item) {
      problems.push({ item: a.item, reason: 'not an item of the notice' });
      continue;
    }
    if (seen.has(a.item)) {
      problems.push({ item: a.item, reason: 'answered twice' });
      continue;
    }
    seen.add(a.item);
    if (a.kind === 'note') {
      if (!a.note || a.note.trim().length < 2) problems.push({ item: a.item, reason: 'the explanation is empty' });
    } else if (a.kind === 'file') {
      if (!item.materialKey) problems.push({ item: a.item, reason: 'the item names no material' });
      else {
        const now = facts.digestNow(item.materialKey);
        if (now === null || now === facts.digestAtNotice(item.materialKey)) problems.push({ item: a.item, reason: 'no new file since the notice' });
      }
    } else if (a.kind === 'field') {
      if (!item.field) problems.push({ item: a.item, reason: 'the item names no form field' });
      else if (a.value === undefined || JSON.stringify(a.value) === JSON.stringify(facts.fieldNow(item.field) ?? null))
        problems.push({ item: a.item, reason: 'the field is unchanged' });
    }
  }
  items.forEach((_, i) => {
    if (!seen.has(i) && !problems.some((p) => p.item === i)) problems.push({ item: i, reason: 'not answered' });
  });
  return problems.sort((x, y) => x.item - y.item);
}

/** The form fields the answer edits (field → new value), from answers already checked. */
export function editedFields(items: readonly CorrectionItem[], answers: readonly CorrectionAnswer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of answers) if (a.kind === 'field' && items[a.item]?.field) out[items[a.item].field!] = a.value;
  return out;
}

/** What earlier answers brought in: the materials re-uploaded and the fields edited in answer to a notice. */
export function introducedByAnswers(answered: readonly { answers?: readonly CorrectionAnswerRecord[] }[]) {
  const materials = new Set<string>();
  const fields = new Set<string>();
  for (const e of answered)
    for (const a of e.answers ?? []) {
      if (a.kind === 'file' && a.materialKey) materials.add(a.materialKey);
      if (a.kind === 'field' && a.field) fields.add(a.field);
    }
  return { materials, fields };
}

/**
 * Whether a correction notice may be sent, given the notices before it: the first always (it lists everything); a
 * later one only with a reason, and only for materials and fields an answer introduced. Throws the stable error.
 */
export function checkFurtherNotice(
  earlierNotices: number,
  introduced: { materials: ReadonlySet<string>; fields: ReadonlySet<string> },
  items: readonly CorrectionItem[],
  reason: string | null | undefined,
): void {
  if (earlierNotices === 0) return;
  const outside = items.filter((i) => !((i.materialKey && introduced.materials.has(i.materialKey)) || (i.field && introduced.fields.has(i.field))));
  if (!reason?.trim() || outside.length > 0)
    throw caseErrors.CASE_CORRECTION_ONCE({
      needsReason: !reason?.trim(),
      notIntroduced: outside.map((i) => i.materialKey ?? i.field ?? i.note),
    });
}
