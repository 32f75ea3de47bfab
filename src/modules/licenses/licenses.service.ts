import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { checkUscc } from '../../platform/identity.ts';
import { getDepartment } from '../regions/index.ts';
import { licenseType, licenseTypeIssuer } from './licenses.schema.ts';
import { licenseErrors } from './licenses.errors.ts';
import { fieldProblems, fieldsOf, type LicenseFieldInput } from './licenses.fields.ts';

export interface LicenseTypeInput {
  code: string;
  name: string;
  definingBodyName: string;
  holderKind: 'person' | 'organisation';
  validityYears?: number | null;
  /** Why so many years, or why long-term: the law that says so. */
  validityBasis?: string | null;
  /** The fields a licence of the type carries: labels, printed, sealed (a bare key: labelled by the key). */
  fields?: LicenseFieldInput[];
  /** The departments that may issue it. */
  issuers?: number[];
}

export interface LicenseTypeChange {
  version: number;
  name?: string;
  definingBodyName?: string;
  validityYears?: number | null;
  validityBasis?: string | null;
  fields?: LicenseFieldInput[];
  issuers?: number[];
}

/** Who may change what: types of which defining body, and which issuing departments (added or removed). */
export interface LicenseTypeRights {
  /** May the actor define or change the types of the defining body with this USCC? */
  definer: (db: Db, uscc: string) => Promise<boolean>;
  department: (db: Db, departmentId: number) => Promise<boolean>;
}

export interface IssuerView {
  departmentId: number;
  name: string;
  regionCode: string;
}

function shape(row: typeof licenseType.$inferSelect, issuers: IssuerView[] = []) {
  return {
    code: row.code,
    name: row.name,
    definingBodyUscc: row.definingBodyUscc,
    definingBodyName: row.definingBodyName,
    holderKind: row.holderKind as 'person' | 'organisation',
    validityYears: row.validityYears,
    validityBasis: row.validityBasis,
    fields: fieldsOf(row.fields),
    issuers,
    version: row.version,
  };
}

export type LicenseTypeView = ReturnType<typeof shape>;

async function issuersOf(db: Db, codes: string[]): Promise<Map<string, IssuerView[]>> {
  const out = new Map<string, IssuerView[]>();
  if (codes.length === 0) return out;
  const rows = await queryRows<{ code: string; id: number; name: string; region_code: string }>(
    db,
    sql`SELECT i.type_code AS code, d.id, d.name, d.region_code FROM license_type_issuer i JOIN pub_regions_department d ON d.id = i.department_id
        WHERE i.type_code IN (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}) ORDER BY d.region_code, d.id`,
  );
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), { departmentId: Number(r.id), name: r.name, regionCode: r.region_code }]);
  return out;
}

export async function listLicenseTypes(db: Db) {
  const rows = await db.select().from(licenseType).orderBy(asc(licenseType.code));
  const issuers = await issuersOf(
    db,
    rows.map((r) => r.code),
  );
  return rows.map((r) => shape(r, issuers.get(r.code)));
}

export async function findLicenseType(db: Db, code: string) {
  const [row] = await db.select().from(licenseType).where(eq(licenseType.code, code.toUpperCase()));
  return row ? shape(row, (await issuersOf(db, [row.code])).get(row.code)) : undefined;
}

/** Which of the codes exist, for checking catalogue references in one query. */
export async function existingLicenseTypeCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: licenseType.code }).from(licenseType).where(inArray(licenseType.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** Is the department listed as an issuer of the type? Issuing and revoking require it, whatever the role. */
export async function isIssuerOf(db: Db, typeCode: string, departmentId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(licenseTypeIssuer)
    .where(and(eq(licenseTypeIssuer.typeCode, typeCode.toUpperCase()), eq(licenseTypeIssuer.departmentId, departmentId)));
  return Boolean(row);
}

/** Fields: a contact phone neither sealed nor printed, nothing printed unsealed; then trimmed, one per key, in order. */
function cleanFields(fields: LicenseFieldInput[] | undefined) {
  const problems = fieldProblems(fields ?? []);
  if (problems.some((p) => p.problem === 'contact_sealed'))
    throw licenseErrors.LICENSE_FIELD_CONTACT_SEALED({ fields: problems.filter((p) => p.problem === 'contact_sealed').map((p) => p.key) });
  if (problems.length) throw licenseErrors.LICENSE_FIELD_PRINTED_UNSEALED({ fields: problems.map((p) => p.key) });
  return fieldsOf(fields ?? []);
}

const cleanBasis = (basis: string | null | undefined) => basis?.trim() || null;

async function setIssuers(tx: Db, code: string, departmentIds: number[]) {
  await tx.delete(licenseTypeIssuer).where(eq(licenseTypeIssuer.typeCode, code));
  if (departmentIds.length) await tx.insert(licenseTypeIssuer).values(departmentIds.map((departmentId) => ({ typeCode: code, departmentId })));
}

/** Creates a licence type; with rights, every issuing department named must be within the actor's scope. */
export async function createLicenseType(tx: Db, ctx: RequestContext, input: LicenseTypeInput, rights?: LicenseTypeRights) {
  const code = input.code.toUpperCase();
  if (!/^[0-9A-Z]{18}\d{3}$/.test(code) || !checkUscc(code.slice(0, 18)).valid) throw licenseErrors.LICENSE_TYPE_CODE_INVALID({ code });
  if (rights && !(await rights.definer(tx, code.slice(0, 18)))) throw licenseErrors.LICENSE_TYPE_NATIONAL_ONLY({ definingBody: code.slice(0, 18) });
  if (await findLicenseType(tx, code)) throw licenseErrors.LICENSE_TYPE_CODE_TAKEN({ code });
  const issuers = [...new Set(input.issuers ?? [])];
  for (const id of issuers) {
    await getDepartment(tx, id);
    if (rights && !(await rights.department(tx, id))) throw licenseErrors.LICENSE_ISSUER_OUT_OF_SCOPE({ departmentId: id });
  }
  const [row] = await tx
    .insert(licenseType)
    .values({
      code,
      name: input.name.trim(),
      definingBodyUscc: code.slice(0, 18),
      definingBodyName: input.definingBodyName.trim(),
      holderKind: input.holderKind,
      validityYears: input.validityYears ?? null,
      validityBasis: cleanBasis(input.validityBasis),
      fields: cleanFields(input.fields),
    })
    .returning();
  await setIssuers(tx, code, issuers);
  await writeAudit(tx, ctx, { action: 'license_type.create', targetType: 'license_type', targetId: code, change: { after: { ...row, issuers } } });
  return (await findLicenseType(tx, code))!;
}

/**
 * Changes a licence type: only who manages its defining body (rights.definer), and each issuing department added or
 * removed must be within the actor's scope (rights.department).
 */
export async function updateLicenseType(tx: Db, ctx: RequestContext, code: string, input: LicenseTypeChange, rights: LicenseTypeRights) {
  const [row] = await tx.select().from(licenseType).where(eq(licenseType.code, code.toUpperCase())).for('update');
  if (!row) throw licenseErrors.LICENSE_TYPE_NOT_FOUND({ code });
  if (row.version !== input.version) throw licenseErrors.LICENSE_TYPE_VERSION_CONFLICT({ current: row.version });
  const set: Partial<typeof licenseType.$inferInsert> = {};
  if (input.name !== undefined && input.name.trim() !== row.name) set.name = input.name.trim();
  if (input.definingBodyName !== undefined && input.definingBodyName.trim() !== row.definingBodyName) set.definingBodyName = input.definingBodyName.trim();
  if (input.validityYears !== undefined && input.validityYears !== row.validityYears) set.validityYears = input.validityYears;
  if (input.validityBasis !== undefined && cleanBasis(input.validityBasis) !== row.validityBasis) set.validityBasis = cleanBasis(input.validityBasis);
  if (input.fields !== undefined) {
    const fields = cleanFields(input.fields);
    if (JSON.stringify(fields) !== JSON.stringify(fieldsOf(row.fields))) set.fields = fields;
  }
  if (!(await rights.definer(tx, row.definingBodyUscc))) throw licenseErrors.LICENSE_TYPE_NATIONAL_ONLY({ definingBody: row.definingBodyUscc });
  const before = ((await issuersOf(tx, [row.code])).get(row.code) ?? []).map((i) => i.departmentId);
  let issuers = before;
  if (input.issuers !== undefined) {
    const wanted = [...new Set(input.issuers)];
    const changed = [...wanted.filter((id) => !before.includes(id)), ...before.filter((id) => !wanted.includes(id))];
    for (const id of changed) {
      await getDepartment(tx, id);
      if (!(await rights.department(tx, id))) throw licenseErrors.LICENSE_ISSUER_OUT_OF_SCOPE({ departmentId: id });
    }
    if (changed.length) {
      await setIssuers(tx, row.code, wanted);
      issuers = wanted;
    }
  }
  await tx
    .update(licenseType)
    .set({ ...set, version: row.version + 1 })
    .where(eq(licenseType.id, row.id));
  await writeAudit(tx, ctx, {
    action: 'license_type.update',
    targetType: 'license_type',
    targetId: row.code,
    change: { ...set, issuers: { before, after: issuers } },
  });
  return (await findLicenseType(tx, row.code))!;
}
