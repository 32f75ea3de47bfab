import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { sql } from 'drizzle-orm';
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
const post = (url: string, payload: object, token = admin) =>
  t.app.inject({ method: 'POST', url, headers: { ...bearer(token), 'idempotency-key': `k${keyN++}` }, payload });

async function baseItem(code: string, name: string, itemType = '01') {
  const res = await post('/api/catalog/base-items', { code, name, itemType, useLevel: '3', legalBasis: '《食品安全法》' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number };
}

test('an item admin creates, submits and publishes an implementation; the public finds it and reads the guide', async () => {
  const base = await baseItem('XK00101000', '食品经营许可');
  const created = await post('/api/catalog/implementations', {
    code: 'T-340600-XK001',
    baseItemId: base.id,
    regionCode: '340600',
    departmentId: marketId,
    content: sampleContent(),
  });
  assert.equal(created.statusCode, 201, created.body);
  const impl = created.json() as { id: number; status: string };
  assert.equal(impl.status, 'draft');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/items?q=餐饮' })).json().total, 0, 'drafts are not public');
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
    versions: { version: number }[];
  };
  const submit = await post(`/api/catalog/implementations/${impl.id}/submit`, { version: detail.versions[0].version });
  assert.equal(submit.statusCode, 200, submit.body);
  const approve = await post(`/api/catalog/implementations/${impl.id}/approve`, { version: detail.versions[0].version + 1 });
  assert.equal(approve.statusCode, 200, approve.body);
  assert.equal((approve.json() as { status: string }).status, 'published');
  const search = (await t.app.inject({ method: 'GET', url: '/api/items?q=餐饮&region=340600' })).json() as {
    total: number;
    items: { code: string; department: string }[];
  };
  assert.equal(search.total, 1);
  assert.equal(search.items[0].code, 'T-340600-XK001');
  assert.equal(search.items[0].department, '淮北市市场监督管理局');
  const past = (await t.app.inject({ method: 'GET', url: '/api/items?q=餐饮&region=340600&page=3' })).json() as { total: number; items: unknown[] };
  assert.deepEqual(past, { total: 1, more: false, items: [] }, 'a page past the end still tells the total');
  const guide = (await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK001' })).json() as { name: string; materials: unknown[]; steps: unknown[] };
  assert.equal(guide.name, '食品经营许可证核发（餐饮服务）');
  assert.equal(guide.materials.length, 1);
  const qr = await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK001/qr.svg' });
  assert.match(qr.body, /^<svg/);
});

async function publish(id: number) {
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${id}`, headers: bearer(admin) })).json() as {
    versions: { version: number }[];
  };
  const v = detail.versions[0].version;
  assert.equal((await post(`/api/catalog/implementations/${id}/submit`, { version: v })).statusCode, 200);
  const res = await post(`/api/catalog/implementations/${id}/approve`, { version: v + 1 });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: number; version: number; status: string };
}

async function createImpl(code: string, baseItemId: number, regionCode: string, departmentId: number, content = sampleContent()) {
  const res = await post('/api/catalog/implementations', { code, baseItemId, regionCode, departmentId, content });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; version: number };
}

test('a published version never changes: editing starts a new version, and the diff shows what changed', async () => {
  const base = await baseItem('XK00102000', '公共场所卫生许可');
  const impl = await createImpl('T-340600-XK002', base.id, '340600', marketId, sampleContent({ name: '公共场所卫生许可证核发', topics: ['开办餐饮店'] }));
  const published = await publish(impl.id);
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
    versions: { version: number; status: string }[];
  };
  const blocked = await t.app.inject({
    method: 'PUT',
    url: `/api/catalog/implementations/${impl.id}/draft`,
    headers: bearer(admin),
    payload: { content: sampleContent(), version: detail.versions[0].version },
  });
  assert.equal(errorCode(blocked), 'CATALOG_PUBLISHED_IMMUTABLE');
  const v2 = await post(`/api/catalog/implementations/${impl.id}/versions`, { version: published.version });
  assert.equal(v2.statusCode, 201);
  const draft = v2.json() as { number: number; version: number };
  assert.equal(draft.number, 2);
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/catalog/implementations/${impl.id}/draft`,
    headers: bearer(admin),
    payload: { content: sampleContent({ name: '公共场所卫生许可证核发', promisedLimit: { value: 5, unit: 'working_day' } }), version: draft.version },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const diff = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}/diff?from=1&to=2`, headers: bearer(admin) })).json() as {
    changes: { element: string; before: unknown; after: unknown }[];
  };
  assert.deepEqual(
    diff.changes.map((c) => c.element),
    ['promisedLimit'],
  );
  const guide = (await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK002' })).json() as { promisedLimit: { value: number }; versionNumber: number };
  assert.equal(guide.promisedLimit.value, 10, 'the public still sees version 1 until version 2 is published');
  await publish(impl.id);
  const after = (await t.app.inject({ method: 'GET', url: '/api/items/T-340600-XK002' })).json() as { promisedLimit: { value: number }; versionNumber: number };
  assert.deepEqual([after.promisedLimit.value, after.versionNumber], [5, 2]);
  const versions = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
    versions: { number: number; status: string }[];
  };
  assert.deepEqual(
    versions.versions.map((v) => [v.number, v.status]),
    [
      [2, 'published'],
      [1, 'superseded'],
    ],
  );
});

test('lifecycle: illegal transitions are refused, suspension hides the guide, abolition ends it', async () => {
  const base = await baseItem('QR00103000', '个体工商户登记', '07');
  const impl = await createImpl('T-340600-QR003', base.id, '340600', marketId, sampleContent({ name: '个体工商户设立登记' }));
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
    versions: { version: number }[];
  };
  assert.equal(errorCode(await post(`/api/catalog/implementations/${impl.id}/approve`, { version: detail.versions[0].version })), 'CATALOG_ILLEGAL_TRANSITION');
  const published = await publish(impl.id);
  assert.equal(
    errorCode(await post(`/api/catalog/implementations/${impl.id}/suspend`, { version: published.version })),
    'CONTENT_INVALID',
    'a reason is required',
  );
  const suspended = await post(`/api/catalog/implementations/${impl.id}/suspend`, { version: published.version, note: '系统升级暂停' });
  assert.equal((suspended.json() as { status: string }).status, 'suspended');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/items/T-340600-QR003' })), 'IMPLEMENTATION_NOT_FOUND');
  const resumed = await post(`/api/catalog/implementations/${impl.id}/resume`, { version: (suspended.json() as { version: number }).version });
  assert.equal((resumed.json() as { status: string }).status, 'published');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/items/T-340600-QR003' })).statusCode, 200);
  const stale = await post(`/api/catalog/implementations/${impl.id}/abolish`, { version: published.version, note: '事项取消' });
  assert.equal(errorCode(stale), 'VERSION_CONFLICT');
  const abolished = await post(`/api/catalog/implementations/${impl.id}/abolish`, {
    version: (resumed.json() as { version: number }).version,
    note: '事项取消',
  });
  assert.equal((abolished.json() as { status: string }).status, 'abolished');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/items/T-340600-QR003' })), 'IMPLEMENTATION_NOT_FOUND');
  const audit = (
    await t.app.inject({ method: 'GET', url: `/api/audit?targetType=implementation&targetId=${impl.id}`, headers: bearer(await t.login('admin')) })
  ).json() as { items: { action: string }[] };
  assert.deepEqual(audit.items.map((a) => a.action).reverse(), [
    'implementation.create',
    'implementation.submit',
    'implementation.approve',
    'implementation.suspend',
    'implementation.resume',
    'implementation.abolish',
  ]);
});

test('an incomplete draft cannot be submitted: the blocking findings are named', async () => {
  const base = await baseItem('GF00104000', '生育津贴支付', '05');
  const impl = await createImpl('T-340600-GF004', base.id, '340600', marketId, sampleContent({ name: '生育津贴支付', acceptanceConditions: '', place: '' }));
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
    versions: { version: number }[];
  };
  const res = await post(`/api/catalog/implementations/${impl.id}/submit`, { version: detail.versions[0].version });
  assert.equal(errorCode(res), 'CONTENT_INVALID');
  const findings = (res.json() as { details: { findings: { element: string }[] } }).details.findings;
  assert.deepEqual(findings.map((f) => f.element).sort(), ['acceptanceConditions', 'place']);
});

test('bad input: a clear code each, nothing stored', async () => {
  const base = await baseItem('XK00105000', '建筑工程施工许可');
  const cases: [object, string][] = [
    [
      {
        code: 'B-1',
        baseItemId: base.id,
        regionCode: '340600',
        departmentId: marketId,
        content: sampleContent({ promisedLimit: { value: 30, unit: 'working_day' } }),
      },
      'PROMISED_LIMIT_EXCEEDS_LEGAL',
    ],
    [{ code: 'B-2', baseItemId: base.id, regionCode: '340600', departmentId: 99999, content: sampleContent() }, 'DEPARTMENT_NOT_FOUND'],
    [{ code: 'B-3', baseItemId: base.id, regionCode: '340699', departmentId: marketId, content: sampleContent() }, 'REGION_NOT_FOUND'],
    [{ code: 'B-4', baseItemId: 99999, regionCode: '340600', departmentId: marketId, content: sampleContent() }, 'BASE_ITEM_NOT_FOUND'],
    [
      {
        code: 'B-5',
        baseItemId: base.id,
        regionCode: '340600',
        departmentId: marketId,
        content: sampleContent({ resultLicenseTypeCode: '11100000MB0000000X999' }),
      },
      'LICENSE_TYPE_UNKNOWN',
    ],
    [
      {
        code: 'B-6',
        baseItemId: base.id,
        regionCode: '340600',
        departmentId: marketId,
        content: sampleContent({ form: { type: 'object', properties: { 'bad key': { type: 'string' } }, required: ['nope'] } }),
      },
      'FORM_SCHEMA_INVALID',
    ],
    [{ code: 'B-7', baseItemId: base.id, regionCode: '340600', departmentId: marketId, content: { ...sampleContent(), caseType: '7' } }, 'CONTENT_INVALID'],
    [{ code: 'B 8', baseItemId: base.id, regionCode: '340600', departmentId: marketId, content: sampleContent() }, 'IMPLEMENTATION_CODE_INVALID'],
  ];
  for (const [payload, code] of cases) assert.equal(errorCode(await post('/api/catalog/implementations', payload)), code);
  assert.equal(errorCode(await post('/api/catalog/base-items', { code: 'ZZ1', name: 'x', itemType: '99', useLevel: '3' })), 'ITEM_TYPE_UNKNOWN');
  assert.equal(errorCode(await post('/api/catalog/base-items', { code: 'XK00105000', name: 'x', itemType: '01', useLevel: '3' })), 'BASE_ITEM_CODE_TAKEN');
  const list = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations?baseItemId=${base.id}`, headers: bearer(admin) })).json() as {
    total: number;
  };
  assert.equal(list.total, 0);
});

test('search: 2-character terms, synonyms, filters, best match first, and the GIN index answers', async () => {
  const base = await baseItem('GG00106000', '社会保障卡申领', '20');
  const hrss = ((await t.app.inject({ method: 'GET', url: '/api/departments?q=人力资源' })).json() as { items: { id: number }[] }).items[0].id;
  await publish(
    (await createImpl('T-340600-GG006', base.id, '340600', hrss, sampleContent({ name: '社会保障卡申领', topics: ['新生儿出生'], serviceObjects: ['1'] }))).id,
  );
  const impl2 = await createImpl(
    'T-340603-GG006',
    base.id,
    '340603',
    hrss,
    sampleContent({ name: '社会保障卡补换', topics: [], serviceObjects: ['1'], onlineDepth: 0, visits: 1, visitsReason: '现场采集照片', handlingForms: ['1'] }),
  );
  await publish(impl2.id);
  const names = async (url: string) => ((await t.app.inject({ method: 'GET', url })).json() as { items: { name: string }[] }).items.map((i) => i.name);
  assert.deepEqual(await names('/api/items?q=社保卡'), ['社会保障卡申领', '社会保障卡补换'], 'synonym 社保卡 → 社会保障卡');
  assert.deepEqual(
    await names('/api/items?q=社会保障卡申领'),
    ['社会保障卡申领', '社会保障卡补换'],
    'the exact name first; the other matches through its base item name',
  );
  assert.deepEqual(await names('/api/items?q=社会保障卡补换'), ['社会保障卡补换'], 'every bigram must match');
  assert.ok((await names('/api/items?q=保障')).length >= 2, 'a 2-character term works');
  assert.deepEqual(await names('/api/items?q=社会保障卡&region=340603'), ['社会保障卡补换']);
  assert.deepEqual(await names('/api/items?q=社会保障卡&online=false'), ['社会保障卡补换']);
  assert.deepEqual(await names('/api/items?topic=新生儿出生'), ['社会保障卡申领']);
  assert.deepEqual(await names('/api/items?q=社会保障卡&serviceObject=2'), []);
  const top = await names('/api/items?q=餐饮');
  assert.equal(top[0], '食品经营许可证核发（餐饮服务）');
  assert.equal(errorCode(await t.app.inject({ method: 'GET', url: '/api/items?q=%21%21%21' })), 'SEARCH_QUERY_INVALID');
  // With sequential scans priced out, the plan must use the GIN index (on a small table the planner may otherwise scan).
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const plan = (await tx.execute(sql`EXPLAIN SELECT id FROM implementation i WHERE i.search_vector @@ to_tsquery('simple', '社保')`)) as unknown as {
      rows: Record<string, string>[];
    };
    assert.match(plan.rows.map((r) => Object.values(r)[0]).join('\n'), /implementation_search_idx/);
  });
});

test('lists are published with counts per department and export to Excel', async () => {
  const licensing = (await t.app.inject({ method: 'GET', url: '/api/catalog/lists/licensing' })).json() as {
    items: { code: string }[];
    countsByDepartment: { department: string; count: number }[];
  };
  assert.ok(licensing.items.some((i) => i.code === 'T-340600-XK001'));
  assert.ok(licensing.countsByDepartment.some((c) => c.department === '淮北市市场监督管理局' && c.count >= 1));
  const xlsx = await t.app.inject({ method: 'GET', url: '/api/catalog/lists/licensing/export' });
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets[0].name, '行政许可事项清单');
  assert.equal(wb.worksheets[0].getRow(2).getCell(2).text, licensing.items[0].code);
});

test('harmonisation: the side-by-side table marks a different promised limit; the index counts agreement', async () => {
  const base = await baseItem('XK00107000', '食品小作坊登记');
  const xsMarket = ((await t.app.inject({ method: 'GET', url: '/api/departments?q=相山区市场' })).json() as { items: { id: number }[] }).items[0].id;
  await publish((await createImpl('T-340600-XK007', base.id, '340600', marketId, sampleContent({ name: '食品小作坊登记' }))).id);
  await publish(
    (
      await createImpl(
        'T-340603-XK007',
        base.id,
        '340603',
        xsMarket,
        sampleContent({ name: '食品小作坊登记', promisedLimit: { value: 8, unit: 'working_day' }, place: '相山区政务服务中心' }),
      )
    ).id,
  );
  const supervisor = await t.login('supervisor');
  const table = (await t.app.inject({ method: 'GET', url: `/api/catalog/base-items/${base.id}/harmonisation`, headers: bearer(supervisor) })).json() as {
    rows: { element: string; differs: boolean; local: boolean }[];
    columns: { code: string }[];
  };
  assert.equal(table.columns.length, 2);
  const differs = table.rows.filter((r) => r.differs).map((r) => r.element);
  assert.deepEqual(differs, ['promisedLimit']);
  assert.equal(table.rows.find((r) => r.element === 'place')!.local, true);
  const index = (await t.app.inject({ method: 'GET', url: '/api/catalog/harmonisation-index', headers: bearer(supervisor) })).json() as {
    items: { regionCode: string; baseItems: number; agreeing: number }[];
  };
  const xs = index.items.find((i) => i.regionCode === '340603')!;
  assert.ok(xs.baseItems >= 1);
  // A template of 5 working days: adopting it makes the county's draft agree.
  const current = (await t.app.inject({ method: 'GET', url: `/api/catalog/base-items?q=XK00107000`, headers: bearer(admin) })).json() as {
    items: { id: number; version: number }[];
  };
  const patched = await t.app.inject({
    method: 'PATCH',
    url: `/api/catalog/base-items/${base.id}`,
    headers: bearer(admin),
    payload: { template: { promisedLimit: { value: 5, unit: 'working_day' } }, version: current.items[0].version },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  const list = (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations?q=T-340603-XK007`, headers: bearer(admin) })).json() as {
    items: { id: number; version: number }[];
  };
  const adopted = await post(`/api/catalog/implementations/${list.items[0].id}/adopt-template`, { version: list.items[0].version });
  assert.equal(adopted.statusCode, 200, adopted.body);
  assert.deepEqual((adopted.json() as { content: { promisedLimit: unknown } }).content.promisedLimit, { value: 5, unit: 'working_day' });
});

test('inspection: findings per guide and per department; a department reviewer sees only their own', async () => {
  const base = await baseItem('QT00108000', '户外广告设施设置审批', '10');
  const bad = [{ name: '审查费', standard: '100元', basis: '', waivable: false }];
  const draft = await createImpl('T-340600-QT008', base.id, '340600', marketId, sampleContent({ name: '户外广告设施设置审批', fees: bad }));
  const version = (
    (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${draft.id}`, headers: bearer(admin) })).json() as {
      versions: { version: number }[];
    }
  ).versions[0].version;
  const refused = await post(`/api/catalog/implementations/${draft.id}/submit`, { version });
  assert.equal(errorCode(refused), 'CONTENT_INVALID', 'an error-severity finding blocks review');
  // Legacy data published before the rule existed: the inspection is what finds it.
  await t.database.db.execute(sql`UPDATE implementation_version SET content = jsonb_set(content, '{fees}', '[]') WHERE implementation_id = ${draft.id}`);
  await publish(draft.id);
  await t.database.db.execute(
    sql`UPDATE implementation_version SET content = jsonb_set(content, '{fees}', ${JSON.stringify(bad)}::jsonb) WHERE implementation_id = ${draft.id}`,
  );
  const report = (await t.app.inject({ method: 'GET', url: '/api/catalog/inspection', headers: bearer(admin) })).json() as {
    guides: { code: string; findings: { rule: string }[] }[];
    totals: { errors: number };
  };
  const guide = report.guides.find((g) => g.code === 'T-340600-QT008')!;
  assert.deepEqual(
    guide.findings.map((f) => f.rule),
    ['FEE_WITHOUT_BASIS'],
  );
  assert.ok(report.totals.errors >= 1);
  const reviewer = await t.login('reviewer');
  const own = (await t.app.inject({ method: 'GET', url: '/api/catalog/inspection', headers: bearer(reviewer) })).json() as {
    byDepartment: { departmentName: string }[];
  };
  assert.deepEqual([...new Set(own.byDepartment.map((d) => d.departmentName))], ['淮北市市场监督管理局']);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/catalog/inspection', headers: bearer(await t.login('clerk')) })).statusCode, 403);
});

test('topics of published items with counts; the review queue filters on the latest version’s status', async () => {
  const topics = (await t.app.inject({ method: 'GET', url: '/api/items/topics' })).json() as { items: { topic: string; count: number }[] };
  assert.ok(topics.items.find((i) => i.topic === '开办餐饮店')!.count >= 1);
  const base = await baseItem('XK00109000', '待审核事项');
  const impl = await createImpl('T-340600-XK009', base.id, '340600', marketId, sampleContent({ name: '待审核事项' }));
  const v = (
    (await t.app.inject({ method: 'GET', url: `/api/catalog/implementations/${impl.id}`, headers: bearer(admin) })).json() as {
      versions: { version: number }[];
    }
  ).versions[0].version;
  await post(`/api/catalog/implementations/${impl.id}/submit`, { version: v });
  const queue = (await t.app.inject({ method: 'GET', url: '/api/catalog/implementations?versionStatus=in_review', headers: bearer(admin) })).json() as {
    items: { code: string; departmentName: string; regionName: string }[];
  };
  assert.deepEqual(
    queue.items.map((i) => [i.code, i.departmentName, i.regionName]),
    [['T-340600-XK009', '淮北市市场监督管理局', '淮北市']],
  );
  // The statuses are closed lists: a filter on a status that does not exist (or that an implementation itself never
  // has) is refused with a code, not answered with an empty page.
  for (const query of ['status=in_review', 'status=bogus', 'versionStatus=bogus']) {
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/implementations?${query}`, headers: bearer(admin) });
    assert.equal(res.statusCode, 400, query);
    assert.equal(errorCode(res), 'VALIDATION_FAILED', query);
  }
});

test('a form pattern RE2 cannot run in linear time (a back-reference) is refused when the draft is saved', async () => {
  const base = await baseItem('XK00110000', '正则测试事项');
  const form = { type: 'object' as const, properties: { name: { type: 'string', title: '名称', 'x-widget': 'text', pattern: '^(a+)\\1$' } } };
  const res = await post('/api/catalog/implementations', {
    code: 'T-340600-RE2',
    baseItemId: base.id,
    regionCode: '340600',
    departmentId: marketId,
    content: sampleContent({ name: '正则测试事项', form }),
  });
  assert.equal(res.statusCode, 400);
  assert.equal(errorCode(res), 'FORM_PATTERN_UNSUPPORTED');
  const linear = { ...form, properties: { name: { ...form.properties.name, pattern: '^(a+)+$' } } };
  const ok = await post('/api/catalog/implementations', {
    code: 'T-340600-RE2',
    baseItemId: base.id,
    regionCode: '340600',
    departmentId: marketId,
    content: sampleContent({ name: '正则测试事项', form: linear }),
  });
  assert.equal(ok.statusCode, 201, ok.body);
});

test('% and _ in a search are plain characters, not wildcards', async () => {
  const names = async (url: string) =>
    ((await t.app.inject({ method: 'GET', url, headers: bearer(admin) })).json() as { items: { name: string }[] }).items.map((i) => i.name);
  assert.ok((await names('/api/catalog/base-items')).length > 0);
  assert.deepEqual(await names('/api/catalog/base-items?q=%25'), []);
  assert.deepEqual(await names('/api/catalog/base-items?q=_'), []);
  assert.deepEqual(await names('/api/catalog/implementations?q=%25'), []);
  const base = await baseItem('XK00111000', '100%_测试');
  assert.deepEqual(await names('/api/catalog/base-items?q=0%25_'), ['100%_测试']);
  assert.ok(base.id);
});

test('exports neutralise a cell that a spreadsheet would read as a formula, and import it back unchanged', async () => {
  const name = '=HYPERLINK("http://evil.example","点此")';
  const base = await baseItem('XK00112000', '@公式测试');
  const impl = await createImpl('T-340600-CSV', base.id, '340600', marketId, sampleContent({ name, aliases: ['-1+1'] }));
  await publish(impl.id);
  const ExcelJS = (await import('exceljs')).default;
  const load = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: bearer(admin) });
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const texts = (sheet: import('exceljs').Worksheet) => {
    const all: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => void all.push(cell.text)));
    return all;
  };
  const list = await load('/api/catalog/lists/licensing/export?region=340600');
  const listCells = texts(list.worksheets[0]);
  assert.ok(listCells.includes(`'${name}`), 'the published list');
  assert.ok(!listCells.some((c) => /^[=+\-@]/.test(c)));
  const exported = await load('/api/catalog/export?region=340600');
  const cells = [...texts(exported.getWorksheet('实施清单')!), ...texts(exported.getWorksheet('基本目录')!)];
  assert.ok(cells.includes(`'${name}`) && cells.includes("'-1+1") && cells.includes("'@公式测试"), 'the catalogue workbook');
  assert.ok(!cells.some((c) => /^[=+\-@]/.test(c)));
  const { parseWorkbook } = await import('./index.ts');
  const parsed = await parseWorkbook(t.database.db, Buffer.from(await exported.xlsx.writeBuffer()));
  const back = parsed.implementations.find((i) => i.code === 'T-340600-CSV')!;
  assert.equal(back.content.name, name);
  assert.deepEqual(back.content.aliases, ['-1+1']);
  assert.equal(parsed.baseItems.find((b) => b.input.code === 'XK00112000')!.input.name, '@公式测试');
});

test('content and templates are checked by the service: each mistake names its element, a template keeps only what it gives', async () => {
  const base = await baseItem('XK00113000', '要素检查事项');
  const impl = { code: 'T-340600-EL1', baseItemId: base.id, regionCode: '340600', departmentId: marketId };
  const wrong = await post('/api/catalog/implementations', {
    ...impl,
    content: { ...sampleContent(), caseType: '7', legalLimit: { value: -1, unit: 'working_day' } },
  });
  assert.equal(wrong.statusCode, 400);
  assert.equal(errorCode(wrong), 'CONTENT_INVALID');
  const issues = (wrong.json() as { details: { issues: { element: string }[] } }).details.issues;
  assert.deepEqual(issues.map((i) => i.element).sort(), ['caseType', 'legalLimit.value']);
  // What is not an object at all is the route's to refuse.
  const text = await post('/api/catalog/implementations', { ...impl, content: 'text' });
  assert.equal(text.statusCode, 400);
  assert.equal(errorCode(text), 'VALIDATION_FAILED');

  const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: `/api/catalog/base-items/${base.id}`, headers: bearer(admin), payload });
  const listed = (await t.app.inject({ method: 'GET', url: '/api/catalog/base-items?q=XK00113000', headers: bearer(admin) })).json() as {
    items: { version: number }[];
  };
  const version = listed.items[0].version;
  const template = { visits: 1, promisedLimit: { value: 3, unit: 'working_day' } };
  const saved = await patch({ template, version });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual((saved.json() as { template: unknown }).template, template, 'no element the template left out, no default');
  // The version is checked before the template: a stale save is a conflict whatever it carries.
  const badForm = { form: { type: 'object', properties: { shop: { type: 'string' } } } };
  assert.equal(errorCode(await patch({ template: badForm, version })), 'VERSION_CONFLICT');
  assert.equal(errorCode(await patch({ template: badForm, version: version + 1 })), 'FORM_SCHEMA_INVALID');
});
