import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerProblems, checkFurtherNotice, introducedByAnswers, type CorrectionAnswer, type CorrectionItem } from './cases.corrections.ts';

const items: CorrectionItem[] = [{ materialKey: 'application', note: '缺签字' }, { field: 'shopName', note: '名称不符' }, { note: '说明场所' }];
const facts = (digestNow: string | null, digestAtNotice: string | null) => ({
  digestNow: () => digestNow,
  digestAtNotice: () => digestAtNotice,
  fieldNow: (f: string) => (f === 'shopName' ? '旧名' : undefined),
});
const complete: CorrectionAnswer[] = [
  { item: 0, kind: 'file' },
  { item: 1, kind: 'field', value: '新名' },
  { item: 2, kind: 'note', note: '自有房产' },
];

const cases: { name: string; answers: CorrectionAnswer[]; now?: string | null; then?: string | null; problems: [number, string][] }[] = [
  { name: 'every item addressed', answers: complete, now: 'b', then: 'a', problems: [] },
  {
    name: 'nothing answered',
    answers: [],
    problems: [
      [0, 'not answered'],
      [1, 'not answered'],
      [2, 'not answered'],
    ],
  },
  { name: 'the same file as at the notice', answers: complete, now: 'a', then: 'a', problems: [[0, 'no new file since the notice']] },
  { name: 'a file removed since', answers: complete, now: null, then: 'a', problems: [[0, 'no new file since the notice']] },
  {
    name: 'a field left as it was',
    answers: [complete[0], { item: 1, kind: 'field', value: '旧名' }, complete[2]],
    now: 'b',
    then: 'a',
    problems: [[1, 'the field is unchanged']],
  },
  {
    name: 'a field answer for an item naming none',
    answers: [complete[0], complete[1], { item: 2, kind: 'field', value: 'x' }],
    now: 'b',
    then: 'a',
    problems: [[2, 'the item names no form field']],
  },
  {
    name: 'a file answer for an item naming no material',
    answers: [complete[0], { item: 1, kind: 'file' }, complete[2]],
    now: 'b',
    then: 'a',
    problems: [[1, 'the item names no material']],
  },
  {
    name: 'an empty note',
    answers: [complete[0], complete[1], { item: 2, kind: 'note', note: ' ' }],
    now: 'b',
    then: 'a',
    problems: [[2, 'the explanation is empty']],
  },
  {
    name: 'a note answers any item',
    answers: [{ item: 0, kind: 'note', note: '纸质件已交窗口' }, { item: 1, kind: 'note', note: '名称无误' }, complete[2]],
    problems: [],
  },
  {
    name: 'an item answered twice',
    answers: [...complete, { item: 2, kind: 'note', note: '再说一次' }],
    now: 'b',
    then: 'a',
    problems: [[2, 'answered twice']],
  },
  {
    name: 'an item the notice does not have',
    answers: [...complete, { item: 7, kind: 'note', note: '多余' }],
    now: 'b',
    then: 'a',
    problems: [[7, 'not an item of the notice']],
  },
];
for (const c of cases) {
  test(`a correction answer: ${c.name}`, () => {
    assert.deepEqual(
      answerProblems(items, c.answers, facts(c.now ?? null, c.then ?? null)).map((p) => [p.item, p.reason]),
      c.problems,
    );
  });
}

test('the first notice is always allowed; a further one only with a reason, for what an answer brought in', () => {
  const introduced = introducedByAnswers([
    {
      answers: [
        { item: 0, kind: 'file', materialKey: 'application' },
        { item: 1, kind: 'note' },
      ],
    },
  ]);
  assert.doesNotThrow(() => checkFurtherNotice(0, introduced, [{ note: '任何内容' }], undefined));
  assert.doesNotThrow(() => checkFurtherNotice(1, introduced, [{ materialKey: 'application', note: '新文件缺页' }], '答复新上传的文件缺页'));
  assert.throws(() => checkFurtherNotice(1, introduced, [{ materialKey: 'application', note: '新文件缺页' }], ''), /CASE_CORRECTION_ONCE/);
  assert.throws(
    () => checkFurtherNotice(1, introduced, [{ field: 'shopName', note: '名称' }], '漏告'),
    /CASE_CORRECTION_ONCE/,
    'the field was only explained, not edited',
  );
  assert.throws(() => checkFurtherNotice(1, introduced, [{ note: '补充说明' }], '漏告'), /CASE_CORRECTION_ONCE/);
});
