import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repeat } from './timer.ts';

test('repeat: once right away if asked, then every interval, never two runs at once; failures are logged; stop stops', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const settle = () => new Promise((r) => setImmediate(r));
  let runs = 0;
  let release: () => void = () => {};
  const logged: unknown[] = [];
  const stop = repeat(
    () => {
      runs++;
      if (runs === 2) return Promise.reject(new Error('boom'));
      return new Promise<void>((r) => (release = r));
    },
    100,
    (e) => logged.push(e),
    { now: true },
  );
  assert.equal(runs, 1, 'ran at once');
  t.mock.timers.tick(350);
  assert.equal(runs, 1, 'ticks while it runs are skipped');
  release();
  await settle();
  t.mock.timers.tick(100);
  assert.equal(runs, 2);
  await settle();
  assert.match(String(logged[0]), /boom/);
  t.mock.timers.tick(100);
  assert.equal(runs, 3, 'a failure does not stop the timer');
  release();
  await settle();
  stop();
  t.mock.timers.tick(1000);
  assert.equal(runs, 3);
});
