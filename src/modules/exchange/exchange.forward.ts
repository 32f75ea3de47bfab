import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Forwarding a call to the provider's registered endpoint (前置机, ADR 0047): the key goes as the endpoint's key
 * parameter, nothing else of the consumer's request goes along; only the registered URL is asked (redirects are not
 * followed); the endpoint's time budget covers every attempt; a GET is tried again on a network error or a 502, 503
 * or 504 (at most twice, after a short pause), a POST never; the answer must be a JSON object or an array of them.
 */

export const ENDPOINT_METHODS = ['GET', 'POST'] as const;
export type EndpointMethod = (typeof ENDPOINT_METHODS)[number];
export const ENDPOINT_STATUSES = ['active', 'disabled'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];
export const DEFAULT_TIMEOUT_MS = 3000;
export const MAX_TIMEOUT_MS = 10_000;
export const MIN_TIMEOUT_MS = 100;
/** Retries after the first attempt (GET only). */
export const MAX_RETRIES = 2;
/** The statuses a GET is tried again on (the gateway's and the server's "try later"). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
/** The largest answer read from a provider, and the most rows taken from it. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
export const MAX_ANSWER_ROWS = 1000;

/** Why a base URL may not be registered (null when it may): http or https, no user or password, no fragment. */
export function endpointUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https';
  if (url.username || url.password) return 'no user or password in the address';
  if (url.hash || raw.includes('#')) return 'no fragment';
  if (!url.hostname) return 'no host';
  return null;
}

/** Whether an attempt that ended so (a status, or null for a network error) is tried again: GET only, at most MAX_RETRIES times. */
export function shouldRetry(method: EndpointMethod, status: number | null, retriesDone: number): boolean {
  return method === 'GET' && retriesDone < MAX_RETRIES && (status === null || RETRY_STATUSES.has(status));
}

/** The pause before retry n (0-based): 100 ms, then 200 ms. */
export const backoffMs = (retry: number) => 100 * 2 ** retry;

/** The provider's answer as rows: a JSON object is one row, an array of objects is rows; anything else is refused. */
export function parseProviderAnswer(text: string): { rows: Record<string, unknown>[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(value)) return { rows: [value] };
  if (Array.isArray(value) && value.every(isObject)) {
    if (value.length > MAX_ANSWER_ROWS) return { error: `more than ${MAX_ANSWER_ROWS} rows` };
    return { rows: value };
  }
  return { error: 'not a JSON object or an array of objects' };
}

/** Whether every granted field of every row holds a scalar (or nothing): a nested value is not a field's value. */
export function scalarFields(rows: readonly Record<string, unknown>[], allowed: readonly string[]): boolean {
  return rows.every((r) =>
    allowed.every((k) => {
      const v = r[k];
      return v === undefined || v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    }),
  );
}

export interface EndpointTarget {
  baseUrl: string;
  method: EndpointMethod;
  keyParam: string;
  timeoutMs: number;
}

export type ForwardOutcome =
  | { kind: 'ok'; rows: Record<string, unknown>[]; status: number; providerUs: number; attempts: number }
  | { kind: 'timeout'; status: number | null; providerUs: number; attempts: number }
  | { kind: 'failed'; status: number | null; providerUs: number; attempts: number; reason: string };

/** Reads at most `limit` bytes of a body; more is an error. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new RangeError('answer too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The request of one attempt: GET puts the key in the query, POST sends {keyParam: key} as JSON. */
export function providerRequest(target: EndpointTarget, key: string): { url: string; init: RequestInit } {
  const url = new URL(target.baseUrl);
  if (target.method === 'GET') {
    url.searchParams.set(target.keyParam, key);
    return { url: url.href, init: { method: 'GET', headers: { accept: 'application/json' } } };
  }
  return {
    url: url.href,
    init: { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ [target.keyParam]: key }) },
  };
}

/** Forwards one call (see the file's note). Never throws: every ending is an outcome, with the time spent on the provider. */
export async function forwardCall(target: EndpointTarget, key: string): Promise<ForwardOutcome> {
  const started = process.hrtime.bigint();
  const spent = () => Number((process.hrtime.bigint() - started) / 1000n);
  const signal = AbortSignal.timeout(Math.min(Math.max(target.timeoutMs, MIN_TIMEOUT_MS), MAX_TIMEOUT_MS));
  const { url, init } = providerRequest(target, key);
  let status: number | null = null;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal, redirect: 'manual' });
      status = res.status;
      if (res.status >= 200 && res.status < 300) {
        let text: string;
        try {
          text = await readCapped(res.body, MAX_ANSWER_BYTES);
        } catch (error) {
          if (signal.aborted) return { kind: 'timeout', status, providerUs: spent(), attempts: attempt };
          return {
            kind: 'failed',
            status,
            providerUs: spent(),
            attempts: attempt,
            reason: error instanceof RangeError ? 'answer too large' : 'answer cut off',
          };
        }
        const parsed = parseProviderAnswer(text);
        if ('error' in parsed) return { kind: 'failed', status, providerUs: spent(), attempts: attempt, reason: parsed.error };
        return { kind: 'ok', rows: parsed.rows, status, providerUs: spent(), attempts: attempt };
      }
      await res.body?.cancel().catch(() => undefined);
    } catch {
      if (signal.aborted) return { kind: 'timeout', status: null, providerUs: spent(), attempts: attempt };
      status = null; // a network error: no answer came
    }
    if (!shouldRetry(target.method, status, attempt - 1))
      return { kind: 'failed', status, providerUs: spent(), attempts: attempt, reason: status === null ? 'unreachable' : `status ${status}` };
    try {
      await sleep(backoffMs(attempt - 1), undefined, { signal });
    } catch {
      return { kind: 'timeout', status, providerUs: spent(), attempts: attempt };
    }
  }
}
