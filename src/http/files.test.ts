import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApp, type TestApp } from '../../tests/support/app.ts';
import { caseClient, idem, publishedItem } from '../../tests/support/cases.ts';

// A file's name and visibility belong to its upload, not to its bytes (issue 18): identical bytes uploaded by two
// applicants, or by an applicant and an item admin, are stored once and never show one uploader's name to another,
// nor make a private material public.
let t: TestApp;
let item: string;
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9301');
});
after(async () => t?.close());

const BYTES = Buffer.from('%PDF-1.4\n% the same scan twice\n%%EOF\n');
const disposition = (res: { headers: Record<string, unknown> }) => decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]);

async function draftWithMaterial(username: string, fileName: string) {
  const client = caseClient(t, await t.login(username));
  const res = await client.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '一号店' }, submit: false }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const number = (res.json() as { number: string }).number;
  const up = await client.upload(number, 'application', BYTES, fileName);
  assert.equal(up.statusCode, 200, up.body);
  return { client, number };
}

test('two applicants uploading the same bytes each download their own file under their own name', async () => {
  const a = await draftWithMaterial('person', '周小明-身份证.pdf');
  const b = await draftWithMaterial('company', '营业执照.pdf');
  const fromB = await b.client.call('GET', `/api/cases/${b.number}/materials/application/file`);
  assert.equal(fromB.statusCode, 200);
  assert.equal(disposition(fromB), '营业执照.pdf');
  const fromA = await a.client.call('GET', `/api/cases/${a.number}/materials/application/file`);
  assert.equal(disposition(fromA), '周小明-身份证.pdf');
  // Neither's material is public.
  const digest = (await import('../platform/crypto.ts')).sm3Hex(BYTES);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/files/${digest}` })).statusCode, 404);
});

test('a public upload of the same bytes is served under its own name, never a private uploader’s', async () => {
  await draftWithMaterial('person', '周小明-私密.pdf');
  const admin = await t.login('itemadmin');
  const pub = await t.app.inject({
    method: 'POST',
    url: '/api/files?name=空白表格.pdf',
    headers: { ...bearer(admin), ...idem(), 'content-type': 'application/octet-stream' },
    payload: BYTES,
  });
  assert.equal(pub.statusCode, 201, pub.body);
  const res = await t.app.inject({ method: 'GET', url: `/api/files/${(pub.json() as { digest: string }).digest}` });
  assert.equal(res.statusCode, 200);
  assert.equal(disposition(res), '空白表格.pdf');
});
