import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { makeUscc } from '../../platform/identity.ts';
import { createLicenseType } from '../licenses/index.ts';
import { DEMO_COMPANY_USCC } from '../../bootstrap/demo.ts';

/**
 * 统一社会信用代码 and names on a form are the applicant's account's (x-bind): typed otherwise, refused with
 * CASE_IDENTITY_MISMATCH, for the company itself and for an agent filing under the company's mandate; the licence
 * issued on the grant seals the account's USCC, whatever a form from before the binding held.
 */
let t: TestApp;
let item: string;
let companyId: number;
const COMPANY = '淮北市相山区味道餐饮有限公司';
const OTHER_USCC = makeUscc('91', '340603', 'MA2T0099');
// A licence type of its own that seals the USCC the form gives (the demo types leave identity numbers out).
const TYPE = `${makeUscc('11', '100000', '00002010')}931`;

before(async () => {
  t = await testApp();
  const market = ((await t.app.inject({ method: 'GET', url: '/api/departments?q=淮北市市场监督管理局' })).json() as { items: { id: number }[] }).items[0].id;
  await t.database.db.transaction((tx) =>
    createLicenseType(tx, systemContext('test'), {
      code: TYPE,
      name: '测试经营许可证',
      definingBodyName: '国家市场监督管理总局',
      holderKind: 'organisation',
      validityYears: 5,
      validityBasis: '测试',
      fields: [
        { key: 'entityName', label: '经营者名称', sealed: true },
        { key: 'usccCode', label: '统一社会信用代码', sealed: true },
        { key: 'shopAddress', label: '经营场所', sealed: true },
      ],
      issuers: [market],
    }),
  );
  item = await publishedItem(t, '340600-XK-9701', {
    resultType: 'license',
    resultLicenseTypeCode: TYPE,
    serviceObjects: ['2'],
    form: {
      type: 'object',
      properties: {
        entityName: { type: 'string', title: '单位名称', 'x-widget': 'text', 'x-bind': 'applicant.name' },
        usccCode: { type: 'string', title: '统一社会信用代码', format: 'uscc', 'x-widget': 'uscc', 'x-bind': 'applicant.uscc' },
        phone: { type: 'string', title: '联系人手机', format: 'cn-mobile', 'x-widget': 'phone', 'x-bind': 'contact.phone' },
        shopAddress: { type: 'string', title: '经营场所', 'x-widget': 'text' },
      },
      required: ['entityName', 'usccCode', 'shopAddress'],
    },
  });
  [{ id: companyId }] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM app_user WHERE username = 'company'`);
});
after(() => t?.close());

const tokens = new Map<string, string>();
const as = async (user: string) => {
  if (!tokens.has(user)) tokens.set(user, await t.login(user));
  return caseClient(t, tokens.get(user)!);
};
const apply = async (user: string, formData: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  (await as(user)).call('POST', '/api/cases', { implementationCode: item, formData, ...extra }, idem());
const problemsOf = (body: string) => (JSON.parse(body) as { details: { problems: { field: string }[] } }).details.problems.map((p) => p.field);
const numberOf = (res: { statusCode: number; body: string }) => {
  assert.equal(res.statusCode, 201, res.body);
  return (JSON.parse(res.body) as { number: string }).number;
};

/** Uploads the application and pledges the premises (the draft's required materials). */
async function supply(owner: string, number: string) {
  const o = await as(owner);
  assert.equal((await o.upload(number, 'application', PDF)).statusCode, 200);
  assert.equal((await o.call('POST', `/api/cases/${number}/materials/premises/pledge`)).statusCode, 200);
}

/** Supplies a draft's materials and submits it, accepts it and passes every step: the licence is issued. Its row. */
async function grant(owner: string, number: string) {
  const o = await as(owner);
  if ((await o.get(number)).status === 'draft') {
    await supply(owner, number);
    await o.act(number, 'submit');
  }
  await (await as('clerk')).act(number, 'accept');
  const reviewer = await as('reviewer');
  while ((await reviewer.get(number)).status === 'in_review') {
    await reviewer.act(number, 'claim');
    await reviewer.act(number, 'complete-step', { result: 'pass', opinion: '同意' });
  }
  // The holder's wallet shows the licence as sealed (an organisation's USCC in full).
  const wallet = (await (await as('company')).call('GET', '/api/licenses/mine')).json() as { items: License[] };
  const l = wallet.items.find((x) => x.caseNumber === number);
  assert.ok(l, `a licence for ${number}`);
  return l;
}
type License = { identifier: string; caseNumber: string | null; holderIdNumberMasked: string; data: Record<string, unknown>; typeName: string | null };

test('the company: a typed USCC or name that is not its own is refused; blank ones are filled from the account', async () => {
  const typed = await apply('company', { entityName: COMPANY, usccCode: OTHER_USCC, shopAddress: '人民路 1 号' });
  assert.equal(typed.statusCode, 400, typed.body);
  assert.equal(errorCode(typed), 'CASE_IDENTITY_MISMATCH');
  assert.deepEqual(problemsOf(typed.body), ['usccCode']);
  const named = await apply('company', { entityName: '别的餐饮有限公司', shopAddress: '人民路 1 号' }, { submit: true });
  assert.equal(errorCode(named), 'CASE_IDENTITY_MISMATCH');
  assert.deepEqual(problemsOf(named.body), ['entityName']);

  // Its own USCC in small letters is its own; left out, it is filled in.
  const own = numberOf(await apply('company', { usccCode: DEMO_COMPANY_USCC.toLowerCase(), shopAddress: '人民路 1 号' }));
  const draft = await (await as('company')).get(own);
  assert.equal(draft.formData.usccCode, DEMO_COMPANY_USCC);
  assert.equal(draft.formData.entityName, COMPANY);

  // Saving the draft with another USCC is refused and changes nothing.
  const saved = await (
    await as('company')
  ).call('PUT', `/api/cases/${own}/draft`, {
    version: draft.version,
    formData: { ...draft.formData, usccCode: OTHER_USCC },
  });
  assert.equal(errorCode(saved), 'CASE_IDENTITY_MISMATCH');
  const after = await (await as('company')).get(own);
  assert.equal(after.version, draft.version);
  assert.equal(after.formData.usccCode, DEMO_COMPANY_USCC);

  // Granted: the licence seals the account's USCC and name.
  const l = await grant('company', own);
  assert.equal(l.holderIdNumberMasked, DEMO_COMPANY_USCC);
  assert.equal(l.data.usccCode, DEMO_COMPANY_USCC);
  assert.equal(l.data.entityName, COMPANY);
  assert.doesNotMatch(JSON.stringify(l), new RegExp(OTHER_USCC));
});

test('an agent under the company’s mandate: the identity fields are the principal’s, never the agent’s typing', async () => {
  const principal = { principalUserId: companyId };
  const typed = await apply('agent', { usccCode: OTHER_USCC, shopAddress: '人民路 2 号' }, principal);
  assert.equal(typed.statusCode, 400, typed.body);
  assert.equal(errorCode(typed), 'CASE_IDENTITY_MISMATCH');
  const agentName = await apply('agent', { entityName: '吴代办', shopAddress: '人民路 2 号' }, principal);
  assert.equal(errorCode(agentName), 'CASE_IDENTITY_MISMATCH');

  const n = numberOf(await apply('agent', { shopAddress: '人民路 2 号' }, principal));
  const seen = await (await as('agent')).get(n);
  assert.equal(seen.formData.entityName, COMPANY);
  assert.equal(seen.formData.usccCode, DEMO_COMPANY_USCC);
  const l = await grant('agent', n);
  assert.equal(l.holderIdNumberMasked, DEMO_COMPANY_USCC);
  assert.equal(l.data.usccCode, DEMO_COMPANY_USCC);
});

test('a form kept from before the binding: submitting it is refused, and a case already submitted seals the account’s USCC', async () => {
  const company = await as('company');
  const draft = numberOf(await apply('company', { shopAddress: '人民路 3 号' }));
  const submitted = numberOf(await apply('company', { shopAddress: '人民路 4 号' }));
  // What a draft held before identity fields were bound: a typed USCC, straight into the row.
  for (const n of [draft, submitted]) {
    await supply('company', n);
    await t.database.db.execute(sql`UPDATE service_case SET form_data = form_data || ${JSON.stringify({ usccCode: OTHER_USCC })}::jsonb WHERE number = ${n}`);
  }
  const refused = await company.tryAct(draft, 'submit');
  assert.equal(errorCode(refused), 'CASE_IDENTITY_MISMATCH');

  // Submitted with it (as it could be before), then granted: the seal carries the account's USCC.
  await t.database.db.execute(sql`UPDATE service_case SET status = 'submitted', received_on = current_date, received_at = now() WHERE number = ${submitted}`);
  const l = await grant('company', submitted);
  assert.equal(l.data.usccCode, DEMO_COMPANY_USCC);
  assert.doesNotMatch(JSON.stringify(l), new RegExp(OTHER_USCC));
});

test('prefill: identity read-only from the account, the phone from the profile, other fields from the holder’s valid licences', async () => {
  const get = async (user: string, query: string) =>
    t.app.inject({ method: 'GET', url: `/api/cases/prefill?implementationCode=${item}${query}`, headers: bearer(tokens.get(user) ?? (await t.login(user))) });
  const mine = await get('company', '');
  assert.equal(mine.statusCode, 200, mine.body);
  const body = mine.json() as {
    applicant: { kind: string; name: string };
    formData: Record<string, unknown>;
    sources: { field: string; from: string; readOnly: boolean; licenseIdentifier: string | null; licenseNumberMasked: string | null }[];
  };
  assert.deepEqual(body.applicant, { kind: 'organisation', name: COMPANY });
  assert.equal(body.formData.usccCode, DEMO_COMPANY_USCC);
  assert.equal(body.formData.entityName, COMPANY);
  const [{ phone }] = await queryRows<{ phone: string }>(t.database.db, sql`SELECT phone FROM app_user WHERE username = 'company'`);
  assert.equal(body.formData.phone, phone);
  const of = (f: string) => body.sources.find((s) => s.field === f);
  assert.equal(of('usccCode')?.readOnly, true);
  assert.equal(of('phone')?.readOnly, false);
  // The company's licences of the earlier tests carry 经营场所: the newest one's is offered, editable.
  const wallet = (await (await as('company')).call('GET', '/api/licenses/mine')).json() as { items: License[] };
  const newest = wallet.items.find((l) => l.typeName === '测试经营许可证')!;
  assert.equal(body.formData.shopAddress, newest.data.shopAddress);
  assert.deepEqual(of('shopAddress'), {
    field: 'shopAddress',
    from: 'license',
    readOnly: false,
    licenseIdentifier: newest.identifier,
    licenseTypeName: '测试经营许可证',
    licenseNumberMasked: `${'*'.repeat(Math.min(newest.identifier.split('.')[7].length - 4, 8))}${newest.identifier.split('.')[7].slice(-4)}`,
  });
  assert.ok(!of('shopAddress')!.licenseNumberMasked!.includes(newest.identifier.split('.')[7]), 'the number is masked');

  // The agent: the principal's identity, its own phone, and no licence data.
  const agent = await get('agent', `&principalUserId=${companyId}`);
  assert.equal(agent.statusCode, 200, agent.body);
  const forAgent = agent.json() as typeof body;
  assert.equal(forAgent.formData.usccCode, DEMO_COMPANY_USCC);
  assert.equal(forAgent.formData.shopAddress, undefined);
  const [{ phone: agentPhone }] = await queryRows<{ phone: string }>(t.database.db, sql`SELECT phone FROM app_user WHERE username = 'agent'`);
  assert.equal(forAgent.formData.phone, agentPhone);
  assert.equal(errorCode(await get('agent', '')), 'MANDATE_PRINCIPAL_REQUIRED');
  assert.equal(errorCode(await get('agent', '&principalUserId=abc')), 'VALIDATION_FAILED');
  const unknown = await t.app.inject({ method: 'GET', url: '/api/cases/prefill?implementationCode=NOPE-1', headers: bearer(tokens.get('company')!) });
  assert.equal(errorCode(unknown), 'CASE_IMPLEMENTATION_UNAVAILABLE');
});
