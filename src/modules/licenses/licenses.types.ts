import { z } from 'zod';

/** A licence's own data (the keys its type declares): free-form by design. */
export const licenseData = z.record(z.string(), z.unknown());
/** A licence as its holder and issuing department see it (shapeLicense): the holder's ID number masked. */
export const licenseView = z
  .looseObject({
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
    status: z.enum(['valid', 'suspended', 'revoked', 'expired', 'superseded']),
    statusReason: z.string().nullable(),
    versionNo: z.number(),
    caseNumber: z.string().nullable(),
    verifyCode: z.string(),
    version: z.number(),
  })
  .meta({ id: 'LicenseView' });
