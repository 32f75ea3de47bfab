import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode } from '../../../tests/support/app.ts';
import { idem } from '../../../tests/support/cases.ts';
import { castApp, permissionMatrix, SCOPED_CAST, type Cast } from '../../../tests/support/permissions.ts';
import { DEMO_COMPANY_USCC, demoAccounts } from '../../bootstrap/demo.ts';
import { systemContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { queryRows } from '../../platform/db/db.ts';
import { makeUscc } from '../../platform/identity.ts';
import { generateSm2KeyPair, publicKeyPem } from '../../platform/sm2.ts';
import { changeLicenseStatus, issueLicense } from './licenses.issue.ts';
import { createLicenseType, findLicenseType } from './licenses.service.ts';

/**
 * Role × route × scope for every route of the licences module. Licences are read in full by their holder and by the
 * officers of the issuing department (and admins whose scope holds it); issued only by a department the type lists
 * as its issuer, by an officer of it; suspended, reinstated and revoked only by the issuing department. The records:
 * a business licence of the demo company issued by 淮北市市场监督管理局 (the city reviewer's department: admin.xs and
 * admin.sx are outside it) and one issued by 濉溪县市场监督管理局 (reviewer.sx's, inside admin.sx's scope).
 */
let cast: Cast;
let city: { identifier: string; verifyCode: string; issuerUscc: string };
let county: { identifier: string; verifyCode: string };
let cityMarket: number;
let xsMarket: number;
let sxMarket: number;
let police: number;

const BUSINESS_LICENSE = `${makeUscc('11', '100000', '00002010')}001`;
const ID_CARD = `${makeUscc('11', '100000', '00002030')}002`;
const ctx = systemContext('test');
const random8 = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
const holder = () => ({ kind: 'organisation' as const, name: '某某商贸有限公司', idNumber: makeUscc('91', '340621', `MA${random8().slice(2)}`) });

/** A licence issued directly (as on a case's decision), for routes that use their record up. */
async function issued(departmentId: number, owner = holder()) {
  return cast.t.database.db.transaction((tx) => issueLicense(tx, ctx, { typeCode: BUSINESS_LICENSE, departmentId, holder: owner, data: { 名称: owner.name } }));
}

let typeSerial = 100;
/** A licence type code of a defining body: a national one (random USCC, no department here), or a department's. */
async function typeCode(definer: number | 'national') {
  const serial = String(typeSerial++).padStart(3, '0');
  if (definer === 'national') return `${makeUscc('11', '100000', random8())}${serial}`;
  const [row] = await queryRows<{ uscc: string }>(cast.t.database.db, sql`SELECT uscc FROM department WHERE id = ${definer}`);
  return `${row.uscc}${serial}`;
}

/** A fresh licence type of the defining body, listing the given issuers. */
async function freshType(issuers: number[], definer: number | 'national' = 'national') {
  const code = await typeCode(definer);
  await cast.t.database.db.transaction((tx) =>
    createLicenseType(tx, ctx, { code, name: '测试证照', definingBodyName: '测试机关', holderKind: 'organisation', issuers, fields: ['名称'] }),
  );
  return (await findLicenseType(cast.t.database.db, code))!;
}

before(async () => {
  cast = await castApp();
  cityMarket = await cast.department('淮北市市场监督管理局');
  xsMarket = await cast.department('相山区市场监督管理局');
  sxMarket = await cast.department('濉溪县市场监督管理局');
  police = await cast.department('淮北市公安局');
  city = await issued(cityMarket, { kind: 'organisation', name: '淮北市相山区味道餐饮有限公司', idNumber: DEMO_COMPANY_USCC });
  county = await issued(sxMarket);
});
after(() => cast.t.close());

const read =
  (l: () => { identifier: string }, suffix = '') =>
  () => ({ url: `/api/licenses/${l().identifier}${suffix}` });
const issue = (typeCode: string, departmentId: () => number) => () => ({
  url: '/api/licenses',
  payload: { typeCode, departmentId: departmentId(), holder: holder(), data: { 名称: '某某商贸有限公司' } },
});
const statusChange = (action: 'suspend' | 'reinstate' | 'revoke', departmentId: () => number) => async () => {
  const l = await issued(departmentId());
  const row =
    action === 'reinstate' ? await cast.t.database.db.transaction((tx) => changeLicenseStatus(tx, ctx, l.identifier, 'suspend', { reason: '测试' })) : l;
  return { url: `/api/licenses/${l.identifier}/${action}`, payload: { reason: '测试', version: row.version } };
};
const newType = (definer: () => number | 'national', issuers: () => number[]) => async () => ({
  url: '/api/license-types',
  payload: { code: await typeCode(definer()), name: '新证照', definingBodyName: '测试机关', holderKind: 'organisation', fields: ['名称'], issuers: issuers() },
});
const changeType = (definer: () => number | 'national', body: (t: Awaited<ReturnType<typeof freshType>>) => object) => async () => {
  const t = await freshType([cityMarket], definer());
  return { url: `/api/license-types/${t.code}`, payload: { version: t.version, ...body(t) } };
};

const ISSUERS = ['reviewer', 'admin'];
/** Every officer who issues licences somewhere (reviewers, admins): each reads the register of their own scope. */
const REGISTER_READERS = [...demoAccounts, ...SCOPED_CAST].filter((a) => a.role === 'reviewer' || a.role === 'admin').map((a) => a.username);
const COUNTY_ISSUERS = ['reviewer.sx', 'admin', 'admin.sx'];
const TYPE_ADMINS_SX = ['admin', 'admin.sx', 'itemadmin', 'itemadmin.sx'];

permissionMatrix(
  'licenses',
  [
    { route: 'GET /api/license-types', allowed: 'public' },
    // A type belongs to its defining body: a national body's (公安部, 民政部) is registered and changed — its issuers
    // included — only by a grant without region; a department's by whoever's scope holds that department.
    {
      route: 'POST /api/license-types',
      allowed: ['admin'],
      request: newType(
        () => 'national',
        () => [sxMarket],
      ),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/license-types',
      allowed: TYPE_ADMINS_SX,
      request: newType(
        () => sxMarket,
        () => [sxMarket],
      ),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/license-types',
      allowed: ['admin', 'admin.xs', 'itemadmin'],
      request: newType(
        () => xsMarket,
        () => [xsMarket],
      ),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/license-types',
      allowed: ['admin', 'itemadmin'],
      request: newType(
        () => cityMarket,
        () => [cityMarket],
      ),
      allowedStatus: [201],
    },
    {
      route: 'PATCH /api/license-types/:code',
      allowed: ['admin'],
      request: changeType(
        () => 'national',
        () => ({ name: '改名证照' }),
      ),
      allowedStatus: [200],
    },
    {
      route: 'PATCH /api/license-types/:code',
      allowed: ['admin'],
      request: changeType(
        () => 'national',
        () => ({ issuers: [cityMarket, sxMarket] }),
      ),
      allowedStatus: [200],
    },
    {
      route: 'PATCH /api/license-types/:code',
      allowed: TYPE_ADMINS_SX,
      request: changeType(
        () => sxMarket,
        () => ({ issuers: [cityMarket, sxMarket] }),
      ),
      allowedStatus: [200],
    },
    {
      route: 'PATCH /api/license-types/:code',
      allowed: ['admin', 'itemadmin'],
      request: changeType(
        () => cityMarket,
        () => ({ name: '改名证照', issuers: [] }),
      ),
      allowedStatus: [200],
    },

    {
      route: 'GET /api/licenses/verify/:identifier',
      allowed: 'public',
      request: () => ({ url: `/api/licenses/verify/${city.identifier}?code=${city.verifyCode}` }),
    },
    { route: 'GET /api/licenses/check-id/:identifier', allowed: 'public', request: () => ({ url: `/api/licenses/check-id/${city.identifier}` }) },
    { route: 'GET /api/licenses/status-list/:issuerUscc', allowed: 'public', request: () => ({ url: `/api/licenses/status-list/${city.issuerUscc}` }) },
    { route: 'POST /api/licenses/verify-seal', allowed: 'public', request: { payload: { data: '{}', signature: 'AAAA' } } },
    { route: 'GET /api/seal-keys', allowed: 'public' },
    { route: 'GET /api/trusted-keys', allowed: 'public' },
    {
      route: 'POST /api/seal-keys',
      allowed: ['admin', 'admin.sx'],
      request: () => ({ url: '/api/seal-keys', payload: { departmentId: sxMarket } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/seal-keys',
      allowed: ['admin', 'admin.xs'],
      request: () => ({ url: '/api/seal-keys', payload: { departmentId: xsMarket } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/seal-keys',
      allowed: ['admin'],
      request: () => ({ url: '/api/seal-keys', payload: { departmentId: cityMarket } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/trusted-keys',
      allowed: ['admin'],
      request: () => ({ url: '/api/trusted-keys', payload: { name: '外省平台', publicKeyPem: publicKeyPem(generateSm2KeyPair().publicKeyHex) } }),
      allowedStatus: [201],
    },

    { route: 'GET /api/licenses/mine', allowed: 'signed-in' },
    { route: 'GET /api/licenses/:identifier', allowed: ['company', ...ISSUERS], request: read(() => city), allowedStatus: [200] },
    { route: 'GET /api/licenses/:identifier', allowed: COUNTY_ISSUERS, request: read(() => county), allowedStatus: [200] },
    { route: 'GET /api/licenses/:identifier/seal', allowed: ['company', ...ISSUERS], request: read(() => city, '/seal'), allowedStatus: [200] },
    { route: 'GET /api/licenses/:identifier/seal', allowed: COUNTY_ISSUERS, request: read(() => county, '/seal'), allowedStatus: [200] },
    { route: 'GET /api/licenses/:identifier/document', allowed: ['company', ...ISSUERS], request: read(() => city, '/document'), allowedStatus: [200] },
    { route: 'GET /api/licenses/:identifier/document', allowed: COUNTY_ISSUERS, request: read(() => county, '/document'), allowedStatus: [200] },

    // The register (证照台账): every issuing officer, each seeing the licences of the departments in their scope.
    { route: 'GET /api/licenses/register', allowed: REGISTER_READERS, allowedStatus: [200] },
    { route: 'GET /api/licenses/register/export', allowed: REGISTER_READERS, allowedStatus: [200] },

    // Issuing: the department must be a listed issuer of the type and within the officer's scope.
    { route: 'POST /api/licenses', allowed: ISSUERS, request: issue(BUSINESS_LICENSE, () => cityMarket), allowedStatus: [201] },
    { route: 'POST /api/licenses', allowed: COUNTY_ISSUERS, request: issue(BUSINESS_LICENSE, () => sxMarket), allowedStatus: [201] },
    {
      route: 'POST /api/licenses',
      allowed: [],
      request: () => ({
        url: '/api/licenses',
        payload: { typeCode: ID_CARD, departmentId: cityMarket, holder: { kind: 'person', name: '张三', idNumber: '11010519491231002X' }, data: {} },
      }),
    },
    {
      route: 'POST /api/licenses',
      allowed: ['admin'],
      request: () => ({
        url: '/api/licenses',
        payload: { typeCode: ID_CARD, departmentId: police, holder: { kind: 'person', name: '张三', idNumber: '11010519491231002X' }, data: {} },
      }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/licenses/:identifier/versions',
      allowed: COUNTY_ISSUERS,
      request: async () => ({ url: `/api/licenses/${(await issued(sxMarket)).identifier}/versions`, payload: { data: { 名称: '新名称' }, version: 1 } }),
      allowedStatus: [201],
    },
    {
      route: 'POST /api/licenses/:identifier/versions',
      allowed: ISSUERS,
      request: async () => ({ url: `/api/licenses/${(await issued(cityMarket)).identifier}/versions`, payload: { data: { 名称: '新名称' }, version: 1 } }),
      allowedStatus: [201],
    },
    ...(['suspend', 'reinstate', 'revoke'] as const).flatMap((action) => [
      { route: `POST /api/licenses/:identifier/${action}` as const, allowed: ISSUERS, request: statusChange(action, () => cityMarket), allowedStatus: [200] },
      {
        route: `POST /api/licenses/:identifier/${action}` as const,
        allowed: COUNTY_ISSUERS,
        request: statusChange(action, () => sxMarket),
        allowedStatus: [200],
      },
    ]),
  ],
  () => cast,
);

// The literal routes of the status changes, for the coverage test: 'POST /api/licenses/:identifier/suspend',
// 'POST /api/licenses/:identifier/reinstate', 'POST /api/licenses/:identifier/revoke'.

const call = (actor: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  cast.t.app.inject({ method, url, payload, headers: { ...bearer(cast.token(actor)), ...(method === 'POST' ? idem() : {}) } });

test('a market reviewer cannot issue an identity card or a marriage certificate, even for its own department', async () => {
  for (const typeCode of [ID_CARD, `${makeUscc('11', '100000', '00002050')}001`]) {
    const res = await call('reviewer', 'POST', '/api/licenses', {
      typeCode,
      departmentId: cityMarket,
      holder: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
      data: {},
    });
    assert.equal(errorCode(res), 'LICENSE_ISSUER_NOT_LISTED', res.body);
  }
  const [{ n }] = await queryRows<{ n: number }>(
    cast.t.database.db,
    sql`SELECT count(*)::int AS n FROM license WHERE type_code = ${ID_CARD} AND holder_name = '张三' AND issuer_department_id = ${cityMarket}`,
  );
  assert.equal(Number(n), 0);
});

test('a department listed as an issuer may issue once the item admin lists it, and no longer once removed', async () => {
  // A type of 濉溪县市场监督管理局's own: the county's item admin manages it.
  const type = await freshType([], sxMarket);
  const body = () => ({ typeCode: type.code, departmentId: sxMarket, holder: holder(), data: { 名称: '甲' } });
  assert.equal(errorCode(await call('reviewer.sx', 'POST', '/api/licenses', body())), 'LICENSE_ISSUER_NOT_LISTED');
  const listed = await call('itemadmin.sx', 'PATCH', `/api/license-types/${type.code}`, { version: type.version, issuers: [sxMarket] });
  assert.equal(listed.statusCode, 200, listed.body);
  assert.deepEqual(
    (listed.json() as { issuers: { departmentId: number }[] }).issuers.map((i) => i.departmentId),
    [sxMarket],
  );
  assert.equal((await call('reviewer.sx', 'POST', '/api/licenses', body())).statusCode, 201);
  // Another county's admin does not manage it; the county's own cannot list a department outside the county.
  const v = (listed.json() as { version: number }).version;
  assert.equal(
    errorCode(await call('admin.xs', 'PATCH', `/api/license-types/${type.code}`, { version: v, issuers: [sxMarket, xsMarket] })),
    'LICENSE_TYPE_NATIONAL_ONLY',
  );
  assert.equal(
    errorCode(await call('itemadmin.sx', 'PATCH', `/api/license-types/${type.code}`, { version: v, issuers: [sxMarket, cityMarket] })),
    'LICENSE_ISSUER_OUT_OF_SCOPE',
  );
  assert.equal((await call('itemadmin', 'PATCH', `/api/license-types/${type.code}`, { version: v, issuers: [cityMarket] })).statusCode, 200);
  assert.equal(errorCode(await call('reviewer.sx', 'POST', '/api/licenses', body())), 'LICENSE_ISSUER_NOT_LISTED', 'the city item admin removed 濉溪县');
});

test('a county cannot make its own department an issuer of a national type, nor register one (the re-run’s identity card)', async () => {
  const [idCard] = await queryRows<{ version: number }>(cast.t.database.db, sql`SELECT version FROM license_type WHERE code = ${ID_CARD}`);
  for (const actor of ['admin.sx', 'itemadmin.sx', 'itemadmin']) {
    const res = await call(actor, 'PATCH', `/api/license-types/${ID_CARD}`, { version: idCard.version, issuers: [police, sxMarket] });
    assert.equal(errorCode(res), 'LICENSE_TYPE_NATIONAL_ONLY', `${actor}: ${res.body}`);
  }
  assert.equal(
    errorCode(
      await call('reviewer.sx', 'POST', '/api/licenses', {
        typeCode: ID_CARD,
        departmentId: sxMarket,
        holder: { kind: 'person', name: '受害人', idNumber: '11010519491231002X' },
        data: {},
      }),
    ),
    'LICENSE_ISSUER_NOT_LISTED',
  );
  const copy = await call('admin.sx', 'POST', '/api/license-types', {
    code: `${ID_CARD.slice(0, 18)}009`,
    name: '居民身份证(副本)',
    definingBodyName: '公安部',
    holderKind: 'person',
    issuers: [sxMarket],
  });
  assert.equal(errorCode(copy), 'LICENSE_TYPE_NATIONAL_ONLY');
  assert.equal(
    errorCode(
      await call('admin.sx', 'POST', '/api/license-types', {
        code: await typeCode(sxMarket),
        name: 'x',
        definingBodyName: 'x',
        holderKind: 'person',
        issuers: [cityMarket],
      }),
    ),
    'LICENSE_ISSUER_OUT_OF_SCOPE',
  );
});

test('a licence cannot be issued already expired, ending on its issue date, or on a date that does not exist', async () => {
  const body = (validUntil: string) => ({ typeCode: BUSINESS_LICENSE, departmentId: cityMarket, holder: holder(), data: { 名称: '乙' }, validUntil });
  for (const validUntil of ['2020-01-01', today(), '2026-02-30', '2026-13-45']) {
    const res = await call('reviewer', 'POST', '/api/licenses', body(validUntil));
    assert.equal(res.statusCode, 400, `${validUntil}: ${res.body}`);
    assert.equal(errorCode(res), 'LICENSE_VALIDITY_INVALID', validUntil);
  }
  assert.equal((await call('reviewer', 'POST', '/api/licenses', body('2099-12-31'))).statusCode, 201);
});

test('a date in the licence data must exist before it is sealed', async () => {
  const type = await freshType([sxMarket], sxMarket);
  await cast.t.database.db.execute(sql`UPDATE license_type SET fields = '["名称","成立日期"]'::jsonb WHERE code = ${type.code}`);
  const body = (day: string) => ({ typeCode: type.code, departmentId: sxMarket, holder: holder(), data: { 名称: '丙', 成立日期: day } });
  const res = await call('reviewer.sx', 'POST', '/api/licenses', body('2026-02-30'));
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(errorCode(res), 'LICENSE_DATA_DATE_INVALID');
  assert.equal((await call('reviewer.sx', 'POST', '/api/licenses', body('2026-02-28'))).statusCode, 201);
});

test('the seal covers only the fields the type declares: a contact phone from the form never reaches it', async () => {
  // As on a case's decision: the whole form is handed over, and only the declared keys are kept and sealed.
  const l = await cast.t.database.db.transaction((tx) =>
    issueLicense(tx, ctx, {
      typeCode: BUSINESS_LICENSE,
      departmentId: cityMarket,
      holder: holder(),
      data: { 名称: '丙商店', phone: '13912345678', 联系电话: '13912345678', 事项名称: '个体工商户设立登记' },
    }),
  );
  assert.doesNotMatch(l.signedData, /13912345678|phone|联系电话/);
  assert.equal(JSON.parse(l.signedData).data.名称, '丙商店');
  assert.deepEqual(Object.keys(l.data as object).sort(), ['事项名称', '名称'].sort());
  // An officer's own input with undeclared keys is refused, so nothing is silently left out.
  const res = await call('reviewer', 'POST', '/api/licenses', {
    typeCode: BUSINESS_LICENSE,
    departmentId: cityMarket,
    holder: holder(),
    data: { 名称: '丁', phone: '13912345678' },
  });
  assert.equal(errorCode(res), 'LICENSE_DATA_UNDECLARED');
});

test('public verification needs the code printed with the licence: walking the serials finds nothing', async () => {
  const verify = async (identifier: string, code?: string) =>
    (await cast.t.app.inject({ method: 'GET', url: `/api/licenses/verify/${identifier}${code === undefined ? '' : `?code=${code}`}` })).json() as Record<
      string,
      unknown
    >;
  const full = await verify(city.identifier, city.verifyCode);
  assert.deepEqual([full.found, full.status], [true, 'valid']);
  assert.equal((await verify(city.identifier, city.verifyCode.toLowerCase())).found, true, 'typed in lower case');
  const bare = await verify(city.identifier);
  assert.deepEqual([bare.found, bare.code, bare.holderMasked, bare.status], [false, 'code_required', undefined, undefined]);
  const wrong = await verify(city.identifier, '000000000000');
  assert.deepEqual([wrong.found, wrong.code, wrong.holderMasked], [false, 'not_found', undefined]);
  // Codes are random, not derived from the serial: two licences in a row have unrelated ones.
  assert.match(city.verifyCode, /^[0-9A-F]{12}$/);
  assert.notEqual(city.verifyCode, county.verifyCode);
});

test('seal keys are rotated only within the admin’s scope; a refused rotation leaves the key in place', async () => {
  const active = async () =>
    (
      await queryRows<{ id: number }>(cast.t.database.db, sql`SELECT id::int AS id FROM seal_key WHERE department_id = ${cityMarket} AND status = 'active'`)
    ).map((r) => Number(r.id));
  const before = await active();
  assert.equal(errorCode(await call('admin.sx', 'POST', '/api/seal-keys', { departmentId: cityMarket })), 'AUTH_FORBIDDEN');
  assert.deepEqual(await active(), before);
});

test('the register lists the licences of the departments in the officer’s scope, filtered, a person masked and a company in full', async () => {
  const person = { kind: 'person' as const, name: '欧阳小明', idNumber: '11010519491231002X' };
  const personType = await freshType([sxMarket], sxMarket);
  await cast.t.database.db.execute(sql`UPDATE license_type SET holder_kind = 'person' WHERE code = ${personType.code}`);
  const own = await cast.t.database.db.transaction((tx) =>
    issueLicense(tx, ctx, { typeCode: personType.code, departmentId: sxMarket, holder: person, data: { 名称: '个人' } }),
  );
  type Page = { items: { identifier: string; holder: string; holderId: string | null; holderKind: string; status: string }[]; total: number };
  const list = async (actor: string, query = '') => {
    const res = await call(actor, 'GET', `/api/licenses/register${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Page;
  };
  const ids = (p: Page) => p.items.map((i) => i.identifier);

  // 濉溪县's reviewer sees the county's licences, never the city's; the city's reviewer the reverse; 相山区's neither.
  const sx = await list('reviewer.sx', '?pageSize=200');
  assert.ok(ids(sx).includes(county.identifier) && ids(sx).includes(own.identifier));
  assert.ok(!ids(sx).includes(city.identifier));
  const cityList = await list('reviewer', '?pageSize=200');
  assert.ok(ids(cityList).includes(city.identifier) && !ids(cityList).includes(county.identifier));
  assert.ok(!ids(await list('reviewer.xs', '?pageSize=200')).includes(county.identifier));

  // A person is masked in the list, a company shown in full (a public register).
  const mine = sx.items.find((i) => i.identifier === own.identifier)!;
  assert.deepEqual([mine.holderKind, mine.holderId], ['person', '110105********002X']);
  assert.match(mine.holder, /^欧\*+$/);
  assert.doesNotMatch(JSON.stringify(sx), /11010519491231002X|阳小明/);
  const company = cityList.items.find((i) => i.identifier === city.identifier)!;
  assert.deepEqual([company.holder, company.holderId], ['淮北市相山区味道餐饮有限公司', DEMO_COMPANY_USCC]);

  // Filters: type, holder by name or by full ID number, issue dates, status; paging counts the whole match.
  assert.deepEqual(ids(await list('reviewer.sx', `?typeCode=${personType.code}`)), [own.identifier]);
  assert.deepEqual(ids(await list('reviewer.sx', `?holder=${encodeURIComponent('欧阳')}`)), [own.identifier]);
  assert.deepEqual(ids(await list('reviewer.sx', '?holder=11010519491231002x')), [own.identifier]);
  assert.equal((await list('reviewer.sx', `?holder=${encodeURIComponent('欧阳')}&issuedTo=2000-01-01`)).total, 0);
  assert.equal((await list('reviewer.sx', `?typeCode=${personType.code}&issuedFrom=${today()}&issuedTo=${today()}`)).total, 1);
  await cast.t.database.db.transaction((tx) => changeLicenseStatus(tx, ctx, own.identifier, 'suspend', { reason: '测试' }));
  assert.deepEqual(ids(await list('reviewer.sx', `?typeCode=${personType.code}&status=suspended`)), [own.identifier]);
  assert.equal((await list('reviewer.sx', `?typeCode=${personType.code}&status=valid`)).total, 0);
  const paged = await list('reviewer.sx', '?pageSize=1&page=2');
  assert.equal(paged.items.length, 1);
  assert.equal(paged.total, sx.total);
  assert.equal(errorCode(await call('reviewer.sx', 'GET', '/api/licenses/register?issuedFrom=2026-02-30')), 'INVALID_DATE');
});

test('the register exports to Excel with the same scope, filters and masking', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const res = await call('reviewer', 'GET', '/api/licenses/register/export');
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('证照台账')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 4), ['序号', '证照名称', '持证主体', '持证主体代码']);
  const identifiers = sheet.getColumn(10).values.slice(2).map(String);
  assert.ok(identifiers.includes(city.identifier));
  assert.ok(!identifiers.includes(county.identifier), 'the county’s licence is outside the city reviewer’s scope');
  const sx = await call('reviewer.sx', 'GET', '/api/licenses/register/export?holder=11010519491231002X');
  const wbSx = new ExcelJS.Workbook();
  await wbSx.xlsx.load(sx.rawPayload as unknown as ArrayBuffer);
  const rows = wbSx.getWorksheet('证照台账')!.getSheetValues().slice(2) as unknown[][];
  assert.ok(rows.length >= 1);
  assert.doesNotMatch(JSON.stringify(rows), /11010519491231002X|阳小明/, 'a person stays masked in the export');
});
