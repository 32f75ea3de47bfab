import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, fileResponse, idParam } from '../../platform/http/schemas.ts';
import { can, scopeFilter } from '../../platform/permissions.ts';
import { accountErrors } from '../accounts/index.ts';
import { ratingErrors } from './ratings.errors.ts';
import { CHANNELS, INDICATORS, LEVELS } from './ratings.codes.ts';
import { actOnRemedy, appealRating, appealScope, decideAppeal, listAppeals, listRemedies, rateCase, remedyScope } from './ratings.service.ts';
import { DIMENSIONS, ratingStatistics, statisticsWorkbook, type StatsQuery } from './ratings.stats.ts';
import { exportRatings, importRatings } from './ratings.exchange.ts';
import { APPEAL_ACTIONS, APPEAL_STATUSES, FOLLOW_UP_ANSWERS, REMEDY_ACTIONS, REMEDY_CLASSIFICATIONS, REMEDY_STATUSES } from './ratings.state.ts';

const code = z.object({ code: z.string(), zh: z.string(), en: z.string() }).meta({ id: 'RatingCode' });
/** The levels, channels and indicators a rating form offers. */
const ratingOptions = z
  .object({ levels: z.array(code), channels: z.array(code), indicators: z.object({ online: z.array(code), onsite: z.array(code) }) })
  .meta({ id: 'RatingOptions' });
/** A rating just given (rateCase): the remedy it opened, if it was a bad first rating. */
const ratingCreated = z.object({ id: z.number(), assessNumber: z.number(), level: z.string(), remedyId: z.number().nullable() }).meta({ id: 'RatingCreated' });
/** A remedy's own fields, in every reply about it. */
const remedyFields = z.object({
  id: z.number(),
  status: z.enum(REMEDY_STATUSES),
  classification: z.enum(REMEDY_CLASSIFICATIONS).nullable(),
  dueOn: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  followUpNote: z.string().nullable(),
  followUpAnswer: z.enum(FOLLOW_UP_ANSWERS).nullable(),
  followedUpAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  escalated: z.boolean(),
  version: z.number(),
});
/** A remedy as the department and the supervisor read it (listRemedies): the rating and the case with it. */
const remedyView = remedyFields
  .extend({
    caseNumber: z.string(),
    itemName: z.string().nullable(),
    level: z.string(),
    channel: z.string().nullable(),
    indicators: z.array(z.string()),
    comment: z.string(),
    anonymous: z.boolean(),
    raterName: z.string().nullable(),
    counterClerkName: z.string().nullable(),
    ratedAt: z.string().nullable(),
    appeal: z.enum(APPEAL_STATUSES).nullable(),
    appealReason: z.string().nullable(),
    appealDecisionReason: z.string().nullable(),
    overdue: z.boolean(),
    /** What the reader may do next on the remedy (ratings.state.ts). */
    allowedActions: z.array(z.enum(REMEDY_ACTIONS)),
    /** The reader did a rated act of the case (REMEDY_OWN_ACT): a colleague handles the remedy. */
    ownAct: z.boolean(),
  })
  .meta({ id: 'RemedyView' });
/** A remedy's row after an act on it (actOnRemedy). */
const remedyRecord = remedyFields.extend({ ratingId: z.number(), departmentId: z.number(), createdAt: z.string() }).meta({ id: 'RemedyRecord' });
/** An appeal's id and status (appealRating, decideAppeal). */
const appealStatus = z.object({ id: z.number(), status: z.enum(APPEAL_STATUSES) }).meta({ id: 'AppealStatus' });
/** An appeal as the supervisor reads it (listAppeals). */
const appealView = z.object({
  id: z.number(),
  ratingId: z.number(),
  caseNumber: z.string(),
  level: z.string(),
  comment: z.string(),
  department: z.string(),
  reason: z.string(),
  status: z.enum(APPEAL_STATUSES),
  decisionReason: z.string().nullable(),
  /** What the reader may do next on the appeal (ratings.state.ts). */
  allowedActions: z.array(z.enum(APPEAL_ACTIONS)),
});
/** The figures of one group (ratingStatistics): counts, and rates in percent, null when there is nothing to divide by. */
const ratingFigures = z
  .object({
    key: z.string(),
    label: z.string().nullable(),
    byLevel: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number() }),
    ratings: z.number(),
    badRatings: z.number(),
    satisfactionRate: z.number().nullable(),
    goodRate: z.number().nullable(),
    badRate: z.number().nullable(),
    remedyRate: z.number().nullable(),
    followUpRate: z.number().nullable(),
    followUpUnreachable: z.number().describe('Bad ratings whose follow-up was recorded as 无法回访 (anonymous raters): not counted as followed up'),
    activeRatingRate: z.number().nullable(),
  })
  .meta({ id: 'RatingFigures' });
/** A calendar month, YYYY-MM (2026-13 is refused here, not by the database). */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Ratings, remedies and appeals are scoped like their cases (region and department of the case): lists filter by the
 * reader's scopeFilter, an act on one record checks the permission in the record's scope (contextOf), and a record
 * outside the actor's scope is refused with 403 (AUTH_FORBIDDEN), as for cases.
 */
export const ratingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/api/ratings/options',
    { config: { access: 'public' }, schema: { tags: ['ratings'], summary: 'Levels, channels and indicators', response: { 200: ratingOptions } } },
    async () => {
      // Copies: the code lists are readonly.
      const copy = (list: readonly { code: string; zh: string; en: string }[]) => list.map((c) => ({ ...c }));
      return { levels: copy(LEVELS), channels: copy(CHANNELS), indicators: { online: copy(INDICATORS.online), onsite: copy(INDICATORS.onsite) } };
    },
  );

  app.post(
    '/api/cases/:number/ratings',
    {
      config: { access: 'user' },
      schema: {
        tags: ['ratings'],
        summary: 'Rate a case: online after it closes (applicant), or at the counter right after service (hall tablet, channel 4/5)',
        params: z.object({ number: z.string().regex(/^\d{20}$/) }),
        body: z.object({
          level: z.string().max(1),
          channel: z.string().max(1),
          indicators: z.array(z.string().max(3)).max(10).default([]),
          comment: z.string().max(2000).optional(),
          anonymous: z.boolean().optional(),
          followUp: z.boolean().optional(),
        }),
        response: { 201: ratingCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const result = await rateCase(db, { ctx: contextOf(request), userId: principal.user.id, grants: principal.grants }, request.params.number, request.body, {
        remedyDays: app.config.remedyDays,
      });
      return reply.status(201).send(result);
    },
  );

  // ── Remedies (the department) and appeals (the supervisor) ─────────
  app.get(
    '/api/remedies',
    {
      config: { access: 'user' },
      schema: {
        tags: ['ratings'],
        summary: 'Remedies of bad ratings: the department’s own, or those of the region for a supervisor',
        querystring: z.object({ status: z.string().max(20).optional() }),
        response: { 200: z.object({ items: z.array(remedyView) }), ...errorResponses },
      },
    },
    async (request) => {
      const { grants } = principalOf(request);
      if (!can(grants, 'ratings.supervise') && !can(grants, 'ratings.remedy')) throw accountErrors.AUTH_FORBIDDEN({ permission: 'ratings.remedy' });
      const scopes = [scopeFilter(grants, 'ratings.supervise'), scopeFilter(grants, 'ratings.remedy')];
      return { items: await listRemedies(db, { scopes, status: request.query.status, grants, userId: principalOf(request).user.id }) };
    },
  );
  const remedyBody = z.discriminatedUnion('action', [
    z.object({ action: z.literal('classify'), classification: z.enum(REMEDY_CLASSIFICATIONS), version: z.number().int() }),
    z.object({ action: z.literal('reply'), reply: z.string().min(1).max(2000), version: z.number().int() }),
    z.object({ action: z.literal('follow-up'), note: z.string().min(1).max(2000), answer: z.enum(FOLLOW_UP_ANSWERS), version: z.number().int() }),
    z.object({ action: z.literal('close'), version: z.number().int() }),
  ]);
  app.post(
    '/api/remedies/:id',
    {
      config: { access: 'ratings.remedy' },
      schema: {
        tags: ['ratings'],
        summary: 'Classify, reply to the rater, record the follow-up call, close',
        params: idParam,
        body: remedyBody,
        response: { 200: remedyRecord, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'ratings.remedy', await remedyScope(db, request.params.id));
      const { version, ...action } = request.body;
      return actOnRemedy(db, ctx, request.params.id, version, action);
    },
  );
  app.post(
    '/api/remedies/:id/appeal',
    {
      config: { access: 'ratings.remedy' },
      schema: {
        tags: ['ratings'],
        summary: 'Appeal a mistaken or malicious rating (申诉)',
        params: idParam,
        body: z.object({ reason: z.string().min(1).max(2000) }),
        response: { 201: appealStatus, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'ratings.remedy', await remedyScope(db, request.params.id));
      return reply.status(201).send(await appealRating(db, ctx, request.params.id, request.body.reason));
    },
  );
  app.get(
    '/api/rating-appeals',
    {
      config: { access: 'ratings.supervise' },
      schema: {
        tags: ['ratings'],
        summary: 'Appeals of ratings in the supervisor’s scope',
        querystring: z.object({ status: z.string().max(20).optional() }),
        response: { 200: z.object({ items: z.array(appealView) }) },
      },
    },
    async (request) => {
      const { grants } = principalOf(request);
      return { items: await listAppeals(db, { scope: scopeFilter(grants, 'ratings.supervise'), status: request.query.status, grants }) };
    },
  );
  app.post(
    '/api/rating-appeals/:id/decide',
    {
      config: { access: 'ratings.supervise' },
      schema: {
        tags: ['ratings'],
        summary: 'Decide an appeal; upheld excludes the rating from the statistics',
        params: idParam,
        body: z.object({ upheld: z.boolean(), reason: z.string().min(1).max(2000) }),
        response: { 200: appealStatus, ...errorResponses },
      },
    },
    async (request) => decideAppeal(db, contextOf(request, 'ratings.supervise', await appealScope(db, request.params.id)), request.params.id, request.body),
  );

  // ── Statistics and disclosure ───────────────────────────────────────
  const statsQuery = z.object({
    from: month,
    to: month,
    by: z.enum(DIMENSIONS).default('department'),
    department: z.coerce.number().int().positive().optional(),
  });
  // The figures of the cases in the reader's scope: a county supervisor's are the county's.
  const statsOf = (request: FastifyRequest, query: z.infer<typeof statsQuery>): StatsQuery => ({
    ...query,
    departmentId: query.department,
    scope: scopeFilter(principalOf(request).grants, 'ratings.supervise'),
  });
  app.get(
    '/api/ratings/statistics',
    {
      config: { access: 'ratings.supervise' },
      schema: {
        tags: ['ratings'],
        summary: 'Satisfaction, good, bad, remedy, follow-up and active rating rates by a dimension (of the cases in the supervisor’s scope)',
        querystring: statsQuery,
        response: { 200: z.object({ items: z.array(ratingFigures) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await ratingStatistics(db, statsOf(request, request.query)) }),
  );
  app.get(
    '/api/ratings/statistics/export',
    {
      config: { access: 'ratings.supervise' },
      schema: {
        tags: ['ratings'],
        summary: 'The statistics as an Excel workbook',
        querystring: statsQuery,
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="ratings.xlsx"')
        .send(await statisticsWorkbook(db, statsOf(request, request.query))),
  );
  app.get(
    '/api/ratings/public',
    {
      config: { access: 'public' },
      schema: {
        tags: ['ratings'],
        summary: 'Published figures per department for a month (公开)',
        querystring: z.object({ month }),
        response: { 200: z.object({ month: z.string(), items: z.array(ratingFigures) }) },
      },
    },
    async (request) => ({
      month: request.query.month,
      items: await ratingStatistics(db, { from: request.query.month, to: request.query.month, by: 'department' }),
    }),
  );

  // ── Exchange with the evaluation system ─────────────────────────────
  const record = z.object({
    projectNo: z.string().max(50),
    assessNumber: z.number().int(),
    satisfaction: z.string().max(2),
    pf: z.string().max(2).nullable(),
    contentCode: z.string().max(100),
    evalDetail: z.string().max(2000),
    anonymityFlag: z.enum(['0', '1']),
    assessTime: z.string().max(40),
  });
  app.get(
    '/api/ratings/export',
    {
      config: { access: 'ratings.exchange' },
      schema: {
        tags: ['ratings'],
        summary: 'Ratings of a month in the exchange shape; `shape` says how levels are numbered',
        querystring: z.object({ month, shape: z.enum(['national', 'interface']) }),
        response: { 200: z.object({ shape: z.string(), records: z.array(record) }) },
      },
    },
    async (request) => ({
      shape: request.query.shape,
      records: await exportRatings(db, request.query.month, request.query.shape, scopeFilter(principalOf(request).grants, 'ratings.exchange')),
    }),
  );
  app.post(
    '/api/ratings/import',
    {
      config: { access: 'ratings.exchange' },
      schema: {
        tags: ['ratings'],
        summary: 'Import ratings made elsewhere (all checked first)',
        body: z.object({ shape: z.enum(['national', 'interface']), records: z.array(record).max(10_000) }),
        response: { 200: z.object({ imported: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await importRatings(
        db,
        contextOf(request, 'ratings.exchange'),
        scopeFilter(principalOf(request).grants, 'ratings.exchange'),
        request.body.shape,
        request.body.records,
        app.config.remedyDays,
      );
      if (result.problems.length) throw ratingErrors.RATING_IMPORT_INVALID({ problems: result.problems });
      return reply.status(200).send({ imported: result.imported });
    },
  );
};
