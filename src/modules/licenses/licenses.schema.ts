import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { department } from '../regions/regions.schema.ts';

/** Bytes in the database (bytea), a string in code: base64 or hex. Both drivers read bytea as bytes (Buffer, Uint8Array). */
const byteaAs = (encoding: 'base64' | 'hex') =>
  customType<{ data: string; driverData: Buffer | Uint8Array }>({
    dataType: () => 'bytea',
    toDriver: (value) => Buffer.from(value, encoding),
    fromDriver: (value) => Buffer.from(value).toString(encoding),
  });
const base64Bytea = byteaAs('base64');
const hexBytea = byteaAs('hex');

/**
 * 证照类型 (licence types). The catalogue points at them (a material sourced from a licence, the result an item
 * yields); issue, seal and verification build on this table.
 */
export const licenseType = pgTable(
  'license_type',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    definingBodyUscc: text('defining_body_uscc').notNull(),
    definingBodyName: text('defining_body_name').notNull(),
    holderKind: text('holder_kind').notNull(),
    /** Years a licence of this type is valid from its issue date; null: no expiry (long-term, where the law says so). */
    validityYears: integer('validity_years'),
    /** The legal basis of the validity rule (why so many years, or why long-term). */
    validityBasis: text('validity_basis'),
    /** The fields a licence of this type carries (licenses.fields.ts); only sealed keys are kept, never a contact phone. */
    fields: jsonb('fields').$type<unknown[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('license_type_code_idx').on(t.code)],
);

/** The departments that may issue (and revoke) licences of a type: a role alone is not enough. */
export const licenseTypeIssuer = pgTable(
  'license_type_issuer',
  {
    typeCode: text('type_code')
      .notNull()
      .references(() => licenseType.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
  },
  (t) => [
    primaryKey({ name: 'license_type_issuer_pk', columns: [t.typeCode, t.departmentId] }),
    index('license_type_issuer_department_idx').on(t.departmentId),
  ],
);

/** SM2 key pairs of issuing departments; the private key is SM4-encrypted under the master key. Retired keys stay published. */
export const sealKey = pgTable(
  'seal_key',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    publicKeyHex: text('public_key_hex').notNull(),
    privateKeySealed: text('private_key_sealed').notNull(),
    /** The id of the master key that seals it (platform/master-keys.ts); null: from before ids were kept (ADR 0030). */
    masterKeyId: text('master_key_id'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('seal_key_department_idx').on(t.departmentId, t.status),
    // One active key per department, even when two first issues race to create it.
    uniqueIndex('seal_key_active_idx')
      .on(t.departmentId)
      .where(sql`status = 'active'`),
  ],
);

/** Public keys of other platforms, so that licences they issued verify here (互通互认). */
export const trustedKey = pgTable('trusted_key', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  publicKeyHex: text('public_key_hex').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * The names of a licence type and of an issuing department as a seal signed them, once per pair (ADR 0029): a licence
 * points to its pair, so that its signed data can be rebuilt byte-exact after either is renamed. Never changed.
 */
export const licenseSealedNames = pgTable(
  'license_sealed_names',
  {
    id: serial('id').primaryKey(),
    typeName: text('type_name').notNull(),
    issuerName: text('issuer_name').notNull(),
  },
  (t) => [uniqueIndex('license_sealed_names_idx').on(t.typeName, t.issuerName)],
);

/**
 * 电子证照: every version of every licence. The seal signs the RFC 8785 JSON of its columns and sealed names
 * (signedDataOf); licences sealed before ADR 0029 keep that JSON in `signed_data` and their `identifier`, newer ones
 * store neither (they are rebuilt and derived).
 */
export const license = pgTable(
  'license',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Stored before ADR 0029 only; otherwise derived from type, issuer, serial and version (makeIdentifier). */
    identifier: text('identifier'),
    typeCode: text('type_code').notNull(),
    serial: text('serial').notNull(),
    versionNo: integer('version_no').notNull(),
    issuerDepartmentId: bigint('issuer_department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    issuerUscc: text('issuer_uscc').notNull(),
    holderKind: text('holder_kind').notNull(),
    holderName: text('holder_name').notNull(),
    holderIdNumber: text('holder_id_number').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    /** The licence's data as sealed, kept as its JSON text (json, not jsonb): never queried inside, and smaller (ADR 0029). */
    data: json('data').notNull(),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    /** Stored before ADR 0029 only; otherwise rebuilt from the columns and the sealed names. Exactly one of the two is set. */
    signedData: text('signed_data'),
    sealedNamesId: integer('sealed_names_id').references(() => licenseSealedNames.id),
    /** The DER SM2 signature (bytea), base64 in code. */
    signature: base64Bytea('signature').notNull(),
    sealKeyId: bigint('seal_key_id', { mode: 'number' }),
    /** HMAC-SM3 of identifier, key, signature and signed data, written with the seal (ADR 0009); null: check by SM2. Bytes, hex in code. */
    sealVerdict: hexBytea('seal_verdict'),
    caseNumber: text('case_number'),
    /** Random code printed with the licence (QR, document); public verification needs it, so serials cannot be walked. */
    verifyCode: text('verify_code')
      .notNull()
      .default(sql`upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    // The identifier, parsed: a public verification looks a licence up by its parts.
    uniqueIndex('license_identifier_parts_idx').on(t.issuerUscc, t.serial, t.typeCode, t.versionNo),
    // A holder has a handful of licences: their type and status are filtered after the ID number.
    index('license_holder_idx').on(t.holderIdNumber),
    // The register (证照台账): a department's licences by issue date (migration 0036).
    index('license_issuer_date_idx').on(t.issuerDepartmentId, t.issueDate),
    index('license_expiry_idx')
      .on(t.validUntil)
      .where(sql`status = 'valid'`),
    // The status list reads only the issuer's revoked, suspended and superseded versions: a few, among millions.
    index('license_inactive_idx')
      .on(t.issuerUscc, t.id)
      .where(sql`status IN ('revoked', 'suspended', 'superseded')`),
    check('license_signed_data_or_names', sql`(${t.signedData} IS NULL) <> (${t.sealedNamesId} IS NULL)`),
  ],
);

/** Serial numbers per issuer and licence type. */
export const licenseSerial = pgTable(
  'license_serial',
  {
    issuerUscc: text('issuer_uscc').notNull(),
    typeCode: text('type_code').notNull(),
    last: bigint('last', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerUscc, t.typeCode] })],
);

/** Every use of a licence (免证可办 fetches and views): who, for which case, why, when. The holder sees them all. */
export const licenseUse = pgTable(
  'license_use',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    licenseId: bigint('license_id', { mode: 'number' })
      .notNull()
      .references(() => license.id),
    caseNumber: text('case_number'),
    userId: bigint('user_id', { mode: 'number' }),
    userName: text('user_name').notNull(),
    purpose: text('purpose').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('license_use_license_idx').on(t.licenseId, t.id), index('license_use_at_idx').on(t.at)],
);
