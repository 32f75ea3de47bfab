import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { errorCode, testApp, type TestApp } from '../../../tests/support/app.ts';
import { caseClient, idem, publishedItem } from '../../../tests/support/cases.ts';
import { queryRows } from '../../platform/db/db.ts';
import { MAX_OPEN_DRAFTS } from './cases.apply.ts';

let t: TestApp;
let item: string;
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9601', {
    form: {
      type: 'object',
      properties: {
        shopName: { type: 'string', title: '门店名称', 'x-widget': 'text' },
        notes: { type: 'string', title: '备注', 'x-widget': 'textarea' },
        services: { type: 'array', title: '经营项目', 'x-widget': 'checkbox', items: { type: 'string', enum: ['热食', '冷食'] } },
      },
      required: ['shopName'],
    },
  });
});
after(() => t?.close());

const tokens = new Map<string, string>();
const as = async (user: string) => {
  if (!tokens.has(user)) tokens.set(user, await t.login(user));
  return caseClient(t, tokens.get(user)!);
};

async function draft(user: string, formData: Record<string, unknown> = { shopName: '味道小馆' }) {
  return (await as(user)).call('POST', '/api/cases', { implementationCode: item, formData }, idem());
}

const casesOf = async (username: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM service_case c JOIN app_user u ON u.id = c.owner_user_id WHERE u.username = ${username}`,
      )
    )[0].n,
  );

test('a draft holds only the fields of the item’s form, as values a field can have, and at most 64 KiB', async () => {
  const before = await casesOf('person');
  const unknown = await draft('person', { shopName: '味道小馆', somethingElse: 'x' });
  assert.equal(unknown.statusCode, 400, unknown.body);
  assert.equal(errorCode(unknown), 'CASE_FORM_INVALID');
  assert.deepEqual(
    (unknown.json() as { details: { problems: { field: string }[] } }).details.problems.map((p) => p.field),
    ['somethingElse'],
  );
  const nested = await draft('person', { shopName: { a: { b: 1 } } });
  assert.equal(errorCode(nested), 'CASE_FORM_INVALID');
  const large = await draft('person', { shopName: '味道小馆', notes: '字'.repeat(30_000) });
  assert.equal(large.statusCode, 400, large.body);
  assert.equal(errorCode(large), 'CASE_FORM_TOO_LARGE');
  assert.match((large.json() as { message: { zh: string; en: string } }).message.zh, /64 KiB/);
  assert.equal(await casesOf('person'), before, 'nothing stored');

  // A half-typed draft is fine; saving it is checked the same way.
  const ok = await draft('person', { shopName: '味道小馆', services: ['热食'], notes: '' });
  assert.equal(ok.statusCode, 201, ok.body);
  const { number, version } = ok.json() as { number: string; version: number };
  const client = await as('person');
  const save = (formData: Record<string, unknown>) => client.call('PUT', `/api/cases/${number}/draft`, { version, formData });
  assert.equal(errorCode(await save({ shopName: '味道小馆', extra: 1 })), 'CASE_FORM_INVALID');
  assert.equal(errorCode(await save({ shopName: '味道小馆', notes: 'x'.repeat(70_000) })), 'CASE_FORM_TOO_LARGE');
  assert.deepEqual((await client.get(number)).version, version, 'the draft is unchanged');
  assert.equal((await save({ shopName: '味道小馆二店' })).statusCode, 200);
});

test(`a user keeps at most ${MAX_OPEN_DRAFTS} open drafts; withdrawing one makes room, and submitting at once is not limited`, async () => {
  const numbers: string[] = [];
  for (let i = 0; i < MAX_OPEN_DRAFTS; i++) {
    const res = await draft('company');
    assert.equal(res.statusCode, 201, res.body);
    numbers.push((res.json() as { number: string }).number);
  }
  const refused = await draft('company');
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(errorCode(refused), 'CASE_DRAFT_LIMIT');
  const message = (refused.json() as { message: { zh: string; en: string } }).message;
  assert.ok(message.zh.includes('草稿') && message.en.includes('drafts'));
  assert.equal((await draft('person')).statusCode, 201, 'another user is not affected');

  const company = await as('company');
  const submittedAtOnce = await company.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' }, submit: true }, idem());
  assert.equal(submittedAtOnce.statusCode, 201, submittedAtOnce.body);
  await company.act(numbers[0], 'withdraw', { reason: '重复申请' });
  assert.equal((await draft('company')).statusCode, 201);
});
