import { z } from 'zod';
import QRCode from 'qrcode';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { documentedAs, errorResponses, fileResponse, idempotencyHeader, idParam, pageQuery } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { can, scopeFilter, type RoleGrant, type Scope } from '../../platform/permissions.ts';
import { accountErrors } from '../accounts/index.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import {
  adoptTemplate,
  baseItemScope,
  createBaseItem,
  createImplementation,
  diffVersions,
  getBaseItem,
  getImplementation,
  implementationDetail,
  listBaseItems,
  listImplementations,
  startNewVersion,
  transition,
  updateBaseItem,
  updateDraft,
} from './catalog.service.ts';
import { contentSchema, contentView, elementValue, IMPLEMENTATION_STATUSES, IMPORT_STATUSES, VERSION_STATUSES } from './catalog.types.ts';
import { guideByCode, listSynonyms, replaceSynonyms, searchItems, topicCounts } from './catalog.search.ts';
import { inspectCatalog } from './catalog.inspect.ts';
import { harmonisation, harmonisationIndex, listWorkbook, LISTS, publishedList } from './catalog.lists.ts';
import { createImportJob, exportWorkbook, getImportJob, runImportJob } from './catalog.excel.ts';

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * A version's content as given: any JSON object at the route, documented as contentSchema, which the service parses
 * with its own checks (limits, keys, licence types, the form) and answers with CONTENT_INVALID naming the element.
 */
const contentBody = documentedAs(contentSchema);

/** The public guide (办事指南): the published content with its item, department and region. */
const guideView = contentView
  .extend({
    id: z.number(),
    code: z.string(),
    versionNumber: z.number(),
    baseCode: z.string(),
    baseName: z.string(),
    itemType: z.string(),
    useLevel: z.string(),
    department: z.string(),
    departmentUscc: z.string(),
    region: z.string(),
    regionCode: z.string(),
  })
  .meta({ id: 'Guide' });

const findingView = z
  .object({
    rule: z.string(),
    ruleName: z.object({ zh: z.string(), en: z.string() }).describe('What the rule checks, for people (the code is for machines)'),
    severity: z.enum(['error', 'warning']),
    element: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
  })
  .meta({ id: 'InspectionFinding' });
const inspectionResultView = z.object({ findings: z.array(findingView), completeness: z.number(), accuracyFindings: z.number(), errors: z.number() });
const inspectionSummaryView = { guides: z.number(), completeness: z.number(), accuracyFindings: z.number(), errors: z.number(), warnings: z.number() };
const inspectionReportView = z
  .object({
    guides: z.array(
      z.object({
        implementationId: z.number(),
        code: z.string(),
        name: z.string(),
        departmentId: z.number(),
        departmentName: z.string(),
        regionCode: z.string(),
        regionName: z.string(),
        completeness: z.number(),
        accuracyFindings: z.number(),
        errors: z.number(),
        findings: z.array(findingView),
      }),
    ),
    byDepartment: z.array(z.object({ departmentId: z.number(), departmentName: z.string(), ...inspectionSummaryView })),
    byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...inspectionSummaryView })),
    totals: z.object(inspectionSummaryView),
  })
  .meta({ id: 'CatalogInspection' });

/** National catalogue data (national base items, the synonym list): only a grant without region or department covers it. */
const NATIONAL: Scope = { regionCode: null, departmentId: null };

/** Where a new base item belongs when the request names no region: nationally if the actor may, else its own region. */
function defaultBaseRegion(grants: readonly RoleGrant[]): string | null {
  if (can(grants, 'catalog.edit', NATIONAL)) return null;
  return grants.find((g) => g.departmentId === null && g.regionCode && can([g], 'catalog.edit'))?.regionCode ?? null;
}

const implementationView = z
  .object({
    id: z.number(),
    code: z.string(),
    baseItemId: z.number(),
    regionCode: z.string(),
    departmentId: z.number(),
    status: z.enum(IMPLEMENTATION_STATUSES),
    name: z.string(),
    itemType: z.string(),
    publishedVersionId: z.number().nullable(),
    latestVersionId: z.number().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Implementation' });

const baseItemView = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    itemType: z.string(),
    useLevel: z.string(),
    legalBasis: z.string(),
    parentId: z.number().nullable(),
    regionCode: z.string().nullable(),
    template: contentView.partial().nullable(),
    localElements: z.array(z.string()),
    version: z.number(),
  })
  .meta({ id: 'BaseItem' });

const versionView = z.object({
  id: z.number(),
  number: z.number(),
  status: z.enum(VERSION_STATUSES),
  content: contentView,
  createdBy: z.string(),
  reviewNote: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});

/** An implementation with its base item, versions (newest first) and the inspection of its latest version. */
const implementationDetailView = z
  .object({
    ...implementationView.shape,
    baseItem: baseItemView,
    departmentName: z.string(),
    regionName: z.string(),
    versions: z.array(versionView),
    inspection: inspectionResultView,
  })
  .meta({ id: 'ImplementationDetail' });

/** 二次统筹: a base item's implementations side by side, element by element. */
const harmonisationView = z
  .object({
    baseItem: baseItemView,
    columns: z.array(
      z.object({
        key: z.string(),
        implementationId: z.number(),
        code: z.string(),
        status: z.enum(IMPLEMENTATION_STATUSES),
        regionCode: z.string(),
        region: z.string(),
        department: z.string(),
      }),
    ),
    rows: z.array(
      z.object({
        element: z.string(),
        label: z.string(),
        local: z.boolean(),
        differs: z.boolean(),
        /** Each implementation's value of the element, by column key. */
        values: z.record(z.string(), elementValue),
        differing: z.array(z.string()),
      }),
    ),
    differingElements: z.number(),
  })
  .meta({ id: 'Harmonisation' });

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // ── Public: search, guides, lists ───────────────────────────────────
  app.get(
    '/api/items',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Search published items (Chinese, 2-character terms work; synonyms expand)',
        querystring: z.object({
          q: z.string().max(100).optional(),
          region: regionCode.optional(),
          department: z.coerce.number().int().positive().optional(),
          type: z.string().max(2).optional(),
          serviceObject: z.string().max(1).optional(),
          topic: z.string().max(50).optional(),
          online: z.enum(['true', 'false']).optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({
            total: z.number(),
            more: z.boolean().describe('The query matches more items than were ranked (SEARCH_CANDIDATES): refine it'),
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                department: z.string(),
                departmentId: z.number(),
                region: z.string(),
                regionCode: z.string(),
                itemType: z.string(),
                online: z.boolean(),
                fullyOnline: z.boolean(),
                topics: z.array(z.string()),
                score: z.number(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return searchItems(db, {
        q: q.q,
        regionCode: q.region,
        departmentId: q.department,
        itemType: q.type,
        serviceObject: q.serviceObject,
        topic: q.topic,
        online: q.online === undefined ? undefined : q.online === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );

  app.get(
    '/api/items/topics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Topics (life events) of published items, with counts',
        response: { 200: z.object({ items: z.array(z.object({ topic: z.string(), count: z.number() })) }) },
      },
    },
    async () => ({ items: await topicCounts(db) }),
  );

  app.get(
    '/api/items/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'The guide (办事指南) of a published implementation',
        params: z.object({ code: z.string().max(36) }),
        response: { 200: guideView, ...errorResponses },
      },
    },
    async (request) => guideByCode(db, request.params.code),
  );

  app.get(
    '/api/items/:code/qr.svg',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: "QR code to the guide's public page",
        params: z.object({ code: z.string().max(36) }),
        response: { 200: fileResponse('An SVG image', 'image/svg+xml'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const guide = await guideByCode(db, request.params.code);
      const svg = await QRCode.toString(`${app.config.publicUrl}/guide/${encodeURIComponent(guide.code)}`, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
    },
  );

  app.get(
    '/api/catalog/lists/:list',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'A published list: powers, licensing, intermediary, not-in-hall',
        params: z.object({ list: z.enum(LISTS) }),
        querystring: z.object({ region: regionCode.optional() }),
        response: {
          200: z.object({
            list: z.string(),
            title: z.object({ zh: z.string(), en: z.string() }),
            items: z.array(
              z.object({
                code: z.string(),
                baseCode: z.string(),
                name: z.string(),
                itemType: z.string(),
                itemTypeName: z.string(),
                department: z.string(),
                departmentId: z.number(),
                region: z.string(),
                legalBasis: z.string(),
                detail: z.string(),
              }),
            ),
            countsByDepartment: z.array(z.object({ department: z.string(), count: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => publishedList(db, request.params.list, request.query.region),
  );

  app.get(
    '/api/catalog/lists/:list/export',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'A published list as an Excel workbook',
        params: z.object({ list: z.enum(LISTS) }),
        querystring: z.object({ region: regionCode.optional() }),
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (request, reply) => {
      const buffer = await listWorkbook(db, request.params.list, request.query.region);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${request.params.list}.xlsx"`).send(buffer);
    },
  );

  // ── Base items and harmonisation ─────────────────────────────────────
  app.get(
    '/api/catalog/base-items',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: 'Base items (基本目录)',
        querystring: z.object({ q: z.string().max(100).optional(), itemType: z.string().max(2).optional() }),
        response: { 200: z.object({ items: z.array(baseItemView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listBaseItems(db, request.query) }),
  );
  app.post(
    '/api/catalog/base-items',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: 'Create a base item, national (regionCode null) or of a region (default: the actor’s own)',
        headers: idempotencyHeader,
        body: z.object({
          code: z.string().max(12),
          name: z.string().min(1).max(200),
          itemType: z.string().max(2),
          useLevel: z.string().max(1),
          legalBasis: z.string().max(5000).optional(),
          parentId: z.number().int().positive().nullable().optional(),
          regionCode: regionCode.nullable().optional(),
        }),
        response: { 201: baseItemView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const region = request.body.regionCode !== undefined ? request.body.regionCode : defaultBaseRegion(principalOf(request).grants);
      const ctx = contextOf(request, 'catalog.edit', baseItemScope({ regionCode: region }));
      const result = await runIdempotent(db, `base_item:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createBaseItem(tx, ctx, { ...request.body, regionCode: region }),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.patch(
    '/api/catalog/base-items/:id',
    {
      config: { access: 'catalog.review' },
      schema: {
        tags: ['catalog'],
        summary: 'Change a base item: its standard template and the elements that may differ locally',
        params: idParam,
        body: z.object({
          name: z.string().min(1).max(200).optional(),
          legalBasis: z.string().max(5000).optional(),
          localElements: z.array(z.string()).optional(),
          template: documentedAs(contentSchema.partial()).nullable().optional(),
          version: z.number().int(),
        }),
        response: { 200: baseItemView, ...errorResponses },
      },
    },
    async (request) =>
      updateBaseItem(db, contextOf(request, 'catalog.review', baseItemScope(await getBaseItem(db, request.params.id))), request.params.id, request.body),
  );
  app.get(
    '/api/catalog/base-items/:id/harmonisation',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: "Side-by-side table of a base item's implementations across regions, differences marked",
        params: idParam,
        response: { 200: harmonisationView, ...errorResponses },
      },
    },
    // Interfaces (HarmonisationRow) carry no index signature: the cast only states what the schema checks.
    async (request) => harmonisation(db, request.params.id, scopeFilter(principalOf(request).grants, 'catalog.inspect')),
  );
  app.get(
    '/api/catalog/harmonisation-index',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: 'Share of base items whose implementations agree on every harmonised element, per region',
        querystring: z.object({ region: regionCode.optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ regionCode: z.string(), region: z.string(), baseItems: z.number(), agreeing: z.number(), index: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await harmonisationIndex(db, request.query.region) }),
  );

  // ── Implementations ──────────────────────────────────────────────────
  app.get(
    '/api/catalog/implementations',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: 'Implementations (实施清单) in every status',
        querystring: z.object({
          region: regionCode.optional(),
          department: z.coerce.number().int().positive().optional(),
          status: z.enum(IMPLEMENTATION_STATUSES).optional(),
          versionStatus: z.enum(VERSION_STATUSES).optional(),
          q: z.string().max(100).optional(),
          baseItemId: z.coerce.number().int().positive().optional(),
          ...pageQuery,
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(implementationView.extend({ latestVersionStatus: z.enum(VERSION_STATUSES), departmentName: z.string(), regionName: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      // Drafts are not public: only those within the reader's scope, whatever region or department it asks for.
      const within = scopeFilter(principalOf(request).grants, 'catalog.inspect');
      return listImplementations(db, {
        within,
        regionCode: q.region,
        departmentId: q.department,
        status: q.status,
        versionStatus: q.versionStatus,
        q: q.q,
        baseItemId: q.baseItemId,
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );
  app.post(
    '/api/catalog/implementations',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: 'Create an implementation (its first version is a draft)',
        headers: idempotencyHeader,
        body: z.object({
          code: z.string().max(36),
          baseItemId: z.number().int().positive(),
          regionCode,
          departmentId: z.number().int().positive(),
          content: contentBody,
        }),
        response: { 201: implementationView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'catalog.edit', { regionCode: request.body.regionCode, departmentId: request.body.departmentId });
      const result = await runIdempotent(db, `implementation:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createImplementation(tx, ctx, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  const scopeOf = async (id: number) => {
    const impl = await getImplementation(db, id);
    return { regionCode: impl.regionCode, departmentId: impl.departmentId };
  };

  app.get(
    '/api/catalog/implementations/:id',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: 'An implementation with its versions and the inspection of its latest version',
        params: idParam,
        response: { 200: implementationDetailView, ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'catalog.inspect', await scopeOf(request.params.id));
      // Interfaces (InspectionResult, Finding) carry no index signature: the cast only states what the schema checks.
      return implementationDetail(db, request.params.id);
    },
  );

  app.put(
    '/api/catalog/implementations/:id/draft',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: 'Save the draft version (carries its version)',
        params: idParam,
        body: z.object({ content: contentBody, version: z.number().int() }),
        response: { 200: versionView, ...errorResponses },
      },
    },
    async (request) => updateDraft(db, contextOf(request, 'catalog.edit', await scopeOf(request.params.id)), request.params.id, request.body),
  );
  app.post(
    '/api/catalog/implementations/:id/versions',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: 'Start a new draft version from the published one',
        params: idParam,
        body: z.object({ version: z.number().int() }),
        response: { 201: versionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startNewVersion(db, contextOf(request, 'catalog.edit', await scopeOf(request.params.id)), request.params.id, request.body)),
  );
  app.post(
    '/api/catalog/implementations/:id/adopt-template',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: "Adopt the base item's standard template into a draft",
        params: idParam,
        body: z.object({ version: z.number().int() }),
        response: { 200: versionView, ...errorResponses },
      },
    },
    async (request) => adoptTemplate(db, contextOf(request, 'catalog.edit', await scopeOf(request.params.id)), request.params.id, request.body),
  );
  const ACTION_PERMISSION = {
    submit: 'catalog.edit',
    approve: 'catalog.review',
    reject: 'catalog.review',
    suspend: 'catalog.review',
    resume: 'catalog.review',
    abolish: 'catalog.review',
  } as const;
  for (const [action, permission] of Object.entries(ACTION_PERMISSION) as [keyof typeof ACTION_PERMISSION, 'catalog.edit' | 'catalog.review'][]) {
    app.post(
      `/api/catalog/implementations/:id/${action}`,
      {
        config: { access: permission },
        schema: {
          tags: ['catalog'],
          summary: `Lifecycle: ${action}`,
          params: idParam,
          body: z.object({ version: z.number().int(), note: z.string().max(2000).optional() }),
          response: { 200: implementationView, ...errorResponses },
        },
      },
      async (request) => transition(db, contextOf(request, permission, await scopeOf(request.params.id)), request.params.id, action, request.body),
    );
  }
  app.get(
    '/api/catalog/implementations/:id/diff',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: 'Differences between two versions, element by element',
        params: idParam,
        querystring: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            from: z.number(),
            to: z.number(),
            changes: z.array(z.object({ element: z.string(), label: z.string(), before: elementValue, after: elementValue })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      contextOf(request, 'catalog.inspect', await scopeOf(request.params.id));
      return diffVersions(db, request.params.id, request.query.from, request.query.to);
    },
  );

  // ── Inspection ───────────────────────────────────────────────────────
  app.get(
    '/api/catalog/inspection',
    {
      config: { access: 'catalog.inspect' },
      schema: {
        tags: ['catalog'],
        summary: '全量巡检 of published guides: findings, 完备度 and 准确性 per guide, department and region',
        querystring: z.object({ region: regionCode.optional(), department: z.coerce.number().int().positive().optional() }),
        response: { 200: inspectionReportView, ...errorResponses },
      },
    },
    async (request) => {
      const within = scopeFilter(principalOf(request).grants, 'catalog.inspect');
      const report = await inspectCatalog(db, { within, regionCode: request.query.region, departmentId: request.query.department });
      return report;
    },
  );

  // ── Import and export ────────────────────────────────────────────────
  const importProblemView = z.object({ sheet: z.string(), row: z.number(), column: z.string().nullable(), message: z.string() });
  // A dry run (or a failed check) counts rows; a done import counts what it created, changed and published.
  const importSummaryView = z.object({
    rows: z.number().optional(),
    implementations: z.number().optional(),
    baseItems: z.number().optional(),
    baseItemsCreated: z.number().optional(),
    implementationsCreated: z.number().optional(),
    implementationsChanged: z.number().optional(),
    implementationsUnchanged: z.number().optional(),
    published: z.number().optional(),
  });
  type ImportSummaryView = z.infer<typeof importSummaryView>;
  const importView = z
    .object({
      id: z.number(),
      status: z.enum(IMPORT_STATUSES),
      dryRun: z.boolean(),
      publish: z.boolean(),
      fileName: z.string(),
      total: z.number(),
      processed: z.number(),
      problems: z.array(importProblemView),
      summary: importSummaryView.nullable(),
    })
    .meta({ id: 'CatalogImport' });
  /** An import job's row as its reply (the row's problems and summary are jsonb written by runImportJob in these shapes). */
  const importReply = (job: Awaited<ReturnType<typeof getImportJob>>): z.infer<typeof importView> => ({
    id: job.id,
    status: job.status,
    dryRun: job.dryRun,
    publish: job.publish,
    fileName: job.fileName,
    total: job.total,
    processed: job.processed,
    problems: (job.problems ?? []) as z.infer<typeof importProblemView>[],
    summary: (job.summary ?? null) as ImportSummaryView | null,
  });
  app.post(
    '/api/catalog/imports',
    {
      config: { access: 'catalog.edit' },
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['catalog'],
        summary: 'Upload a catalogue workbook (xlsx body) to check (dryRun) or import; poll the import for progress',
        querystring: z.object({
          fileName: z.string().max(200).default('catalog.xlsx'),
          dryRun: z.enum(['true', 'false']).default('true'),
          publish: z.enum(['true', 'false']).default('false'),
        }),
        response: { 202: importView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const publish = request.query.publish === 'true';
      const ctx = contextOf(request, publish ? 'catalog.review' : 'catalog.edit');
      const body = uploadedBytes(request);
      const job = await createImportJob(db, ctx, { fileName: request.query.fileName, dryRun: request.query.dryRun === 'true', publish });
      // The import runs after the reply; its progress is in the job row, readable by any process.
      // Every row is checked against the importer's own scope: an admin of one county cannot rewrite another's guides.
      const grants = principalOf(request).grants;
      const permission = publish ? 'catalog.review' : 'catalog.edit';
      const mayWrite = (regionCode: string, departmentId: number) => can(grants, permission, { regionCode, departmentId });
      // New base items of the workbook belong to the importer's region (national only for a national importer).
      const baseRegionCode = defaultBaseRegion(grants);
      const mayCreateBaseItems = can(grants, 'catalog.edit', baseItemScope({ regionCode: baseRegionCode }));
      setImmediate(() => void runImportJob(db, ctx, job.id, body, { mayWrite, mayCreateBaseItems, baseRegionCode }));
      return reply.status(202).send(importReply(job));
    },
  );
  app.get(
    '/api/catalog/imports/:id',
    {
      config: { access: 'catalog.edit' },
      schema: { tags: ['catalog'], summary: 'Progress and problems of an import', params: idParam, response: { 200: importView, ...errorResponses } },
    },
    async (request) => {
      const job = await getImportJob(db, request.params.id);
      // An import's rows and problems are the importer's: others see them only with a national grant.
      const principal = principalOf(request);
      if (job.createdBy !== principal.user.username && !can(principal.grants, 'catalog.edit', NATIONAL))
        throw accountErrors.AUTH_FORBIDDEN({ permission: 'catalog.edit' });
      return importReply(job);
    },
  );
  app.get(
    '/api/catalog/export',
    {
      config: { access: 'catalog.edit' },
      schema: {
        tags: ['catalog'],
        summary: 'The catalogue as a workbook in the import format',
        querystring: z.object({ region: regionCode.optional(), department: z.coerce.number().int().positive().optional() }),
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (request, reply) => {
      // The export holds drafts: only those within the exporter's scope.
      const within = scopeFilter(principalOf(request).grants, 'catalog.edit');
      const buffer = await exportWorkbook(db, { within, regionCode: request.query.region, departmentId: request.query.department });
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="catalog.xlsx"').send(buffer);
    },
  );

  // ── Synonyms ─────────────────────────────────────────────────────────
  const pairs = z.array(z.object({ term: z.string().min(1).max(50), synonym: z.string().min(1).max(50) })).max(2000);
  app.get(
    '/api/catalog/synonyms',
    { config: { access: 'catalog.edit' }, schema: { tags: ['catalog'], summary: 'Search synonyms', response: { 200: z.object({ items: pairs }) } } },
    async () => ({ items: await listSynonyms(db) }),
  );
  app.put(
    '/api/catalog/synonyms',
    {
      config: { access: 'catalog.review' },
      schema: {
        tags: ['catalog'],
        summary: 'Replace the search synonyms (national: a national item admin only)',
        body: z.object({ items: pairs }),
        response: { 200: z.object({ items: pairs }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'catalog.review', NATIONAL);
      await db.transaction(async (tx) => {
        await replaceSynonyms(tx, request.body.items);
        await writeAudit(tx, ctx, { action: 'catalog.synonyms.replace', targetType: 'search_synonym', targetId: 'all', change: request.body.items });
      });
      return { items: await listSynonyms(db) };
    },
  );
};
