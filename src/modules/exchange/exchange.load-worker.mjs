// A worker thread that reads and checks a load's rows off the loader's thread (ADR 0050): the same code as the loader's
// own thread (exchange.read.ts: readRows, RowChecker), so that one core parses and checks while the other sends the
// batches to PostgreSQL. Plain JavaScript that registers the TypeScript loader itself (a worker does not inherit the
// one of the thread that made it). It pulls the upload chunk by chunk ({want}) and keeps at most two batches unacknowledged,
// so neither side holds more than a few batches of a large file.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readRows, RowChecker, BATCH, LOAD_MAX_BYTES } = await import('./exchange.read.ts');

const { format, fields, keyField, layout, maxBytes } = workerData;
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

const checker = new RowChecker(fields, keyField, layout);
let error;
try {
  for await (const r of readRows(format, upload(), maxBytes ?? LOAD_MAX_BYTES)) {
    checker.add(r);
    if (checker.rowsIn % BATCH === 0) await send({ lines: checker.take(), rowsIn: checker.rowsIn, rejected: checker.rejected });
  }
} catch (e) {
  error = e && typeof e === 'object' && 'code' in e && 'details' in e ? { code: e.code, details: e.details } : { message: String(e?.stack ?? e) };
}
parentPort.postMessage({
  batch: { lines: checker.take(), rowsIn: checker.rowsIn, rejected: checker.rejected, problems: checker.problems, error },
});
