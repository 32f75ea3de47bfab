// Bulk import (`tongban licenses import`): every row is checked before anything is written, then the rows are
// sealed (on worker threads or this one) and inserted in batches, with progress per batch; CSV and xlsx are streamed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/support/db.ts';
import { queryRows, type Database } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { makeUscc } from '../../platform/identity.ts';
import { createSealPool, createVerifyPool } from './licenses.seal-pool.ts';
import { sm2Sign, sm2Verify, generateSm2KeyPair } from '../../platform/sm2.ts';
import { bufferRows, checkLicenseRows, importLicenseFile, importLicenseRows, IMPORT_COLUMNS, type LicenseImportProblem } from './licenses.import.ts';
import { createLicenseType } from './licenses.service.ts';
import { checkIdentifier, makeIdentifier } from './identifier.ts';
import { license } from './licenses.schema.ts';
import { configureMasterKey, publicKeyOf } from './licenses.keys.ts';
import { findLicense, sealValid } from './licenses.issue.ts';

let database: Database;
let dir: string;
const ctx = systemContext('test');
const TYPE = `${makeUscc('11', '100000', '00007001')}001`;
let issuers: string[];

before(async () => {
  database = await testDatabase('accounts');
  configureMasterKey(randomBytes(16));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'license-import-'));
  await database.db.transaction((tx) =>
    createLicenseType(tx, ctx, { code: TYPE, name: '导入测试证', definingBodyName: '测试机构', holderKind: 'organisation' }),
  );
  issuers = (await queryRows<{ uscc: string }>(database.db, sql`SELECT uscc FROM department ORDER BY id LIMIT 2`)).map((d) => d.uscc);
});
after(async () => {
  await database?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = IMPORT_COLUMNS.join(',');
const holder = (i: number) => makeUscc('92', '340603', String(10_000_000 + i));
function csvRow(i: number, over: { holderId?: string; issueDate?: string } = {}) {
  return [
    TYPE,
    issuers[i % 2],
    'organisation',
    `导入测试店${i}`,
    over.holderId ?? holder(i),
    over.issueDate ?? '2019-03-01',
    '',
    `"{""序号"":${i},""地址"":""相山区, 人民路""}"`,
  ].join(',');
}
const count = async () => Number((await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM license WHERE type_code = ${TYPE}`))[0].n);

test('a bad row in the middle of a large file: reported by row and column, and nothing is written', async () => {
  const lines = [
    HEADER,
    ...Array.from({ length: 250 }, (_, i) => csvRow(i, i === 124 ? { holderId: '92340603MA2T00021X' } : i === 200 ? { issueDate: '2019-02-30' } : {})),
  ];
  const file = path.join(dir, 'bad.csv');
  fs.writeFileSync(file, lines.join('\n'));
  const seen: LicenseImportProblem[] = [];
  const result = await importLicenseFile(database.db, ctx, file, { batchSize: 100, workers: 0, onProblem: (p) => seen.push(p) });
  assert.equal(result.imported, 0);
  assert.deepEqual([result.rows, result.badRows], [248, 2]);
  // The header is row 1, so the 125th licence is on row 126.
  assert.deepEqual(
    result.problems.map((p) => [p.row, p.column]),
    [
      [126, 'holder_id'],
      [202, 'issue_date'],
    ],
  );
  assert.deepEqual(seen, result.problems);
  assert.equal(await count(), 0);
});

test('a good file: sealed and inserted in batches with progress; identifiers valid, serials consecutive per issuer, seals verify', async () => {
  const file = path.join(dir, 'good.csv');
  // A BOM, CRLF line ends, a blank line and a quoted cell with a comma, as spreadsheet programs write them.
  fs.writeFileSync(file, '\uFEFF' + [HEADER, ...Array.from({ length: 250 }, (_, i) => csvRow(i)), ''].join('\r\n'));
  const dry = await importLicenseFile(database.db, ctx, file, { dryRun: true });
  assert.deepEqual([dry.rows, dry.badRows, dry.imported], [250, 0, 0]);
  assert.equal(await count(), 0, 'a dry run writes nothing');
  const progress: [number, number][] = [];
  const result = await importLicenseFile(database.db, ctx, file, { batchSize: 100, workers: 0, onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(result.imported, 250);
  assert.deepEqual(progress, [
    [100, 250],
    [200, 250],
    [250, 250],
  ]);
  const rows = await queryRows<{
    identifier: string | null;
    serial: string;
    issuer_uscc: string;
    signed_data: string | null;
    sealed_names_id: number | null;
    data: { 序号: number; 地址: string };
    valid_until: string | null;
  }>(
    database.db,
    sql`SELECT identifier, serial, issuer_uscc, signed_data, sealed_names_id, data, valid_until FROM license WHERE type_code = ${TYPE} ORDER BY id`,
  );
  assert.equal(rows.length, 250);
  assert.deepEqual(rows[7].data, { 序号: 7, 地址: '相山区, 人民路' });
  assert.equal(rows[7].valid_until, null);
  for (const issuer of issuers) {
    const serials = rows.filter((r) => r.issuer_uscc === issuer).map((r) => r.serial);
    assert.deepEqual(
      serials,
      Array.from({ length: 125 }, (_, i) => `2019${String(i + 1).padStart(6, '0')}`),
    );
  }
  for (const r of [rows[0], rows[99], rows[100], rows[249]]) {
    // Stored without identifier and signed data (ADR 0029): both rebuilt from the columns, and the seal verifies.
    assert.deepEqual([r.identifier, r.signed_data, typeof r.sealed_names_id], [null, null, 'number']);
    const identifier = makeIdentifier({ typeCode: TYPE, issuerUscc: r.issuer_uscc, serial: r.serial, version: 1 });
    const l = (await findLicense(database.db, identifier))!;
    assert.ok(checkIdentifier(l.identifier).valid, l.identifier);
    assert.equal(JSON.parse(l.signedData).identifier, identifier);
    assert.ok(sm2Verify(l.signedData, l.signature, (await publicKeyOf(database.db, Number(l.sealKeyId)))!));
    assert.equal(await sealValid(database.db, l), true);
  }
});

test('seal checks on a worker thread give the same answers as on this one', async () => {
  const keys = generateSm2KeyPair();
  const message = '{"identifier":"x","名称":"测试"}';
  const signature = sm2Sign(message, keys);
  for (const workers of [0, 1]) {
    const pool = createVerifyPool(workers);
    try {
      const answers = await Promise.all([
        pool.verify(message, signature, keys.publicKeyHex),
        pool.verify(message + ' ', signature, keys.publicKeyHex),
        pool.verify(message, signature, generateSm2KeyPair().publicKeyHex),
        pool.verify(message, 'not a signature', keys.publicKeyHex),
        pool.verify(message, signature, 'not a key'),
      ]);
      assert.deepEqual(answers, [true, false, false, false, false], `workers=${workers}`);
    } finally {
      await pool.close();
    }
  }
});

test('sealing on worker threads gives the same kind of seal as this thread', async () => {
  const keys = [generateSm2KeyPair(), generateSm2KeyPair()];
  const messages = Array.from({ length: 9 }, (_, i) => `{"n":${i},"名称":"测试"}`);
  const keyIndexes = messages.map((_, i) => i % 2);
  for (const workers of [0, 2]) {
    const pool = createSealPool(workers);
    try {
      const signatures = await pool.sign({ messages, keyIndexes, keys });
      assert.equal(signatures.length, messages.length);
      signatures.forEach((s, i) => assert.ok(sm2Verify(messages[i], s, keys[keyIndexes[i]].publicKeyHex), `workers=${workers} message ${i}`));
      assert.ok(!sm2Verify(messages[1], signatures[1], keys[0].publicKeyHex));
    } finally {
      await pool.close();
    }
  }
  const before = await count();
  const lines = [HEADER, ...Array.from({ length: 30 }, (_, i) => csvRow(1000 + i))];
  const result = await importLicenseRows(database.db, ctx, bufferRows(Buffer.from(lines.join('\n')), 'csv'), { batchSize: 7, workers: 2 });
  assert.equal(result.imported, 30);
  assert.equal(await count(), before + 30);
  const [last] = await queryRows<{ issuer_uscc: string; serial: string }>(
    database.db,
    sql`SELECT issuer_uscc, serial FROM license WHERE type_code = ${TYPE} ORDER BY id DESC LIMIT 1`,
  );
  const l = (await findLicense(database.db, makeIdentifier({ typeCode: TYPE, issuerUscc: last.issuer_uscc, serial: last.serial, version: 1 })))!;
  assert.ok(sm2Verify(l.signedData, l.signature, (await publicKeyOf(database.db, Number(l.sealKeyId)))!));
});

test('xlsx is read row by row; problems name the sheet row', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('证照');
  ws.addRow([...IMPORT_COLUMNS]);
  ws.addRow([TYPE, issuers[0], 'organisation', '表格导入店一', holder(2001), '2021-06-01', '2031-05-31', '{"序号":1}']);
  ws.addRow([TYPE, issuers[0], 'person', '表格导入店二', holder(2002), '2021-06-01', '', '{}']);
  ws.addRow([TYPE, issuers[1], 'organisation', '表格导入店三', holder(2003), '2021-06-01', '', '[1]']);
  const file = path.join(dir, 'licenses.xlsx');
  await wb.xlsx.writeFile(file);
  const checked = await checkLicenseRows(database.db, () => bufferRows(fs.readFileSync(file), 'xlsx')());
  assert.deepEqual(
    checked.problems.map((p) => [p.row, p.column]),
    [
      [3, 'holder_kind'],
      [3, 'holder_id'],
      [4, 'data'],
    ],
  );
  ws.getRow(3).getCell(3).value = 'organisation';
  ws.getRow(4).getCell(8).value = '{"序号":3}';
  await wb.xlsx.writeFile(file);
  const before = await count();
  const result = await importLicenseFile(database.db, ctx, file, { workers: 0 });
  assert.deepEqual([result.badRows, result.imported], [0, 3]);
  assert.equal(await count(), before + 3);
});

test('a batch that fails in the database stops the import with its error; the batches before it stay imported', async () => {
  const type2 = `${makeUscc('11', '100000', '00007002')}001`;
  await database.db.transaction((tx) =>
    createLicenseType(tx, ctx, { code: type2, name: '导入测试证二', definingBodyName: '测试机构', holderKind: 'organisation' }),
  );
  const [dept] = await queryRows<{ id: number }>(database.db, sql`SELECT id FROM department WHERE uscc = ${issuers[0]}`);
  // A licence already holding the identifier the second batch will give issuer 0's 60th licence.
  const taken = makeIdentifier({ typeCode: type2, issuerUscc: issuers[0], serial: '2019000060', version: 1 });
  await database.db.insert(license).values({
    identifier: taken,
    typeCode: type2,
    serial: '2019000060',
    versionNo: 1,
    issuerDepartmentId: Number(dept.id),
    issuerUscc: issuers[0],
    holderKind: 'organisation',
    holderName: '已有',
    holderIdNumber: holder(1),
    issueDate: '2019-01-01',
    data: {},
    status: 'valid',
    signedData: '{}',
    signature: '',
  });
  const lines = [HEADER, ...Array.from({ length: 250 }, (_, i) => csvRow(i).replace(TYPE, type2))];
  const progress: number[] = [];
  await assert.rejects(
    importLicenseRows(database.db, ctx, bufferRows(Buffer.from(lines.join('\n')), 'csv'), {
      batchSize: 100,
      workers: 2,
      onProgress: (done) => progress.push(done),
    }),
    /^Error: rows 102–201 were not imported \(100 licences before them were\): duplicate key value violates unique constraint "license_identifier_parts_idx"/,
  );
  assert.deepEqual(progress, [100]);
  const [{ n }] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM license WHERE type_code = ${type2}`);
  assert.equal(Number(n), 101);
});
