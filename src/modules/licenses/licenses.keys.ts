import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { generateSm2KeyPair, publicKeyFromPem, publicKeyPem, sm4Decrypt, sm4Encrypt, type Sm2KeyPair } from '../../platform/sm2.ts';
import { keyRing, knownKeys, type MasterKeyRing } from '../../platform/master-keys.ts';
import { licenseErrors } from './licenses.errors.ts';
import { sealKey, trustedKey } from './licenses.schema.ts';

/**
 * The process's master keys (SM4), set once at start from configuration: the current one seals new seal keys and
 * writes seal verdicts; the previous ones (ADR 0030) only open what they sealed and check verdicts they wrote.
 */
let ring: MasterKeyRing | undefined;
export function configureMasterKey(key: Buffer, previous: readonly Buffer[] = []) {
  ring = keyRing(key, previous);
  verdictKeys = undefined;
  // What was opened under the keys configured before is opened again under these.
  decrypted.clear();
}
function keys(): MasterKeyRing {
  if (!ring) throw new Error('the licence master key is not configured');
  return ring;
}
function masterKey(): Buffer {
  return keys().current.key;
}

const decrypted = new Map<number, Sm2KeyPair>();

/** The verdict keys of the current and previous master keys, current first. */
let verdictKeys: Buffer[] | undefined;
const verdictKeyOf = (master: Buffer) => createHmac('sm3', master).update('tongban/seal-verdict/v1').digest();
const verdictUnder = (key: Buffer, row: { identifier: string; sealKeyId: number | null; signature: string }, dataDigest: string) =>
  createHmac('sm3', key)
    .update(`${row.identifier}\n${row.sealKeyId ?? ''}\n${row.signature}\n${dataDigest}`)
    .digest('hex');

/**
 * The seal verdict (ADR 0009): HMAC-SM3, under a key derived from the master key, of what a seal check reads — the
 * identifier, the seal key, the signature and the SM3 of the signed data. Written with the seal; while it matches,
 * the seal is known to verify (it was made by this platform's key over exactly these bytes) without an SM2 check.
 */
export function sealVerdict(
  row: { identifier: string; sealKeyId: number | null; signature: string; signedData: string },
  dataDigest = signedDataDigest(row.signedData),
): string {
  verdictKeys ??= knownKeys(keys()).map((k) => verdictKeyOf(k.key));
  return verdictUnder(verdictKeys[0], row, dataDigest);
}

/**
 * Whether `verdict` is the seal verdict of the row under the current master key or a previous one: a verdict written
 * before a rotation still spares the SM2 check while its key is configured; after that the seal is checked by SM2.
 */
export function sealVerdictHolds(
  verdict: string,
  row: { identifier: string; sealKeyId: number | null; signature: string; signedData: string },
  dataDigest = signedDataDigest(row.signedData),
): boolean {
  verdictKeys ??= knownKeys(keys()).map((k) => verdictKeyOf(k.key));
  const given = Buffer.from(verdict, 'hex');
  return verdictKeys.some((key) => {
    const expected = Buffer.from(verdictUnder(key, row, dataDigest), 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
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
    .values({
      departmentId,
      publicKeyHex: keys.publicKeyHex,
      privateKeySealed: sm4Encrypt(keys.privateKeyHex, masterKey()),
      masterKeyId: currentMasterKeyId(),
      status: 'active',
    })
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
  let pair = decrypted.get(row.id);
  if (!pair) {
    pair = { privateKeyHex: unsealPrivateKey(row), publicKeyHex: row.publicKeyHex };
    decrypted.set(row.id, pair);
  }
  return { id: row.id, keys: pair };
}

const currentMasterKeyId = () => keys().current.id;

/**
 * The private key of a seal key, opened with the master key its row names (any configured one for a row from before
 * key ids were kept), and checked against the public key: a wrong key is never taken for the right one.
 * LICENSE_MASTER_KEY_MISSING when no configured master key opens it.
 */
function unsealPrivateKey(row: { id: number; publicKeyHex: string; privateKeySealed: string; masterKeyId: string | null }): string {
  const candidates = knownKeys(keys()).filter((k) => row.masterKeyId === null || k.id === row.masterKeyId);
  for (const k of candidates) {
    let privateKeyHex: string;
    try {
      privateKeyHex = sm4Decrypt(row.privateKeySealed, k.key);
    } catch {
      continue;
    }
    if (/^[0-9a-f]{64}$/i.test(privateKeyHex) && publicKeyOfPrivate(privateKeyHex) === row.publicKeyHex.toLowerCase()) return privateKeyHex;
  }
  throw licenseErrors.LICENSE_MASTER_KEY_MISSING({ sealKeyId: row.id, masterKeyId: row.masterKeyId, configured: knownKeys(keys()).map((k) => k.id) });
}

const publicKeyOfPrivate = (privateKeyHex: string) => sm2.getPublicKeyFromPrivateKey(privateKeyHex).toLowerCase();

export interface MasterKeyRotation {
  /** The id of the master key every seal key is now sealed under. */
  masterKeyId: string;
  /** Seal keys re-sealed, by the id of the key they were sealed under ('unrecorded' for rows from before ids). */
  resealed: Record<string, number>;
  /** Seal keys that were under the current key already. */
  unchanged: number;
}

/**
 * Re-seals every seal key's private key under the current master key (ADR 0030), in the caller's transaction: each
 * row is opened with the key it names (previous keys must be configured), checked against its public key, sealed
 * again and marked with the current key's id. Rows under the current key already are left as they are, so running it
 * twice changes nothing the second time. Nothing is written if any row cannot be opened (the error names it).
 */
export async function resealSealKeys(tx: Db, ctx: RequestContext, opts: { dryRun?: boolean } = {}): Promise<MasterKeyRotation> {
  const current = currentMasterKeyId();
  const rows = await tx.select().from(sealKey).orderBy(asc(sealKey.id)).for('update');
  const result: MasterKeyRotation = { masterKeyId: current, resealed: {}, unchanged: 0 };
  for (const row of rows) {
    if (row.masterKeyId === current) {
      result.unchanged++;
      continue;
    }
    const privateKeyHex = unsealPrivateKey(row);
    const from = row.masterKeyId ?? 'unrecorded';
    result.resealed[from] = (result.resealed[from] ?? 0) + 1;
    if (opts.dryRun) continue;
    await tx
      .update(sealKey)
      .set({ privateKeySealed: sm4Encrypt(privateKeyHex, masterKey()), masterKeyId: current })
      .where(eq(sealKey.id, row.id));
  }
  const count = Object.values(result.resealed).reduce((a, b) => a + b, 0);
  if (count && !opts.dryRun) {
    await writeAudit(tx, ctx, {
      action: 'master_key.rotate',
      targetType: 'master_key',
      targetId: current,
      change: { resealed: result.resealed, unchanged: result.unchanged },
    });
  }
  return result;
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
