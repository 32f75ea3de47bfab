import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sm2Sign, sm2Verify, type Sm2KeyPair } from '../../platform/sm2.ts';

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
      worker.postMessage({ id, op: 'sign', ...job });
    });
  return {
    workers,
    async sign(job) {
      // One slice per worker, in order; the slices come back in the same order.
      const per = Math.ceil(job.messages.length / workers);
      const parts = await Promise.all(
        threads.map((w, k) => {
          const from = k * per;
          return from < job.messages.length
            ? run(w, { keys: job.keys, messages: job.messages.slice(from, from + per), keyIndexes: job.keyIndexes.slice(from, from + per) })
            : Promise.resolve([]);
        }),
      );
      return parts.flat();
    },
    async close() {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

export interface VerifyPool {
  readonly workers: number;
  /** sm2Verify on a worker thread: true when the seal verifies. */
  verify(message: string, signatureB64: string, publicKeyHex: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Threads for seal checks in the server: one fewer than the cores (the main thread serves HTTP), at most 3; none on
 * a single core. An SM2 verification takes ~0.6 ms, more than everything else a public verification does; on a
 * worker the second core does it. Measured with 2 cores (bench licence-lookup, quiet machine): 1,025 → 1,170 req/s
 * at c4 (0.57 → 0.66 of the raw verify rate), p99 unchanged (~7.5 ms); 2 workers did no better than 1.
 */
export function defaultVerifyWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 ? Math.min(cores - 1, 3) : 0;
}

export function createVerifyPool(workers: number): VerifyPool {
  if (workers <= 0) return { workers: 0, verify: async (m, s, k) => sm2Verify(m, s, k), close: async () => {} };
  type Job = { message: string; signature: string; publicKeyHex: string; resolve: (ok: boolean) => void };
  let nextId = 0;
  let broken = false;
  const threads = Array.from({ length: workers }, () => {
    const pending = new Map<number, Job>();
    const worker = new Worker(new URL('./seal-worker.mjs', import.meta.url));
    // Referenced only while a check is pending: an idle pool never keeps the process alive.
    worker.unref();
    const settle = (id: number, ok: boolean) => {
      const job = pending.get(id);
      if (!job) return;
      pending.delete(id);
      if (pending.size === 0) worker.unref();
      job.resolve(ok);
    };
    worker.on('message', (msg: { id: number; valid?: boolean; error?: string }) => {
      const job = pending.get(msg.id);
      // A worker error is no verdict on the seal: check it on this thread instead.
      if (job) settle(msg.id, msg.valid ?? sm2Verify(job.message, job.signature, job.publicKeyHex));
    });
    worker.on('error', () => {
      broken = true;
      for (const [id, job] of [...pending]) settle(id, sm2Verify(job.message, job.signature, job.publicKeyHex));
    });
    return { worker, pending };
  });
  return {
    workers,
    verify(message, signature, publicKeyHex) {
      if (broken) return Promise.resolve(sm2Verify(message, signature, publicKeyHex));
      const t = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return new Promise<boolean>((resolve) => {
        const id = nextId++;
        if (t.pending.size === 0) t.worker.ref();
        t.pending.set(id, { message, signature, publicKeyHex, resolve });
        t.worker.postMessage({ id, op: 'verify', message, signature, publicKeyHex });
      });
    },
    async close() {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
