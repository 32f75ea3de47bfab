import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinClauses } from './zh-text.ts';

test('joinClauses never doubles punctuation where a clause ends in its own mark', () => {
  const cases: [string[], string][] = [
    [['受理责任：依法受理。', '审查责任：审查材料。'], '受理责任：依法受理；审查责任：审查材料'],
    [['缺少签字；', '缺少照片'], '缺少签字；缺少照片'],
    [['一', '', '  ', '二。 '], '一；二'],
    [[], ''],
  ];
  for (const [parts, expected] of cases) assert.equal(joinClauses(parts), expected);
});
