/** PostgreSQL's timestamptz text ('2026-11-22 00:21:43.07+00') as ISO 8601 ('2026-11-22T00:21:43.070Z'). */
export function iso(value: string): string;
export function iso(value: string | null): string | null;
export function iso(value: string | null): string | null {
  if (value === null) return null;
  const normal = value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}
