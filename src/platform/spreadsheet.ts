/**
 * A cell value safe to export: text that a spreadsheet would read as a formula once saved as CSV (starting with
 * = + - @, or a tab or carriage return before them) gets a leading apostrophe (OWASP "CSV injection"). Numbers and
 * dates pass unchanged.
 */
export function safeCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
