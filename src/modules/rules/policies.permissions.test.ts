import { after, before } from 'node:test';
import { bearer } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { DEMO_COMPANY_USCC } from '../../bootstrap/demo.ts';
import { smallBusinessHiringPolicy } from '../../bootstrap/demo-policies.ts';

/**
 * 惠企政策 and 免申即享 (ADR 0038). The records: policies of 淮北市市场监督管理局 (city, 340600) and of the city's
 * 人社局; the demo company, registered in 相山区 (340603), and its benefits. Policies are read by item admins,
 * reviewers and supervisors within their scope, drafted by item admins and the department's reviewers, published by
 * item admins. A profile is read by the window, reviewers and supervisors whose region holds the subject, tagged by
 * reviewers. Benefits are handled by the reviewers of the policy's department. An applicant sees only its own.
 */
let cast: Cast;
let market: number;
let hrss: number;
let n = 0;

const regionOnly = {
  inputs: [{ key: 'region', type: 'string', labelZh: '所在地区', source: { kind: 'profile', attribute: 'regionCode' } }],
  conditions: [{ key: 'local', input: 'region', test: 'startsWith($, "3406")', labelZh: '注册地在淮北市', article: '《淮北市优化营商环境若干措施》第三条' }],
  goldenCases: [{ name: '本地', inputs: { region: '340603' }, expected: 'grant' }],
};

async function call(actor: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await cast.t.app.inject({ method, url, payload, headers: { ...bearer(cast.token(actor)), 'idempotency-key': `perm-policies-${n++}` } });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; version: number; code: string };
}

/** A fresh policy of a department (published when asked). */
async function policy(departmentId: number, published: boolean, content: object = regionOnly) {
  const p = await call('admin', 'POST', '/api/policies', {
    code: `perm-${n++}`,
    title: '权限测试政策',
    issuer: '淮北市人民政府',
    documentNumber: '淮政〔2026〕1号',
    target: 'organisation',
    automatic: true,
    benefitZh: '补贴',
    amountYuan: 100,
    validFrom: '2025-01-01',
    regionCode: '340600',
    departmentId,
    content,
  });
  return published ? call('admin', 'POST', `/api/policies/${p.id}/publish`, { version: p.version }) : p;
}

const SUBJECT = `organisation:${DEMO_COMPANY_USCC}`;
let shared: { id: number };
let benefit: { id: number; version: number };
let offer: { id: number; version: number };

before(async () => {
  cast = await castApp();
  market = await cast.department('淮北市市场监督管理局');
  hrss = await cast.department('淮北市人力资源和社会保障局');
  shared = await policy(market, false);
  await policy(market, true);
  await policy(hrss, true, smallBusinessHiringPolicy);
  const profile = await call('admin', 'GET', `/api/policy-profiles/${SUBJECT}`);
  await call('admin', 'PUT', `/api/policy-profiles/${SUBJECT}/tags`, { tags: ['小微企业'], version: profile.version });
  await call('admin', 'POST', '/api/policies/match-runs');
  const mine = (await cast.t.app.inject({ method: 'GET', url: '/api/my/benefits', headers: bearer(cast.token('company')) })).json() as {
    items: { id: number; version: number; kind: string }[];
  };
  benefit = mine.items.find((b) => b.kind === 'automatic')!;
  offer = mine.items.find((b) => b.kind === 'quick')!;
});
after(() => cast.t.close());

const READ_HOLDERS = [
  'admin',
  'admin.xs',
  'admin.sx',
  'itemadmin',
  'itemadmin.sx',
  'reviewer',
  'reviewer.xs',
  'reviewer.sx',
  'supervisor',
  'supervisor.xs',
  'supervisor.sx',
];
// The editor's check, facts and the import template touch no record: a holder of policies.edit in any scope.
const EDIT_HOLDERS = ['admin', 'admin.xs', 'admin.sx', 'itemadmin', 'itemadmin.sx', 'reviewer', 'reviewer.xs', 'reviewer.sx'];
const BENEFIT_READERS = ['admin', 'admin.xs', 'admin.sx', 'reviewer', 'reviewer.xs', 'reviewer.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'];
const BENEFIT_HANDLERS = ['admin', 'admin.xs', 'admin.sx', 'reviewer', 'reviewer.xs', 'reviewer.sx'];
// The city's market department: its records are outside the districts' staff and other departments' reviewers.
const CITY_MARKET_EDIT = ['admin', 'itemadmin', 'reviewer'];
const CITY_MARKET_PUBLISH = ['admin', 'itemadmin'];
// The company is registered in 相山区: inside the city's and 相山区's staff, outside 濉溪县's.
const PROFILE_READERS = ['admin', 'admin.xs', 'clerk', 'reviewer', 'reviewer.xs', 'supervisor', 'supervisor.xs'];
const PROFILE_TAGGERS = ['admin', 'admin.xs', 'reviewer', 'reviewer.xs'];

const draft = (over: object = {}) => ({
  title: '权限测试政策',
  issuer: '淮北市人民政府',
  documentNumber: '淮政〔2026〕1号',
  target: 'organisation',
  automatic: true,
  benefitZh: '补贴',
  amountYuan: 100,
  validFrom: '2025-01-01',
  content: regionOnly,
  ...over,
});

permissionMatrix(
  'policies',
  [
    { route: 'GET /api/public/policies', allowed: 'public', allowedStatus: [200] },
    {
      route: 'GET /api/public/policies/:code',
      allowed: 'public',
      request: async () => ({ url: `/api/public/policies/${(await policy(market, true)).code}` }),
      allowedStatus: [200],
    },
    { route: 'GET /api/policies', allowed: READ_HOLDERS, allowedStatus: [200] },
    {
      route: 'POST /api/policies',
      allowed: CITY_MARKET_EDIT,
      request: () => ({ payload: { ...draft(), code: `perm-new-${n++}`, regionCode: '340600', departmentId: market } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/policies/imports',
      allowed: CITY_MARKET_EDIT,
      request: () => ({
        url: `/api/policies/imports?regionCode=340600&departmentId=${market}`,
        payload: Buffer.from('not a workbook'),
        headers: { 'content-type': 'application/octet-stream' },
      }),
      allowedStatus: [400],
    },
    { route: 'GET /api/policies/imports/template', allowed: EDIT_HOLDERS, allowedStatus: [200] },
    { route: 'GET /api/policies/facts', allowed: EDIT_HOLDERS, allowedStatus: [200] },
    {
      route: 'POST /api/policies/checks',
      allowed: EDIT_HOLDERS,
      request: () => ({ payload: { target: 'organisation', content: regionOnly } }),
      allowedStatus: [200],
    },
    { route: 'GET /api/policies/stats', allowed: BENEFIT_READERS, allowedStatus: [200] },
    { route: 'POST /api/policies/match-runs', allowed: BENEFIT_HANDLERS, allowedStatus: [200] },
    {
      route: 'GET /api/policies/:id',
      allowed: ['admin', 'itemadmin', 'reviewer', 'supervisor'],
      request: () => ({ url: `/api/policies/${shared.id}` }),
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/policies/:id',
      allowed: CITY_MARKET_EDIT,
      request: async () => {
        const p = await policy(market, false);
        return { url: `/api/policies/${p.id}`, payload: { ...draft(), version: p.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/policies/:id/publish',
      allowed: CITY_MARKET_PUBLISH,
      request: async () => {
        const p = await policy(market, false);
        return { url: `/api/policies/${p.id}/publish`, payload: { version: p.version } };
      },
      allowedStatus: [200],
    },
    {
      route: 'POST /api/policies/:id/retire',
      allowed: CITY_MARKET_PUBLISH,
      request: async () => {
        const p = await policy(market, true);
        return { url: `/api/policies/${p.id}/retire`, payload: { version: p.version } };
      },
      allowedStatus: [200],
    },
    { route: 'GET /api/policy-profiles/:subject', allowed: PROFILE_READERS, request: () => ({ url: `/api/policy-profiles/${SUBJECT}` }), allowedStatus: [200] },
    {
      route: 'GET /api/policy-profiles/:subject/eligibility',
      allowed: PROFILE_READERS,
      request: () => ({ url: `/api/policy-profiles/${SUBJECT}/eligibility` }),
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/policy-profiles/:subject/tags',
      allowed: PROFILE_TAGGERS,
      request: async () => {
        const p = await call('admin', 'GET', `/api/policy-profiles/${SUBJECT}`);
        return { url: `/api/policy-profiles/${SUBJECT}/tags`, payload: { tags: ['小微企业'], version: p.version } };
      },
      allowedStatus: [200],
    },
    // An applicant's own: the signed-in company or person; staff and agents have no profile (403).
    { route: 'GET /api/my/policies', allowed: ['company', 'person'], allowedStatus: [200] },
    { route: 'GET /api/my/benefits', allowed: ['company', 'person'], allowedStatus: [200] },
    {
      route: 'POST /api/my/benefits/:id/accept',
      allowed: ['company'],
      request: () => ({ url: `/api/my/benefits/${offer.id}/accept`, payload: { version: offer.version } }),
      allowedStatus: [200],
    },
    { route: 'GET /api/benefits', allowed: BENEFIT_READERS, allowedStatus: [200] },
    // The benefit of the city market department's policy: its reviewers (and the city's admin) only. The second
    // allowed call finds the state moved on (409), past the access check all the same.
    {
      route: 'POST /api/benefits/:id/confirm',
      allowed: ['admin', 'reviewer'],
      request: () => ({ url: `/api/benefits/${benefit.id}/confirm`, payload: { version: benefit.version } }),
      allowedStatus: [200, 409],
    },
    {
      route: 'POST /api/benefits/:id/pay',
      allowed: ['admin', 'reviewer'],
      request: async () => {
        const b = (await cast.t.app.inject({ method: 'GET', url: '/api/my/benefits', headers: bearer(cast.token('company')) })).json() as {
          items: { id: number; version: number }[];
        };
        const now = b.items.find((x) => x.id === benefit.id)!;
        return { url: `/api/benefits/${benefit.id}/pay`, payload: { version: now.version, reference: 'P-1' } };
      },
      allowedStatus: [200, 409],
    },
    {
      route: 'POST /api/benefits/:id/reject',
      allowed: ['admin', 'reviewer'],
      request: () => ({ url: `/api/benefits/${benefit.id}/reject`, payload: { version: benefit.version, reason: '测试' } }),
      allowedStatus: [200, 409],
    },
  ],
  () => cast,
);
