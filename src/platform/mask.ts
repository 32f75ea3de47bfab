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

// In free text numbers come in many spellings: with spaces or dashes between digits, a +86 / 0086 prefix, or
// percent-encoded digits in a URL (%31%33…). The patterns allow one separator between any two digits; percent-encoded
// digits are decoded first, so the masked line may read differently from the input (a log needs no round trip).
const SEP = '[ \\-]?';
const ID_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])\\d(?:${SEP}\\d){16}${SEP}[\\dXx](?![0-9A-Za-z])`, 'g');
const PHONE_IN_TEXT = new RegExp(`(?<![0-9A-Za-z+])(?:(?:\\+|00)86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}(?![0-9A-Za-z])`, 'g');
const ENCODED_DIGIT = /%3([0-9])|%(58|78)/gi;

/** Masks ID numbers and mobile numbers wherever they appear in free text (log lines, URLs, error messages). */
export function maskText(text: string): string {
  const plain = text.includes('%') ? text.replace(ENCODED_DIGIT, (_m, d: string | undefined, x: string | undefined) => (d !== undefined ? d : x === '58' ? 'X' : 'x')) : text;
  return plain
    .replace(ID_IN_TEXT, (m) => {
      const id = m.replace(/[ -]/g, '');
      return `${id.slice(0, 6)}********${id.slice(-4)}`;
    })
    .replace(PHONE_IN_TEXT, (m) => {
      const digits = m.replace(/[ +-]/g, '');
      const phone = digits.slice(-11);
      return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    });
}
