import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf, uploadedBytes } from '../../platform/http/context.ts';
import { errorResponses, fileResponse, idempotencyHeader, idParam, pageQuery } from '../../platform/http/schemas.ts';
import { checkKey, runIdempotent } from '../../platform/idempotency.ts';
import { can, scopeFilter, type Permission, type RoleGrant, type Scope, type ScopeFilter } from '../../platform/permissions.ts';
import { authErrors } from '../../platform/http/auth-errors.ts';
import { today } from '../../platform/clock.ts';
import {
  consumerScope,
  createResource,
  createToken,
  decideGrant,
  getGrantScoped,
  getResource,
  getToken,
  listGrants,
  listResources,
  listTokens,
  providerOf,
  providerScope,
  publicResources,
  refuseGrant,
  requestSharing,
  resourceScope,
  revokeGrant,
  revokeToken,
  transitionResource,
  updateResource,
} from './exchange.service.ts';
import { listCallCheckpoints, listCalls, sealCalls, serveCall, verifyCalls, writeCallCheckpoint } from './exchange.calls.ts';
import { listLoads, loadRecords } from './exchange.collect.ts';
import { createEndpoint, endpointScope, getEndpoint, listEndpoints, mountResource, setEndpointStatus, updateEndpoint } from './exchange.endpoints.ts';
import { exportCatalogue, importCatalogue } from './exchange.excel.ts';
import { callStatistics, publicStatistics } from './exchange.stats.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { TRANSITIONS } from './exchange.core.ts';
import {
  acceptDemand,
  demandConsumerScope,
  demandProviderScope,
  demandStatistics,
  fileDemand,
  getDemand,
  linkDemand,
  listDemands,
  refuseDemand,
} from './exchange.demands.ts';
import {
  callListQuery,
  callView,
  createResourceBody,
  demandAcceptBody,
  demandBody,
  demandLinkBody,
  demandListQuery,
  demandRefuseBody,
  demandStatsQuery,
  demandStatsReply,
  demandView,
  grantBody,
  grantListQuery,
  grantView,
  importReply,
  loadQuery,
  loadView,
  publicResourceView,
  publicStatsReply,
  refuseBody,
  requestBody,
  resourceListQuery,
  resourceView,
  revokeBody,
  statsReply,
  tokenBody,
  tokenCreated,
  tokenView,
  updateResourceBody,
  verifyReply,
  exchangeRecord,
  endpointBody,
  endpointListQuery,
  endpointStatusBody,
  endpointUpdateBody,
  endpointView,
  mountBody,
} from './exchange.types.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const checkpointView = z.object({ seq: z.number(), hash: z.string(), at: z.string(), signature: z.string(), publicKeyPem: z.string() });
const monthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
    .optional(),
});
const thisMonth = () => today().slice(0, 7);
/** The query's keys as text (a repeated parameter keeps its first value). */
const queryKeys = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).map(([k, v]) => [k.slice(0, 40), String(Array.isArray(v) ? v[0] : v).slice(0, 200)]));

/** The union of the scopes of several permissions (a list shows what any of them reaches). */
function unionFilter(grants: readonly RoleGrant[], permissions: readonly Permission[]): ScopeFilter {
  const filters = permissions.map((p) => scopeFilter(grants, p));
  if (filters.some((f) => f.kind === 'all')) return { kind: 'all' };
  const scopes = filters.flatMap((f) => (f.kind === 'some' ? f.scopes : []));
  return scopes.length ? { kind: 'some', scopes } : { kind: 'none' };
}
const firstHeld = (grants: readonly RoleGrant[], permissions: readonly Permission[], scope: Scope) => permissions.find((p) => can(grants, p, scope));

/** Provider-side acts on a request: the provider department's reviewers, or the data office of the region (监督). */
const PROVIDER: readonly Permission[] = ['exchange.review', 'exchange.oversee'];

/**
 * Data sharing (数据共享交换): the resource catalogue (data office), sharing requests decided by the provider
 * department, machine tokens of the consumer, calls served from collected tables and logged before the reply, loads
 * into the collected tables, and the statistics.
 */
export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  // ── Public ──────────────────────────────────────────────────────────────
  app.get(
    '/api/public/exchange/resources',
    {
      config: { access: 'public' },
      schema: {
        tags: ['exchange'],
        summary: 'The open part of the catalogue: published resources whose 开放属性 is open (metadata and field names; no data)',
        querystring: z.object({ q: z.string().max(100).optional(), ...pageQuery }),
        response: { 200: z.object({ total: z.number(), items: z.array(publicResourceView) }), ...errorResponses },
      },
    },
    async (request) => publicResources(db, request.query),
  );

  app.get(
    '/api/public/exchange/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['exchange'],
        summary: 'Anonymised figures: answered calls per published resource in a month (no consumer, no keys)',
        querystring: monthQuery,
        response: { 200: publicStatsReply, ...errorResponses },
      },
    },
    async (request) => publicStatistics(db, request.query.month ?? thisMonth()),
  );

  // ── The catalogue ───────────────────────────────────────────────────────
  const readFilter = (grants: readonly RoleGrant[]) => unionFilter(grants, ['exchange.read', 'exchange.catalog']);
  const mayRead = (grants: readonly RoleGrant[], r: { status: string; regionCode: string; departmentId: number }) =>
    r.status === 'published' || can(grants, 'exchange.read', resourceScope(r)) || can(grants, 'exchange.catalog', resourceScope(r));

  app.get(
    '/api/exchange/resources',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary:
          'The catalogue: published resources of every department, and drafts, resources in review and retired ones within my scope; search by words of the name, summary or code',
        querystring: resourceListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(resourceView) }), ...errorResponses },
      },
    },
    async (request) => listResources(db, { within: readFilter(principalOf(request).grants), ...request.query }),
  );

  app.post(
    '/api/exchange/resources',
    {
      config: { access: 'exchange.catalog' },
      schema: {
        tags: ['exchange'],
        summary: 'Catalogue a resource (a draft of its provider department): core metadata, fields with types, the key field, 共享属性 with its basis',
        headers: idempotencyHeader,
        body: createResourceBody,
        response: { 201: resourceView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const provider = await providerOf(db, request.body.departmentId);
      const ctx = contextOf(request, 'exchange.catalog', provider);
      const result = await runIdempotent(db, `exchange-resource:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createResource(tx, ctx, request.body, provider),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/exchange/resources/:id',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'One resource with its metadata and whether a collected table serves it',
        params: idParam,
        response: { 200: resourceView, ...errorResponses },
      },
    },
    async (request) => {
      const r = await getResource(db, request.params.id);
      if (!mayRead(principalOf(request).grants, r)) throw exchangeErrors.EXCHANGE_RESOURCE_NOT_FOUND({ id: r.id });
      return r;
    },
  );

  app.put(
    '/api/exchange/resources/:id',
    {
      config: { access: 'exchange.catalog' },
      schema: {
        tags: ['exchange'],
        summary: 'Change a draft’s metadata (carries its row version)',
        params: idParam,
        body: updateResourceBody,
        response: { 200: resourceView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'exchange.catalog', resourceScope(await getResource(db, request.params.id)));
      return db.transaction((tx) => updateResource(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/resources/:id/transitions',
    {
      config: { access: 'exchange.catalog' },
      schema: {
        tags: ['exchange'],
        summary: 'A lifecycle step (carries the row version): submit (draft → in review), return (→ draft), publish (in review → published), retire',
        params: idParam,
        body: z.object({ action: z.enum(Object.keys(TRANSITIONS) as [keyof typeof TRANSITIONS]), version: z.number().int() }),
        response: { 200: resourceView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'exchange.catalog', resourceScope(await getResource(db, request.params.id)));
      return db.transaction((tx) => transitionResource(tx, ctx, request.params.id, request.body.action, request.body.version));
    },
  );

  app.get(
    '/api/exchange/catalogue.xlsx',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'The catalogue as a workbook (the import’s columns): published resources and those within my scope',
        response: { 200: fileResponse('The workbook', XLSX), ...errorResponses },
      },
    },
    async (request, reply) => {
      const buffer = await exportCatalogue(db, readFilter(principalOf(request).grants));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="exchange-catalogue.xlsx"').send(buffer);
    },
  );

  app.post(
    '/api/exchange/catalogue/imports',
    {
      config: { access: 'exchange.catalog' },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['exchange'],
        summary:
          'Import a catalogue workbook (xlsx body): every row is checked first and with any problem nothing is written (the problems per row and column in details); new codes become drafts, drafts are updated',
        response: { 200: importReply, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = contextOf(request, 'exchange.catalog');
      const grants = principalOf(request).grants;
      return importCatalogue(db, ctx, uploadedBytes(request), (scope) => can(grants, 'exchange.catalog', scope));
    },
  );

  // ── Sharing requests and grants ─────────────────────────────────────────
  app.get(
    '/api/exchange/grants',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'Sharing requests and grants within my scope: as provider (to decide) or as consumer (mine)',
        querystring: grantListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(grantView) }), ...errorResponses },
      },
    },
    async (request) => {
      const grants = principalOf(request).grants;
      const within =
        request.query.side === 'provider' ? unionFilter(grants, ['exchange.read', ...PROVIDER]) : unionFilter(grants, ['exchange.read', 'exchange.request']);
      return listGrants(db, { within, ...request.query });
    },
  );

  app.post(
    '/api/exchange/grants',
    {
      config: { access: 'exchange.request' },
      schema: {
        tags: ['exchange'],
        summary:
          'Request a published resource for my department (共享申请): purpose, legal basis, fields, period, expected volume. Open resources are granted at once; conditional ones are due for the provider’s reply in 10 working days; closed ones are refused',
        headers: idempotencyHeader,
        body: requestBody,
        response: { 201: grantView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const consumer = await providerOf(db, requesterDepartment(request, request.body.departmentId));
      const ctx = contextOf(request, 'exchange.request', consumer);
      const result = await runIdempotent(db, `exchange-grant:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await requestSharing(tx, ctx, request.body, consumer),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  const grantFor = async (id: number) => getGrantScoped(db, id);
  const strip = <T extends { providerRegionCode: string }>(g: T) => {
    const { providerRegionCode: _p, ...rest } = g;
    return rest;
  };

  app.get(
    '/api/exchange/grants/:id',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'One sharing request or grant (its provider’s or its consumer’s)',
        params: idParam,
        response: { 200: grantView, ...errorResponses },
      },
    },
    async (request) => {
      const g = await grantFor(request.params.id);
      const grants = principalOf(request).grants;
      if (!firstHeld(grants, ['exchange.read', ...PROVIDER], providerScope(g)) && !firstHeld(grants, ['exchange.read', 'exchange.request'], consumerScope(g)))
        throw exchangeErrors.EXCHANGE_GRANT_NOT_FOUND({ id: g.id });
      return strip(g);
    },
  );

  const providerContext = async (request: Parameters<typeof contextOf>[0], id: number) => {
    const g = await grantFor(id);
    const permission = firstHeld(principalOf(request).grants, PROVIDER, providerScope(g));
    if (!permission) throw authErrors.AUTH_FORBIDDEN({ permission: 'exchange.review' });
    return contextOf(request, permission, providerScope(g));
  };

  app.post(
    '/api/exchange/grants/:id/grant',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary: 'Grant a pending request (provider): the fields allowed of those requested, a mask per field, calls per minute, end of validity',
        params: idParam,
        body: grantBody,
        response: { 200: grantView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await providerContext(request, request.params.id);
      return db.transaction((tx) => decideGrant(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/grants/:id/refuse',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary: 'Refuse a pending request with reasons (provider)',
        params: idParam,
        body: refuseBody,
        response: { 200: grantView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await providerContext(request, request.params.id);
      return db.transaction((tx) => refuseGrant(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/grants/:id/revoke',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary: 'Revoke a grant (provider): every call under it is refused from now on',
        params: idParam,
        body: revokeBody,
        response: { 200: grantView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await providerContext(request, request.params.id);
      return db.transaction((tx) => revokeGrant(tx, ctx, request.params.id, request.body));
    },
  );

  // ── Data demands (数据需求) ─────────────────────────────────────────────
  /** The department a request or a demand is filed for: the one named, or the one of my grant that may request. */
  const requesterDepartment = (request: Parameters<typeof principalOf>[0], named: number | undefined) => {
    const departmentId = named ?? principalOf(request).grants.find((g) => g.departmentId !== null && can([g], 'exchange.request'))?.departmentId;
    // An account without one (an admin) names it, within its scope.
    if (!departmentId) throw authErrors.AUTH_FORBIDDEN({ permission: 'exchange.request' });
    return departmentId;
  };

  app.get(
    '/api/exchange/demands',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'Data demands within my scope: as provider (to answer) or as consumer (mine), newest first, each with its reply clock',
        querystring: demandListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(demandView) }), ...errorResponses },
      },
    },
    async (request) => {
      const grants = principalOf(request).grants;
      const within =
        request.query.side === 'provider' ? unionFilter(grants, ['exchange.read', ...PROVIDER]) : unionFilter(grants, ['exchange.read', 'exchange.request']);
      return listDemands(db, { within, ...request.query });
    },
  );

  app.post(
    '/api/exchange/demands',
    {
      config: { access: 'exchange.request' },
      schema: {
        tags: ['exchange'],
        summary:
          'File a data demand (数据需求) for my department: data not in the catalogue (what, why, legal basis, fields wanted) to the department thought to hold it; due for its answer in 10 working days',
        headers: idempotencyHeader,
        body: demandBody,
        response: { 201: demandView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const consumer = await providerOf(db, requesterDepartment(request, request.body.departmentId));
      const provider = await providerOf(db, request.body.providerDepartmentId);
      const ctx = contextOf(request, 'exchange.request', consumer);
      const result = await runIdempotent(db, `exchange-demand:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await fileDemand(tx, ctx, request.body, consumer, provider),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/exchange/demands/statistics',
    {
      config: { access: 'exchange.stats' },
      schema: {
        tags: ['exchange'],
        summary: 'Data demands within my scope per provider: filed, answered (on time), accepted, refused, fulfilled, overdue; filed between two days',
        querystring: demandStatsQuery,
        response: { 200: demandStatsReply, ...errorResponses },
      },
    },
    async (request) => demandStatistics(db, { within: scopeFilter(principalOf(request).grants, 'exchange.stats'), ...request.query }),
  );

  app.get(
    '/api/exchange/demands/:id',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'One data demand (its provider’s or its consumer’s)',
        params: idParam,
        response: { 200: demandView, ...errorResponses },
      },
    },
    async (request) => {
      const d = await getDemand(db, request.params.id);
      const grants = principalOf(request).grants;
      if (
        !firstHeld(grants, ['exchange.read', ...PROVIDER], demandProviderScope(d)) &&
        !firstHeld(grants, ['exchange.read', 'exchange.request'], demandConsumerScope(d))
      )
        throw exchangeErrors.EXCHANGE_DEMAND_NOT_FOUND({ id: d.id });
      return d;
    },
  );

  /** Answering a demand: the provider department's reviewers, or the data office of the region. */
  const demandProviderContext = async (request: Parameters<typeof contextOf>[0], id: number) => {
    const scope = demandProviderScope(await getDemand(db, id));
    const permission = firstHeld(principalOf(request).grants, PROVIDER, scope);
    if (!permission) throw authErrors.AUTH_FORBIDDEN({ permission: 'exchange.review' });
    return contextOf(request, permission, scope);
  };

  app.post(
    '/api/exchange/demands/:id/accept',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary:
          'Accept a filed demand (provider): how the data will be provided, and optionally the resource that serves it (fulfilled at once when published, else when it is published)',
        params: idParam,
        body: demandAcceptBody,
        response: { 200: demandView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await demandProviderContext(request, request.params.id);
      return db.transaction((tx) => acceptDemand(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/demands/:id/refuse',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary: 'Refuse a filed demand with reasons (provider)',
        params: idParam,
        body: demandRefuseBody,
        response: { 200: demandView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await demandProviderContext(request, request.params.id);
      return db.transaction((tx) => refuseDemand(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/demands/:id/link',
    {
      config: { access: 'exchange.review' },
      schema: {
        tags: ['exchange'],
        summary: 'Name the resource that serves an accepted demand (provider): fulfilled at once when it is published, else when it is',
        params: idParam,
        body: demandLinkBody,
        response: { 200: demandView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = await demandProviderContext(request, request.params.id);
      return db.transaction((tx) => linkDemand(tx, ctx, request.params.id, request.body));
    },
  );

  // ── Machine tokens ──────────────────────────────────────────────────────
  app.get(
    '/api/exchange/grants/:id/tokens',
    {
      config: { access: 'exchange.request' },
      schema: {
        tags: ['exchange'],
        summary: 'The machine tokens of a grant (consumer; never their secrets)',
        params: idParam,
        response: { 200: z.object({ items: z.array(tokenView) }), ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'exchange.request', consumerScope(await grantFor(request.params.id)));
      return { items: await listTokens(db, request.params.id) };
    },
  );

  app.post(
    '/api/exchange/tokens',
    {
      config: { access: 'exchange.request' },
      schema: {
        tags: ['exchange'],
        summary:
          'A machine token of my department bound to one of its grants: the secret is shown once (send it as X-Exchange-Token); only its SM3 digest is kept',
        headers: idempotencyHeader,
        body: tokenBody,
        response: { 201: tokenCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const g = await grantFor(request.body.grantId);
      const ctx = contextOf(request, 'exchange.request', consumerScope(g));
      const result = await runIdempotent(db, `exchange-token:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createToken(tx, ctx, g, request.body),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.post(
    '/api/exchange/tokens/:id/revoke',
    {
      config: { access: 'exchange.request' },
      schema: {
        tags: ['exchange'],
        summary: 'Revoke a machine token (consumer): refused from now on',
        params: idParam,
        response: { 200: tokenView, ...errorResponses },
      },
    },
    async (request) => {
      const token = await getToken(db, request.params.id);
      const ctx = contextOf(request, 'exchange.request', consumerScope(await grantFor(token.grantId)));
      return db.transaction((tx) => revokeToken(tx, ctx, request.params.id));
    },
  );

  // ── Calls and their log ─────────────────────────────────────────────────
  app.get(
    '/api/exchange/calls',
    {
      config: { access: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: 'The call log within my scope, as provider or as consumer, newest first: status, code, sizes, time, the digest of the keys (never the keys)',
        querystring: callListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(callView) }), ...errorResponses },
      },
    },
    async (request) => {
      const grants = principalOf(request).grants;
      const within =
        request.query.side === 'provider' ? unionFilter(grants, ['exchange.read', ...PROVIDER]) : unionFilter(grants, ['exchange.read', 'exchange.request']);
      return listCalls(db, { within, ...request.query });
    },
  );

  app.post(
    '/api/exchange/calls/verify',
    {
      config: { access: 'exchange.verify' },
      schema: {
        tags: ['exchange'],
        summary:
          'Seal the finished calls, then recompute the SM3 chain of the call log, every call’s MAC and every signed checkpoint; names the first forged or altered call',
        response: { 200: verifyReply, ...errorResponses },
      },
    },
    async () => {
      await sealCalls(db);
      const result = await verifyCalls(db);
      if (result.ok) await writeCallCheckpoint(db);
      return result;
    },
  );

  app.get(
    '/api/exchange/calls/checkpoints',
    {
      config: { access: 'exchange.verify' },
      schema: {
        tags: ['exchange'],
        summary: 'The SM2-signed checkpoints of the call chain (export and keep them outside the database)',
        response: { 200: z.object({ items: z.array(checkpointView) }), ...errorResponses },
      },
    },
    async () => ({ items: await listCallCheckpoints(db) }),
  );

  app.get(
    '/api/exchange/statistics',
    {
      config: { access: 'exchange.stats' },
      schema: {
        tags: ['exchange'],
        summary: 'Calls of a month per provider, consumer and resource (calls, failures, p95), and 挂载率 per department, within my scope',
        querystring: monthQuery,
        response: { 200: statsReply, ...errorResponses },
      },
    },
    async (request) => callStatistics(db, request.query.month ?? thisMonth(), scopeFilter(principalOf(request).grants, 'exchange.stats')),
  );

  // ── Endpoints (前置机/接口登记) and mounting (挂载), ADR 0047 ───────────────
  /** Registering endpoints: the provider department's data officer, or the data office of the region (监督). */
  const ENDPOINTS: readonly Permission[] = ['exchange.endpoints', 'exchange.oversee'];
  const endpointContext = (request: Parameters<typeof contextOf>[0], scope: Scope) => {
    const permission = firstHeld(principalOf(request).grants, ENDPOINTS, scope);
    if (!permission) throw authErrors.AUTH_FORBIDDEN({ permission: 'exchange.endpoints' });
    return contextOf(request, permission, scope);
  };

  app.get(
    '/api/exchange/endpoints',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary: 'The registered endpoints (前置机/接口) of provider departments within my scope, newest first',
        querystring: endpointListQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(endpointView) }), ...errorResponses },
      },
    },
    async (request) => listEndpoints(db, { within: unionFilter(principalOf(request).grants, ENDPOINTS), ...request.query }),
  );

  app.post(
    '/api/exchange/endpoints',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary:
          'Register an endpoint of a provider department’s system: name, base URL (http/https), GET or POST, the parameter the key goes in, the time budget (default 3000 ms, at most 10000)',
        headers: idempotencyHeader,
        body: endpointBody,
        response: { 201: endpointView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const provider = await providerOf(db, request.body.departmentId);
      const ctx = endpointContext(request, provider);
      const result = await runIdempotent(db, `exchange-endpoint:${ctx.actor.id}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createEndpoint(tx, ctx, request.body, provider),
      }));
      return reply.status(result.status).send(result.body);
    },
  );

  app.get(
    '/api/exchange/endpoints/:id',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary: 'One registered endpoint',
        params: idParam,
        response: { 200: endpointView, ...errorResponses },
      },
    },
    async (request) => {
      const e = await getEndpoint(db, request.params.id);
      if (!firstHeld(principalOf(request).grants, ENDPOINTS, endpointScope(e))) throw exchangeErrors.EXCHANGE_ENDPOINT_NOT_FOUND({ id: e.id });
      return e;
    },
  );

  app.put(
    '/api/exchange/endpoints/:id',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary: 'Change an endpoint (carries its row version): name, base URL, method, key parameter, time budget',
        params: idParam,
        body: endpointUpdateBody,
        response: { 200: endpointView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = endpointContext(request, endpointScope(await getEndpoint(db, request.params.id)));
      return db.transaction((tx) => updateEndpoint(tx, ctx, request.params.id, request.body));
    },
  );

  app.post(
    '/api/exchange/endpoints/:id/status',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary: 'Disable an endpoint (calls of the resources mounted to it are refused from now on) or enable it again (carries its row version)',
        params: idParam,
        body: endpointStatusBody,
        response: { 200: endpointView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = endpointContext(request, endpointScope(await getEndpoint(db, request.params.id)));
      return db.transaction((tx) => setEndpointStatus(tx, ctx, request.params.id, request.body));
    },
  );

  app.put(
    '/api/exchange/resources/:id/mount',
    {
      config: { access: 'exchange.endpoints' },
      schema: {
        tags: ['exchange'],
        summary:
          '挂载: mount a resource to an active endpoint of its provider (its calls are forwarded there), or back to its collected table (endpointId null); carries the resource’s row version',
        params: idParam,
        body: mountBody,
        response: { 200: resourceView, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = endpointContext(request, resourceScope(await getResource(db, request.params.id)));
      return db.transaction((tx) => mountResource(tx, ctx, request.params.id, request.body));
    },
  );

  // ── Collection ──────────────────────────────────────────────────────────
  // The upload is read as it arrives (a city's table is a million rows): in this child context the body of any type
  // is handed to the handler as a stream, with the byte limit of loadRecords instead of the app's body limit.
  await app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/exchange/resources/:id/loads',
      {
        config: { access: 'exchange.collect' },
        schema: {
          tags: ['exchange'],
          summary:
            'Load rows into the resource’s collected table (body: CSV or an xlsx sheet with a header row of field keys, or JSON lines; read as it arrives): every row checked against the fields; all_or_nothing refuses the load for one bad row, reject_bad_rows loads the good rows; upsert by the key field in one statement at the end; rowsDone on the load (GET …/loads) grows while it runs; the record counts and reconciles',
          params: idParam,
          querystring: loadQuery,
          headers: idempotencyHeader,
          response: { 201: loadView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const resource = await getResource(db, request.params.id);
        const ctx = contextOf(request, 'exchange.collect', resourceScope(resource));
        const body = request.body as AsyncIterable<Buffer> | undefined;
        if (!body) throw exchangeErrors.EXCHANGE_LOAD_EMPTY();
        // The key is required (a repeat answers the load it made); it binds the resource, format, mode and declared count.
        const idempotencyKey = checkKey(idempotencyKeyOf(request));
        return reply.status(201).send(await loadRecords(db, ctx, resource, { ...request.query, text: body, idempotencyKey }));
      },
    );
  });

  app.get(
    '/api/exchange/resources/:id/loads',
    {
      config: { access: 'exchange.collect' },
      schema: {
        tags: ['exchange'],
        summary: 'The loads of a resource’s collected table, newest first',
        params: idParam,
        response: { 200: z.object({ items: z.array(loadView) }), ...errorResponses },
      },
    },
    async (request) => {
      contextOf(request, 'exchange.collect', resourceScope(await getResource(db, request.params.id)));
      return { items: await listLoads(db, request.params.id) };
    },
  );

  // ── The call itself (last: its path is a parameter under /api/exchange/) ──
  app.get(
    '/api/exchange/:code',
    {
      config: { access: 'public', ownRateLimit: true },
      schema: {
        tags: ['exchange'],
        summary:
          'Call a resource with a machine token (header X-Exchange-Token) and its key (?key=, or the key field by name): only the granted fields, masked as granted. Every call, refused ones too, is logged before the answer',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.looseObject({
          key: z.string().max(200).optional().describe('The value of the resource’s key field (e.g. an ID number); or name the key field itself'),
        }),
        headers: z.object({ 'x-exchange-token': z.string().max(200).optional() }),
        response: {
          200: z.object({ resource: z.string(), items: z.array(exchangeRecord) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await serveCall(db, { resourceCode: request.params.code, token: request.headers['x-exchange-token'], keys: queryKeys(request.query) });
      return reply.status(result.status).send(result.body as never);
    },
  );
};
