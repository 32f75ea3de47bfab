/** Personal data is masked in every list and log (architecture.md, security model). */

/** 110101199003078515 → 110101********8515 */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** 13912345678 → 139****5678 */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Masks ID numbers and mobile numbers wherever they appear in free text (log lines, URLs). */
export function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}********${c.slice(-4)}`)
    .replace(PHONE_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
