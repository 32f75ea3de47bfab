import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { errorResponses, fileResponse, idempotencyHeader, idParam, pageQuery } from '../../platform/http/schemas.ts';
import { can, type Permission } from '../../platform/permissions.ts';
import { fileErrors, UPLOAD_TYPES } from '../../platform/files.ts';
import { accountErrors, authenticateUserGrants } from '../accounts/index.ts';
import type { Actor } from './cases.act.ts';
import { answerCorrection, applyForCase, submitCase, updateDraft, withdrawCase } from './cases.apply.ts';
import { pledgeMaterial, uploadMaterial } from './cases.materials.ts';
import { prefillFor } from './cases.prefill.ts';
import { acceptCase, refuseCase, requestCorrection } from './cases.accept.ts';
import { caseMaterials, getCase } from './cases.repository.ts';
import { claimStep, closeWithOutcome, completeStep, deliverCase, endSpecial, extendCase, startSpecial, transferStep } from './cases.handling.ts';
import { activeSteps, assertCanView, caseDetail, colleagues, markNotificationRead, myCases, myNotifications, queue, supervision } from './cases.views.ts';
import { exportCase } from './cases.export.ts';
import { isCaseStatus } from './cases.state.ts';
import { listRegister, REGISTER_PERMISSIONS, registerWorkbook } from './cases.register.ts';
import { attachLicense, fetchLicenseForCase, licenseCandidates } from './cases.licenses.ts';
import { NOTICE_KINDS, noticeDocx } from './cases.notices.ts';
import { caseProgressView, lookUpProgress, queryCodeOf } from './cases.progress.ts';
import {
  applyBody,
  appliedCaseView,
  attachedLicenseView,
  caseExportView,
  caseLicenseView,
  caseListItemView,
  casePrefillView,
  caseRefView,
  caseView,
  completeBody,
  answerCorrectionBody,
  correctionBody,
  deliverBody,
  gapsBody,
  licenseCandidateView,
  notificationView,
  pledgedMaterialView,
  prefillQuery,
  registerItemView,
  registerQuery,
  reasonBody,
  specialBody,
  supervisionView,
  uploadedMaterialView,
  versionBody,
} from './cases.types.ts';

const numberParam = z.object({ number: z.string().regex(/^\d{20}$/, 'a 20-digit case number') });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** The acting person; with a permission, checked against the case's region and department. */
  function actorOf(request: FastifyRequest, permission?: Permission, scope?: { regionCode?: string; departmentId?: number }): Actor {
    const principal = principalOf(request);
    // 前台综合受理 (any clerk of the hall handles any item of its region) is cases.accept being REGION_WIDE.
    const ctx = contextOf(request, permission, scope);
    return { ctx, userId: principal.user.id, displayName: principal.user.displayName, idNumber: principal.idNumber, grants: principal.grants };
  }
  /**
   * The acting person for a change of one case: the permission is checked here in any scope, and again by act() in
   * the region and department of the case it has locked (Actor.settle), so the case is read once.
   */
  function caseActorOf(request: FastifyRequest, permission: Permission): Actor {
    return { ...actorOf(request, permission), settle: (scope) => actorOf(request, permission, scope).ctx };
  }
  const scopeOf = async (number: string) => {
    const row = await getCase(db, number);
    return { regionCode: row.regionCode, departmentId: row.departmentId };
  };
  const detail = (request: FastifyRequest, number: string) => {
    const principal = principalOf(request);
    return caseDetail(db, number, { userId: principal.user.id, grants: principal.grants });
  };

  // ── 办件进度查询: the public, by case number and query code (ADR 0027) ──
  app.post(
    '/api/case-progress',
    {
      config: { access: 'public' },
      schema: {
        tags: ['cases'],
        summary: 'The progress of a case without an account: its number and the query code (查询码) on its receipt; no personal data',
        description: 'A wrong code and an unknown number get the same 404; five wrong tries for a case, or twenty from an address, in 15 minutes refuse (429).',
        body: z.object({ number: z.string().regex(/^\d{20}$/), code: z.string().min(1).max(16) }),
        response: { 200: caseProgressView, ...errorResponses },
      },
    },
    async (request) => lookUpProgress(db, { ...request.body, ip: request.ip }),
  );

  // ── Applying ────────────────────────────────────────────────────────
  app.post(
    '/api/cases',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Apply for a published item (a draft, or submitted at once); agents and window clerks name the applicant',
        headers: idempotencyHeader,
        body: applyBody,
        response: { 201: appliedCaseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const permission: Permission = can(principal.grants, 'cases.apply') ? 'cases.apply' : 'cases.accept';
      const actor = await actorOf(request, permission);
      const result = await applyForCase(db, actor, request.body, idempotencyKeyOf(request));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/cases/prefill',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['cases'],
        summary: 'The answers a new application starts with: identity fields from the account (read-only), others from the profile and valid licences',
        description:
          'Identity fields (x-bind applicant.name, applicant.idNumber, applicant.uscc) come from the applicant’s account — the principal’s for an agent — and the server fills them again on every save; another value is refused (CASE_IDENTITY_MISMATCH). An agent gets no licence data.',
        querystring: prefillQuery,
        response: { 200: casePrefillView, ...errorResponses },
      },
    },
    async (request) => prefillFor(db, actorOf(request, 'cases.apply'), request.query.implementationCode, request.query.principalUserId),
  );

  app.get(
    '/api/cases/mine',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'My cases (as applicant or agent), with their clocks',
        response: { 200: z.object({ items: z.array(caseListItemView) }) },
      },
    },
    async (request) => ({
      items: await myCases(db, principalOf(request).user.id),
    }),
  );

  app.get(
    '/api/cases/:number',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'A case with its materials, steps, timeline and statutory clock',
        params: numberParam,
        response: { 200: caseView, ...errorResponses },
      },
    },
    async (request) => detail(request, request.params.number),
  );

  app.put(
    '/api/cases/:number/draft',
    {
      config: { access: 'cases.apply' },
      schema: {
        tags: ['cases'],
        summary: 'Save the draft form',
        params: numberParam,
        body: versionBody.extend({ formData: applyBody.shape.formData.removeDefault(), contactPhone: z.string().max(20).optional() }),
        response: { 200: caseView, ...errorResponses },
      },
    },
    async (request) => {
      await updateDraft(db, await actorOf(request, 'cases.apply'), request.params.number, request.body);
      return detail(request, request.params.number);
    },
  );

  /** `Prefer: return=minimal` (RFC 7240): reply with the number, status and version only, not the whole case. */
  const minimal = (request: FastifyRequest) => /\breturn=minimal\b/.test(String(request.headers.prefer ?? ''));
  /** The whole case, or with `Prefer: return=minimal` its number, status and version. */
  const caseOrRef = z.union([caseView, caseRefView]);
  const preferHeader = z.object({ prefer: z.string().max(100).optional().describe('`return=minimal`: reply with number, status and version only') });
  const reply = async (request: FastifyRequest, number: string, done: unknown) => {
    const changed = done as { status?: unknown; version?: unknown } | null;
    const status = changed?.status;
    if (minimal(request) && isCaseStatus(status) && typeof changed?.version === 'number') return { number, status, version: changed.version };
    return detail(request, number);
  };

  const transition = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    permission: Permission,
    body: B,
    run: (actor: Actor, number: string, input: z.infer<B>, request: FastifyRequest) => Promise<unknown>,
    scoped = true,
  ) =>
    app.post(
      `/api/cases/:number/${path}`,
      {
        config: { access: permission },
        schema: { tags: ['cases'], summary, params: numberParam, headers: preferHeader, body, response: { 200: caseOrRef, ...errorResponses } },
      },
      async (request) => {
        const params = request.params as { number: string };
        const actor = scoped ? caseActorOf(request, permission) : actorOf(request, permission);
        return reply(request, params.number, await run(actor, params.number, request.body as z.infer<B>, request));
      },
    );

  transition(
    'submit',
    'Submit the application (the form is checked against the item’s schema)',
    'cases.apply',
    versionBody,
    (a, n, b) => submitCase(db, a, n, b.version),
    false,
  );
  transition(
    'answer-correction',
    'Answer the correction notice: every item addressed (a new file, the named field edited, or a note), confirmed',
    'cases.apply',
    answerCorrectionBody,
    (a, n, b) => answerCorrection(db, a, n, b),
    false,
  );
  transition(
    'withdraw',
    'Withdraw the application',
    'cases.apply',
    versionBody.extend({ reason: z.string().min(1).max(2000) }),
    (a, n, b) => withdrawCase(db, a, n, b),
    false,
  );

  // ── Materials ───────────────────────────────────────────────────────
  app.put(
    '/api/cases/:number/materials/:key',
    {
      config: { access: 'user' },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['cases'],
        summary: 'Upload a material (PDF, JPEG, PNG or OFD, type read from the content, ≤ 20 MiB); supplies a gap or answers a correction too',
        params: numberParam.extend({ key: z.string().max(40) }),
        querystring: z.object({ fileName: z.string().min(1).max(200) }),
        response: { 200: uploadedMaterialView, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request) => {
      return uploadMaterial(db, app.files, await actorOf(request), request.params.number, request.params.key, uploadedBytes(request), request.query.fileName);
    },
  );
  app.post(
    '/api/cases/:number/materials/:key/pledge',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: '告知承诺: pledge instead of supplying this proof (where the item allows it)',
        params: numberParam.extend({ key: z.string().max(40) }),
        response: { 200: pledgedMaterialView, ...errorResponses },
      },
    },
    async (request) => pledgeMaterial(db, await actorOf(request), request.params.number, request.params.key),
  );
  app.get(
    '/api/cases/:number/materials/:key/file',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Download an uploaded material (the applicant, the window, the department)',
        params: numberParam.extend({ key: z.string().max(40) }),
        response: { 200: fileResponse('The file as uploaded', ...UPLOAD_TYPES), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await getCase(db, request.params.number);
      assertCanView({ userId: principal.user.id, grants: principal.grants }, row);
      const material = (await caseMaterials(db, row.id)).find((m) => m.materialKey === request.params.key);
      if (!material?.fileDigest) throw fileErrors.FILE_NOT_FOUND({ key: request.params.key });
      // The name is this material's own upload's, never another upload's of the same bytes.
      const file = await app.files.read(db, material.fileDigest);
      return reply
        .type(file.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(material.fileName ?? material.fileDigest)}`)
        .send(file.data);
    },
  );

  // ── 免证可办: licences instead of uploads ──────────────────────────
  app.get(
    '/api/cases/:number/license-candidates',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'For each material sourced from a licence type: the holder’s valid licence, for a preview',
        params: numberParam,
        response: { 200: z.object({ items: z.array(licenseCandidateView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await licenseCandidates(db, await actorOf(request), request.params.number) }),
  );
  app.post(
    '/api/cases/:number/materials/:key/license',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'The holder confirms: attach the licence instead of an upload (免提交); the fetch is logged',
        params: numberParam.extend({ key: z.string().max(40) }),
        body: z.object({ identifier: z.string().max(120) }),
        response: { 200: attachedLicenseView, ...errorResponses },
      },
    },
    async (request) => attachLicense(db, await actorOf(request), request.params.number, request.params.key, request.body.identifier),
  );
  app.get(
    '/api/cases/:number/materials/:key/license',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'The department reads the attached licence, verified (logged; only for a case that needs it)',
        params: numberParam.extend({ key: z.string().max(40) }),
        response: { 200: caseLicenseView, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return fetchLicenseForCase(
        db,
        await actorOf(request),
        { userId: principal.user.id, grants: principal.grants },
        request.params.number,
        request.params.key,
      );
    },
  );

  // ── The general window ──────────────────────────────────────────────
  // Acceptance reads the case once and resolves the clerk for its region itself (no separate scope lookup).
  app.post(
    '/api/cases/:number/accept',
    {
      config: { access: 'cases.accept' },
      schema: {
        tags: ['cases'],
        summary: 'Accept (受理); with `gaps` accept with gaps (容缺) and their due dates',
        params: numberParam,
        headers: preferHeader,
        body: versionBody.extend({ gaps: gapsBody.shape.gaps.optional() }),
        response: { 200: caseOrRef, ...errorResponses },
      },
    },
    async (request) =>
      reply(request, request.params.number, await acceptCase(db, (scope) => actorOf(request, 'cases.accept', scope), request.params.number, request.body)),
  );
  transition('refuse', 'Refuse to accept (不予受理), with reason and legal basis', 'cases.accept', reasonBody, (a, n, b) => refuseCase(db, a, n, b));
  transition(
    'request-correction',
    'One correction notice listing everything to fix (一次性告知); after acceptance it stops the clock',
    'cases.accept',
    correctionBody,
    (a, n, b) => requestCorrection(db, a, n, b),
  );
  transition('request-correction-review', 'A reviewer’s correction notice after acceptance (stops the clock)', 'cases.review', correctionBody, (a, n, b) =>
    requestCorrection(db, a, n, b),
  );
  transition('deliver', 'Deliver the result (window, post with tracking number, electronic)', 'cases.accept', deliverBody, (a, n, b) =>
    deliverCase(db, a, n, b),
  );

  // ── The department ──────────────────────────────────────────────────
  transition('claim', 'Claim the active step', 'cases.review', versionBody, (a, n, b) => claimStep(db, a, n, b));
  transition('complete-step', 'Complete the claimed step: pass, return to an earlier step, or fail (deny)', 'cases.review', completeBody, (a, n, b) =>
    completeStep(db, a, n, b),
  );
  app.get(
    '/api/cases/:number/colleagues',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Reviewers of the case’s department a claimed step can be handed to',
        params: numberParam,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorOf(request, 'cases.review', await scopeOf(request.params.number));
      return { items: await colleagues(db, request.params.number, actor.userId) };
    },
  );
  transition(
    'transfer-step',
    'Hand the claimed step to a colleague of the department',
    'cases.review',
    versionBody.extend({ toUserId: z.number().int().positive() }),
    async (a, n, b) => transferStep(db, a, n, { ...b, toGrants: await authenticateUserGrants(db, b.toUserId) }),
  );
  transition(
    'start-special',
    'Start a special procedure (hearing, testing, expert review …): the clock stops (art. 45)',
    'cases.review',
    specialBody,
    (a, n, b) => startSpecial(db, a, n, b),
  );
  transition(
    'end-special',
    'End the special procedure: the clock runs again',
    'cases.review',
    versionBody.extend({ result: z.string().max(2000).optional() }),
    (a, n, b) => endSpecial(db, a, n, b),
  );
  transition(
    'close',
    'Close with another outcome: 2 作废办结 (voided) or 4 转报办结 (transferred to another office), with a reason',
    'cases.review',
    versionBody.extend({ outcome: z.enum(['2', '4']), reason: z.string().min(1).max(2000) }),
    (a, n, b) => closeWithOutcome(db, a, n, b),
  );
  transition(
    'extend',
    'Extend the legal limit by 10 working days, once (art. 42); the applicant is told the reason',
    'cases.extend',
    versionBody.extend({ reason: z.string().min(1).max(2000) }),
    (a, n, b) => extendCase(db, a, n, b),
  );

  app.post(
    '/api/cases/claim',
    {
      config: { access: 'cases.review' },
      schema: {
        tags: ['cases'],
        summary: 'Claim the active steps of several cases at once',
        body: z.object({
          numbers: z
            .array(z.string().regex(/^\d{20}$/))
            .min(1)
            .max(100),
        }),
        response: { 200: z.object({ claimed: z.array(z.string()), failed: z.array(z.object({ number: z.string(), code: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const claimed: string[] = [];
      const failed: { number: string; code: string }[] = [];
      const steps = await activeSteps(db, request.body.numbers, principalOf(request).grants);
      // Nothing to claim: unknown, decided, or outside the reviewer's scope — one answer, so scope reveals nothing.
      for (const number of new Set(request.body.numbers)) if (!steps.some((s) => s.number === number)) failed.push({ number, code: 'CASE_STEP_NOT_ACTIVE' });
      for (const s of steps) {
        try {
          await claimStep(db, caseActorOf(request, 'cases.review'), s.number!, { version: s.version });
          claimed.push(s.number!);
        } catch (e) {
          failed.push({ number: s.number!, code: (e as { code?: string }).code ?? 'INTERNAL' });
        }
      }
      return { claimed, failed };
    },
  );

  // ── Workbenches ─────────────────────────────────────────────────────
  app.get(
    '/api/cases/queue',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Workbench queues, most urgent first: acceptance and delivery (window), review (department)',
        querystring: z.object({
          kind: z.enum(['acceptance', 'review', 'delivery']),
          step: z.string().max(50).optional(),
          mine: z.enum(['true', 'false']).optional(),
          q: z.string().max(50).optional(),
        }),
        response: { 200: z.object({ items: z.array(caseListItemView) }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const permission: Permission = request.query.kind === 'review' ? 'cases.review' : 'cases.accept';
      if (!can(principal.grants, permission)) throw accountErrors.AUTH_FORBIDDEN({ permission });
      // Every grant of the permission counts (scopeFilter), not only the first.
      const items = await queue(db, request.query.kind, principal.grants, {
        step: request.query.step,
        mine: request.query.mine === 'true' ? principal.user.id : undefined,
        q: request.query.q,
      });
      return { items };
    },
  );
  // 办件台账: clerks, reviewers and supervisors, each within the scope of its own permission (cases.register.ts).
  const registerViewer = (request: FastifyRequest) => {
    const principal = principalOf(request);
    if (!REGISTER_PERMISSIONS.some((p) => can(principal.grants, p))) throw accountErrors.AUTH_FORBIDDEN({ permission: REGISTER_PERMISSIONS.join('|') });
    return { userId: principal.user.id, grants: principal.grants };
  };
  const registerFilters = (query: z.infer<typeof registerQuery>) => ({ ...query, handledByMe: query.handledByMe === 'true' });
  app.get(
    '/api/cases/register',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: '办件台账: the cases (from submission on) inside the asker’s scope, filtered, newest first; ID numbers and phones masked',
        querystring: registerQuery.extend(pageQuery),
        response: { 200: z.object({ total: z.number(), items: z.array(registerItemView) }), ...errorResponses },
      },
    },
    async (request) =>
      listRegister(db, registerViewer(request), { ...registerFilters(request.query), page: request.query.page, pageSize: request.query.pageSize }),
  );
  app.get(
    '/api/cases/register/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'The register with the same filters as an Excel workbook (at most 10,000 cases)',
        querystring: registerQuery,
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (request, reply) => {
      const buffer = await registerWorkbook(db, registerViewer(request), registerFilters(request.query));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="case-register.xlsx"').send(buffer);
    },
  );
  app.get(
    '/api/cases/supervision',
    {
      config: { access: 'cases.supervise' },
      schema: { tags: ['cases'], summary: 'Amber and red cases per department', response: { 200: supervisionView, ...errorResponses } },
    },
    async (request) => supervision(db, principalOf(request).grants),
  );

  // ── Notices, export, notifications ──────────────────────────────────
  app.get(
    '/api/cases/:number/notices/:kind',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'A notice as a Word document: receipt, acceptance, refusal, correction, decision',
        params: numberParam.extend({ kind: z.enum(NOTICE_KINDS) }),
        response: { 200: fileResponse('The notice', DOCX), ...errorResponses },
      },
    },
    async (request, reply) => {
      const d = await detail(request, request.params.number);
      const buffer = await noticeDocx(request.params.kind, d, `${app.config.publicUrl}/app/cases/${d.number}`, queryCodeOf(d.number));
      return reply.type(DOCX).header('content-disposition', `attachment; filename="${d.number}-${request.params.kind}.docx"`).send(buffer);
    },
  );
  app.get(
    '/api/cases/:number/export',
    {
      config: { access: 'cases.supervise' },
      schema: {
        tags: ['cases'],
        summary: 'The case in the national data shape (GB/T 39046 datasets)',
        params: numberParam,
        response: { 200: caseExportView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'cases.supervise', await scopeOf(request.params.number));
      return exportCase(db, request.params.number);
    },
  );
  app.get(
    '/api/notifications',
    { config: { access: 'user' }, schema: { tags: ['cases'], summary: 'My notifications', response: { 200: z.object({ items: z.array(notificationView) }) } } },
    async (request) => ({
      items: await myNotifications(db, principalOf(request).user.id),
    }),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'user' },
      schema: {
        tags: ['cases'],
        summary: 'Mark one of my notifications read (another user’s is not found)',
        params: idParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markNotificationRead(db, principalOf(request).user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
