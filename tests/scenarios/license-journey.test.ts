import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { makeUscc } from '../../src/platform/identity.ts';
import { sql } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { queryRows } from '../../src/platform/db/db.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const TYPE = `${makeUscc('11', '100000', '00002010')}001`; // 食品经营许可证, defined by 国家市场监督管理总局
let grantItem: string;
let useItem: string;
let revokeItem: string;

before(async () => {
  t = await testApp();
  for (const u of ['person', 'company', 'clerk', 'reviewer', 'itemadmin', 'admin']) tokens[u] = await t.login(u);
  const market = (
    (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as { user: { roles: { departmentId: number }[] } }
  ).user.roles[0].departmentId;
  const type = await t.app.inject({
    method: 'POST',
    url: '/api/license-types',
    // A type of a national body (国家市场监督管理总局) is registered by the platform's national administrator.
    headers: { ...bearer(tokens.admin), ...idem() },
    payload: {
      code: TYPE,
      name: '食品经营许可证',
      definingBodyName: '国家市场监督管理总局',
      holderKind: 'organisation',
      validityYears: 5,
      fields: ['事项名称', '办件编号', 'shopName', '经营场所'],
      issuers: [market],
    },
  });
  assert.equal(type.statusCode, 201, type.body);
  grantItem = await publishedItem(t, '340600-XK-9201', { resultType: 'license', resultLicenseTypeCode: TYPE, serviceObjects: ['2'] });
  useItem = await publishedItem(t, '340600-XK-9202', {
    materials: [
      { key: 'application', name: '申请书', required: true, form: 'electronic', source: 'applicant', acceptanceStandard: '完整' },
      {
        key: 'food_license',
        name: '食品经营许可证',
        required: true,
        form: 'electronic',
        source: 'license',
        licenseTypeCode: TYPE,
        acceptanceStandard: '在有效期内',
      },
    ],
  });
  revokeItem = await publishedItem(t, '340600-ZX-9203', {
    name: '食品经营许可注销',
    revokesLicenseTypeCode: TYPE,
    materials: [{ key: 'application', name: '注销申请书', required: true, form: 'electronic', source: 'applicant', acceptanceStandard: '完整' }],
  });
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const as = (u: string) => caseClient(t, tokens[u]);

async function grantedCase(item: string, materials: (n: string) => Promise<void>): Promise<string> {
  const res = await as('company').call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' } }, idem());
  assert.equal(res.statusCode, 201, res.body);
  const n = (res.json() as { number: string }).number;
  await materials(n);
  await as('company').act(n, 'submit');
  await as('clerk').act(n, 'accept');
  await as('reviewer').act(n, 'claim');
  await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '审查通过' });
  await as('reviewer').act(n, 'claim');
  const c = await as('reviewer').act(n, 'complete-step', { result: 'pass', opinion: '准予' });
  assert.equal(c.outcome, '0');
  return n;
}

let identifier = '';
let code = '';

test('a granted case yields a sealed licence in the holder’s wallet; the QR check shows it valid', async () => {
  pinToday('2025-04-01');
  await grantedCase(grantItem, async (n) => {
    await as('company').upload(n, 'application', PDF);
    await as('company').call('POST', `/api/cases/${n}/materials/premises/pledge`);
  });
  const wallet = (await as('company').call('GET', '/api/licenses/mine')).json() as {
    items: { identifier: string; typeName: string; status: string; validUntil: string; verifyCode: string }[];
  };
  assert.equal(wallet.items.length, 1);
  identifier = wallet.items[0].identifier;
  code = wallet.items[0].verifyCode;
  assert.match(identifier, new RegExp(`^1\\.2\\.156\\.3005\\.2\\.${TYPE}\\.\\w{18}\\.2025\\d{6}\\.001\\.[0-9A-Z]$`));
  assert.deepEqual([wallet.items[0].typeName, wallet.items[0].status, wallet.items[0].validUntil], ['食品经营许可证', 'valid', '2030-03-31']);
  const verify = (await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${identifier}?code=${code}` })).json() as Record<string, unknown>;
  assert.equal(verify.status, 'valid');
  assert.equal(verify.sealValid, true);
  // An organisation is public: a customer can tell whose licence is on the wall (issue 20); a person would be masked.
  assert.deepEqual([verify.holderKind, verify.holder], ['organisation', '淮北市相山区味道餐饮有限公司']);
  assert.match(String(verify.holderId), /^[0-9A-Z]{18}$/);
  const malformed = (await t.app.inject({ method: 'GET', url: '/api/licenses/verify/1.2.156.3005.2.nope' })).json() as { found: boolean; reasonZh: string };
  assert.equal(malformed.found, false);
  assert.ok(malformed.reasonZh);
  const wrongCheck = identifier.slice(0, -1) + (identifier.endsWith('0') ? '1' : '0');
  assert.match(((await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${wrongCheck}` })).json() as { reason: string }).reason, /check character/);
});

test('the seal contract verifies with the OpenSSL command line', async (ctx) => {
  const seal = (await as('company').call('GET', `/api/licenses/${identifier}/seal`)).json() as {
    data: string;
    signature: string;
    publicKey: string;
    algorithm: string;
    userId: string;
  };
  assert.deepEqual([seal.algorithm, seal.userId], ['SM2-SM3', '1234567812345678']);
  assert.equal(JSON.parse(seal.data).identifier, identifier);
  assert.equal(errorCode(await as('person').call('GET', `/api/licenses/${identifier}/seal`)), 'LICENSE_NOT_YOURS');
  if (spawnSync('openssl', ['version']).status !== 0) return ctx.skip('openssl is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  fs.writeFileSync(path.join(dir, 'pub.pem'), seal.publicKey);
  fs.writeFileSync(path.join(dir, 'sig.der'), Buffer.from(seal.signature, 'base64'));
  fs.writeFileSync(path.join(dir, 'data.json'), seal.data);
  const ok = spawnSync('openssl', ['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', 'distid:1234567812345678', '-signature', 'sig.der', 'data.json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.match(ok.stdout, /Verified OK/);
  fs.writeFileSync(path.join(dir, 'data.json'), seal.data.replace('味道小馆', '别家小馆'));
  const bad = spawnSync('openssl', ['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', 'distid:1234567812345678', '-signature', 'sig.der', 'data.json'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.notEqual(bad.status, 0);
});

test('免证可办: a second application attaches the licence with the holder’s consent; the department sees it verified; every use is logged', async () => {
  const res = await as('company').call('POST', '/api/cases', { implementationCode: useItem, formData: { shopName: '味道小馆' } }, idem());
  const n = (res.json() as { number: string }).number;
  const candidates = (await as('company').call('GET', `/api/cases/${n}/license-candidates`)).json() as {
    items: { key: string; license: { identifier: string } | null }[];
  };
  assert.equal(candidates.items[0].license?.identifier, identifier);
  assert.equal(errorCode(await as('company').call('POST', `/api/cases/${n}/materials/application/license`, { identifier })), 'LICENSE_NOT_NEEDED');
  const attached = await as('company').call('POST', `/api/cases/${n}/materials/food_license/license`, { identifier });
  assert.equal(attached.statusCode, 200, attached.body);
  await as('company').upload(n, 'application', PDF);
  await as('company').act(n, 'submit');
  const c = (await as('clerk').get(n)) as unknown as { materials: { key: string; mode: string; licenseIdentifier: string }[] };
  assert.deepEqual(
    c.materials.map((m) => [m.key, m.mode]),
    [
      ['application', 'upload'],
      ['food_license', 'license'],
    ],
  );
  const seen = (await as('reviewer').call('GET', `/api/cases/${n}/materials/food_license/license`)).json() as { sealValid: boolean; status: string };
  assert.deepEqual([seen.sealValid, seen.status], [true, 'valid']);
  assert.equal(
    errorCode(await as('reviewer').call('GET', `/api/cases/${n}/materials/application/license`)),
    'LICENSE_NOT_NEEDED',
    'only a material the case sources from the licence',
  );
  const detail = (await as('company').call('GET', `/api/licenses/${identifier}`)).json() as { uses: { caseNumber: string; purpose: string }[] };
  assert.equal(detail.uses.length, 2);
  assert.ok(detail.uses.every((u) => u.caseNumber === n));
  assert.ok(detail.uses.some((u) => /免证可办/.test(u.purpose)));
  // The once-only figure: uploads avoided.
  const [{ n: avoided }] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM case_material WHERE mode = 'license'`);
  assert.equal(Number(avoided), 1);
});

test('an officer revokes with a reason; verification shows it at once; the status list marks it', async () => {
  const l = (await as('reviewer').call('GET', `/api/licenses/${identifier}`)).json() as { version: number; issuerUscc: string };
  assert.equal((await as('reviewer').call('POST', `/api/licenses/${identifier}/suspend`, { reason: '', version: l.version })).statusCode, 400);
  assert.equal((await as('person').call('POST', `/api/licenses/${identifier}/revoke`, { reason: 'x', version: l.version })).statusCode, 403);
  const suspended = (await as('reviewer').call('POST', `/api/licenses/${identifier}/suspend`, { reason: '整改期间暂停', version: l.version })).json() as {
    status: string;
    version: number;
  };
  assert.equal(suspended.status, 'suspended');
  assert.equal(
    ((await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${identifier}?code=${code}` })).json() as { status: string }).status,
    'suspended',
  );
  const list = (await t.app.inject({ method: 'GET', url: `/api/licenses/status-list/${l.issuerUscc}` })).json() as {
    credentialSubject: { encodedList: string };
  };
  assert.doesNotMatch(JSON.stringify(list), new RegExp(identifier.replace(/\./g, '\\.')), 'the list names no licence');
  const { index } = (
    (await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${identifier}?code=${code}` })).json() as { statusList: { index: number } }
  ).statusList;
  const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  assert.equal((bits[index >> 3] >> (7 - (index & 7))) & 1, 1, 'the suspended licence’s bit is set');
  const reinstated = (
    await as('reviewer').call('POST', `/api/licenses/${identifier}/reinstate`, { reason: '整改完成', version: suspended.version })
  ).json() as { status: string };
  assert.equal(reinstated.status, 'valid');
});

test('a revocation case decided with a grant revokes the licence; the QR check shows revoked', async () => {
  await grantedCase(revokeItem, async (n) => {
    await as('company').upload(n, 'application', PDF);
  });
  const verify = (await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${identifier}?code=${code}` })).json() as {
    status: string;
    sealValid: boolean;
  };
  assert.deepEqual([verify.status, verify.sealValid], ['revoked', true]);
});

test('expiry: past its validity date a licence verifies as expired, and the job records it', async () => {
  const { expireDue } = await import('../../src/modules/licenses/index.ts');
  const { systemContext } = await import('../../src/platform/context.ts');
  const issued = await t.app.inject({
    method: 'POST',
    url: '/api/licenses',
    headers: { ...bearer(tokens.reviewer), ...idem() },
    payload: {
      typeCode: TYPE,
      departmentId: (
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as { user: { roles: { departmentId: number }[] } }
      ).user.roles[0].departmentId,
      holder: { kind: 'organisation', name: '某餐饮店', idNumber: makeUscc('92', '340603', 'MA2T0099') },
      data: { 经营场所: '相山区' },
      validUntil: '2025-04-10',
    },
  });
  assert.equal(issued.statusCode, 201, issued.body);
  const { identifier: id, verifyCode } = issued.json() as { identifier: string; verifyCode: string };
  pinToday('2025-04-11');
  assert.equal(((await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${id}?code=${verifyCode}` })).json() as { status: string }).status, 'expired');
  assert.ok((await expireDue(t.database.db, systemContext('test'))) >= 1);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/licenses',
    headers: { ...bearer(tokens.reviewer), ...idem() },
    payload: { typeCode: '11100000000000000X999', departmentId: 1, holder: { kind: 'person', name: 'x', idNumber: '1' }, data: {} },
  });
  assert.ok([403, 404].includes(bad.statusCode));
});

test('trust list: a seal made by another platform verifies here once its key is imported', async () => {
  const { generateSm2KeyPair, publicKeyPem, sm2Sign } = await import('../../src/platform/sm2.ts');
  const other = generateSm2KeyPair();
  const data = '{"identifier":"elsewhere"}';
  const signature = sm2Sign(data, other);
  assert.deepEqual((await t.app.inject({ method: 'POST', url: '/api/licenses/verify-seal', payload: { data, signature } })).json(), {
    valid: false,
    signer: null,
  });
  const added = await t.app.inject({
    method: 'POST',
    url: '/api/trusted-keys',
    headers: bearer(tokens.admin),
    payload: { name: '合肥市一体化平台', publicKeyPem: publicKeyPem(other.publicKeyHex) },
  });
  assert.equal(added.statusCode, 201);
  assert.deepEqual((await t.app.inject({ method: 'POST', url: '/api/licenses/verify-seal', payload: { data, signature } })).json(), {
    valid: true,
    signer: '合肥市一体化平台',
  });
  assert.equal(
    errorCode(await t.app.inject({ method: 'POST', url: '/api/trusted-keys', headers: bearer(tokens.admin), payload: { name: 'x', publicKeyPem: 'nope' } })),
    'LICENSE_KEY_INVALID',
  );
});

/** A licence's row by the parts of its identifier: new licences store no identifier (ADR 0029). */
function rowOf(identifier: string) {
  const [typeCode, issuerUscc, serial, version] = identifier.split('.').slice(5, 9);
  return sql`type_code = ${typeCode} AND issuer_uscc = ${issuerUscc} AND serial = ${serial} AND version_no = ${Number(version)}`;
}

test('the seal verdict spares the SM2 check only while the row is exactly as sealed', async () => {
  const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as {
    user: { roles: { departmentId: number }[] };
  };
  const issue = async (name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/licenses',
      headers: { ...bearer(tokens.reviewer), ...idem() },
      payload: {
        typeCode: TYPE,
        departmentId: me.user.roles[0].departmentId,
        holder: { kind: 'organisation', name, idNumber: makeUscc('92', '340603', `MA2T${String(Math.floor(Math.random() * 9000) + 1000)}`) },
        data: { 经营场所: '相山区' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { identifier: string }).identifier;
  };
  const verified = async (id: string) => {
    const [{ verify_code: c }] = await queryRows<{ verify_code: string }>(t.database.db, sql`SELECT verify_code FROM license WHERE ${rowOf(id)}`);
    return ((await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${id}?code=${c}` })).json() as { sealValid: boolean }).sealValid;
  };
  const [verdict] = await queryRows<{ seal_verdict: string | null }>(
    t.database.db,
    sql`SELECT encode(seal_verdict, 'hex') AS seal_verdict FROM license WHERE ${rowOf(await issue('甲店'))}`,
  );
  assert.match(verdict.seal_verdict ?? '', /^[0-9a-f]{64}$/, 'written with the seal');

  // A column altered in the database: the data rebuilt from it is not what was sealed, the verdict no longer
  // matches, and SM2 says the seal does not verify.
  const altered = await issue('乙店');
  assert.equal(await verified(altered), true);
  await t.database.db.execute(sql`UPDATE license SET holder_name = '丙店' WHERE ${rowOf(altered)}`);
  assert.equal(await verified(altered), false);

  // No verdict, or a forged one, over untouched data: SM2 decides, and the seal verifies.
  const plain = await issue('丁店');
  await t.database.db.execute(sql`UPDATE license SET seal_verdict = NULL WHERE ${rowOf(plain)}`);
  assert.equal(await verified(plain), true);
  const forged = await issue('戊店');
  await t.database.db.execute(
    sql`UPDATE license SET seal_verdict = decode(${'0'.repeat(64)}, 'hex'), signature = decode(${'MEUCIQ' + 'A'.repeat(90)}, 'base64') WHERE ${rowOf(forged)}`,
  );
  assert.equal(await verified(forged), false, 'a forged verdict with a changed signature does not pass');

  // The verdict is what decides a row exactly as sealed: a row whose signature is no SM2 signature at all passes
  // with a verdict made over it, and fails without one.
  const { sealValid, sealVerdict } = await import('../../src/modules/licenses/index.ts');
  const [key] = await queryRows<{ id: number }>(t.database.db, sql`SELECT seal_key_id::int AS id FROM license WHERE ${rowOf(plain)}`);
  const row = { identifier: 'VERDICT-ONLY', sealKeyId: key.id, signature: 'bm90IGEgc2lnbmF0dXJl', signedData: '{"x":1}' };
  assert.equal(await sealValid(t.database.db, { ...row, sealVerdict: sealVerdict(row) }), true);
  assert.equal(await sealValid(t.database.db, { ...row, sealVerdict: null }), false);
});

test('a licence stores its seal once (ADR 0029): signed data rebuilt byte-exact, with the names as sealed', async () => {
  const departmentId = (
    (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(tokens.reviewer) })).json() as { user: { roles: { departmentId: number }[] } }
  ).user.roles[0].departmentId;
  const issue = async (name: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/licenses',
      headers: { ...bearer(tokens.reviewer), ...idem() },
      payload: {
        typeCode: TYPE,
        departmentId,
        holder: { kind: 'organisation', name, idNumber: makeUscc('92', '340603', 'MA2T7001') },
        data: { 经营场所: '相山区 "一号" 楼', 事项名称: '许可' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { identifier: string; verifyCode: string };
  };
  const seal = async (id: string) =>
    (await as('reviewer').call('GET', `/api/licenses/${id}/seal`)).json() as { data: string; signature: string; publicKey: string };
  const verify = async (l: { identifier: string; verifyCode: string }) =>
    (await t.app.inject({ method: 'GET', url: `/api/licenses/verify/${l.identifier}?code=${l.verifyCode}` })).json() as { sealValid: boolean; type: string };
  const { sm2Verify, publicKeyFromPem } = await import('../../src/platform/sm2.ts');

  const before = await issue('己店');
  const [stored] = await queryRows<{ identifier: string | null; signed_data: string | null; sealed_names_id: number | null; signature_bytes: number }>(
    t.database.db,
    sql`SELECT identifier, signed_data, sealed_names_id, octet_length(signature) AS signature_bytes FROM license WHERE ${rowOf(before.identifier)}`,
  );
  assert.equal(stored.identifier, null, 'the identifier is derived from its parts');
  assert.equal(stored.signed_data, null, 'the signed data is rebuilt from the columns');
  assert.ok(stored.sealed_names_id);
  assert.ok(Number(stored.signature_bytes) >= 68 && Number(stored.signature_bytes) <= 72, 'the DER signature as bytes');
  const sealed = await seal(before.identifier);
  assert.equal(JSON.parse(sealed.data).identifier, before.identifier);
  assert.ok(sm2Verify(sealed.data, sealed.signature, publicKeyFromPem(sealed.publicKey)!), 'the rebuilt bytes are the signed ones');

  // The type and the department renamed after the seal: the licence still verifies, its seal still names them as they
  // were; a licence sealed after the rename names the new ones.
  const types = (await t.app.inject({ method: 'GET', url: '/api/license-types' })).json() as { items: { code: string; version: number }[] };
  const renamed = await t.app.inject({
    method: 'PATCH',
    url: `/api/license-types/${TYPE}`,
    headers: bearer(tokens.admin),
    payload: { version: types.items.find((x) => x.code === TYPE)!.version, name: '食品经营许可证（新版）' },
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
  const [dept] = await queryRows<{ name: string }>(t.database.db, sql`SELECT name FROM department WHERE id = ${departmentId}`);
  await t.database.db.execute(sql`UPDATE department SET name = ${`${dept.name}（更名）`} WHERE id = ${departmentId}`);
  try {
    const after = await verify(before);
    assert.deepEqual([after.sealValid, after.type], [true, '食品经营许可证（新版）']);
    assert.equal((await seal(before.identifier)).data, sealed.data, 'the same bytes as before the rename');
    const later = await issue('庚店');
    const laterSeal = JSON.parse((await seal(later.identifier)).data) as { type: { name: string }; issuer: { name: string } };
    assert.deepEqual([laterSeal.type.name, laterSeal.issuer.name], ['食品经营许可证（新版）', `${dept.name}（更名）`]);
    assert.equal((await verify(later)).sealValid, true);
  } finally {
    await t.database.db.execute(sql`UPDATE department SET name = ${dept.name} WHERE id = ${departmentId}`);
  }

  // A licence stored as before ADR 0029 (its signed data and identifier in the row) verifies the same way, and a
  // change to that stored data still shows.
  const old = await issue('辛店');
  const oldSeal = await seal(old.identifier);
  await t.database.db.execute(
    sql`UPDATE license SET signed_data = ${oldSeal.data}, identifier = ${old.identifier}, sealed_names_id = NULL WHERE ${rowOf(old.identifier)}`,
  );
  assert.equal((await verify(old)).sealValid, true);
  assert.deepEqual(await seal(old.identifier), oldSeal);
  await t.database.db.execute(sql`UPDATE license SET signed_data = replace(signed_data, '辛店', '壬店') WHERE ${rowOf(old.identifier)}`);
  assert.equal((await verify(old)).sealValid, false);
});
