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
  /** Raw bytes sent as application/octet-stream (uploads); the server reads the type from the content. */
  raw?: Blob | ArrayBuffer;
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

async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    body = opts.raw;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (opts.isCreate) headers['Idempotency-Key'] = newIdempotencyKey();
  try {
    return await fetch(buildUrl(path, opts.query), { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', null);
  }
}

/** The ApiError of a reply that is not ok: the server's code, message and details when it sent them. */
async function failure(res: Response, path: string): Promise<ApiError> {
  let payload: unknown = undefined;
  try {
    payload = JSON.parse(await res.text());
  } catch {
    payload = undefined;
  }
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
  return new ApiError(res.status, code, localized, p.details);
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, 'application/json');
  if (!res.ok) throw await failure(res, path);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T;
  }
}

/** The file name a reply suggests (Content-Disposition), else the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // give the browser time to start the download before the URL goes
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  /** POST that creates something: carries an Idempotency-Key. */
  create: <T>(path: string, body: unknown) => request<T>('POST', path, { body, isCreate: true }),
  /** POST that is an action (login, logout, change password). */
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  /** POST raw bytes (a file, a workbook) as application/octet-stream; the reply is JSON. */
  upload: <T>(path: string, data: Blob | ArrayBuffer, query?: Query, opts: { isCreate?: boolean } = {}) =>
    request<T>('POST', path, { raw: data, query, isCreate: opts.isCreate }),
  /** PUT raw bytes (a case material: the server reads the type from the content); the reply is JSON. */
  putFile: <T>(path: string, data: Blob | ArrayBuffer, query?: Query) => request<T>('PUT', path, { raw: data, query }),
  /** GET a file (xlsx, pdf …) as a blob with the name the server gives it; errors are ApiErrors as usual. */
  blob: async (path: string, query?: Query, fallbackName = 'download'): Promise<{ blob: Blob; fileName: string }> => {
    const res = await send('GET', path, { query }, '*/*');
    if (!res.ok) throw await failure(res, path);
    return { blob: await res.blob(), fileName: fileNameOf(res, fallbackName) };
  },
  /** GET a file and save it in the browser's downloads. */
  download: async (path: string, query?: Query, fallbackName = 'download'): Promise<void> => {
    const { blob, fileName } = await api.blob(path, query, fallbackName);
    saveBlob(blob, fileName);
  },
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
