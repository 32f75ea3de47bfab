// The apply page's pure rules about fields and materials (no React): which fields are the applicant's identity, and
// the one state a material's row shows. Table-tested in tests/web/apply-fields.test.ts.
import { FIELD_BINDINGS, isFieldBinding } from '../../../../src/platform/form-widgets.ts';

/**
 * Whether a field is the applicant's identity for this applicant, filled from the account and not to be typed: an
 * identity binding (x-bind) the applicant has a value for. A person's account has no USCC and an organisation's no
 * 公民身份号码: such a field is the applicant's to fill (the server binds it the same way, cases.identity.ts).
 */
export function isIdentityField(bind: unknown, applicantKind: 'person' | 'organisation' | undefined): boolean {
  if (!isFieldBinding(bind) || !FIELD_BINDINGS[bind].identity) return false;
  // Whom it is for is not known yet (an agent has not chosen): a name is the applicant's whoever it is.
  if (!applicantKind) return bind === 'applicant.name';
  if (bind === 'applicant.idNumber') return applicantKind === 'person';
  if (bind === 'applicant.uscc') return applicantKind === 'organisation';
  return true;
}

/** The one state a material row shows on the apply page (the bug was a row saying both 已上传 and 未找到). */
export type MaterialState = 'license' | 'upload' | 'pledge' | 'gap' | 'licenseFound' | 'uploadRequired' | 'none';

/**
 * What the row of a material says: what the draft holds for it, else — for a material a licence can replace — whether
 * the holder's valid licence was found (to be used with one click) or not (upload required), else nothing yet.
 */
export function materialState(
  m: { source: string; licenseTypeCode?: string | null },
  supplied: { mode: Exclude<MaterialState, 'licenseFound' | 'uploadRequired' | 'none'> | null } | undefined,
  candidate: object | null,
): MaterialState {
  if (supplied?.mode) return supplied.mode;
  if (m.source === 'license' && m.licenseTypeCode) return candidate ? 'licenseFound' : 'uploadRequired';
  return 'none';
}
