import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { sampleContent } from '../../../tests/support/catalog-fixtures.ts';

let t: TestApp;
let admin: string;
let marketId: number;
before(async () => {
  t = await testApp();
  admin = await t.login('itemadmin');
  const deps = (await t.app.inject({ method: 'GET', url: '/api/departments?q=淮北市市场监督管理局' })).json() as { items: { id: number }[] };
  marketId = deps.items[0].id;
});
after(async () => {
  await t?.close();
});

let keyN = 0;
const post = (url: string, payload: object, token = admin) => t.app.inject({ method: 'POST', url, headers: { ...bearer(token), 'idempotency-key': `k${keyN++}` }, payload });

async function baseItem(code: string, name: string, itemType = '01') {
  const res = await post('/api/catalog/base-items', { code, name, itemType, useLevel: '3', legalBasis: '《食品安全法》' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number };
}

test('an item admin creates, submits and publishes an implementation; the public finds it and reads the guide', async () => {
  const base = await baseItem('XK00101000', '食品经营许可');
  const created = await post('/api/catalog/implementations', { code: 'T-340600-XK001', baseItemId: base.id, regionCode: '340600', departmentId: marketId, content: sampleContent() });
  assert.equal(created.statusCode, 201, created.body);
  const impl = created.json() as { id: number; status: string };
  assert.equal(impl.status, 'draft');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/items?q=餐饮' })).json().total, 0, 'drafts are not public');
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as { versions: { version: number }[] };
  const submit = await post(`/api/catalog/implementations/${impl.id}/submit`, { version: detail.versions[0].version });
  assert.equal(submit.statusCode, 200, submit.body);
  const approve = await post(`/api/catalog/implementations/${impl.id}/approve`, { version: detail.versions[0].version + 1 });
  assert.equal(approve.statusCode, 200, approve.body);
  assert.equal((approve.json() as { status: string }).status, 'published');
  const search = (await t.app.inject({ method: 'GET', url: '/api/items?q=餐饮&region=340600' })).json() as { total: number; items: { code: string; department: string }[] };
  assert.equal(search.total, 1);
  assert.equal(search.items[0].code, 'T-340600-XK001');
  assert.equal(search.items[0].department, '淮北市市场监督管理局');
  const guide = (await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK001' })).json() as { name: string; materials: unknown[]; steps: unknown[] };
  assert.equal(guide.name, '食品经营许可证核发（餐饮服务）');
  assert.equal(guide.materials.length, 1);
  const qr = await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK001/qr.svg' });
  assert.match(qr.body, /^<svg/);
});
