// A worker thread that makes and checks seals off the main thread: SM2 signatures for the bulk import
// (licenses.seal-pool.ts, createSealPool) and seal checks for public verification (createVerifyPool). Both work
// exactly as sm2Sign / sm2Verify in src/platform/sm2.ts (SM3, the GM/T 0009 default user ID, DER, base64; Z cached
// per key and the message hashed by node:crypto's SM3; public keys precomputed). Plain JavaScript so that it loads in
// any thread, whether or not a TypeScript loader is registered there; tests check it against sm2Sign and sm2Verify.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { sm2 } from 'sm-crypto-v2';

const USER_ID = '1234567812345678';
let nativeSm3 = true;
try {
  createHash('sm3');
} catch {
  nativeSm3 = false;
}
const zValues = new Map();
const points = new Map();

function digest(message, publicKeyHex) {
  let z = zValues.get(publicKeyHex);
  if (!z) {
    z = sm2.getZ(publicKeyHex, USER_ID);
    if (zValues.size > 1000) zValues.clear();
    zValues.set(publicKeyHex, z);
  }
  return createHash('sm3').update(z).update(message, 'utf8').digest();
}

function sign(message, keys) {
  const hex = nativeSm3
    ? sm2.doSignature(digest(message, keys.publicKeyHex), keys.privateKeyHex, { der: true, hash: false })
    : sm2.doSignature(Buffer.from(message, 'utf8'), keys.privateKeyHex, { der: true, hash: true, publicKey: keys.publicKeyHex, userId: USER_ID });
  return Buffer.from(hex, 'hex').toString('base64');
}

function verify(message, signatureB64, publicKeyHex) {
  try {
    let point = points.get(publicKeyHex);
    if (!point) {
      point = sm2.precomputePublicKey(publicKeyHex);
      if (points.size > 1000) points.clear();
      points.set(publicKeyHex, point);
    }
    const signature = Buffer.from(signatureB64, 'base64').toString('hex');
    return nativeSm3
      ? sm2.doVerifySignature(digest(message, publicKeyHex), signature, point, { der: true, hash: false })
      : sm2.doVerifySignature(Buffer.from(message, 'utf8'), signature, point, { der: true, hash: true, userId: USER_ID });
  } catch {
    return false;
  }
}

parentPort.on('message', (job) => {
  // sign:   { id, op: 'sign', keys: [{ privateKeyHex, publicKeyHex }], messages: string[], keyIndexes: number[] }
  // verify: { id, op: 'verify', message, signature, publicKeyHex }
  try {
    if (job.op === 'verify') parentPort.postMessage({ id: job.id, valid: verify(job.message, job.signature, job.publicKeyHex) });
    else parentPort.postMessage({ id: job.id, signatures: job.messages.map((m, i) => sign(m, job.keys[job.keyIndexes[i]])) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
