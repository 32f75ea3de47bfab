import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf } from '../../platform/http/context.ts';
import { errorResponses, idempotencyHeader, idParam } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { createDepartment, departmentScope, getDepartment, getRegion, listDepartments, listRegions, regionPath, updateDepartment } from './regions.service.ts';

const regionSchema = z.object({ code: z.string(), name: z.string(), level: z.number(), parentCode: z.string().nullable() }).meta({ id: 'Region' });
const departmentSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    parentId: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Department' });
const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a GB/T 2260 code of 6, 9 or 12 digits');

export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (provinces without `parent`)',
        querystring: z.object({ parent: regionCode.optional() }),
        response: { 200: z.object({ items: z.array(regionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      if (request.query.parent) await getRegion(db, request.query.parent);
      return { items: await listRegions(db, request.query.parent) };
    },
  );
  app.get(
    '/api/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'A region with its ancestors',
        params: z.object({ code: regionCode }),
        response: { 200: regionSchema.extend({ path: z.array(regionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const region = await getRegion(db, request.params.code);
      return { ...region, path: await regionPath(db, region.code) };
    },
  );

  app.get(
    '/api/departments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['departments'],
        summary: 'Departments, optionally within a region (its sub-regions included)',
        querystring: z.object({ regionCode: regionCode.optional(), q: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(departmentSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listDepartments(db, request.query) }),
  );
  app.post(
    '/api/departments',
    {
      config: { access: 'departments.manage' },
      schema: {
        tags: ['departments'],
        summary: 'Register a department in a region inside my scope (under a parent inside it)',
        headers: idempotencyHeader,
        body: z.object({ name: z.string().min(1).max(100), uscc: z.string().max(18), regionCode, parentId: z.number().int().positive().nullable().optional() }),
        response: { 201: departmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // A new department lies in its region and under its parent: a department-scoped admin adds only sub-departments
      // of its own, and nobody hangs a department under one outside their scope.
      const { regionCode, parentId } = request.body;
      const ctx = contextOf(request, 'departments.manage', { regionCode, departmentId: parentId ?? null });
      if (parentId) contextOf(request, 'departments.manage', await departmentScope(db, parentId));
      const result = await runIdempotent(db, `department:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createDepartment(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.patch(
    '/api/departments/:id',
    {
      config: { access: 'departments.manage' },
      schema: {
        tags: ['departments'],
        summary: 'Change a department inside my scope, keeping it there (carries its version)',
        params: idParam,
        body: z.object({
          name: z.string().min(1).max(100).optional(),
          uscc: z.string().max(18).optional(),
          regionCode: regionCode.optional(),
          parentId: z.number().int().positive().nullable().optional(),
          version: z.number().int(),
        }),
        response: { 200: departmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const current = await getDepartment(db, request.params.id);
      const ctx = contextOf(request, 'departments.manage', { regionCode: current.regionCode, departmentId: current.id });
      const { regionCode, parentId } = request.body;
      if (regionCode) contextOf(request, 'departments.manage', { regionCode, departmentId: current.id });
      if (parentId && parentId !== current.parentId) contextOf(request, 'departments.manage', await departmentScope(db, parentId));
      return updateDepartment(db, ctx, request.params.id, request.body);
    },
  );
};
