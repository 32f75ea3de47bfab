import { z } from 'zod';
import { formValue } from '../../platform/form-schemas.ts';

/**
 * What a licence type declares of each field (照面信息项): its key (the form's key, as a case hands its answers
 * over), its Chinese label (and English), whether it is printed on the document and whether it is sealed. Only sealed
 * fields are kept and signed; only sealed ones can be printed, so what a printed copy shows can be verified. A contact
 * phone is neither: it serves the case, not the licence. Pure, table-tested (licenses.fields.test.ts).
 */
export const licenseField = z
  .object({ key: z.string(), label: z.string(), labelEn: z.string().nullable(), printed: z.boolean(), sealed: z.boolean() })
  .meta({ id: 'LicenseField' });
export type LicenseField = z.infer<typeof licenseField>;

/** A field as a manager sends it: a bare key (labelled by the key until edited) or the full declaration. */
export const licenseFieldInput = z.union([
  z.string().min(1).max(50),
  z.object({
    key: z.string().min(1).max(50),
    label: z.string().min(1).max(50),
    labelEn: z.string().max(100).nullable().optional(),
    printed: z.boolean().optional(),
    sealed: z.boolean().optional(),
  }),
]);
export type LicenseFieldInput = z.infer<typeof licenseFieldInput>;

/** A sealed value with its labels, in the order the type declares: what pages and the document show, never a raw key. */
export const licenseEntry = z
  .object({ key: z.string(), label: z.string(), labelEn: z.string().nullable(), value: formValue, printed: z.boolean() })
  .meta({ id: 'LicenseEntry' });
export type LicenseEntry = z.infer<typeof licenseEntry>;

// Keys and labels that name a way to reach a person: never on a licence (a seal lasts years, a number changes hands).
const CONTACT = /phone|mobile|telephone|^tel$|电话|手机|联系方式/i;

export function isContactField(f: { key: string; label?: string }): boolean {
  return CONTACT.test(f.key) || CONTACT.test(f.label ?? '');
}

function fromInput(f: LicenseFieldInput | unknown): LicenseField | undefined {
  if (typeof f === 'string') {
    const key = f.trim();
    if (!key) return undefined;
    const contact = isContactField({ key });
    return { key, label: key, labelEn: null, printed: !contact, sealed: !contact };
  }
  if (!f || typeof f !== 'object') return undefined;
  const o = f as Partial<LicenseField>;
  const key = String(o.key ?? '').trim();
  if (!key) return undefined;
  const sealed = o.sealed ?? true;
  return {
    key,
    label: String(o.label ?? '').trim() || key,
    labelEn: typeof o.labelEn === 'string' && o.labelEn.trim() ? o.labelEn.trim() : null,
    printed: sealed && (o.printed ?? true),
    sealed,
  };
}

/** Fields as stored (the declared shape, or the key strings of before migration 0025): trimmed, one per key, in order. */
export function fieldsOf(raw: unknown): LicenseField[] {
  const out = new Map<string, LicenseField>();
  for (const f of Array.isArray(raw) ? raw : []) {
    const field = fromInput(f);
    if (field && !out.has(field.key)) out.set(field.key, field);
  }
  return [...out.values()];
}

export type FieldProblem = { key: string; problem: 'contact_sealed' | 'printed_unsealed' };

/**
 * Declared fields a type may not carry: a contact phone sealed or printed, or a printed field that is not sealed
 * (a printed copy shows only what its seal covers). Checked on the manager's input before fieldsOf tidies it.
 */
export function fieldProblems(input: readonly LicenseFieldInput[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const f of input) {
    if (typeof f === 'string') continue; // a bare key: a contact phone becomes neither sealed nor printed
    const key = f.key.trim();
    if (isContactField({ key, label: f.label }) && (f.sealed !== false || f.printed === true)) out.push({ key, problem: 'contact_sealed' });
    else if (f.sealed === false && f.printed === true) out.push({ key, problem: 'printed_unsealed' });
  }
  return out;
}

/** The keys a licence of the type keeps and seals. */
export const sealedKeys = (fields: readonly LicenseField[]) => fields.filter((f) => f.sealed && !isContactField(f)).map((f) => f.key);

/** A licence's sealed data with its type's labels, in the type's order; keys the type does not seal are not shown. */
export function labelledData(fields: readonly LicenseField[], data: Record<string, unknown>): LicenseEntry[] {
  return fields
    .filter((f) => f.sealed && !isContactField(f) && Object.hasOwn(data, f.key) && data[f.key] !== null && data[f.key] !== '')
    .map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, value: data[f.key] as LicenseEntry['value'], printed: f.printed }));
}

/** A value as printed: a list joined with 、, a flag as 是 / 否. */
export function printedValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(printedValue).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v === null || v === undefined ? '' : String(v);
}
