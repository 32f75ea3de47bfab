/**
 * Region containment on GB/T 2260 codes: 340000 (province) contains 340600 (city) contains 340603 (county).
 * Pure, so the permission decision stays a pure function.
 */
export function regionPrefix(code: string): string {
  let c = code;
  while (c.length > 2 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}

export function regionContains(ancestor: string, code: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}
