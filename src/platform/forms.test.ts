import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFormSchema, validateSubmission } from './forms.ts';
import { compileFormPattern } from './form-widgets.ts';

const form = (pattern: string) => ({
  type: 'object',
  properties: { name: { type: 'string', title: '名称', 'x-widget': 'text', maxLength: 40, pattern } },
  required: ['name'],
});

// With RE2 the check takes milliseconds; a backtracking engine tries 2^30 ways of splitting the a's and blocks the event
// loop for minutes (this test would then hang until CI stops it: a test timeout cannot interrupt synchronous code).
test('a catastrophic pattern is matched in linear time, and the submission is still checked against it', () => {
  const schema = form('^(a+)+$');
  assert.deepEqual(checkFormSchema(schema), []);
  // A backtracking engine takes about 150 s on this input; RE2 answers at once (speed is the bench's business: here the
  // check is that the engine is RE2, not RegExp, and that its answer is right).
  assert.ok(!(compileFormPattern('^(a+)+$') instanceof RegExp));
  const problems = validateSubmission(schema, { name: `${'a'.repeat(30)}b` });
  assert.deepEqual(
    problems.map((p) => p.field),
    ['name'],
  );
  assert.deepEqual(validateSubmission(schema, { name: 'aaaa' }), []);
});

test('a pattern without a linear-time match is refused when the form is defined', () => {
  for (const pattern of ['^(a)\\1$', '^(?=a)a$', '^(?<!b)a$']) {
    const problems = checkFormSchema(form(pattern));
    assert.equal(problems.length, 1, pattern);
    assert.equal(problems[0].code, 'PATTERN_UNSUPPORTED', pattern);
    assert.equal(problems[0].field, 'name');
  }
  assert.equal(checkFormSchema(form('a'.repeat(501)))[0].code, 'PATTERN_UNSUPPORTED', 'too long');
  // Also inside a checkbox's items, where the field check does not look at keys.
  const nested = {
    type: 'object',
    properties: { pick: { type: 'array', title: '选项', 'x-widget': 'checkbox', items: { type: 'string', enum: ['a'], pattern: '(x)\\1' } } },
  };
  assert.equal(checkFormSchema(nested)[0]?.code, 'PATTERN_UNSUPPORTED');
});

test('the usual JavaScript spellings of a pattern still work', () => {
  const chinese = form('^[\\u4e00-\\u9fa5]{2,10}$');
  assert.deepEqual(checkFormSchema(chinese), []);
  assert.deepEqual(validateSubmission(chinese, { name: '张三' }), []);
  assert.equal(validateSubmission(chinese, { name: 'zhang' }).length, 1);
  const code = form('^(?<area>\\d{6})-\\d{4}$');
  assert.deepEqual(checkFormSchema(code), []);
  assert.deepEqual(validateSubmission(code, { name: '340600-0001' }), []);
});

test('a stored form whose pattern RE2 refuses answers with a problem, not an exception', () => {
  const problems = validateSubmission(form('(a)\\1'), { name: 'aa' });
  assert.equal(problems.length, 1);
  assert.equal(problems[0].field, null);
});
