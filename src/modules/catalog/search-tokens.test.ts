import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTsQuery, indexTokens } from './search-tokens.ts';

test('Chinese text gives its bigrams and characters; letters and digits stay whole', () => {
  assert.deepEqual(indexTokens('社保卡'), ['社', '社保', '保', '保卡', '卡']);
  assert.deepEqual(indexTokens('ICP备案 2024'), ['icp', '备', '备案', '案', '2024']);
});

test('a query word becomes the AND of its bigrams; a 2-character word is one bigram', () => {
  assert.equal(buildTsQuery('社保'), '社保');
  assert.equal(buildTsQuery('营业执照'), '(营业 & 业执 & 执照)');
  assert.equal(buildTsQuery('餐饮 许可'), '餐饮 & 许可');
  assert.equal(buildTsQuery('证'), '证');
  assert.equal(buildTsQuery('ICP'), 'icp:*');
});

test('synonyms widen a word to any of its forms', () => {
  const synonyms = new Map([['社保卡', ['社会保障卡']]]);
  assert.equal(buildTsQuery('社保卡', synonyms), '((社保 & 保卡) | (社会 & 会保 & 保障 & 障卡))');
});

test('punctuation and quotes cannot inject tsquery syntax', () => {
  assert.equal(buildTsQuery("餐饮'&|!():*"), '餐饮');
  assert.equal(buildTsQuery('!!! ***'), undefined);
});
