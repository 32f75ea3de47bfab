import { FIELD_BINDINGS, isFieldBinding, type FieldBinding } from '../../platform/forms.ts';
import type { FormAnswers } from '../../platform/form-schemas.ts';

/**
 * The fields of a form bound to the applicant's account (`x-bind`, form-widgets.ts): identity fields are the
 * account's, never what was typed; prefill fields start from it. Pure, table-tested (cases.identity.test.ts): the
 * apply use cases fill and check a form with bindIdentity, the prefill reply lists what it filled from where.
 */

/** The applicant as the case knows it: the applying account, the principal's under a mandate, or whom the window named. */
export interface BoundApplicant {
  kind: 'person' | 'organisation';
  name: string;
  /** 公民身份号码 of a person, 统一社会信用代码 of an organisation. */
  idNumber: string;
  /** The mobile of the account filling the form in, when known (only a prefill: contact.phone). */
  phone?: string | null;
}

/** The applicant a case was made for (its row), as its identity fields are bound to. */
export const applicantOfCase = (row: { applicantKind: string; applicantName: string; applicantIdNumber: string }): BoundApplicant => ({
  kind: row.applicantKind === 'organisation' ? 'organisation' : 'person',
  name: row.applicantName,
  idNumber: row.applicantIdNumber,
});

type FormLike = { properties?: Record<string, { 'x-bind'?: unknown; type?: unknown }> };

/** Each bound field of a form with its binding (an unknown binding is no binding: the catalogue refuses them). */
export function boundFields(form: FormLike): { key: string; bind: FieldBinding; identity: boolean }[] {
  return Object.entries(form.properties ?? {}).flatMap(([key, field]) => {
    const bind = field?.['x-bind'];
    return isFieldBinding(bind) ? [{ key, bind, identity: FIELD_BINDINGS[bind].identity }] : [];
  });
}

/** The value a binding has for the applicant; null where the applicant has none (a person's USCC). */
export function boundValue(bind: FieldBinding, a: BoundApplicant): string | null {
  switch (bind) {
    case 'applicant.name':
      return a.name.trim();
    case 'applicant.idNumber':
      return a.kind === 'person' ? a.idNumber.trim().toUpperCase() : null;
    case 'applicant.uscc':
      return a.kind === 'organisation' ? a.idNumber.trim().toUpperCase() : null;
    case 'contact.phone':
      return a.phone?.trim() || null;
  }
}

/** A typed value as compared with the account's: trimmed; numbers in capitals (a trailing x of an ID number). */
function comparable(bind: FieldBinding, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') return JSON.stringify(v);
  const s = v.trim();
  if (!s) return null;
  return bind === 'applicant.idNumber' || bind === 'applicant.uscc' ? s.toUpperCase() : s;
}

export interface IdentityProblem {
  field: string;
  bind: FieldBinding;
  message: string;
}

/**
 * The form with its identity fields set from the applicant, and the fields whose given value differs from the
 * applicant's (a blank or missing value is filled, never a problem). A binding the applicant has no value for (a
 * person and a USCC: a sole trader's code is on its business licence, not its account) binds nothing: the field is
 * the applicant's to fill, as any other. Prefill bindings are left as given.
 */
export function bindIdentity(
  form: FormLike,
  applicant: BoundApplicant,
  data: Record<string, unknown>,
): { data: Record<string, unknown>; problems: IdentityProblem[] } {
  const out: Record<string, unknown> = { ...data };
  const problems: IdentityProblem[] = [];
  for (const { key, bind, identity } of boundFields(form)) {
    if (!identity) continue;
    const value = boundValue(bind, applicant);
    if (value === null) continue;
    const given = comparable(bind, data[key]);
    if (given !== null && given !== value) problems.push({ field: key, bind, message: `not the applicant's ${bind.split('.')[1]}` });
    out[key] = value;
  }
  return { data: out, problems };
}

/** Where a prefilled answer came from: the account (identity or profile), or a licence the applicant holds. */
export interface PrefillSource {
  field: string;
  from: 'account' | 'license';
  /** An identity field: the applicant cannot change it. */
  readOnly: boolean;
  licenseIdentifier: string | null;
  licenseTypeName: string | null;
  /** The licence's number (流水号) masked, as the form shows beside the field (秒报, issue 22). */
  licenseNumberMasked: string | null;
}

/**
 * A licence identifier's serial (流水号, the eighth part of 1.2.156.3005.2.类型.机构.流水号.版本.校验位) with all but its last
 * four characters masked: enough for the holder to tell two licences apart, nothing more where a screen is shared.
 */
export function maskLicenseNumber(identifier: string): string {
  const parts = identifier.split('.');
  const serial = parts.length >= 10 ? parts[7] : identifier.replace(/\./g, '');
  return serial.length <= 4 ? '*'.repeat(serial.length) : '*'.repeat(Math.min(serial.length - 4, 8)) + serial.slice(-4);
}

/** A licence as prefilling reads it: its sealed data under the forms' keys (licenses.fields.ts). */
export interface PrefillLicense {
  identifier: string;
  typeName: string | null;
  data: Record<string, unknown>;
}

type FieldLike = { type?: unknown; enum?: unknown; items?: unknown; maxLength?: unknown; 'x-widget'?: unknown };

/** A licence's value fits the field: its type, a choice among its options, within its length. */
function fits(field: FieldLike, v: unknown): boolean {
  const options = (list: unknown) => (Array.isArray(list) ? list : null);
  if (field.type === 'string') {
    if (typeof v !== 'string' || !v.trim()) return false;
    const choices = options(field.enum);
    if (choices && !choices.includes(v)) return false;
    return typeof field.maxLength !== 'number' || v.length <= field.maxLength;
  }
  if (field.type === 'number' || field.type === 'integer') return typeof v === 'number' && Number.isFinite(v);
  if (field.type === 'boolean') return typeof v === 'boolean';
  if (field.type === 'array') {
    const choices = options((field.items as { enum?: unknown } | undefined)?.enum);
    return Array.isArray(v) && v.length > 0 && v.every((x) => (choices ? choices.includes(x) : typeof x === 'string'));
  }
  return false;
}

/**
 * The answers a new application starts with: identity fields and the contact phone from the account, then each
 * other field a licence of the applicant's carries under the same key (newest licence first; a licence hands its
 * data over under the forms' keys). ID numbers, USCCs and phones are never taken from a licence.
 */
export function prefillAnswers(
  form: FormLike,
  applicant: BoundApplicant,
  licenses: readonly PrefillLicense[],
): { formData: FormAnswers; sources: PrefillSource[] } {
  const formData: FormAnswers = {};
  const sources: PrefillSource[] = [];
  const bound = new Map(boundFields(form).map((b) => [b.key, b]));
  for (const [key, field] of Object.entries(form.properties ?? {}) as [string, FieldLike][]) {
    const b = bound.get(key);
    if (b) {
      const value = boundValue(b.bind, applicant);
      if (value !== null) {
        formData[key] = value;
        sources.push({ field: key, from: 'account', readOnly: b.identity, licenseIdentifier: null, licenseTypeName: null, licenseNumberMasked: null });
        continue;
      }
      // The account has nothing for it (a person and a USCC): the applicant fills it in, perhaps from a licence.
      if (b.identity) continue;
    }
    if (['id-number', 'uscc', 'phone'].includes(String(field['x-widget']))) continue;
    const from = licenses.find((l) => Object.hasOwn(l.data, key) && fits(field, l.data[key]));
    if (!from) continue;
    formData[key] = from.data[key] as FormAnswers[string];
    sources.push({
      field: key,
      from: 'license',
      readOnly: false,
      licenseIdentifier: from.identifier,
      licenseTypeName: from.typeName,
      licenseNumberMasked: maskLicenseNumber(from.identifier),
    });
  }
  return { formData, sources };
}
