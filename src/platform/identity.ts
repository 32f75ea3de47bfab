/**
 * Identity-number checks, pure and table-tested.
 * - 公民身份号码: GB 11643-1999 — 17 digits and an ISO 7064 MOD 11-2 check character.
 * - 统一社会信用代码 (USCC): GB 32100-2015 — 18 characters over a 31-character alphabet with a MOD 31 check
 *   character; characters 9–17 are the GB 11714 organisation code with its own MOD 11 check.
 */
export type CheckResult = { valid: true } | { valid: false; reason: string; reasonZh: string };

const invalid = (reason: string, reasonZh: string): CheckResult => ({ valid: false, reason, reasonZh });

/** Province-level codes of GB/T 2260 (the first two digits of every 公民身份号码), Hong Kong, Macao and Taiwan included. */
const PROVINCE_CODES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])$/;
export const isProvinceCode = (code2: string) => PROVINCE_CODES.test(code2);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function isValidDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * @param knownProvince decides whether the first two digits name a province of GB/T 2260. Only the province is
 *   required to be known: counties are renamed and merged, and people keep numbers issued under abolished codes.
 * @param today the date a birth date may not be after (YYYY-MM-DD).
 */
export function checkIdNumber(
  value: string,
  knownProvince: (code2: string) => boolean = isProvinceCode,
  today: string = new Date().toISOString().slice(0, 10),
): CheckResult {
  const v = value.trim().toUpperCase();
  if (v.length !== 18) return invalid(`length must be 18, got ${v.length}`, `长度应为 18 位，实为 ${v.length} 位`);
  if (!/^\d{17}[\dX]$/.test(v)) return invalid('must be 17 digits followed by a digit or X', '应为 17 位数字加 1 位数字或 X');
  if (!knownProvince(v.slice(0, 2))) return invalid(`unknown region prefix ${v.slice(0, 6)}`, `地址码 ${v.slice(0, 6)} 不存在`);
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  if (y < 1800 || !isValidDate(y, m, d)) return invalid(`invalid birth date ${v.slice(6, 14)}`, `出生日期 ${v.slice(6, 14)} 不正确`);
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (birth > today) return invalid(`birth date ${v.slice(6, 14)} is in the future`, `出生日期 ${v.slice(6, 14)} 晚于今天`);
  const expected = idNumberCheckChar(v);
  if (v[17] !== expected) return invalid(`check character should be ${expected}, got ${v[17]}`, `校验码应为 ${expected}，实为 ${v[17]}`);
  return { valid: true };
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Makes a valid USCC from a registering-authority pair, a region code and an 8-character organisation body. */
export function makeUscc(prefix2: string, region6: string, orgBody8: string): string {
  const first17 = prefix2 + region6 + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + usccCheckChar(first17);
}

export function checkUscc(value: string): CheckResult {
  const v = value.trim().toUpperCase();
  if (v.length !== 18) return invalid(`length must be 18, got ${v.length}`, `长度应为 18 位，实为 ${v.length} 位`);
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(v[i])) return invalid(`character ${v[i]} at position ${i + 1} is not allowed`, `第 ${i + 1} 位字符 ${v[i]} 不允许使用`);
  }
  if (!/^\d{6}$/.test(v.slice(2, 8))) return invalid('characters 3–8 must be a region code', '第 3–8 位应为行政区划码');
  const org = orgCodeCheckChar(v.slice(8, 16));
  if (v[16] !== org) return invalid(`organisation code check character should be ${org}, got ${v[16]}`, `组织机构代码校验码应为 ${org}，实为 ${v[16]}`);
  const expected = usccCheckChar(v);
  if (v[17] !== expected) return invalid(`check character should be ${expected}, got ${v[17]}`, `校验码应为 ${expected}，实为 ${v[17]}`);
  return { valid: true };
}
