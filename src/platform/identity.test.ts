import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIdNumber, checkUscc, idNumberCheckChar, makeUscc, usccCheckChar } from './identity.ts';

const provinces = new Set(['11', '34', '44', '35']);
const known = (c: string) => provinces.has(c);

test('公民身份号码: the MOD 11-2 check character, including X', () => {
  // GB 11643-1999 Appendix example
  assert.equal(idNumberCheckChar('11010519491231002'), 'X');
  assert.equal(idNumberCheckChar('44052418800101001'), '4');
});

const idCases: [string, boolean, RegExp?][] = [
  ['11010519491231002X', true],
  ['11010519491231002x', true],
  ['440524188001010014', true],
  ['110105194912310021', false, /check character should be X/],
  ['11010519491231002', false, /length must be 18/],
  ['1101051949123100AX', false, /17 digits/],
  ['990105194912310027', false, /unknown region prefix 990105/],
  ['110105194902300020', false, /invalid birth date 19490230/],
  ['110105209901010020', false, /in the future/],
];
for (const [value, valid, reason] of idCases) {
  test(`公民身份号码 ${value} is ${valid ? 'valid' : 'invalid'}`, () => {
    const result = checkIdNumber(value, known, '2026-11-22');
    assert.equal(result.valid, valid);
    if (!result.valid && reason) assert.match(result.reason, reason);
  });
}

test('统一社会信用代码: made codes pass, any changed character fails', () => {
  const code = makeUscc('11', '340600', '00300001');
  assert.deepEqual(checkUscc(code), { valid: true });
  assert.equal(usccCheckChar(code.slice(0, 17)), code[17]);
  const flipped = code.slice(0, 10) + (code[10] === '1' ? '2' : '1') + code.slice(11);
  assert.equal(checkUscc(flipped).valid, false);
});

const usccCases: [string, boolean, RegExp?][] = [
  ['91350100M000100Y43', true], // the example of GB 32100-2015
  ['91440300708461136T', true],
  ['91350100m000100y43', true],
  ['91350100M000100Y44', false, /check character should be 3/],
  ['91350100M000100Y4', false, /length must be 18/],
  ['91350100M000I00Y43', false, /character I at position 13/],
  ['913501A0M000100Y43', false, /region code/],
  ['91350100M000100X43', false, /organisation code check character/],
];
for (const [value, valid, reason] of usccCases) {
  test(`统一社会信用代码 ${value} is ${valid ? 'valid' : 'invalid'}`, () => {
    const result = checkUscc(value);
    assert.equal(result.valid, valid);
    if (!result.valid && reason) assert.match(result.reason, reason);
  });
}
