// What a case's record says, read without the server: the open correction, the special procedure under way, the
// notices reached, the licence issued, the materials missing. Pure functions over the case view.
import type { CaseDetail, CaseMaterial } from '../../api/types.ts';

/** The last correction notice, if the applicant has not answered it yet. */
export function openCorrection(d: Pick<CaseDetail, 'timeline'>): { materialKey?: string | null; field?: string | null; note: string }[] | null {
  let open: { materialKey?: string | null; field?: string | null; note: string }[] | null = null;
  for (const e of d.timeline) {
    if (e.type === 'correction_requested') open = e.data.items ?? [];
    if (e.type === 'correction_answered') open = null;
  }
  return open;
}

/** The kind of the special procedure under way, if one is. */
export function openSpecial(d: Pick<CaseDetail, 'timeline'>): string | null {
  let open: string | null = null;
  for (const e of d.timeline) {
    if (e.type === 'special_started') open = String(e.data.kind ?? '');
    if (e.type === 'special_ended') open = null;
  }
  return open;
}

export const NOTICE_KINDS = ['receipt', 'acceptance', 'correction', 'refusal', 'decision', 'revocation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The words of outcomes 0 and 1 in the item type's terms, as the server sends them (准予许可 only for 行政许可). */
export function outcomeWords(d: Pick<CaseDetail, 'itemRules'>, outcome: string): { zh: string; en: string } | null {
  return outcome === '0' ? d.itemRules.outcome.granted : outcome === '1' ? d.itemRules.outcome.denied : null;
}

/** The licence a granted case issued, if any. */
export function issuedLicense(d: CaseDetail): string | null {
  const e = [...d.timeline].reverse().find((x) => x.type === 'license_issued');
  return e ? String(e.data.identifier) : null;
}

/** Required materials with nothing supplied (gaps count as supplied for now). */
export function missingMaterials(materials: CaseMaterial[]): CaseMaterial[] {
  return materials.filter((m) => m.required && !m.mode);
}
