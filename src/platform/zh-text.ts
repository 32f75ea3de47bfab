// Chinese running text assembled from parts: a clause that already ends in a full stop or semicolon must not gain a
// second mark when joined (“……决定。；……”).

const CLOSING = /[。；;，,、\s]+$/u;

/** Joins clauses with `separator` (default 全角分号), dropping each clause's own closing mark; empty clauses are left out. */
export function joinClauses(parts: readonly string[], separator = '；'): string {
  return parts
    .map((p) => p.trim().replace(CLOSING, ''))
    .filter((p) => p.length > 0)
    .join(separator);
}
