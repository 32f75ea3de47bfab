import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskIdNumber, maskPhone, maskText } from './mask.ts';

test('ID numbers keep the region and the last four characters', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  assert.equal(maskIdNumber(null), null);
});

test('phones keep the first three and last four digits', () => {
  assert.equal(maskPhone('13905611000'), '139****1000');
});

test('free text such as a log line or URL has ID numbers and phones masked', () => {
  const line = 'GET /api/check/id/11010519491231002X?phone=13905611000&n=123';
  const masked = maskText(line);
  assert.equal(masked, 'GET /api/check/id/110105********002X?phone=139****1000&n=123');
  assert.doesNotMatch(masked, /19491231/);
});
