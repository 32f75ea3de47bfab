import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsPattern, escapeLike, prefixPattern } from './like.ts';

test('LIKE wildcards and the escape character in user input stand for themselves', () => {
  assert.equal(escapeLike('100%_a\\b'), '100\\%\\_a\\\\b');
  assert.equal(containsPattern('%'), '%\\%%');
  assert.equal(prefixPattern('a_'), 'a\\_%');
  assert.equal(escapeLike('食品经营'), '食品经营');
});
