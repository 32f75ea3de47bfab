/** PostgreSQL's timestamptz text ('2026-11-22 00:21:43.07+00') as ISO 8601 ('2026-11-22T00:21:43.070Z'). */
export function iso(value: string): string;
export function iso(value: string | null): string | null;
export function iso(value: string | null): string | null {
  if (value === null) return null;
  const normal = value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** A day of the calendar, YYYY-MM-DD, that exists (2026-13-45 and 2026-02-30 pass the format, not this). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
