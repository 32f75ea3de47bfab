import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { errorResponses, idempotencyHeader, idParam } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { mandateErrors } from './mandates.errors.ts';
import { grantMandate, isPrincipalRole, listGranted, listReceived, recordMandate, revokeMandate } from './mandates.service.ts';
import { grantBody, mandateView, recordBody, revokeBody } from './mandates.types.ts';

const listReply = z.object({ items: z.array(mandateView) });

/**
 * 授权委托: principals grant and revoke, agents see whom they may act for, window clerks record a signed 委托书.
 * Principal and agent routes need cases.apply and the matching role (an admin holds cases.apply but is neither).
 */
export const mandatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const store = app.files;

  const rolesOf = (request: FastifyRequest) => principalOf(request).grants.map((g) => g.role as string);
  /** The signed-in principal (an applicant account), or 403. */
  const asPrincipal = (request: FastifyRequest) => {
    const ctx = contextOf(request, 'cases.apply');
    if (!isPrincipalRole(rolesOf(request))) throw mandateErrors.MANDATE_NOT_PRINCIPAL();
    return ctx;
  };

  app.post(
    '/api/mandates',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['mandates'],
        summary: 'Grant an agent (named by username) a mandate to apply in my name, for some items or all, for at most a year',
        headers: idempotencyHeader,
        body: grantBody,
        response: { 201: mandateView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = asPrincipal(request);
      const userId = principalOf(request).user.id;
      const result = await runIdempotent(db, `mandate:${userId}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await grantMandate(tx, ctx, userId, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/mandates/granted',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['mandates'],
        summary: 'The mandates I granted (or had recorded at a window), newest first',
        response: { 200: listReply, ...errorResponses },
      },
    },
    async (request) => {
      asPrincipal(request);
      return { items: await listGranted(db, principalOf(request).user.id) };
    },
  );

  app.post(
    '/api/mandates/:id/revoke',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['mandates'],
        summary: 'Revoke a mandate I granted (carries its version); the agent can no longer apply under it',
        params: idParam,
        body: revokeBody,
        response: { 200: mandateView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = asPrincipal(request);
      return revokeMandate(db, ctx, principalOf(request).user.id, request.params.id, request.body.version);
    },
  );

  app.get(
    '/api/mandates/received',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['mandates'],
        summary: 'The principals I may act for as an agent (ID numbers masked), with items and periods',
        response: { 200: listReply, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'cases.apply');
      if (!rolesOf(request).includes('agent')) throw mandateErrors.MANDATE_NOT_AGENT();
      return { items: await listReceived(db, principalOf(request).user.id) };
    },
  );

  app.post(
    '/api/mandates/documents',
    {
      config: { access: 'cases.accept' },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['mandates'],
        summary: 'Upload the scan of a signed 委托书 (PDF, JPEG, PNG or OFD, read from the content; not public). Body: the bytes.',
        querystring: z.object({ name: z.string().min(1).max(200) }),
        response: { 201: z.object({ digest: z.string(), size: z.number(), mime: z.string(), name: z.string() }), ...errorResponses, 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'cases.accept');
      const bytes = uploadedBytes(request);
      const stored = await db.transaction(async (tx) => {
        const file = await store.put(tx, bytes, request.query.name, { isPublic: false, uploadedBy: ctx.actor.id });
        await writeAudit(tx, ctx, {
          action: 'mandate.document',
          targetType: 'file',
          targetId: file.digest,
          change: { name: file.name, size: file.size, mime: file.mime },
        });
        return { digest: file.digest, size: file.size, mime: file.mime, name: file.name };
      });
      return reply.status(201).send(stored);
    },
  );

  app.post(
    '/api/mandates/recorded',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['mandates'],
        summary: 'Record a signed 委托书 at the window after checking the principal’s identity: principal by ID number and name, agent by username',
        headers: idempotencyHeader,
        body: recordBody,
        response: { 201: mandateView, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The window's region must lie within the clerk's.
      const ctx = contextOf(request, 'cases.accept', { regionCode: request.body.regionCode });
      const userId = principalOf(request).user.id;
      const result = await runIdempotent(db, `mandate-record:${userId}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await recordMandate(tx, ctx, userId, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
};
