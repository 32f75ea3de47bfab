import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from '../../../tests/support/db.ts';
import type { Database } from '../../platform/db/db.ts';
import { seedDemo } from '../../bootstrap/demo.ts';
import { seedDemoCatalog } from '../../bootstrap/demo-catalog/index.ts';
import { nameOnlyTsQuery, SEARCH_CANDIDATES, searchItems } from './catalog.search.ts';
import { ENGLISH_EXAMPLE, POPULAR_SEARCHES } from '../../../web/src/features/home/popular.ts';

/**
 * The public search ranks a capped candidate set (S1): on the demo catalogue every query the pages offer (the home
 * page's popular terms, the placeholders' examples, the synonyms) has fewer matches than the cap, so its results are
 * exactly those of ranking every match.
 */
let database: Database;
before(async () => {
  database = await testDatabase();
  await seedDemo(database.db);
  await seedDemoCatalog(database.db);
});
after(async () => {
  await database?.close();
});

const DEMO_QUERIES = ['营业执照', '社保', '餐饮', '公积金', '户籍', '社保卡', '食品经营', '出生', '医保', '开饭店', '许可', '证', 'business'];
const EVERYTHING = 1_000_000;

test('the demo’s queries give the same results, in the same order, as ranking every match', async () => {
  for (const q of DEMO_QUERIES) {
    for (const page of [1, 2]) {
      const capped = await searchItems(database.db, { q, page, pageSize: 10 });
      const full = await searchItems(database.db, { q, page, pageSize: 10 }, EVERYTHING);
      assert.deepEqual(capped, full, `${q} page ${page}`);
      assert.equal(capped.more, false, q);
    }
  }
  // The top results the demo shows, spelled out (a change of ranking shows here first).
  const top = async (q: string) => (await searchItems(database.db, { q, page: 1, pageSize: 3 })).items.map((i) => i.name);
  assert.equal((await top('社保卡'))[0], '社会保障卡申领');
});

test('every search the home page offers finds items: its popular words and the English placeholder’s example', async () => {
  for (const q of [...POPULAR_SEARCHES, ENGLISH_EXAMPLE]) {
    const found = await searchItems(database.db, { q, page: 1, pageSize: 10 });
    assert.ok(found.total > 0, `${q} finds nothing`);
  }
});

test('a query with more matches than the cap ranks the name matches among the first found, and says there are more', async () => {
  const full = await searchItems(database.db, { q: '许可', page: 1, pageSize: 50 }, EVERYTHING);
  assert.ok(full.total > 3, `许可 matches ${full.total}`);
  const capped = await searchItems(database.db, { q: '许可', page: 1, pageSize: 50 }, 3);
  assert.equal(capped.total, 3);
  assert.equal(capped.more, true);
  assert.ok(
    capped.items.every((i) => i.name.includes('许可')),
    'name matches are the candidates first',
  );
  assert.ok(SEARCH_CANDIDATES >= 100, 'ten pages of results at least');
});

test('at the cap: all matches ranked says no more; more name matches than the cap skip the other matches and say more', async () => {
  const full = await searchItems(database.db, { q: '许可', page: 1, pageSize: 500 }, EVERYTHING);
  const named = full.items.filter((i) => i.name.includes('许可')).length;
  assert.ok(named > 2, `许可 is in ${named} names`);
  const exact = await searchItems(database.db, { q: '许可', page: 1, pageSize: 500 }, full.total);
  assert.deepEqual([exact.total, exact.more], [full.total, false], 'every match ranked: nothing more');
  const fewer = await searchItems(database.db, { q: '许可', page: 1, pageSize: 500 }, named - 1);
  assert.deepEqual([fewer.total, fewer.more], [named - 1, true], 'more name matches than the cap');
  assert.ok(fewer.items.every((i) => i.name.includes('许可')));
  if (named < full.total) {
    const justNamed = await searchItems(database.db, { q: '许可', page: 1, pageSize: 500 }, named);
    assert.deepEqual([justNamed.total, justNamed.more], [named, true], 'the name matches fill the cap; other matches remain');
  }
});

test('the name-only query marks every lexeme with weight A, prefixes too (the colon written ~ for pgbench)', () => {
  assert.equal(nameOnlyTsQuery('食品 & 品经 & (社保 | 社会 & 会保)'), '食品~A & 品经~A & (社保~A | 社会~A & 会保~A)');
  assert.equal(nameOnlyTsQuery('business:* & 营业'), 'business~*A & 营业~A');
});
