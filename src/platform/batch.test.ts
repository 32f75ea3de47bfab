import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batched } from './batch.ts';

/** A `run` whose calls wait until released, recording each batch it was given. */
function gate<T>(answer: (items: T[]) => unknown[] | Promise<unknown[]>) {
  const batches: T[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: T[]) => {
    batches.push(items);
    return new Promise<unknown[]>((resolve, reject) =>
      pending.push(() =>
        Promise.resolve()
          .then(() => answer(items))
          .then(resolve, reject),
      ),
    );
  };
  const releaseAll = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, releaseAll };
}

test('batched: the first call runs alone; calls made meanwhile go together in the next batch, each gets its own result', async () => {
  const g = gate<number>((items) => items.map((n) => n * 10));
  const call = batched(g.run as (items: number[]) => Promise<number[]>);
  const first = call(1);
  const rest = [call(2), call(3), call(4)];
  assert.deepEqual(g.batches, [[1]]);
  await g.releaseAll();
  assert.equal(await first, 10);
  assert.deepEqual(g.batches, [[1], [2, 3, 4]]);
  await g.releaseAll();
  assert.deepEqual(await Promise.all(rest), [20, 30, 40]);
});

test('batched: at most `max` items per batch, the rest in the next one', async () => {
  const g = gate<number>((items) => items);
  const call = batched(g.run as (items: number[]) => Promise<number[]>, { max: 2 });
  const all = [1, 2, 3, 4, 5].map(call);
  for (let i = 0; i < 4; i++) await g.releaseAll();
  assert.deepEqual(g.batches, [[1], [2, 3], [4, 5]]);
  assert.deepEqual(await Promise.all(all), [1, 2, 3, 4, 5]);
});

test('batched: a batch that throws is retried item by item, so only the bad item fails', async () => {
  const g = gate<number>((items) => {
    if (items.includes(3)) throw new Error('bad item 3');
    return items.map((n) => -n);
  });
  const call = batched(g.run as (items: number[]) => Promise<number[]>);
  const first = call(1);
  const rest = [call(2), call(3), call(4)].map((p) =>
    p.then(
      (v) => ({ v }),
      (e: Error) => ({ e: e.message }),
    ),
  );
  for (let i = 0; i < 4; i++) await g.releaseAll();
  assert.equal(await first, -1);
  assert.deepEqual(await Promise.all(rest), [{ v: -2 }, { e: 'bad item 3' }, { v: -4 }]);
  assert.deepEqual(g.batches, [[1], [2, 3, 4], [2], [3], [4]]);
});

test('batched: a run that miscounts its results fails its batch without running it again', async () => {
  const g = gate<number>((items) => items.slice(1));
  const call = batched(g.run as (items: number[]) => Promise<number[]>);
  const first = call(1).catch((e: Error) => e.message);
  const rest = [call(2), call(3)].map((p) => p.catch((e: Error) => e.message));
  for (let i = 0; i < 3; i++) await g.releaseAll();
  assert.match(String(await first), /0 results for 1 items/);
  assert.deepEqual(await Promise.all(rest), ['batched: 1 results for 2 items', 'batched: 1 results for 2 items']);
  assert.deepEqual(g.batches, [[1], [2, 3]]);
});

test('batchRow: one declaration gives the column definition list, the insert columns and their values', async () => {
  const { batchRow } = await import('./batch.ts');
  const row = batchRow({ caseId: 'bigint', note: 'text null', tags: 'text[]' });
  assert.equal(row.record('q', true), 'q(i int, "caseId" bigint, note text, tags text[])');
  assert.equal(row.record('a'), 'a("caseId" bigint, note text, tags text[])');
  assert.equal(row.columns(), 'case_id, note, tags');
  assert.equal(row.values('q'), 'q."caseId", q.note, q.tags');
  assert.equal(row.columns(['note']), 'note');
  const typed: typeof row.type = { caseId: 1, note: null, tags: ['a'] };
  assert.equal(typed.caseId, 1);
});
