import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleClock, dependantsOf, mayGoOn, partialOutcome, windowStage, type ClockMember } from './bundles.window.core.ts';

// The rules of a bundle case at the window (ADR 0037), as tables. 新生儿出生 is a chain birth → hukou → medical / card;
// 开办餐饮店 has license → food, fire, tax.

const chain = [
  { key: 'birth', dependsOn: [] },
  { key: 'hukou', dependsOn: ['birth'] },
  { key: 'medical', dependsOn: ['hukou'] },
  { key: 'card', dependsOn: ['hukou'] },
];
const all = new Set(chain.map((m) => m.key));

test('the dependants of a member are those that wait for it directly or through others, among the included', () => {
  const cases: [string, Set<string>, string[]][] = [
    ['birth', all, ['hukou', 'medical', 'card']],
    ['hukou', all, ['medical', 'card']],
    ['card', all, []],
    // A member the conditions left out carries nothing through it.
    ['birth', new Set(['birth', 'medical']), []],
  ];
  for (const [key, included, expected] of cases) assert.deepEqual(dependantsOf(chain, key, included).sort(), [...expected].sort(), `${key}`);
});

test('each policy on a denied member: continue releases, hold keeps, withdraw withdraws its open dependants — never the others', () => {
  const closed = new Set(['card']);
  assert.deepEqual(partialOutcome(chain, 'hukou', all, 'hold', closed), { policy: 'hold', held: ['medical'], withdrawn: [], continued: [] });
  assert.deepEqual(partialOutcome(chain, 'hukou', all, 'withdraw', closed), { policy: 'withdraw', held: [], withdrawn: ['medical'], continued: [] });
  assert.deepEqual(partialOutcome(chain, 'hukou', all, 'continue', new Set()), { policy: 'continue', held: [], withdrawn: [], continued: ['medical', 'card'] });
  assert.deepEqual(partialOutcome(chain, 'card', all, 'withdraw', new Set()).withdrawn, []);
});

test('a waiting member goes on when its upstream members are granted; a denied upstream lets it go on only under continue', () => {
  const rows: [Map<string, string | null>, 'continue' | 'hold' | 'withdraw', boolean][] = [
    [new Map([['birth', '0']]), 'hold', true],
    [new Map([['birth', null]]), 'continue', false],
    [new Map([['birth', '1']]), 'hold', false],
    [new Map([['birth', '1']]), 'withdraw', false],
    [new Map([['birth', '1']]), 'continue', true],
  ];
  for (const [outcomes, policy, expected] of rows) assert.equal(mayGoOn(chain, 'hukou', all, outcomes, policy), expected, `${[...outcomes]} ${policy}`);
  // A member left out by the conditions is not waited for.
  assert.equal(mayGoOn(chain, 'hukou', new Set(['hukou']), new Map(), 'hold'), true);
});

/** Working days as plain days, for the table (the service passes the calendar's). */
const add = (from: string, days: number) => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const member = (key: string, dependsOn: string[], over: Partial<ClockMember> = {}): ClockMember => ({
  key,
  dependsOn,
  stoppedOn: null,
  deadline: null,
  warning: 'none',
  promisedWorkingDays: 5,
  ...over,
});

test('the bundle clock is the longest dependency path of member deadlines, projecting members not accepted yet', () => {
  const c = bundleClock({
    members: [
      member('birth', [], { deadline: '2026-12-10' }),
      member('hukou', ['birth'], { promisedWorkingDays: 3 }),
      member('medical', ['hukou'], { promisedWorkingDays: 10 }),
      member('card', ['hukou'], { promisedWorkingDays: 2 }),
    ],
    start: '2026-12-07',
    today: '2026-12-07',
    promisedDays: 20,
    acceptedOn: '2026-12-07',
    addWorkingDays: add,
  });
  // birth by 12-10; hukou 3 after → 12-13; medical 10 after → 12-23.
  assert.equal(c.expectedFinish, '2026-12-23');
  assert.deepEqual(c.path, ['birth', 'hukou', 'medical']);
  assert.equal(c.promisedFinish, '2026-12-27');
  assert.equal(c.warning, 'none');
});

test('warnings: the worst open member, beyond the promise, overdue; a year not loaded leaves the finish unknown, never guessed', () => {
  const base = { start: '2026-12-07', today: '2026-12-07', acceptedOn: '2026-12-07', addWorkingDays: add };
  const rows: [ClockMember[], number | null, string, string[]][] = [
    [
      [member('a', [], { deadline: '2026-12-09', warning: 'amber' }), member('b', [], { stoppedOn: '2026-12-01', warning: 'red' })],
      20,
      'amber',
      ['member_amber'],
    ],
    [[member('a', [], { deadline: '2026-12-20' })], 5, 'amber', ['beyond_promise']],
    [[member('a', [], { deadline: '2026-12-01', warning: 'red' })], 20, 'red', ['member_red', 'overdue']],
    // Every member closed: nothing to warn about, whatever the dates.
    [[member('a', [], { stoppedOn: '2026-12-30', warning: 'red' })], 5, 'none', []],
  ];
  for (const [members, promisedDays, warning, reasons] of rows) {
    const c = bundleClock({ ...base, members, promisedDays });
    assert.equal(c.warning, warning, JSON.stringify(members));
    assert.deepEqual(c.reasons, reasons);
  }
  const unknown = bundleClock({
    ...base,
    members: [member('a', []), member('b', ['a'])],
    promisedDays: 10,
    addWorkingDays: () => null,
  });
  assert.equal(unknown.expectedFinish, null);
  assert.deepEqual(unknown.path, []);
});

test('the window stage of a bundle case', () => {
  type Row = Parameters<typeof windowStage>[0];
  const row: Row = { status: 'open', acceptedOn: null, correction: null, delivery: null, undelivered: 0 };
  const rows: [Partial<Row>, string][] = [
    [{ status: 'draft' }, 'draft'],
    [{}, 'acceptance'],
    [{ correction: { items: [] } }, 'correction'],
    [{ acceptedOn: '2026-12-07' }, 'handling'],
    [{ status: 'closed', undelivered: 2 }, 'delivery'],
    [{ status: 'closed', undelivered: 2, delivery: { method: 'window' } }, 'done'],
    [{ status: 'closed', undelivered: 0 }, 'done'],
    [{ status: 'refused' }, 'done'],
    [{ status: 'withdrawn' }, 'done'],
  ];
  for (const [over, stage] of rows) assert.equal(windowStage({ ...row, ...over }), stage, JSON.stringify(over));
});
