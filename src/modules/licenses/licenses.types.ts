import { z } from 'zod';
import { formValue } from '../../platform/form-schemas.ts';
import { licenseEntry } from './licenses.fields.ts';

/**
 * A licence's own data (照面信息): the keys its type declares, each a form answer's kind of value (text, a number, a
 * flag, a list) — a case's form answers become a licence's data, and imports are checked against the same.
 */
export const licenseData = z.record(z.string(), formValue).meta({ id: 'LicenseData' });
export type LicenseData = z.infer<typeof licenseData>;
/** A licence as its holder and issuing department see it (shapeLicense): a person's ID number masked, an organisation's USCC in full. */
export const licenseView = z
  .object({
    identifier: z.string(),
    typeCode: z.string(),
    typeName: z.string().nullable(),
    issuerUscc: z.string(),
    holderKind: z.string(),
    holderName: z.string(),
    holderIdNumberMasked: z.string().nullable(),
    issueDate: z.string(),
    validUntil: z.string().nullable(),
    data: licenseData,
    /** The sealed data with its type's labels, in the type's order: what pages show (never a raw key, never a phone). */
    entries: z.array(licenseEntry),
    status: z.enum(['valid', 'suspended', 'revoked', 'expired', 'superseded']),
    statusReason: z.string().nullable(),
    versionNo: z.number(),
    caseNumber: z.string().nullable(),
    verifyCode: z.string(),
    version: z.number(),
  })
  .meta({ id: 'LicenseView' });
export type LicenseView = z.infer<typeof licenseView>;
