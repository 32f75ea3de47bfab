import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormSchema } from '../../platform/forms.ts';
import { makeUscc } from '../../platform/identity.ts';
import { bindIdentity, maskLicenseNumber, prefillAnswers, type BoundApplicant } from './cases.identity.ts';

const USCC = makeUscc('91', '340603', 'MA2T0001');
const OTHER_USCC = makeUscc('91', '340603', 'MA2T0002');
const ID = '11010519491231002X';

const form = {
  type: 'object',
  properties: {
    entityName: { type: 'string', title: '单位名称', 'x-widget': 'text', 'x-bind': 'applicant.name', maxLength: 100 },
    usccCode: { type: 'string', title: '统一社会信用代码', format: 'uscc', 'x-widget': 'uscc', 'x-bind': 'applicant.uscc' },
    holderId: { type: 'string', title: '公民身份号码', format: 'cn-id-number', 'x-widget': 'id-number', 'x-bind': 'applicant.idNumber' },
    phone: { type: 'string', title: '联系电话', format: 'cn-mobile', 'x-widget': 'phone', 'x-bind': 'contact.phone' },
    legalRep: { type: 'string', title: '法定代表人', 'x-widget': 'text', maxLength: 5 },
    shopAddress: { type: 'string', title: '经营场所', 'x-widget': 'text' },
    seats: { type: 'number', title: '座位数', 'x-widget': 'number' },
    businessItems: { type: 'array', title: '经营项目', 'x-widget': 'checkbox', items: { type: 'string', enum: ['热食', '冷食'] } },
    otherUscc: { type: 'string', title: '关联单位代码', format: 'uscc', 'x-widget': 'uscc' },
  },
  required: [],
};

const company: BoundApplicant = { kind: 'organisation', name: '淮北市相山区味道餐饮有限公司', idNumber: USCC, phone: '13905611008' };
const person: BoundApplicant = { kind: 'person', name: '周小明', idNumber: ID, phone: '13905611009' };

test('identity fields are filled from the applicant; a different value is a problem, a blank or the same one is not', () => {
  const cases: [string, BoundApplicant, Record<string, unknown>, Record<string, unknown>, string[]][] = [
    ['empty: filled', company, {}, { entityName: company.name, usccCode: USCC }, []],
    ['blank: filled', company, { entityName: '  ', usccCode: '' }, { entityName: company.name, usccCode: USCC }, []],
    ['same, in small letters and spaces: the account’s spelling', company, { usccCode: ` ${USCC.toLowerCase()} ` }, { usccCode: USCC }, []],
    ['another USCC', company, { usccCode: OTHER_USCC }, { usccCode: USCC }, ['usccCode']],
    ['another name', company, { entityName: '别的公司' }, { entityName: company.name }, ['entityName']],
    ['a number where a name is', company, { entityName: 12 }, { entityName: company.name }, ['entityName']],
    // An organisation has no 公民身份号码: the field is its to fill, as any other.
    ['an organisation types an ID number', company, { holderId: ID }, { holderId: ID }, []],
    ['a person’s ID number, x in small letters', person, { holderId: ID.toLowerCase() }, { holderId: ID }, []],
    ['another ID number', person, { holderId: '110105194912310021' }, { holderId: ID }, ['holderId']],
    // A person's account has no USCC (a sole trader's is on its business licence): typed, kept.
    ['a person types a USCC', person, { usccCode: OTHER_USCC }, { usccCode: OTHER_USCC }, []],
    // Prefill and unbound fields are the applicant's.
    ['another phone, an unbound USCC', company, { phone: '13900000000', otherUscc: OTHER_USCC }, { phone: '13900000000', otherUscc: OTHER_USCC }, []],
  ];
  for (const [name, applicant, data, expected, problems] of cases) {
    const out = bindIdentity(form, applicant, data);
    for (const [k, v] of Object.entries(expected)) assert.equal(out.data[k], v, `${name}: ${k}`);
    assert.deepEqual(
      out.problems.map((p) => p.field),
      problems,
      name,
    );
  }
  // The answers given are not changed in place.
  const given = { usccCode: OTHER_USCC };
  bindIdentity(form, company, given);
  assert.equal(given.usccCode, OTHER_USCC);
});

test('a form without bindings binds nothing', () => {
  const plain = { properties: { usccCode: { type: 'string', 'x-widget': 'uscc' } } };
  assert.deepEqual(bindIdentity(plain, company, { usccCode: OTHER_USCC }), { data: { usccCode: OTHER_USCC }, problems: [] });
});

test('prefill: the account for bound fields, then licences that carry a field under its key and fit it', () => {
  const licenses = [
    { identifier: 'L-NEW', typeName: '食品经营许可证', data: { shopAddress: '人民路 88 号', seats: 'twelve', legalRep: '王味道很长的名字' } },
    {
      identifier: 'L-OLD',
      typeName: '营业执照',
      data: { shopAddress: '人民路 1 号', seats: 24, legalRep: '王味道', businessItems: ['热食', '烧烤'], usccCode: OTHER_USCC, otherUscc: OTHER_USCC },
    },
  ];
  const { formData, sources } = prefillAnswers(form, company, licenses);
  assert.deepEqual(formData, {
    entityName: company.name,
    usccCode: USCC,
    phone: '13905611008',
    // the newest licence first; a value that does not fit the field (text for a number, too long) is skipped
    shopAddress: '人民路 88 号',
    seats: 24,
    legalRep: '王味道',
  });
  // (not businessItems: a choice the field does not offer; nor otherUscc: identity numbers never come from a licence)
  const of = (field: string) => sources.find((s) => s.field === field);
  assert.deepEqual(of('usccCode'), {
    field: 'usccCode',
    from: 'account',
    readOnly: true,
    licenseIdentifier: null,
    licenseTypeName: null,
    licenseNumberMasked: null,
  });
  assert.equal(of('phone')?.readOnly, false);
  assert.deepEqual(of('seats'), {
    field: 'seats',
    from: 'license',
    readOnly: false,
    licenseIdentifier: 'L-OLD',
    licenseTypeName: '营业执照',
    licenseNumberMasked: '*-OLD',
  });
  // the organisation has no ID number: that field is not the account's
  assert.equal(of('holderId'), undefined);

  const forPerson = prefillAnswers(form, person, []);
  assert.equal(forPerson.formData.holderId, ID);
  assert.equal(forPerson.formData.usccCode, undefined);
  assert.equal(
    forPerson.sources.find((s) => s.field === 'usccCode'),
    undefined,
  );
});

test('the catalogue refuses an unknown binding or one on a field that cannot hold it', () => {
  const field = (extra: Record<string, unknown>) =>
    checkFormSchema({ type: 'object', properties: { a: { type: 'string', title: 'A', 'x-widget': 'text', ...extra } } }).map((p) => p.message);
  assert.deepEqual(field({ 'x-bind': 'applicant.name' }), []);
  assert.match(field({ 'x-bind': 'applicant.salary' }).join(), /x-bind must be one of/);
  assert.match(field({ 'x-bind': 'applicant.uscc' }).join(), /applicant\.uscc binds a uscc field/);
  assert.deepEqual(checkFormSchema(form), []);
});

test('a prefilled field names the licence by its type and its number, masked to the last four characters', () => {
  assert.equal(maskLicenseNumber('1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U'), '*******0403');
  assert.equal(maskLicenseNumber('1.2.156.3005.2.11100000000013338W011.11430000006122244L.ABCD.001.U'), '****');
  assert.equal(maskLicenseNumber('L-OLD'), '*-OLD');
});
