/**
 * User input inside a LIKE / ILIKE pattern: `%` and `_` are wildcards there, and `\` is PostgreSQL's default escape
 * character, so all three are escaped to stand for themselves. Use the helpers for the usual shapes.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern matching values that contain `text` literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A pattern matching values that start with `text` literally. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
