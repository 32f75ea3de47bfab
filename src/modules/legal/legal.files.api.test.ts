import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, DEMO_PASSWORD, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { PDF } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { pinToday } from '../../platform/clock.ts';

// The files of rule-of-law records through the HTTP API (issue 24): a record keeps only an upload of the one who
// records it or of a colleague of the same department; a kept file is downloaded under its own name by whoever may
// read the record, and by its uploader; others are refused, an unknown file is not found.

let t: TestApp;
let justice: number;
const token: Record<string, string> = {};
let k = 0;

const departmentId = async (name: string) =>
  Number((await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = ${name}`))[0].id);

before(async () => {
  t = await testApp();
  justice = await departmentId('淮北市司法局');
  const market = await departmentId('淮北市市场监督管理局');
  const admin = await t.login('admin');
  // A colleague of the 司法局, a legal officer of another department of the city, and one of 濉溪县 (outside the city's records).
  const staff = [
    { username: 'justice.legal', regionCode: '340600', departmentId: justice },
    { username: 'market.legal', regionCode: '340600', departmentId: market },
    { username: 'sx.legal', regionCode: '340621', departmentId: null },
  ];
  for (const s of staff) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(admin), 'idempotency-key': `files-${s.username}` },
      payload: {
        username: s.username,
        displayName: s.username,
        password: DEMO_PASSWORD,
        roles: [{ role: 'legal_officer', regionCode: s.regionCode, departmentId: s.departmentId }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  for (const u of ['legalofficer', 'supervisor', 'clerk', ...staff.map((s) => s.username)]) token[u] = await t.login(u);
});
afterEach(() => pinToday(null));
after(() => t.close());

const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(token[who]) });
const post = (who: string, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, payload, headers: { ...bearer(token[who]), 'idempotency-key': `files-${k++}` } });
const upload = async (who: string, name: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/legal/files?name=${encodeURIComponent(name)}`,
    headers: { ...bearer(token[who]), 'content-type': 'application/octet-stream' },
    payload: PDF,
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: number }).id;
};
const count = async (table: string) => Number((await queryRows<{ n: number }>(t.database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);
const meeting = (fileId: number | null) => ({
  departmentId: justice,
  category: 'major_matter',
  subject: '行政执法公示制度调整',
  meetingName: '局务会议2026年第2次',
  meetingOn: '2026-02-10',
  members: 7,
  attendees: 6,
  minutes: '会议审议通过。',
  fileId,
  decision: '同意。',
});

test('a kept file is downloaded under its Chinese name by the record’s readers and its uploader; others are refused', async () => {
  pinToday('2026-02-12');
  const name = '会议纪要（第2次）.pdf';
  const id = await upload('legalofficer', name);
  // Not kept by any record yet: its uploader reads it, nobody else.
  assert.equal((await get('legalofficer', `/api/legal/files/${id}`)).statusCode, 200);
  assert.equal(errorCode(await get('supervisor', `/api/legal/files/${id}`)), 'FILE_NOT_FOUND');

  const res = await post('legalofficer', '/api/legal/meetings', meeting(id));
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((res.json() as { fileId: number }).fileId, id);

  for (const reader of ['legalofficer', 'supervisor', 'market.legal']) {
    const file = await get(reader, `/api/legal/files/${id}`);
    assert.equal(file.statusCode, 200, `${reader}: ${file.body}`);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.deepEqual(file.rawPayload, PDF);
    const disposition = String(file.headers['content-disposition']);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent('会议纪要')}%EF%BC%88`), disposition);
    assert.ok(/filename="[\x20-\x7e]+"/.test(disposition), 'an ASCII fallback for old clients');
    const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)![1];
    assert.equal(decodeURIComponent(star), name);
  }
  // Outside the city's records (濉溪县), and without the permission at all.
  const outside = await get('sx.legal', `/api/legal/files/${id}`);
  assert.equal(outside.statusCode, 403);
  assert.equal(errorCode(outside), 'AUTH_FORBIDDEN');
  assert.equal((await get('clerk', `/api/legal/files/${id}`)).statusCode, 403);
  const unknown = await get('legalofficer', '/api/legal/files/999999');
  assert.equal(unknown.statusCode, 404);
  assert.equal(errorCode(unknown), 'FILE_NOT_FOUND');
  assert.equal(errorCode(await get('legalofficer', '/api/legal/files/x')), 'VALIDATION_FAILED');
});

test('a record takes only a file uploaded by its recorder or a colleague of the same department: otherwise refused, nothing stored', async () => {
  pinToday('2026-02-12');
  const other = await upload('market.legal', '市场局意见.pdf');
  const outside = await upload('sx.legal', '濉溪县意见.pdf');
  const colleague = await upload('justice.legal', '司法局同事意见.pdf');

  const meetings = await count('legal_meeting');
  for (const fileId of [other, outside, 999_999]) {
    const res = await post('legalofficer', '/api/legal/meetings', meeting(fileId));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(errorCode(res), 'LEGAL_FILE_INVALID');
    const { message } = res.json() as { message: { zh: string; en: string } };
    assert.deepEqual(message, { zh: '附件无效：须为本人或本部门人员上传的文件', en: 'The file is not one you or someone of your department uploaded' });
  }
  assert.equal(await count('legal_meeting'), meetings);
  const taken = await post('legalofficer', '/api/legal/meetings', meeting(colleague));
  assert.equal(taken.statusCode, 201, taken.body);
  assert.equal(await count('legal_meeting'), meetings + 1);

  // A document's review opinion: refused with another department's file, the document unchanged; taken with one's own.
  pinToday('2026-03-02');
  type Doc = { id: number; version: number; status: string; steps: { action: string; fileId: number | null }[] };
  const ok = async (res: Awaited<ReturnType<typeof post>>) => {
    assert.ok(res.statusCode < 300, `${res.statusCode} ${res.body}`);
    return res.json() as Doc;
  };
  let d = await ok(
    await post('legalofficer', '/api/legal/documents', {
      title: '淮北市行政执法公示办法',
      departmentId: justice,
      issuerPrefix: '执规',
      articles: [{ no: 1, text: '为规范行政执法公示，制定本办法。' }],
    }),
  );
  d = await ok(await post('legalofficer', `/api/legal/documents/${d.id}/comment-period`, { version: d.version }));
  pinToday('2026-03-12');
  d = await ok(await post('legalofficer', `/api/legal/documents/${d.id}/comment-close`, { adoptionSummary: '无', version: d.version }));
  const refused = await post('legalofficer', `/api/legal/documents/${d.id}/review`, { opinion: 'pass', reasons: '合法', fileId: other, version: d.version });
  assert.equal(errorCode(refused), 'LEGAL_FILE_INVALID');
  const same = await ok(await get('legalofficer', `/api/legal/documents/${d.id}`));
  assert.deepEqual([same.version, same.status, same.steps.length], [d.version, d.status, d.steps.length]);

  const own = await upload('legalofficer', '审核意见书.pdf');
  d = await ok(await post('legalofficer', `/api/legal/documents/${d.id}/review`, { opinion: 'pass', reasons: '合法', fileId: own, version: d.version }));
  assert.deepEqual(
    d.steps.filter((s) => s.action === 'review').map((s) => s.fileId),
    [own],
  );
  // Kept by the document's step: the city's readers download it, 濉溪县's do not.
  assert.equal((await get('supervisor', `/api/legal/files/${own}`)).statusCode, 200);
  assert.equal((await get('sx.legal', `/api/legal/files/${own}`)).statusCode, 403);
});
