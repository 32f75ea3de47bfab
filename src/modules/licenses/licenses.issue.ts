import { timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, rawQuery, type Db } from '../../platform/db/db.ts';
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
import { license, licenseSerial, licenseType, licenseUse } from './licenses.schema.ts';
import { licenseErrors } from './licenses.errors.ts';
import { activeSealKey, allVerificationKeys, publicKeyOf, sealVerdict, signedDataDigest } from './licenses.keys.ts';
import { checkIdentifier, makeIdentifier } from './identifier.ts';
import type { LicenseData, LicenseView } from './licenses.types.ts';
import { fieldsOf, labelledData, sealedKeys, type LicenseEntry, type LicenseField } from './licenses.fields.ts';
import { createVerifyPool, defaultVerifyWorkers, type VerifyPool } from './licenses.seal-pool.ts';

export type LicenseRow = typeof license.$inferSelect;
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

async function insertVersion(tx: Db, ctx: RequestContext, input: IssueInput & { serial: string; versionNo: number }) {
  const type = await getType(tx, input.typeCode);
  const dept = await getDepartment(tx, input.departmentId);
  // A role to issue is not enough: the department must be one the type lists as its issuer.
  if (!(await isIssuerOf(tx, type.code, dept.id))) throw licenseErrors.LICENSE_ISSUER_NOT_LISTED({ typeCode: type.code, departmentId: dept.id });
  if (type.holderKind !== input.holder.kind) throw licenseErrors.LICENSE_HOLDER_INVALID({ reason: `a ${type.name} is held by a ${type.holderKind}` });
  checkHolder(input.holder);
  const issueDate = input.issueDate ?? today();
  const validUntil = input.validUntil !== undefined ? input.validUntil : type.validityYears ? addYears(issueDate, type.validityYears) : null;
  checkValidity(issueDate, validUntil);
  const data = declaredData(sealedKeys(fieldsOf(type.fields)), input.data, input.strictData);
  const identifier = makeIdentifier({ typeCode: type.code, issuerUscc: dept.uscc, serial: input.serial, version: input.versionNo });
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
  const key = await activeSealKey(tx, ctx, dept.id);
  const signature = sm2Sign(signedData, key.keys);
  const [row] = await tx
    .insert(license)
    .values({
      identifier,
      typeCode: type.code,
      serial: input.serial,
      versionNo: input.versionNo,
      issuerDepartmentId: dept.id,
      issuerUscc: dept.uscc,
      holderKind: input.holder.kind,
      holderName: input.holder.name,
      holderIdNumber: input.holder.idNumber.toUpperCase(),
      issueDate,
      validUntil,
      data,
      status: 'valid',
      signedData,
      signature,
      sealKeyId: key.id,
      sealVerdict: sealVerdict({ identifier, sealKeyId: key.id, signature, signedData }),
      caseNumber: input.caseNumber ?? null,
    })
    .returning();
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
  const serial = await nextSerial(tx, dept.uscc, input.typeCode, (input.issueDate ?? today()).slice(0, 4));
  return insertVersion(tx, ctx, { ...input, serial, versionNo: 1 });
}

export async function findLicense(db: Db, identifier: string) {
  const [row] = await db.select().from(license).where(eq(license.identifier, identifier.toUpperCase()));
  return row;
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
    const [old] = await tx.select().from(license).where(eq(license.identifier, identifier.toUpperCase())).for('update');
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
  const [row] = await tx.select().from(license).where(eq(license.identifier, identifier.toUpperCase())).for('update');
  if (!row) throw licenseErrors.LICENSE_NOT_FOUND({ identifier });
  if (input.version !== undefined && row.version !== input.version)
    throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ reason: 'version conflict', current: row.version });
  const rule = STATUS_ACTIONS[action];
  if (!(rule.from as readonly string[]).includes(row.status)) throw licenseErrors.LICENSE_ILLEGAL_TRANSITION({ status: row.status, action });
  const [after] = await tx
    .update(license)
    .set({ status: rule.to, statusReason: input.reason, version: row.version + 1, updatedAt: sql`now()` })
    .where(eq(license.id, row.id))
    .returning();
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
    const rows = await queryRows<{ id: number; identifier: string }>(
      tx,
      sql`SELECT id, identifier FROM license WHERE status = 'valid' AND valid_until < ${today()} ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
    );
    for (const r of rows) {
      await tx
        .update(license)
        .set({ status: 'expired', statusReason: 'validity ended', version: sql`${license.version} + 1`, updatedAt: sql`now()` })
        .where(eq(license.id, Number(r.id)));
      await writeAudit(tx, ctx, { action: 'license.expire', targetType: 'license', targetId: r.identifier, change: null });
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
  if (row.sealVerdict && row.sealKeyId !== null && timingSafeEqualHex(row.sealVerdict, sealVerdict(row, digest))) return true;
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
 * The one read behind a public verification: the licence by its unique identifier (license_identifier_idx) with
 * its type and issuer names (primary-key lookups). Nothing in it depends on how many licences there are; the
 * benchmark (bench/paths/licence-lookup.ts) checks its plan with 10 million.
 */
const VERIFY_HEAD = `SELECT l.id, l.issuer_uscc, l.identifier, l.verify_code, l.status, l.signed_data, l.signature, l.seal_key_id, l.seal_verdict, l.holder_kind, l.holder_name, l.holder_id_number, l.issue_date::text AS issue_date, l.valid_until::text AS valid_until, l.data, t.name AS type_name, t.fields AS type_fields, d.name AS issuer_name
        FROM license l JOIN license_type t ON t.code = l.type_code JOIN pub_regions_department d ON d.id = l.issuer_department_id WHERE l.identifier =`;

export function verifyQuery(identifier: string) {
  return sql`${sql.raw(VERIFY_HEAD)} ${identifier.toUpperCase()}`;
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
  const [row] = await rawQuery<
    LicenseRow & {
      issuer_uscc: string;
      verify_code: string;
      type_name: string;
      issuer_name: string;
      signed_data: string;
      seal_key_id: number;
      seal_verdict: string | null;
      holder_kind: string;
      holder_name: string;
      type_fields: unknown;
      holder_id_number: string;
      issue_date: string;
      valid_until: string | null;
    }
  >(db, 'licenses.verify', `${VERIFY_HEAD} $1`, [identifier.toUpperCase()]);
  if (!row || !sameCode(row.verify_code, code))
    return {
      found: false as const,
      code: 'not_found' as const,
      identifier,
      reason: 'no licence has this identifier and verification code',
      reasonZh: '查无此证照（请核对证照标识和核验码）',
    };
  const seal = await sealValid(db, {
    identifier: row.identifier,
    signedData: row.signed_data,
    signature: row.signature,
    sealKeyId: row.seal_key_id === null ? null : Number(row.seal_key_id),
    sealVerdict: row.seal_verdict,
  });
  const isOrganisation = row.holder_kind === 'organisation';
  return {
    found: true as const,
    identifier: row.identifier,
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
  const rows = await db
    .select({ l: license, typeName: licenseType.name, typeFields: licenseType.fields })
    .from(license)
    .innerJoin(licenseType, eq(licenseType.code, license.typeCode))
    .where(and(eq(license.holderIdNumber, idNumber.toUpperCase()), sql`${license.status} <> 'superseded'`))
    .orderBy(desc(license.id));
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
  return rows.find((r) => effectiveStatus(r) === 'valid');
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
    .select({ identifier: license.identifier })
    .from(license)
    .where(
      and(
        eq(license.holderIdNumber, holderIdNumber.toUpperCase()),
        eq(license.typeCode, typeCode),
        eq(license.issuerDepartmentId, departmentId),
        inArray(license.status, ['valid', 'suspended']),
      ),
    );
  for (const r of rows) await changeLicenseStatus(tx, ctx, r.identifier, 'revoke', { reason });
  return rows.map((r) => r.identifier);
}

/** Codes compare in constant time, case and spaces aside (people type them from paper). */
function sameCode(stored: string, given: string): boolean {
  const a = Buffer.from(stored.toUpperCase());
  const b = Buffer.from(given.replace(/[\s-]/g, '').toUpperCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

function timingSafeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
