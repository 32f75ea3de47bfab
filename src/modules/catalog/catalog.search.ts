import { asc, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import { searchSynonym } from './catalog.schema.ts';
import { catalogErrors } from './catalog.errors.ts';
import type { ImplementationContent } from './catalog.types.ts';
import { buildTsQuery, indexTokens, type Synonyms } from './search-tokens.ts';

/**
 * Rebuilds the search snapshot of one implementation from its published version: searchable only while
 * published. Name weighs most (A), then aliases and keywords (B), then topics, base item, department, result (C).
 */
export async function refreshSearchSnapshot(tx: Db, implementationId: number): Promise<void> {
  const [row] = await queryRows<{ status: string; content: ImplementationContent | null; base_name: string; department_name: string }>(
    tx,
    sql`SELECT i.status, v.content, b.name AS base_name, d.name AS department_name
        FROM implementation i
        JOIN base_item b ON b.id = i.base_item_id
        JOIN pub_regions_department d ON d.id = i.department_id
        LEFT JOIN implementation_version v ON v.id = i.published_version_id
        WHERE i.id = ${implementationId}`,
  );
  if (!row.content || row.status !== 'published') {
    await tx.execute(sql`UPDATE implementation SET search_vector = NULL WHERE id = ${implementationId}`);
    return;
  }
  const c = row.content;
  const a = indexTokens(c.name).join(' ');
  const b = indexTokens([...c.aliases, ...c.keywords].join(' ')).join(' ');
  const cc = indexTokens([...c.topics, row.base_name, row.department_name, c.resultName].join(' ')).join(' ');
  const online = c.onlineDepth > 0 || c.handlingForms.includes('2') || c.handlingForms.includes('3');
  await tx.execute(sql`
    UPDATE implementation SET
      name = ${c.name},
      service_objects = ${`{${c.serviceObjects.join(',')}}`}::text[],
      topics = ${`{${c.topics.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`}::text[],
      is_online = ${online},
      is_fully_online = ${c.onlineDepth === 4},
      search_vector = setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${cc}), 'C')
    WHERE id = ${implementationId}`);
}

// Synonyms change rarely; each process re-reads them after five seconds, so an edit reaches every process soon.
const synonymCache = new WeakMap<Db, { at: number; map: Synonyms }>();

export async function loadSynonyms(db: Db): Promise<Synonyms> {
  const hit = synonymCache.get(db);
  if (hit && Date.now() - hit.at < 5_000) return hit.map;
  const rows = await db.select().from(searchSynonym).orderBy(asc(searchSynonym.id));
  const map = new Map<string, string[]>();
  for (const r of rows) {
    map.set(r.term, [...(map.get(r.term) ?? []), r.synonym]);
    map.set(r.synonym, [...(map.get(r.synonym) ?? []), r.term]);
  }
  synonymCache.set(db, { at: Date.now(), map });
  return map;
}

export async function listSynonyms(db: Db) {
  return db.select({ term: searchSynonym.term, synonym: searchSynonym.synonym }).from(searchSynonym).orderBy(asc(searchSynonym.id));
}

export interface SearchQuery {
  q?: string;
  regionCode?: string;
  departmentId?: number;
  itemType?: string;
  serviceObject?: string;
  topic?: string;
  online?: boolean;
  page: number;
  pageSize: number;
}

/**
 * With a query, at most this many matches are ranked and paged (S1, performance-notes): the first of them found in the
 * index among those matching in the name (weight A), then among the others. Ranking every match cost about 1 µs
 * each plus a heap page visit; a query such as 食品经营 matches 2,500 of 50,000 items. A query with more matches says
 * so (`more`): the public refines it rather than paging past 10 pages. Fewer matches are all ranked: the results are
 * those of ranking everything.
 */
export const SEARCH_CANDIDATES = 200;

/**
 * The tsquery restricted to the name (weight A): every lexeme, prefix or not, marked A. The label's colon is written
 * `~` and put back by the statement (translate), because pgbench, which runs the same statement in the benchmark,
 * reads `:A` as one of its variables; lexemes are letters and digits, never `~`.
 */
export function nameOnlyTsQuery(tsq: string): string {
  return tsq.replace(/[^\s&|!()]+/g, (lexeme) => (lexeme.endsWith(':*') ? `${lexeme.slice(0, -2)}~*A` : `${lexeme}~A`));
}

/** The two statements a search sends (count and page), so the benchmark can run the very same SQL under pgbench. */
export async function searchSql(db: Db, q: SearchQuery, candidates = SEARCH_CANDIDATES): Promise<{ count: SQL; page: SQL }> {
  const where: SQL[] = [];
  if (q.regionCode) where.push(sql`i.region_code LIKE ${prefixPattern(regionPrefix(q.regionCode))}`);
  if (q.departmentId) where.push(sql`i.department_id = ${q.departmentId}`);
  if (q.itemType) where.push(sql`i.item_type = ${q.itemType}`);
  if (q.serviceObject) where.push(sql`${q.serviceObject} = ANY(i.service_objects)`);
  if (q.topic) where.push(sql`i.topics @> ARRAY[${q.topic}]::text[]`);
  if (q.online !== undefined) where.push(sql`i.is_online = ${q.online}`);
  const columns = sql`i.code, i.name, d.name AS department, i.department_id, r.name AS region, i.region_code, i.item_type, i.is_online, i.is_fully_online, i.topics`;
  const joins = sql`JOIN pub_regions_department d ON d.id = i.department_id JOIN pub_regions_region r ON r.code = i.region_code`;
  const paging = sql`LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  if (q.q === undefined || q.q.trim() === '') {
    const cond = sql.join([sql`i.status = 'published'`, ...where], sql` AND `);
    return {
      count: sql`SELECT count(*)::int AS total, false AS more FROM implementation i WHERE ${cond}`,
      page: sql`SELECT ${columns}, 0::float8 AS score, count(*) OVER ()::int AS total, false AS more FROM implementation i ${joins} WHERE ${cond} ORDER BY i.code ${paging}`,
    };
  }
  // Only published implementations carry a search vector, so the GIN index alone decides the candidates.
  const tsq = buildTsQuery(q.q, await loadSynonyms(db));
  if (!tsq) throw catalogErrors.SEARCH_QUERY_INVALID({ q: q.q });
  const term = q.q.trim();
  const filters = where.length ? sql` AND ${sql.join(where, sql` AND `)}` : sql``;
  // MATERIALIZED: each scan is planned for all its matches (the GIN index, never a scan of the table because of a
  // LIMIT), and read only as far as the LIMIT below pulls it (a bitmap heap scan visits no page beyond), or not at
  // all: when more than `candidates` match in the name, the candidates are all name matches and there are more (the
  // name matches are among all matches), so the second scan is skipped (a one-time filter on the count; it was 40 %
  // of a broad query's time).
  const hits = sql`
    WITH matched AS MATERIALIZED (SELECT i.id FROM implementation i WHERE i.search_vector @@ to_tsquery('simple', ${tsq})${filters}),
    named AS MATERIALIZED (SELECT i.id FROM implementation i WHERE i.search_vector @@ to_tsquery('simple', translate(${nameOnlyTsQuery(tsq)}, '~', chr(58)))${filters}),
    hit AS ((SELECT id, 0 AS tier FROM named LIMIT ${candidates + 1})
            UNION ALL (SELECT id, 1 AS tier FROM matched
                       WHERE (SELECT count(*) FROM (SELECT 1 FROM named LIMIT ${candidates + 1}) n) <= ${candidates} LIMIT ${candidates + 1})),
    candidate AS (SELECT id FROM hit GROUP BY id ORDER BY min(tier), id LIMIT ${candidates}),
    more AS (SELECT count(*) FILTER (WHERE tier = 0) > ${candidates} OR count(*) FILTER (WHERE tier = 1) > ${candidates} AS more FROM hit)`;
  const rank = sql`ts_rank(i.search_vector, to_tsquery('simple', ${tsq})) + CASE WHEN i.name = ${term} THEN 1 WHEN i.name LIKE ${prefixPattern(term)} THEN 0.5 ELSE 0 END`;
  return {
    count: sql`${hits} SELECT count(*)::int AS total, (SELECT more FROM more) AS more FROM candidate`,
    // The total rides on the page (one pass over the candidates instead of two); `count` is for a page past the end.
    page: sql`${hits}
        SELECT ${columns}, (${rank})::float8 AS score, count(*) OVER ()::int AS total, (SELECT more FROM more) AS more
        FROM candidate c JOIN implementation i ON i.id = c.id ${joins}
        ORDER BY score DESC, i.code
        ${paging}`,
  };
}

/**
 * Public search over published implementations. With a query, the GIN index on the bigram tsvector answers it
 * (never a sequential scan); the candidates (SEARCH_CANDIDATES) are ranked by ts_rank with an exact-name bonus, then
 * by code. `more`: the query matches more than were ranked.
 */
export async function searchItems(db: Db, q: SearchQuery, candidates = SEARCH_CANDIDATES) {
  const statements = await searchSql(db, q, candidates);
  const items = await queryRows<{
    code: string;
    name: string;
    department: string;
    department_id: number;
    region: string;
    region_code: string;
    item_type: string;
    is_online: boolean;
    is_fully_online: boolean;
    topics: string[];
    score: number;
    total: number;
    more: boolean;
  }>(db, statements.page);
  const counted =
    items.length > 0 ? items[0] : q.page > 1 ? (await queryRows<{ total: number; more: boolean }>(db, statements.count))[0] : { total: 0, more: false };
  return {
    total: Number(counted.total),
    more: counted.more === true,
    items: items.map((r) => ({
      code: r.code,
      name: r.name,
      department: r.department,
      departmentId: Number(r.department_id),
      region: r.region,
      regionCode: r.region_code,
      itemType: r.item_type,
      online: r.is_online,
      fullyOnline: r.is_fully_online,
      topics: r.topics,
      score: Math.round(Number(r.score) * 1e4) / 1e4,
    })),
  };
}

/** The public guide (办事指南) of a published implementation, by its code. */
export async function guideByCode(db: Db, code: string) {
  const [row] = await queryRows<{
    id: number;
    code: string;
    status: string;
    version_number: number;
    published_at: string;
    content: ImplementationContent;
    base_code: string;
    base_name: string;
    item_type: string;
    use_level: string;
    department: string;
    department_uscc: string;
    region: string;
    region_code: string;
  }>(
    db,
    sql`SELECT i.id, i.code, i.status, v.number AS version_number, v.published_at, v.content, b.code AS base_code, b.name AS base_name, b.item_type, b.use_level,
               d.name AS department, d.uscc AS department_uscc, r.name AS region, r.code AS region_code
        FROM implementation i
        JOIN implementation_version v ON v.id = i.published_version_id
        JOIN base_item b ON b.id = i.base_item_id
        JOIN pub_regions_department d ON d.id = i.department_id
        JOIN pub_regions_region r ON r.code = i.region_code
        WHERE i.code = ${code} AND i.status = 'published'`,
  );
  if (!row) throw catalogErrors.IMPLEMENTATION_NOT_FOUND({ code });
  return {
    id: Number(row.id),
    code: row.code,
    versionNumber: Number(row.version_number),
    baseCode: row.base_code,
    baseName: row.base_name,
    itemType: row.item_type,
    useLevel: row.use_level,
    department: row.department,
    departmentUscc: row.department_uscc,
    region: row.region,
    regionCode: row.region_code,
    ...row.content,
  };
}

export async function replaceSynonyms(tx: Db, pairs: { term: string; synonym: string }[]) {
  await tx.delete(searchSynonym);
  const clean = pairs
    .map((p) => ({ term: p.term.trim().toLowerCase(), synonym: p.synonym.trim().toLowerCase() }))
    .filter((p) => p.term && p.synonym && p.term !== p.synonym);
  if (clean.length) await tx.insert(searchSynonym).values(clean).onConflictDoNothing();
}

/** Everyday words people type, mapped to the names guides use. Loaded once on an empty table; editable after. */
export const DEFAULT_SYNONYMS: [string, string][] = [
  ['社保卡', '社会保障卡'],
  ['社保', '社会保险'],
  ['医保', '医疗保障'],
  ['医保', '医疗保险'],
  ['身份证', '居民身份证'],
  ['户口', '户籍'],
  ['出生证', '出生医学证明'],
  ['公积金', '住房公积金'],
  ['驾照', '驾驶证'],
  ['执照', '营业执照'],
  ['开饭店', '餐饮'],
  ['卫生许可', '公共场所卫生许可'],
  // English words a reader of the English pages types (the names are Chinese): each word maps to its Chinese part.
  ['business', '营业'],
  // eslint-disable-next-line no-restricted-syntax -- a word people type, in the glossary's spelling
  ['licence', '执照'],
  ['license', '执照'],
  ['food', '食品'],
  ['restaurant', '餐饮'],
  ['birth', '出生'],
  ['tax', '税务'],
];

export async function seedSynonyms(db: Db): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_synonym`);
  if (Number(n) > 0) return 0;
  await db
    .insert(searchSynonym)
    .values(DEFAULT_SYNONYMS.map(([term, synonym]) => ({ term, synonym })))
    .onConflictDoNothing();
  return DEFAULT_SYNONYMS.length;
}

/** The topics (life events) of published items and how many items each has. */
export async function topicCounts(db: Db) {
  const rows = await queryRows<{ topic: string; count: number }>(
    db,
    sql`SELECT t AS topic, count(*)::int AS count FROM implementation i, unnest(i.topics) AS t WHERE i.status = 'published' GROUP BY t ORDER BY count(*) DESC, t`,
  );
  return rows.map((r) => ({ topic: r.topic, count: Number(r.count) }));
}
