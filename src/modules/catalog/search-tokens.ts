/**
 * Chinese search without a dictionary: text is cut into runs of CJK characters and runs of letters/digits; a CJK
 * run gives its character bigrams and unigrams, a letter run gives itself. Stored as a `simple` tsvector under a
 * GIN index, the same on PGlite and PostgreSQL (stack-notes.md §5). A 2-character term such as 社保 is one bigram.
 */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}+$/u;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Lexemes of a text for the index. */
export function indexTokens(text: string): string[] {
  const out = new Set<string>();
  for (const run of normalise(text).match(RUN) ?? []) {
    if (HAN.test(run)) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        out.add(chars[i]);
        if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
      }
    } else {
      out.add(run);
    }
  }
  return [...out];
}

/** One query word as the lexemes that must all match (bigrams of a CJK run; a letter run as a prefix). */
function wordClause(word: string): string[] {
  const clause: string[] = [];
  for (const run of normalise(word).match(RUN) ?? []) {
    if (HAN.test(run)) {
      const chars = [...run];
      if (chars.length === 1) clause.push(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) clause.push(chars[i] + chars[i + 1]);
    } else {
      clause.push(`${run}:*`);
    }
  }
  return [...new Set(clause)];
}

export type Synonyms = ReadonlyMap<string, readonly string[]>;

/**
 * A tsquery (for `to_tsquery('simple', …)`) of a user's query: every word must match; a word with synonyms
 * matches any of its forms (社保卡 | 社会保障卡). Returns undefined when nothing searchable is left.
 */
export function buildTsQuery(query: string, synonyms: Synonyms = new Map()): string | undefined {
  const words = normalise(query)
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const groups: string[] = [];
  for (const word of words) {
    const forms = [word, ...(synonyms.get(word) ?? [])];
    const alternatives = forms
      .map(wordClause)
      .filter((c) => c.length > 0)
      .map((c) => (c.length === 1 ? c[0] : `(${c.join(' & ')})`));
    if (alternatives.length === 0) continue;
    groups.push(alternatives.length === 1 ? alternatives[0] : `(${[...new Set(alternatives)].join(' | ')})`);
  }
  return groups.length ? groups.join(' & ') : undefined;
}
