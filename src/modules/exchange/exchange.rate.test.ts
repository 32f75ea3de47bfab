import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/support/db.ts';
import { queryRows, type Database } from '../../platform/db/db.ts';
import { leasedCalls, leaseFrom, leaseSize, RateLeases } from './exchange.rate.ts';

// Issue 23, ADR 0049: a grant's rate limit counts the calls of every server process, not of each one.

test('a lease is a twentieth of the limit, at least one call', () => {
  const cases: [number, number][] = [
    [1, 1],
    [5, 1],
    [20, 1],
    [21, 2],
    [600, 30],
    [100_000, 5_000],
  ];
  for (const [perMinute, want] of cases) assert.equal(leaseSize(perMinute), want, `${perMinute}`);
});

test('a lease gets the calls that came before the limit, none after it', () => {
  const cases: [number, number, number, number][] = [
    // perMinute, count after the lease, asked, got
    [600, 30, 30, 30], // the first lease of the minute
    [600, 600, 30, 30], // the lease that reaches the limit exactly
    [600, 610, 30, 20], // crosses it: the first 20 fit
    [600, 630, 30, 0], // the minute was already full
    [600, 900, 30, 0],
    [1, 1, 1, 1],
    [1, 2, 1, 0],
  ];
  for (const [perMinute, usedAfter, asked, want] of cases) assert.equal(leasedCalls(perMinute, usedAfter, asked), want, `${perMinute} ${usedAfter} ${asked}`);
});

let database: Database;
let grantId: number;
before(async () => {
  database = await testDatabase('accounts');
  const [g] = await queryRows<{ id: number }>(database.db, sql`SELECT id::int AS id FROM exchange_grant WHERE status = 'granted' ORDER BY id LIMIT 1`);
  assert.ok(g, 'the demo has a granted grant');
  grantId = Number(g.id);
});
after(() => database.close());

/**
 * Waits out the last seconds of a minute, so that a test's calls fall in one minute of the database's clock, and
 * forgets the grant's count (the demo's seed calls it, perhaps in this very minute).
 */
async function startOfMinute() {
  const [{ s }] = await queryRows<{ s: number }>(database.db, sql`SELECT extract(second FROM now())::float8 AS s`);
  if (Number(s) > 50) await sleep((61 - Number(s)) * 1000);
  await database.db.execute(sql`DELETE FROM exchange_grant_rate WHERE grant_id = ${grantId}`);
}

test('two processes together admit exactly the limit of a minute, and then each refuses without asking again', async () => {
  await startOfMinute();
  let asked = 0;
  const lease = leaseFrom(database.db);
  const counted = (grant: number, calls: number) => {
    asked++;
    return lease(grant, calls);
  };
  // Two processes: each its own leases, one count in the database.
  const a = new RateLeases(counted);
  const b = new RateLeases(counted);
  const perMinute = 100;
  let admitted = 0;
  for (let i = 0; i < 150; i++) if (await (i % 3 ? a : b).take(grantId, perMinute)) admitted++;
  assert.equal(admitted, perMinute, 'the limit holds across both, not per process');
  const asksWhenFull = asked;
  for (let i = 0; i < 20; i++) assert.equal(await a.take(grantId, perMinute), false);
  assert.equal(asked, asksWhenFull, 'a full minute is refused without a statement');
  // Leases of five calls: at most one statement per five calls, plus the one that found the minute full for each.
  assert.ok(asked <= perMinute / leaseSize(perMinute) + 2, `${asked} statements`);
  const [row] = await queryRows<{ used: number }>(database.db, sql`SELECT used FROM exchange_grant_rate WHERE grant_id = ${grantId}`);
  assert.ok(Number(row.used) >= perMinute);
});

test('calls waiting for the same lease share one statement', async () => {
  await startOfMinute();
  let asked = 0;
  const lease = leaseFrom(database.db);
  const leases = new RateLeases((g, c) => {
    asked++;
    return lease(g, c);
  });
  const answers = await Promise.all(Array.from({ length: 10 }, () => leases.take(grantId, 200)));
  assert.deepEqual(answers, Array(10).fill(true));
  assert.equal(asked, 1, 'ten concurrent calls, one lease of ten');
});

test('a grant without a limit of at least one call is refused', async () => {
  const leases = new RateLeases(() => Promise.reject(new Error('not asked')));
  assert.equal(await leases.take(grantId, 0), false);
});
