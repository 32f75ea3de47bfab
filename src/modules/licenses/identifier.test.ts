import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIdentifier, makeIdentifier, mod3736 } from './identifier.ts';

/** The check of the hybrid system: processing body and check character leaves s = 1 at the last character. */
function verifies(full: string): boolean {
  let p = 36;
  let s = 0;
  for (const ch of full) {
    s = (p + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(ch)) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return s === 1;
}

test('ISO/IEC 7064 MOD 37,36: the standard example and the checking rule', () => {
  assert.equal(mod3736('A12425GABC1234002'), 'M'); // the worked example of ISO/IEC 7064
  for (const body of ['0', 'Z', '11100000MB0000000X001', 'A12425GABC1234002']) {
    assert.ok(verifies(body + mod3736(body)), body);
    const wrong = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((c) => c !== mod3736(body))!;
    assert.ok(!verifies(body + wrong), `${body} with ${wrong}`);
  }
});

test('every single-character change of the body is caught', () => {
  const body = '11100000MB0000000X00111340600003000027L2026000001' + '1';
  const check = mod3736(body);
  for (let i = 0; i < body.length; i++) {
    const changed = body.slice(0, i) + (body[i] === '0' ? '1' : '0') + body.slice(i + 1);
    assert.notEqual(mod3736(changed), check, `position ${i}`);
  }
});

const TYPE = '11100000MB0000000X001';
const ISSUER = '11340600003000027L';

test('the reference identifier, with its three-digit version, checks', () => {
  const ref = '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U';
  assert.deepEqual(checkIdentifier(ref), {
    valid: true,
    typeCode: '11100000000013338W011',
    issuerUscc: '11430000006122244L',
    serial: '20230000403',
    version: 1,
  });
});

test('identifiers round-trip through make and check', () => {
  const id = makeIdentifier({ typeCode: TYPE, issuerUscc: ISSUER, serial: '2026000001', version: 1 });
  assert.match(id, /^1\.2\.156\.3005\.2\.11100000MB0000000X001\.11340600003000027L\.2026000001\.001\.[0-9A-Z]$/);
  assert.deepEqual(checkIdentifier(id), { valid: true, typeCode: TYPE, issuerUscc: ISSUER, serial: '2026000001', version: 1 });
});

const cases: [string, RegExp][] = [
  ['1.2.156.3005.1.x', /must start/],
  ['1.2.156.3005.2.A.B', /five parts|must have/],
  [`1.2.156.3005.2.${TYPE.slice(0, 20)}.${ISSUER}.1.1.A`, /type code/],
  [`1.2.156.3005.2.${TYPE}.${ISSUER}.2026000001.000.A`, /version/],
  [`1.2.156.3005.2.${TYPE}.${ISSUER}.2026000001.1.A`, /version/],
];
for (const [value, reason] of cases) {
  test(`malformed: ${value.slice(0, 40)}…`, () => {
    const r = checkIdentifier(value);
    assert.equal(r.valid, false);
    assert.match(!r.valid ? r.reason : '', reason);
  });
}

test('a wrong check character is named', () => {
  const id = makeIdentifier({ typeCode: TYPE, issuerUscc: ISSUER, serial: '2026000001', version: 1 });
  const wrong = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
  const r = checkIdentifier(wrong);
  assert.equal(r.valid, false);
  assert.match(!r.valid ? r.reason : '', /check character should be/);
});

test('identifiers of other platforms check whatever their serial (流水号) scheme: long, random, or short', () => {
  // A 32-character serial as a provincial platform numbers (region + year + type + sequence), 20 random characters
  // (湖北's guide) and a single digit: each with its MOD 37,36 check character, as the issuing platform computes it.
  for (const serial of ['34060020260000000000000000001234', 'K7Q2M9X4B1T8R5W3Z6N0', '7', 'A'.repeat(64)]) {
    const body = `${TYPE}${ISSUER}${serial}001`;
    const id = `1.2.156.3005.2.${TYPE}.${ISSUER}.${serial}.001.${mod3736(body)}`;
    assert.deepEqual(checkIdentifier(id), { valid: true, typeCode: TYPE, issuerUscc: ISSUER, serial, version: 1 }, serial);
    const wrong = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    assert.equal(checkIdentifier(wrong).valid, false, `${serial}: the check still binds`);
  }
  // Only the check character's alphabet limits a serial, and a length no identifier field could hold.
  for (const serial of ['2026-0001', 'A'.repeat(65), '']) {
    const r = checkIdentifier(`1.2.156.3005.2.${TYPE}.${ISSUER}.${serial}.001.A`);
    assert.equal(r.valid, false, serial);
  }
});
