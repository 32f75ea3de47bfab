// The reminder to load a calendar year: from 1 October, whoever may manage the calendar is told in the app, once,
// until the year is imported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { listYears } from '../../src/platform/calendar/calendar.service.ts';
import { remindCalendarYear } from '../../src/modules/cases/index.ts';

let t: TestApp;
let last: number;

before(async () => {
  t = await testApp();
  last = Math.max(...(await listYears(t.database.db)).map((y) => y.year));
});
after(async () => {
  await t?.close();
});

const told = () =>
  queryRows<{ username: string; title: string }>(
    t.database.db,
    sql`SELECT u.username, n.title FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'calendar_year_due' ORDER BY u.username`,
  );

async function notificationsOf(username: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { authorization: `Bearer ${await t.login(username)}` } });
  assert.equal(res.statusCode, 200);
  return (res.json() as { items: { kind: string; title: string; body: string; readAt: string | null }[] }).items;
}

test('nothing is due before 1 October of the last loaded year', async () => {
  assert.equal(await remindCalendarYear(t.database.db, `${last}-09-30`), 0);
  assert.deepEqual(await told(), []);
});

test('from 1 October the admins are told to load the next year, once each, even with two jobs at once', async () => {
  const counts = await Promise.all([remindCalendarYear(t.database.db, `${last}-10-01`), remindCalendarYear(t.database.db, `${last}-10-01`)]);
  const rows = await told();
  assert.ok(rows.length > 0, 'someone holds calendar.manage');
  assert.equal(counts[0] + counts[1], rows.length, 'the two runs together told each admin once');
  const admins = await queryRows<{ username: string }>(
    t.database.db,
    sql`SELECT DISTINCT u.username FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'admin' AND u.status = 'active' ORDER BY u.username`,
  );
  assert.deepEqual(
    rows.map((r) => r.username),
    admins.map((a) => a.username),
    'each active admin once, nobody else',
  );
  assert.equal(rows[0].title, `请导入 ${last + 1} 年工作日历`);
  assert.equal(await remindCalendarYear(t.database.db, `${last}-12-31`), 0, 'a later run tells nobody again');

  const mine = (await notificationsOf('admin')).filter((n) => n.kind === 'calendar_year_due');
  assert.equal(mine.length, 1);
  assert.match(mine[0].body, new RegExp(`${last + 1} 年的工作日历尚未导入`));
  assert.equal((await notificationsOf('clerk')).filter((n) => n.kind === 'calendar_year_due').length, 0, 'a clerk cannot load the calendar and is not told');
});

test('once the year is imported nothing is due; the year after is told anew in its autumn', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/calendar/import',
    headers: { authorization: `Bearer ${await t.login('admin')}` },
    payload: { format: 'csv', content: `date,type,name\n${last + 1}-01-01,off,元旦\n` },
  });
  assert.equal(res.statusCode, 200, res.body);
  const before = (await told()).length;
  assert.equal(await remindCalendarYear(t.database.db, `${last}-12-31`), 0);
  assert.equal(await remindCalendarYear(t.database.db, `${last + 1}-10-01`), before, 'each admin is told of the following year');
  assert.equal((await told()).filter((r) => r.title === `请导入 ${last + 2} 年工作日历`).length, before);
});
