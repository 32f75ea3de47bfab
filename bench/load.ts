// HTTP load through wrk (bench/wrk.ts) when it is installed, else through autocannon's programmatic API, with exact
// latency percentiles.
//
// autocannon's own latency histogram keeps whole milliseconds (p50 of a 0.3 ms request prints as 0), so the harness
// listens to every response and keeps the float response times itself.
import autocannon, { type AutocannonRequest } from 'autocannon';
import { cpuMeter } from './cpu.ts';
import { BenchError, type CpuShare, type Measurement } from './types.ts';
import { runWrk, wrkVersion } from './wrk.ts';

export type Generator = 'wrk' | 'autocannon';
let generator: Generator | undefined;

/** The generator every HTTP run uses, paths and bare-server limits alike: `--generator`, else wrk when installed. */
export function useGenerator(choice?: Generator): Generator {
  if (choice === 'wrk' && !wrkVersion()) throw new BenchError('--generator=wrk: wrk is not installed (apt-get install wrk)');
  generator = choice ?? (wrkVersion() ? 'wrk' : 'autocannon');
  return generator;
}

export interface LoadRun {
  /** http://host:port */
  origin: string;
  path: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  expectStatus?: number;
  rotateClientIp?: boolean;
  /** Shapes each request (a new Idempotency-Key, the next case of a prepared list …); see LoadSpec. */
  setupRequest?: RequestShaper;
  /** The server's pid, to report its CPU share (Linux /proc). */
  serverPid?: number;
  /** A warm-up may end before any response completes; a measured run may not. */
  allowEmpty?: boolean;
}

export type RequestShaper = (request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) => {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export interface LoadResult extends Measurement {
  statusCounts: Record<string, number>;
}

/**
 * Distinct client addresses per run when rotating X-Forwarded-For. Every connection cycles through the same list,
 * so one address gets (requests in the run) / ROTATION requests: with the default limits (30 logins, 300 public
 * requests a minute per client) a run stays under them up to ~30 k logins or ~300 k requests. Each run takes a
 * fresh block, so runs within the same minute do not add up. Every connection builds the whole list up front
 * (64 × 1,024 requests at c64), which is why the clock starts at autocannon's 'start' event.
 */
export const ROTATION = 1024;
let clientCounter = 0;

export function nextClientIp(): string {
  const n = ++clientCounter % 16_777_216;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}

/** The run's headers, with a JSON content type when it sends a body and names none (both generators). */
export function requestHeaders(run: LoadRun): Record<string, string> {
  const headers: Record<string, string> = { ...run.headers };
  if (run.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return headers;
}

export async function runLoad(run: LoadRun): Promise<LoadResult> {
  if ((generator ?? useGenerator()) === 'wrk') return runWrk(run);
  const expect = run.expectStatus ?? 200;
  const headers = requestHeaders(run);
  const base: AutocannonRequest = { method: run.method ?? 'GET', path: run.path, headers, body: run.body };
  const rotated: AutocannonRequest[] = run.rotateClientIp
    ? Array.from({ length: ROTATION }, () => ({ ...base, headers: { ...headers, 'x-forwarded-for': nextClientIp() } }))
    : [base];
  const requests = run.setupRequest ? rotated.map((r) => ({ ...r, setupRequest: run.setupRequest })) : rotated;

  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let unexpected = 0;
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];

  // autocannon's clock (result.duration) starts before it builds each connection's requests, which with 64
  // connections × ROTATION prebuilt requests takes a noticeable time; the harness's clock and CPU meter start at
  // autocannon's 'start' event instead, when the connections are built and the load begins.
  let meter: ((completed: number) => CpuShare) | undefined;
  let started = 0;
  let elapsed = 0;
  const result = await new Promise<import('autocannon').AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: run.origin + run.path,
        connections: run.connections,
        duration: run.duration,
        // autocannon stops on a sample tick: 250 ms keeps short runs close to their nominal duration
        sampleInt: 250,
        method: base.method,
        headers,
        body: run.body,
        requests,
      },
      (error, res) => {
        elapsed = (performance.now() - started) / 1000;
        if (error) reject(error);
        else resolve(res);
      },
    );
    instance.once('start', () => {
      started = performance.now();
      meter = cpuMeter(run.serverPid);
    });
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      if (statusCode !== expect) {
        unexpected++;
        return;
      }
      if (n === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = responseTime;
    });
    instance.on('reqError', (error: Error) => {
      if (errorSamples.length < 3) errorSamples.push(error.message);
    });
  });
  const cpu = meter?.(n);
  const seconds = started > 0 && elapsed > 0 ? elapsed : result.duration;

  if (n === 0 && !run.allowEmpty && result.errors === 0 && result.timeouts === 0 && unexpected === 0) {
    throw new BenchError(`${base.method} ${run.path} at c${run.connections}: no response completed in ${run.duration} s (too slow for the run's duration?)`);
  }
  if (result.errors > 0 || result.timeouts > 0 || unexpected > 0) {
    const statuses = Object.entries(statusCounts)
      .map(([s, c]) => `${s}×${c}`)
      .join(', ');
    const hint = statusCounts['429']
      ? ' (429: the route is rate-limited per client and the X-Forwarded-For rotation did not spread the load; does the platform still trust a loopback proxy? See bench/servers/platform.ts)'
      : '';
    throw new BenchError(
      `${base.method} ${run.path} at c${run.connections}: ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${unexpected} responses not ${expect} [${statuses || 'no responses'}]` +
        (errorSamples.length ? `; e.g. ${errorSamples.join(' | ')}` : '') +
        hint,
    );
  }

  if (n === 0) return { value: 0, unit: 'req/s', count: 0, cpu, statusCounts };
  const sorted = latencies.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    value: n / seconds,
    unit: 'req/s',
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    avgMs: sum / n,
    count: n,
    cpu,
    statusCounts,
  };
}

/** A short unmeasured run (JIT, keep-alive sockets, pool connections), then the measured one. */
export async function warmAndRun(run: LoadRun, warmupSeconds: number): Promise<LoadResult> {
  if (warmupSeconds > 0) await runLoad({ ...run, duration: warmupSeconds, allowEmpty: true });
  return runLoad(run);
}
