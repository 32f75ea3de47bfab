import { maskText } from './mask.ts';

/**
 * What of an error may be written to a log or a terminal. A failed statement's error carries every parameter of the
 * statement (drizzle's "Failed query: … params: …", and the `params` property) and PostgreSQL's `detail` quotes the
 * offending values ("Key (id_number)=(…)"): password hashes, ID numbers and names would reach the log. So: the
 * statement's text without its parameters, the database's code, constraint, table and column, and every message
 * masked (maskText) — never parameters, never `detail`.
 */
export interface SafeError {
  [key: string]: unknown;
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack: string;
  cause?: SafeError;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  stack?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
}

/** The first line of a failed statement's message, which drizzle follows with the parameters. */
function withoutParams(message: string): string {
  const at = message.search(/\n\s*params:/);
  return at >= 0 ? message.slice(0, at) : message;
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (!error || typeof error !== 'object') return { type: typeof error, message: maskText(String(error)), stack: '' };
  const e = error as ErrorLike;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const message = maskText(withoutParams(str(e.message) ?? ''));
  // The stack repeats the message (with the parameters) before its frames: keep the frames only.
  const stack = (str(e.stack) ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const out: SafeError = { type: str(e.name) ?? error.constructor?.name ?? 'Error', message, stack };
  const code = str(e.code);
  if (code) out.code = code;
  for (const key of ['constraint', 'table', 'column'] as const) {
    const v = str(e[key]);
    if (v) out[key] = v;
  }
  if (e.cause && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** One line for a terminal: the masked message of the error and of its causes. */
export function safeErrorLine(error: unknown): string {
  const parts: string[] = [];
  for (let e: SafeError | undefined = safeError(error); e; e = e.cause as SafeError | undefined) parts.push(e.code ? `${e.message} (${e.code})` : e.message);
  return parts.join(': ');
}
