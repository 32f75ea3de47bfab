import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, idempotencyHeader, idParam } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { scopeFilter } from '../../platform/permissions.ts';
import {
  createRuleSet,
  getRuleSet,
  listRuleSets,
  ownerOf,
  publicRuleSets,
  publish,
  retire,
  ruleSetDetail,
  ruleSetScope,
  runGolden,
  startNewVersion,
  testInputs,
  updateDraft,
} from './rules.service.ts';
import { setInstantApproval } from './rules.instant.ts';
import { replay } from './rules.replay.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import {
  createBody,
  decisionView,
  draftBody,
  goldenResult,
  instantBody,
  listQuery,
  publicRuleSetView,
  publishBody,
  replayBody,
  replayView,
  ruleSetDetail as ruleSetDetailView,
  ruleSetView,
  ruleVersionView,
  RULE_VERSION_STATUSES,
  testBody,
  versionBody,
} from './rules.types.ts';

const listItem = ruleSetView.extend({ latestStatus: z.enum(RULE_VERSION_STATUSES), latestNumber: z.number() });
const goldenReply = z.object({
  versionId: z.number(),
  passed: z.boolean().describe('At least one case, and every case passed'),
  results: z.array(goldenResult),
});
const testReply = z.object({ versionId: z.number(), number: z.number(), status: z.enum(RULE_VERSION_STATUSES), decision: decisionView });

/**
 * Rule sets (秒批 criteria, later policy conditions): item admins and department staff define and test them within
 * the owner's region and department; item admins publish and retire; anyone reads a published version's conditions
 * with their articles.
 */
export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const scopeOf = async (id: number) => ruleSetScope(await getRuleSet(db, id));

  // ── Public ──────────────────────────────────────────────────────────────
  app.get(
    '/api/public/rule-sets',
    {
      config: { access: 'public' },
      schema: {
        tags: ['rules'],
        summary: 'Published rule sets (of one implementation, or one by code): each condition in plain words with the article it cites',
        querystring: z.object({ implementationId: z.coerce.number().int().positive().optional(), code: z.string().max(40).optional() }),
        response: { 200: z.object({ items: z.array(publicRuleSetView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await publicRuleSets(db, request.query) }),
  );

  // ── Staff ───────────────────────────────────────────────────────────────
  app.get(
    '/api/rule-sets',
    {
      config: { access: 'rules.read' },
      schema: {
        tags: ['rules'],
        summary: 'Rule sets in every state within my scope, by code',
        querystring: listQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(listItem) }), ...errorResponses },
      },
    },
    async (request) => listRuleSets(db, { within: scopeFilter(principalOf(request).grants, 'rules.read'), ...request.query }),
  );

  app.post(
    '/api/rule-sets',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary:
          'Create a rule set and its first draft, owned by its implementation’s department (or a named one): inputs, conditions citing articles, golden cases; a condition on a form field the form lacks is refused',
        headers: idempotencyHeader,
        body: createBody,
        response: { 201: ruleSetDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const owner = await ownerOf(db, request.body);
      const ctx = contextOf(request, 'rules.edit', ruleSetScope(owner));
      const result = await runIdempotent(db, `rule-set:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createRuleSet(tx, ctx, request.body, owner),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/rule-sets/:id',
    {
      config: { access: 'rules.read' },
      schema: {
        tags: ['rules'],
        summary: 'A rule set with every version (newest first)',
        params: idParam,
        response: { 200: ruleSetDetailView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'rules.read', await scopeOf(request.params.id));
      return ruleSetDetail(db, request.params.id);
    },
  );

  app.put(
    '/api/rule-sets/:id/draft',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary: 'Change the open draft (carries its row version); a published or retired version never changes',
        params: idParam,
        body: draftBody,
        response: { 200: ruleVersionView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'rules.edit', await scopeOf(request.params.id));
      return updateDraft(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/rule-sets/:id/golden',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary: 'Run the golden cases of a version (the latest by default): each with its expected and actual outcome and trace; nothing is stored',
        params: idParam,
        body: z.object({ versionId: z.number().int().positive().optional() }),
        response: { 200: goldenReply, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'rules.edit', await scopeOf(request.params.id));
      return runGolden(db, request.params.id, request.body.versionId);
    },
  );

  app.post(
    '/api/rule-sets/:id/test',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary: 'Decide one set of inputs on a version (the latest by default): outcome, the trace of every condition and the explanation; nothing is stored',
        params: idParam,
        body: testBody.extend({ versionId: z.number().int().positive().optional() }),
        response: { 200: testReply, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'rules.edit', await scopeOf(request.params.id));
      return testInputs(db, request.params.id, request.body);
    },
  );

  app.post(
    '/api/rule-sets/:id/publish',
    {
      config: { access: 'rules.publish' },
      schema: {
        tags: ['rules'],
        summary:
          'Publish the latest draft (carries its row version): checked again, every golden case must pass (at least one), replayed over the historic applications (a change of any outcome needs the replay’s digest: RULE_REPLAY_UNCONFIRMED), the hash is fixed and the version published before is retired',
        params: idParam,
        body: publishBody,
        response: { 200: ruleSetDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'rules.publish', await scopeOf(request.params.id));
      return publish(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/rule-sets/:id/replay',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary:
          'Replay a version (the latest by default) over the implementation’s historic applications next to the version in force: how many outcomes would change and which, with the conditions that flipped; nothing is stored but the audit entry',
        params: idParam,
        body: replayBody,
        response: { 200: replayView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'rules.edit', await scopeOf(request.params.id));
      const result = await replay(db, request.params.id, request.body);
      // The replay reads every historic application of the item: who looked is recorded.
      await writeAudit(db, ctx, {
        action: 'rules.replay',
        targetType: 'rule_set',
        targetId: request.params.id,
        change: { versionId: result.versionId, replayed: result.replayed, changed: result.changed, digest: result.digest },
      });
      return result;
    },
  );

  app.post(
    '/api/rule-sets/:id/retire',
    {
      config: { access: 'rules.publish' },
      schema: {
        tags: ['rules'],
        summary: 'Retire the published version (carries the rule set’s row version): no decision is made by it any more',
        params: idParam,
        body: versionBody,
        response: { 200: ruleSetDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'rules.publish', await scopeOf(request.params.id));
      return retire(db, ctx, request.params.id, request.body);
    },
  );

  app.put(
    '/api/rule-sets/:id/instant',
    {
      config: { access: 'rules.publish' },
      schema: {
        tags: ['rules'],
        summary:
          'Switch instant approval (秒批) of the rule set’s implementation on or off (carries the rule set’s row version): on, its published version decides each application at submission; a grant closes the case at once, anything else goes to people',
        params: idParam,
        body: instantBody,
        response: { 200: ruleSetDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'rules.publish', await scopeOf(request.params.id));
      return setInstantApproval(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/rule-sets/:id/versions',
    {
      config: { access: 'rules.edit' },
      schema: {
        tags: ['rules'],
        summary: 'Start a new draft from the latest published or retired version (carries the rule set’s row version)',
        params: idParam,
        body: versionBody,
        response: { 201: ruleVersionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'rules.edit', await scopeOf(request.params.id));
      return reply.status(201).send(await startNewVersion(db, ctx, request.params.id, request.body));
    },
  );
};
