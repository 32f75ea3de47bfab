// 办件进度查询 without an account (issue 20, ADR 0027): the case number and the query code printed on the receipt.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/db.ts';
import { errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { runRound } from '../../platform/jobs.ts';
import { LOOKUP_MAX_FAILURES_PER_CASE, LOOKUP_MAX_FAILURES_PER_IP, QUERY_CODE_LENGTH, queryCodeOf } from './cases.progress.ts';
import { casesModule } from './index.ts';

let t: TestApp;
let submitted = '';
let draft = '';
before(async () => {
  t = await testApp({ config: { loginRateLimit: 0 } });
  const item = await publishedItem(t, '340600-XK-9501');
  const person = caseClient(t, await t.login('person'));
  const create = async () => {
    const res = await person.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '进度查询测试' } }, idem());
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { number: string }).number;
  };
  submitted = await create();
  await person.upload(submitted, 'application', PDF);
  await person.call('POST', `/api/cases/${submitted}/materials/premises/pledge`);
  await person.act(submitted, 'submit');
  draft = await create();
});
after(async () => {
  await t?.close();
});

let addresses = 0;
const lookUp = (number: string, code: string, remoteAddress = '10.1.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/case-progress', payload: { number, code }, remoteAddress });
const fresh = () => `10.2.${Math.floor(++addresses / 250)}.${addresses % 250}`;

test('the receipt prints the query code, and the number with it shows status and dates without personal data', async () => {
  const code = queryCodeOf(submitted);
  assert.equal(code.length, QUERY_CODE_LENGTH);
  const person = caseClient(t, await t.login('person'));
  const doc = await person.call('GET', `/api/cases/${submitted}/notices/receipt`);
  assert.equal(doc.statusCode, 200, doc.body);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /查询码/);
  assert.match(xml, new RegExp(code));

  const res = await lookUp(submitted, code.toLowerCase().replace(/(....)/, '$1-'), fresh());
  assert.equal(res.statusCode, 200, res.body);
  const view = res.json() as Record<string, unknown>;
  assert.equal(view.number, submitted);
  assert.equal(view.status, 'submitted');
  assert.equal(typeof view.receivedOn, 'string');
  assert.deepEqual(
    (view.steps as { type: string }[]).map((s) => s.type),
    ['submitted'],
  );
  const text = res.body;
  const details = await person.get(submitted);
  for (const secret of [details.applicant.name, '进度查询测试']) assert.ok(!text.includes(secret), `no personal data in the public answer (${secret})`);
  assert.deepEqual(Object.keys(view).sort(), [
    'acceptedOn',
    'deadline',
    'decidedOn',
    'department',
    'itemName',
    'number',
    'paused',
    'receivedOn',
    'status',
    'steps',
  ]);
});

test('a wrong code, an unknown number and a draft get the same refusal', async () => {
  const ip = fresh();
  const wrong = await lookUp(submitted, 'ABCDEFGH', ip);
  assert.equal(wrong.statusCode, 404);
  assert.equal(errorCode(wrong), 'CASE_LOOKUP_FAILED');
  const unknown = '34060020260101999999';
  assert.equal(errorCode(await lookUp(unknown, queryCodeOf(unknown), ip)), 'CASE_LOOKUP_FAILED');
  assert.equal(errorCode(await lookUp(draft, queryCodeOf(draft), ip)), 'CASE_LOOKUP_FAILED', 'a draft has not been received');
  const [audited] = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.progress.failed' AND actor_username = ${ip}`,
  );
  assert.equal(Number(audited.n), 3, 'each failure is on record');
});

test('guessing is cut off: a few wrong codes per case, and per address', async () => {
  const code = queryCodeOf(submitted);
  for (let i = 0; i < LOOKUP_MAX_FAILURES_PER_CASE; i++) await lookUp(submitted, `WRONG${i}XX`, fresh());
  const refused = await lookUp(submitted, code, fresh());
  assert.equal(refused.statusCode, 429, 'even the right code, once the case has been guessed at');
  assert.equal(errorCode(refused), 'CASE_LOOKUP_THROTTLED');

  const ip = fresh();
  for (let i = 0; i < LOOKUP_MAX_FAILURES_PER_IP; i++) await lookUp(`340600202601019${String(i).padStart(5, '0')}`, 'ABCDEFGH', ip);
  assert.equal(errorCode(await lookUp(draft, 'ABCDEFGH', ip)), 'CASE_LOOKUP_THROTTLED', 'one address cannot walk the case numbers');
});

test('the hourly job deletes failed look-ups older than the window, which then no longer refuse', async () => {
  const ip = fresh();
  for (let i = 0; i < LOOKUP_MAX_FAILURES_PER_CASE; i++) await lookUp(draft, `WRONG${i}XX`, ip);
  assert.equal(errorCode(await lookUp(draft, 'ABCDEFGH', fresh())), 'CASE_LOOKUP_THROTTLED');
  // Those failures age past the window; one more from just now stays.
  await t.database.db.execute(sql`UPDATE case_lookup_failure SET at = now() - interval '16 minutes' WHERE number = ${draft}`);
  await t.database.db.execute(sql`INSERT INTO case_lookup_failure (number, ip) VALUES (${draft}, ${ip})`);

  const job = casesModule.jobs?.find((j) => j.name === 'cases.lookup-failure-prune');
  assert.ok(job, 'the cases module registers the job');
  assert.equal(await runRound(t.database.db, job, 'test', { notifier: t.app.notifier, config: t.config }), true);
  const [left] = await queryRows<{ n: number; old: number }>(
    t.database.db,
    sql`SELECT count(*) FILTER (WHERE number = ${draft})::int AS n, count(*) FILTER (WHERE at < now() - interval '15 minutes')::int AS old FROM case_lookup_failure`,
  );
  assert.equal(Number(left.n), 1, 'only the recent failure of the case is left');
  assert.equal(Number(left.old), 0, 'none older than the window');
  assert.equal(errorCode(await lookUp(draft, 'ABCDEFGH', fresh())), 'CASE_LOOKUP_FAILED', 'the case may be looked up again');
});
