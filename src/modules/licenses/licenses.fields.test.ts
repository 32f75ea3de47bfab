import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldProblems, fieldsOf, isContactField, labelledData, printedValue, sealedKeys } from './licenses.fields.ts';

test('fields stored as bare keys (before migration 0025) read as sealed and printed, labelled by the key; a phone as neither', () => {
  assert.deepEqual(fieldsOf(['名称', ' 住所 ', '名称', 'phone', '']), [
    { key: '名称', label: '名称', labelEn: null, printed: true, sealed: true },
    { key: '住所', label: '住所', labelEn: null, printed: true, sealed: true },
    { key: 'phone', label: 'phone', labelEn: null, printed: false, sealed: false },
  ]);
  assert.deepEqual(fieldsOf(null), []);
});

test('a declared field keeps its labels; an unsealed one is never printed', () => {
  assert.deepEqual(fieldsOf([{ key: 'shopAddress', label: '经营场所', labelEn: 'Premises' }]), [
    { key: 'shopAddress', label: '经营场所', labelEn: 'Premises', printed: true, sealed: true },
  ]);
  assert.deepEqual(fieldsOf([{ key: 'note', label: '备注', sealed: false, printed: true }])[0], {
    key: 'note',
    label: '备注',
    labelEn: null,
    printed: false,
    sealed: false,
  });
});

const table: [string, Parameters<typeof fieldProblems>[0], ReturnType<typeof fieldProblems>][] = [
  ['a contact phone sealed', [{ key: 'phone', label: '联系人手机' }], [{ key: 'phone', problem: 'contact_sealed' }]],
  ['a phone by its label only', [{ key: 'contact', label: '联系电话', sealed: true }], [{ key: 'contact', problem: 'contact_sealed' }]],
  ['a phone printed though unsealed', [{ key: 'mobile', label: '手机', sealed: false, printed: true }], [{ key: 'mobile', problem: 'contact_sealed' }]],
  ['a phone declared as neither', [{ key: 'phone', label: '联系人手机', sealed: false, printed: false }], []],
  ['printed but not sealed', [{ key: 'seats', label: '座位数', sealed: false, printed: true }], [{ key: 'seats', problem: 'printed_unsealed' }]],
  ['a bare key (made safe by fieldsOf)', ['phone'], []],
  ['ordinary fields', [{ key: 'shopAddress', label: '经营场所' }, '名称'], []],
];
for (const [name, input, expected] of table) test(`field problems: ${name}`, () => assert.deepEqual(fieldProblems(input), expected));

test('what is sealed and shown: sealed fields in the type’s order, with labels; undeclared keys and phones never', () => {
  const fields = fieldsOf([
    { key: 'entityName', label: '经营者名称', labelEn: 'Operator' },
    { key: 'seats', label: '就餐座位数', printed: false },
    { key: 'phone', label: '联系人手机', sealed: false, printed: false },
    { key: 'businessItems', label: '经营项目' },
  ]);
  assert.deepEqual(sealedKeys(fields), ['entityName', 'seats', 'businessItems']);
  const entries = labelledData(fields, {
    businessItems: ['热食类食品制售', '冷食类食品制售'],
    phone: '13912345678',
    seats: 12,
    usccCode: 'X',
    entityName: '味道餐饮',
  });
  assert.deepEqual(
    entries.map((e) => [e.label, e.printed]),
    [
      ['经营者名称', true],
      ['就餐座位数', false],
      ['经营项目', true],
    ],
  );
  assert.doesNotMatch(JSON.stringify(entries), /13912345678|usccCode/);
  assert.equal(printedValue(entries[2].value), '热食类食品制售、冷食类食品制售');
  assert.equal(printedValue(true), '是');
  assert.ok(isContactField({ key: 'phone' }) && isContactField({ key: 'x', label: '联系电话' }) && !isContactField({ key: '经营场所' }));
});
