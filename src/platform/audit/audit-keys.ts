import { createHmac } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson, sm3Hex } from '../crypto.ts';
import { publicKeyPem, sm2Sign, sm2Verify } from '../sm2.ts';
import { keyRing, knownKeys } from '../master-keys.ts';

/**
 * The audit log's two keys, both derived from the master key (config.ts), so every process of a deployment holds the
 * same ones without storing more secrets:
 * - the entry key: HMAC-SM3 over each entry as the server writes it. A row put into audit_log by hand (psql, a
 *   script) has no valid MAC and verification names it — the hash chain alone would seal it like any other.
 * - the checkpoint key: an SM2 key pair that signs the chain's head from time to time. Exported checkpoints are the
 *   anchor outside the database: deleting the last entries with their links and rewinding the head passes the chain
 *   check, but not a signed checkpoint of a later position (ADR 0014).
 * A new master key makes new keys. Entries and checkpoints written under a master key it replaced still verify while
 * that key is listed in TONGBAN_MASTER_KEY_PREVIOUS (ADR 0030): a MAC is checked under the current key, then the
 * previous ones; a checkpoint under the key whose public key it names. Nothing new is written under a previous key.
 */
interface AuditKeys {
  entryKey: Buffer;
  checkpoint: { privateKeyHex: string; publicKeyHex: string };
}

/** The current master key's audit keys first, then those of the previous ones. */
let keys: AuditKeys[] | undefined;

// The order n of the SM2 curve (GB/T 32918.5): a private key is an integer in [1, n-2].
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

function derive(masterKey: Buffer): AuditKeys {
  const entryKey = createHmac('sm3', masterKey).update('tongban audit entry mac').digest();
  const seed = BigInt(`0x${sm3Hex(Buffer.concat([masterKey, Buffer.from('tongban audit checkpoint key')]))}`);
  const privateKeyHex = ((seed % (SM2_N - 2n)) + 1n).toString(16).padStart(64, '0');
  return { entryKey, checkpoint: { privateKeyHex, publicKeyHex: sm2.getPublicKeyFromPrivateKey(privateKeyHex) } };
}

/** The audit keys of the current master key, and (to verify only) of the previous ones (ADR 0030). */
export function configureAuditKeys(masterKey: Buffer, previous: readonly Buffer[] = []): void {
  keys = knownKeys(keyRing(masterKey, previous)).map((k) => derive(k.key));
}

/** Whether this process can authenticate entries (a process without the master key writes entries without a MAC). */
export function hasAuditKeys(): boolean {
  return keys !== undefined;
}

/**
 * The MAC of an entry's fields (in a fixed order), or null when this process has no key. The fields are strings,
 * integers and nulls only, for which JSON.stringify writes exactly RFC 8785's bytes at a fraction of the cost.
 */
export function entryMac(fields: (string | number | null)[]): string | null {
  if (!keys) return null;
  return macUnder(keys[0], fields);
}

const macUnder = (k: AuditKeys, fields: (string | number | null)[]) => createHmac('sm3', k.entryKey).update(JSON.stringify(fields)).digest('hex');

/** Whether `mac` is the MAC of the fields under the current master key or a previous one. */
export function entryMacValid(fields: (string | number | null)[], mac: string | null): boolean {
  if (!keys || mac === null) return false;
  return keys.some((k) => macUnder(k, fields) === mac);
}

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
  publicKeyPem: string;
}

/** What a checkpoint signs: the platform, the position, the hash of the link there and when. */
export function checkpointMessage(c: { seq: number; hash: string; at: string }): string {
  return canonicalJson({ platform: 'tongban', kind: 'audit-checkpoint', seq: c.seq, hash: c.hash, at: c.at });
}

export function signCheckpoint(c: { seq: number; hash: string; at: string }): Checkpoint {
  if (!keys) throw new Error('the audit keys are not configured (the master key is missing)');
  return { ...c, signature: sm2Sign(checkpointMessage(c), keys[0].checkpoint), publicKeyPem: publicKeyPem(keys[0].checkpoint.publicKeyHex) };
}

/**
 * A checkpoint of another chain kept by a module (the exchange call log, ADR 0039), signed with the same platform
 * key: the message names the kind, so a checkpoint of one chain never passes for one of another.
 */
export function signChainCheckpoint(kind: string, c: { seq: number; hash: string; at: string }): Checkpoint {
  if (!keys) throw new Error('the audit keys are not configured (the master key is missing)');
  const message = canonicalJson({ platform: 'tongban', kind, seq: c.seq, hash: c.hash, at: c.at });
  return { ...c, signature: sm2Sign(message, keys[0].checkpoint), publicKeyPem: publicKeyPem(keys[0].checkpoint.publicKeyHex) };
}

/** Checks a checkpoint of the chain `kind` under the given public key (hex point). */
export function chainCheckpointValid(kind: string, c: Checkpoint, publicKeyHex: string): boolean {
  return sm2Verify(canonicalJson({ platform: 'tongban', kind, seq: c.seq, hash: c.hash, at: c.at }), c.signature, publicKeyHex);
}

/** Checks a checkpoint's signature under the given public key (hex point): offline, without the database. */
export function checkpointSignatureValid(c: Checkpoint, publicKeyHex: string): boolean {
  return sm2Verify(checkpointMessage(c), c.signature, publicKeyHex);
}

/** The checkpoint public key of this deployment (hex point), to publish. */
export function checkpointPublicKeyHex(): string {
  if (!keys) throw new Error('the audit keys are not configured (the master key is missing)');
  return keys[0].checkpoint.publicKeyHex;
}

/** The checkpoint public keys of the current and the previous master keys (hex points): a checkpoint is checked under these. */
export function checkpointPublicKeysHex(): string[] {
  if (!keys) throw new Error('the audit keys are not configured (the master key is missing)');
  return keys.map((k) => k.checkpoint.publicKeyHex);
}
