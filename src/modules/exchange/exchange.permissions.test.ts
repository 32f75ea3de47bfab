import { after, before } from 'node:test';
import { bearer } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { resourceInput } from '../../../tests/support/exchange.ts';
import type { DemandView, EndpointView, GrantView, ResourceView } from './exchange.types.ts';

/**
 * The exchange routes for every role inside and outside the record's scope. Records: resources of 淮北市公安局 (the
 * city's police, provider) and requests of 淮北市市场监督管理局 (the city's market department, consumer: `reviewer`).
 * The data officer (数据资源管理局, 340600) keeps the city's catalogue and oversees its requests; 濉溪县's staff are
 * outside; 相山区's market reviewer is another department. The call itself is public with a machine token.
 */
let cast: Cast;
let police: number;
let marketDept: number;
let n = 0;
const idem = () => ({ 'idempotency-key': `perm-exchange-${n++}` });

const body = (over: Record<string, unknown> = {}) =>
  resourceInput(police, n++, {
    classification: '909001',
    name: '权限测试资源',
    summary: '测试',
    fields: [
      { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
      { key: 'name', name: '姓名', type: 'string', required: true },
    ],
    ...over,
  });

async function inject(actor: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return cast.t.app.inject({ method, url, payload: payload as never, headers: { ...bearer(cast.token(actor)), ...idem() } });
}

async function resource(published = false): Promise<ResourceView> {
  const c = await inject('dataofficer', 'POST', '/api/exchange/resources', body());
  if (c.statusCode !== 201) throw new Error(`resource: ${c.body}`);
  let r = c.json() as ResourceView;
  if (published) {
    for (const action of ['submit', 'publish']) {
      const t = await inject('dataofficer', 'POST', `/api/exchange/resources/${r.id}/transitions`, { action, version: r.version });
      if (t.statusCode !== 200) throw new Error(`${action}: ${t.body}`);
      r = t.json() as ResourceView;
    }
  }
  return r;
}

async function endpoint(): Promise<EndpointView> {
  const res = await inject('dataofficer', 'POST', '/api/exchange/endpoints', {
    name: '权限测试接口',
    baseUrl: 'http://127.0.0.1:9/people',
    method: 'GET',
    keyParam: 'sfzh',
    departmentId: police,
  });
  if (res.statusCode !== 201) throw new Error(`endpoint: ${res.body}`);
  return res.json() as EndpointView;
}

async function pendingRequest(resourceId: number): Promise<GrantView> {
  const res = await inject('reviewer', 'POST', '/api/exchange/grants', {
    resourceId,
    purpose: '核验',
    legalBasis: '条例',
    fields: ['id_number', 'name'],
    periodFrom: '2026-01-01',
    periodTo: '2027-12-31',
    expectedVolume: 1,
  });
  if (res.statusCode !== 201) throw new Error(`request: ${res.body}`);
  return res.json() as GrantView;
}

async function granted(resourceId: number): Promise<GrantView> {
  const g = await pendingRequest(resourceId);
  const res = await inject('admin', 'POST', `/api/exchange/grants/${g.id}/grant`, { version: g.version, allowedFields: ['id_number', 'name'] });
  if (res.statusCode !== 200) throw new Error(`grant: ${res.body}`);
  return res.json() as GrantView;
}

async function filedDemand(): Promise<DemandView> {
  const res = await inject('reviewer', 'POST', '/api/exchange/demands', {
    title: '居住登记',
    purpose: '核验',
    legalBasis: '条例',
    wantedFields: ['居住地址'],
    providerDepartmentId: police,
  });
  if (res.statusCode !== 201) throw new Error(`demand: ${res.body}`);
  return res.json() as DemandView;
}

let published: ResourceView;
let demand: DemandView;
let draft: ResourceView;
let grant: GrantView;
let token: string;
let registered: EndpointView;

before(async () => {
  cast = await castApp({ demo: true });
  police = await cast.department('淮北市公安局');
  marketDept = await cast.department('淮北市市场监督管理局');
  published = await resource(true);
  draft = await resource();
  grant = await granted(published.id);
  const t = await inject('reviewer', 'POST', '/api/exchange/tokens', { grantId: grant.id, name: 'perm' });
  token = (t.json() as { token: string }).token;
  demand = await filedDemand();
  registered = await endpoint();
  void marketDept;
});
after(() => cast.t.close());

// The data officer (city-wide catalogue, oversight) and the admins whose region holds the city.
const CATALOG = ['admin', 'dataofficer'];
const READERS = [
  'admin',
  'admin.xs',
  'admin.sx',
  'dataofficer',
  'dataofficer.sx',
  'reviewer',
  'reviewer.xs',
  'reviewer.sx',
  'supervisor',
  'supervisor.xs',
  'supervisor.sx',
];
// The consumer side of the market department's grant: its reviewer (and the admin).
const CONSUMER = ['admin', 'reviewer'];
// The provider side: the police have no reviewer in this cast; the data officer oversees the city.
const PROVIDER = ['admin', 'dataofficer'];
// The log's proof is the platform's, not a department's: every holder of exchange.verify.
const VERIFIERS = ['admin', 'admin.xs', 'admin.sx', 'dataofficer', 'dataofficer.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'];

permissionMatrix(
  'exchange',
  [
    { route: 'GET /api/public/exchange/resources', allowed: 'public' },
    { route: 'GET /api/public/exchange/statistics', allowed: 'public' },
    {
      route: 'GET /api/exchange/:code',
      allowed: 'public',
      request: () => ({ url: `/api/exchange/${published.code}?key=x`, headers: { 'x-exchange-token': token } }),
      allowedStatus: [200],
    },
    { route: 'GET /api/exchange/resources', allowed: READERS, allowedStatus: [200] },
    { route: 'POST /api/exchange/resources', allowed: CATALOG, request: () => ({ payload: body() }), allowedStatus: [201] },
    // A draft is seen within its scope only (the data officer's region, the admins'); a published one by every reader.
    {
      route: 'GET /api/exchange/resources/:id',
      allowed: [...CATALOG, 'supervisor'],
      request: () => ({ url: `/api/exchange/resources/${draft.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/exchange/resources/:id',
      allowed: CATALOG,
      request: async () => {
        const r = await resource();
        const { departmentId: _d, ...rest } = body({ sequence: r.sequence });
        return { url: `/api/exchange/resources/${r.id}`, payload: { ...rest, version: r.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/resources/:id/transitions',
      allowed: CATALOG,
      request: async () => {
        const r = await resource();
        return { url: `/api/exchange/resources/${r.id}/transitions`, payload: { action: 'submit', version: r.version } };
      },
      allowedStatus: [200],
    },
    { route: 'GET /api/exchange/catalogue.xlsx', allowed: READERS, allowedStatus: [200] },
    {
      // Any holder of the catalogue permission may send a workbook; each row is checked against the sender's scope.
      route: 'POST /api/exchange/catalogue/imports',
      allowed: ['admin', 'admin.xs', 'admin.sx', 'dataofficer', 'dataofficer.sx'],
      request: () => ({ payload: Buffer.from('not a workbook'), headers: { 'content-type': 'application/octet-stream' } }),
      allowedStatus: [400],
    },
    { route: 'GET /api/exchange/grants', allowed: READERS, allowedStatus: [200] },
    {
      // Any department's requester files for its own department (the 濉溪县 and 相山区 reviewers for theirs).
      route: 'POST /api/exchange/grants',
      allowed: ['dataofficer', 'reviewer', 'reviewer.xs', 'reviewer.sx'],
      request: () => ({
        payload: {
          resourceId: published.id,
          purpose: 'p',
          legalBasis: 'b',
          fields: ['name'],
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          expectedVolume: 1,
        },
      }),
      allowedStatus: [201],
    },
    {
      route: 'GET /api/exchange/grants/:id',
      allowed: ['admin', 'dataofficer', 'reviewer', 'supervisor'],
      request: () => ({ url: `/api/exchange/grants/${grant.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/grants/:id/grant',
      allowed: PROVIDER,
      request: async () => {
        const g = await pendingRequest(published.id);
        return { url: `/api/exchange/grants/${g.id}/grant`, payload: { version: g.version, allowedFields: ['name'] } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/grants/:id/refuse',
      allowed: PROVIDER,
      request: async () => {
        const g = await pendingRequest(published.id);
        return { url: `/api/exchange/grants/${g.id}/refuse`, payload: { version: g.version, reasons: '不符合' } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/grants/:id/revoke',
      allowed: PROVIDER,
      request: async () => {
        const g = await granted(published.id);
        return { url: `/api/exchange/grants/${g.id}/revoke`, payload: { version: g.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'GET /api/exchange/grants/:id/tokens',
      allowed: CONSUMER,
      request: () => ({ url: `/api/exchange/grants/${grant.id}/tokens` }),
      allowedStatus: [200],
    },
    { route: 'POST /api/exchange/tokens', allowed: CONSUMER, request: () => ({ payload: { grantId: grant.id, name: 't' } }), allowedStatus: [201] },
    {
      route: 'POST /api/exchange/tokens/:id/revoke',
      allowed: CONSUMER,
      request: async () => {
        const t = await inject('reviewer', 'POST', '/api/exchange/tokens', { grantId: grant.id, name: 'r' });
        return { url: `/api/exchange/tokens/${(t.json() as { id: number }).id}/revoke` };
      },
      allowedStatus: [200],
    },
    // 数据需求: filed by a department for itself (to the police here), answered by the provider's side.
    { route: 'GET /api/exchange/demands', allowed: READERS, allowedStatus: [200] },
    {
      route: 'POST /api/exchange/demands',
      allowed: ['dataofficer', 'reviewer', 'reviewer.xs', 'reviewer.sx'],
      request: () => ({ payload: { title: 't', purpose: 'p', legalBasis: 'b', wantedFields: ['f'], providerDepartmentId: police } }),
      allowedStatus: [201],
    },
    {
      route: 'GET /api/exchange/demands/statistics',
      allowed: ['admin', 'admin.xs', 'admin.sx', 'dataofficer', 'dataofficer.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'],
      allowedStatus: [200],
    },
    {
      route: 'GET /api/exchange/demands/:id',
      allowed: ['admin', 'dataofficer', 'reviewer', 'supervisor'],
      request: () => ({ url: `/api/exchange/demands/${demand.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/demands/:id/accept',
      allowed: PROVIDER,
      request: async () => {
        const d = await filedDemand();
        return { url: `/api/exchange/demands/${d.id}/accept`, payload: { version: d.version, answer: '将提供' } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/demands/:id/refuse',
      allowed: PROVIDER,
      request: async () => {
        const d = await filedDemand();
        return { url: `/api/exchange/demands/${d.id}/refuse`, payload: { version: d.version, reasons: '无此数据' } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/demands/:id/link',
      allowed: PROVIDER,
      request: async () => {
        const d = await filedDemand();
        const a = await inject('admin', 'POST', `/api/exchange/demands/${d.id}/accept`, { version: d.version, answer: '将提供' });
        if (a.statusCode !== 200) throw new Error(`accept: ${a.body}`);
        return { url: `/api/exchange/demands/${d.id}/link`, payload: { version: (a.json() as DemandView).version, resourceId: published.id } };
      },
      allowedStatus: [200],
    },
    { route: 'GET /api/exchange/calls', allowed: READERS, allowedStatus: [200] },
    { route: 'POST /api/exchange/calls/verify', allowed: VERIFIERS, allowedStatus: [200] },
    { route: 'GET /api/exchange/calls/checkpoints', allowed: VERIFIERS, allowedStatus: [200] },
    {
      route: 'GET /api/exchange/statistics',
      allowed: ['admin', 'admin.xs', 'admin.sx', 'dataofficer', 'dataofficer.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'],
      allowedStatus: [200],
    },
    {
      // The police's table: loaded by its provider's scope (the data officer's region holds no department grant of
      // the police: only admins here; the police reviewer is not in the cast).
      route: 'POST /api/exchange/resources/:id/loads',
      allowed: ['admin'],
      request: () => ({
        url: `/api/exchange/resources/${published.id}/loads?format=jsonl`,
        payload: Buffer.from('{"id_number":"1","name":"甲"}'),
        headers: { 'content-type': 'application/octet-stream' },
      }),
      allowedStatus: [201],
    },
    // 前置机/接口登记: the provider's data officer (none for the police in this cast) and the data office of the city.
    { route: 'GET /api/exchange/endpoints', allowed: ['admin', 'admin.xs', 'admin.sx', 'dataofficer', 'dataofficer.sx'], allowedStatus: [200] },
    {
      route: 'POST /api/exchange/endpoints',
      allowed: PROVIDER,
      request: () => ({ payload: { name: 'e', baseUrl: 'http://127.0.0.1:9/x', method: 'POST', keyParam: 'key', departmentId: police } }),
      allowedStatus: [201],
    },
    {
      route: 'GET /api/exchange/endpoints/:id',
      allowed: PROVIDER,
      request: () => ({ url: `/api/exchange/endpoints/${registered.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/exchange/endpoints/:id',
      allowed: PROVIDER,
      request: async () => {
        const e = await endpoint();
        return {
          url: `/api/exchange/endpoints/${e.id}`,
          payload: { name: '改名', baseUrl: e.baseUrl, method: e.method, keyParam: e.keyParam, timeoutMs: 2000, version: e.version },
        };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/exchange/endpoints/:id/status',
      allowed: PROVIDER,
      request: async () => {
        const e = await endpoint();
        return { url: `/api/exchange/endpoints/${e.id}/status`, payload: { status: 'disabled', version: e.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/exchange/resources/:id/mount',
      allowed: PROVIDER,
      request: async () => {
        const r = await resource(true);
        return { url: `/api/exchange/resources/${r.id}/mount`, payload: { version: r.version, endpointId: registered.id } };
      },
      allowedStatus: [200],
    },
    {
      route: 'GET /api/exchange/resources/:id/loads',
      allowed: ['admin'],
      request: () => ({ url: `/api/exchange/resources/${published.id}/loads` }),
      allowedStatus: [200],
    },
  ],
  () => cast,
);
