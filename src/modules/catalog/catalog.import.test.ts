import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { bearer, testApp, type TestApp } from '../../../tests/support/app.ts';
import { sampleContent } from '../../../tests/support/catalog-fixtures.ts';
import { makeUscc } from '../../platform/identity.ts';
import { systemContext } from '../../platform/context.ts';
import { contentSchema } from './catalog.types.ts';
import { BASE_COLUMNS, BASE_SHEET, formatCell, IMPL_COLUMNS, IMPL_SHEET, MATERIAL_COLUMNS, MATERIAL_SHEET } from './catalog.excel.ts';
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

const MARKET = makeUscc('11', '340600', '00300002');

function getPath(o: Record<string, unknown>, key: string): unknown {
  const [a, b] = key.split('.');
  return b ? (o[a] as Record<string, unknown> | undefined)?.[b] : o[a];
}

/** A workbook of `n` base items with one implementation each (2n rows); `spoil` may damage chosen rows. */
async function workbook(n: number, spoil: (i: number, row: Record<string, unknown>) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const base = wb.addWorksheet(BASE_SHEET);
  base.addRow(BASE_COLUMNS.map((c) => c.header));
  const impl = wb.addWorksheet(IMPL_SHEET);
  impl.addRow(IMPL_COLUMNS.map((c) => c.header));
  const materials = wb.addWorksheet(MATERIAL_SHEET);
  materials.addRow(MATERIAL_COLUMNS.map((c) => c.header));
  const content = contentSchema.parse(sampleContent());
  for (let i = 0; i < n; i++) {
    const baseCode = `XK2${String(i).padStart(5, '0')}`;
    base.addRow([baseCode, `食品经营许可 ${i}`, '01', '3', '《食品安全法》', '']);
    const row: Record<string, unknown> = { ...content, code: `IMP-${String(i).padStart(5, '0')}`, baseCode, regionCode: '340600', departmentUscc: MARKET, name: `食品经营许可证核发 ${i}` };
    spoil(i, row);
    impl.addRow(IMPL_COLUMNS.map((c) => formatCell(c, getPath(row, c.key))));
    if (n <= 100) materials.addRow(MATERIAL_COLUMNS.map((c) => formatCell(c, c.key === 'implementationCode' ? row.code : c.key === 'form' ? '电子' : c.key === 'source' ? '申请人自备' : getPath(content.materials[0] as unknown as Record<string, unknown>, c.key))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function poll(id: number) {
  for (;;) {
    const job = (await t.app.inject({ method: 'GET', url: `/api/catalog/imports/${id}`, headers: bearer(token) })).json() as { status: string; problems: { sheet: string; row: number; column: string; message: string }[]; total: number; processed: number; summary: Record<string, number> };
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
  const started = await t.app.inject({ method: 'POST', url: '/api/catalog/imports?fileName=big.xlsx&dryRun=true', headers: { ...bearer(token), 'content-type': 'application/octet-stream' }, payload: buffer });
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
  assert.deepEqual(parsed.problems.map((p) => [p.row, p.column]), [[3, '基本编码']]);
});

test('not a workbook, or a workbook without the sheets: a clear problem', async () => {
  const junk = await parseWorkbook(t.database.db, Buffer.from('not a zip'));
  assert.match(junk.problems[0].message, /xlsx/);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  const empty = await parseWorkbook(t.database.db, Buffer.from(await wb.xlsx.writeBuffer()));
  assert.match(empty.problems[0].message, /缺少/);
});
