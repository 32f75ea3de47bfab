import { z } from 'zod';
import { isValidIsoDate } from '../calendar/working-days.ts';

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

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isValidIsoDate, NO_SUCH_DATE);
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(200).optional().describe('Required on every create: the same key never creates twice'),
});

/**
 * The bytes of a file answer (a workbook, a document, an image): OpenAPI's binary string. Typed as what handlers
 * send (a Buffer, or an SVG's text), which Fastify sends as it is, never through the schema.
 */
const fileBytes = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<Buffer | string>;

/**
 * A 200 answer that is a file, not JSON: documented with its content types (`response: { 200: fileResponse(…) }`).
 * Nothing is serialised through it (a Buffer or a string is sent as it is).
 */
export function fileResponse(description: string, ...contentTypes: string[]) {
  return { description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema: fileBytes }])) };
}
