// A licence in less room (ADR 0029, migration 0032): new licences store neither their signed data nor their
// identifier, both rebuilt from the columns; licences sealed before keep theirs and still verify after the upgrade.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { migrate, queryRows } from '../../platform/db/db.ts';
import { configureAuditKeys } from '../../platform/audit/audit-keys.ts';
import { systemContext } from '../../platform/context.ts';
import { makeUscc } from '../../platform/identity.ts';
import { generateSm2KeyPair, sm2Sign, sm2Verify, sm4Encrypt } from '../../platform/sm2.ts';
import { TEST_MASTER_KEY } from '../../../tests/support/template.ts';
import { makeIdentifier } from './identifier.ts';
import { configureMasterKey, publicKeyOf, sealVerdict } from './licenses.keys.ts';
import { bufferRows, IMPORT_COLUMNS, importLicenseRows } from './licenses.import.ts';
import {
  changeLicenseStatus,
  findLicense,
  rebuiltSignedData,
  sealOf,
  sealStorage,
  signedDataOf,
  statusList,
  verifyLicense,
  walletOf,
} from './licenses.issue.ts';
import { listRegister } from './licenses.register.ts';
import { emptyDatabase, migrationsBefore } from '../../../tests/support/db.ts';

const TYPE = `${makeUscc('11', '100000', '00002099')}001`;
const ISSUER = makeUscc('11', '340600', '00002098');
const NAMES = { typeName: '升级测试许可证', issuerName: '淮北市升级测试局' };

const columns = {
  typeCode: TYPE,
  issuerUscc: ISSUER,
  serial: '2026000001',
  versionNo: 1,
  holderKind: 'organisation',
  holderName: '升级测试有限公司',
  holderIdNumber: makeUscc('91', '340603', 'MA2TUP01'),
  issueDate: '2026-03-01',
  validUntil: '2031-02-28',
  data: { 经营范围: '餐饮服务；"预包装"食品', 座位: 40, 连锁: false, 品类: ['热食', '冷食'], 比例: 0.1 },
};
const signedOf = (c: typeof columns) =>
  signedDataOf({
    identifier: makeIdentifier({ typeCode: c.typeCode, issuerUscc: c.issuerUscc, serial: c.serial, version: c.versionNo }),
    ...NAMES,
    typeCode: c.typeCode,
    issuerUscc: c.issuerUscc,
    holder: { kind: c.holderKind as 'organisation', name: c.holderName, idNumber: c.holderIdNumber },
    issueDate: c.issueDate,
    validUntil: c.validUntil,
    data: c.data,
    versionNo: c.versionNo,
  });

test('the signed data rebuilds byte-exact from the columns; what would not is stored', () => {
  const signed = signedOf(columns);
  assert.equal(rebuiltSignedData({ ...columns, identifier: null }, NAMES), signed);
  assert.deepEqual(sealStorage(columns, NAMES, signed, 7), { signedData: null, sealedNamesId: 7 });
  // Other names than the sealed ones, or any column changed, give other bytes.
  assert.notEqual(rebuiltSignedData({ ...columns, identifier: null }, { ...NAMES, issuerName: '改名后' }), signed);
  assert.notEqual(rebuiltSignedData({ ...columns, identifier: null, holderName: '别家' }, NAMES), signed);
  // A day the database would hand back written otherwise (2026-3-1 comes back as 2026-03-01): the bytes are kept.
  const loose = { ...columns, issueDate: '2026-3-1' };
  assert.deepEqual(sealStorage(loose, NAMES, signedOf(loose), 7), { signedData: signedOf(loose), sealedNamesId: null });
  // Signed data that is not the canonical JSON of the columns (sealed elsewhere, or otherwise): kept too.
  assert.deepEqual(sealStorage(columns, NAMES, `${signed} `, 7), { signedData: `${signed} `, sealedNamesId: null });
});

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
});

test('licences sealed before migration 0032 still verify after it, beside licences stored the new way', async () => {
  configureMasterKey(Buffer.from(TEST_MASTER_KEY, 'hex'));
  configureAuditKeys(Buffer.from(TEST_MASTER_KEY, 'hex'));
  const database = await emptyDatabase();
  cleanup.unshift(() => database.close());
  const db = database.db;
  await migrate(database, migrationsBefore('0032'));

  // An issuing department, a type and a seal key, and two licences written as the platform wrote them before:
  // signed data, identifier, base64 signature and hex verdict in the row; the second one from before ADR 0009 (no verdict).
  await db.execute(sql`INSERT INTO region (code, name, level) VALUES ('340600', '淮北市', 2)`);
  const [dept] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO department (name, uscc, region_code) VALUES (${NAMES.issuerName}, ${ISSUER}, '340600') RETURNING id`,
  );
  await db.execute(
    sql`INSERT INTO license_type (code, name, defining_body_uscc, defining_body_name, holder_kind, fields) VALUES (${TYPE}, ${NAMES.typeName}, ${TYPE.slice(0, 18)}, '测试机构', 'organisation', '[]'::jsonb)`,
  );
  const keys = generateSm2KeyPair();
  const [key] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO seal_key (department_id, public_key_hex, private_key_sealed, status) VALUES (${dept.id}, ${keys.publicKeyHex}, ${sm4Encrypt(keys.privateKeyHex, Buffer.from(TEST_MASTER_KEY, 'hex'))}, 'active') RETURNING id`,
  );
  const old = [columns, { ...columns, serial: '2026000002', holderName: '升级测试二号有限公司', validUntil: null }].map((c, i) => {
    const identifier = makeIdentifier({ typeCode: c.typeCode, issuerUscc: c.issuerUscc, serial: c.serial, version: 1 });
    const signedData = signedOf(c as typeof columns);
    const signature = sm2Sign(signedData, keys);
    const verdict = i === 0 ? sealVerdict({ identifier, sealKeyId: Number(key.id), signature, signedData }) : null;
    return { ...c, identifier, signedData, signature, verdict, code: `0000000000A${i}` };
  });
  for (const l of old)
    await db.execute(sql`
      INSERT INTO license (identifier, type_code, serial, version_no, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
                           issue_date, valid_until, data, status, signed_data, signature, seal_key_id, seal_verdict, verify_code)
      VALUES (${l.identifier}, ${l.typeCode}, ${l.serial}, 1, ${dept.id}, ${l.issuerUscc}, ${l.holderKind}, ${l.holderName}, ${l.holderIdNumber},
              ${l.issueDate}, ${l.validUntil}, ${JSON.stringify(l.data)}::jsonb, 'valid', ${l.signedData}, ${l.signature}, ${key.id}, ${l.verdict}, ${l.code})`);

  await db.execute(sql`INSERT INTO license_serial (issuer_uscc, type_code, last) VALUES (${ISSUER}, ${TYPE}, 2)`);

  await migrate(database);

  // Public verification, the seal contract and the wallet answer for them as before.
  for (const l of old) {
    const v = await verifyLicense(db, l.identifier, l.code);
    assert.ok(v.found, l.identifier);
    assert.deepEqual([v.sealValid, v.status, v.identifier], [true, 'valid', l.identifier]);
    const seal = await sealOf(db, l.identifier);
    assert.deepEqual([seal.data, seal.signature], [l.signedData, l.signature], 'the same bytes and the same base64 signature');
    assert.ok(sm2Verify(seal.data, seal.signature, keys.publicKeyHex));
  }
  const [stored] = await queryRows<{ verdict: string }>(db, sql`SELECT encode(seal_verdict, 'hex') AS verdict FROM license WHERE serial = '2026000001'`);
  assert.equal(stored.verdict, old[0].verdict, 'the verdict, converted to bytes, is the one written with the seal');
  assert.deepEqual((await walletOf(db, columns.holderIdNumber)).map((l) => l.identifier).sort(), old.map((l) => l.identifier).sort());

  // A licence imported now is stored the new way, next to them; all three verify and appear in the register.
  const csv = [
    IMPORT_COLUMNS.join(','),
    [TYPE, ISSUER, 'organisation', '升级后导入有限公司', makeUscc('91', '340603', 'MA2TUP03'), '2026-12-01', '', '"{""经营范围"":""零售""}"'].join(','),
  ];
  const imported = await importLicenseRows(db, systemContext('test'), bufferRows(Buffer.from(csv.join('\n')), 'csv'), { workers: 0 });
  assert.equal(imported.imported, 1);
  const [row] = await queryRows<{ identifier: string | null; signed_data: string | null; serial: string; verify_code: string }>(
    db,
    sql`SELECT identifier, signed_data, serial, verify_code FROM license WHERE holder_name = '升级后导入有限公司'`,
  );
  assert.deepEqual([row.identifier, row.signed_data], [null, null]);
  const fresh = makeIdentifier({ typeCode: TYPE, issuerUscc: ISSUER, serial: row.serial, version: 1 });
  const v = await verifyLicense(db, fresh, row.verify_code);
  assert.ok(v.found && v.sealValid);
  const l = (await findLicense(db, fresh))!;
  assert.ok(sm2Verify(l.signedData, l.signature, (await publicKeyOf(db, Number(l.sealKeyId)))!));
  const register = await listRegister(db, { page: 1, pageSize: 10 }, { kind: 'all' });
  assert.deepEqual(register.items.map((i) => i.identifier).sort(), [...old.map((o) => o.identifier), fresh].sort());

  // Revocation of a licence stored the old way: found by the parts of its identifier, shown at once.
  await db.transaction((tx) => changeLicenseStatus(tx, systemContext('test'), old[0].identifier, 'revoke', { reason: '升级后撤销' }));
  const revoked = await verifyLicense(db, old[0].identifier, old[0].code);
  assert.ok(revoked.found);
  assert.deepEqual([revoked.status, revoked.sealValid], ['revoked', true]);
  assert.ok((await statusList(db, ISSUER)).credentialSubject.size >= 3);
});
