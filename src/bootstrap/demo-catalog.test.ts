import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, testBackend } from '../../tests/support/db.ts';
import type { Database } from '../platform/db/db.ts';
import { checkFormSchema } from '../platform/forms.ts';
import { seedDemo } from './demo.ts';
import { BASE_ITEMS, BUNDLES, FINDINGS, IMPLEMENTATIONS, LICENSE_TYPES, seedDemoCatalog } from './demo-catalog/index.ts';
import { contentSchema, findBaseItemByCode, harmonisation, inspectCatalog, publishedList, searchItems } from '../modules/catalog/index.ts';
import { publicBundles } from '../modules/bundles/index.ts';

let database: Database;
let first: Awaited<ReturnType<typeof seedDemoCatalog>>;
let second: Awaited<ReturnType<typeof seedDemoCatalog>>;
let firstMs = 0;
let secondMs = 0;

before(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  let t = performance.now();
  first = await seedDemoCatalog(database.db);
  firstMs = performance.now() - t;
  t = performance.now();
  second = await seedDemoCatalog(database.db);
  secondMs = performance.now() - t;
});
after(async () => {
  await database?.close();
});

const all = { page: 1, pageSize: 200 };

test('the demo catalogue publishes every guide once, and a second run creates nothing', async (t) => {
  t.diagnostic(`${testBackend}: first run ${Math.round(firstMs)} ms, second run ${Math.round(secondMs)} ms`);
  assert.deepEqual(first, {
    licenseTypes: LICENSE_TYPES.length,
    baseItems: BASE_ITEMS.length,
    implementations: IMPLEMENTATIONS.length,
    bundles: BUNDLES.length,
  });
  assert.deepEqual(second, { licenseTypes: 0, baseItems: 0, implementations: 0, bundles: 0 });
  const published = await searchItems(database.db, all);
  assert.equal(published.total, IMPLEMENTATIONS.length);
  assert.ok(published.total >= 40);
  assert.ok(new Set(published.items.map((i) => i.departmentId)).size >= 4, 'at least four departments');
  const regions = new Set(published.items.map((i) => i.regionCode));
  assert.ok(regions.has('340600') && (regions.has('340603') || regions.has('340621')), 'the city and a county');
  const types = new Set(published.items.map((i) => i.itemType));
  for (const type of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']) assert.ok(types.has(type), `item type ${type}`);
});

test('every guide is well formed: 3–8 described form fields, 2–6 materials, a region-type-serial code', () => {
  for (const i of IMPLEMENTATIONS) {
    const c = contentSchema.parse(i.content);
    const fields = Object.values(c.form.properties);
    assert.deepEqual(checkFormSchema(c.form), [], i.code);
    assert.ok(fields.length >= 3 && fields.length <= 8, `${i.code}: ${fields.length} fields`);
    assert.ok(
      fields.every((f) => String(f.description ?? '').trim()),
      `${i.code}: every field is described`,
    );
    assert.ok(c.materials.length >= 2 && c.materials.length <= 6, `${i.code}: ${c.materials.length} materials`);
    assert.match(i.code, /^3406\d\d-[A-Z]{2}-\d{4}$/);
  }
});

test('the two life events gather their items by topic', async () => {
  const restaurant = await searchItems(database.db, { ...all, topic: '开办餐饮店' });
  const newborn = await searchItems(database.db, { ...all, topic: '新生儿出生' });
  for (const name of [
    '食品经营许可（餐饮服务）',
    '企业设立登记（有限责任公司）',
    '公共场所卫生许可',
    '户外广告设施设置审批',
    '固定污染源排污登记',
    '公众聚集场所投入使用、营业前消防安全检查',
  ]) {
    assert.ok(
      restaurant.items.some((i) => i.name === name),
      name,
    );
  }
  assert.ok(restaurant.items.some((i) => i.name.includes('发票领用')));
  for (const name of [
    '出生医学证明首次签发',
    '出生登记（新生儿落户）',
    '城乡居民基本医疗保险参保登记（含新生儿）',
    '社会保障卡申领',
    '生育津贴支付',
    '预防接种证办理',
  ]) {
    assert.ok(
      newborn.items.some((i) => i.name === name),
      name,
    );
  }
  for (const topic of ['就业', '养老', '婚姻', '不动产', '交通出行']) assert.ok((await searchItems(database.db, { ...all, topic })).total > 0, topic);
});

test('the bundle templates the issue names are published, each with fewer materials and days than its members ask separately', async () => {
  const { items } = await publicBundles(database.db, {});
  const byName = new Map(items.map((b) => [b.name, b]));
  for (const name of ['开办餐饮店', '新生儿出生', '企业开办', '退休', '企业信息变更', '水电气网联合报装', '身后一件事']) {
    const b = byName.get(name);
    assert.ok(b, `template ${name}`);
    assert.ok(b.reductions.materials.after < b.reductions.materials.before, `${name}: materials ${JSON.stringify(b.reductions.materials)}`);
    assert.ok(b.reductions.days.after <= b.reductions.days.before, `${name}: days ${JSON.stringify(b.reductions.days)}`);
  }
});

test('search: 餐饮 ranks the 食品经营许可 guides first; 社保卡 finds 社会保障卡申领 through its synonym', async () => {
  const food = await searchItems(database.db, { q: '餐饮', page: 1, pageSize: 10 });
  assert.ok(food.total > 3, 'the other 开办餐饮店 items match by topic');
  assert.deepEqual(
    food.items
      .slice(0, 3)
      .map((i) => i.code)
      .sort(),
    ['340600-XK-0001', '340603-XK-0001', '340621-XK-0001'],
  );
  const card = await searchItems(database.db, { q: '社保卡', page: 1, pageSize: 10 });
  assert.equal(card.items[0]?.name, '社会保障卡申领');
});

test('the inspection reports only the deliberate findings, with errors only where intended', async () => {
  const report = await inspectCatalog(database.db, {});
  assert.equal(report.guides.length, IMPLEMENTATIONS.length);
  const withFindings = report.guides.filter((g) => g.findings.length > 0);
  assert.deepEqual(Object.fromEntries(withFindings.map((g) => [g.code, [...new Set(g.findings.map((f) => f.rule))].join(',')])), FINDINGS);
  assert.ok(withFindings.length <= 5);
  assert.equal(report.totals.errors, 0, 'a guide with an error cannot be published');
});

test('harmonisation shows the deliberate regional differences', async () => {
  const food = await harmonisation(database.db, (await findBaseItemByCode(database.db, 'XK00101000'))!.id);
  assert.equal(food.columns.length, 3);
  const differing = food.rows.filter((r) => r.differs).map((r) => r.element);
  for (const e of ['promisedLimit', 'materials', 'handlingForms']) assert.ok(differing.includes(e), e);
  const hygiene = await harmonisation(database.db, (await findBaseItemByCode(database.db, 'XK00201000'))!.id);
  assert.ok(hygiene.differingElements >= 3);
  const soleTrader = await harmonisation(database.db, (await findBaseItemByCode(database.db, 'XK00103000'))!.id);
  assert.equal(soleTrader.differingElements, 0, 'a harmonised item');
});

test('the lists: powers with duties, items not in the hall with reasons, intermediary services', async () => {
  const powers = await publishedList(database.db, 'powers');
  assert.ok(powers.items.length >= 25);
  assert.ok(
    powers.items.every((i) => i.detail.length > 0),
    'every power has its 责任事项',
  );
  const notInHall = await publishedList(database.db, 'not-in-hall');
  assert.ok(notInHall.items.length >= 5 && notInHall.items.every((i) => i.detail));
  const intermediary = await publishedList(database.db, 'intermediary');
  assert.ok(intermediary.items.some((i) => i.detail.includes('环境影响报告表编制')));
  assert.ok(intermediary.items.some((i) => i.detail.includes('消防技术服务')));
  const licensing = await publishedList(database.db, 'licensing');
  assert.ok(licensing.items.length >= 15);
});
