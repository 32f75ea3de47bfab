import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { castApp, type Cast } from '../../../tests/support/permissions.ts';
import { queryRows } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';

/**
 * 办件台账: the cases of 淮北市市场监督管理局 (340600) that its clerk, reviewer and supervisor find, filter and export;
 * staff of 濉溪县 and 相山区 find none of them; applicants have no register. A submission rings the bell of the
 * region's window clerks.
 */
let cast: Cast;
let item: string;
let personId: string;
let market: number;
const c: Record<string, string> = {};
const as = (actor: string) => caseClient(cast.t, cast.token(actor));

interface Page {
  total: number;
  items: {
    number: string;
    status: string;
    channel: string;
    applicantName: string;
    applicantIdNumberMasked: string | null;
    contactPhoneMasked: string | null;
  }[];
}
async function register(actor: string, query = ''): Promise<Page> {
  const res = await as(actor).call('GET', `/api/cases/register?item=${item}${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Page;
}
const numbers = async (actor: string, query = '') => (await register(actor, query)).items.map((i) => i.number).sort();

async function submitted(contactPhone?: string): Promise<string> {
  const actor = 'person';
  const res = await as(actor).call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  if (contactPhone) {
    const saved = await as(actor).call('PUT', `/api/cases/${n}/draft`, { version: 1, formData: { shopName: '味道小馆' }, contactPhone });
    assert.equal(saved.statusCode, 200, saved.body);
  }
  assert.equal((await as(actor).upload(n, 'application', PDF)).statusCode, 200);
  assert.equal((await as(actor).call('POST', `/api/cases/${n}/materials/premises/pledge`)).statusCode, 200);
  await as(actor).act(n, 'submit');
  return n;
}

before(async () => {
  cast = await castApp();
  item = await publishedItem(cast.t, '340600-XK-9601');
  market = await cast.department('淮北市市场监督管理局');
  [{ id_number: personId }] = await queryRows<{ id_number: string }>(cast.t.database.db, sql`SELECT id_number FROM app_user WHERE username = 'person'`);
  const draft = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '草稿' } }, idem());
  c.draft = (draft.json() as { number: string }).number;
  c.web = await submitted('13912345678');
  // The window enters an application for the person at the counter, submitted at once.
  const window = await as('clerk').call(
    'POST',
    '/api/cases',
    { implementationCode: item, formData: { shopName: '味道小馆' }, applicant: { kind: 'person', name: '周小明', idNumber: personId }, submit: true },
    idem(),
  );
  assert.equal(window.statusCode, 201, window.body);
  c.window = (window.json() as { number: string }).number;
  c.reviewed = await submitted();
  await as('clerk').act(c.reviewed, 'accept');
  // 审查 done by the reviewer (决定 is another person's: separation of duties).
  await as('reviewer').act(c.reviewed, 'claim');
  await as('reviewer').act(c.reviewed, 'complete-step', { result: 'pass', opinion: '审查通过' });
  c.inReview = await submitted();
  await as('clerk').act(c.inReview, 'accept');
});
after(() => cast?.t.close());

test('the register lists every submitted case of the scope, newest first, with the ID number and phone masked (no drafts)', async () => {
  const page = await register('clerk');
  assert.deepEqual(page.items.map((i) => i.number).sort(), [c.web, c.window, c.reviewed, c.inReview].sort());
  assert.equal(page.total, 4);
  assert.ok(!page.items.some((i) => i.number === c.draft), 'a draft is the applicant’s own');
  const web = page.items.find((i) => i.number === c.web)!;
  assert.equal(web.applicantName, '周小明');
  assert.notEqual(web.applicantIdNumberMasked, personId);
  assert.match(web.applicantIdNumberMasked!, /^\d{6}\*+\w{4}$/);
  assert.equal(web.contactPhoneMasked, '139****5678');
  const body = JSON.stringify(page);
  assert.ok(!body.includes(personId) && !body.includes('13912345678'), 'no full ID number or phone anywhere in the answer');
  assert.deepEqual(
    page.items.map((i) => i.number),
    [...page.items.map((i) => i.number)].sort().reverse(),
    'newest first',
  );
});

test('the register filters by number, applicant, item, department, status, channel and dates, and pages', async () => {
  assert.deepEqual(await numbers('clerk', `&number=${c.web}`), [c.web]);
  assert.deepEqual(await numbers('clerk', `&number=${c.web.slice(0, 14)}&status=in_review`), [c.reviewed, c.inReview].sort());
  // The full ID number finds the applicant's cases; part of the name too; another name nothing.
  assert.equal((await numbers('clerk', `&applicant=${personId}`)).length, 4);
  assert.equal((await numbers('clerk', `&applicant=${encodeURIComponent('小明')}`)).length, 4);
  assert.deepEqual(await numbers('clerk', `&applicant=${encodeURIComponent('欧阳')}`), []);
  assert.deepEqual(await numbers('clerk', `&status=submitted`), [c.web, c.window].sort());
  assert.deepEqual(await numbers('clerk', `&status=decided`), []);
  assert.deepEqual(await numbers('clerk', `&channel=window`), [c.window]);
  assert.equal((await numbers('clerk', `&departmentId=${market}`)).length, 4);
  assert.deepEqual(await numbers('clerk', `&departmentId=${market + 100000}`), []);
  assert.equal((await numbers('clerk', `&from=${today()}&to=${today()}`)).length, 4);
  assert.deepEqual(await numbers('clerk', `&to=2020-01-01`), []);
  const res = await as('clerk').call('GET', `/api/cases/register?item=${encodeURIComponent('食品经营')}&number=${c.web.slice(0, 6)}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(
    (res.json() as Page).items.some((i) => i.number === c.web),
    'part of the item’s name finds it',
  );
  const first = await register('clerk', '&pageSize=3');
  const second = await register('clerk', '&pageSize=3&page=2');
  assert.equal(first.items.length, 3);
  assert.equal(second.items.length, 1);
  assert.equal(second.total, 4);
  assert.equal((await register('clerk', '&pageSize=3&page=5')).total, 4, 'a page past the end still says how many there are');
});

test('bad filters are refused with stable codes', async () => {
  const range = await as('clerk').call('GET', '/api/cases/register?from=2026-12-31&to=2026-01-01');
  assert.equal(range.statusCode, 400, range.body);
  assert.equal((range.json() as { code: string }).code, 'CASE_REGISTER_RANGE_INVALID');
  const exportRange = await as('clerk').call('GET', '/api/cases/register/export?from=2026-12-31&to=2026-01-01');
  assert.equal((exportRange.json() as { code: string }).code, 'CASE_REGISTER_RANGE_INVALID');
  for (const q of ['status=draft', 'channel=pigeon', 'from=2026-02-30', 'number=34abc']) {
    const res = await as('clerk').call('GET', `/api/cases/register?${q}`);
    assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
  }
});

test('each role finds the cases of its own scope only; applicants have no register', async () => {
  const all = [c.web, c.window, c.reviewed, c.inReview].sort();
  for (const actor of ['admin', 'clerk', 'reviewer', 'supervisor']) assert.deepEqual(await numbers(actor), all, actor);
  for (const actor of ['clerk.sx', 'reviewer.sx', 'reviewer.xs', 'supervisor.sx', 'supervisor.xs', 'admin.sx', 'admin.xs'])
    assert.deepEqual(await numbers(actor), [], actor);
  for (const actor of ['person', 'company', 'agent', 'itemadmin']) {
    const res = await as(actor).call('GET', '/api/cases/register');
    assert.equal(res.statusCode, 403, `${actor}: ${res.body}`);
    assert.equal((res.json() as { code: string }).code, 'AUTH_FORBIDDEN');
    assert.equal((await as(actor).call('GET', '/api/cases/register/export')).statusCode, 403, actor);
  }
});

test('已办: a reviewer finds the cases it handled, not those it has not touched; the clerk those it accepted', async () => {
  assert.deepEqual(await numbers('reviewer', '&handledByMe=true'), [c.reviewed]);
  assert.deepEqual(await numbers('clerk', '&handledByMe=true'), [c.reviewed, c.inReview].sort());
  assert.deepEqual(await numbers('supervisor', '&handledByMe=true'), []);
});

test('the export is a workbook of the same filters, with the ID numbers and phones masked', async () => {
  const res = await as('supervisor').call('GET', `/api/cases/register/export?item=${item}&status=submitted`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('办件台账')!;
  const rows = sheet.getSheetValues().slice(1) as unknown[][];
  assert.equal((rows[0] as string[]).slice(1, 4).join('|'), '办件编号|事项名称|实施编码');
  const data = rows.slice(1).filter(Boolean);
  assert.deepEqual(data.map((r) => r[1]).sort(), [c.web, c.window].sort());
  const web = data.find((r) => r[1] === c.web)!;
  assert.equal(web[7], '139****5678');
  assert.notEqual(web[6], personId);
  assert.equal(web[9], '待受理');
  assert.ok(!JSON.stringify(data).includes(personId), 'no full ID number in the workbook');
});

test('a submission rings the bell of the region’s window clerks, not of another region’s', async () => {
  const bell = async (actor: string) =>
    (
      (await as(actor).call('GET', '/api/notifications')).json() as { items: { kind: string; title: string; body: string; caseNumber: string | null }[] }
    ).items.filter((n) => n.kind === 'submitted');
  const submittedNow = await submitted();
  // Applied and submitted in one request (the batched application statement) rings it too.
  const direct = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' }, submit: true }, idem());
  assert.equal(direct.statusCode, 201, direct.body);
  const directNumber = (direct.json() as { number: string }).number;
  const clerk = await bell('clerk');
  for (const n of [submittedNow, directNumber]) {
    const note = clerk.find((x) => x.caseNumber === n);
    assert.ok(note, `the clerk is told of ${n}`);
    assert.equal(note.title, '新的申请待受理');
    assert.ok(note.body.includes(n) && note.body.includes('周小明'), note.body);
  }
  assert.equal(clerk.filter((x) => x.caseNumber === submittedNow).length, 1, 'once');
  assert.ok(!clerk.some((x) => x.caseNumber === c.window), 'not of what the clerk entered itself');
  for (const actor of ['clerk.sx', 'reviewer', 'supervisor', 'person']) assert.deepEqual(await bell(actor), [], actor);
  // A draft saved but not submitted tells nobody.
  const draft = await as('person').call('POST', '/api/cases', { implementationCode: item, formData: {} }, idem());
  const draftNumber = (draft.json() as { number: string }).number;
  assert.ok(!(await bell('clerk')).some((x) => x.caseNumber === draftNumber));
});
