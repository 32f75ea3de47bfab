import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, uploadedBytes } from '../platform/http/context.ts';
import { errorResponses, fileResponse } from '../platform/http/schemas.ts';
import { UPLOAD_TYPES } from '../platform/files.ts';

/** Uploads (blank forms, samples; later case materials) and downloads by SM3 digest. */
export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const store = app.files;
  app.post(
    '/api/files',
    {
      config: { access: 'catalog.edit' },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['files'],
        summary: 'Upload a public file: a blank form or sample (PDF, JPEG, PNG or OFD, read from the content). Body: the bytes.',
        querystring: z.object({ name: z.string().min(1).max(200) }),
        response: { 201: z.object({ digest: z.string(), size: z.number(), mime: z.string(), name: z.string() }), ...errorResponses, 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'catalog.edit');
      const { uploadId: _id, ...stored } = await store.put(db, uploadedBytes(request), request.query.name, { isPublic: true, uploadedBy: ctx.actor.id });
      return reply.status(201).send(stored);
    },
  );
  app.get(
    '/api/files/:digest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['files'],
        summary: 'Download a blank form or sample by its digest',
        params: z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: fileResponse('The file', ...UPLOAD_TYPES), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await store.read(db, request.params.digest, { publicOnly: true });
      return reply
        .type(file.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name ?? request.params.digest)}`)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(file.data);
    },
  );
};
