// A worker thread that makes and checks seals off the main thread: SM2 signatures for the bulk import
// (licenses.seal-pool.ts, createSealPool) and seal checks for public verification (createVerifyPool), with the same
// code as the main thread (src/platform/sm2-core.mjs). Plain JavaScript so that it loads in any thread, whether or not
// a TypeScript loader is registered there.
import { parentPort } from 'node:worker_threads';
import { sm2Sign as sign, sm2Verify as verify } from '../../platform/sm2-core.mjs';

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
