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

// In free text numbers come in many spellings: with spaces, dashes, dots or pluses between digits, a +86 / 0086
// prefix, percent-encoded in a URL (%31%33…, %20 and + for spaces), or in full-width digits (１３８…). The text is
// first brought to plain digits — percent escapes decoded, full-width digits folded — and the patterns allow one
// separator between any two digits. So the masked line may read differently from the input (a log needs no round trip).
const SEP = '[ .+\\-]?';
const ID_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])\\d(?:${SEP}\\d){16}${SEP}[\\dXx](?![0-9A-Za-z])`, 'g');
const PHONE_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])(?:(?:\\+|00)86${SEP})?1${SEP}[3-9](?:${SEP}\\d){9}(?![0-9A-Za-z])`, 'g');
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF38\uFF58\uFF0B\uFF0D\u3000]/g;

/** Percent escapes decoded where they form UTF-8 (a broken run stays as it is), full-width digits and signs folded. */
function plainDigits(text: string): string {
  let out = text;
  if (out.includes('%')) {
    out = out.replace(PERCENT_RUN, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
  return out.replace(FULL_WIDTH, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    if (code === 0xff0b) return '+';
    if (code === 0xff0d) return '-';
    if (code === 0xff38) return 'X';
    if (code === 0xff58) return 'x';
    return String.fromCharCode(code - 0xff10 + 48);
  });
}

/** Masks ID numbers and mobile numbers wherever they appear in free text (log lines, URLs, error messages). */
export function maskText(text: string): string {
  const plain = /[%\uFF10-\uFF19]/.test(text) ? plainDigits(text) : text;
  return plain
    .replace(ID_IN_TEXT, (m) => {
      const id = m.replace(/[ .+-]/g, '');
      return `${id.slice(0, 6)}********${id.slice(-4)}`;
    })
    .replace(PHONE_IN_TEXT, (m) => {
      const phone = m.replace(/[ .+-]/g, '').slice(-11);
      return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    });
}
