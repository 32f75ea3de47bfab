// What a case's record says, read without the server: the open correction, the special procedure under way, the
// notices reached, the licence issued, the materials missing. Pure functions over the case view.
import type { CaseDetail, CaseMaterial } from '../../api/types.ts';

/** The last correction notice, if the applicant has not answered it yet. */
export function openCorrection(d: Pick<CaseDetail, 'timeline'>): { materialKey?: string | null; note: string }[] | null {
  let open: { materialKey?: string | null; note: string }[] | null = null;
  for (const e of d.timeline) {
    if (e.type === 'correction_requested') open = (e.data.items as { materialKey?: string | null; note: string }[]) ?? [];
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

export const NOTICE_KINDS = ['receipt', 'acceptance', 'correction', 'refusal', 'decision'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The notices the case has reached (the server answers 404 for the others). */
export function availableNotices(d: CaseDetail): NoticeKind[] {
  const has = (type: string) => d.timeline.some((e) => e.type === type);
  return NOTICE_KINDS.filter((k) =>
    k === 'receipt'
      ? !!d.receivedOn
      : k === 'acceptance'
        ? !!d.clock.acceptedOn
        : k === 'correction'
          ? has('correction_requested')
          : k === 'refusal'
            ? has('refused')
            : has('decided'),
  );
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
