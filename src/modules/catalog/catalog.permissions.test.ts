import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { castApp, permissionMatrix, type Cast } from '../../../tests/support/permissions.ts';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { catalogWorkbook, sampleContent } from '../../../tests/support/catalog-fixtures.ts';

// Who may touch what in the catalogue. National data (national base items, the synonym list) is changed only with a
// national grant; a base item of a region by that region's item admins (and those above); drafts, imports and
// exports stay within the actor's region and department. Published guides, lists and search are public.

let cast: Cast;

// Holders of catalog.inspect, and of catalog.edit / catalog.review (the same actors in the cast).
const INSPECT = [
  'admin',
  'supervisor',
  'reviewer',
  'itemadmin',
  'admin.xs',
  'admin.sx',
  'supervisor.xs',
  'supervisor.sx',
  'reviewer.xs',
  'reviewer.sx',
  'itemadmin.sx',
];
const EDIT = ['admin', 'itemadmin', 'admin.xs', 'admin.sx', 'itemadmin.sx'];
// Inside the city market department's scope (340600) and inside 濉溪县's market department (340621).
const CITY_INSPECT = ['admin', 'supervisor', 'reviewer', 'itemadmin'];
const CITY_EDIT = ['admin', 'itemadmin'];
const COUNTY_INSPECT = ['admin', 'supervisor', 'itemadmin', 'admin.sx', 'supervisor.sx', 'reviewer.sx', 'itemadmin.sx'];
const COUNTY_EDIT = ['admin', 'itemadmin', 'admin.sx', 'itemadmin.sx'];

interface Impl {
  id: number;
  code: string;
  version: number;
}
interface Base {
  id: number;
  code: string;
  name: string;
}

let cityMarket: number;
let countyMarket: number;
let nationalBase: Base;
let cityBase: Base;
let countyBase: Base;
let cityDraft: Impl;
let countyDraft: Impl;
let cityPublished: Impl;
let importId: number;
let n = 0;
const unique = () => `${Date.now().toString(36).slice(-5)}${n++}`.toUpperCase();

async function call(actor: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  const headers: Record<string, string> = { ...bearer(cast.token(actor)) };
  if (method === 'POST') headers['idempotency-key'] = `perm-${unique()}`;
  return cast.t.app.inject({ method, url, headers, payload });
}

async function createBase(actor: string, extra: object = {}): Promise<Base> {
  const code = `PB${unique()}`.slice(0, 12);
  const res = await call(actor, 'POST', '/api/catalog/base-items', { code, name: `权限测试事项${code}`, itemType: '01', useLevel: '3', ...extra });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Base;
}

async function createImpl(actor: string, baseItemId: number, regionCode: string, departmentId: number, name = '权限测试实施'): Promise<Impl> {
  const res = await call(actor, 'POST', '/api/catalog/implementations', {
    code: `P-${regionCode}-${unique()}`,
    baseItemId,
    regionCode,
    departmentId,
    content: sampleContent({ name }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Impl;
}

async function latestVersion(id: number): Promise<number> {
  const detail = (await call('admin', 'GET', `/api/catalog/implementations/${id}`)).json() as { versions: { version: number }[] };
  return detail.versions[0].version;
}

async function publish(impl: Impl): Promise<Impl> {
  const v = await latestVersion(impl.id);
  assert.equal((await call('admin', 'POST', `/api/catalog/implementations/${impl.id}/submit`, { version: v })).statusCode, 200);
  const res = await call('admin', 'POST', `/api/catalog/implementations/${impl.id}/approve`, { version: v + 1 });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Impl;
}

async function baseVersion(code: string): Promise<{ version: number; name: string }> {
  const { items } = (await call('admin', 'GET', `/api/catalog/base-items?q=${code}`)).json() as { items: { code: string; version: number; name: string }[] };
  return items.find((b) => b.code === code)!;
}

before(async () => {
  cast = await castApp();
  cityMarket = await cast.department('淮北市市场监督管理局');
  countyMarket = await cast.department('濉溪县市场监督管理局');
  const { items } = (await call('admin', 'GET', '/api/catalog/base-items?q=XK00101000')).json() as { items: (Base & { regionCode: string | null })[] };
  nationalBase = items[0];
  assert.ok(!items[0].regionCode, 'the demo base items are national');
  cityBase = await createBase('itemadmin');
  countyBase = await createBase('itemadmin.sx');
  cityDraft = await createImpl('itemadmin', cityBase.id, '340600', cityMarket, '市级草稿事项');
  countyDraft = await createImpl('itemadmin.sx', countyBase.id, '340621', countyMarket, '县级草稿事项');
  cityPublished = await publish(
    await createImpl('itemadmin', nationalBase.id, '340600', await cast.department('淮北市人力资源和社会保障局'), '市级已发布事项'),
  );
  const started = await cast.t.app.inject({
    method: 'POST',
    url: '/api/catalog/imports?fileName=x.xlsx&dryRun=true',
    headers: { ...bearer(cast.token('itemadmin')), 'content-type': 'application/octet-stream' },
    payload: Buffer.from('not a workbook'),
  });
  assert.equal(started.statusCode, 202, started.body);
  importId = (started.json() as { id: number }).id;
});
after(() => cast.t.close());

const onImpl = (which: () => Impl, suffix: string, payload?: (impl: Impl) => Promise<object> | object) => async () => {
  const impl = which();
  return { url: `/api/catalog/implementations/${impl.id}${suffix}`, payload: payload ? await payload(impl) : undefined };
};
const stale = { version: 9999, note: '权限测试' };

permissionMatrix(
  'catalog',
  [
    // ── public: published guides, search, lists ──
    { route: 'GET /api/items', allowed: 'public', request: { url: '/api/items?q=餐饮' } },
    { route: 'GET /api/items/topics', allowed: 'public' },
    { route: 'GET /api/items/:code', allowed: 'public', request: () => ({ url: `/api/items/${cityPublished.code}` }) },
    { route: 'GET /api/items/:code/qr.svg', allowed: 'public', request: () => ({ url: `/api/items/${cityPublished.code}/qr.svg` }) },
    { route: 'GET /api/catalog/lists/:list', allowed: 'public', request: { url: '/api/catalog/lists/licensing' } },
    { route: 'GET /api/catalog/lists/:list/export', allowed: 'public', request: { url: '/api/catalog/lists/powers/export?region=340600' } },

    // ── base items ──
    { route: 'GET /api/catalog/base-items', allowed: INSPECT },
    // A base item of the actor's own region (the default) …
    {
      route: 'POST /api/catalog/base-items',
      allowed: EDIT,
      request: () => ({ url: '/api/catalog/base-items', payload: { code: `PB${unique()}`.slice(0, 12), name: '自有区划事项', itemType: '01', useLevel: '3' } }),
    },
    // … of the city: its item admins and the national ones …
    {
      route: 'POST /api/catalog/base-items',
      allowed: CITY_EDIT,
      request: () => ({
        url: '/api/catalog/base-items',
        payload: { code: `PB${unique()}`.slice(0, 12), name: '市级事项', itemType: '01', useLevel: '3', regionCode: '340600' },
      }),
    },
    // … national: only a national item admin.
    {
      route: 'POST /api/catalog/base-items',
      allowed: ['admin'],
      request: () => ({
        url: '/api/catalog/base-items',
        payload: { code: `PB${unique()}`.slice(0, 12), name: '国家事项', itemType: '01', useLevel: '3', regionCode: null },
      }),
    },
    ...[
      { base: () => nationalBase, allowed: ['admin'] },
      { base: () => cityBase, allowed: CITY_EDIT },
      { base: () => countyBase, allowed: COUNTY_EDIT },
    ].map(({ base, allowed }) => ({
      route: 'PATCH /api/catalog/base-items/:id' as const,
      allowed,
      request: async () => {
        const current = await baseVersion(base().code);
        return { url: `/api/catalog/base-items/${base().id}`, payload: { name: current.name, version: current.version } };
      },
    })),
    {
      route: 'GET /api/catalog/base-items/:id/harmonisation',
      allowed: INSPECT,
      request: () => ({ url: `/api/catalog/base-items/${nationalBase.id}/harmonisation` }),
    },
    { route: 'GET /api/catalog/harmonisation-index', allowed: INSPECT },

    // ── implementations ──
    { route: 'GET /api/catalog/implementations', allowed: INSPECT, request: { url: '/api/catalog/implementations?region=340600' } },
    {
      route: 'POST /api/catalog/implementations',
      allowed: CITY_EDIT,
      request: () => ({
        url: '/api/catalog/implementations',
        payload: { code: `P-340600-${unique()}`, baseItemId: nationalBase.id, regionCode: '340600', departmentId: cityMarket, content: sampleContent() },
      }),
    },
    {
      route: 'POST /api/catalog/implementations',
      allowed: COUNTY_EDIT,
      request: () => ({
        url: '/api/catalog/implementations',
        payload: { code: `P-340621-${unique()}`, baseItemId: countyBase.id, regionCode: '340621', departmentId: countyMarket, content: sampleContent() },
      }),
    },
    { route: 'GET /api/catalog/implementations/:id', allowed: CITY_INSPECT, request: onImpl(() => cityDraft, '') },
    { route: 'GET /api/catalog/implementations/:id', allowed: COUNTY_INSPECT, request: onImpl(() => countyDraft, '') },
    {
      route: 'GET /api/catalog/implementations/:id/diff',
      allowed: CITY_INSPECT,
      request: () => ({ url: `/api/catalog/implementations/${cityDraft.id}/diff?from=1&to=1` }),
    },
    {
      route: 'GET /api/catalog/implementations/:id/diff',
      allowed: COUNTY_INSPECT,
      request: () => ({ url: `/api/catalog/implementations/${countyDraft.id}/diff?from=1&to=1` }),
    },
    {
      route: 'PUT /api/catalog/implementations/:id/draft',
      allowed: CITY_EDIT,
      request: onImpl(
        () => cityDraft,
        '/draft',
        async (i) => ({ content: sampleContent({ name: '市级草稿事项' }), version: await latestVersion(i.id) }),
      ),
    },
    {
      route: 'PUT /api/catalog/implementations/:id/draft',
      allowed: COUNTY_EDIT,
      request: onImpl(
        () => countyDraft,
        '/draft',
        async (i) => ({ content: sampleContent({ name: '县级草稿事项' }), version: await latestVersion(i.id) }),
      ),
    },
    {
      route: 'POST /api/catalog/implementations/:id/versions',
      allowed: CITY_EDIT,
      request: onImpl(
        () => cityPublished,
        '/versions',
        () => stale,
      ),
    },
    {
      route: 'POST /api/catalog/implementations/:id/adopt-template',
      allowed: CITY_EDIT,
      request: onImpl(
        () => cityDraft,
        '/adopt-template',
        () => stale,
      ),
    },
    {
      route: 'POST /api/catalog/implementations/:id/adopt-template',
      allowed: COUNTY_EDIT,
      request: onImpl(
        () => countyDraft,
        '/adopt-template',
        () => stale,
      ),
    },
    // Lifecycle, with a stale version: past the access check the answer is a conflict, and nothing moves.
    ...(['submit', 'approve', 'reject', 'suspend', 'resume', 'abolish'] as const).flatMap((action) => [
      {
        route: `POST /api/catalog/implementations/:id/${action}` as const,
        allowed: CITY_EDIT,
        request: onImpl(
          () => cityDraft,
          `/${action}`,
          () => stale,
        ),
      },
      {
        route: `POST /api/catalog/implementations/:id/${action}` as const,
        allowed: COUNTY_EDIT,
        request: onImpl(
          () => countyDraft,
          `/${action}`,
          () => stale,
        ),
      },
    ]),
    // The literal routes, for the coverage check: 'POST /api/catalog/implementations/:id/submit'
    // 'POST /api/catalog/implementations/:id/approve' 'POST /api/catalog/implementations/:id/reject'
    // 'POST /api/catalog/implementations/:id/suspend' 'POST /api/catalog/implementations/:id/resume'
    // 'POST /api/catalog/implementations/:id/abolish'

    // ── inspection, import, export, synonyms ──
    { route: 'GET /api/catalog/inspection', allowed: INSPECT },
    {
      route: 'POST /api/catalog/imports',
      allowed: EDIT,
      request: {
        url: '/api/catalog/imports?fileName=x.xlsx&dryRun=true',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('not a workbook'),
      },
    },
    { route: 'GET /api/catalog/imports/:id', allowed: CITY_EDIT, request: () => ({ url: `/api/catalog/imports/${importId}` }) },
    { route: 'GET /api/catalog/export', allowed: EDIT, request: { url: '/api/catalog/export?region=340600' } },
    { route: 'GET /api/catalog/synonyms', allowed: EDIT },
    {
      route: 'PUT /api/catalog/synonyms',
      allowed: ['admin'],
      request: async () => ({
        url: '/api/catalog/synonyms',
        payload: { items: ((await call('admin', 'GET', '/api/catalog/synonyms')).json() as { items: unknown[] }).items },
      }),
    },
  ],
  () => cast,
);

test('a county item admin cannot rename a national base item or replace the national synonyms; a national one can', async () => {
  const before = await baseVersion(nationalBase.code);
  for (const actor of ['itemadmin.sx', 'itemadmin']) {
    const rename = await call(actor, 'PATCH', `/api/catalog/base-items/${nationalBase.id}`, { name: '被改名', version: before.version });
    assert.equal(rename.statusCode, 403, `${actor}: ${rename.body}`);
    assert.equal(errorCode(rename), 'AUTH_FORBIDDEN');
  }
  assert.equal((await baseVersion(nationalBase.code)).name, before.name);
  const synonyms = await call('itemadmin.sx', 'PUT', '/api/catalog/synonyms', { items: [{ term: '假', synonym: '真' }] });
  assert.equal(synonyms.statusCode, 403);
  const list = (await call('admin', 'GET', '/api/catalog/synonyms')).json() as { items: { term: string }[] };
  assert.ok(list.items.length > 1 && !list.items.some((p) => p.term === '假'), 'the national synonyms are unchanged');
  // The county's own base item is its to change, and it belongs to the county.
  const own = await baseVersion(countyBase.code);
  const renamed = await call('itemadmin.sx', 'PATCH', `/api/catalog/base-items/${countyBase.id}`, { name: '濉溪县自定事项', version: own.version });
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal((renamed.json() as { regionCode: string }).regionCode, '340621');
  // … and is carried out only there.
  const elsewhere = await call('itemadmin', 'POST', '/api/catalog/implementations', {
    code: `P-340600-${unique()}`,
    baseItemId: countyBase.id,
    regionCode: '340600',
    departmentId: cityMarket,
    content: sampleContent(),
  });
  assert.equal(errorCode(elsewhere), 'BASE_ITEM_NOT_IN_REGION');
});

test("another region's drafts reach a county actor through no list, export, harmonisation, inspection or import", async () => {
  const listed = (await call('itemadmin.sx', 'GET', '/api/catalog/implementations?region=340600&pageSize=100')).json() as { items: { regionCode: string }[] };
  assert.deepEqual([...new Set(listed.items.map((i) => i.regionCode))], ['340621'], 'asking for the city lists only the county’s part of it');
  const own = (await call('itemadmin.sx', 'GET', '/api/catalog/implementations?pageSize=100')).json() as { items: { code: string; regionCode: string }[] };
  assert.ok(own.items.some((i) => i.code === countyDraft.code));
  assert.ok(own.items.every((i) => i.regionCode.startsWith('340621')));
  const byDepartment = (await call('reviewer.sx', 'GET', `/api/catalog/implementations?department=${cityMarket}`)).json() as { total: number };
  assert.equal(byDepartment.total, 0, 'nor asking for another department');

  const exported = await call('itemadmin.sx', 'GET', '/api/catalog/export?region=340600');
  assert.equal(exported.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
  const codes: string[] = [];
  wb.getWorksheet('实施清单')!.eachRow((row, i) => void (i > 1 && codes.push(row.getCell(1).text)));
  assert.ok(codes.length > 0 && !codes.includes(cityDraft.code) && codes.every((c) => c.includes('340621')), 'the export holds none of the city’s own items');
  const ownExport = await call('itemadmin.sx', 'GET', '/api/catalog/export');
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(ownExport.rawPayload as unknown as ArrayBuffer);
  const ownCodes: string[] = [];
  wb2.getWorksheet('实施清单')!.eachRow((row, i) => void (i > 1 && ownCodes.push(row.getCell(1).text)));
  assert.ok(ownCodes.includes(countyDraft.code) && !ownCodes.includes(cityDraft.code));

  // Harmonisation: another region's draft is not shown; its published items are (they are public).
  const draftOnNational = await createImpl('itemadmin', nationalBase.id, '340600', await cast.department('淮北市卫生健康委员会'), '市级未发布事项');
  const columns = async (actor: string) =>
    ((await call(actor, 'GET', `/api/catalog/base-items/${nationalBase.id}/harmonisation`)).json() as { columns: { code: string }[] }).columns.map(
      (c) => c.code,
    );
  assert.ok((await columns('itemadmin')).includes(draftOnNational.code), 'the city sees its own draft');
  const county = await columns('itemadmin.sx');
  assert.ok(!county.includes(draftOnNational.code), 'the county does not');
  assert.ok(county.includes(cityPublished.code), 'but it sees what the city published');

  const inspection = (await call('supervisor.sx', 'GET', '/api/catalog/inspection?region=340600')).json() as { guides: { regionCode: string }[] };
  assert.ok(inspection.guides.every((g) => g.regionCode === '340621'));
  assert.equal((await call('itemadmin.sx', 'GET', `/api/catalog/imports/${importId}`)).statusCode, 403, "another's import is not shown");
});

test("a county item admin's import defines base items of the county, never national ones", async () => {
  const { items } = (await call('admin', 'GET', '/api/departments?q=濉溪县市场监督管理局')).json() as { items: { uscc: string }[] };
  const buffer = await catalogWorkbook(1, (_, row) => Object.assign(row, { code: 'P-340621-IMPORT', regionCode: '340621', departmentUscc: items[0].uscc }));
  const started = await cast.t.app.inject({
    method: 'POST',
    url: '/api/catalog/imports?fileName=county.xlsx&dryRun=false',
    headers: { ...bearer(cast.token('itemadmin.sx')), 'content-type': 'application/octet-stream' },
    payload: buffer,
  });
  assert.equal(started.statusCode, 202, started.body);
  for (;;) {
    const job = (await call('itemadmin.sx', 'GET', `/api/catalog/imports/${(started.json() as { id: number }).id}`)).json() as {
      status: string;
      problems: unknown[];
    };
    if (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    assert.equal(job.status, 'done', JSON.stringify(job.problems));
    break;
  }
  const { items: bases } = (await call('admin', 'GET', '/api/catalog/base-items?q=XK200000')).json() as { items: { regionCode: string | null }[] };
  assert.equal(bases[0].regionCode, '340621');
});
