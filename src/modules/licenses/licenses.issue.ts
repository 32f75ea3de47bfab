import { timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, rootDatabase, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { canonicalJson } from '../../platform/crypto.ts';
import { today } from '../../platform/clock.ts';
import { isValidIsoDate } from '../../platform/calendar/working-days.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import { sm2Sign, sm2Verify, publicKeyPem, SM2_USER_ID } from '../../platform/sm2.ts';
import { iso } from '../../platform/time.ts';
import { getDepartment } from '../regions/index.ts';
import { isIssuerOf } from './licenses.service.ts';
import { license, licenseSealedNames, licenseSerial, licenseType, licenseUse } from './licenses.schema.ts';
import { licenseErrors } from './licenses.errors.ts';
import { activeSealKey, allVerificationKeys, publicKeyOf, sealVerdict, sealVerdictHolds, signedDataDigest } from './licenses.keys.ts';
import { checkIdentifier, makeIdentifier } from './identifier.ts';
import type { LicenseData, LicenseView } from './licenses.types.ts';
import { fieldsOf, labelledData, sealedKeys, type LicenseEntry, type LicenseField } from './licenses.fields.ts';
import { createVerifyPool, defaultVerifyWorkers, type VerifyPool } from './licenses.seal-pool.ts';

/** A licence as stored: `identifier` and `signed_data` only on licences sealed before ADR 0029. */
export type StoredLicense = typeof license.$inferSelect;
/** A licence as code uses it: its identifier derived and its signed data rebuilt, where they are not stored. */
export type LicenseRow = Omit<StoredLicense, 'identifier' | 'signedData'> & { identifier: string; signedData: string };
export type LicenseStatus = 'valid' | 'suspended' | 'revoked' | 'expired' | 'superseded';

export interface Holder {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
}

export interface IssueInput {
  typeCode: string;
  departmentId: number;
  holder: Holder;
  data: Record<string, unknown>;
  issueDate?: string;
  validUntil?: string | null;
  caseNumber?: string | null;
  /** Refuse data keys the type does not declare (an officer's own input); otherwise they are left out silently. */
  strictData?: boolean;
  /** A serial taken before the transaction with reserveSerial (for this issuer and type); else one is taken here. */
  serial?: string;
}

function checkHolder(holder: Holder) {
  const r = holder.kind === 'person' ? checkIdNumber(holder.idNumber) : checkUscc(holder.idNumber);
  if (!r.valid || !holder.name.trim()) throw licenseErrors.LICENSE_HOLDER_INVALID({ reason: r.valid ? 'name is empty' : r.reason });
}

async function nextSerial(tx: Db, issuerUscc: string, typeCode: string, year: string): Promise<string> {
  const [row] = await tx
    .insert(licenseSerial)
    .values({ issuerUscc, typeCode, last: 1 })
    .onConflictDoUpdate({ target: [licenseSerial.issuerUscc, licenseSerial.typeCode], set: { last: sql`${licenseSerial.last} + 1` } })
    .returning({ last: licenseSerial.last });
  return `${year}${String(row.last).padStart(6, '0')}`;
}

/** The data the seal signs: everything a verifier must be able to trust, as RFC 8785 canonical JSON. */
export function signedDataOf(l: {
  identifier: string;
  typeCode: string;
  typeName: string;
  issuerUscc: string;
  issuerName: string;
  holder: Holder;
  issueDate: string;
  validUntil: string | null;
  data: unknown;
  versionNo: number;
}) {
  return canonicalJson({
    identifier: l.identifier,
    type: { code: l.typeCode, name: l.typeName },
    issuer: { uscc: l.issuerUscc, name: l.issuerName },
    holder: { kind: l.holder.kind, name: l.holder.name, idNumber: l.holder.idNumber.toUpperCase() },
    issueDate: l.issueDate,
    validUntil: l.validUntil,
    version: l.versionNo,
    data: l.data,
  });
}

/** The names a seal signed besides the columns: the type's and the issuing department's, as they were then. */
export interface SealedNames {
  typeName: string;
  issuerName: string;
}

/** What a licence's signed data is rebuilt from: its columns (as read back) and its sealed names. */
export interface SealedColumns {
  identifier: string | null;
  typeCode: string;
  issuerUscc: string;
  serial: string;
  versionNo: number;
  holderKind: string;
  holderName: string;
  holderIdNumber: string;
  issueDate: string;
  validUntil: string | null;
  data: unknown;
}

/** The identifier of a licence: as stored (before ADR 0029), otherwise derived from its parts. */
export function identifierOf(l: Pick<SealedColumns, 'identifier' | 'typeCode' | 'issuerUscc' | 'serial' | 'versionNo'>): string {
  return l.identifier ?? makeIdentifier({ typeCode: l.typeCode, issuerUscc: l.issuerUscc, serial: l.serial, version: l.versionNo });
}

/** The signed data of a licence rebuilt from its columns and sealed names: the bytes signedDataOf gave when sealing. */
export function rebuiltSignedData(l: SealedColumns, names: SealedNames): string {
  return signedDataOf({
    identifier: identifierOf(l),
    typeCode: l.typeCode,
    typeName: names.typeName,
    issuerUscc: l.issuerUscc,
    issuerName: names.issuerName,
    holder: { kind: l.holderKind as Holder['kind'], name: l.holderName, idNumber: l.holderIdNumber },
    issueDate: l.issueDate,
    validUntil: l.validUntil,
    data: l.data,
    versionNo: l.versionNo,
  });
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a new licence stores of its seal: nothing but the names' row when its columns, as the database will hand them
 * back (the data as its JSON text, days as YYYY-MM-DD), rebuild exactly the signed bytes; otherwise the signed data
 * itself, so that a seal never depends on a rebuild that could differ.
 */
export function sealStorage(l: Omit<SealedColumns, 'identifier'>, names: SealedNames, signedData: string, namesId: number) {
  const readBack = { ...l, identifier: null, data: JSON.parse(JSON.stringify(l.data ?? null)) as unknown };
  const rebuildable = ISO_DAY.test(l.issueDate) && (l.validUntil === null || ISO_DAY.test(l.validUntil)) && rebuiltSignedData(readBack, names) === signedData;
  return rebuildable ? { signedData: null, sealedNamesId: namesId } : { signedData, sealedNamesId: null };
}

// Sealed names by id and ids by names, per database (a transaction uses its database's): rows are only ever added,
// never changed. A row this transaction added is kept for the transaction alone until it commits (a rollback removes it).
const namesById = perDatabase(() => new Map<number, SealedNames>());
const idsByNames = perDatabase(() => new Map<string, number>());
const namesKey = (n: SealedNames) => `${n.typeName}\n${n.issuerName}`;

export async function sealedNamesOf(db: Db, id: number): Promise<SealedNames> {
  // An id is never reused (a rolled-back row's id is not taken again), so what it named may be kept per database.
  const cache = namesById(rootDatabase(db));
  let names = cache.get(id);
  if (!names) {
    const [row] = await db.select().from(licenseSealedNames).where(eq(licenseSealedNames.id, id));
    if (!row) throw new Error(`sealed names ${id} are missing`);
    names = { typeName: row.typeName, issuerName: row.issuerName };
    cache.set(id, names);
  }
  return names;
}

/** The row of a pair of names, added the first time a seal signs it. */
export async function sealedNamesId(db: Db, names: SealedNames): Promise<number> {
  const cache = idsByNames(rootDatabase(db));
  const hit = cache.get(namesKey(names)) ?? idsByNames(db).get(namesKey(names));
  if (hit !== undefined) return hit;
  const find = () =>
    db
      .select({ id: licenseSealedNames.id })
      .from(licenseSealedNames)
      .where(and(eq(licenseSealedNames.typeName, names.typeName), eq(licenseSealedNames.issuerName, names.issuerName)));
  const [found] = await find();
  // Added by another transaction meanwhile: the insert does nothing and the second read finds it.
  const [added] = found ? [] : await db.insert(licenseSealedNames).values(names).onConflictDoNothing().returning({ id: licenseSealedNames.id });
  const id = found?.id ?? added?.id ?? (await find())[0].id;
  (added ? idsByNames(db) : cache).set(namesKey(names), id);
  return id;
}

/** A stored licence as code uses it: identifier derived and signed data rebuilt where they are not stored. */
export async function completeLicense(db: Db, row: StoredLicense): Promise<LicenseRow> {
  const signedData = row.signedData ?? rebuiltSignedData(row, await sealedNamesOf(db, row.sealedNamesId!));
  return { ...row, identifier: identifierOf(row), signedData };
}

/** The condition that finds a licence by its identifier (its parts, license_identifier_parts_idx); undefined: malformed. */
function byIdentifier(identifier: string) {
  const p = checkIdentifier(identifier);
  if (!p.valid) return undefined;
  return and(eq(license.issuerUscc, p.issuerUscc), eq(license.serial, p.serial), eq(license.typeCode, p.typeCode), eq(license.versionNo, p.version));
}

/** The identifier as given, normalised as stored ones are; a row found by its parts must carry exactly it. */
const normalIdentifier = (identifier: string) => identifier.trim().toUpperCase();

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function getType(tx: Db, code: string) {
  const [t] = await tx.select().from(licenseType).where(eq(licenseType.code, code));
  if (!t) throw licenseErrors.LICENSE_TYPE_NOT_FOUND({ code });
  return t;
}

/** A licence ends after the day it is issued, on a date that exists: never issued already expired. */
export function checkValidity(issueDate: string, validUntil: string | null) {
  if (validUntil === null) return;
  if (!isValidIsoDate(validUntil)) throw licenseErrors.LICENSE_VALIDITY_INVALID({ validUntil, reason: 'no such date' });
  if (validUntil <= issueDate) throw licenseErrors.LICENSE_VALIDITY_INVALID({ validUntil, issueDate, reason: 'not after the issue date' });
}

/**
 * The data a licence of the type carries: only the keys its type seals (a form's contact phone never gets sealed).
 * `fields` are the sealed keys (sealedKeys); strict refuses any other key (an officer's own input).
 */
export function declaredData(fields: readonly string[], data: Record<string, unknown>, strict = false): Record<string, unknown> {
  if (strict) {
    const undeclared = Object.keys(data).filter((k) => !fields.includes(k));
    if (undeclared.length) throw licenseErrors.LICENSE_DATA_UNDECLARED({ undeclared, declared: fields });
  }
  const kept = Object.fromEntries(fields.filter((k) => Object.hasOwn(data, k)).map((k) => [k, data[k]]));
  // What is sealed stays true for years: a value written as a date must be a day that exists (2026-02-30 is not).
  const impossible = Object.entries(kept)
    .filter(([, v]) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !isValidIsoDate(v.slice(0, 10)))
    .map(([k]) => k);
  if (impossible.length) throw licenseErrors.LICENSE_DATA_DATE_INVALID({ fields: impossible });
  return kept;
}

/**
 * Writes one version of a licence. `serial` may be a function: a new licence takes its serial from the issuer's
 * counter row (license_serial), whose lock is held to the end of the transaction, so it is taken after every read the
 * licence needs and just before it is signed and written (R11: the instant approvals of one item queue on that row).
 */
async function insertVersion(
  tx: Db,
  ctx: RequestContext,
  input: Omit<IssueInput, 'serial'> & { serial: string | (() => Promise<string>); versionNo: number },
  issuer?: Awaited<ReturnType<typeof getDepartment>>,
) {
  const type = await getType(tx, input.typeCode);
  // The issuing department as the caller read it in this transaction (one read fewer), or read here.
  const dept = issuer?.id === input.departmentId ? issuer : await getDepartment(tx, input.departmentId);
  // A role to issue is not enough: the department must be one the type lists as its issuer.
  if (!(await isIssuerOf(tx, type.code, dept.id))) throw licenseErrors.LICENSE_ISSUER_NOT_LISTED({ typeCode: type.code, departmentId: dept.id });
  if (type.holderKind !== input.holder.kind) throw licenseErrors.LICENSE_HOLDER_INVALID({ reason: `a ${type.name} is held by a ${type.holderKind}` });
  checkHolder(input.holder);
  const issueDate = input.issueDate ?? today();
  const validUntil = input.validUntil !== undefined ? input.validUntil : type.validityYears ? addYears(issueDate, type.validityYears) : null;
  checkValidity(issueDate, validUntil);
  const data = declaredData(sealedKeys(fieldsOf(type.fields)), input.data, input.strictData);
  const key = await activeSealKey(tx, ctx, dept.id);
  const names = { typeName: type.name, issuerName: dept.name };
  const namesId = await sealedNamesId(tx, names);
  const serial = typeof input.serial === 'string' ? input.serial : await input.serial();
  const identifier = makeIdentifier({ typeCode: type.code, issuerUscc: dept.uscc, serial, version: input.versionNo });
  const signedData = signedDataOf({
    identifier,
    typeCode: type.code,
    typeName: type.name,
    issuerUscc: dept.uscc,
    issuerName: dept.name,
    holder: input.holder,
    issueDate,
    validUntil,
    data,
    versionNo: input.versionNo,
  });
  const signature = sm2Sign(signedData, key.keys);
  const columns = {
    typeCode: type.code,
    serial,
    versionNo: input.versionNo,
    issuerUscc: dept.uscc,
    holderKind: input.holder.kind,
    holderName: input.holder.name,
    holderIdNumber: input.holder.idNumber.toUpperCase(),
    issueDate,
    validUntil,
    data,
  };
  const [stored] = await tx
    .insert(license)
    .values({
      ...columns,
      issuerDepartmentId: dept.id,
      status: 'valid',
      // The signed data is rebuilt from the columns and the names (ADR 0029), stored only where it could not be.
      ...sealStorage(columns, names, signedData, namesId),
      signature,
      sealKeyId: key.id,
      sealVerdict: sealVerdict({ identifier, sealKeyId: key.id, signature, signedData }),
      caseNumber: input.caseNumber ?? null,
    })
    .returning();
  // What completeLicense would rebuild from the stored row and its names: the data just signed (one read fewer).
  const row: LicenseRow = { ...stored, identifier, signedData };
  await writeAudit(tx, ctx, {
    action: input.versionNo === 1 ? 'license.issue' : 'license.new-version',
    targetType: 'license',
    targetId: identifier,
    change: { signedData },
  });
  return row;
}

/** Issues a licence and seals it with the issuing department's SM2 key. */
export async function issueLicense(tx: Db, ctx: RequestContext, input: IssueInput) {
  const dept = await getDepartment(tx, input.departmentId);
  const serial = input.serial ?? (() => nextSerial(tx, dept.uscc, input.typeCode, (input.issueDate ?? today()).slice(0, 4)));
  return insertVersion(tx, ctx, { ...input, serial, versionNo: 1 }, dept);
}

/**
 * A serial of the issuer's counter taken in a statement of its own, committed at once: for a licence issued later in a
 * transaction that should not hold the counter's row lock to its commit (instant approval: every grant of an item
 * would queue on that row, R11). Like a sequence's value, a serial reserved and not used leaves a gap, which the
 * identifier allows (流水号 is free-form, standards.md §4). Call it outside any transaction.
 */
export async function reserveSerial(db: Db, departmentId: number, typeCode: string, day = today()): Promise<string> {
  const dept = await getDepartment(db, departmentId);
  return nextSerial(db, dept.uscc, typeCode, day.slice(0, 4));
}

/** The licence with this identifier, or undefined (also for a malformed one). */
export async function findLicense(db: Db, identifier: string): Promise<LicenseRow | undefined> {
  const where = byIdentifier(identifier);
  if (!where) return undefined;
  const [row] = await db.select().from(license).where(where);
  return row && identifierOf(row) === normalIdentifier(identifier) ? completeLicense(db, row) : undefined;
}

/** The licence with this identifier, locked for a change; undefined when there is none. */
async function lockLicense(tx: Db, identifier: string): Promise<LicenseRow | undefined> {
  const where = byIdentifier(identifier);
  if (!where) return undefined;
  const [row] = await tx.select().from(license).where(where).for('update');
  return row && identifierOf(row) === normalIdentifier(identifier) ? completeLicense(tx, row) : undefined;
}

export async function getLicense(db: Db, identifier: string) {
  const check = checkIdentifier(identifier);
  if (!check.valid) throw licenseErrors.LICENSE_IDENTIFIER_INVALID({ reason: check.reason, reasonZh: check.reasonZh });
  const row = await findLicense(db, identifier);
  if (!row) throw licenseErrors.LICENSE_NOT_FOUND({ identifier });
  return row;
}

/** A changed licence is a new version (same serial, version + 1); the old one is superseded. */
export async function newLicenseVersion(
  db: Db,
  ctx: RequestContext,
  identifier: string,
  input: { data: Record<string, unknown>; version: number; validUntil?: string | null; strictData?: boolean },
) {
  return db.transaction(async (tx) => {
    const old = await lockLicense(tx, identifier);
    if (!old) throw licenseErrors.LICENSE_NOT_FOUND({ identifier });
    if (old.version !== input.version) throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ reason: 'version conflict', current: old.version });
    if (old.status !== 'valid') throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ status: old.status });
    await tx
      .update(license)
      .set({ status: 'superseded', statusReason: 'new version', version: old.version + 1, updatedAt: sql`now()` })
      .where(eq(license.id, old.id));
    return insertVersion(tx, ctx, {
      typeCode: old.typeCode,
      departmentId: old.issuerDepartmentId,
      holder: { kind: old.holderKind as Holder['kind'], name: old.holderName, idNumber: old.holderIdNumber },
      data: input.data,
      issueDate: today(),
      validUntil: input.validUntil !== undefined ? input.validUntil : old.validUntil,
      caseNumber: old.caseNumber,
      strictData: input.strictData,
      serial: old.serial,
      versionNo: old.versionNo + 1,
    });
  });
}

const STATUS_ACTIONS = {
  suspend: { from: ['valid'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked' },
} as const;
export type LicenseAction = keyof typeof STATUS_ACTIONS;

/** Suspends, reinstates or revokes a licence with a reason; verification reflects it at once. */
export async function changeLicenseStatus(tx: Db, ctx: RequestContext, identifier: string, action: LicenseAction, input: { reason: string; version?: number }) {
  if (!input.reason.trim()) throw licenseErrors.LICENSE_REASON_REQUIRED();
  const row = await lockLicense(tx, identifier);
  if (!row) throw licenseErrors.LICENSE_NOT_FOUND({ identifier });
  if (input.version !== undefined && row.version !== input.version)
    throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ reason: 'version conflict', current: row.version });
  const rule = STATUS_ACTIONS[action];
  if (!(rule.from as readonly string[]).includes(row.status)) throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ status: row.status, action });
  const [stored] = await tx
    .update(license)
    .set({ status: rule.to, statusReason: input.reason, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(license.id, row.id))
    .returning();
  const after: LicenseRow = { ...stored, identifier: row.identifier, signedData: row.signedData };
  await writeAudit(tx, ctx, {
    action: `license.${action}`,
    targetType: 'license',
    targetId: row.identifier,
    change: { from: row.status, to: rule.to, reason: input.reason },
  });
  return after;
}

/** Expiry: valid licences past their validity date become expired. Claims rows with SKIP LOCKED. */
export async function expireDue(db: Db, ctx: RequestContext): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number; identifier: string | null; type_code: string; issuer_uscc: string; serial: string; version_no: number }>(
      tx,
      sql`SELECT id, identifier, type_code, issuer_uscc, serial, version_no FROM license WHERE status = 'valid' AND valid_until < ${today()} ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
    );
    for (const r of rows) {
      await tx
        .update(license)
        .set({ status: 'expired', statusReason: 'validity ended', version: sql`${license.version} + 1`, updatedAt: sql`now()` })
        .where(eq(license.id, Number(r.id)));
      const identifier = identifierOf({
        identifier: r.identifier,
        typeCode: r.type_code,
        issuerUscc: r.issuer_uscc,
        serial: r.serial,
        versionNo: Number(r.version_no),
      });
      await writeAudit(tx, ctx, { action: 'license.expire', targetType: 'license', targetId: identifier, change: null });
    }
    return rows.length;
  });
}

/** The status a verifier sees: expiry shows at once, even before the expiry job has run. */
export function effectiveStatus(row: Pick<LicenseRow, 'status' | 'validUntil'>, on = today()): LicenseStatus {
  if (row.status === 'valid' && row.validUntil && row.validUntil < on) return 'expired';
  return row.status as LicenseStatus;
}

// Seal checks of immutable licence versions are cached (performance-notes R9); status never is.
const sealCache = new Map<string, boolean>();
// The checks themselves run on worker threads (licenses.seal-pool.ts), started on the first one.
let verifier: VerifyPool | undefined;

export async function sealValid(db: Db, row: Pick<LicenseRow, 'identifier' | 'signedData' | 'signature' | 'sealKeyId' | 'sealVerdict'>): Promise<boolean> {
  const digest = signedDataDigest(row.signedData);
  // The verdict written with the seal still matches: the row is exactly as sealed, and the seal verifies (ADR 0009).
  // Anything else — no verdict, or data, signature or key changed since — is checked by SM2 itself.
  // A verdict written under a previous master key counts while that key is configured (ADR 0030).
  if (row.sealVerdict && row.sealKeyId !== null && sealVerdictHolds(row.sealVerdict, row, digest)) return true;
  const key = `${row.identifier}|${row.sealKeyId}|${row.signature}|${digest}`;
  const hit = sealCache.get(key);
  if (hit !== undefined) return hit;
  const pub = row.sealKeyId ? await publicKeyOf(db, row.sealKeyId) : undefined;
  const ok = Boolean(pub) && (await (verifier ??= createVerifyPool(defaultVerifyWorkers())).verify(row.signedData, row.signature, pub!));
  if (sealCache.size > 100_000) sealCache.clear();
  sealCache.set(key, ok);
  return ok;
}

/**
 * The one read behind a public verification: the licence by the parts of its identifier (the unique
 * license_identifier_parts_idx) with its type and issuer names (primary-key lookups). Nothing in it depends on how
 * many licences there are; the benchmark (bench/paths/license-lookup.ts) checks its plan with 10 million.
 */
const VERIFY_SQL = `SELECT l.id, l.identifier, l.type_code, l.issuer_uscc, l.serial, l.version_no, l.verify_code, l.status, l.signed_data, l.sealed_names_id, l.signature, l.seal_key_id, l.seal_verdict, l.holder_kind, l.holder_name, l.holder_id_number, l.issue_date::text AS issue_date, l.valid_until::text AS valid_until, l.data, t.name AS type_name, t.fields AS type_fields, d.name AS issuer_name
        FROM license l JOIN license_type t ON t.code = l.type_code JOIN pub_regions_department d ON d.id = l.issuer_department_id
        WHERE l.issuer_uscc = $1 AND l.serial = $2 AND l.type_code = $3 AND l.version_no = $4`;

const verifyParams = (p: { issuerUscc: string; serial: string; typeCode: string; version: number }) => [p.issuerUscc, p.serial, p.typeCode, p.version];

/** The verification read for a well-formed identifier, as drizzle SQL (the benchmark explains its plan). */
export function verifyQuery(identifier: string) {
  const p = checkIdentifier(identifier);
  if (!p.valid) throw new Error(`malformed identifier: ${p.reason}`);
  const params = verifyParams(p);
  const chunks = VERIFY_SQL.split(/\$(\d)/);
  return sql.join(chunks.map((c, i) => (i % 2 ? sql`${params[Number(c) - 1]}` : sql.raw(c))));
}

/**
 * Public verification (no login): never more than the masked holder. Unknown or malformed: a clear answer.
 * It takes the licence's verification code (in its QR link and on its document) besides the identifier: serials
 * are sequential, so without it anyone could walk every licence. A wrong code answers exactly as an unknown licence.
 */
export async function verifyLicense(db: Db, identifier: string, code?: string) {
  const check = checkIdentifier(identifier);
  if (!check.valid) return { found: false as const, code: 'malformed' as const, identifier, reason: check.reason, reasonZh: check.reasonZh };
  if (!code?.trim())
    return {
      found: false as const,
      code: 'code_required' as const,
      identifier,
      reason: 'the verification code printed with the licence is required',
      reasonZh: '请输入证照上的核验码（或扫描证照二维码）',
    };
  // The same SQL as verifyQuery, as a prepared statement: it is the public's busiest read.
  const [row] = await rawQuery<{
    id: number;
    identifier: string | null;
    type_code: string;
    issuer_uscc: string;
    serial: string;
    version_no: number;
    verify_code: string;
    status: string;
    signed_data: string | null;
    sealed_names_id: number | null;
    signature: Uint8Array;
    seal_key_id: number | null;
    seal_verdict: Uint8Array | null;
    holder_kind: string;
    holder_name: string;
    holder_id_number: string;
    issue_date: string;
    valid_until: string | null;
    data: unknown;
    type_name: string;
    type_fields: unknown;
    issuer_name: string;
  }>(db, 'licenses.verify', VERIFY_SQL, verifyParams(check));
  // The row's columns, its identifier derived once (the rebuild below then reads it as if stored).
  const stored = row && {
    identifier: row.identifier ?? makeIdentifier({ typeCode: row.type_code, issuerUscc: row.issuer_uscc, serial: row.serial, version: Number(row.version_no) }),
    typeCode: row.type_code,
    issuerUscc: row.issuer_uscc,
    serial: row.serial,
    versionNo: Number(row.version_no),
    holderKind: row.holder_kind,
    holderName: row.holder_name,
    holderIdNumber: row.holder_id_number,
    issueDate: row.issue_date,
    validUntil: row.valid_until,
    data: row.data,
  };
  if (!row || !stored || stored.identifier !== normalIdentifier(identifier) || !sameCode(row.verify_code, code))
    return {
      found: false as const,
      code: 'not_found' as const,
      identifier,
      reason: 'no licence has this identifier and verification code',
      reasonZh: '查无此证照（请核对证照标识和核验码）',
    };
  const seal = await sealValid(db, {
    identifier: stored.identifier,
    signedData: row.signed_data ?? rebuiltSignedData(stored, await sealedNamesOf(db, Number(row.sealed_names_id))),
    signature: Buffer.from(row.signature).toString('base64'),
    sealKeyId: row.seal_key_id === null ? null : Number(row.seal_key_id),
    sealVerdict: row.seal_verdict && Buffer.from(row.seal_verdict).toString('hex'),
  });
  const isOrganisation = row.holder_kind === 'organisation';
  return {
    found: true as const,
    identifier: stored.identifier,
    status: effectiveStatus({ status: row.status, validUntil: row.valid_until }),
    type: row.type_name,
    issuer: row.issuer_name,
    issueDate: row.issue_date,
    validUntil: row.valid_until,
    holderKind: row.holder_kind as Holder['kind'],
    ...publicHolder({ kind: row.holder_kind, name: row.holder_name, idNumber: row.holder_id_number }),
    // An organisation's licence is public (the customer checks the one on the wall): its printed fields too.
    entries: isOrganisation ? labelledData(fieldsOf(row.type_fields), (row.data ?? {}) as Record<string, unknown>).filter((e) => e.printed) : [],
    sealValid: seal,
    statusList: { issuer: row.issuer_uscc, index: statusListIndex(Number(row.id)) },
  };
}

/** The seal contract: the signed data, the DER signature, the public key and the parameters to check it. */
export async function sealOf(db: Db, identifier: string) {
  const row = await getLicense(db, identifier);
  const pub = row.sealKeyId ? await publicKeyOf(db, row.sealKeyId) : undefined;
  return { data: row.signedData, signature: row.signature, publicKey: pub ? publicKeyPem(pub) : '', algorithm: 'SM2-SM3' as const, userId: SM2_USER_ID };
}

/** Checks a seal presented from elsewhere (互通互认) against this platform's keys and the trusted ones. */
export async function verifyPresentedSeal(db: Db, data: string, signature: string) {
  for (const key of await allVerificationKeys(db)) {
    if (sm2Verify(data, signature, key.hex)) return { valid: true, signer: key.name };
  }
  return { valid: false, signer: null };
}

/**
 * The status of every licence of an issuer, as a W3C Bitstring Status List: the bit of a licence version is 1 when
 * it is revoked, suspended or superseded. A version's bit is its row id − 1 (statusListIndex), fixed when the row is
 * inserted, so the verification of one licence finds its index without counting the issuer's other licences
 * (which cost a scan of the issuer's rows on every verification: 10 million rows, seconds). Every issuer's list
 * spans all ids; the bits of other issuers' licences stay 0. Only the bits are published: a licence's index comes
 * with its own verification, so the list names no holder.
 */
export async function statusList(db: Db, issuerUscc: string) {
  const [{ size }] = await queryRows<{ size: string | number }>(db, sql`SELECT coalesce(max(id), 0) AS size FROM license`);
  const marked = await db
    .select({ id: license.id })
    .from(license)
    // Written out, not as parameters: the partial index license_inactive_idx has this very predicate.
    .where(and(eq(license.issuerUscc, issuerUscc.toUpperCase()), sql`${license.status} IN ('revoked', 'suspended', 'superseded')`));
  const bits = Buffer.alloc(Math.max(16 * 1024, Math.ceil(Number(size) / 8)));
  for (const { id } of marked) {
    const i = statusListIndex(Number(id));
    bits[i >> 3] |= 0x80 >> (i & 7);
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerUscc.toUpperCase(),
    validFrom: new Date().toISOString(),
    credentialSubject: {
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: `u${gzipSync(bits).toString('base64url')}`,
      size: Number(size),
    },
  };
}

/** The position of a licence version in its issuer's status list: its row id − 1, the same for ever. */
export function statusListIndex(id: number): number {
  return id - 1;
}

/**
 * The holder as the public and lists see them: an organisation (a company's name and USCC are public registers) in
 * full; a natural person masked.
 */
export function publicHolder(h: { kind: string; name: string; idNumber: string }): { holder: string; holderId: string | null } {
  if (h.kind === 'organisation') return { holder: h.name, holderId: h.idNumber };
  return { holder: `${h.name.slice(0, 1)}${'*'.repeat(Math.max(1, Math.min(h.name.length - 1, 8)))}`, holderId: maskIdNumber(h.idNumber) };
}

/** A licence type as shaping a licence needs it: its name and declared fields (the labels). */
export type LicenseTypeLike = { name: string; fields: readonly LicenseField[] | unknown };

/**
 * A licence for its holder and issuing department. With its type, the data comes labelled (entries); without it
 * (a caller that only checks a licence), entries is empty rather than raw keys.
 */
export function shapeLicense(row: LicenseRow, type?: string | LicenseTypeLike): LicenseView {
  const typeName = typeof type === 'string' ? type : type?.name;
  const entries: LicenseEntry[] = type && typeof type !== 'string' ? labelledData(fieldsOf(type.fields), row.data as Record<string, unknown>) : [];
  return {
    identifier: row.identifier,
    typeCode: row.typeCode,
    typeName: typeName ?? null,
    issuerUscc: row.issuerUscc,
    holderKind: row.holderKind,
    holderName: row.holderName,
    holderIdNumberMasked: row.holderKind === 'organisation' ? row.holderIdNumber : maskIdNumber(row.holderIdNumber),
    issueDate: row.issueDate,
    validUntil: row.validUntil,
    data: row.data as LicenseData,
    entries,
    status: effectiveStatus(row),
    statusReason: row.statusReason,
    versionNo: row.versionNo,
    caseNumber: row.caseNumber,
    verifyCode: row.verifyCode,
    version: row.version,
  };
}

/** A holder's licences (every status but superseded versions), newest first. */
export async function walletOf(db: Db, idNumber: string) {
  const found = await db
    .select({ l: license, typeName: licenseType.name, typeFields: licenseType.fields })
    .from(license)
    .innerJoin(licenseType, eq(licenseType.code, license.typeCode))
    .where(and(eq(license.holderIdNumber, idNumber.toUpperCase()), sql`${license.status} <> 'superseded'`))
    .orderBy(desc(license.id));
  const rows = await Promise.all(found.map(async (r) => ({ ...r, l: await completeLicense(db, r.l) })));
  return rows.map((r) => shapeLicense(r.l, { name: r.typeName, fields: r.typeFields }));
}

/** The holder's newest valid licence of a type (for 免证可办), or undefined. */
export async function findValidLicense(db: Db, holderIdNumber: string, typeCode: string) {
  const rows = await db
    .select()
    .from(license)
    .where(and(eq(license.holderIdNumber, holderIdNumber.toUpperCase()), eq(license.typeCode, typeCode), eq(license.status, 'valid')))
    .orderBy(desc(license.id))
    .limit(5);
  const row = rows.find((r) => effectiveStatus(r) === 'valid');
  return row && completeLicense(db, row);
}

export async function recordUse(tx: Db, input: { licenseId: number; caseNumber: string | null; userId: number | null; userName: string; purpose: string }) {
  await tx.insert(licenseUse).values(input);
}

export async function usesOf(db: Db, licenseIds: number[]) {
  if (licenseIds.length === 0) return [];
  const rows = await db.select().from(licenseUse).where(inArray(licenseUse.licenseId, licenseIds)).orderBy(desc(licenseUse.id));
  return rows.map((u) => ({ caseNumber: u.caseNumber, userName: u.userName, purpose: u.purpose, at: iso(u.at) }));
}

/** Revokes a holder's valid or suspended licences of a type issued by the deciding department (a revocation case). */
export async function revokeHolderLicenses(tx: Db, ctx: RequestContext, holderIdNumber: string, typeCode: string, departmentId: number, reason: string) {
  const rows = await tx
    .select({
      identifier: license.identifier,
      typeCode: license.typeCode,
      issuerUscc: license.issuerUscc,
      serial: license.serial,
      versionNo: license.versionNo,
    })
    .from(license)
    .where(
      and(
        eq(license.holderIdNumber, holderIdNumber.toUpperCase()),
        eq(license.typeCode, typeCode),
        eq(license.issuerDepartmentId, departmentId),
        inArray(license.status, ['valid', 'suspended']),
      ),
    );
  const identifiers = rows.map(identifierOf);
  for (const identifier of identifiers) await changeLicenseStatus(tx, ctx, identifier, 'revoke', { reason });
  return identifiers;
}

/** Codes compare in constant time, case and spaces aside (people type them from paper). */
function sameCode(stored: string, given: string): boolean {
  const a = Buffer.from(stored.toUpperCase());
  const b = Buffer.from(given.replace(/[\s-]/g, '').toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
