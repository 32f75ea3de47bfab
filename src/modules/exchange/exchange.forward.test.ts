import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, endpointUrlProblem, MAX_ANSWER_ROWS, parseProviderAnswer, providerRequest, scalarFields, shouldRetry } from './exchange.forward.ts';

test('only an http or https address without user, password or fragment is registered', () => {
  const cases: [string, boolean][] = [
    ['http://10.1.2.3:8080/api/people', true],
    ['https://qzj.gaj.huaibei.gov.cn/rk/query?app=tb', true],
    ['ftp://10.1.2.3/people', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['http://user:pw@10.1.2.3/people', false],
    ['http://10.1.2.3/people#x', false],
    ['10.1.2.3/people', false],
  ];
  for (const [url, ok] of cases) assert.equal(endpointUrlProblem(url) === null, ok, url);
});

test('a GET is retried on a network error or a 502/503/504, at most twice; a POST never; other statuses never', () => {
  const cases: [method: 'GET' | 'POST', status: number | null, retriesDone: number, retry: boolean][] = [
    ['GET', null, 0, true],
    ['GET', 502, 0, true],
    ['GET', 503, 1, true],
    ['GET', 504, 1, true],
    ['GET', 503, 2, false],
    ['GET', 500, 0, false],
    ['GET', 404, 0, false],
    ['GET', 302, 0, false],
    ['POST', null, 0, false],
    ['POST', 503, 0, false],
  ];
  for (const [method, status, done, retry] of cases) assert.equal(shouldRetry(method, status, done), retry, `${method} ${status} after ${done}`);
  assert.deepEqual([backoffMs(0), backoffMs(1)], [100, 200]);
});

test('the key goes as the key parameter (GET query, or POST JSON body), over the registered address only', () => {
  const get = providerRequest({ baseUrl: 'http://10.1.2.3/rk?app=tb', method: 'GET', keyParam: 'sfzh', timeoutMs: 3000 }, '34060319900307123X');
  assert.equal(get.url, 'http://10.1.2.3/rk?app=tb&sfzh=34060319900307123X');
  assert.equal(get.init.body, undefined);
  const post = providerRequest({ baseUrl: 'http://10.1.2.3/rk', method: 'POST', keyParam: 'sfzh', timeoutMs: 3000 }, 'a&b=c');
  assert.equal(post.url, 'http://10.1.2.3/rk');
  assert.deepEqual(JSON.parse(String(post.init.body)), { sfzh: 'a&b=c' });
});

test('an answer is a JSON object (one row) or an array of objects (rows); anything else is refused', () => {
  assert.deepEqual(parseProviderAnswer('{"a":1}'), { rows: [{ a: 1 }] });
  assert.deepEqual(parseProviderAnswer('[{"a":1},{"a":2}]'), { rows: [{ a: 1 }, { a: 2 }] });
  assert.deepEqual(parseProviderAnswer('[]'), { rows: [] });
  for (const bad of ['not json', '1', '"x"', 'null', '[1,2]', '[{"a":1},null]', '[[{"a":1}]]']) assert.ok('error' in parseProviderAnswer(bad), bad);
  assert.ok('error' in parseProviderAnswer(JSON.stringify(Array.from({ length: MAX_ANSWER_ROWS + 1 }, () => ({ a: 1 })))));
  assert.equal(scalarFields([{ a: 1, b: 'x', c: null, d: true }], ['a', 'b', 'c', 'd', 'e']), true);
  assert.equal(scalarFields([{ a: { nested: 1 } }], ['a']), false);
  assert.equal(scalarFields([{ a: { nested: 1 } }], ['b']), true, 'a field not granted is not looked at');
});
