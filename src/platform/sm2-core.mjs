// SM2 signatures per GB/T 32918 with SM3 and the standard user ID (GM/T 0009: 1234567812345678), DER-encoded and
// base64, through sm-crypto-v2 — node:crypto cannot set the user ID (stack-notes.md §3). Plain JavaScript so that the
// seal worker threads (src/modules/licenses/seal-worker.mjs) load the very same code whether or not a TypeScript loader
// is registered there; src/platform/sm2.ts re-exports it with its types (sm2-core.d.mts).
//
// The signed digest is e = SM3(Z ‖ M), where Z = SM3(ENTL ‖ ID ‖ curve ‖ public key) is the same for every message of
// a key. The library recomputes Z (and re-parses the key) and hashes M in JavaScript on every call; here Z is cached
// per key and M is hashed by OpenSSL's SM3: about 20 % more signatures and 10 % more verifications per second (a noisy
// 2-core machine). Public keys are cached as precomputed points: re-parsing halves the verification rate. Without SM3
// in node:crypto the library hashes.
import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

export const SM2_USER_ID = '1234567812345678';

const nativeSm3 = (() => {
  try {
    createHash('sm3');
    return true;
  } catch {
    return false;
  }
})();
const zValues = new Map();
const points = new Map();

function digestOf(message, publicKeyHex) {
  let z = zValues.get(publicKeyHex);
  if (!z) {
    z = sm2.getZ(publicKeyHex, SM2_USER_ID);
    if (zValues.size > 1000) zValues.clear();
    zValues.set(publicKeyHex, z);
  }
  return createHash('sm3').update(z).update(message, 'utf8').digest();
}

/** Signs the UTF-8 bytes of `message`; returns the DER signature in base64. */
export function sm2Sign(message, keys) {
  const hex = nativeSm3
    ? sm2.doSignature(digestOf(message, keys.publicKeyHex), keys.privateKeyHex, { der: true, hash: false })
    : sm2.doSignature(Buffer.from(message, 'utf8'), keys.privateKeyHex, { der: true, hash: true, publicKey: keys.publicKeyHex, userId: SM2_USER_ID });
  return Buffer.from(hex, 'hex').toString('base64');
}

/** True when the signature verifies; false for a wrong signature, a malformed one or a malformed key. */
export function sm2Verify(message, signatureB64, publicKeyHex) {
  try {
    let point = points.get(publicKeyHex);
    if (!point) {
      point = sm2.precomputePublicKey(publicKeyHex);
      if (points.size > 1000) points.clear();
      points.set(publicKeyHex, point);
    }
    const signature = Buffer.from(signatureB64, 'base64').toString('hex');
    return nativeSm3
      ? sm2.doVerifySignature(digestOf(message, publicKeyHex), signature, point, { der: true, hash: false })
      : sm2.doVerifySignature(Buffer.from(message, 'utf8'), signature, point, { der: true, hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}
