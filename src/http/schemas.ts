import { z } from 'zod';

/** The error body of every endpoint. */
export const errorSchema = z
  .object({
    code: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    details: z.unknown(),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
  429: errorSchema,
};

export const NO_SUCH_DATE = 'no such date';

/** A day of the calendar, YYYY-MM-DD, that exists (2026-13-45 and 2026-02-30 pass the format, not this). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine(isRealDate, NO_SUCH_DATE);
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(200).optional().describe('Required on every create: the same key never creates twice'),
});
