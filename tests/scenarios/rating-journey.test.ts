import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, DEMO_PASSWORD, errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { systemContext } from '../../src/platform/context.ts';
import { logNotifier } from '../../src/platform/notify.ts';
import { deliverNow } from '../../src/bootstrap/jobs.ts';
import { defaultRatingsSweep, escalateOverdue } from '../../src/modules/ratings/index.ts';

let t: TestApp;
let item: string;
const tokens: Record<string, string> = {};
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9301');
  for (const u of ['person', 'company', 'clerk', 'reviewer', 'supervisor', 'dataofficer']) tokens[u] = await t.login(u);
  // The colleague who decides the cases: whoever handled a case may not handle its remedy (REMEDY_OWN_ACT).
  const admin = await t.login('admin');
  const market = (
    (await t.app.inject({ method: 'GET', url: '/api/departments?q=淮北市市场监督管理局', headers: bearer(admin) })).json() as { items: { id: number }[] }
  ).items[0].id;
  const lead = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(admin), ...idem() },
    payload: {
      username: 'lead',
      displayName: '市场监管局 决定',
      password: DEMO_PASSWORD,
      roles: [{ role: 'reviewer', regionCode: '340600', departmentId: market }],
    },
  });
  assert.equal(lead.statusCode, 201, lead.body);
  tokens.lead = await t.login('lead');
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const as = (u: string) => caseClient(t, tokens[u]);

async function deliveredCase(day: string): Promise<string> {
  pinToday(day);
  const res = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '评价测试' } }, idem());
  const n = (res.json() as { number: string }).number;
  await as('person').upload(n, 'application', PDF);
  await as('person').call('POST', `/api/cases/${n}/materials/premises/pledge`);
  await as('person').act(n, 'submit');
  await as('clerk').act(n, 'accept');
  await as('lead').act(n, 'claim');
  await as('lead').act(n, 'complete-step', { result: 'pass', opinion: '通过' });
  await as('lead').act(n, 'claim');
  await as('lead').act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  await as('clerk').act(n, 'deliver', { method: 'electronic' });
  return n;
}

const rate = (u: string, n: string, body: Record<string, unknown>) => as(u).call('POST', `/api/cases/${n}/ratings`, body);

let bad = '';

test('a 非常不满意 rating opens a remedy for the department, due in 5 working days', async () => {
  bad = await deliveredCase('2025-03-03');
  const res = await rate('person', bad, {
    level: '5',
    channel: '1',
    indicators: ['101', '103'],
    comment: '等待<b>太久</b>，电话13912345678',
    anonymous: false,
  });
  assert.equal(res.statusCode, 201, res.body);
  type Listed = {
    caseNumber: string;
    dueOn: string;
    status: string;
    comment: string;
    itemName: string;
    channel: string;
    indicators: string[];
    anonymous: boolean;
    raterName: string | null;
  };
  const remedies = (await as('reviewer').call('GET', '/api/remedies')).json() as { items: Listed[] };
  const m = remedies.items.find((r) => r.caseNumber === bad)!;
  // What the follow-up call needs: who rated, on which item and channel, what they ticked; the phone masked in the list.
  assert.deepEqual([m.dueOn, m.status, m.comment], ['2025-03-10', 'open', '等待太久，电话139****5678']);
  assert.deepEqual([m.channel, m.indicators, m.anonymous], ['1', ['101', '103'], false]);
  const person = (await as('person').call('GET', '/api/auth/me')).json() as { user: { displayName: string } };
  assert.equal(m.raterName, person.user.displayName);
  const view = (await as('person').call('GET', `/api/cases/${bad}`)).json() as { implementation: { name: string } };
  assert.equal(m.itemName, view.implementation.name);
  assert.ok(m.itemName);
  // The reviewers are told by the remedy-opened event's subscriber, once the job runner delivers it.
  await deliverNow(
    t.database.db,
    logNotifier(() => undefined),
    t.config,
  );
  const notes = (await as('reviewer').call('GET', '/api/notifications')).json() as { items: { kind: string }[] };
  assert.ok(notes.items.some((n) => n.kind === 'remedy'));
});

test('bad input: someone else’s case, a second first rating, unknown level or channel, an indicator of the other channel', async () => {
  assert.equal(errorCode(await rate('company', bad, { level: '1', channel: '1' })), 'RATING_NOT_ALLOWED');
  assert.equal(errorCode(await rate('person', bad, { level: '1', channel: '1' })), 'RATING_ALREADY_GIVEN');
  assert.equal(errorCode(await rate('person', bad, { level: '9', channel: '1', followUp: true })), 'RATING_LEVEL_UNKNOWN');
  assert.equal(errorCode(await rate('person', bad, { level: '1', channel: '8', followUp: true })), 'RATING_CHANNEL_UNKNOWN');
  assert.equal(errorCode(await rate('person', bad, { level: '1', channel: '1', indicators: ['203'], followUp: true })), 'RATING_INDICATOR_UNKNOWN');
  pinToday('2025-03-03');
  const open = (await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: 'x' } }, idem())).json() as { number: string };
  assert.equal(errorCode(await rate('person', open.number, { level: '1', channel: '1' })), 'RATING_CASE_NOT_CLOSED');
});

test('the department classifies, replies, records the follow-up and closes; the month’s 差评整改率 is 100%', async () => {
  const list = (await as('reviewer').call('GET', '/api/remedies')).json() as { items: { id: number; caseNumber: string; version: number }[] };
  const m = list.items.find((r) => r.caseNumber === bad)!;
  let version = m.version;
  const step = async (body: Record<string, unknown>) => {
    const res = await as('reviewer').call('POST', `/api/remedies/${m.id}`, { ...body, version });
    assert.equal(res.statusCode, 200, res.body);
    version = (res.json() as { version: number }).version;
  };
  assert.equal(errorCode(await as('reviewer').call('POST', `/api/remedies/${m.id}`, { action: 'close', version })), 'REMEDY_INCOMPLETE');
  await step({ action: 'classify', classification: '立行立改' });
  await step({ action: 'reply', reply: '已调整审查流程，今后当日受理当日分办。' });
  await step({ action: 'follow-up', note: '电话回访申请人', answer: 'satisfied' });
  await step({ action: 'close' });
  assert.equal(errorCode(await as('reviewer').call('POST', `/api/remedies/${m.id}`, { action: 'reply', reply: '再次答复', version })), 'REMEDY_CLOSED');
  const reply = (await as('person').call('GET', '/api/notifications')).json() as { items: { kind: string; body: string }[] };
  assert.match(reply.items.find((n) => n.kind === 'remedy_reply')!.body, /当日受理/);
  // A follow-up rating after the remedy.
  assert.equal((await rate('person', bad, { level: '2', channel: '2', followUp: true })).statusCode, 201);
  const stats = (await as('supervisor').call('GET', '/api/ratings/statistics?from=2025-03&to=2025-03&by=department')).json() as {
    items: { label: string; ratings: number; badRatings: number; remedyRate: number; followUpRate: number }[];
  };
  const dept = stats.items.find((i) => i.label === '淮北市市场监督管理局')!;
  assert.deepEqual([dept.ratings, dept.badRatings, dept.remedyRate, dept.followUpRate], [1, 1, 100, 100]);
  const pub = (await t.app.inject({ method: 'GET', url: '/api/ratings/public?month=2025-03' })).json() as { items: { label: string; remedyRate: number }[] };
  assert.equal(pub.items.find((i) => i.label === '淮北市市场监督管理局')!.remedyRate, 100);
  const xlsx = await as('supervisor').call('GET', '/api/ratings/statistics/export?from=2025-03&to=2025-03');
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
});

test('at the counter: the window tablet rates right after service (一次一评) with the on-site indicators', async () => {
  const n = await deliveredCase('2025-04-01');
  assert.equal(errorCode(await rate('clerk', n, { level: '1', channel: '1' })), 'RATING_NOT_ALLOWED', 'a clerk cannot rate online for the applicant');
  const res = await rate('clerk', n, { level: '1', channel: '4', indicators: ['201', '203'] });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(
    (await rate('person', n, { level: '2', channel: '1', indicators: ['101'] })).statusCode,
    201,
    'the counter rating does not use up the online one',
  );
});

test('unrated closed cases get the default rating (基本满意) after 7 natural days, marked as default', async () => {
  const n = await deliveredCase('2025-05-06');
  pinToday('2025-05-12');
  assert.equal(await defaultRatingsSweep(t.database.db, systemContext('test'), { days: 7, level: '3' }), 0);
  pinToday('2025-05-13');
  assert.equal(await defaultRatingsSweep(t.database.db, systemContext('test'), { days: 7, level: '3' }), 1);
  assert.equal(errorCode(await rate('person', n, { level: '1', channel: '1' })), 'RATING_ALREADY_GIVEN');
  const stats = (await as('supervisor').call('GET', '/api/ratings/statistics?from=2025-05&to=2025-05&by=channel')).json() as {
    items: { key: string; ratings: number; activeRatingRate: number }[];
  };
  assert.deepEqual(
    stats.items.map((i) => [i.key, i.ratings, i.activeRatingRate]),
    [['default', 1, 0]],
  );
  assert.deepEqual(
    (stats.items as unknown as { label: string }[]).map((i) => i.label),
    ['默认评价'],
    'a channel is labelled by its name',
  );
  const april = (await as('supervisor').call('GET', '/api/ratings/statistics?from=2025-04&to=2025-04&by=channel')).json() as {
    items: { key: string; label: string }[];
  };
  assert.deepEqual(april.items.map((i) => [i.key, i.label]).sort(), [
    ['1', 'PC端'],
    ['4', '政务大厅平板电脑'],
  ]);
  for (const bad of ['2026-13', '2026-00', '2026-1']) {
    const res = await t.app.inject({ method: 'GET', url: `/api/ratings/public?month=${bad}` });
    assert.equal(res.statusCode, 400, bad);
    assert.equal(errorCode(res), 'VALIDATION_FAILED');
  }
});

test('appeal: an upheld appeal excludes the rating from the statistics; an overdue remedy escalates', async () => {
  const n = await deliveredCase('2025-06-03');
  assert.equal((await rate('person', n, { level: '4', channel: '1', comment: '恶意差评测试', anonymous: true })).statusCode, 201);
  type Listed = {
    id: number;
    caseNumber: string;
    anonymous: boolean;
    raterName: string | null;
    appeal: string | null;
    appealReason: string | null;
    appealDecisionReason: string | null;
  };
  const listed = async () => ((await as('reviewer').call('GET', '/api/remedies')).json() as { items: Listed[] }).items.find((r) => r.caseNumber === n)!;
  const m = await listed();
  assert.deepEqual([m.anonymous, m.raterName, m.appeal], [true, null, null], 'an anonymous rater is not named to the department');
  pinToday('2025-06-20');
  assert.equal(await escalateOverdue(t.database.db, systemContext('test')), 1);
  assert.equal(await escalateOverdue(t.database.db, systemContext('test')), 0, 'escalated once');
  const appeal = await as('reviewer').call('POST', `/api/remedies/${m.id}/appeal`, { reason: '评价内容与本办件无关' });
  assert.equal(appeal.statusCode, 201);
  assert.equal(errorCode(await as('reviewer').call('POST', `/api/remedies/${m.id}/appeal`, { reason: '再次申诉' })), 'APPEAL_EXISTS');
  const before = (await as('supervisor').call('GET', '/api/ratings/statistics?from=2025-06&to=2025-06')).json() as { items: { ratings: number }[] };
  assert.equal(before.items[0].ratings, 1);
  assert.deepEqual(await listed().then((r) => [r.appeal, r.appealReason, r.appealDecisionReason]), ['pending', '评价内容与本办件无关', null]);
  const decided = await as('supervisor').call('POST', `/api/rating-appeals/${(appeal.json() as { id: number }).id}/decide`, {
    upheld: true,
    reason: '经核实，评价与办件无关',
  });
  assert.equal(decided.statusCode, 200);
  assert.deepEqual(await listed().then((r) => [r.appeal, r.appealDecisionReason]), ['upheld', '经核实，评价与办件无关']);
  // The department that appealed is told the outcome, and the bell leads it to its remedies.
  const told = ((await as('reviewer').call('GET', '/api/notifications')).json() as { items: { kind: string; body: string }[] }).items.filter(
    (x) => x.kind === 'appeal_decided',
  );
  assert.equal(told.length, 1);
  assert.match(told[0].body, new RegExp(`${n}.*申诉已支持.*经核实，评价与办件无关`));
  const afterStats = (await as('supervisor').call('GET', '/api/ratings/statistics?from=2025-06&to=2025-06')).json() as { items: unknown[] };
  assert.equal(afterStats.items.length, 0, 'the excluded rating counts nowhere');
});

test('exchange: export and import in both level shapes (非常满意 = 1 national, 5 interface)', async () => {
  const national = (await as('dataofficer').call('GET', '/api/ratings/export?month=2025-04&shape=national')).json() as {
    records: { projectNo: string; satisfaction: string }[];
  };
  const iface = (await as('dataofficer').call('GET', '/api/ratings/export?month=2025-04&shape=interface')).json() as { records: { satisfaction: string }[] };
  assert.deepEqual([national.records[0].satisfaction, iface.records[0].satisfaction], ['1', '5']);
  const n = await deliveredCase('2025-07-01');
  // The import arrives the day after the rating (a rating from the future is refused).
  pinToday('2025-07-03');
  const bad = await as('dataofficer').call('POST', '/api/ratings/import', {
    shape: 'interface',
    records: [
      { projectNo: n, assessNumber: 1, satisfaction: '7', pf: '2', contentCode: '', evalDetail: '', anonymityFlag: '0', assessTime: '2025-07-02 10:00:00' },
    ],
  });
  assert.equal(errorCode(bad), 'RATING_IMPORT_INVALID');
  const ok = await as('dataofficer').call('POST', '/api/ratings/import', {
    shape: 'interface',
    records: [
      {
        projectNo: n,
        assessNumber: 1,
        satisfaction: '5',
        pf: '2',
        contentCode: '101',
        evalDetail: '很快',
        anonymityFlag: '0',
        assessTime: '2025-07-02 10:00:00',
      },
    ],
  });
  assert.deepEqual(ok.json(), { imported: 1 });
  const back = (await as('dataofficer').call('GET', '/api/ratings/export?month=2025-07&shape=national')).json() as {
    records: { projectNo: string; satisfaction: string }[];
  };
  assert.deepEqual(
    back.records.map((r) => [r.projectNo, r.satisfaction]),
    [[n, '1']],
    'interface 5 is stored as national 1',
  );
  assert.equal((await as('person').call('GET', '/api/ratings/export?month=2025-07&shape=national')).statusCode, 403);
});

test('two first ratings at once: one is stored, the other is told it was already given', async () => {
  const n = await deliveredCase('2025-04-07');
  const [a, b] = await Promise.all([
    rate('person', n, { level: '2', channel: '1', indicators: [] }),
    rate('person', n, { level: '4', channel: '2', indicators: [] }),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409]);
  assert.equal(errorCode(a.statusCode === 409 ? a : b), 'RATING_ALREADY_GIVEN');
  const mine = (await as('person').get(n)) as unknown as { ratings: { assessNumber: number }[] };
  assert.equal(mine.ratings.length, 1);
});

test('ratings given at the same moment go in one statement, and each rater gets their own answer', async () => {
  const { sql } = await import('drizzle-orm');
  const { rateCase } = await import('../../src/modules/ratings/index.ts');
  const { queryRows } = await import('../../src/platform/db/db.ts');
  const [good, badOne, twice, noFirst] = [
    await deliveredCase('2025-06-03'),
    await deliveredCase('2025-06-03'),
    await deliveredCase('2025-06-03'),
    await deliveredCase('2025-06-03'),
  ];
  const ids = Object.fromEntries(
    (
      await queryRows<{ username: string; id: number }>(
        t.database.db,
        sql`SELECT username, id::int AS id FROM app_user WHERE username IN ('person', 'company')`,
      )
    ).map((u) => [u.username, u.id]),
  );
  const rater = (u: string) => ({ ctx: { actor: { id: ids[u], username: u, role: 'applicant' }, requestId: `batch-${u}` }, userId: ids[u], grants: [] });
  const online = (level: string, extra: Record<string, unknown> = {}) => ({ level, channel: '1', indicators: ['101'], ...extra });
  const opts = { remedyDays: 5 };
  // Called in one tick: the first goes alone, the six others wait for it and go together in the next statement.
  const answers = await Promise.allSettled([
    rateCase(t.database.db, rater('person'), good, online('1'), opts),
    rateCase(t.database.db, rater('company'), good, online('1', { followUp: true }), opts),
    rateCase(t.database.db, rater('person'), badOne, online('5', { comment: '<i>太慢</i>' }), opts),
    rateCase(t.database.db, rater('person'), twice, online('2'), opts),
    rateCase(t.database.db, rater('person'), twice, online('3'), opts),
    rateCase(t.database.db, rater('person'), noFirst, online('1', { followUp: true }), opts),
    rateCase(t.database.db, rater('person'), '34060099999999999999', online('1'), opts),
  ]);
  const told = answers.map((a) => (a.status === 'fulfilled' ? 'stored' : (a.reason as { code: string }).code));
  assert.deepEqual(told, ['stored', 'RATING_NOT_ALLOWED', 'stored', 'stored', 'RATING_ALREADY_GIVEN', 'RATING_FIRST_MISSING', 'RATING_NOT_FOUND']);
  const stored = answers.filter((a) => a.status === 'fulfilled').map((a) => (a as PromiseFulfilledResult<{ id: number; remedyId: number | null }>).value);
  assert.deepEqual(
    stored.map((r) => r.remedyId !== null),
    [false, true, false],
    'only the bad rating opens a remedy',
  );

  const rows = await queryRows<{ number: string; level: string; comment: string; rater: number }>(
    t.database.db,
    sql`SELECT c.number, r.level, r.comment, r.rater_user_id::int AS rater FROM rating r JOIN service_case c ON c.id = r.case_id WHERE c.number IN (${good}, ${badOne}, ${twice}, ${noFirst}) ORDER BY r.id`,
  );
  assert.deepEqual(rows, [
    { number: good, level: '1', comment: '', rater: ids.person },
    { number: badOne, level: '5', comment: '太慢', rater: ids.person },
    { number: twice, level: '2', comment: '', rater: ids.person },
  ]);
  const remedies = (await as('reviewer').call('GET', '/api/remedies')).json() as { items: { caseNumber: string; dueOn: string }[] };
  assert.equal(remedies.items.find((m) => m.caseNumber === badOne)?.dueOn, '2025-06-10');
  await deliverNow(
    t.database.db,
    logNotifier(() => undefined),
    t.config,
  );
  const notices = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM notification n JOIN service_case c ON c.id = n.case_id WHERE c.number = ${badOne} AND n.kind = 'remedy'`,
  );
  assert.ok(notices[0].n >= 1, 'the department’s reviewers are told');
  const audit = await queryRows<{ target: string; actor: string }>(
    t.database.db,
    sql`SELECT target_id AS target, actor_username AS actor FROM audit_log WHERE action = 'rating.create' AND request_id LIKE 'batch-%' ORDER BY id`,
  );
  assert.deepEqual(
    audit,
    [good, badOne, twice].map((target) => ({ target, actor: 'person' })),
    'one audit entry per stored rating, none for a refused one',
  );
});

test('a bad rating counts its remedy deadline on the calendar as it is, though another process changed it after this one loaded it', async () => {
  const { sql } = await import('drizzle-orm');
  const { loadCalendar } = await import('../../src/platform/calendar/calendar.service.ts');
  const db = t.database.db;
  const n = await deliveredCase('2025-06-03'); // a Tuesday: five working days on are 2025-06-10
  await loadCalendar(db); // this process holds the calendar as it is now
  // Another server process makes 2025-06-04 a day off: the day and the revision change, this process is not told.
  const edit = async (workday: boolean) => {
    await db.execute(sql`UPDATE calendar_day SET is_workday = ${workday} WHERE day = '2025-06-04'`);
    await db.execute(sql`UPDATE reference_data SET version = (version::bigint + 1)::text, loaded_at = clock_timestamp() WHERE name = 'calendar-revision'`);
  };
  await edit(false);
  try {
    const res = await rate('person', n, { level: '5', channel: '1', indicators: ['101'], comment: '办理太慢' });
    assert.equal(res.statusCode, 201, res.body);
    const remedies = (await as('reviewer').call('GET', '/api/remedies')).json() as { items: { caseNumber: string; dueOn: string }[] };
    // The statement saw the revision move and refused the deadline counted on the old calendar; counted again: 06-11.
    assert.equal(remedies.items.find((m) => m.caseNumber === n)?.dueOn, '2025-06-11');
  } finally {
    await edit(true);
  }
});

test('a bad rating in a year whose calendar is not loaded is kept; its deadline is set once the year is loaded', async () => {
  const { sql } = await import('drizzle-orm');
  const { importCalendar, addWorkingDaysFrom } = await import('../../src/platform/calendar/calendar.service.ts');
  const { fillRemedyDeadlines } = await import('../../src/modules/ratings/index.ts');
  const { today } = await import('../../src/platform/clock.ts');
  const n = await deliveredCase('2025-05-06');
  pinToday(null);
  const year = Number(today().slice(0, 4));
  // The calendar without this year (and later ones), as on a platform whose admins have not loaded it yet.
  await t.database.db.execute(sql`DELETE FROM calendar_day WHERE day >= ${`${year}-01-01`}`);
  await t.database.db.execute(
    sql`UPDATE reference_data SET version = (version::bigint + 1)::text, loaded_at = clock_timestamp() WHERE name = 'calendar-revision'`,
  );
  const res = await rate('person', n, { level: '5', channel: '1', indicators: ['101'], comment: '年底办事太慢' });
  assert.equal(res.statusCode, 201, res.body);
  const remedyId = (res.json() as { remedyId: number }).remedyId;
  assert.ok(remedyId, 'the remedy is opened');
  const due = async () =>
    ((await as('reviewer').call('GET', '/api/remedies')).json() as { items: { id: number; dueOn: string | null; overdue: boolean }[] }).items.find(
      (m) => m.id === remedyId,
    )!;
  assert.deepEqual([(await due()).dueOn, (await due()).overdue], [null, false]);
  assert.equal(await fillRemedyDeadlines(t.database.db, systemContext('test'), 5), 0, 'still no calendar');

  await importCalendar(t.database.db, systemContext('test'), 'csv', `date,type,name\n${year}-01-01,off,元旦\n${year + 1}-01-01,off,元旦\n`);
  assert.equal(await fillRemedyDeadlines(t.database.db, systemContext('test'), 5), 1);
  const dueOn = (await due()).dueOn;
  assert.equal(dueOn, await addWorkingDaysFrom(t.database.db, today(), 5));
  assert.ok(dueOn! > today());
});
