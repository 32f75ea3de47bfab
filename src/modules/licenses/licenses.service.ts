import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { checkUscc } from '../../platform/identity.ts';
import { licenseType } from './licenses.schema.ts';
import { licenseErrors } from './licenses.errors.ts';

export interface LicenseTypeInput {
  code: string;
  name: string;
  definingBodyName: string;
  holderKind: 'person' | 'organisation';
  validityYears?: number | null;
}

function shape(row: typeof licenseType.$inferSelect) {
  return {
    code: row.code,
    name: row.name,
    definingBodyUscc: row.definingBodyUscc,
    definingBodyName: row.definingBodyName,
    holderKind: row.holderKind as 'person' | 'organisation',
    validityYears: row.validityYears,
    version: row.version,
  };
}

export type LicenseTypeView = ReturnType<typeof shape>;

export async function listLicenseTypes(db: Db) {
  return (await db.select().from(licenseType).orderBy(asc(licenseType.code))).map(shape);
}

export async function findLicenseType(db: Db, code: string) {
  const [row] = await db.select().from(licenseType).where(eq(licenseType.code, code));
  return row ? shape(row) : undefined;
}

/** Which of the codes exist, for checking catalogue references in one query. */
export async function existingLicenseTypeCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: licenseType.code }).from(licenseType).where(inArray(licenseType.code, codes));
  return new Set(rows.map((r) => r.code));
}

export async function createLicenseType(tx: Db, ctx: RequestContext, input: LicenseTypeInput) {
  const code = input.code.toUpperCase();
  if (!/^[0-9A-Z]{18}\d{3}$/.test(code) || !checkUscc(code.slice(0, 18)).valid) throw licenseErrors.LICENSE_TYPE_CODE_INVALID({ code });
  if (await findLicenseType(tx, code)) throw licenseErrors.LICENSE_TYPE_CODE_TAKEN({ code });
  const [row] = await tx
    .insert(licenseType)
    .values({ code, name: input.name.trim(), definingBodyUscc: code.slice(0, 18), definingBodyName: input.definingBodyName.trim(), holderKind: input.holderKind, validityYears: input.validityYears ?? null })
    .returning();
  await writeAudit(tx, ctx, { action: 'license_type.create', targetType: 'license_type', targetId: code, change: { after: row } });
  return shape(row);
}
