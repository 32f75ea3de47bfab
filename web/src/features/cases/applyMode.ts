// Who is applying and for whom: pure rules of the apply page (the server decides again on every call).
import type { Material } from '../../api/types.ts';
import { covers } from '../mandates/index.tsx';
import type { Mandate } from '../mandates/index.tsx';
import type { ApplicantValues } from './ApplicantCards.tsx';
import type { CaseDetail, CaseMaterial, License } from '../../api/types.ts';

/** `self`: an applicant for itself; `agent`: for one of its principals; `window`: a clerk for whoever is at the counter. */
export type ApplyMode = 'self' | 'agent' | 'window';

export function applyModeOf(roles: readonly string[]): ApplyMode {
  return roles.includes('clerk') ? 'window' : roles.includes('agent') ? 'agent' : 'self';
}

/** One choice per principal, under any of its mandates that covers the item today. */
export function principalsFor(mandates: readonly Mandate[], itemCode: string): Mandate['principal'][] {
  return [...new Map(mandates.filter((m) => covers(m, itemCode)).map((m) => [m.principal.userId, m.principal])).values()];
}

/** The applicant as the window typed it, tidied for the server. */
export function applicantOf(a: ApplicantValues) {
  return {
    kind: a.kind,
    name: a.name.trim(),
    idNumber: a.idNumber.trim().toUpperCase(),
    contactName: a.contactName?.trim() || undefined,
    contactPhone: a.contactPhone?.trim() || undefined,
  };
}

/**
 * The licence offered instead of a material: for a draft, what the server found; before the draft exists, a valid
 * licence of the type in the applicant's own wallet.
 */
export function offeredLicense(
  m: Material | CaseMaterial,
  detail: CaseDetail | undefined,
  candidates: Record<string, License | null>,
  wallet: readonly License[],
): License | null {
  if (m.source !== 'license' || !m.licenseTypeCode) return null;
  if (detail) return candidates[m.key] ?? null;
  return wallet.find((l) => l.typeCode === m.licenseTypeCode && l.status === 'valid') ?? null;
}
