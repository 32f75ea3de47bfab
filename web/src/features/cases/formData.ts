// The application form's data as the server checks it (JSON Schema, no unknown keys), and the server's problems
// read back onto the fields.
import { ApiError } from '../../api.ts';
import type { Translate } from '../../i18n.ts';
import type { FormAnswers, FormSchema } from '../../api/types.ts';

/**
 * Only the schema's keys, without empty values (an optional field left blank is absent, not ""). The widgets give
 * form values (a date as YYYY-MM-DD, a checkbox its choices); the server checks each against its field.
 */
export function cleanFormData(values: Record<string, unknown>, schema: FormSchema | undefined): FormAnswers {
  const keys = new Set(Object.keys(schema?.properties ?? {}));
  const out: FormAnswers = {};
  for (const [k, v] of Object.entries(values)) {
    if (!keys.has(k) || v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = (typeof v === 'string' ? v.trim() : v) as FormAnswers[string];
  }
  return out;
}

export interface FormProblem {
  field: string | null;
  message: string;
}

/** The problems of a CASE_FORM_INVALID (or CASE_IDENTITY_MISMATCH) reply, or null for any other error. */
export function formProblems(err: unknown): FormProblem[] | null {
  if (!(err instanceof ApiError) || !['CASE_FORM_INVALID', 'CASE_IDENTITY_MISMATCH'].includes(err.code)) return null;
  const problems = (err.details as { problems?: { field?: string | null; message?: string }[] } | undefined)?.problems ?? [];
  return problems.map((p) => ({ field: p.field ? p.field.split('/')[0] : null, message: p.message ?? '' }));
}

/** The validator's English message, said in the user's language where it is one we know. */
export function problemText(message: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (/must have required property/.test(message)) return t('form.required');
  if (/^not the applicant's/.test(message)) return t('form.identityMismatch');
  if ((m = /must NOT have more than (\d+) characters/.exec(message))) return t('form.maxLength', { n: m[1] });
  if ((m = /must NOT have fewer than (\d+) characters/.exec(message))) return t('form.minLength', { n: m[1] });
  if ((m = /must be >=? (\S+)/.exec(message))) return t('form.minimum', { n: m[1] });
  if ((m = /must be <=? (\S+)/.exec(message))) return t('form.maximum', { n: m[1] });
  if (/must match (format|pattern)/.test(message)) return t('form.pattern');
  if (/must be equal to one of the allowed values/.test(message)) return t('form.enum');
  if (/must be (string|number|integer|boolean|array|object)/.test(message)) return t('form.type');
  if ((m = /must NOT have additional properties|additionalProperty[^a-z]*([A-Za-z0-9_]+)/.exec(message))) return t('form.unknownField', { field: m[1] ?? '' });
  return message;
}

/** The 告知承诺书 the server records when the applicant pledges (src/modules/cases/cases.service.ts pledgeText). */
export function pledgePreview(materialName: string, applicantName: string): string {
  return `本人（单位）${applicantName}郑重承诺：已知悉“${materialName}”的证明义务和证明内容，本人（单位）符合相关条件，所填写、提交的信息真实、准确、完整；如有虚假，愿意承担不予行政许可、撤销行政许可等法律责任，并同意将不实承诺记入信用记录。`;
}
