import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { errorResponses, idempotencyHeader, idParam } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { can, scopeFilter, type Permission } from '../../platform/permissions.ts';
import type { FastifyRequest } from 'fastify';
import {
  applyForBundle,
  assertMaySupply,
  bundleCaseDetail,
  memberContext,
  myBundleCases,
  submitBundleCase,
  supplyBundleMaterialOnce,
  withdrawBundleCase,
  type BundleActor,
} from './bundles.cases.ts';
import {
  BUNDLE_ACTIONS,
  bundleDetail,
  bundleScope,
  createBundle,
  getBundle,
  listBundles,
  preview,
  publicBundles,
  publicGuide,
  startNewVersion,
  transition,
  updateDraft,
  type BundleAction,
} from './bundles.service.ts';
import {
  BUNDLE_STATUSES,
  bundleDetail as bundleDetailView,
  bundleListItem,
  bundleView,
  createBody,
  draftBody,
  evaluationView,
  previewBody,
  publicGuide as publicGuideView,
  publicList,
  transitionBody,
  versionView,
  applyBundleBody,
  appliedBundleView,
  bundleCaseDetailView,
  bundleCaseListItem,
  bundleMemberContextView,
  withdrawBundleBody,
  withdrawnBundleView,
  suppliedBundleMaterialView,
  windowQueueItem,
  windowActView,
  refuseBundleBody,
  correctionBundleBody,
  resubmitBundleBody,
  deliverBundleBody,
  rateBundleBody,
  bundleStatisticsView,
  bundleHarmonisationView,
  adoptBody,
  adoptedView,
  templateStatusView,
  takenTemplateView,
} from './bundles.types.ts';
import { bundleHarmonisation } from './bundles.harmonisation.ts';
import { adoptBundleTemplate, takeTemplateChanges, templateStatus } from './bundles.adoption.ts';
import {
  acceptBundleCase,
  bundleStatistics,
  deliverBundleCase,
  rateBundleCase,
  refuseBundleCase,
  requestBundleCorrectionOnce,
  resubmitBundleCase,
  windowQueue,
} from './bundles.window.ts';

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a GB/T 2260 code of 6, 9 or 12 digits');

/** Which permission each lifecycle action needs: the editor submits, the reviewer decides. */
const ACTION_PERMISSION: Record<BundleAction, 'bundles.edit' | 'bundles.review'> = {
  submit: 'bundles.edit',
  approve: 'bundles.review',
  reject: 'bundles.review',
  suspend: 'bundles.review',
  resume: 'bundles.review',
  abolish: 'bundles.review',
};

/**
 * 一件事: the public list and guides of published bundles with their reductions; the item admin's drafts, preview
 * and lifecycle, each within the bundle's region and lead department.
 */
export const bundlesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const scopeOf = async (id: number) => bundleScope(await getBundle(db, id));

  // ── Public ──────────────────────────────────────────────────────────────
  app.get(
    '/api/bundles',
    {
      config: { access: 'public' },
      schema: {
        tags: ['bundles'],
        summary: 'Published bundles (一件事) with the reductions frozen at publication, and the overall reductions (ratios of totals)',
        querystring: z.object({ region: regionCode.optional(), audience: z.enum(['person', 'organisation']).optional() }),
        response: { 200: publicList, ...errorResponses },
      },
    },
    async (request) => publicBundles(db, { regionCode: request.query.region, audience: request.query.audience }),
  );
  app.get(
    '/api/bundles/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['bundles'],
        summary: 'The guide of a published bundle: members as published with it, dependencies, merged form and materials, reductions',
        params: z.object({ code: z.string().min(1).max(36) }),
        response: { 200: publicGuideView, ...errorResponses },
      },
    },
    async (request) => publicGuide(db, request.params.code),
  );

  // ── Item admins ─────────────────────────────────────────────────────────
  app.get(
    '/api/bundle-definitions',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Bundles in every status within my scope',
        querystring: z.object({ region: regionCode.optional(), status: z.enum(BUNDLE_STATUSES).optional(), q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(bundleListItem) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listBundles(db, {
        within: scopeFilter(principalOf(request).grants, 'bundles.edit'),
        regionCode: request.query.region,
        status: request.query.status,
        q: request.query.q,
      }),
    }),
  );
  app.post(
    '/api/bundle-definitions',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Create a bundle and its first draft in my scope (the definition is checked whole: members published, no cycle, fields agree)',
        headers: idempotencyHeader,
        body: createBody,
        response: { 201: bundleView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'bundles.edit', { regionCode: request.body.regionCode, departmentId: request.body.departmentId });
      const result = await runIdempotent(db, `bundle:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createBundle(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.post(
    '/api/bundle-definitions/preview',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Evaluate a definition as it is edited, without saving: members, reductions before and after, merged form and materials',
        body: previewBody,
        response: { 200: evaluationView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'bundles.edit', { regionCode: request.body.regionCode, departmentId: request.body.departmentId });
      return preview(db, request.body);
    },
  );
  app.get(
    '/api/bundle-definitions/harmonisation',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: '二次统筹: each bundle template beside the districts’ bundles that adopted it, element by element, differences marked (ADR 0045)',
        description:
          'Templates of the region given (all when none), each with its adoptions: the latest version of those within my scope, the published one of the others (unpublished ones out of my scope are left out).',
        querystring: z.object({ region: regionCode.optional(), code: z.string().min(1).max(36).optional() }),
        response: { 200: bundleHarmonisationView, ...errorResponses },
      },
    },
    async (request) =>
      bundleHarmonisation(db, scopeFilter(principalOf(request).grants, 'bundles.edit'), { regionCode: request.query.region, code: request.query.code }),
  );
  app.post(
    '/api/bundle-definitions/adopt',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary:
          '二次统筹: adopt a city’s published bundle as my template — a new bundle whose draft maps its members to my region’s implementations (ADR 0045)',
        description:
          'Each member becomes the district’s own published implementation of the same base item where there is one that answers the fields the template maps; the others keep the template’s implementation and are listed (reason none or form).',
        headers: idempotencyHeader,
        body: adoptBody,
        response: { 201: adoptedView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'bundles.edit', { regionCode: request.body.regionCode, departmentId: request.body.departmentId });
      const result = await runIdempotent(db, `bundle-adopt:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await adoptBundleTemplate(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.get(
    '/api/bundle-definitions/:id/template',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: '模板已更新: whether the template this bundle adopted published a later version, and what it changed since the one followed',
        params: idParam,
        response: { 200: templateStatusView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'bundles.edit', await scopeOf(request.params.id));
      return templateStatus(db, request.params.id);
    },
  );
  app.post(
    '/api/bundle-definitions/:id/take-template',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Take the template’s later version into a new draft of this adoption, in one action (carries the bundle’s version)',
        description:
          'What the template changed since the version followed replaces the adoption’s own; what it left alone stays as the district has it. A published version never changes. BUNDLE_TEMPLATE_CURRENT when there is nothing to take.',
        params: idParam,
        body: z.object({ version: z.number().int() }),
        response: { 201: takenTemplateView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await takeTemplateChanges(db, contextOf(request, 'bundles.edit', await scopeOf(request.params.id)), request.params.id, request.body)),
  );
  app.get(
    '/api/bundle-definitions/:id',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'A bundle with its versions (newest first)',
        params: idParam,
        response: { 200: bundleDetailView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'bundles.edit', await scopeOf(request.params.id));
      return bundleDetail(db, request.params.id);
    },
  );
  app.put(
    '/api/bundle-definitions/:id/draft',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Change the open draft (carries its version); a published version never changes',
        params: idParam,
        body: draftBody,
        response: { 200: versionView, ...errorResponses },
      },
    },
    async (request) => updateDraft(db, contextOf(request, 'bundles.edit', await scopeOf(request.params.id)), request.params.id, request.body),
  );
  app.post(
    '/api/bundle-definitions/:id/new-version',
    {
      config: { access: 'bundles.edit' },
      schema: {
        tags: ['bundles'],
        summary: 'Start a new draft from the published (or suspended) version (carries the bundle’s version)',
        params: idParam,
        body: z.object({ version: z.number().int() }),
        response: { 201: versionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startNewVersion(db, contextOf(request, 'bundles.edit', await scopeOf(request.params.id)), request.params.id, request.body)),
  );
  for (const action of BUNDLE_ACTIONS) {
    const permission = ACTION_PERMISSION[action];
    app.post(
      `/api/bundle-definitions/:id/${action}`,
      {
        config: { access: permission },
        schema: {
          tags: ['bundles'],
          summary: `Lifecycle: ${action} (submit, approve, reject carry the latest version's row version; suspend, resume, abolish the bundle's)`,
          params: idParam,
          body: transitionBody,
          response: { 200: bundleView, ...errorResponses },
        },
      },
      async (request) => transition(db, contextOf(request, permission, await scopeOf(request.params.id)), request.params.id, action, request.body),
    );
  }

  // ── Bundle cases (一件事一次办, ADR 0036) ─────────────────────────────────
  const actorOf = (request: FastifyRequest, permission?: Permission): BundleActor => {
    const principal = principalOf(request);
    return {
      ctx: contextOf(request, permission),
      userId: principal.user.id,
      displayName: principal.user.displayName,
      idNumber: principal.idNumber,
      grants: principal.grants,
    };
  };
  const viewerOf = (request: FastifyRequest) => {
    const principal = principalOf(request);
    return { userId: principal.user.id, grants: principal.grants };
  };
  const bundleNumber = z.object({ number: z.string().regex(/^YJ\d{20}$/, 'YJ and 20 digits') });

  app.post(
    '/api/bundle-cases',
    {
      // Applicants for themselves, agents under mandates, window clerks for the applicant at the window: as POST /api/cases.
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'Apply once for a published bundle: one merged form, one submission, one receipt; the member cases are filed in their departments’ queues',
        description:
          'Members excluded by their conditions are not filed; a member whose upstream members are not yet granted is filed as a held draft and submitted when they are. One transaction: if a member cannot be filed (CASE_BUNDLE_MEMBER_UNAVAILABLE, CASE_BUNDLE_MEMBER_INVALID, naming it), nothing is.',
        headers: idempotencyHeader,
        body: applyBundleBody,
        response: { 201: appliedBundleView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const permission: Permission = can(principalOf(request).grants, 'cases.apply') ? 'cases.apply' : 'cases.accept';
      const result = await applyForBundle(db, actorOf(request, permission), request.body, idempotencyKeyOf(request));
      return reply.status(result.status).send(result.body);
    },
  );
  app.get(
    '/api/bundle-cases/mine',
    {
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'My bundle cases (as applicant, or as the agent acting for one), newest first, with their members’ progress',
        response: { 200: z.object({ items: z.array(bundleCaseListItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await myBundleCases(db, principalOf(request).user.id) }),
  );
  app.get(
    '/api/bundle-cases/:number',
    {
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'A bundle case as one thing with its members’ progress: for its applicant and the window of its region',
        params: bundleNumber,
        response: { 200: bundleCaseDetailView, ...errorResponses },
      },
    },
    async (request) => bundleCaseDetail(db, viewerOf(request), request.params.number),
  );
  const identityQuery = z.object({
    identity: z.string().min(1).max(400).describe('The merged material’s identity (license:<type> or named:<name>|<standard>)'),
  });
  app.put(
    '/api/bundle-cases/:number/materials',
    {
      config: { access: 'user' },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['bundles'],
        summary: 'Upload one merged material once, for every member case that asks for it (PDF, JPEG, PNG or OFD, ≤ 20 MiB; a draft bundle case)',
        params: bundleNumber,
        querystring: identityQuery.extend({ fileName: z.string().min(1).max(200) }),
        response: { 200: suppliedBundleMaterialView, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Who may supply is checked before a byte is stored.
      await assertMaySupply(db, actor, request.params.number);
      const stored = await app.files.put(db, uploadedBytes(request), request.query.fileName, { isPublic: false });
      return supplyBundleMaterialOnce(db, actor, request.params.number, request.query.identity, {
        mode: 'upload',
        fileDigest: stored.digest,
        fileName: request.query.fileName,
      });
    },
  );
  app.post(
    '/api/bundle-cases/:number/materials/pledge',
    {
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: '告知承诺 once for a merged material, in every member case that asks for it (each must allow the pledge)',
        params: bundleNumber,
        querystring: identityQuery,
        response: { 200: suppliedBundleMaterialView, ...errorResponses },
      },
    },
    async (request) => supplyBundleMaterialOnce(db, actorOf(request), request.params.number, request.query.identity, { mode: 'pledge' }),
  );
  app.post(
    '/api/bundle-cases/:number/submit',
    {
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'The one submission of a draft bundle case: members not waiting for others enter their departments’ queues',
        params: bundleNumber,
        body: z.object({ version: z.number().int() }),
        response: { 200: appliedBundleView, ...errorResponses },
      },
    },
    async (request) => submitBundleCase(db, actorOf(request), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/withdraw',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['bundles'],
        summary: 'Withdraw the bundle case and every open member case (carries the bundle case’s version)',
        params: bundleNumber,
        body: withdrawBundleBody,
        response: { 200: withdrawnBundleView, ...errorResponses },
      },
    },
    async (request) => withdrawBundleCase(db, actorOf(request, 'cases.apply'), request.params.number, request.body),
  );
  // ── At the window, once for all members (ADR 0037) ─────────────────────
  const windowActor = (request: FastifyRequest) => actorOf(request, 'cases.accept');
  app.get(
    '/api/bundle-cases/window',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['bundles'],
        summary: 'The general window’s queue of bundle cases in my region: to accept once, told to correct, being handled, results to deliver once',
        querystring: z.object({ stage: z.enum(['acceptance', 'correction', 'handling', 'delivery']).optional() }),
        response: { 200: z.object({ items: z.array(windowQueueItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await windowQueue(db, scopeFilter(principalOf(request).grants, 'cases.accept'), request.query.stage) }),
  );
  app.post(
    '/api/bundle-cases/:number/accept',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['bundles'],
        summary: '一窗受理: accept the bundle case once — every submitted member case in one transaction; the applicant is told once',
        description: 'A member that cannot be accepted (a required material missing: CASE_MATERIALS_MISSING naming it) refuses the whole acceptance.',
        params: bundleNumber,
        body: z.object({ version: z.number().int() }),
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => acceptBundleCase(db, windowActor(request), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/refuse',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['bundles'],
        summary: '不予受理 of the whole bundle case, with the reason and legal basis: its submitted members refused, its waiting members withdrawn',
        params: bundleNumber,
        body: refuseBundleBody,
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => refuseBundleCase(db, windowActor(request), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/correction',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['bundles'],
        summary: '一次性告知: one correction notice listing what every member needs; every submitted member waits for the one answer',
        params: bundleNumber,
        body: correctionBundleBody,
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => requestBundleCorrectionOnce(db, windowActor(request), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/resubmit',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['bundles'],
        summary: 'The applicant’s one answer to the bundle’s correction notice (each item: a new file supplied once, an edited field, or an explanation)',
        params: bundleNumber,
        body: resubmitBundleBody,
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => resubmitBundleCase(db, actorOf(request, 'cases.apply'), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/deliver',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['bundles'],
        summary: '一窗出件: once every member is closed, deliver all results at once (window, post with a tracking number, or electronic)',
        params: bundleNumber,
        body: deliverBundleBody,
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => deliverBundleCase(db, windowActor(request), request.params.number, request.body),
  );
  app.post(
    '/api/bundle-cases/:number/rate',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['bundles'],
        summary: '一键评价: the applicant rates the bundle once; the rating is given to every member case handled, reaching each department',
        params: bundleNumber,
        body: rateBundleBody,
        response: { 200: windowActView, ...errorResponses },
      },
    },
    async (request) => rateBundleCase(db, actorOf(request, 'cases.apply'), request.params.number, request.body, { remedyDays: app.config.remedyDays }),
  );
  app.get(
    '/api/bundle-cases/statistics',
    {
      // Supervisors (cases.supervise) count their region's bundle cases; item admins (bundles.edit) those of the
      // bundles their department leads, and the ratings their department was given.
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'Bundle cases handled, by bundle, and the ratings given once for bundles, by member department (within my scope)',
        description: 'For supervisors (cases.supervise, their regions) and item admins (bundles.edit, the bundles their department leads).',
        querystring: z.object({
          from: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional()
            .describe('YYYY-MM; without months, this month by the platform’s date (a case counts in the month it was filed)'),
          to: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional(),
        }),
        response: { 200: bundleStatisticsView, ...errorResponses },
      },
    },
    async (request) => {
      const grants = principalOf(request).grants;
      const permission: Permission = can(grants, 'cases.supervise') ? 'cases.supervise' : 'bundles.edit';
      contextOf(request, permission);
      return bundleStatistics(db, scopeFilter(grants, permission), request.query);
    },
  );
  app.get(
    '/api/bundle-cases/by-member/:number',
    {
      config: { access: 'user' },
      schema: {
        tags: ['bundles'],
        summary: 'The bundle context of a member case, for those who handle it: the bundle, and each member’s department, dependencies and status',
        params: z.object({ number: z.string().regex(/^\d{20}$/, 'a 20-digit case number') }),
        response: { 200: bundleMemberContextView, ...errorResponses },
      },
    },
    async (request) => memberContext(db, viewerOf(request), request.params.number),
  );
};
