/**
 * 电子证照标识: 1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<version>.<check>, the check character by
 * ISO/IEC 7064 MOD 37,36 over the concatenated parts without dots (standards.md §4). Pure, table-tested.
 */
export const IDENTIFIER_PREFIX = '1.2.156.3005.2';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The value of each character code in ALPHABET; −1 for any other (a public verification derives identifiers). */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36): the check character of `body` (0-9, A-Z). */
export function mod3736(body: string): string {
  let p = 36;
  const upper = body.toUpperCase();
  for (let i = 0; i < upper.length; i++) {
    const code = upper.charCodeAt(i);
    const v = code < 128 ? VALUE[code] : -1;
    if (v < 0) throw new RangeError(`character ${String.fromCodePoint(upper.codePointAt(i)!)} is not in 0-9A-Z`);
    let s = (p + v) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36];
}

export interface IdentifierParts {
  typeCode: string;
  issuerUscc: string;
  serial: string;
  version: number;
}

/** The version is three digits (001 …), as in the reference layout. */
export function makeIdentifier(parts: IdentifierParts): string {
  const version = String(parts.version).padStart(3, '0');
  const body = `${parts.typeCode}${parts.issuerUscc}${parts.serial}${version}`;
  return `${IDENTIFIER_PREFIX}.${parts.typeCode}.${parts.issuerUscc}.${parts.serial}.${version}.${mod3736(body)}`;
}

export type IdentifierCheck = ({ valid: true } & IdentifierParts) | { valid: false; reason: string; reasonZh: string };

export function checkIdentifier(value: string): IdentifierCheck {
  const v = value.trim().toUpperCase();
  if (!v.startsWith(`${IDENTIFIER_PREFIX}.`))
    return { valid: false, reason: `must start with ${IDENTIFIER_PREFIX}.`, reasonZh: `应以 ${IDENTIFIER_PREFIX}. 开头` };
  const parts = v.slice(IDENTIFIER_PREFIX.length + 1).split('.');
  if (parts.length !== 5)
    return {
      valid: false,
      reason: 'must have type, issuer, serial, version and check parts',
      reasonZh: '应由证照类型、签发机构、序号、版本号和校验位五部分组成',
    };
  const [typeCode, issuerUscc, serial, version, check] = parts;
  if (!/^[0-9A-Z]{18}\d{3}$/.test(typeCode))
    return { valid: false, reason: 'the type code is a USCC and 3 digits', reasonZh: '证照类型代码应为统一社会信用代码加 3 位数字' };
  if (!/^[0-9A-Z]{18}$/.test(issuerUscc)) return { valid: false, reason: 'the issuer is an 18-character USCC', reasonZh: '签发机构应为 18 位统一社会信用代码' };
  // The serial (流水号) is free-form: each platform numbers its own way (year + sequence, 20 random characters, longer
  // local schemes); only the check character's alphabet binds it.
  if (!/^[0-9A-Z]{1,64}$/.test(serial)) return { valid: false, reason: 'the serial is 1–64 letters or digits', reasonZh: '流水号应为 1–64 位字母或数字' };
  if (!/^\d{3}$/.test(version) || version === '000')
    return { valid: false, reason: 'the version is three digits from 001', reasonZh: '版本号应为 001 起的三位数字' };
  if (!/^[0-9A-Z]$/.test(check)) return { valid: false, reason: 'the check part is one character', reasonZh: '校验位应为一位字符' };
  const expected = mod3736(`${typeCode}${issuerUscc}${serial}${version}`);
  if (check !== expected)
    return { valid: false, reason: `check character should be ${expected}, got ${check}`, reasonZh: `校验位应为 ${expected}，实为 ${check}` };
  return { valid: true, typeCode, issuerUscc, serial, version: Number(version) };
}
