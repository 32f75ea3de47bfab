import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, testApp, type TestApp } from '../support/app.ts';
import { caseClient, idem, PDF, publishedItem } from '../support/cases.ts';
import { pinToday } from '../../src/platform/clock.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.ts';

// 一次性告知 (行政许可法 art. 32 (4)): the answer addresses every listed item, and the notice stays one.
let t: TestApp;
let item: string;
before(async () => {
  t = await testApp();
  item = await publishedItem(t, '340600-XK-9401');
  pinToday('2025-06-03');
});
after(async () => {
  pinToday(null);
  await t?.close();
});

const as = async (u: string) => caseClient(t, await t.login(u));

async function submitted(): Promise<string> {
  const person = await as('person');
  const res = await person.call('POST', '/api/cases', { implementationCode: item, formData: { shopName: '味道小馆' } }, idem());
  const n = (res.json() as { number: string }).number;
  assert.equal((await person.upload(n, 'application', PDF)).statusCode, 200);
  await person.call('POST', `/api/cases/${n}/materials/premises/pledge`);
  await person.act(n, 'submit');
  return n;
}

/** A case with a notice naming a material, a form field and a general remark. */
async function withNotice(): Promise<string> {
  const n = await submitted();
  await (
    await as('clerk')
  ).act(n, 'request-correction', {
    items: [
      { materialKey: 'application', note: '申请书缺少法定代表人签字' },
      { field: 'shopName', note: '门店名称须与营业执照一致' },
      { note: '请说明经营场所是否为自有房产' },
    ],
  });
  return n;
}

test('a one-click answer that fixes nothing is refused, naming every item left unanswered', async () => {
  const n = await withNotice();
  const person = await as('person');
  const bare = await person.tryAct(n, 'answer-correction', { note: '已补正' });
  assert.equal(bare.statusCode, 400, 'answers and the confirmation are required');
  const res = await person.tryAct(n, 'answer-correction', { answers: [{ item: 2, kind: 'note', note: '自有房产' }], confirmed: true });
  assert.equal(errorCode(res), 'CASE_CORRECTION_INCOMPLETE');
  assert.deepEqual(
    (res.json() as { details: { problems: { item: number }[] } }).details.problems.map((p) => p.item),
    [0, 1],
  );
  assert.equal((await person.get(n)).status, 'correction_requested');
});

test('a file answer needs a new file since the notice; an unconfirmed answer is refused', async () => {
  const n = await withNotice();
  const person = await as('person');
  const answers = [
    { item: 0, kind: 'file' },
    { item: 1, kind: 'field', value: '味道小馆（相山店）' },
    { item: 2, kind: 'note', note: '自有房产，产权证已上传' },
  ];
  const stale = await person.tryAct(n, 'answer-correction', { answers, confirmed: true });
  assert.equal(errorCode(stale), 'CASE_CORRECTION_INCOMPLETE');
  assert.deepEqual((stale.json() as { details: { problems: { item: number; reason: string }[] } }).details.problems, [
    { item: 0, reason: 'no new file since the notice' },
  ]);
  assert.equal((await person.upload(n, 'application', Buffer.concat([PDF, Buffer.from('signed')]), '申请书-已签字.pdf')).statusCode, 200);
  assert.equal((await person.tryAct(n, 'answer-correction', { answers, confirmed: false })).statusCode, 400);
  const c = await person.act(n, 'answer-correction', { answers, confirmed: true });
  assert.equal(c.status, 'submitted');
  assert.equal(c.formData.shopName, '味道小馆（相山店）', 'the field the notice named is edited by the answer');
  const answered = c.timeline.find((e) => e.type === 'correction_answered')!;
  assert.deepEqual(
    answered.data.answers?.map((a) => [a.item, a.kind]),
    [
      [0, 'file'],
      [1, 'field'],
      [2, 'note'],
    ],
  );
  assert.equal((await verifyAuditChain(t.database.db)).ok, true);
});

test('a field answer must change the field, and only a field the notice named', async () => {
  const n = await withNotice();
  const person = await as('person');
  await person.upload(n, 'application', Buffer.concat([PDF, Buffer.from('v2')]), '申请书.pdf');
  const unchanged = await person.tryAct(n, 'answer-correction', {
    answers: [
      { item: 0, kind: 'file' },
      { item: 1, kind: 'field', value: '味道小馆' },
      { item: 2, kind: 'note', note: '租赁' },
    ],
    confirmed: true,
  });
  assert.equal(errorCode(unchanged), 'CASE_CORRECTION_INCOMPLETE');
  const wrongItem = await person.tryAct(n, 'answer-correction', {
    answers: [
      { item: 0, kind: 'field', value: 'x' },
      { item: 1, kind: 'note', note: '名称无误' },
      { item: 2, kind: 'note', note: '租赁' },
    ],
    confirmed: true,
  });
  assert.equal(errorCode(wrongItem), 'CASE_CORRECTION_INCOMPLETE');
});

test('the notice stays one: a second is refused, unless it concerns what the answer brought in and says why', async () => {
  const n = await withNotice();
  const person = await as('person');
  const clerk = await as('clerk');
  await person.upload(n, 'application', Buffer.concat([PDF, Buffer.from('v3')]), '申请书.pdf');
  await person.act(n, 'answer-correction', {
    answers: [
      { item: 0, kind: 'file' },
      { item: 1, kind: 'note', note: '营业执照上即为此名称' },
      { item: 2, kind: 'note', note: '租赁，合同见附件' },
    ],
    confirmed: true,
  });
  // Something the first notice could have said: refused.
  const again = await clerk.tryAct(n, 'request-correction', { items: [{ field: 'contactPhone', note: '请填写联系电话' }], reason: '漏告' });
  assert.equal(errorCode(again), 'CASE_CORRECTION_ONCE');
  // About the new file, without a reason: refused.
  assert.equal(
    errorCode(await clerk.tryAct(n, 'request-correction', { items: [{ materialKey: 'application', note: '新上传的申请书缺页' }] })),
    'CASE_CORRECTION_ONCE',
  );
  // About the new file, with the reason: sent, and the reason is on record.
  const c = await clerk.act(n, 'request-correction', {
    items: [{ materialKey: 'application', note: '新上传的申请书缺少第2页' }],
    reason: '补正答复中新上传的申请书缺页，系答复新产生的问题',
  });
  assert.equal(c.status, 'correction_requested');
  const second = c.timeline.filter((e) => e.type === 'correction_requested').at(-1)!;
  assert.equal(second.data.further, true);
  assert.equal(second.data.reason, '补正答复中新上传的申请书缺页，系答复新产生的问题');
});

test('a notice may name only fields of the form', async () => {
  const n = await submitted();
  const res = await (await as('clerk')).tryAct(n, 'request-correction', { items: [{ field: 'nope', note: '?' }] });
  assert.equal(errorCode(res), 'CASE_CORRECTION_FIELD_UNKNOWN');
});
