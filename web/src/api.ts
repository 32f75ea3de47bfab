// The one fetch wrapper of the web app. Every page talks to the API through `api` below.
// Same origin as the server, so relative URLs and the session cookie are enough.

export type Lang = 'zh' | 'en';
export type Localized = { zh: string; en: string };

/** An error from the API (or from the network), carrying the server's stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localized: Localized | null;
  readonly details: unknown;

  constructor(status: number, code: string, localized: Localized | null, details?: unknown) {
    super(localized?.en ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.localized = localized;
    this.details = details;
  }
}

/** Fired on `window` when the session is gone (401 outside the login call); the auth provider listens. */
export const AUTH_REQUIRED_EVENT = 'tongban:auth-required';

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send an Idempotency-Key header: required on every POST that creates something. */
  isCreate?: boolean;
}

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && typeof (value as Localized).zh === 'string';
}

/** crypto.randomUUID exists only in secure contexts; a government intranet may serve plain http by IP. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.isCreate) headers['Idempotency-Key'] = newIdempotencyKey();

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', null);
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!res.ok) {
    const p = (payload ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const code = typeof p.code === 'string' ? p.code : `HTTP_${res.status}`;
    const localized = isLocalized(p.message)
      ? p.message
      : typeof p.message === 'string'
        ? { zh: p.message, en: p.message }
        : null;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
      window.dispatchEvent(new Event(AUTH_REQUIRED_EVENT));
    }
    throw new ApiError(res.status, code, localized, p.details);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  /** POST that creates something: carries an Idempotency-Key. */
  create: <T>(path: string, body: unknown) => request<T>('POST', path, { body, isCreate: true }),
  /** POST that is an action (login, logout, change password). */
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
};

/** Paged list replies share this shape. */
export interface Page<T> {
  total: number;
  items: T[];
}

// ---- Types of the API replies used by more than one page ----

export interface RoleGrant {
  role: string;
  regionCode: string | null;
  departmentId: string | number | null;
}

export interface CurrentUser {
  id: string | number;
  username: string;
  displayName: string;
  roles: RoleGrant[];
}

export interface Region {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
}

export interface Department {
  id: string | number;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  parentId: string | number | null;
  version: number;
}
