import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../../../tests/support/app.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { BUNDLES } from '../../bootstrap/demo-catalog/index.ts';
import { DEMO_COMPANY_USCC } from '../../bootstrap/demo.ts';

/**
 * Role × route × scope for every route of the bundles module. The public reads published bundles without signing
 * in. Item admins edit, preview and move bundles of their region and lead department: a city bundle (340600, the
 * city market department) is the national admin's and the city item admin's, not the districts' (admin.xs, admin.sx,
 * itemadmin.sx); a county bundle (340621, 濉溪县市场监督管理局) is also admin.sx's and itemadmin.sx's. Nobody else
 * (clerks, reviewers, supervisors, applicants) holds bundles.edit or bundles.review.
 */
let cast: Cast;
let cityMarket: number;
let countyMarket: number;
let cityDraft: number;
let countyDraft: number;
let bundleCase: string;
let memberCase: string;
let uploadIdentity: string;
let pledgeIdentity: string;
const RESTAURANT = '340600-YJS-0001';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let n = 0;
const unique = () => `${Date.now().toString(36).slice(-5)}${n++}`.toUpperCase();

const EDIT = ['admin', 'itemadmin', 'admin.xs', 'admin.sx', 'itemadmin.sx'];
/** cases.accept: the windows (and admins) of every region; each sees its own region's queue. */
const WINDOW_HOLDERS = ['admin', 'admin.xs', 'admin.sx', 'clerk', 'clerk.sx'];
/** cases.supervise: supervisors and admins of every region; each counts its own region's bundle cases. */
const SUPERVISE = ['admin', 'admin.xs', 'admin.sx', 'supervisor', 'supervisor.xs', 'supervisor.sx'];
const CITY_EDIT = ['admin', 'itemadmin'];
const COUNTY_EDIT = ['admin', 'itemadmin', 'admin.sx', 'itemadmin.sx'];
const content = () => structuredClone(BUNDLES.find((b) => b.content.name === '新生儿出生')!.content);
const stale = { version: 9999, note: '权限测试' };

async function create(actor: string, regionCode: string, departmentId: number): Promise<number> {
  const res = await cast.t.app.inject({
    method: 'POST',
    url: '/api/bundle-definitions',
    headers: { ...bearer(cast.token(actor)), 'idempotency-key': `perm-${unique()}` },
    payload: { code: `P-${unique()}`, regionCode, departmentId, content: content() },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
}

before(async () => {
  cast = await castApp();
  cityMarket = await cast.department('淮北市市场监督管理局');
  countyMarket = await cast.department('濉溪县市场监督管理局');
  cityDraft = await create('itemadmin', '340600', cityMarket);
  // A county bundle may use the city's implementations: they are carried out in the county too.
  countyDraft = await create('itemadmin.sx', '340621', countyMarket);
  // A draft bundle case of the company (开办餐饮店), and the number of its 营业执照 member case.
  const applied = await cast.t.app.inject({
    method: 'POST',
    url: '/api/bundle-cases',
    headers: { ...bearer(cast.token('company')), 'idempotency-key': `perm-${unique()}` },
    payload: { bundleCode: RESTAURANT, answers: {} },
  });
  assert.equal(applied.statusCode, 201, applied.body);
  const body = applied.json() as { number: string; members: { key: string; number: string }[] };
  bundleCase = body.number;
  memberCase = body.members.find((m) => m.key === 'license')!.number;
  const detail = await cast.t.app.inject({ method: 'GET', url: `/api/bundle-cases/${bundleCase}`, headers: bearer(cast.token('company')) });
  const materials = (detail.json() as { materials: { identity: string; name: string }[] }).materials;
  uploadIdentity = materials.find((m) => m.name.includes('公司章程'))!.identity;
  pledgeIdentity = materials.find((m) => m.name.includes('住所'))!.identity;
});
after(() => cast.t.close());

const onBundle = (which: () => number, suffix: string, payload?: object) => () => ({ url: `/api/bundle-definitions/${which()}${suffix}`, payload });

permissionMatrix(
  'bundles',
  [
    // ── public ──
    { route: 'GET /api/bundles', allowed: 'public' },
    { route: 'GET /api/bundles/:code', allowed: 'public', request: { url: '/api/bundles/340600-YJS-0001' }, allowedStatus: [200] },

    // ── item admins ──
    { route: 'GET /api/bundle-definitions', allowed: EDIT, allowedStatus: [200] },
    {
      route: 'POST /api/bundle-definitions',
      allowed: CITY_EDIT,
      request: () => ({
        url: '/api/bundle-definitions',
        payload: { code: `P-${unique()}`, regionCode: '340600', departmentId: cityMarket, content: content() },
      }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/bundle-definitions',
      allowed: COUNTY_EDIT,
      request: () => ({
        url: '/api/bundle-definitions',
        payload: { code: `P-${unique()}`, regionCode: '340621', departmentId: countyMarket, content: content() },
      }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/bundle-definitions/preview',
      allowed: CITY_EDIT,
      request: () => ({ url: '/api/bundle-definitions/preview', payload: { regionCode: '340600', departmentId: cityMarket, content: content() } }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/bundle-definitions/preview',
      allowed: COUNTY_EDIT,
      request: () => ({ url: '/api/bundle-definitions/preview', payload: { regionCode: '340621', departmentId: countyMarket, content: content() } }),
      allowedStatus: [200],
    },
    // 二次统筹 (ADR 0045): every editor reads the comparison; what it shows of drafts follows the scope (bundles.harmonisation.test.ts).
    {
      route: 'GET /api/bundle-definitions/harmonisation',
      allowed: EDIT,
      request: { url: '/api/bundle-definitions/harmonisation?region=340600&code=340600-YJS-0001' },
      allowedStatus: [200],
    },
    // Adopting a city template from the web, and its later versions (ADR 0045, 2026-12-07): the county's editors.
    {
      route: 'POST /api/bundle-definitions/adopt',
      allowed: COUNTY_EDIT,
      request: () => ({
        url: '/api/bundle-definitions/adopt',
        payload: { templateCode: RESTAURANT, code: `P-${unique()}`, regionCode: '340621', departmentId: countyMarket },
      }),
      allowedStatus: [201],
    },
    { route: 'GET /api/bundle-definitions/:id/template', allowed: CITY_EDIT, request: onBundle(() => cityDraft, '/template'), allowedStatus: [200] },
    { route: 'GET /api/bundle-definitions/:id/template', allowed: COUNTY_EDIT, request: onBundle(() => countyDraft, '/template'), allowedStatus: [200] },
    {
      route: 'POST /api/bundle-definitions/:id/take-template',
      allowed: COUNTY_EDIT,
      request: onBundle(() => countyDraft, '/take-template', { version: 9999 }),
      allowedStatus: [409],
    },
    { route: 'GET /api/bundle-definitions/:id', allowed: CITY_EDIT, request: onBundle(() => cityDraft, ''), allowedStatus: [200] },
    { route: 'GET /api/bundle-definitions/:id', allowed: COUNTY_EDIT, request: onBundle(() => countyDraft, ''), allowedStatus: [200] },
    // Changes with a stale version: past the access check the answer is a conflict, and nothing moves.
    {
      route: 'PUT /api/bundle-definitions/:id/draft',
      allowed: CITY_EDIT,
      request: onBundle(() => cityDraft, '/draft', { content: content(), version: 9999 }),
      allowedStatus: [409],
    },
    {
      route: 'PUT /api/bundle-definitions/:id/draft',
      allowed: COUNTY_EDIT,
      request: onBundle(() => countyDraft, '/draft', { content: content(), version: 9999 }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/bundle-definitions/:id/new-version',
      allowed: CITY_EDIT,
      request: onBundle(() => cityDraft, '/new-version', { version: 9999 }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/bundle-definitions/:id/new-version',
      allowed: COUNTY_EDIT,
      request: onBundle(() => countyDraft, '/new-version', { version: 9999 }),
      allowedStatus: [409],
    },
    ...(['submit', 'approve', 'reject', 'suspend', 'resume', 'abolish'] as const).flatMap((action) => [
      {
        route: `POST /api/bundle-definitions/:id/${action}` as const,
        allowed: CITY_EDIT,
        request: onBundle(() => cityDraft, `/${action}`, stale),
        allowedStatus: [409],
      },
      {
        route: `POST /api/bundle-definitions/:id/${action}` as const,
        allowed: COUNTY_EDIT,
        request: onBundle(() => countyDraft, `/${action}`, stale),
        allowedStatus: [409],
      },
    ]),

    // ── bundle cases (ADR 0036): applicants, agents and the window apply as for one case (POST /api/cases) ──
    {
      route: 'POST /api/bundle-cases',
      allowed: ['admin', 'admin.xs', 'admin.sx', 'clerk', 'person', 'company', 'agent'],
      // A draft; the window names the applicant, others ignore it; an agent without a principal and admins without an ID number get 400.
      request: () => ({
        url: '/api/bundle-cases',
        payload: {
          bundleCode: RESTAURANT,
          answers: {},
          applicant: { kind: 'organisation', name: '淮北市相山区味道餐饮有限公司', idNumber: DEMO_COMPANY_USCC },
        },
      }),
    },
    { route: 'GET /api/bundle-cases/mine', allowed: 'signed-in', allowedStatus: [200] },
    // The applicant sees the bundle case as one thing; so does the window of its region (前台综合受理).
    {
      route: 'GET /api/bundle-cases/:number',
      allowed: ['admin', 'clerk', 'company'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}` }),
      allowedStatus: [200],
    },
    {
      route: 'PUT /api/bundle-cases/:number/materials',
      allowed: ['company'],
      request: () => ({
        url: `/api/bundle-cases/${bundleCase}/materials?identity=${encodeURIComponent(uploadIdentity)}&fileName=a.pdf`,
        payload: PDF,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/bundle-cases/:number/materials/pledge',
      allowed: ['company'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/materials/pledge?identity=${encodeURIComponent(pledgeIdentity)}` }),
      allowedStatus: [200],
    },
    {
      route: 'POST /api/bundle-cases/:number/submit',
      allowed: ['company'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/submit`, payload: { version: 9999 } }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/bundle-cases/:number/withdraw',
      allowed: ['company'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/withdraw`, payload: { version: 9999, reason: '权限测试' } }),
      allowedStatus: [409],
    },
    // A department sees its member case's bundle context: its reviewers and supervisors, the window, and the applicant.
    {
      route: 'GET /api/bundle-cases/by-member/:number',
      allowed: ['admin', 'supervisor', 'clerk', 'reviewer', 'company'],
      request: () => ({ url: `/api/bundle-cases/by-member/${memberCase}` }),
      allowedStatus: [200],
    },
    // ── at the window, once for all members (ADR 0037): the window of the bundle case's region; the applicant answers and rates ──
    { route: 'GET /api/bundle-cases/window', allowed: WINDOW_HOLDERS, allowedStatus: [200] },
    ...(
      [
        ['accept', {}],
        ['refuse', { reason: '权限测试', legalBasis: '权限测试' }],
        ['correction', { items: [{ member: 'license', note: '权限测试' }] }],
        ['deliver', { method: 'window' }],
      ] as const
    ).map(([action, body]) => ({
      route: `POST /api/bundle-cases/:number/${action}` as const,
      // Inside the bundle case's region (340600): the city's window and the national admin; the districts' are refused.
      allowed: ['admin', 'clerk'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/${action}`, payload: { version: 9999, ...body } }),
      allowedStatus: [409],
    })),
    {
      route: 'POST /api/bundle-cases/:number/resubmit',
      allowed: ['company'],
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/resubmit`, payload: { version: 9999, answers: [] } }),
      allowedStatus: [409],
    },
    {
      route: 'POST /api/bundle-cases/:number/rate',
      allowed: ['company'],
      // A draft: not closed yet.
      request: () => ({ url: `/api/bundle-cases/${bundleCase}/rate`, payload: { level: '1' } }),
      allowedStatus: [409],
    },
    // Supervisors count their regions' bundle cases; item admins those their department leads (ADR 0045).
    {
      route: 'GET /api/bundle-cases/statistics',
      allowed: [...SUPERVISE, 'itemadmin', 'itemadmin.sx'],
      request: { url: '/api/bundle-cases/statistics?from=2026-01&to=2026-12' },
      allowedStatus: [200],
    },
    // The literal routes, for the coverage check: 'POST /api/bundle-cases/:number/accept' 'POST /api/bundle-cases/:number/refuse'
    // 'POST /api/bundle-cases/:number/correction' 'POST /api/bundle-cases/:number/deliver'
    // The literal routes, for the coverage check: 'POST /api/bundle-definitions/:id/submit'
    // 'POST /api/bundle-definitions/:id/approve' 'POST /api/bundle-definitions/:id/reject'
    // 'POST /api/bundle-definitions/:id/suspend' 'POST /api/bundle-definitions/:id/resume'
    // 'POST /api/bundle-definitions/:id/abolish'
  ],
  () => cast,
);
