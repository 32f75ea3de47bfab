// A worker thread that seals licences for the bulk import (licenses.seal-pool.ts): SM2 signatures over the UTF-8 bytes
// of each message, exactly as sm2Sign in src/platform/sm2.ts makes them (SM3, the GM/T 0009 default user ID, DER,
// base64; Z cached per key and the message hashed by node:crypto's SM3). Plain JavaScript so that it loads in any
// thread, whether or not a TypeScript loader is registered there; a test checks that its signatures verify with
// sm2Verify.
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

function sign(message, keys) {
  if (!nativeSm3) return sm2.doSignature(Buffer.from(message, 'utf8'), keys.privateKeyHex, { der: true, hash: true, publicKey: keys.publicKeyHex, userId: USER_ID });
  let z = zValues.get(keys.publicKeyHex);
  if (!z) {
    z = sm2.getZ(keys.publicKeyHex, USER_ID);
    zValues.set(keys.publicKeyHex, z);
  }
  return sm2.doSignature(createHash('sm3').update(z).update(message, 'utf8').digest(), keys.privateKeyHex, { der: true, hash: false });
}

parentPort.on('message', (job) => {
  // job: { id, keys: [{ privateKeyHex, publicKeyHex }], messages: string[], keyIndexes: number[] }
  try {
    const signatures = job.messages.map((message, i) => {
      return Buffer.from(sign(message, job.keys[job.keyIndexes[i]]), 'hex').toString('base64');
    });
    parentPort.postMessage({ id: job.id, signatures });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
