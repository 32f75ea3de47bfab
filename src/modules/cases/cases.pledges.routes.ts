import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, idParam } from '../../platform/http/schemas.ts';
import { decidePledge, listPledgeChecks, pledgeSummary, recordPledgeResult } from './cases.pledges.ts';

// 待核查承诺: the department's verification tasks of pledges (告知承诺), their results, the lead's decision on a false
// one (ADR 0033), and the counts — for the department's reviewers, and per department for the supervisor.

const status = z.enum(['open', 'verified', 'false']);
const decision = z.enum(['revoked', 'kept']);
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
    note: z.string().nullable().describe('What the check found'),
    checkedAt: z.string().nullable(),
    decision: decision
      .nullable()
      .describe('For a false pledge, the lead’s decision: revoked (the case’s decision and its licences) or kept; null while it waits'),
    decisionReason: z.string().nullable(),
    decisionAt: z.string().nullable(),
    revoked: z.array(z.string()).describe('Licences revoked by the decision'),
    recordId: z.number().nullable().describe('The 承诺不实记录 kept for a false pledge once decided'),
    overdue: z.boolean(),
    awaitingDecision: z.boolean().describe('Found false, waiting for the lead’s decision'),
    mayDecide: z.boolean().describe('Whether the viewer may decide on it (a reviewer of the department other than the checker)'),
    version: z.number(),
  })
  .meta({ id: 'PledgeCheck' });
const pledgeCounts = z
  .object({
    pledgeableProofs: z.number().describe('Proofs of the published guides in scope that an applicant may replace by a pledge (证明材料告知承诺免提交)'),
    pledgedMaterials: z.number().describe('Proofs replaced by pledges on submitted cases in scope'),
    checks: z.number().describe('Verification tasks (one per pledge of a granted case)'),
    open: z.number(),
    due: z.number().describe('Open and within their period'),
    overdue: z.number().describe('Open past their period'),
    done: z.number().describe('Verified or found false'),
    verified: z.number(),
    false: z.number().describe('Found false'),
    awaitingDecision: z.number().describe('Found false, waiting for the lead’s decision'),
    revoked: z.number().describe('Decisions revoked for a false pledge'),
    kept: z.number().describe('False pledges whose decision was kept (行政许可法 art. 69 ¶3)'),
    records: z.number().describe('承诺不实记录 kept'),
  })
  .meta({ id: 'PledgeCounts' });
const checkResult = z.object({
  id: z.number(),
  status,
  method: z.enum(['data', 'document']).nullable(),
  decision: decision.nullable(),
  revoked: z.array(z.string()),
  version: z.number(),
});

export const pledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const actorOf = (request: Parameters<typeof principalOf>[0]) => {
    const principal = principalOf(request);
    return { userId: principal.user.id, name: principal.user.displayName };
  };
  app.get(
    '/api/pledge-checks',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Pledges to verify (待核查承诺) in the reviewer’s department: awaiting a decision first, then due first; with the counts',
        querystring: z.object({ status: status.optional(), awaitingDecision: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(pledgeCheckView), counts: pledgeCounts }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return listPledgeChecks(
        db,
        { userId: principal.user.id, grants: principal.grants },
        { status: request.query.status, awaitingDecision: request.query.awaitingDecision === 'true' },
      );
    },
  );
  app.get(
    '/api/pledge-checks/summary',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags: ['cases'],
        summary: 'The counts of pledges and their verification in the supervisor’s scope, in total and per department',
        response: {
          200: z.object({
            counts: pledgeCounts,
            departments: z.array(pledgeCounts.extend({ departmentId: z.number(), department: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => pledgeSummary(db, principalOf(request).grants),
  );
  app.post(
    '/api/pledge-checks/:id/result',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Record a verification: verified, or false (proposes revocation: the lead decides)',
        params: idParam,
        body: z.object({
          version: z.number().int(),
          result: z.enum(['verified', 'false']),
          method: z.enum(['data', 'document']),
          note: z.string().max(2000).default(''),
        }),
        response: { 200: checkResult, ...errorResponses },
      },
    },
    async (request) => recordPledgeResult(db, (scope) => contextOf(request, 'cases.review', scope), actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/pledge-checks/:id/decision',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary:
          'The lead’s decision on a pledge found false (not by its checker): revoke the case’s decision and its licences (撤销决定书), or keep it with the reason; either way a 承诺不实记录',
        params: idParam,
        body: z.object({ version: z.number().int(), decision: z.enum(['revoke', 'keep']), reason: z.string().max(2000) }),
        response: { 200: checkResult.extend({ recordId: z.number() }), ...errorResponses },
      },
    },
    async (request) => decidePledge(db, (scope) => contextOf(request, 'cases.review', scope), actorOf(request), request.params.id, request.body),
  );
};
