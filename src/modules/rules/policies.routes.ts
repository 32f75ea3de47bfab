import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { errorResponses, fileResponse, idempotencyHeader, idParam, pageQuery } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { scopeFilter } from '../../platform/permissions.ts';
import { today } from '../../platform/clock.ts';
import {
  checkPolicyDraft,
  createPolicy,
  getPolicy,
  policyFacts,
  listPolicies,
  policyScope,
  publicPolicies,
  publicPolicy,
  publishPolicy,
  retirePolicy,
  updatePolicy,
} from './policies.service.ts';
import { importPolicies, policyTemplate } from './policies.import.ts';
import { eligibilityFor, freshProfile, parseSubject, setTags, shapeProfile, subjectKey, subjectOfAccount, subjectScope } from './policies.profiles.ts';
import { actOnBenefit, benefitsOf, getBenefit, listBenefits, policyStats, runMatch } from './policies.match.ts';
import { policyErrors } from './policies.errors.ts';
import {
  BENEFIT_STATUSES,
  benefitView,
  checkPolicyBody,
  createPolicyBody,
  eligibilityView,
  matchRunView,
  policyCheckView,
  policyFactsView,
  POLICY_STATUSES,
  POLICY_TARGETS,
  policyListItem,
  policyView,
  profileView,
  publicPolicyView,
  rowVersionBody,
  statsView,
  updatePolicyBody,
} from './policies.types.ts';

const tags = ['policies'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const subjectParam = z.object({ subject: z.string().min(3).max(40).describe('organisation:<USCC> or person:<ID number>') });
const listReply = (item: z.ZodType) => z.object({ total: z.number(), items: z.array(item) });

/**
 * 惠企政策 and 免申即享 (ADR 0038): the public library; the policy library for department staff; profiles and
 * "which policies can I get" for applicants and for officers within the subject's region; benefits for the
 * department that owns the policy, and for the beneficiary. Thin handlers: a scope check, one service call.
 */
export const policiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // ── Public ──────────────────────────────────────────────────────────────
  app.get(
    '/api/public/policies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Published policies in force, searched in Chinese (every term in the title, issuer, document number or benefit)',
        querystring: z.object({ q: z.string().max(100).optional(), target: z.enum(POLICY_TARGETS).optional(), ...pageQuery }),
        response: { 200: listReply(publicPolicyView), ...errorResponses },
      },
    },
    async (request) => publicPolicies(db, request.query),
  );
  app.get(
    '/api/public/policies/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One published policy: its benefit and every condition in plain Chinese with the article it cites',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: publicPolicyView.extend({ status: z.enum(POLICY_STATUSES) }), ...errorResponses },
      },
    },
    async (request) => publicPolicy(db, request.params.code),
  );

  // ── The library ─────────────────────────────────────────────────────────
  app.get(
    '/api/policies',
    {
      config: { access: 'policies.read' },
      schema: {
        tags,
        summary: 'Policies in every state within my scope, newest first',
        querystring: z.object({ status: z.enum(POLICY_STATUSES).optional(), q: z.string().max(100).optional(), ...pageQuery }),
        response: { 200: listReply(policyListItem), ...errorResponses },
      },
    },
    async (request) => listPolicies(db, { within: scopeFilter(principalOf(request).grants, 'policies.read'), ...request.query }),
  );
  app.post(
    '/api/policies',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'Create a draft policy in a department: its benefit, amount and fine-grained conditions citing their articles',
        headers: idempotencyHeader,
        body: createPolicyBody,
        response: { 201: policyView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'policies.edit', policyScope(request.body));
      const result = await runIdempotent(db, `policy:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createPolicy(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.post(
    '/api/policies/imports',
    {
      config: { access: 'policies.edit' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a policy list (xlsx body) into a department as drafts: every row checked first, all or nothing',
        querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/), departmentId: z.coerce.number().int().positive() }),
        response: { 201: z.object({ imported: z.number(), codes: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'policies.edit', policyScope(request.query));
      return reply.status(201).send(await importPolicies(db, ctx, uploadedBytes(request), request.query));
    },
  );
  app.get(
    '/api/policies/imports/template',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'The policy list template (xlsx): the columns to fill on the first sheet, what each takes and an example on the second',
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="policy-template.xlsx"')
        .send(await policyTemplate()),
  );
  app.post(
    '/api/policies/checks',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'Check conditions as they stand in the editor, storing nothing: the problems by condition, and every golden case decided with its trace',
        body: checkPolicyBody,
        response: { 200: policyCheckView, ...errorResponses },
      },
    },
    async (request) => checkPolicyDraft(db, request.body),
  );
  app.get(
    '/api/policies/facts',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'What a condition may read of a profile: each attribute with its type and the subjects it is known of, and the tags in use',
        response: { 200: policyFactsView, ...errorResponses },
      },
    },
    async () => policyFacts(db),
  );
  app.get(
    '/api/policies/stats',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Benefits granted without application, amounts paid and pending, per policy; policies with matches (my scope)',
        response: { 200: statsView, ...errorResponses },
      },
    },
    async (request) => policyStats(db, scopeFilter(principalOf(request).grants, 'benefits.read')),
  );
  app.post(
    '/api/policies/match-runs',
    {
      config: { access: 'benefits.handle' },
      schema: {
        tags,
        summary: '免申即享: match every profile against the automatic policies in force within my scope now (the hourly job does all)',
        response: { 200: matchRunView, ...errorResponses },
      },
    },
    async (request) => runMatch(db, contextOf(request, 'benefits.handle'), { within: scopeFilter(principalOf(request).grants, 'benefits.handle') }),
  );
  app.get(
    '/api/policies/:id',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: 'A policy with its conditions and golden cases', params: idParam, response: { 200: policyView, ...errorResponses } },
    },
    async (request) => {
      const p = await getPolicy(db, request.params.id);
      contextOf(request, 'policies.read', policyScope(p));
      return p;
    },
  );
  app.put(
    '/api/policies/:id',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'Change a draft policy (carries its row version); a published or retired one never changes',
        params: idParam,
        body: updatePolicyBody,
        response: { 200: policyView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'policies.edit', policyScope(await getPolicy(db, request.params.id)));
      return updatePolicy(db, ctx, request.params.id, request.body);
    },
  );
  for (const [action, run, summary] of [
    ['publish', publishPolicy, 'Publish a draft once every golden case passes: its terms are frozen and hashed'],
    ['retire', retirePolicy, 'Retire a published policy: it matches no one any more'],
  ] as const) {
    app.post(
      `/api/policies/:id/${action}`,
      {
        config: { access: 'policies.publish' },
        schema: { tags, summary, params: idParam, body: rowVersionBody, response: { 200: policyView, ...errorResponses } },
      },
      async (request) => {
        const ctx = contextOf(request, 'policies.publish', policyScope(await getPolicy(db, request.params.id)));
        return run(db, ctx, request.params.id, request.body);
      },
    );
  }

  // ── Profiles (officers) ─────────────────────────────────────────────────
  app.get(
    '/api/policy-profiles/:subject',
    {
      config: { access: 'profiles.read' },
      schema: {
        tags,
        summary: 'A subject’s profile as the platform holds it now (assembled afresh), with unknown facts and tags; within the subject’s region',
        params: subjectParam,
        response: { 200: profileView, ...errorResponses },
      },
    },
    async (request) => {
      const s = parseSubject(request.params.subject);
      contextOf(request, 'profiles.read', subjectScope(s));
      return shapeProfile(await freshProfile(db, s, today()));
    },
  );
  app.get(
    '/api/policy-profiles/:subject/eligibility',
    {
      config: { access: 'profiles.read' },
      schema: {
        tags,
        summary: 'Which policies the subject can get: met / not met / unknown per condition, and what would change the answer',
        params: subjectParam,
        response: { 200: z.object({ profile: profileView, items: z.array(eligibilityView) }), ...errorResponses },
      },
    },
    async (request) => {
      const s = parseSubject(request.params.subject);
      contextOf(request, 'profiles.read', subjectScope(s));
      const row = await freshProfile(db, s, today());
      return { profile: shapeProfile(row), items: await eligibilityFor(db, row, today()) };
    },
  );
  app.put(
    '/api/policy-profiles/:subject/tags',
    {
      config: { access: 'profiles.tag' },
      schema: {
        tags,
        summary: 'Set the tags of a subject’s profile (e.g. 高新技术企业, 小微企业), carrying its row version',
        params: subjectParam,
        body: z.object({ tags: z.array(z.string().min(1).max(30)).max(30), version: z.number().int() }),
        response: { 200: profileView, ...errorResponses },
      },
    },
    async (request) => {
      const s = parseSubject(request.params.subject);
      const ctx = contextOf(request, 'profiles.tag', subjectScope(s));
      return setTags(db, ctx, s, request.body, today());
    },
  );

  // ── The applicant's own ─────────────────────────────────────────────────
  const mine = async (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return subjectOfAccount(db, p.user, p.grants);
  };
  app.get(
    '/api/my/policies',
    {
      config: { access: 'policies.own' },
      schema: {
        tags,
        summary: 'Which policies can I get (my organisation or myself): every policy in force with each condition met / not met / unknown',
        response: { 200: z.object({ profile: profileView, items: z.array(eligibilityView) }), ...errorResponses },
      },
    },
    async (request) => {
      const s = await mine(request);
      const row = await freshProfile(db, s, today());
      return { profile: shapeProfile(row), items: await eligibilityFor(db, row, today()) };
    },
  );
  app.get(
    '/api/my/benefits',
    {
      config: { access: 'policies.own' },
      schema: {
        tags,
        summary: 'My benefits (免申即享) and offers (快申快享), with their state and payout',
        response: { 200: z.object({ items: z.array(benefitView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await benefitsOf(db, subjectKey(await mine(request))) }),
  );
  app.post(
    '/api/my/benefits/:id/accept',
    {
      config: { access: 'policies.own' },
      schema: {
        tags,
        summary: '快申快享: confirm a prefilled offer in one click (it goes to the department to confirm)',
        params: idParam,
        body: rowVersionBody,
        response: { 200: benefitView, ...errorResponses },
      },
    },
    async (request) => {
      const s = await mine(request);
      const own = (await benefitsOf(db, subjectKey(s))).some((b) => b.id === request.params.id);
      if (!own) throw policyErrors.BENEFIT_NOT_FOUND({ id: request.params.id });
      return actOnBenefit(db, contextOf(request), request.params.id, 'accept', request.body);
    },
  );

  // ── Benefits (the policy's department) ──────────────────────────────────
  app.get(
    '/api/benefits',
    {
      config: { access: 'benefits.read' },
      schema: {
        tags,
        summary: 'Benefits and offers of the policies within my scope, newest first',
        querystring: z.object({ status: z.enum(BENEFIT_STATUSES).optional(), policyId: z.coerce.number().int().positive().optional(), ...pageQuery }),
        response: { 200: listReply(benefitView), ...errorResponses },
      },
    },
    async (request) => listBenefits(db, { within: scopeFilter(principalOf(request).grants, 'benefits.read'), ...request.query }),
  );
  const actions = [
    ['confirm', 'Confirm a benefit (a payout entry opens for its amount)', rowVersionBody],
    [
      'pay',
      'Mark a confirmed benefit paid (the payout entry with its voucher reference)',
      rowVersionBody.extend({ reference: z.string().max(100).optional() }),
    ],
    ['reject', 'Reject a benefit not yet paid, with the reason the beneficiary is told', rowVersionBody.extend({ reason: z.string().min(1).max(500) })],
  ] as const;
  for (const [action, summary, body] of actions) {
    app.post(
      `/api/benefits/:id/${action}`,
      {
        config: { access: 'benefits.handle' },
        schema: { tags, summary, params: idParam, body, response: { 200: benefitView, ...errorResponses } },
      },
      async (request) => {
        const b = await getBenefit(db, request.params.id);
        const ctx = contextOf(request, 'benefits.handle', { regionCode: b.regionCode, departmentId: b.departmentId });
        return actOnBenefit(db, ctx, request.params.id, action, request.body as { version: number; reason?: string; reference?: string });
      },
    );
  }
};
