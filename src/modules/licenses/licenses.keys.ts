import { createHash, createHmac } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { generateSm2KeyPair, publicKeyFromPem, publicKeyPem, sm4Decrypt, sm4Encrypt, type Sm2KeyPair } from '../../platform/sm2.ts';
import { licenseErrors } from './licenses.errors.ts';
import { sealKey, trustedKey } from './licenses.schema.ts';

/** The process's master key (SM4), set once at start from configuration. */
let master: Buffer | undefined;
export function configureMasterKey(key: Buffer) {
  master = key;
}
function masterKey(): Buffer {
  if (!master) throw new Error('the licence master key is not configured');
  return master;
}

const decrypted = new Map<number, Sm2KeyPair>();

let verdictKey: { master: Buffer; key: Buffer } | undefined;

/**
 * The seal verdict (ADR 0009): HMAC-SM3, under a key derived from the master key, of what a seal check reads — the
 * identifier, the seal key, the signature and the SM3 of the signed data. Written with the seal; while it matches,
 * the seal is known to verify (it was made by this platform's key over exactly these bytes) without an SM2 check.
 */
export function sealVerdict(
  row: { identifier: string; sealKeyId: number | null; signature: string; signedData: string },
  dataDigest = signedDataDigest(row.signedData),
): string {
  const m = masterKey();
  if (verdictKey?.master !== m) verdictKey = { master: m, key: createHmac('sm3', m).update('tongban/seal-verdict/v1').digest() };
  return createHmac('sm3', verdictKey.key)
    .update(`${row.identifier}\n${row.sealKeyId ?? ''}\n${row.signature}\n${dataDigest}`)
    .digest('hex');
}

export const signedDataDigest = (signedData: string) => createHash('sm3').update(signedData, 'utf8').digest('hex');

/** Generates a department's seal key; the previous one is retired but stays published for verification. */
export async function createSealKey(tx: Db, ctx: RequestContext, departmentId: number) {
  const keys = generateSm2KeyPair();
  await tx
    .update(sealKey)
    .set({ status: 'retired', retiredAt: sql`now()` })
    .where(and(eq(sealKey.departmentId, departmentId), eq(sealKey.status, 'active')));
  const [row] = await tx
    .insert(sealKey)
    .values({ departmentId, publicKeyHex: keys.publicKeyHex, privateKeySealed: sm4Encrypt(keys.privateKeyHex, masterKey()), status: 'active' })
    .returning();
  await writeAudit(tx, ctx, { action: 'seal_key.create', targetType: 'seal_key', targetId: row.id, change: { departmentId, publicKey: keys.publicKeyHex } });
  return { id: row.id, departmentId, publicKeyPem: publicKeyPem(keys.publicKeyHex), status: row.status };
}

/** The department's active key pair, creating one on first use. */
export async function activeSealKey(tx: Db, ctx: RequestContext, departmentId: number): Promise<{ id: number; keys: Sm2KeyPair }> {
  let [row] = await tx
    .select()
    .from(sealKey)
    .where(and(eq(sealKey.departmentId, departmentId), eq(sealKey.status, 'active')));
  if (!row) {
    await createSealKey(tx, ctx, departmentId);
    [row] = await tx
      .select()
      .from(sealKey)
      .where(and(eq(sealKey.departmentId, departmentId), eq(sealKey.status, 'active')));
  }
  let keys = decrypted.get(row.id);
  if (!keys) {
    keys = { privateKeyHex: sm4Decrypt(row.privateKeySealed, masterKey()), publicKeyHex: row.publicKeyHex };
    decrypted.set(row.id, keys);
  }
  return { id: row.id, keys };
}

const publicKeys = new Map<number, string>();
export async function publicKeyOf(db: Db, sealKeyId: number): Promise<string | undefined> {
  const hit = publicKeys.get(sealKeyId);
  if (hit) return hit;
  const [row] = await db.select({ hex: sealKey.publicKeyHex }).from(sealKey).where(eq(sealKey.id, sealKeyId));
  if (row) publicKeys.set(sealKeyId, row.hex);
  return row?.hex;
}

/** Every seal key, active and retired, with its PEM: the published keys anyone may verify against. */
export async function listSealKeys(db: Db) {
  const rows = await db.execute(
    sql`SELECT k.id, k.status, k.public_key_hex, k.created_at, k.retired_at, d.name AS department, d.uscc FROM seal_key k JOIN pub_regions_department d ON d.id = k.department_id ORDER BY d.uscc, k.id`,
  );
  return (
    rows as unknown as {
      rows: { id: number; status: string; public_key_hex: string; created_at: string; retired_at: string | null; department: string; uscc: string }[];
    }
  ).rows.map((r) => ({
    id: Number(r.id),
    department: r.department,
    departmentUscc: r.uscc,
    status: r.status,
    publicKeyPem: publicKeyPem(r.public_key_hex),
    createdAt: String(r.created_at),
    retiredAt: r.retired_at ? String(r.retired_at) : null,
  }));
}

export async function addTrustedKey(tx: Db, ctx: RequestContext, name: string, pem: string) {
  const hex = publicKeyFromPem(pem);
  if (!hex) throw licenseErrors.LICENSE_KEY_INVALID();
  const [row] = await tx
    .insert(trustedKey)
    .values({ name, publicKeyHex: hex })
    .onConflictDoUpdate({ target: trustedKey.publicKeyHex, set: { name } })
    .returning();
  await writeAudit(tx, ctx, { action: 'trusted_key.add', targetType: 'trusted_key', targetId: row.id, change: { name, publicKey: hex } });
  return { id: row.id, name, publicKeyPem: publicKeyPem(hex) };
}

export async function listTrustedKeys(db: Db) {
  return (await db.select().from(trustedKey).orderBy(asc(trustedKey.id))).map((r) => ({ id: r.id, name: r.name, publicKeyPem: publicKeyPem(r.publicKeyHex) }));
}

/** Every key a seal may be checked against: this platform's (active and retired) and the trusted ones. */
export async function allVerificationKeys(db: Db): Promise<{ name: string; hex: string }[]> {
  const own = await db.execute(sql`SELECT d.name, k.public_key_hex AS hex FROM seal_key k JOIN pub_regions_department d ON d.id = k.department_id`);
  const trusted = await db.select({ name: trustedKey.name, hex: trustedKey.publicKeyHex }).from(trustedKey);
  return [...(own as unknown as { rows: { name: string; hex: string }[] }).rows, ...trusted];
}
