import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from './http/context.ts';
import { errorResponses, idParam, pageQuery } from './http/schemas.ts';
import { JOB_STATUSES, listJobs, retryJob } from './jobs.ts';

const jobSchema = z
  .object({
    id: z.number(),
    name: z.string().describe('The event, e.g. ratings.remedy-opened'),
    status: z.enum(['pending', 'done', 'failed']),
    attempts: z.number(),
    maxAttempts: z.number(),
    runAt: z.string().describe('Not before: the next attempt'),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
    lastError: z.string().nullable().describe('The last failure, masked'),
    version: z.number(),
  })
  .meta({ id: 'Job' });

const recurringJobSchema = z
  .object({
    name: z.string(),
    everyMs: z.number(),
    lastStartedAt: z.string().nullable(),
    lastFinishedAt: z.string().nullable(),
    running: z.boolean(),
    runs: z.number(),
    failures: z.number(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
  })
  .meta({ id: 'RecurringJob' });

const countsSchema = z.object({ pending: z.number(), failed: z.number(), retried: z.number(), done: z.number() }).meta({ id: 'JobCounts' });

/** The jobs page (ADR 0018): the outbox's events by status with their errors, a retry, and the recurring jobs. */
export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/api/jobs',
    {
      config: { access: 'jobs.read' },
      schema: {
        tags: ['operations'],
        summary: 'Events and jobs: counts by status, one page of events (newest first, errors masked), the recurring jobs',
        querystring: z.object({ status: z.enum(JOB_STATUSES).optional(), ...pageQuery }),
        response: {
          200: z
            .object({
              counts: countsSchema,
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
              items: z.array(jobSchema),
              recurring: z.array(recurringJobSchema),
            })
            .meta({ id: 'JobList' }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      // Jobs are the whole platform's: a national grant only.
      contextOf(request, 'jobs.read');
      return listJobs(db, request.query);
    },
  );

  app.post(
    '/api/jobs/:id/retry',
    {
      config: { access: 'jobs.retry' },
      schema: {
        tags: ['operations'],
        summary: 'Try a failed event again now (its attempts start again)',
        params: idParam,
        body: z.object({ version: z.number().int() }),
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => retryJob(db, contextOf(request, 'jobs.retry'), request.params.id, request.body.version),
  );
};
