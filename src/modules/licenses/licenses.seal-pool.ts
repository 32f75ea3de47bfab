import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sm2Sign, type Sm2KeyPair } from '../../platform/sm2.ts';

/**
 * Seals (SM2-signs) batches of licences for the bulk import, on worker threads or, with no workers, on this thread.
 * Signing is the import's main cost (one SM2 signature per licence, ~0.4 ms in sm-crypto-v2), so with two cores two
 * workers sign while this thread parses the file and PostgreSQL inserts the previous batch.
 */
export interface SealJob {
  messages: string[];
  /** For each message, the index of its key pair in `keys`. */
  keyIndexes: number[];
  keys: Sm2KeyPair[];
}

export interface SealPool {
  readonly workers: number;
  sign(job: SealJob): Promise<string[]>;
  close(): Promise<void>;
}

/** Workers to use by default: one per core, at most 4; none on a single core (the main thread signs). */
export function defaultSealWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

export function createSealPool(workers: number): SealPool {
  if (workers <= 0) {
    return {
      workers: 0,
      sign: async (job) => job.messages.map((m, i) => sm2Sign(m, job.keys[job.keyIndexes[i]])),
      close: async () => {},
    };
  }
  type Pending = { resolve: (s: string[]) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let broken: Error | undefined;
  const threads = Array.from({ length: workers }, () => {
    const w = new Worker(new URL('./seal-worker.mjs', import.meta.url));
    w.on('message', (msg: { id: number; signatures?: string[]; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.signatures) p.resolve(msg.signatures);
      else p.reject(new Error(`sealing failed: ${msg.error}`));
    });
    w.on('error', (e) => {
      broken = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    return w;
  });
  const run = (worker: Worker, job: SealJob) =>
    new Promise<string[]>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...job });
    });
  return {
    workers,
    async sign(job) {
      // One slice per worker, in order; the slices come back in the same order.
      const per = Math.ceil(job.messages.length / workers);
      const parts = await Promise.all(
        threads.map((w, k) => {
          const from = k * per;
          return from < job.messages.length ? run(w, { keys: job.keys, messages: job.messages.slice(from, from + per), keyIndexes: job.keyIndexes.slice(from, from + per) }) : Promise.resolve([]);
        }),
      );
      return parts.flat();
    },
    async close() {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}
