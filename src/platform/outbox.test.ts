import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../tests/support/db.ts';
import { queryRows, type Database, type Db } from './db/db.ts';
import { loadConfig } from './config.ts';
import { systemContext } from './context.ts';
import { AppError } from './errors.ts';
import { backoffMs, defineEvent, deliverEvents, publish, subscribe, type JobEnv, type Subscription } from './outbox.ts';
import { claimRound, finishRound, listJobs, platformJobs, retryJob, runRound, startRunner } from './jobs.ts';
import { logNotifier } from './notify.ts';

let database: Database;
let db: Db;
const env: JobEnv = { notifier: logNotifier(() => undefined), config: loadConfig({}) };
const happened = defineEvent('test.happened', z.object({ n: z.number().int() }));

before(async () => {
  database = await testDatabase();
  db = database.db;
  await db.execute(sql`CREATE TABLE test_effect (n int NOT NULL)`);
});
after(() => database?.close());

/** A subscriber that records each event it handles in test_effect, in the delivering transaction. */
const recording = (fail: (n: number) => boolean = () => false): Subscription =>
  subscribe(happened, 'test.record', async (tx, e) => {
    await tx.execute(sql`INSERT INTO test_effect (n) VALUES (${e.n})`);
    if (fail(e.n)) throw new Error(`gateway refused the message to 13912345678 (event ${e.n})`);
  });

const effects = async (n: number) => Number((await queryRows<{ c: number }>(db, sql`SELECT count(*)::int AS c FROM test_effect WHERE n = ${n}`))[0].c);
const event = async (id: number) =>
  (
    await queryRows<{ status: string; attempts: number; last_error: string | null; wait: number; version: number }>(
      db,
      sql`SELECT status, attempts, last_error, extract(epoch FROM run_at - now())::float AS wait, version FROM outbox_event WHERE id = ${id}`,
    )
  )[0];
/** Makes an event due now (instead of waiting for its backoff). */
const dueNow = (id: number) => db.execute(sql`UPDATE outbox_event SET run_at = now() WHERE id = ${id}`);

test('an event is stored with its transaction: a rolled-back change publishes nothing; a bad payload is refused', async () => {
  await assert.rejects(
    db.transaction(async (tx) => {
      await publish(tx, happened, { n: 1 });
      throw new Error('the change fails');
    }),
  );
  assert.equal((await queryRows<{ c: number }>(db, sql`SELECT count(*)::int AS c FROM outbox_event WHERE payload->>'n' = '1'`))[0].c, 0);
  await assert.rejects(db.transaction((tx) => publish(tx, happened, { n: 'x' } as unknown as { n: number })));
  assert.throws(() => defineEvent('NoModule', z.object({})));
});

test('two runners at once deliver each of 30 events exactly once', async () => {
  for (let i = 0; i < 30; i++) await db.transaction((tx) => publish(tx, happened, { n: 100 + i }));
  const subs = [recording()];
  const [a, b] = await Promise.all([deliverEvents(db, subs, env, { batch: 5 }), deliverEvents(db, subs, env, { batch: 5 })]);
  assert.equal(a.delivered + b.delivered, 30);
  const rows = await queryRows<{ n: number; c: number }>(db, sql`SELECT n, count(*)::int AS c FROM test_effect WHERE n >= 100 GROUP BY n`);
  assert.equal(rows.length, 30);
  assert.ok(
    rows.every((r) => Number(r.c) === 1),
    JSON.stringify(rows.filter((r) => Number(r.c) !== 1)),
  );
  assert.equal((await deliverEvents(db, subs, env)).delivered, 0, 'nothing is delivered twice');
});

test('a failed delivery takes back what its handler wrote, keeps the error masked, and is tried again after a backoff', async () => {
  const id = await db.transaction((tx) => publish(tx, happened, { n: 2 }));
  let failing = true;
  const subs = [recording(() => failing)];
  assert.deepEqual(await deliverEvents(db, subs, env), { delivered: 0, retrying: 1, failed: 0 });
  let row = await event(id);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.equal(await effects(2), 0, 'the handler’s write was rolled back');
  assert.match(row.last_error!, /gateway refused/);
  assert.ok(!row.last_error!.includes('13912345678'), `the phone is masked: ${row.last_error}`);
  assert.ok(row.wait > 3 && row.wait <= 5.5, `waits about 5 s: ${row.wait}`);
  assert.equal((await deliverEvents(db, subs, env)).retrying, 0, 'not tried again before its time');
  // The second failure waits twice as long.
  await dueNow(id);
  await deliverEvents(db, subs, env);
  row = await event(id);
  assert.equal(row.attempts, 2);
  assert.ok(row.wait > 8 && row.wait <= 10.5, `waits about 10 s: ${row.wait}`);
  assert.deepEqual([backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(30)], [5_000, 10_000, 20_000, 3_600_000]);
  failing = false;
  await dueNow(id);
  assert.equal((await deliverEvents(db, subs, env)).delivered, 1);
  row = await event(id);
  assert.deepEqual([row.status, row.attempts], ['done', 3]);
  assert.equal(await effects(2), 1);
  const list = await listJobs(db, { status: 'retried', page: 1, pageSize: 20 });
  assert.ok(
    list.items.some((j) => j.id === id && j.status === 'done'),
    'a delivery that needed a retry is listed as retried',
  );
});

test('after its last attempt an event is failed, shown with its error, and an admin retries it once (row version, audit)', async () => {
  const id = await db.transaction((tx) => publish(tx, happened, { n: 3 }, { maxAttempts: 2 }));
  let failing = true;
  const subs = [recording(() => failing)];
  await deliverEvents(db, subs, env);
  await dueNow(id);
  assert.deepEqual(await deliverEvents(db, subs, env), { delivered: 0, retrying: 0, failed: 1 });
  await dueNow(id);
  assert.equal((await deliverEvents(db, subs, env)).failed, 0, 'a failed event is not tried again by itself');
  const list = await listJobs(db, { status: 'failed', page: 1, pageSize: 20 });
  const job = list.items.find((j) => j.id === id)!;
  assert.equal(job.status, 'failed');
  assert.equal(job.attempts, 2);
  assert.match(job.lastError!, /gateway refused/);
  assert.ok(list.counts.failed >= 1);

  const admin = systemContext('test-admin');
  await assert.rejects(retryJob(db, admin, id, job.version - 1), (e: AppError) => e.code === 'VERSION_CONFLICT');
  const retried = await retryJob(db, admin, id, job.version);
  assert.deepEqual([retried.status, retried.attempts], ['pending', 0]);
  await assert.rejects(retryJob(db, admin, id, retried.version), (e: AppError) => e.code === 'JOB_NOT_FAILED');
  await assert.rejects(retryJob(db, admin, 999_999, 1), (e: AppError) => e.code === 'JOB_NOT_FOUND');
  const audit = await queryRows<{ c: number }>(db, sql`SELECT count(*)::int AS c FROM audit_log WHERE action = 'job.retry' AND target_id = ${String(id)}`);
  assert.equal(audit[0].c, 1);
  failing = false;
  assert.equal((await deliverEvents(db, subs, env)).delivered, 1);
  assert.equal((await event(id)).status, 'done');
});

test('a round of a recurring job is run by one of the processes; a failure is recorded, masked', async () => {
  const job = { name: 'test.sweep', everyMs: 60_000 };
  const claims = await Promise.all([claimRound(db, job, 'p1'), claimRound(db, job, 'p2'), claimRound(db, job, 'p3')]);
  assert.equal(claims.filter(Boolean).length, 1, 'one process wins the round');
  assert.equal(await claimRound(db, job, 'p2'), false, 'held by its lease');
  const winner = `p${claims.indexOf(true) + 1}`;
  await finishRound(db, job.name, winner);
  assert.equal(await claimRound(db, job, 'p2'), false, 'not due again before its period');

  let runs = 0;
  const often = {
    name: 'test.often',
    everyMs: 1,
    run: async () => {
      runs++;
      throw new Error('no answer from 13912345678');
    },
  };
  await assert.rejects(runRound(db, often, 'p1', env));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(await runRound(db, { ...often, run: async () => void runs++ }, 'p2', env), true, 'the next round runs after a failed one');
  assert.equal(runs, 2);
  const list = await listJobs(db, { page: 1, pageSize: 1 });
  const recurring = list.recurring.find((r) => r.name === 'test.often')!;
  assert.deepEqual([recurring.runs, recurring.failures, recurring.running], [2, 1, false]);
  assert.match(recurring.lastError!, /no answer/);
  assert.ok(!recurring.lastError!.includes('13912345678'));
});

test('two runners started side by side: the sealer runs about once a second between them, an event is delivered once', async () => {
  const subs = [recording()];
  const errors: unknown[] = [];
  const opts = { jobs: platformJobs, subscriptions: subs, env, log: (e: unknown) => void errors.push(e), pollMs: 200 };
  const stops = [startRunner(db, opts), startRunner(db, opts)];
  try {
    await db.transaction((tx) => publish(tx, happened, { n: 4 }));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  } finally {
    stops.forEach((stop) => stop());
  }
  assert.deepEqual(errors, []);
  assert.equal(await effects(4), 1);
  const [seal] = await queryRows<{ runs: number }>(db, sql`SELECT runs::int AS runs FROM job_schedule WHERE name = 'platform.audit-seal'`);
  assert.ok(seal.runs >= 1 && seal.runs <= 4, `sealed ${seal.runs} times in 2.5 s by two runners`);
});
