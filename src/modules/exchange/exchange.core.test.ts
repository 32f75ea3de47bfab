import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyMask,
  callChainHash,
  callRefusal,
  checkRow,
  coerceValue,
  DEMAND_REPLY_DAYS,
  DEMAND_STATUSES,
  DEMAND_TRANSITIONS,
  demandFigures,
  demandTiming,
  nextDemandStatus,
  type DemandAction,
  fieldProblems,
  keyDigest,
  nextStatus,
  p95,
  resourceCode,
  shapeForGrant,
  type CallFields,
  type GrantState,
  type ResourceField,
} from './exchange.core.ts';
import { canonicalJson, sm3Hex } from '../../platform/crypto.ts';

// 发改高技〔2017〕1272号: resource code = 分类码 (类 1 digit, 项 2, 目 3, 细目 optional) + 顺序码.
test('a resource code is the classification and the six-digit sequence; malformed parts give none', () => {
  const cases: [string, string, string | null][] = [
    ['101001', '1', '101001-000001'],
    ['10100102', '12', '10100102-000012'],
    ['001001', '1', null], // 类 starts at 1
    ['10100', '1', null], // 目 has three digits
    ['101001', '', null],
    ['101001', '1234567', null],
    ['10a001', '1', null],
  ];
  for (const [c, s, want] of cases) assert.equal(resourceCode(c, s), want, `${c}/${s}`);
});

test('the lifecycle goes draft → in review → published → retired, and back to draft only from review', () => {
  assert.equal(nextStatus('draft', 'submit'), 'in_review');
  assert.equal(nextStatus('in_review', 'publish'), 'published');
  assert.equal(nextStatus('in_review', 'return'), 'draft');
  assert.equal(nextStatus('published', 'retire'), 'retired');
  assert.equal(nextStatus('draft', 'publish'), null, 'no publishing without review');
  assert.equal(nextStatus('retired', 'publish'), null);
  assert.equal(nextStatus('published', 'submit'), null);
});

const fields: ResourceField[] = [
  { key: 'id_number', name: '公民身份号码', type: 'string', required: true },
  { key: 'age', name: '年龄', type: 'integer', required: false },
  { key: 'amount', name: '金额', type: 'number', required: false },
  { key: 'born', name: '出生日期', type: 'date', required: false },
  { key: 'alive', name: '是否在世', type: 'boolean', required: false },
];

test('a field list needs unique lower-case keys and a required key field among them', () => {
  assert.deepEqual(fieldProblems(fields, 'id_number'), []);
  assert.ok(fieldProblems(fields, 'name').some((p) => p.at === 'keyField'));
  assert.ok(fieldProblems(fields, 'age').some((p) => /required/.test(p.message)));
  assert.ok(fieldProblems([...fields, fields[0]], 'id_number').some((p) => /twice/.test(p.message)));
  assert.ok(fieldProblems([{ ...fields[0], key: 'ID' }], 'ID').length > 0);
  assert.ok(fieldProblems([], 'x').length > 0);
});

test('values are brought to their field type, or refused with the field named', () => {
  assert.deepEqual(coerceValue(fields[1], '42'), { value: 42 });
  assert.deepEqual(coerceValue(fields[1], '4.2'), { error: 'age is not an integer' });
  assert.deepEqual(coerceValue(fields[2], '-3.50'), { value: -3.5 });
  assert.deepEqual(coerceValue(fields[3], '2024-02-29'), { value: '2024-02-29' });
  assert.deepEqual(coerceValue(fields[3], '2023-02-29'), { error: 'born: no such date' });
  assert.deepEqual(coerceValue(fields[4], '是'), { value: true });
  assert.deepEqual(coerceValue(fields[4], 'maybe'), { error: 'alive is not true/false' });
  assert.deepEqual(coerceValue(fields[0], ''), { error: 'id_number is required' });
  assert.deepEqual(coerceValue(fields[1], ''), { value: null });
});

test('a row with an unknown column or a bad value is refused with every problem; a good row comes out typed', () => {
  assert.deepEqual(checkRow(fields, { id_number: '1', age: '3' }), { data: { id_number: '1', age: 3, amount: null, born: null, alive: null } });
  const bad = checkRow(fields, { id_number: '', age: 'x', extra: 1 });
  assert.ok('errors' in bad);
  assert.deepEqual(bad.errors, ['unknown column extra', 'id_number is required', 'age is not an integer']);
});

test('masks hide what the grant says: ID numbers and phones as the platform masks them, names but the surname', () => {
  assert.equal(applyMask('id_number', '340603199003071234'), '340603********1234');
  assert.equal(applyMask('phone', '13905612000'), '139****2000');
  assert.equal(applyMask('name', '张三丰'), '张**');
  assert.equal(applyMask('partial', '安徽省淮北市相山区'), '安徽*****山区');
  assert.equal(applyMask('partial', '12345678'), '12****78');
  assert.equal(applyMask('full', 'anything'), '***');
  assert.equal(applyMask('none', 'x'), 'x');
  assert.equal(applyMask('full', null), null);
});

test('only the granted fields leave, each through its mask', () => {
  const row = { id_number: '340603199003071234', name: '张三', phone: '13905612000', address: '人民路1号' };
  assert.deepEqual(shapeForGrant(row, ['id_number', 'name'], { id_number: 'id_number' }), { id_number: '340603********1234', name: '张三' });
});

test('a call is refused outside its grant: another resource, revoked, pending, retired resource, before or after the period', () => {
  const g: GrantState = { status: 'granted', periodFrom: '2026-01-01', periodTo: '2026-12-31', resourceId: 7, resourceStatus: 'published' };
  assert.equal(callRefusal(g, 7, '2026-06-01'), null);
  assert.equal(callRefusal(g, 8, '2026-06-01'), 'EXCHANGE_CALL_OUTSIDE_GRANT');
  assert.equal(callRefusal({ ...g, status: 'revoked' }, 7, '2026-06-01'), 'EXCHANGE_GRANT_REVOKED');
  assert.equal(callRefusal({ ...g, status: 'pending' }, 7, '2026-06-01'), 'EXCHANGE_CALL_OUTSIDE_GRANT');
  assert.equal(callRefusal({ ...g, resourceStatus: 'retired' }, 7, '2026-06-01'), 'EXCHANGE_CALL_OUTSIDE_GRANT');
  assert.equal(callRefusal(g, 7, '2025-12-31'), 'EXCHANGE_GRANT_EXPIRED');
  assert.equal(callRefusal(g, 7, '2027-01-01'), 'EXCHANGE_GRANT_EXPIRED');
  assert.equal(callRefusal(g, 7, '2026-12-31'), null, 'the last day is in');
});

test('the log keeps a digest of the keys, never the key', () => {
  const d = keyDigest({ key: '340603199003071234' });
  assert.match(d, /^[0-9a-f]{64}$/);
  assert.ok(!d.includes('340603'));
  assert.equal(d, keyDigest({ key: '340603199003071234' }));
  assert.notEqual(d, keyDigest({ key: '340603199003071235' }));
});

test('the call chain changes when any field of a call or the link before it changes', () => {
  const call: CallFields = {
    id: 1,
    atUs: '2026-12-07T01:02:03.456789Z',
    consumerDepartmentId: 2,
    providerDepartmentId: 3,
    grantId: 4,
    tokenId: 5,
    resourceId: 6,
    resourceCode: '101001-000001',
    purpose: '核验',
    keyDigest: 'ab',
    status: 200,
    code: 'OK',
    rowsOut: 1,
    bytesOut: 100,
    durationUs: 900,
    providerStatus: null,
    providerUs: null,
  };
  const h = callChainHash('0'.repeat(64), call, 'mac');
  assert.notEqual(callChainHash('0'.repeat(64), { ...call, rowsOut: 2 }, 'mac'), h);
  assert.notEqual(callChainHash('0'.repeat(64), { ...call, status: 403 }, 'mac'), h);
  assert.notEqual(callChainHash('1'.repeat(64), call, 'mac'), h);
  assert.notEqual(callChainHash('0'.repeat(64), call, 'other'), h);
  assert.equal(callChainHash('0'.repeat(64), { ...call }, 'mac'), h);
});

test('a forwarded call hashes its provider status and time; a call that was not hashes as calls did before migration 0052', () => {
  const call: CallFields = {
    id: 7,
    atUs: '2026-12-07T01:02:03.456789Z',
    consumerDepartmentId: 2,
    providerDepartmentId: 3,
    grantId: 4,
    tokenId: 5,
    resourceId: 6,
    resourceCode: '101001-000001',
    purpose: '核验',
    keyDigest: 'ab',
    status: 200,
    code: 'OK',
    rowsOut: 1,
    bytesOut: 100,
    durationUs: 900,
    providerStatus: null,
    providerUs: null,
  };
  const { id, providerStatus: _s, providerUs: _u, ...rest } = call;
  // The link as exchange.calls.ts wrote it before the provider's columns existed.
  const before = sm3Hex('0'.repeat(64) + canonicalJson([id, 'exchange-call', ...Object.values(rest), 'mac']));
  assert.equal(callChainHash('0'.repeat(64), call, 'mac'), before, 'links written before still verify');
  const forwarded = { ...call, providerStatus: 200, providerUs: 1500 };
  const h = callChainHash('0'.repeat(64), forwarded, 'mac');
  assert.notEqual(h, before);
  for (const altered of [
    { ...forwarded, providerStatus: 503 },
    { ...forwarded, providerUs: 1501 },
    { ...forwarded, providerStatus: null },
    { ...forwarded, providerStatus: null, providerUs: null },
  ])
    assert.notEqual(callChainHash('0'.repeat(64), altered, 'mac'), h, JSON.stringify(altered));
  // A provider status or time given afterwards to a call that was not forwarded changes its link too.
  assert.notEqual(callChainHash('0'.repeat(64), { ...call, providerUs: 0 }, 'mac'), before);
  assert.notEqual(callChainHash('0'.repeat(64), { ...call, providerStatus: 200 }, 'mac'), before);
});

test('p95 is the nearest-rank 95th percentile', () => {
  assert.equal(p95([]), null);
  assert.equal(p95([5]), 5);
  assert.equal(p95(Array.from({ length: 100 }, (_, i) => i + 1)), 95);
  assert.equal(p95(Array.from({ length: 20 }, (_, i) => 20 - i)), 19);
});

// 数据需求: the lifecycle in one table, the reply clock and the figures.
test('a demand is accepted or refused once; an accepted one is linked and fulfilled; a published resource fulfils it at once', () => {
  const cases: [(typeof DEMAND_STATUSES)[number], DemandAction, boolean, string | null][] = [
    ['filed', 'accept', false, 'accepted'],
    ['filed', 'accept', true, 'fulfilled'], // the resource named is already published
    ['filed', 'refuse', false, 'refused'],
    ['filed', 'link', false, null], // only an accepted demand is linked
    ['filed', 'fulfil', false, null],
    ['accepted', 'link', false, 'accepted'],
    ['accepted', 'link', true, 'fulfilled'],
    ['accepted', 'fulfil', false, 'fulfilled'],
    ['accepted', 'accept', false, null], // answered once
    ['accepted', 'refuse', false, null],
    ['refused', 'accept', false, null],
    ['refused', 'link', false, null],
    ['fulfilled', 'link', false, null],
    ['fulfilled', 'refuse', false, null],
  ];
  for (const [from, action, published, want] of cases) assert.equal(nextDemandStatus(from, action, published), want, `${from} ${action} ${published}`);
  // Every status but the final ones leads somewhere; nothing leads back to filed.
  const reachable = new Set(Object.values(DEMAND_TRANSITIONS).map((t) => t.to));
  assert.ok(!reachable.has('filed' as never));
});

test('a demand is due in the ten working days of a conditional request (国发〔2016〕51号 Art. 14)', () => {
  assert.equal(DEMAND_REPLY_DAYS, 10);
});

test('a demand answered by its due date is on time, after it late; unanswered past it overdue', () => {
  const cases: [string, string | null, string, string][] = [
    ['2026-05-15', '2026-05-15', '2026-06-01', 'on_time'], // the last day counts
    ['2026-05-15', '2026-05-10', '2026-06-01', 'on_time'],
    ['2026-05-15', '2026-05-18', '2026-06-01', 'late'],
    ['2026-05-15', null, '2026-05-15', 'open'],
    ['2026-05-15', null, '2026-05-16', 'overdue'],
  ];
  for (const [due, answered, today, want] of cases) assert.equal(demandTiming(due, answered, today), want, `${due} ${answered} ${today}`);
});

test('the figures count filed, answered on time, fulfilled, refused and overdue demands, with their rates', () => {
  const d = (status: (typeof DEMAND_STATUSES)[number], answeredOn: string | null, dueDate = '2026-05-15') => ({ status, dueDate, answeredOn });
  const figures = demandFigures(
    [d('fulfilled', '2026-05-10'), d('accepted', '2026-05-20'), d('refused', '2026-05-15'), d('filed', null), d('filed', null, '2026-06-30')],
    '2026-06-01',
  );
  assert.deepEqual(figures, {
    filed: 5,
    answered: 3,
    answeredOnTime: 2,
    accepted: 2,
    refused: 1,
    fulfilled: 1,
    overdue: 1,
    onTimeRate: 2 / 3,
    fulfilledRate: 1 / 5,
  });
  assert.deepEqual(demandFigures([], '2026-06-01').onTimeRate, null);
});
