import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { errorResponses, fileResponse, idempotencyHeader, idParam } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { scopeFilter } from '../../platform/permissions.ts';
import { today } from '../../platform/clock.ts';
import {
  closeComment,
  commentDocumentId,
  consultations,
  createDecision,
  createDocument,
  decide,
  decisionDetail as decisionDetailOf,
  evaluateDecision,
  executeDecision,
  deliberate,
  diffVersions,
  documentDetail as documentDetailOf,
  fileDocument,
  getDecisionScope,
  getDocumentScope,
  listComments,
  listDecisions,
  listDocuments,
  moderateComment,
  openComment,
  ownerOfDepartment,
  publicCatalogue,
  publicDocument,
  publicLibrary,
  publishDocument,
  recordDecisionStep,
  registerDocument,
  renewDocument,
  repealDocument,
  reviewDocument,
  saveVersion,
  submitComment,
} from './legal.service.ts';
import {
  catalogueItem,
  closeCommentBody,
  commentBody,
  commentView,
  consultationItem,
  createDecisionBody,
  createDocumentBody,
  decideBody,
  decisionDetail,
  decisionView,
  deliberateBody,
  diffQuery,
  diffView,
  documentDetail,
  documentView,
  fileBody,
  libraryItem,
  libraryQuery,
  listQuery,
  moderateBody,
  openCommentBody,
  publicDocumentView,
  publishBody,
  registerBody,
  renewBody,
  repealBody,
  reviewBody,
  stepRecord,
  versionBody,
  yearQuery,
  createCleanupBody,
  proposeBody,
  cleanupVersionBody,
  cleanupDetailView,
  cleanupListItem,
  publicCleanupView,
  createAdviserBody,
  adviserView,
  createReviewBody,
  reviewOpinionBody,
  adviserOpinionBody,
  legalReviewView,
  reviewCountsView,
  executeBody,
  evaluationBody,
  createMeetingBody,
  meetingView,
  meetingDetail,
  meetingQuery,
  createTrainingBody,
  trainingView,
  createDutyBody,
  dutyView,
  publicDutyView,
  uploadView,
} from './legal.types.ts';
import {
  createDuty,
  createMeeting,
  createTraining,
  listDuties,
  listMeetings,
  listTrainings,
  meetingDetail as meetingDetailOf,
  meetingScope,
  publicDuties,
} from './legal.records.ts';
import { approveCleanup, cleanupDetail, cleanupScope, createCleanup, listCleanups, proposeCleanup, publicCleanups } from './legal.cleanup.ts';
import {
  createAdviser,
  createReview,
  listAdvisers,
  listReviews,
  recordAdviserOpinion,
  recordReviewOpinion,
  reviewCounts,
  reviewScope,
} from './legal.reviews.ts';
import { DOCX, recordDocx } from './legal.docx.ts';
import { contentDisposition, fileAccess } from './legal.files.ts';
import { fileErrors, UPLOAD_TYPES } from '../../platform/files.ts';

const TAGS = ['legal'];

/**
 * Rule of law (法治): the legal officer's normative documents through their statutory life and the major decisions'
 * five steps, within the region of their grant; anyone reads the public library and the decision catalogue and
 * comments, without signing in, on a document open to comment.
 */
export const legalRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  /** A record created for a department (its region and department are the scope), idempotently, with its audit entry. */
  const createFor = <B extends { departmentId: number }, R>(
    key: string,
    body: B,
    request: Parameters<typeof contextOf>[0],
    make: (tx: typeof db, ctx: ReturnType<typeof contextOf>, input: Omit<B, 'departmentId'>, owner: { regionCode: string; departmentId: number }) => Promise<R>,
  ) =>
    (async () => {
      const { departmentId, ...input } = body;
      const owner = await ownerOfDepartment(db, departmentId);
      const ctx = contextOf(request, 'legal.edit', owner);
      return runIdempotent(db, `${key}:${ctx.actor.id}`, idempotencyKeyOf(request), body, async (tx) => ({
        status: 201,
        body: await make(tx, ctx, input, owner),
      }));
    })();

  // ── Public ──────────────────────────────────────────────────────────────
  app.get(
    '/api/public/legal/documents',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The public library of normative documents (in force, lapsed, repealed), searched in Chinese over title, number and text',
        querystring: libraryQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(libraryItem) }), ...errorResponses },
      },
    },
    async (request) => publicLibrary(db, request.query),
  );

  app.get(
    '/api/public/legal/consultations',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Draft documents open to public comment today',
        response: { 200: z.object({ items: z.array(consultationItem) }), ...errorResponses },
      },
    },
    async () => ({ items: await consultations(db) }),
  );

  app.get(
    '/api/public/legal/documents/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'A document open to comment or published: its articles, approved comments with their answers, the adoption summary',
        params: idParam,
        response: { 200: publicDocumentView, ...errorResponses },
      },
    },
    async (request) => publicDocument(db, request.params.id),
  );

  app.post(
    '/api/public/legal/documents/:id/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Comment on one article while the comment period runs (no sign-in, rate-limited per address); held for moderation before shown',
        params: idParam,
        body: commentBody,
        response: { 201: z.object({ id: z.number(), status: z.literal('pending') }), ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await submitComment(db, request.params.id, request.body, String(request.id))),
  );

  app.get(
    '/api/public/legal/decisions',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The published catalogue of major administrative decisions (决策事项目录) of a year (this year by default)',
        querystring: yearQuery,
        response: { 200: z.object({ year: z.number(), items: z.array(catalogueItem) }), ...errorResponses },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(today().slice(0, 4));
      return { year, items: await publicCatalogue(db, year) };
    },
  );

  // ── Normative documents ─────────────────────────────────────────────────
  app.get(
    '/api/legal/documents',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Normative documents in every status within my scope, newest first',
        querystring: listQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(documentView) }), ...errorResponses },
      },
    },
    async (request) => listDocuments(db, { within: scopeFilter(principalOf(request).grants, 'legal.read'), ...request.query }),
  );

  app.post(
    '/api/legal/documents',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Start drafting a normative document: its drafting department, issuer mark and number format, and the first version of its articles',
        headers: idempotencyHeader,
        body: createDocumentBody,
        response: { 201: documentDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-document', request.body, request, createDocument);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/documents/:id',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'A document with its versions, every step (who, when, what), the review clock and the comment counts',
        params: idParam,
        response: { 200: documentDetail, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'legal.read', await getDocumentScope(db, request.params.id));
      return documentDetailOf(db, request.params.id);
    },
  );

  app.get(
    '/api/legal/documents/:id/diff',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'The article-by-article difference between two versions (by number)',
        params: idParam,
        querystring: diffQuery,
        response: { 200: diffView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'legal.read', await getDocumentScope(db, request.params.id));
      return diffVersions(db, request.params.id, request.query.from, request.query.to);
    },
  );

  app.get(
    '/api/legal/documents/:id/comments',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Every public comment on the document, held ones included, by article',
        params: idParam,
        response: { 200: z.object({ items: z.array(commentView) }), ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'legal.read', await getDocumentScope(db, request.params.id));
      return { items: await listComments(db, request.params.id) };
    },
  );

  const transition = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof contextOf>, id: number, input: z.infer<B>) => Promise<z.infer<typeof documentDetail>>,
  ) =>
    app.post(
      `/api/legal/documents/:id/${path}`,
      {
        config: { access: 'legal.edit' },
        schema: { tags: TAGS, summary, params: idParam, body, response: { 200: documentDetail, ...errorResponses } },
      },
      async (request) => {
        const { id } = request.params as { id: number };
        const ctx = contextOf(request, 'legal.edit', await getDocumentScope(db, id));
        return run(ctx, id, request.body as z.infer<B>);
      },
    );

  transition(
    'versions',
    'Save a new version of the articles while drafting (carries the row version); a document past drafting never changes',
    versionBody,
    (ctx, id, b) => saveVersion(db, ctx, id, b),
  );
  transition(
    'comment-period',
    'Open the latest version to public comment from today: at least 7 working days, 30 days for a document bearing on market players (国办发〔2018〕37号)',
    openCommentBody,
    (ctx, id, b) => openComment(db, ctx, id, b),
  );
  transition(
    'comment-close',
    'End public comment once the period has run, with the adoption summary; the legality review’s clock starts',
    closeCommentBody,
    (ctx, id, b) => closeComment(db, ctx, id, b),
  );
  transition(
    'review',
    'The legality review’s opinion (pass / amend / fail, with reasons); amend and fail return the draft (国办发〔2018〕115号)',
    reviewBody,
    (ctx, id, b) => reviewDocument(db, ctx, id, b),
  );
  transition('deliberation', 'Collective deliberation of a reviewed document: meeting, date and minutes', deliberateBody, (ctx, id, b) =>
    deliberate(db, ctx, id, b),
  );
  transition(
    'registration',
    'Register and take the next unified number of the issuer and year (gapless); a number out of sequence is refused',
    registerBody,
    (ctx, id, b) => registerDocument(db, ctx, id, b),
  );
  transition('publication', 'Publish: in force from today for its validity, filing due in 30 days, in the public library', publishBody, (ctx, id, b) =>
    publishDocument(db, ctx, id, b),
  );
  transition('filing', 'Record the filing (备案) with the superior body', fileBody, (ctx, id, b) => fileDocument(db, ctx, id, b));
  transition('renewal', 'Renew after evaluation: re-registered and renumbered, the validity restarting today', renewBody, (ctx, id, b) =>
    renewDocument(db, ctx, id, b),
  );
  transition('repeal', 'Repeal a document in force, with the reason', repealBody, (ctx, id, b) => repealDocument(db, ctx, id, b));

  app.post(
    '/api/legal/comments/:id/moderation',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Approve (show) or reject a held public comment, with an answer and whether it was adopted',
        params: idParam,
        body: moderateBody,
        response: { 200: commentView, ...errorResponses },
      },
    },
    async (request) => {
      const documentId = await commentDocumentId(db, request.params.id);
      const ctx = contextOf(request, 'legal.edit', await getDocumentScope(db, documentId));
      return moderateComment(db, ctx, request.params.id, request.body);
    },
  );

  // ── Major decisions ─────────────────────────────────────────────────────
  app.get(
    '/api/legal/decisions',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Major administrative decisions within my scope, with the statutory steps still missing',
        querystring: yearQuery,
        response: { 200: z.object({ items: z.array(decisionView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listDecisions(db, { within: scopeFilter(principalOf(request).grants, 'legal.read'), year: request.query.year }) }),
  );

  app.post(
    '/api/legal/decisions',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Put a major decision in a year’s catalogue (决策事项目录, published)',
        headers: idempotencyHeader,
        body: createDecisionBody,
        response: { 201: decisionDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-decision', request.body, request, createDecision);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/decisions/:id',
    {
      config: { access: 'legal.read' },
      schema: { tags: TAGS, summary: 'A major decision with its recorded steps', params: idParam, response: { 200: decisionDetail, ...errorResponses } },
    },
    async (request) => {
      contextOf(request, 'legal.read', await getDecisionScope(db, request.params.id));
      return decisionDetailOf(db, request.params.id);
    },
  );

  app.post(
    '/api/legal/decisions/:id/steps',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary:
          'Record one of the five steps of 国务院令第713号 (public participation ≥ 30 days unless a reason is given, expert argument, risk assessment, legality review ≥ 7 working days, collective discussion)',
        params: idParam,
        body: stepRecord,
        response: { 200: decisionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await getDecisionScope(db, request.params.id));
      return recordDecisionStep(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/legal/decisions/:id/decision',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Record the decision (carries the row version); refused with the missing steps named until all five are recorded',
        params: idParam,
        body: decideBody,
        response: { 200: decisionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await getDecisionScope(db, request.params.id));
      return decide(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/legal/decisions/:id/execution',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Record that a decision made was published and put into execution (carries the row version); evaluations may follow',
        params: idParam,
        body: executeBody,
        response: { 200: decisionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await getDecisionScope(db, request.params.id));
      return executeDecision(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/legal/decisions/:id/evaluations',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'A post-decision evaluation (后评估, 国务院令第713号 art. 36) of a decision under execution: findings and continue / adjust / stop',
        params: idParam,
        body: evaluationBody,
        response: { 200: decisionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await getDecisionScope(db, request.params.id));
      return evaluateDecision(db, ctx, request.params.id, request.body);
    },
  );

  // ── Files of the records (review opinions, minutes, filings) ─────────────
  app.post(
    '/api/legal/files',
    {
      config: { access: 'legal.edit' },
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: TAGS,
        summary:
          'Upload a file for a record — a review opinion, minutes, a filing (PDF, JPEG, PNG or OFD, read from the content; not public). Body: the bytes.',
        querystring: z.object({ name: z.string().min(1).max(200) }),
        response: { 201: uploadView, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'legal.edit');
      const bytes = uploadedBytes(request);
      const stored = await db.transaction(async (tx) => {
        const file = await app.files.put(tx, bytes, request.query.name, { isPublic: false, uploadedBy: ctx.actor.id });
        await writeAudit(tx, ctx, {
          action: 'legal.file.upload',
          targetType: 'file',
          targetId: file.digest,
          change: { uploadId: file.uploadId, name: file.name, size: file.size, mime: file.mime },
        });
        return { id: file.uploadId, digest: file.digest, size: file.size, mime: file.mime, name: file.name };
      });
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/api/legal/files/:id',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary:
          'Download a record’s file under its uploaded name: for whoever may read a record that keeps it (a document’s step, a 三重一大 meeting), and its uploader',
        params: idParam,
        response: { 200: fileResponse('The file as uploaded', ...UPLOAD_TYPES), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const access = await fileAccess(db, { userId: principal.user.id, grants: principal.grants }, request.params.id);
      if (!access.ok) {
        // Kept by records outside the reader's scope: refused as reading those records is; kept by none: unknown.
        if (access.scope) contextOf(request, 'legal.read', access.scope);
        throw fileErrors.FILE_NOT_FOUND({ fileId: request.params.id });
      }
      const file = await app.files.read(db, access.digest);
      return reply.type(file.mime).header('content-disposition', contentDisposition(access.name)).send(file.data);
    },
  );

  // ── 三重一大, 学法用法, 普法责任清单 ──────────────────────────────────────────
  app.get(
    '/api/legal/meetings',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: '三重一大 decisions (major matters, appointments, projects, large funds) with their meetings, within my scope, newest first',
        querystring: meetingQuery,
        response: { 200: z.object({ items: z.array(meetingView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listMeetings(db, { within: scopeFilter(principalOf(request).grants, 'legal.read'), ...request.query }) }),
  );

  app.post(
    '/api/legal/meetings',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Register a 三重一大 decision with its meeting record: more than half the members present, two thirds for appointments',
        headers: idempotencyHeader,
        body: createMeetingBody,
        response: { 201: meetingDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-meeting', request.body, request, createMeeting);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/meetings/:id',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'A 三重一大 decision with its minutes, file and dissent',
        params: idParam,
        response: { 200: meetingDetail, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'legal.read', await meetingScope(db, request.params.id));
      return meetingDetailOf(db, request.params.id);
    },
  );

  app.get(
    '/api/legal/trainings',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: '学法用法 sessions (常务会议学法, lectures, exams) within my scope, newest first',
        querystring: yearQuery,
        response: { 200: z.object({ items: z.array(trainingView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listTrainings(db, { within: scopeFilter(principalOf(request).grants, 'legal.read'), year: request.query.year }) }),
  );

  app.post(
    '/api/legal/trainings',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Register a 学法用法 session: day, topic, kind, attendance, and for an exam how many passed',
        headers: idempotencyHeader,
        body: createTrainingBody,
        response: { 201: trainingView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-training', request.body, request, createTraining);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/duties',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'The departments’ 普法责任清单 within my scope',
        querystring: yearQuery,
        response: { 200: z.object({ items: z.array(dutyView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listDuties(db, { within: scopeFilter(principalOf(request).grants, 'legal.read'), year: request.query.year }) }),
  );

  app.post(
    '/api/legal/duties',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Publish a department’s 普法责任清单 for a year (“谁执法谁普法”): responsibilities, audiences, measures; one per department and year',
        headers: idempotencyHeader,
        body: createDutyBody,
        response: { 201: dutyView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-duty', request.body, request, createDuty);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/public/legal/duties',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The published 普法责任清单 of a year (this year by default), one per department',
        querystring: yearQuery,
        response: { 200: z.object({ year: z.number(), items: z.array(publicDutyView) }), ...errorResponses },
      },
    },
    async (request) => {
      const year = request.query.year ?? Number(today().slice(0, 4));
      return { year, items: await publicDuties(db, year) };
    },
  );

  // ── The record as a Word file ───────────────────────────────────────────
  app.get(
    '/api/legal/documents/:id/record.docx',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'The document’s full record as a Word file: particulars, every step with who and when, the text, the public comments',
        params: idParam,
        response: { 200: fileResponse('The record', DOCX), ...errorResponses },
      },
    },
    async (request, reply) => {
      contextOf(request, 'legal.read', await getDocumentScope(db, request.params.id));
      const d = await documentDetailOf(db, request.params.id);
      const buffer = await recordDocx({ ...d, comments: await listComments(db, request.params.id) });
      return reply.type(DOCX).header('content-disposition', `attachment; filename="legal-document-${d.id}.docx"`).send(buffer);
    },
  );

  // ── Clean-up campaigns ──────────────────────────────────────────────────
  app.get(
    '/api/public/legal/cleanups',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The published results of approved clean-up campaigns (清理): each document kept, amended, repealed or declared lapsed, with the reason',
        response: { 200: z.object({ items: z.array(publicCleanupView) }), ...errorResponses },
      },
    },
    async () => ({ items: await publicCleanups(db) }),
  );

  app.get(
    '/api/legal/cleanups',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Clean-up campaigns within my scope',
        response: { 200: z.object({ items: z.array(cleanupListItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listCleanups(db, scopeFilter(principalOf(request).grants, 'legal.read')) }),
  );

  app.post(
    '/api/legal/cleanups',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Start a clean-up campaign over every document in force in the department’s region',
        headers: idempotencyHeader,
        body: createCleanupBody,
        response: { 201: cleanupDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-cleanup', request.body, request, createCleanup);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/cleanups/:id',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'A campaign with its documents and their proposals',
        params: idParam,
        response: { 200: cleanupDetailView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'legal.read', await cleanupScope(db, request.params.id));
      return cleanupDetail(db, request.params.id);
    },
  );

  app.post(
    '/api/legal/cleanups/:id/proposals',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'The proposal for one document of an open campaign: keep, amend, repeal or declare lapsed, with the reason',
        params: idParam,
        body: proposeBody,
        response: { 200: cleanupDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await cleanupScope(db, request.params.id));
      return proposeCleanup(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/legal/cleanups/:id/approval',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Approve the campaign as a batch (carries its row version): every document needs a proposal; repeals and lapses take effect at once',
        params: idParam,
        body: cleanupVersionBody,
        response: { 200: cleanupDetailView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await cleanupScope(db, request.params.id));
      return approveCleanup(db, ctx, request.params.id, request.body);
    },
  );

  // ── Legal advisers and legality reviews of any matter ───────────────────
  app.get(
    '/api/legal/advisers',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Legal advisers and 公职律师 within my scope, with their engagement and the matters they advised on',
        response: { 200: z.object({ items: z.array(adviserView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listAdvisers(db, scopeFilter(principalOf(request).grants, 'legal.read')) }),
  );

  app.post(
    '/api/legal/advisers',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Register a legal adviser or 公职律师 with the engagement period',
        headers: idempotencyHeader,
        body: createAdviserBody,
        response: { 201: adviserView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-adviser', request.body, request, createAdviser);
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/legal/reviews',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'Legality reviews (法制审核) of any matter within my scope, newest first',
        response: { 200: z.object({ items: z.array(legalReviewView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listReviews(db, scopeFilter(principalOf(request).grants, 'legal.read')) }),
  );

  app.get(
    '/api/legal/reviews/counts',
    {
      config: { access: 'legal.read' },
      schema: {
        tags: TAGS,
        summary: 'What the annual report counts for a year (this year by default): matters reviewed, and those with a legal adviser’s opinion',
        querystring: yearQuery,
        response: { 200: reviewCountsView, ...errorResponses },
      },
    },
    async (request) => reviewCounts(db, scopeFilter(principalOf(request).grants, 'legal.read'), request.query.year ?? Number(today().slice(0, 4))),
  );

  app.post(
    '/api/legal/reviews',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'Send a matter (contract, project, document, decision) for legality review',
        headers: idempotencyHeader,
        body: createReviewBody,
        response: { 201: legalReviewView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createFor('legal-review', request.body, request, createReview);
      return reply.status(result.status).send(result.body);
    },
  );

  app.post(
    '/api/legal/reviews/:id/opinion',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'The reviewer’s opinion (carries the row version)',
        params: idParam,
        body: reviewOpinionBody,
        response: { 200: legalReviewView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await reviewScope(db, request.params.id));
      return recordReviewOpinion(db, ctx, request.params.id, request.body);
    },
  );

  app.post(
    '/api/legal/reviews/:id/adviser-opinion',
    {
      config: { access: 'legal.edit' },
      schema: {
        tags: TAGS,
        summary: 'A legal adviser’s opinion on the matter, recorded apart from the reviewer’s; the adviser must be engaged today',
        params: idParam,
        body: adviserOpinionBody,
        response: { 200: legalReviewView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'legal.edit', await reviewScope(db, request.params.id));
      return recordAdviserOpinion(db, ctx, request.params.id, request.body);
    },
  );
};
