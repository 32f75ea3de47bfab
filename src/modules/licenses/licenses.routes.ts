import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf } from '../../http/context.ts';
import { errorResponses, idempotencyHeader } from '../../http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { createLicenseType, listLicenseTypes } from './licenses.service.ts';

const licenseTypeSchema = z
  .object({ code: z.string(), name: z.string(), definingBodyUscc: z.string(), definingBodyName: z.string(), holderKind: z.enum(['person', 'organisation']), version: z.number() })
  .meta({ id: 'LicenseType' });

export const licensesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get(
    '/api/license-types',
    { config: { access: 'public' }, schema: { tags: ['licenses'], summary: 'Licence types (证照类型)', response: { 200: z.object({ items: z.array(licenseTypeSchema) }) } } },
    async () => ({ items: await listLicenseTypes(db) }),
  );
  app.post(
    '/api/license-types',
    {
      config: { access: 'license_types.manage' },
      schema: {
        tags: ['licenses'],
        summary: 'Register a licence type',
        headers: idempotencyHeader,
        body: z.object({ code: z.string().max(21), name: z.string().min(1).max(100), definingBodyName: z.string().min(1).max(100), holderKind: z.enum(['person', 'organisation']) }),
        response: { 201: licenseTypeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'license_types.manage');
      const result = await runIdempotent(db, `license_type:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createLicenseType(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
};
