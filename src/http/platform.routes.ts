import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit, listCheckpoints, sealCommitted, verifyAuditChain, writeCheckpoint } from '../platform/audit/audit.ts';
import { checkpointPublicKeyHex } from '../platform/audit/audit-keys.ts';
import { publicKeyPem } from '../platform/sm2.ts';
import { scopeFilter } from '../platform/permissions.ts';
import { addWorkingDaysFrom, importCalendar, listDays, listYears, setDay } from '../platform/calendar/calendar.service.ts';
import { codeList } from '../platform/db/platform.schema.ts';
import { checkIdNumber, checkUscc } from '../platform/identity.ts';
import { platformErrors } from '../platform/errors.ts';
import { today } from '../platform/clock.ts';
import { yearToLoad } from '../platform/calendar/working-days.ts';
import { contextOf, principalOf } from '../platform/http/context.ts';
import { errorResponses, isoDate, pageQuery } from '../platform/http/schemas.ts';
import { asc, eq } from 'drizzle-orm';

const daySchema = z.object({
  date: z.string(),
  isWorkday: z.boolean(),
  name: z.string().nullable(),
  isWeekend: z.boolean(),
  source: z.string(),
  version: z.number().int(),
});

const checkResult = z.object({ valid: z.boolean(), reason: z.string().optional(), reasonZh: z.string().optional() });

export const platformRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'Process liveness', response: { 200: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }) } },
    },
    async () => ({
      status: 'ok' as const,
      uptimeSeconds: Math.round(process.uptime()),
    }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Database readiness',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await db.execute(sql`SELECT 1`);
        return { status: 'ready' as const, database: app.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: app.database.kind });
      }
    },
  );

  // ── Working-day calendar ──────────────────────────────────────────────
  app.get(
    '/api/calendar/add',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'Add working days to a date (the start day is not counted; negative goes back)',
        querystring: z.object({ from: isoDate, days: z.coerce.number().int().min(-3660).max(3660) }),
        response: { 200: z.object({ date: z.string() }), ...errorResponses },
      },
    },
    async (request) => ({ date: await addWorkingDaysFrom(db, request.query.from, request.query.days) }),
  );

  app.get(
    '/api/calendar/years',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'Loaded calendar years, and the year to load now (this year when missing; from 1 October the next)',
        response: {
          200: z.object({
            years: z.array(z.object({ year: z.number(), days: z.number(), workdays: z.number(), offdays: z.number() })),
            yearToLoad: z.number().nullable().describe('the year whose calendar is due and not loaded, else null'),
          }),
        },
      },
    },
    async () => {
      const years = await listYears(db);
      return {
        years,
        yearToLoad: yearToLoad(
          years.map((y) => y.year),
          today(),
        ),
      };
    },
  );

  app.get(
    '/api/calendar/days',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'Days of a year or month',
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2200), month: z.coerce.number().int().min(1).max(12).optional() }),
        response: { 200: z.object({ days: z.array(daySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ days: await listDays(db, request.query.year, request.query.month) }),
  );

  app.put(
    '/api/calendar/days/:date',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Set a day to working or off',
        params: z.object({ date: isoDate }),
        body: z.object({ isWorkday: z.boolean(), name: z.string().max(50).nullable(), version: z.number().int() }),
        response: { 200: daySchema, ...errorResponses },
      },
    },
    async (request) => setDay(db, contextOf(request, 'calendar.manage'), request.params.date, request.body),
  );

  app.post(
    '/api/calendar/import',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: "Import a year's State Council holiday notice (CSV `date,off|work,name` or JSON)",
        body: z.object({ format: z.enum(['json', 'csv']), content: z.string().min(1).max(200_000) }),
        response: { 200: z.object({ years: z.array(z.number()), createdYears: z.array(z.number()), imported: z.number() }), ...errorResponses },
      },
    },
    async (request) => importCalendar(db, contextOf(request, 'calendar.manage'), request.body.format, request.body.content),
  );

  // ── Audit log ─────────────────────────────────────────────────────────
  const auditEntry = z.object({
    id: z.number(),
    at: z.string(),
    actorId: z.number().nullable(),
    actorUsername: z.string(),
    actorRole: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    requestId: z.string().nullable(),
    digest: z.string(),
    regionCode: z.string().nullable().describe('The region of the grant the actor acted under (null: applicants, national staff, the system)'),
    seq: z.number().nullable().describe('Position in the hash chain; null until the sealer links it (within about a second)'),
    hash: z.string().nullable(),
  });
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log (newest first); a reader scoped to a region sees the entries acted in it',
        querystring: z.object({
          targetType: z.string().max(64).optional(),
          targetId: z.string().max(128).optional(),
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(auditEntry) }), ...errorResponses },
      },
    },
    async (request) => listAudit(db, request.query, scopeFilter(principalOf(request).grants, 'audit.read')),
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary:
          'Seal the entries of finished transactions, recompute the SM3 hash chain, check the entries’ MACs and the signed checkpoints; an intact head is signed',
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            pending: z.number(),
            checkpoints: z.number().describe('signed checkpoints checked'),
            brokenAt: z.number().nullable(),
            reason: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      await sealCommitted(db, 2_000);
      let result = await verifyAuditChain(db);
      // A head just verified is signed, so the export that follows anchors it.
      if (result.ok && (await writeCheckpoint(db))) result = { ...result, checkpoints: result.checkpoints + 1 };
      return result.ok
        ? { ok: true, count: result.count, pending: result.pending, checkpoints: result.checkpoints, brokenAt: null, reason: null }
        : { ok: false, count: result.count, pending: result.pending, checkpoints: 0, brokenAt: result.brokenAt, reason: result.reason };
    },
  );
  app.get(
    '/api/audit/checkpoints',
    {
      config: { access: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: 'The SM2-signed checkpoints of the chain head, to export and keep outside the database (tongban audit verify --checkpoints FILE checks them)',
        response: {
          200: z.object({
            publicKeyPem: z.string().describe('the checkpoint key: SM2, user ID 1234567812345678, over the canonical JSON of {platform, kind, seq, hash, at}'),
            items: z.array(
              z.object({ seq: z.number(), hash: z.string(), at: z.string(), signature: z.string().describe('DER, base64'), publicKeyPem: z.string() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ publicKeyPem: publicKeyPem(checkpointPublicKeyHex()), items: await listCheckpoints(db) }),
  );

  // ── Identity checks and code lists ───────────────────────────────────
  app.get(
    '/api/check/id/:value',
    {
      config: { access: 'public' },
      schema: { tags: ['checks'], summary: '公民身份号码 check (GB 11643)', params: z.object({ value: z.string().max(64) }), response: { 200: checkResult } },
    },
    async (request) => checkIdNumber(request.params.value),
  );
  app.get(
    '/api/check/uscc/:value',
    {
      config: { access: 'public' },
      schema: {
        tags: ['checks'],
        summary: '统一社会信用代码 check (GB 32100)',
        params: z.object({ value: z.string().max(64) }),
        response: { 200: checkResult },
      },
    },
    async (request) => checkUscc(request.params.value),
  );
  app.get(
    '/api/code-lists/:list',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'A code list of the national standards',
        params: z.object({ list: z.string().max(64) }),
        response: { 200: z.object({ list: z.string(), codes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await db.select().from(codeList).where(eq(codeList.list, request.params.list)).orderBy(asc(codeList.sort));
      if (rows.length === 0) throw platformErrors.NOT_FOUND({ list: request.params.list });
      return { list: request.params.list, codes: rows.map((r) => ({ code: r.code, zh: r.nameZh, en: r.nameEn })) };
    },
  );
};
