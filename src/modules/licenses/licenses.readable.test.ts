import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { idem } from '../../../tests/support/cases.ts';
import { DEMO_COMPANY_USCC } from '../../bootstrap/demo.ts';
import { systemContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/db.ts';
import { makeUscc } from '../../platform/identity.ts';
import { issueLicense } from './licenses.issue.ts';

/**
 * Licences that read right (issue 20): a type declares its fields with labels, printed and sealed, and its validity;
 * pages, the document and public verification show labels, never raw keys or the contact phone; an organisation is
 * public on verification, a person masked.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const FOOD = `${makeUscc('11', '100000', '00002010')}002`; // 食品经营许可证 of the demo catalogue
const ID_CARD = `${makeUscc('11', '100000', '00002030')}002`;
const COMPANY = '淮北市相山区味道餐饮有限公司';
type Field = { key: string; label: string; labelEn: string | null; printed: boolean; sealed: boolean };
type LicenseType = { code: string; version: number; validityYears: number | null; validityBasis: string | null; fields: Field[]; holderKind: string };
let market: number;

const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, headers: who ? bearer(tokens[who]) : {} });
const typeOf = async (code: string) => ((await get('/api/license-types')).json() as { items: LicenseType[] }).items.find((x) => x.code === code)!;

before(async () => {
  t = await testApp({ demo: 'full' });
  for (const u of ['company', 'reviewer', 'admin', 'itemadmin']) tokens[u] = await t.login(u);
  [{ id: market }] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = '淮北市市场监督管理局'`);
});
after(() => t.close());

test('the demo 食品经营许可证 is valid 5 years and declares its fields with Chinese labels; the contact phone is neither sealed nor printed', async () => {
  const food = await typeOf(FOOD);
  assert.equal(food.validityYears, 5);
  assert.match(food.validityBasis ?? '', /食品经营许可和备案管理办法/);
  const byKey = new Map(food.fields.map((f) => [f.key, f]));
  for (const [key, label] of [
    ['entityName', '经营者名称'],
    ['legalRep', '法定代表人（负责人）'],
    ['shopAddress', '经营场所'],
    ['businessForm', '主体业态'],
    ['businessItems', '经营项目'],
  ])
    assert.deepEqual([byKey.get(key)?.label, byKey.get(key)?.sealed, byKey.get(key)?.printed], [label, true, true], key);
  assert.deepEqual([byKey.get('phone')?.sealed, byKey.get('phone')?.printed], [false, false]);
  // Long-term only with the law that says so: every demo type without a term names its basis.
  for (const type of ((await get('/api/license-types')).json() as { items: LicenseType[] }).items)
    if (type.validityYears === null) assert.ok(type.validityBasis, `${type.code} is long-term without a basis`);
});

test('a contact phone cannot be declared sealed or printed, nor a field printed unsealed; labels are saved as declared', async () => {
  const patch = async (fields: unknown[]) => {
    const type = await typeOf(FOOD);
    return t.app.inject({ method: 'PATCH', url: `/api/license-types/${FOOD}`, headers: bearer(tokens.admin), payload: { version: type.version, fields } });
  };
  const food = await typeOf(FOOD);
  assert.equal(
    errorCode(await patch([...food.fields.filter((f) => f.key !== 'phone'), { key: 'phone', label: '联系人手机', sealed: true }])),
    'LICENSE_FIELD_CONTACT_SEALED',
  );
  assert.equal(errorCode(await patch([...food.fields, { key: 'note', label: '备注', sealed: false, printed: true }])), 'LICENSE_FIELD_PRINTED_UNSEALED');
  const saved = await patch(
    food.fields.map((f) => (f.key === 'businessForm' ? { ...f, label: '主体业态（类别）', labelEn: 'Business form', printed: false } : f)),
  );
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(
    (saved.json() as LicenseType).fields.find((f) => f.key === 'businessForm'),
    { key: 'businessForm', label: '主体业态（类别）', labelEn: 'Business form', printed: false, sealed: true },
  );
  assert.deepEqual((await typeOf(FOOD)).fields, (saved.json() as LicenseType).fields);
});

test('a food licence shows labels, never raw keys or the phone: on the page, in the wallet and on the printed document', async () => {
  // As on a case's decision: the whole form is handed over; the phone and the typed USCC are not sealed.
  const form = {
    事项名称: '食品经营许可（餐饮服务）',
    办件编号: 'TB-TEST-0001',
    entityName: COMPANY,
    usccCode: DEMO_COMPANY_USCC,
    phone: '13912345678',
    legalRep: '李味道',
    shopAddress: '淮北市相山区人民路88号',
    businessItems: ['热食类食品制售', '冷食类食品制售'],
    seats: 40,
  };
  const row = await t.database.db.transaction((tx) =>
    issueLicense(tx, systemContext('test'), {
      typeCode: FOOD,
      departmentId: market,
      holder: { kind: 'organisation', name: COMPANY, idNumber: DEMO_COMPANY_USCC },
      data: form,
    }),
  );
  assert.doesNotMatch(row.signedData, /13912345678|phone|usccCode/);
  // 5 years from issue, the day before the anniversary.
  const issued = new Date(`${today()}T00:00:00Z`);
  issued.setUTCFullYear(issued.getUTCFullYear() + 5);
  issued.setUTCDate(issued.getUTCDate() - 1);
  assert.equal(row.validUntil, issued.toISOString().slice(0, 10));

  type Entry = { key: string; label: string; value: unknown; printed: boolean };
  const detail = (await get(`/api/licenses/${row.identifier}`, 'reviewer')).json() as { entries: Entry[]; holderIdNumberMasked: string };
  assert.deepEqual(
    detail.entries.map((e) => e.label),
    ['经营者名称', '法定代表人（负责人）', '经营场所', '经营项目', '就餐座位数', '事项名称', '办件编号'],
  );
  assert.equal(detail.holderIdNumberMasked, DEMO_COMPANY_USCC, 'an organisation’s USCC is public');
  const wallet = (await get('/api/licenses/mine', 'company')).json() as { items: { identifier: string; entries: Entry[] }[] };
  const mine = wallet.items.find((l) => l.identifier === row.identifier)!;
  assert.ok(mine.entries.some((e) => e.label === '经营场所' && e.value === '淮北市相山区人民路88号'));
  assert.doesNotMatch(JSON.stringify(mine.entries), /13912345678|"phone"/);

  const doc = await get(`/api/licenses/${row.identifier}/document`, 'company');
  assert.equal(doc.statusCode, 200);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '|');
  for (const shown of ['经营者名称', '经营场所', '淮北市相山区人民路88号', '经营项目', '热食类食品制售、冷食类食品制售', '统一社会信用代码', DEMO_COMPANY_USCC])
    assert.ok(text.includes(shown), shown);
  for (const hidden of ['entityName', 'shopAddress', 'legalRep', 'seats', 'phone', '13912345678', '长期', '办件编号'])
    assert.ok(!text.includes(hidden), hidden);
  assert.ok(text.includes(`${row.issueDate} 至 ${row.validUntil}`));
});

test('public verification shows an organisation in full with its printed fields, and masks a natural person', async () => {
  const company = await t.database.db.transaction((tx) =>
    issueLicense(tx, systemContext('test'), {
      typeCode: FOOD,
      departmentId: market,
      holder: { kind: 'organisation', name: COMPANY, idNumber: DEMO_COMPANY_USCC },
      data: { entityName: COMPANY, shopAddress: '淮北市相山区人民路88号', seats: 12, phone: '13912345678' },
    }),
  );
  const verify = async (l: { identifier: string; verifyCode: string }) =>
    (await get(`/api/licenses/verify/${l.identifier}?code=${l.verifyCode}`)).json() as Record<string, unknown> & {
      entries: { label: string; value: unknown }[];
    };
  const org = await verify(company);
  assert.deepEqual([org.found, org.holderKind, org.holder, org.holderId], [true, 'organisation', COMPANY, DEMO_COMPANY_USCC]);
  assert.deepEqual(
    org.entries.map((e) => [e.label, e.value]),
    [
      ['经营者名称', COMPANY],
      ['经营场所', '淮北市相山区人民路88号'],
    ],
    'printed fields only: not the seats, never the phone',
  );
  const [{ id: police }] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = '淮北市公安局'`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/licenses',
    headers: { ...bearer(tokens.admin), ...idem() },
    payload: { typeCode: ID_CARD, departmentId: police, holder: { kind: 'person', name: '欧阳小明', idNumber: '11010519491231002X' }, data: {} },
  });
  assert.equal(res.statusCode, 201, res.body);
  const person = await verify(res.json() as { identifier: string; verifyCode: string });
  assert.deepEqual([person.found, person.holderKind, person.holderId], [true, 'person', '110105********002X']);
  assert.match(String(person.holder), /^欧\*+$/);
  assert.deepEqual(person.entries, []);
  assert.doesNotMatch(JSON.stringify(person), /阳小明|11010519491231002X/);
});

test('migration 0025 turns fields stored as keys into declared fields labelled by the key, a phone neither sealed nor printed', async () => {
  const sqlText = fs.readFileSync(new URL('../../../db/migrations/0025_license_type_fields.sql', import.meta.url), 'utf8');
  const update = sqlText.split('--> statement-breakpoint').find((s) => s.includes('UPDATE'))!;
  await t.database.db.execute(sql`UPDATE license_type SET fields = '["名称","phone"]'::jsonb WHERE code = ${ID_CARD}`);
  await t.database.db.execute(
    sql.raw(update.replace(/WHERE jsonb_typeof\("fields"\) = 'array'/, `WHERE jsonb_typeof("fields") = 'array' AND code = '${ID_CARD}'`)),
  );
  const [{ fields }] = await queryRows<{ fields: unknown }>(t.database.db, sql`SELECT fields FROM license_type WHERE code = ${ID_CARD}`);
  assert.deepEqual(fields, [
    { key: '名称', label: '名称', labelEn: null, printed: true, sealed: true },
    { key: 'phone', label: 'phone', labelEn: null, printed: false, sealed: false },
  ]);
});

test('an identifier of another platform with a long serial (流水号) checks as valid through the API, and verifies as unknown, not malformed', async () => {
  const { makeIdentifier } = await import('./identifier.ts');
  // 64 characters: a province's region, year and sequence, then its own suffix
  const SERIAL = `4300002026${'0'.repeat(40)}1234ABCDEFGHJK`;
  const id = makeIdentifier({ typeCode: FOOD, issuerUscc: '11430000006122244L', serial: SERIAL, version: 1 });
  assert.ok(id.length > 120, 'longer than the route took before (120 characters)');
  const check = (await get(`/api/licenses/check-id/${id}`)).json() as { valid: boolean; serial?: string };
  assert.deepEqual([check.valid, check.serial], [true, SERIAL]);
  const verify = (await get(`/api/licenses/verify/${id}?code=ABCDEF123456`)).json() as { found: boolean; code: string };
  assert.deepEqual([verify.found, verify.code], [false, 'not_found']);
});
