import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { bearer, testApp, type TestApp } from '../../../tests/support/app.ts';
import { catalogWorkbook as workbook } from '../../../tests/support/catalog-fixtures.ts';
import { systemContext } from '../../platform/context.ts';
import { IMPL_SHEET } from './catalog.excel.ts';
import { applyImport, exportWorkbook, parseWorkbook } from './index.ts';

let t: TestApp;
let token: string;
before(async () => {
  t = await testApp();
  token = await t.login('itemadmin');
});
after(async () => {
  await t?.close();
});

async function poll(id: number) {
  for (;;) {
    const job = (await t.app.inject({ method: 'GET', url: `/api/catalog/imports/${id}`, headers: bearer(token) })).json() as {
      status: string;
      problems: { sheet: string; row: number; column: string; message: string }[];
      total: number;
      processed: number;
      summary: Record<string, number>;
    };
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a 10,000-row workbook with three bad rows: the dry run reports each row and column, and changes nothing', async () => {
  const buffer = await workbook(5_000, (i, row) => {
    if (i === 1200) row.promisedLimit = { value: 30, unit: 'working_day' };
    if (i === 3000) row.regionCode = '349999';
    if (i === 4998) row.caseType = undefined;
  });
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/catalog/imports?fileName=big.xlsx&dryRun=true',
    headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
    payload: buffer,
  });
  assert.equal(started.statusCode, 202, started.body);
  const job = await poll((started.json() as { id: number }).id);
  assert.equal(job.status, 'failed');
  assert.deepEqual(
    job.problems.map((p) => [p.sheet, p.row, p.column]),
    [
      [IMPL_SHEET, 1202, '承诺时限'],
      [IMPL_SHEET, 3002, '行政区划代码'],
      [IMPL_SHEET, 5000, '办件类型'],
    ],
  );
  assert.equal(job.total, 10_000);
  const list = (await t.app.inject({ method: 'GET', url: '/api/catalog/implementations?pageSize=1', headers: bearer(token) })).json() as { total: number };
  assert.equal(list.total, 0);
});

test('import creates and publishes; importing the same file again and export → import change nothing', async () => {
  const buffer = await workbook(5);
  const parsed = await parseWorkbook(t.database.db, buffer, { publish: true });
  assert.deepEqual(parsed.problems, []);
  const first = await applyImport(t.database.db, systemContext('test'), parsed, { publish: true });
  assert.deepEqual(first, { baseItemsCreated: 5, implementationsCreated: 5, implementationsChanged: 0, implementationsUnchanged: 0, published: 5 });
  const again = await applyImport(t.database.db, systemContext('test'), await parseWorkbook(t.database.db, buffer), { publish: false });
  assert.equal(again.implementationsUnchanged, 5);
  const exported = await exportWorkbook(t.database.db);
  const round = await parseWorkbook(t.database.db, exported);
  assert.deepEqual(round.problems, []);
  const noop = await applyImport(t.database.db, systemContext('test'), round, { publish: false });
  assert.deepEqual(noop, { baseItemsCreated: 0, implementationsCreated: 0, implementationsChanged: 0, implementationsUnchanged: 5, published: 0 });
  const guide = (await t.app.inject({ method: 'GET', url: '/api/items/IMP-00000' })).json() as { materials: { name: string }[] };
  assert.equal(guide.materials[0].name, '食品经营许可申请书');
});

test('a changed row becomes a new version of the implementation', async () => {
  const buffer = await workbook(1, (_i, row) => {
    row.promisedLimit = { value: 3, unit: 'working_day' };
  });
  const summary = await applyImport(t.database.db, systemContext('test'), await parseWorkbook(t.database.db, buffer), { publish: true });
  assert.equal(summary.implementationsChanged, 1);
  const guide = (await t.app.inject({ method: 'GET', url: '/api/items/IMP-00000' })).json() as { promisedLimit: { value: number }; versionNumber: number };
  assert.deepEqual([guide.promisedLimit.value, guide.versionNumber], [3, 2]);
});

test('two rows for the same item, region and department are refused', async () => {
  const buffer = await workbook(2, (i, row) => {
    if (i === 1) row.baseCode = 'XK200000';
  });
  const parsed = await parseWorkbook(t.database.db, buffer);
  assert.deepEqual(
    parsed.problems.map((p) => [p.row, p.column]),
    [[3, '基本编码']],
  );
});

test('not a workbook, or a workbook without the sheets: a clear problem', async () => {
  const junk = await parseWorkbook(t.database.db, Buffer.from('not a zip'));
  assert.match(junk.problems[0].message, /xlsx/);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  const empty = await parseWorkbook(t.database.db, Buffer.from(await wb.xlsx.writeBuffer()));
  assert.match(empty.problems[0].message, /缺少/);
});

test('an item admin of one city cannot import another region’s items', async () => {
  const admin = await t.login('admin');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { ...bearer(admin), 'idempotency-key': 'hefei-itemadmin' },
    payload: { username: 'hefeiitems', displayName: '合肥事项', password: 'Hefei2026', roles: [{ role: 'item_admin', regionCode: '340100' }] },
  });
  assert.equal(res.statusCode, 201, res.body);
  const other = await t.login('hefeiitems', 'Hefei2026');
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/catalog/imports?fileName=x.xlsx&dryRun=true',
    headers: { ...bearer(other), 'content-type': 'application/octet-stream' },
    payload: await workbook(1),
  });
  const job = await (async () => {
    for (;;) {
      const j = (
        await t.app.inject({ method: 'GET', url: `/api/catalog/imports/${(started.json() as { id: number }).id}`, headers: bearer(other) })
      ).json() as { status: string; problems: { column: string }[] };
      if (j.status !== 'running') return j;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  assert.equal(job.status, 'failed');
  assert.deepEqual(
    job.problems.map((p) => p.column),
    ['实施主体统一社会信用代码'],
  );
});
