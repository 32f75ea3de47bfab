import { z } from 'zod';
import { processSchema } from 'zod/v4/core';
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

/** Any JSON value (what a parsed JSON body can hold). */
export const jsonValue = z.json();
/** A JSON object: string keys, JSON values. */
export const jsonObject = z.record(z.string(), jsonValue);

/**
 * `validator` (by default: any JSON object), shown in the OpenAPI document as `documented`. For a body field whose
 * rules the service checks itself and answers field by field with its own codes (CONTENT_INVALID naming the element,
 * FORM_SCHEMA_INVALID, CASE_FORM_INVALID): parsed at the route, the same mistake would be a generic VALIDATION_FAILED,
 * and it would come before the scope, existence and version checks. The document still names every field, so the
 * web's generated client types the body (ADR 0019). Wrap it (`.nullable()`, `.optional()`, `.default()`) but do not
 * `.meta()` or `.describe()` the result: those copy the schema without its description.
 */
export function documentedAs<V extends z.ZodType = typeof jsonObject>(documented: z.ZodType, validator?: V): V {
  const described = (validator ?? jsonObject).clone() as V;
  // As zod renders its own wrappers (pipe, optional): the documented schema, a $ref when it has an id.
  described._zod.processJSONSchema = (ctx, _json, params) => {
    processSchema(documented, ctx, params);
    ctx.seen.get(described)!.ref = documented;
  };
  return described;
}

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
