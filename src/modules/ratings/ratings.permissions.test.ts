// Ratings, remedies and appeals are scoped like their cases (issue 18): every route of the module by every role,
// inside and outside the region and department of the rated case, and what the lists and figures of a scoped reader
// hold. Also the counter rating: only by a clerk who served the case at the window, only right after, and recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { caseContentFixture } from '../../../tests/support/catalog-fixtures.ts';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { canonicalJson, sm3Hex } from '../../platform/crypto.ts';
import { today } from '../../platform/clock.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { COUNTER_WINDOW_MINUTES } from './ratings.service.ts';

let cast: Cast;
let cityItem = '';
const month = () => today().slice(0, 7);

/** The city's records (淮北市, 340600, 淮北市市场监督管理局) and one case of 相山区 (340603, its 市场监督管理局). */
const city = { rated: '', counter: '', remedy: 0, appealRemedy: 0, appeal: 0, decideRemedy: 0 };
const district = { rated: '', remedy: 0, appeal: 0 };

/** Colleagues who decide the cases (the demo's department leads): whoever handled a case may not handle its remedy. */
const deciders = new Map<string, string>();
const as = (actor: string) => caseClient(cast.t, deciders.get(actor) ?? cast.token(actor));

/** Publishes an item of 相山区市场监督管理局 in 相山区 (the city's item admin covers the district). */
async function districtItem(code: string): Promise<string> {
  const admin = cast.token('itemadmin');
  const dept = await cast.department('相山区市场监督管理局');
  const call = (method: 'POST' | 'GET', url: string, payload?: unknown) =>
    cast.t.app.inject({ method, url, payload: payload as never, headers: { ...bearer(admin), ...idem() } });
  const base = await call('POST', '/api/catalog/base-items', {
    code: code.replace(/-/g, '').slice(0, 12),
    name: '食品经营许可',
    itemType: '01',
    useLevel: '3',
  });
  assert.equal(base.statusCode, 201, base.body);
  const impl = await call('POST', '/api/catalog/implementations', {
    code,
    baseItemId: (base.json() as { id: number }).id,
    regionCode: '340603',
    departmentId: dept,
    content: caseContentFixture(),
  });
  assert.equal(impl.statusCode, 201, impl.body);
  const id = (impl.json() as { id: number }).id;
  const v = ((await call('GET', `/api/catalog/implementations/${id}`)).json() as { versions: { version: number }[] }).versions[0].version;
  assert.equal((await call('POST', `/api/catalog/implementations/${id}/submit`, { version: v })).statusCode, 200);
  assert.equal((await call('POST', `/api/catalog/implementations/${id}/approve`, { version: v + 1 })).statusCode, 200);
  return code;
}

/** A case of `item` applied for by `person`, accepted and delivered by `clerk`, decided by `reviewer`. */
async function deliveredCase(item: string, clerk: string, reviewer: string): Promise<string> {
  const res = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '评价范围测试' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  await as('person').upload(n, 'application', PDF);
  await as('person').call('POST', `/api/cases/${n}/materials/premises/pledge`);
  await as('person').act(n, 'submit');
  await as(clerk).act(n, 'accept');
  for (const opinion of ['通过', '准予']) {
    await as(reviewer).act(n, 'claim');
    await as(reviewer).act(n, 'complete-step', { result: 'pass', opinion });
  }
  await as(clerk).act(n, 'deliver', { method: 'electronic' });
  return n;
}

/** A bad online rating by the applicant; the id of the remedy it opens. */
async function badRating(n: string, comment = '办理太慢'): Promise<number> {
  const res = await as('person').call('POST', `/api/cases/${n}/ratings`, { level: '5', channel: '1', indicators: ['101'], comment });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { remedyId: number }).remedyId;
}

async function appeal(actor: string, remedyId: number): Promise<number> {
  const res = await as(actor).call('POST', `/api/remedies/${remedyId}/appeal`, { reason: '评价与办件无关' });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
}

before(async () => {
  cast = await castApp();
  for (const lead of ['market.lead', 'xiangshanMarket.lead']) deciders.set(lead, await cast.t.login(lead));
  cityItem = await publishedItem(cast.t, '340600-XK-9401');
  const districtCode = await districtItem('340603-XK-9402');
  city.rated = await deliveredCase(cityItem, 'clerk', 'market.lead');
  city.remedy = await badRating(city.rated, '=HYPERLINK("http://x.example","点我")');
  city.appealRemedy = await badRating(await deliveredCase(cityItem, 'clerk', 'market.lead'));
  city.decideRemedy = await badRating(await deliveredCase(cityItem, 'clerk', 'market.lead'));
  city.appeal = await appeal('reviewer', city.decideRemedy);
  city.counter = await deliveredCase(cityItem, 'clerk', 'market.lead');
  district.rated = await deliveredCase(districtCode, 'clerk', 'xiangshanMarket.lead');
  district.remedy = await badRating(district.rated);
  district.appeal = await appeal('reviewer.xs', district.remedy);
});
after(() => cast?.t.close());

type Listed = { items: { caseNumber?: string; id: number; status?: string }[] };
const get = async (actor: string, url: string) => {
  const res = await cast.t.app.inject({ method: 'GET', url, headers: bearer(cast.token(actor)) });
  assert.equal(res.statusCode, 200, `${actor} ${url}: ${res.body}`);
  return res;
};
const list = async (actor: string, url: string) => ((await get(actor, url)).json() as Listed).items;
const stats = (actor: string) =>
  list(actor, `/api/ratings/statistics?from=${month()}&to=${month()}&by=department`) as unknown as Promise<{ label: string; ratings: number }[]>;
const CITY_DEPT = '淮北市市场监督管理局';
const DISTRICT_DEPT = '相山区市场监督管理局';

test('a county supervisor cannot decide an appeal of a city department’s case: 403, the rating stays counted and its remedy open', async () => {
  const before = (await stats('supervisor')).find((r) => r.label === CITY_DEPT)!.ratings;
  for (const actor of ['supervisor.sx', 'supervisor.xs', 'admin.sx']) {
    const res = await as(actor).call('POST', `/api/rating-appeals/${city.appeal}/decide`, { upheld: true, reason: '越权支持申诉' });
    assert.equal(res.statusCode, 403, `${actor}: ${res.body}`);
    assert.equal(errorCode(res), 'AUTH_FORBIDDEN');
  }
  const [row] = await queryRows<{ status: string; excluded: boolean; remedy: string }>(
    cast.t.database.db,
    sql`SELECT a.status, r.excluded, m.status AS remedy FROM rating_appeal a JOIN rating r ON r.id = a.rating_id JOIN remedy m ON m.rating_id = r.id WHERE a.id = ${city.appeal}`,
  );
  assert.deepEqual(row, { status: 'pending', excluded: false, remedy: 'open' });
  assert.equal((await stats('supervisor')).find((r) => r.label === CITY_DEPT)!.ratings, before);
  // The district's supervisor decides the district's appeal.
  assert.equal(
    (await as('supervisor.xs').call('POST', `/api/rating-appeals/${district.appeal}/decide`, { upheld: false, reason: '评价属实' })).statusCode,
    200,
  );
});

test('lists, statistics and exports hold only the ratings, remedies and appeals of cases in the reader’s scope', async () => {
  const numbers = async (actor: string) => (await list(actor, '/api/remedies')).map((m) => m.caseNumber);
  assert.ok(
    (await numbers('supervisor')).includes(city.rated) && (await numbers('supervisor')).includes(district.rated),
    'the city’s supervisor sees the city and its districts',
  );
  assert.deepEqual(await numbers('supervisor.xs'), [district.rated]);
  assert.deepEqual(await numbers('supervisor.sx'), []);
  assert.deepEqual(await numbers('reviewer.xs'), [district.rated], 'a reviewer sees its department’s remedies');
  assert.ok(!(await numbers('reviewer')).includes(district.rated), 'the city’s market department does not see the district department’s');
  assert.deepEqual(await numbers('reviewer.sx'), []);

  const appeals = async (actor: string) => (await list(actor, '/api/rating-appeals')).map((a) => a.id).sort();
  assert.deepEqual(await appeals('supervisor'), [city.appeal, district.appeal].sort());
  assert.deepEqual(await appeals('supervisor.xs'), [district.appeal]);
  assert.deepEqual(await appeals('supervisor.sx'), []);

  const labels = async (actor: string) => (await stats(actor)).map((r) => r.label).sort();
  assert.deepEqual(await labels('supervisor'), [DISTRICT_DEPT, CITY_DEPT].sort());
  assert.deepEqual(await labels('supervisor.xs'), [DISTRICT_DEPT]);
  assert.deepEqual(await labels('supervisor.sx'), []);
  // The same figures by every dimension, and in the workbook.
  for (const by of ['implementation', 'clerk', 'channel', 'month']) {
    assert.deepEqual(await list('supervisor.sx', `/api/ratings/statistics?from=${month()}&to=${month()}&by=${by}`), [], by);
  }
  const sheetRows = async (actor: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(actor, `/api/ratings/statistics/export?from=${month()}&to=${month()}`)).rawPayload as never);
    return wb.worksheets[0].rowCount - 1;
  };
  assert.deepEqual([await sheetRows('supervisor'), await sheetRows('supervisor.xs'), await sheetRows('supervisor.sx')], [2, 1, 0]);

  const exported = async (actor: string) =>
    ((await get(actor, `/api/ratings/export?month=${month()}&shape=national`)).json() as { records: { projectNo: string }[] }).records.map((r) => r.projectNo);
  assert.ok((await exported('dataofficer')).includes(city.rated));
  assert.deepEqual(await exported('dataofficer.sx'), []);
  assert.deepEqual(await exported('admin.xs'), [district.rated]);
});

test('the rollup keeps the figures scoped: after a refresh a county supervisor still sees none of the city’s', async () => {
  const { refreshRatingRollup } = await import('./ratings.rollup.ts');
  // A good rating, which the statistics read from the rollup once it is counted.
  const n = await deliveredCase(cityItem, 'clerk', 'market.lead');
  assert.equal((await as('person').call('POST', `/api/cases/${n}/ratings`, { level: '1', channel: '1' })).statusCode, 201);
  await refreshRatingRollup(cast.t.database.db);
  const figures = async (actor: string) => Object.fromEntries((await stats(actor)).map((r) => [r.label, r.ratings]));
  assert.deepEqual(await figures('supervisor.sx'), {});
  assert.deepEqual(await figures('supervisor.xs'), { [DISTRICT_DEPT]: 1 });
  assert.equal((await figures('supervisor'))[CITY_DEPT], 4, 'three bad ratings and the good one, from the rollup');
});

test('an out-of-scope reviewer or admin can neither act on a remedy nor appeal it, and nothing changes', async () => {
  const [before] = await queryRows<{ version: number; status: string }>(
    cast.t.database.db,
    sql`SELECT version, status FROM remedy WHERE id = ${city.appealRemedy}`,
  );
  for (const actor of ['reviewer.xs', 'reviewer.sx', 'admin.xs', 'admin.sx']) {
    const act = await as(actor).call('POST', `/api/remedies/${city.appealRemedy}`, { action: 'classify', classification: '解释说明', version: before.version });
    assert.equal(act.statusCode, 403, `${actor}: ${act.body}`);
    const appealed = await as(actor).call('POST', `/api/remedies/${city.appealRemedy}/appeal`, { reason: '越权申诉' });
    assert.equal(appealed.statusCode, 403, `${actor}: ${appealed.body}`);
  }
  const [afterwards] = await queryRows<{ version: number; status: string }>(
    cast.t.database.db,
    sql`SELECT version, status FROM remedy WHERE id = ${city.appealRemedy}`,
  );
  assert.deepEqual(afterwards, before);
  assert.equal(
    (await queryRows(cast.t.database.db, sql`SELECT 1 FROM rating_appeal a JOIN remedy m ON m.rating_id = a.rating_id WHERE m.id = ${city.appealRemedy}`))
      .length,
    0,
  );
});

test('an import of ratings of cases outside the data officer’s scope is refused whole', async () => {
  const record = {
    projectNo: city.rated,
    assessNumber: 2,
    satisfaction: '1',
    pf: '2',
    contentCode: '101',
    evalDetail: '越权导入',
    anonymityFlag: '0',
    assessTime: `${today()} 10:00:00`,
  };
  const res = await as('dataofficer.sx').call('POST', '/api/ratings/import', { shape: 'national', records: [record] });
  assert.equal(res.statusCode, 403, res.body);
  assert.deepEqual((res.json() as { details: { records: number[] } }).details.records, [0]);
  const rows = await queryRows(
    cast.t.database.db,
    sql`SELECT 1 FROM rating r JOIN service_case c ON c.id = r.case_id WHERE c.number = ${city.rated} AND r.assess_number = 2`,
  );
  assert.equal(rows.length, 0);
});

test('an import is refused whole for a time that does not exist, a case not closed, or a rating before the case closed', async () => {
  const draft = await as('person').call('POST', '/api/cases', { implementationCode: cityItem, formData: { shopName: '草稿' } }, idem());
  assert.equal(draft.statusCode, 201, draft.body);
  const record = (projectNo: string, assessTime: string) => ({
    projectNo,
    assessNumber: 2,
    satisfaction: '1',
    pf: '2',
    contentCode: '101',
    evalDetail: '导入',
    anonymityFlag: '0',
    assessTime,
  });
  const refused = async (r: ReturnType<typeof record>, pattern: RegExp) => {
    const res = await as('dataofficer').call('POST', '/api/ratings/import', { shape: 'national', records: [r] });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json() as { code: string; details: { problems: { message: string }[] } };
    assert.equal(body.code, 'RATING_IMPORT_INVALID');
    assert.match(body.details.problems.map((p) => p.message).join('; '), pattern);
  };
  await refused(record(city.rated, '2026-02-30'), /not a time that exists/);
  await refused(record(city.rated, `${today()} 25:61:61`), /not a time that exists/);
  await refused(record(city.rated, '2026-13-45 99:99:99'), /not a time that exists/);
  await refused(record((draft.json() as { number: string }).number, `${today()} 10:00:00`), /is not closed/);
  await refused(record(city.rated, '2020-01-01 10:00:00'), /before case .* closed/);
  await refused(record(city.rated, '2099-01-01'), /in the future/);
  const [{ n }] = await queryRows<{ n: number }>(
    cast.t.database.db,
    sql`SELECT count(*)::int AS n FROM rating r JOIN service_case c ON c.id = r.case_id WHERE c.number = ${city.rated} AND r.assess_number = 2`,
  );
  assert.equal(Number(n), 0, 'nothing stored');
});

test('a counter rating: only the clerk who served the case, within minutes of it, and the clerk is recorded', async () => {
  const db = cast.t.database.db;
  const counter = (actor: string, n: string) => as(actor).call('POST', `/api/cases/${n}/ratings`, { level: '5', channel: '4', indicators: ['203'] });
  assert.equal(errorCode(await counter('clerk.sx', city.counter)), 'RATING_NOT_ALLOWED', 'a clerk of another county');
  assert.equal(errorCode(await counter('admin', city.counter)), 'RATING_NOT_ALLOWED', 'a clerk who did not serve it');
  assert.equal(errorCode(await counter('person', city.counter)), 'RATING_NOT_ALLOWED', 'the hall tablet is the window’s, not the applicant’s account');
  // The window's last act on the case was longer ago than the window allows.
  const age = async (minutes: number) =>
    db.execute(
      sql`UPDATE case_event SET at = at - make_interval(mins => ${minutes}) WHERE case_id = (SELECT id FROM service_case WHERE number = ${city.counter})`,
    );
  await age(COUNTER_WINDOW_MINUTES + 1);
  assert.equal(errorCode(await counter('clerk', city.counter)), 'RATING_COUNTER_CLOSED');
  await age(-(COUNTER_WINDOW_MINUTES + 1));

  const res = await counter('clerk', city.counter);
  assert.equal(res.statusCode, 201, res.body);
  const clerkId = await cast.userId('clerk');
  const [stored] = await queryRows<{ counter_clerk: number; rater: number | null }>(
    db,
    sql`SELECT counter_clerk_user_id::int AS counter_clerk, rater_user_id AS rater FROM rating WHERE id = ${(res.json() as { id: number }).id}`,
  );
  assert.deepEqual(stored, { counter_clerk: clerkId, rater: null });
  const [entry] = await queryRows<{ actor: string; digest: string }>(
    db,
    sql`SELECT actor_username AS actor, digest FROM audit_log WHERE action = 'rating.create' AND target_id = ${city.counter} ORDER BY id DESC LIMIT 1`,
  );
  assert.equal(entry.actor, 'clerk');
  assert.equal(
    entry.digest,
    sm3Hex(canonicalJson({ level: '5', channel: '4', assessNumber: 1, opensRemedy: true, counterClerkUserId: clerkId })),
    'the clerk is in the audited change',
  );
  // The department's remedy list names the clerk whose tablet took the rating.
  const remedy = (await list('reviewer', '/api/remedies')).find((m) => m.caseNumber === city.counter) as unknown as { counterClerkName: string };
  assert.equal(remedy.counterClerkName, '综合窗口 李受理');
});

test('spreadsheets neutralise cells that would read as a formula; the JSON exchange carries the comment as written', async () => {
  assert.deepEqual(
    [safeCell('=1+2'), safeCell('+1'), safeCell('-1'), safeCell('@A1'), safeCell('正常'), safeCell(5)],
    ["'=1+2", "'+1", "'-1", "'@A1", '正常', 5],
  );
  const records = (
    (await get('dataofficer', `/api/ratings/export?month=${month()}&shape=national`)).json() as { records: { projectNo: string; evalDetail: string }[] }
  ).records;
  assert.equal(records.find((r) => r.projectNo === city.rated)!.evalDetail, `=HYPERLINK("http://x.example","点我")`);
  // A clerk's display name is a statistics label.
  await cast.t.database.db.execute(sql`UPDATE app_user SET display_name = '=cmd|'' /C calc''!A0' WHERE username = 'clerk'`);
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('supervisor', `/api/ratings/statistics/export?from=${month()}&to=${month()}&by=clerk`)).rawPayload as never);
    const labels = wb.worksheets[0].getColumn(1).values.slice(2);
    assert.ok(labels.includes("'=cmd|' /C calc'!A0"), JSON.stringify(labels));
  } finally {
    await cast.t.database.db.execute(sql`UPDATE app_user SET display_name = '综合窗口 李受理' WHERE username = 'clerk'`);
  }
});

test('a remedy and an appeal offer each reader the acts the server then allows, and none outside their scope or state', async () => {
  type Offered = { id: number; version: number; allowedActions: string[] };
  const offered = async (actor: string, url: string, id: number) => ((await list(actor, url)) as unknown as Offered[]).find((x) => x.id === id);
  const remedyOf = (actor: string, id: number) => offered(actor, '/api/remedies', id);
  const id = await badRating(await deliveredCase(cityItem, 'clerk', 'market.lead'));
  const act = async (actor: string, body: Record<string, unknown>) =>
    as(actor).call('POST', `/api/remedies/${id}`, { ...body, version: (await remedyOf('reviewer', id))!.version });

  // The department's reviewer: everything but closing, which waits for the classification, the reply and the call.
  assert.deepEqual((await remedyOf('reviewer', id))!.allowedActions, ['classify', 'reply', 'follow-up', 'appeal']);
  assert.equal(errorCode(await act('reviewer', { action: 'close' })), 'REMEDY_INCOMPLETE');
  // The supervisor reads the remedy but acts on none; a district's reviewer does not see it, and is refused.
  assert.deepEqual((await remedyOf('supervisor', id))!.allowedActions, []);
  assert.equal((await act('supervisor', { action: 'classify', classification: '解释说明' })).statusCode, 403);
  assert.equal(await remedyOf('reviewer.xs', id), undefined);
  assert.equal(errorCode(await act('reviewer.xs', { action: 'classify', classification: '解释说明' })), 'AUTH_FORBIDDEN');

  // Appealed once: no longer offered, and refused.
  const appealId = await appeal('reviewer', id);
  assert.deepEqual((await remedyOf('reviewer', id))!.allowedActions, ['classify', 'reply', 'follow-up']);
  assert.equal(errorCode(await as('reviewer').call('POST', `/api/remedies/${id}/appeal`, { reason: '再次申诉' })), 'APPEAL_EXISTS');
  // The appeal: the city's supervisor may decide it, once; a district's supervisor neither sees nor decides it.
  const appealOf = (actor: string) => offered(actor, '/api/rating-appeals', appealId);
  assert.deepEqual((await appealOf('supervisor'))!.allowedActions, ['decide']);
  assert.equal(await appealOf('supervisor.xs'), undefined);
  const decide = (actor: string) => as(actor).call('POST', `/api/rating-appeals/${appealId}/decide`, { upheld: false, reason: '评价属实' });
  assert.equal(errorCode(await decide('supervisor.xs')), 'AUTH_FORBIDDEN');
  assert.equal((await decide('supervisor')).statusCode, 200);
  assert.deepEqual((await appealOf('supervisor'))!.allowedActions, []);
  assert.equal(errorCode(await decide('supervisor')), 'APPEAL_DECIDED');

  // Classified, replied and followed up: closing is offered and succeeds; then nothing is offered, and everything is refused.
  for (const step of [
    { action: 'classify', classification: '限期整改' },
    { action: 'reply', reply: '已整改' },
    { action: 'follow-up', note: '电话回访', answer: 'satisfied' },
  ]) {
    const res = await act('reviewer', step);
    assert.equal(res.statusCode, 200, res.body);
  }
  assert.deepEqual((await remedyOf('reviewer', id))!.allowedActions, ['classify', 'reply', 'follow-up', 'close']);
  const closed = await act('reviewer', { action: 'close' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.equal((closed.json() as { status: string }).status, 'closed');
  assert.deepEqual((await remedyOf('reviewer', id))!.allowedActions, []);
  assert.equal(errorCode(await act('reviewer', { action: 'reply', reply: '再答复' })), 'REMEDY_CLOSED');
});

const SUPERVISE = ['admin', 'supervisor', 'admin.xs', 'admin.sx', 'supervisor.xs', 'supervisor.sx'];
const period = () => `from=${month()}&to=${month()}`;

permissionMatrix(
  'ratings',
  [
    { route: 'GET /api/ratings/options', allowed: 'public' },
    { route: 'GET /api/ratings/public', allowed: 'public', request: () => ({ url: `/api/ratings/public?month=${month()}` }) },
    // Online: the applicant only (rated already: 409). At the counter: only the clerk who served the case.
    {
      route: 'POST /api/cases/:number/ratings',
      allowed: ['person'],
      request: () => ({ url: `/api/cases/${city.rated}/ratings`, payload: { level: '1', channel: '1' } }),
    },
    {
      route: 'POST /api/cases/:number/ratings',
      allowed: ['clerk'],
      request: () => ({ url: `/api/cases/${city.rated}/ratings`, payload: { level: '1', channel: '4', indicators: ['201'] } }),
    },
    // Lists: whoever holds ratings.remedy or ratings.supervise in some scope; what they hold is tested above.
    {
      route: 'GET /api/remedies',
      allowed: ['admin', 'supervisor', 'reviewer', 'admin.xs', 'admin.sx', 'supervisor.xs', 'supervisor.sx', 'reviewer.xs', 'reviewer.sx'],
    },
    // A city remedy of 淮北市市场监督管理局: its reviewers and the national admin (a stale version: 409, nothing done).
    {
      route: 'POST /api/remedies/:id',
      allowed: ['admin', 'reviewer'],
      request: () => ({ url: `/api/remedies/${city.remedy}`, payload: { action: 'classify', classification: '解释说明', version: 0 } }),
    },
    {
      route: 'POST /api/remedies/:id/appeal',
      allowed: ['admin', 'reviewer'],
      request: () => ({ url: `/api/remedies/${city.appealRemedy}/appeal`, payload: { reason: '评价与办件无关' } }),
    },
    { route: 'GET /api/rating-appeals', allowed: SUPERVISE },
    // A city appeal: the city's supervisor and the national admin; the districts' are refused.
    {
      route: 'POST /api/rating-appeals/:id/decide',
      allowed: ['admin', 'supervisor'],
      request: () => ({ url: `/api/rating-appeals/${city.appeal}/decide`, payload: { upheld: false, reason: '评价属实' } }),
    },
    { route: 'GET /api/ratings/statistics', allowed: SUPERVISE, request: () => ({ url: `/api/ratings/statistics?${period()}` }) },
    { route: 'GET /api/ratings/statistics/export', allowed: SUPERVISE, request: () => ({ url: `/api/ratings/statistics/export?${period()}` }) },
    {
      route: 'GET /api/ratings/export',
      allowed: ['admin', 'dataofficer', 'admin.xs', 'admin.sx', 'dataofficer.sx'],
      request: () => ({ url: `/api/ratings/export?month=${month()}&shape=national` }),
    },
    // A city case's rating: the city's data officer and the national admin; the districts' are refused.
    {
      route: 'POST /api/ratings/import',
      allowed: ['admin', 'dataofficer'],
      request: () => ({
        url: '/api/ratings/import',
        payload: {
          shape: 'national',
          records: [
            {
              projectNo: city.rated,
              assessNumber: 2,
              satisfaction: '2',
              pf: '2',
              contentCode: '101',
              evalDetail: '',
              anonymityFlag: '0',
              assessTime: `${today()} 10:00:00`,
            },
          ],
        },
      }),
    },
  ],
  () => cast,
);
