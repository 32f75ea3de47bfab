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

test('numbers spelled with separators, country prefixes or percent-encoding are masked too', () => {
  const cases: [string, string][] = [
    ['phone +8613905611000', 'phone 139****1000'],
    ['phone 0086 139-0561-1000', 'phone 139****1000'],
    ['phone 139 0561 1000.', 'phone 139****1000.'],
    ['id 110105 19491231 002X', 'id 110105********002X'],
    ['id 110105-1949-1231-002x', 'id 110105********002x'],
    ['/api/x?id=%31%31%30%31%30%35%31%39%34%39%31%32%33%31%30%30%32%58', '/api/x?id=110105********002X'],
    ['?phone=%31%33%39%30%35%36%31%31%30%30%30', '?phone=139****1000'],
    ['/api/users?q=%2B8613811112222', '/api/users?q=138****2222'],
    ['/api/users?q=%2B86%20138-1111-2222', '/api/users?q=138****2222'],
    ['/api/users?q=138%201111%202222', '/api/users?q=138****2222'],
    ['/api/users?q=138+1111+2222', '/api/users?q=138****2222'],
    ['/api/users?q=138.1111.2222', '/api/users?q=138****2222'],
    ['/api/check/id/340621%2019900101%201232', '/api/check/id/340621********1232'],
    ['/api/check/id/340621+19900101+1232', '/api/check/id/340621********1232'],
    ['phone １３８１１１１２２２２', 'phone 138****2222'],
    ['?q=%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%92%EF%BC%92%EF%BC%92%EF%BC%92', '?q=138****2222'],
    ['id ３４０６２１１９９００１０１１２３２', 'id 340621********1232'],
  ];
  for (const [input, want] of cases) assert.equal(maskText(input), want, input);
});

test('other numbers are left alone: case numbers, digests, amounts, dates', () => {
  const line = 'case 20261206340600000123 digest a1b2c3d4e5f6110105194912310021ff amount 1390.5 on 2026-12-06 port 3000 ip 127.0.0.1 took 12.5 ms';
  assert.equal(maskText(line), line);
});
