import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { makeUscc } from '../../platform/identity.ts';
import { queryCodeOf } from './cases.progress.ts';

/**
 * Role × route × scope for every route of the cases module. The records are cases of 淮北市市场监督管理局 (region
 * 340600): the city's clerk accepts them, its reviewer handles them, its supervisor watches them; clerk.sx,
 * reviewer.sx, supervisor.sx (濉溪县) and reviewer.xs, supervisor.xs, admin.xs (相山区) are outside. Applicants reach
 * only their own cases: 周小明 (person) owns them, the company and the agent are another applicant.
 */
let cast: Cast;
let item: string;
let grantItem: string;
let useItem: string;
let personId: string;
let reviewer2: number;
let pledgeCheck: number;
let falsePledge: number;
const FOOD_LICENSE = `${makeUscc('11', '100000', '00002010')}002`; // 食品经营许可证 of the demo catalogue, issued by 市场监督管理局

const as = (actor: string) => caseClient(cast.t, cast.token(actor));

async function versionOf(number: string): Promise<number> {
  const [row] = await queryRows<{ version: number }>(cast.t.database.db, sql`SELECT version FROM service_case WHERE number = ${number}`);
  return Number(row.version);
}

async function draft(actor = 'person', body: Record<string, unknown> = {}, implementationCode = item): Promise<string> {
  const res = await as(actor).call('POST', '/api/cases', { implementationCode, formData: { shopName: '味道小馆' }, ...body }, idem());
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { number: string }).number;
}

async function submitted(actor = 'person', implementationCode = item): Promise<string> {
  const n = await draft(actor, {}, implementationCode);
  assert.equal((await as(actor).upload(n, 'application', PDF)).statusCode, 200);
  assert.equal((await as(actor).call('POST', `/api/cases/${n}/materials/premises/pledge`)).statusCode, 200);
  await as(actor).act(n, 'submit');
  return n;
}

async function inReview(actor = 'person', implementationCode = item): Promise<string> {
  const n = await submitted(actor, implementationCode);
  await as('clerk').act(n, 'accept');
  return n;
}

async function claimed(): Promise<string> {
  const n = await inReview();
  await as('reviewer').act(n, 'claim');
  return n;
}

async function decided(actor = 'person', implementationCode = item): Promise<string> {
  const n = await inReview(actor, implementationCode);
  for (const opinion of ['审查通过', '准予']) {
    await as('reviewer').act(n, 'claim');
    await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion });
  }
  return n;
}

/** A request on a case with its current version (read when the call is made, so calls before it may change it). */
const onCase =
  (number: () => string, path = '', body: Record<string, unknown> = {}) =>
  async () => ({
    url: `/api/cases/${number()}${path}`,
    payload: { version: await versionOf(number()), ...body },
  });

const VIEWERS = ['admin', 'supervisor', 'clerk', 'reviewer', 'person'];
const CLERKS = ['admin', 'clerk'];
const REVIEWERS = ['admin', 'reviewer'];
const SUPERVISORS = ['admin', 'supervisor'];
const OWNER = ['person'];
/** A case the agent filed for the company, whose mandate the company revoked: the agent is out, the company in. */
const FORMER_AGENTS_CASE = ['admin', 'supervisor', 'clerk', 'reviewer', 'company'];
const REGISTER_READERS = [
  'admin',
  'supervisor',
  'clerk',
  'reviewer',
  'admin.xs',
  'admin.sx',
  'supervisor.xs',
  'supervisor.sx',
  'clerk.sx',
  'reviewer.xs',
  'reviewer.sx',
];

const c: Record<string, string> = {};
let personNotification = 0;

before(async () => {
  cast = await castApp();
  item = await publishedItem(cast.t, '340600-XK-9501');
  grantItem = await publishedItem(cast.t, '340600-XK-9502', { resultType: 'license', resultLicenseTypeCode: FOOD_LICENSE, serviceObjects: ['2'] });
  useItem = await publishedItem(cast.t, '340600-XK-9503', {
    materials: [
      { key: 'application', name: '申请书', required: true, form: 'electronic', source: 'applicant', acceptanceStandard: '完整' },
      {
        key: 'food_license',
        name: '食品经营许可证',
        required: true,
        form: 'electronic',
        source: 'license',
        licenseTypeCode: FOOD_LICENSE,
        acceptanceStandard: '在有效期内',
      },
    ],
  });
  [{ id_number: personId }] = await queryRows<{ id_number: string }>(cast.t.database.db, sql`SELECT id_number FROM app_user WHERE username = 'person'`);
  const market = await cast.department('淮北市市场监督管理局');
  const second = await cast.t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(cast.token('admin')), ...idem() },
    payload: {
      username: 'reviewer2',
      displayName: '市场监管局 钱审批',
      password: 'Review2026',
      roles: [{ role: 'reviewer', regionCode: '340600', departmentId: market }],
    },
  });
  assert.equal(second.statusCode, 201, second.body);
  reviewer2 = (second.json() as { id: number }).id;

  c.draft = await draft();
  assert.equal((await as('person').upload(c.draft, 'application', PDF)).statusCode, 200);
  c.toSubmit = await draft();
  c.toWithdraw = await draft();
  c.window = await draft('clerk', { applicant: { kind: 'person', name: '周小明', idNumber: personId } });
  c.correction = await submitted();
  await as('clerk').act(c.correction, 'request-correction', { items: [{ note: '申请书缺签字' }] });
  for (const k of ['accept', 'refuse', 'requestCorrection', 'receipt']) c[k] = await submitted();
  for (const k of ['correctionReview', 'claim', 'colleagues', 'startSpecial', 'close', 'extend', 'export', 'bulk']) c[k] = await inReview();
  c.endSpecial = await inReview();
  await as('reviewer').act(c.endSpecial, 'start-special', { kind: 'hearing', reason: '听证' });
  c.completeStep = await claimed();
  c.transfer = await claimed();
  c.deliver = await decided();
  // The grant opened a verification task for the case's pledge (告知承诺).
  [{ id: pledgeCheck }] = await queryRows<{ id: number }>(
    cast.t.database.db,
    sql`SELECT p.id::int AS id FROM case_pledge_check p JOIN service_case s ON s.id = p.case_id WHERE s.number = ${c.deliver}`,
  );
  // A pledge that another reviewer of the department (reviewer2, outside the cast) found false: it waits for a lead.
  const pledged = await decided();
  [{ id: falsePledge }] = await queryRows<{ id: number }>(
    cast.t.database.db,
    sql`SELECT p.id::int AS id FROM case_pledge_check p JOIN service_case s ON s.id = p.case_id WHERE s.number = ${pledged}`,
  );
  const found = await cast.t.app.inject({
    method: 'POST',
    url: `/api/pledge-checks/${falsePledge}/result`,
    headers: bearer(await cast.t.login('reviewer2', 'Review2026')),
    payload: { version: 1, result: 'false', method: 'data', note: '经共享数据核查，承诺的经营场所不存在' },
  });
  assert.equal(found.statusCode, 200, found.body);
  // 免证可办: the company holds a food licence (a granted case), a second application sources a material from it.
  await decided('company', grantItem);
  const wallet = (await as('company').call('GET', '/api/licenses/mine')).json() as { items: { identifier: string }[] };
  c.license = wallet.items[0].identifier;
  c.attach = await draft('company', {}, useItem);
  c.attached = await draft('company', {}, useItem);
  const attached = await as('company').call('POST', `/api/cases/${c.attached}/materials/food_license/license`, { identifier: c.license });
  assert.equal(attached.statusCode, 200, attached.body);
  const [n] = await queryRows<{ id: number }>(
    cast.t.database.db,
    sql`SELECT n.id::int AS id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'person' ORDER BY n.id LIMIT 1`,
  );
  personNotification = Number(n.id);
  // Cases the agent filed: for 周小明 under the demo mandate (in force), and for the company under a mandate the
  // company then revokes (the agent is refused from then on; the company carries on).
  c.byAgent = await draft('agent', { principalUserId: await cast.userId('person') });
  const granted = await as('company').call(
    'POST',
    '/api/mandates',
    {
      agentUsername: 'agent',
      allItems: true,
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    },
    idem(),
  );
  assert.equal(granted.statusCode, 201, granted.body);
  const company = await cast.userId('company');
  c.formerDraft = await draft('agent', { principalUserId: company });
  assert.equal((await as('agent').upload(c.formerDraft, 'application', PDF)).statusCode, 200);
  c.formerWithdraw = await draft('agent', { principalUserId: company });
  c.formerCorrection = await draft('agent', { principalUserId: company });
  assert.equal((await as('agent').upload(c.formerCorrection, 'application', PDF)).statusCode, 200);
  assert.equal((await as('agent').call('POST', `/api/cases/${c.formerCorrection}/materials/premises/pledge`)).statusCode, 200);
  await as('agent').act(c.formerCorrection, 'submit');
  await as('clerk').act(c.formerCorrection, 'request-correction', { items: [{ note: '申请书缺签字' }] });
  // This one and the demo's: the company then has no mandate in force for the agent.
  const mandates = (await as('company').call('GET', '/api/mandates/granted')).json() as {
    items: { id: number; version: number; status: string; agent: { username: string } }[];
  };
  for (const m of mandates.items.filter((x) => x.agent.username === 'agent' && x.status === 'active')) {
    assert.equal((await as('company').call('POST', `/api/mandates/${m.id}/revoke`, { version: m.version }, idem())).statusCode, 200);
  }
});
after(() => cast?.t.close());

const applyAs = async (actor: string, c: Cast) => ({
  url: '/api/cases',
  payload: {
    implementationCode: item,
    formData: { shopName: '味道小馆' },
    // The window names the applicant; the agent names 周小明, whose demo mandate covers every item.
    ...(['clerk', 'clerk.sx'].includes(actor) ? { applicant: { kind: 'person', name: '周小明', idNumber: personId } } : {}),
    ...(actor === 'agent' ? { principalUserId: await c.userId('person') } : {}),
  },
});

permissionMatrix(
  'cases',
  [
    // An admin has cases.apply and applies as itself (refused for want of an ID number: 400, past access).
    { route: 'POST /api/cases', allowed: ['admin', 'admin.xs', 'admin.sx', 'clerk', 'person', 'company', 'agent'], request: applyAs },
    // What a new application starts with: whoever may apply (the admin has no ID number: 400, past access).
    {
      route: 'GET /api/cases/prefill',
      allowed: ['admin', 'admin.xs', 'admin.sx', 'person', 'company', 'agent'],
      request: async (actor, c) => ({
        url: `/api/cases/prefill?implementationCode=${item}${actor === 'agent' ? `&principalUserId=${await c.userId('person')}` : ''}`,
      }),
    },
    { route: 'GET /api/cases/mine', allowed: 'signed-in' },
    // 办件进度查询: anyone with the number and the query code of the receipt (ADR 0027).
    {
      route: 'POST /api/case-progress',
      allowed: 'public',
      request: () => ({ payload: { number: c.receipt, code: queryCodeOf(c.receipt) } }),
      allowedStatus: [200],
    },
    { route: 'GET /api/cases/:number', allowed: VIEWERS, request: () => ({ url: `/api/cases/${c.draft}` }) },
    // A case the agent filed: the agent reads it while its mandate is in force, not once it was revoked (or expired).
    { route: 'GET /api/cases/:number', allowed: [...VIEWERS, 'agent'], request: () => ({ url: `/api/cases/${c.byAgent}` }) },
    { route: 'GET /api/cases/:number', allowed: FORMER_AGENTS_CASE, request: () => ({ url: `/api/cases/${c.formerDraft}` }) },
    {
      route: 'GET /api/cases/:number/materials/:key/file',
      allowed: FORMER_AGENTS_CASE,
      request: () => ({ url: `/api/cases/${c.formerDraft}/materials/application/file` }),
    },
    {
      route: 'PUT /api/cases/:number/draft',
      allowed: ['company'],
      request: onCase(() => c.formerDraft, '/draft', { formData: { shopName: '味道小馆三店' } }),
    },
    {
      route: 'POST /api/cases/:number/answer-correction',
      allowed: ['company'],
      request: onCase(() => c.formerCorrection, '/answer-correction', { answers: [{ item: 0, kind: 'note', note: '已补签' }], confirmed: true }),
    },
    { route: 'POST /api/cases/:number/withdraw', allowed: ['company'], request: onCase(() => c.formerWithdraw, '/withdraw', { reason: '不再需要' }) },
    { route: 'PUT /api/cases/:number/draft', allowed: OWNER, request: onCase(() => c.draft, '/draft', { formData: { shopName: '味道小馆二店' } }) },
    { route: 'POST /api/cases/:number/submit', allowed: OWNER, request: onCase(() => c.toSubmit, '/submit') },
    {
      route: 'POST /api/cases/:number/answer-correction',
      allowed: OWNER,
      request: onCase(() => c.correction, '/answer-correction', { answers: [{ item: 0, kind: 'note', note: '已在窗口补签' }], confirmed: true }),
    },
    { route: 'POST /api/cases/:number/withdraw', allowed: OWNER, request: onCase(() => c.toWithdraw, '/withdraw', { reason: '不再需要' }) },
    {
      route: 'PUT /api/cases/:number/materials/:key',
      allowed: OWNER,
      request: () => ({
        url: `/api/cases/${c.draft}/materials/layout?fileName=layout.pdf`,
        payload: PDF,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    },
    // A case entered at the window: the clerks of its region upload for the applicant, who may upload too.
    {
      route: 'PUT /api/cases/:number/materials/:key',
      allowed: ['admin', 'clerk', 'person'],
      request: () => ({
        url: `/api/cases/${c.window}/materials/application?fileName=a.pdf`,
        payload: PDF,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    },
    { route: 'POST /api/cases/:number/materials/:key/pledge', allowed: OWNER, request: () => ({ url: `/api/cases/${c.draft}/materials/premises/pledge` }) },
    { route: 'GET /api/cases/:number/materials/:key/file', allowed: VIEWERS, request: () => ({ url: `/api/cases/${c.draft}/materials/application/file` }) },
    { route: 'GET /api/cases/:number/license-candidates', allowed: OWNER, request: () => ({ url: `/api/cases/${c.draft}/license-candidates` }) },
    // Only the holder attaches its licence; the department reads it.
    {
      route: 'POST /api/cases/:number/materials/:key/license',
      allowed: ['company'],
      request: () => ({ url: `/api/cases/${c.attach}/materials/food_license/license`, payload: { identifier: c.license } }),
    },
    {
      route: 'GET /api/cases/:number/materials/:key/license',
      allowed: ['admin', 'supervisor', 'clerk', 'reviewer', 'company'],
      request: () => ({ url: `/api/cases/${c.attached}/materials/food_license/license` }),
    },
    { route: 'POST /api/cases/:number/accept', allowed: CLERKS, request: onCase(() => c.accept, '/accept') },
    {
      route: 'POST /api/cases/:number/refuse',
      allowed: CLERKS,
      request: onCase(() => c.refuse, '/refuse', { reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' }),
    },
    {
      route: 'POST /api/cases/:number/request-correction',
      allowed: CLERKS,
      request: onCase(() => c.requestCorrection, '/request-correction', { items: [{ note: '申请书缺签字' }] }),
    },
    {
      route: 'POST /api/cases/:number/request-correction-review',
      allowed: REVIEWERS,
      request: onCase(() => c.correctionReview, '/request-correction-review', { items: [{ note: '平面图不清晰' }] }),
    },
    { route: 'POST /api/cases/:number/deliver', allowed: CLERKS, request: onCase(() => c.deliver, '/deliver', { method: 'window' }) },
    { route: 'POST /api/cases/:number/claim', allowed: REVIEWERS, request: onCase(() => c.claim, '/claim') },
    {
      route: 'POST /api/cases/:number/complete-step',
      allowed: REVIEWERS,
      request: onCase(() => c.completeStep, '/complete-step', { result: 'pass', opinion: '审查通过' }),
    },
    { route: 'GET /api/cases/:number/colleagues', allowed: REVIEWERS, request: () => ({ url: `/api/cases/${c.colleagues}/colleagues` }) },
    // The colleague's id is known only once before() ran: the body is made at call time.
    {
      route: 'POST /api/cases/:number/transfer-step',
      allowed: REVIEWERS,
      request: () => onCase(() => c.transfer, '/transfer-step', { toUserId: reviewer2 })(),
    },
    {
      route: 'POST /api/cases/:number/start-special',
      allowed: REVIEWERS,
      request: onCase(() => c.startSpecial, '/start-special', { kind: 'expert_review', reason: '专家评审' }),
    },
    { route: 'POST /api/cases/:number/end-special', allowed: REVIEWERS, request: onCase(() => c.endSpecial, '/end-special', { result: '听证结束' }) },
    { route: 'POST /api/cases/:number/close', allowed: REVIEWERS, request: onCase(() => c.close, '/close', { outcome: '4', reason: '转报省局' }) },
    { route: 'POST /api/cases/:number/extend', allowed: SUPERVISORS, request: onCase(() => c.extend, '/extend', { reason: '需现场核查' }) },
    // Every reviewer may ask; a case outside its scope is claimed by nobody (see below).
    {
      route: 'POST /api/cases/claim',
      allowed: ['admin', 'reviewer', 'admin.xs', 'admin.sx', 'reviewer.xs', 'reviewer.sx'],
      request: () => ({ payload: { numbers: [c.bulk] } }),
    },
    // Queues and supervision list what is inside the asker's scope (see below).
    { route: 'GET /api/cases/queue', allowed: ['admin', 'clerk', 'admin.xs', 'admin.sx', 'clerk.sx'], request: { url: '/api/cases/queue?kind=acceptance' } },
    {
      route: 'GET /api/cases/queue',
      allowed: ['admin', 'reviewer', 'admin.xs', 'admin.sx', 'reviewer.xs', 'reviewer.sx'],
      request: { url: '/api/cases/queue?kind=review' },
    },
    { route: 'GET /api/cases/supervision', allowed: ['admin', 'supervisor', 'admin.xs', 'admin.sx', 'supervisor.xs', 'supervisor.sx'] },
    // 办件台账: staff of the window, departments and supervision, each finding only its scope's cases (cases.register.test.ts).
    { route: 'GET /api/cases/register', allowed: REGISTER_READERS },
    { route: 'GET /api/cases/register/export', allowed: REGISTER_READERS },
    { route: 'GET /api/cases/:number/notices/:kind', allowed: VIEWERS, request: () => ({ url: `/api/cases/${c.receipt}/notices/receipt` }) },
    { route: 'GET /api/cases/:number/export', allowed: SUPERVISORS, request: () => ({ url: `/api/cases/${c.export}/export` }) },
    // Any reviewer may ask; each sees only its department's tasks (case-pledges.test.ts).
    { route: 'GET /api/pledge-checks', allowed: ['admin', 'reviewer', 'admin.xs', 'admin.sx', 'reviewer.xs', 'reviewer.sx'] },
    {
      route: 'POST /api/pledge-checks/:id/result',
      allowed: REVIEWERS,
      request: async () => {
        const [{ version }] = await queryRows<{ version: number }>(cast.t.database.db, sql`SELECT version FROM case_pledge_check WHERE id = ${pledgeCheck}`);
        return {
          url: `/api/pledge-checks/${pledgeCheck}/result`,
          payload: { version: Number(version), result: 'verified', method: 'data', note: '经共享数据核查属实' },
        };
      },
    },
    // The lead's decision on a false pledge: a reviewer of the department (not the checker); the first allowed decides,
    // the next is told it is decided (409).
    {
      route: 'POST /api/pledge-checks/:id/decision',
      allowed: REVIEWERS,
      request: async () => {
        const [{ version }] = await queryRows<{ version: number }>(cast.t.database.db, sql`SELECT version FROM case_pledge_check WHERE id = ${falsePledge}`);
        return {
          url: `/api/pledge-checks/${falsePledge}/decision`,
          payload: { version: Number(version), decision: 'revoke', reason: '以虚假承诺取得许可，依法撤销' },
        };
      },
    },
    // Each supervisor reads the counts of its own scope.
    { route: 'GET /api/pledge-checks/summary', allowed: ['admin', 'supervisor', 'admin.xs', 'admin.sx', 'supervisor.xs', 'supervisor.sx'] },
    { route: 'GET /api/notifications', allowed: 'signed-in' },
    { route: 'POST /api/notifications/:id/read', allowed: OWNER, request: () => ({ url: `/api/notifications/${personNotification}/read` }) },
  ],
  () => cast,
);

test('a reviewer outside the case’s region or department claims nothing in bulk, and learns nothing of the case', async () => {
  const n = await inReview();
  for (const actor of ['reviewer.xs', 'reviewer.sx', 'admin.sx']) {
    const res = await as(actor).call('POST', '/api/cases/claim', { numbers: [n] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { claimed: [], failed: [{ number: n, code: 'CASE_STEP_NOT_ACTIVE' }] }, actor);
  }
  assert.deepEqual(
    (await as('reviewer').get(n)).steps.map((s) => s.assigneeUserId),
    [null, null],
  );
  const mine = (await as('reviewer').call('POST', '/api/cases/claim', { numbers: [n, '34060099999999999999'] })).json();
  assert.deepEqual(mine, { claimed: [n], failed: [{ number: '34060099999999999999', code: 'CASE_STEP_NOT_ACTIVE' }] });
});

test('queues and supervision list only cases inside the asker’s region and department', async () => {
  const waiting = await submitted();
  const reviewing = await inReview();
  const numbers = async (actor: string, url: string) => {
    const res = await as(actor).call('GET', url);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items?: { number: string }[]; cases?: { number: string }[] };
    return (body.items ?? body.cases ?? []).map((i) => i.number);
  };
  assert.ok((await numbers('clerk', '/api/cases/queue?kind=acceptance')).includes(waiting));
  assert.ok((await numbers('reviewer', '/api/cases/queue?kind=review')).includes(reviewing));
  for (const actor of ['clerk.sx', 'admin.sx', 'admin.xs']) assert.ok(!(await numbers(actor, '/api/cases/queue?kind=acceptance')).includes(waiting), actor);
  for (const actor of ['reviewer.sx', 'reviewer.xs', 'admin.xs']) assert.ok(!(await numbers(actor, '/api/cases/queue?kind=review')).includes(reviewing), actor);
  for (const actor of ['supervisor.sx', 'supervisor.xs', 'admin.sx']) {
    const res = (await as(actor).call('GET', '/api/cases/supervision')).json() as { departments: { department: string }[]; cases: { number: string }[] };
    assert.deepEqual(
      res.departments.filter((d) => d.department === '淮北市市场监督管理局'),
      [],
      actor,
    );
  }
});

test('marking another user’s notification read is not found and changes nothing', async () => {
  const [n] = await queryRows<{ id: number }>(
    cast.t.database.db,
    sql`SELECT n.id::int AS id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.username = 'person' AND n.read_at IS NULL ORDER BY n.id DESC LIMIT 1`,
  );
  const res = await as('company').call('POST', `/api/notifications/${n.id}/read`);
  assert.equal(res.statusCode, 404, res.body);
  assert.equal((res.json() as { code: string }).code, 'NOTIFICATION_NOT_FOUND');
  assert.equal((await as('person').call('POST', '/api/notifications/999999999/read')).statusCode, 404, 'an unknown one neither');
  const [after] = await queryRows<{ read_at: string | null }>(cast.t.database.db, sql`SELECT read_at FROM notification WHERE id = ${n.id}`);
  assert.equal(after.read_at, null);
  assert.equal((await as('person').call('POST', `/api/notifications/${n.id}/read`)).statusCode, 204, 'its owner marks it read');
});
