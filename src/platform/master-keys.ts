import { createHmac } from 'node:crypto';

// The master key and its rotation (ADR 0030). TONGBAN_MASTER_KEY is the current key: everything new is sealed, MACed,
// signed and keyed under it. TONGBAN_MASTER_KEY_PREVIOUS lists the keys it replaced, used read-only: to open the seal
// keys they still seal until `tongban rotate-master-key` re-seals them, to check audit entries and checkpoints they
// authenticated, and to look up the query codes printed on receipts under them.

/** A master key with its id: a fingerprint of the key (HMAC-SM3 of a fixed label), stored with what it seals. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The current key and the previous ones, newest first, each once. */
export interface MasterKeyRing {
  current: MasterKey;
  previous: MasterKey[];
}

/** The id of a master key: 16 hex digits that name it in the database and in messages without revealing it. */
export function masterKeyId(key: Buffer): string {
  return createHmac('sm3', key).update('tongban master key id').digest('hex').slice(0, 16);
}

/** The ring of `current` and `previous` (a previous key equal to the current one, or given twice, counts once). */
export function keyRing(current: Buffer, previous: readonly Buffer[] = []): MasterKeyRing {
  const ring: MasterKeyRing = { current: { id: masterKeyId(current), key: current }, previous: [] };
  const seen = new Set([ring.current.id]);
  for (const key of previous) {
    const id = masterKeyId(key);
    if (seen.has(id)) continue;
    seen.add(id);
    ring.previous.push({ id, key });
  }
  return ring;
}

/** Every key of the ring, the current one first: the order in which what they protect is tried. */
export const knownKeys = (ring: MasterKeyRing): MasterKey[] => [ring.current, ...ring.previous];
