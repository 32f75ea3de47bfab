import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { bearer, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { runWarningSweep } from '../../src/modules/cases/index.ts';
import { calendarDueWarning } from '../../src/bootstrap/open.ts';

// 7 December 2026: the calendar reaches 31 December 2026 (chinese-days ships the notices to 2026); 2027's holidays
// are not published yet. A case accepted today is promised in 10 working days (12-21), its legal 20 reach 2027.
let t: TestApp;
let number: string;
before(async () => {
  t = await testApp();
  const item = await publishedItem(t, '340600-XK-9301');
  pinToday('2026-12-07');
  const person = caseClient(t, await t.login('person'));
  const res = await person.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '年末测试' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  number = (res.json() as { number: string }).number;
  await person.upload(number, 'application', PDF);
  await person.call('POST', `/api/cases/${number}/materials/premises/pledge`);
  await person.act(number, 'submit');
  await caseClient(t, await t.login('clerk')).act(number, 'accept');
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const reason2027 = { zh: '待国务院公布2027年节假日安排后确定', en: 'set once the State Council publishes the 2027 holidays' };

test('accepted on 7 December without the next year loaded: the promised date is computed, only the legal one waits, with the reason', async () => {
  const c = await caseClient(t, await t.login('person')).get(number);
  assert.equal(c.clock.acceptedOn, '2026-12-07');
  assert.equal(c.clock.deadline, '2026-12-21');
  assert.equal(c.clock.remainingWorkingDays, 10);
  assert.equal(c.clock.legalDeadline, null);
  assert.equal(c.clock.calendarMissingYear, 2027);
  assert.deepEqual(c.clock.undetermined, [{ date: 'legalDeadline', year: 2027, reason: reason2027 }]);
});

test('the acceptance notice prints the promised date and, for the legal one, why it is not set (no bare dash)', async () => {
  const doc = await caseClient(t, await t.login('person')).call('GET', `/api/cases/${number}/notices/acceptance`);
  assert.equal(doc.statusCode, 200);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /承诺办结日期：2026-12-21/);
  assert.match(xml, /法定办结日期：待国务院公布2027年节假日安排后确定/);
  assert.doesNotMatch(xml, /—/);
});

test('the warning fires on the promised date that exists', async () => {
  pinToday('2026-12-17'); // two working days left to 12-21
  await runWarningSweep(t.database.db, { recheckMinutes: 0 });
  const rows = await queryRows<{ body: string }>(
    t.database.db,
    sql`SELECT n.body FROM notification n WHERE n.kind = 'warning_amber' AND n.body LIKE ${`%${number}%`}`,
  );
  assert.ok(rows.length > 0, 'amber notified');
  assert.match(rows[0].body, /2026-12-21/);
  pinToday('2026-12-07');
});

test('loading 2027 through the API while the server runs sets the legal date at once', async () => {
  const admin = await t.login('admin');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/calendar/import',
    headers: bearer(admin),
    payload: { format: 'csv', content: 'date,type,name\n2027-01-01,off,元旦\n' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const c = await caseClient(t, admin).get(number);
  assert.deepEqual(c.clock.undetermined, []);
  assert.equal(c.clock.calendarMissingYear, null);
  // 12-08 … 12-31 are 18 working days; 2027-01-01 is off, 01-04 and 01-05 make 20.
  assert.equal(c.clock.legalDeadline, '2027-01-05');
});

test('at start, the server says how to load a year while it runs; the CLI only when the embedded database is free', () => {
  const embedded = calendarDueWarning(2027, true);
  assert.match(embedded, /日历管理/);
  assert.match(embedded, /POST \/api\/calendar\/import/);
  assert.match(embedded, /only while the server is stopped/);
  assert.match(embedded, /待国务院公布2027年节假日安排后确定/);
  assert.match(calendarDueWarning(2027, false), /tongban calendar import FILE/);
});
