import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, idParam } from '../../platform/http/schemas.ts';
import { listPledgeChecks, recordPledgeResult } from './cases.pledges.ts';

// 待核查承诺: the department's verification tasks of pledges (告知承诺), and their results.

const status = z.enum(['open', 'verified', 'false']);
const pledgeCheckView = z
  .object({
    id: z.number(),
    caseNumber: z.string(),
    itemName: z.string(),
    applicantName: z.string(),
    materialKey: z.string(),
    materialName: z.string().nullable(),
    pledgeText: z.string().nullable().describe('The pledge as the applicant signed it'),
    decidedOn: z.string().nullable(),
    dueOn: z.string().describe('Verify by: the decision day plus the item’s pledgeCheckDays (default 30)'),
    status,
    method: z.enum(['data', 'document']).nullable().describe('data: checked against shared data; document: by a document or on site'),
    note: z.string().nullable(),
    checkedAt: z.string().nullable(),
    revoked: z.array(z.string()).describe('Licences revoked because the pledge was false'),
    overdue: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'PledgeCheck' });
const pledgeCounts = z
  .object({
    pledgedMaterials: z.number().describe('Proofs replaced by pledges on submitted cases in scope'),
    checks: z.number().describe('Verification tasks (one per pledge of a granted case)'),
    open: z.number(),
    overdue: z.number(),
    verified: z.number(),
    false: z.number(),
  })
  .meta({ id: 'PledgeCounts' });

export const pledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get(
    '/api/pledge-checks',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Pledges to verify (待核查承诺) in the reviewer’s department, due first, with the counts of pledges and verifications',
        querystring: z.object({ status: status.optional() }),
        response: { 200: z.object({ items: z.array(pledgeCheckView), counts: pledgeCounts }), ...errorResponses },
      },
    },
    async (request) => listPledgeChecks(db, principalOf(request).grants, request.query),
  );
  app.post(
    '/api/pledge-checks/:id/result',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Record a verification: verified, or false (revokes the licences the decision issued and records it on the case)',
        params: idParam,
        body: z.object({
          version: z.number().int(),
          result: z.enum(['verified', 'false']),
          method: z.enum(['data', 'document']),
          note: z.string().max(2000).default(''),
        }),
        response: {
          200: z.object({ id: z.number(), status, method: z.enum(['data', 'document']).nullable(), revoked: z.array(z.string()), version: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return recordPledgeResult(
        db,
        (scope) => contextOf(request, 'cases.review', scope),
        { userId: principal.user.id, name: principal.user.displayName },
        request.params.id,
        request.body,
      );
    },
  );
};
