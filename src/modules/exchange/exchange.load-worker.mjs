// A worker thread that reads and checks a load's rows off the loader's thread (ADR 0050): the same code as the loader's
// own thread (exchange.read.ts: checkedRows), so that one core parses and checks while the other sends the
// batches to PostgreSQL. Plain JavaScript that registers the TypeScript loader itself (a worker does not inherit the
// one of the thread that made it). It pulls the upload chunk by chunk ({want}) and keeps at most two batches unacknowledged,
// so neither side holds more than a few batches of a large file.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { checkedRows } = await import('./exchange.read.ts');

const { reading, maxBytes } = workerData;
// The upload's chunks as they come, one asked ahead, so the next chunk is on its way while this one is parsed.
const arrived = [];
let give;
let acked;
let unacked = 0;
parentPort.on('message', (m) => {
  if ('chunk' in m) {
    arrived.push(m.chunk === null ? null : Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
    give?.();
  } else if (m.ack) {
    unacked--;
    acked?.();
  }
});

async function* upload() {
  parentPort.postMessage({ want: true });
  for (;;) {
    while (!arrived.length) await new Promise((resolve) => (give = resolve));
    const chunk = arrived.shift();
    if (chunk === null) return;
    parentPort.postMessage({ want: true });
    yield chunk;
  }
}

async function send(batch) {
  parentPort.postMessage({ batch });
  if (++unacked >= 2) await new Promise((resolve) => (acked = resolve));
  acked = undefined;
}

for await (const batch of checkedRows(reading, upload(), maxBytes)) {
  if (!batch.problems) await send(batch);
  else {
    // The last batch: an error crosses to the loader as its code and details (or its text), not as the object.
    const e = batch.error;
    const error =
      e === undefined
        ? undefined
        : e && typeof e === 'object' && 'code' in e && 'details' in e
          ? { code: e.code, details: e.details }
          : { message: String(e?.stack ?? e) };
    parentPort.postMessage({ batch: { ...batch, error } });
  }
}
