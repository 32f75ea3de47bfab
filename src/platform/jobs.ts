import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db/db.ts';
import { systemContext, type RequestContext } from './context.ts';
import { sealAudit, writeAudit, writeCheckpoint } from './audit/audit.ts';
import { defineErrors, platformErrors } from './errors.ts';
import { iso } from './time.ts';
import { repeat } from './timer.ts';
import { deliverEvents, errorText, pruneDelivered, type JobEnv, type Subscription } from './outbox.ts';
import type { JobDefinition } from './module.ts';

/**
 * The job runner (ADR 0018): in every process that runs it, delivers the outbox every second and runs the modules'
 * recurring jobs. A round of a recurring job is claimed by updating its row in `job_schedule` (a lease; the row is
 * picked with FOR UPDATE SKIP LOCKED, so a process never waits on another's claim): of all the processes, one runs
 * each round, and a process that dies mid-round loses its lease when the lease expires. A round whose start is less
 * than 90 % of the period after the last start is not due, so processes ticking out of phase do not double the rate.
 */
export const jobErrors = defineErrors({
  JOB_NOT_FOUND: { status: 404, zh: '任务不存在', en: 'No such job' },
  JOB_NOT_FAILED: { status: 409, zh: '只有失败的任务可以重试', en: 'Only a failed job can be retried' },
});

/** How long a claimed round is held before another process may take the job over (a dead process's round). */
export const LEASE_MS = 10 * 60_000;

/** Claims the next round of `job` for `worker`; false when it is not due or another process holds it. */
export async function claimRound(db: Db, job: Pick<JobDefinition, 'name' | 'everyMs'>, worker: string): Promise<boolean> {
  await db.execute(sql`INSERT INTO job_schedule (name, every_ms) VALUES (${job.name}, ${job.everyMs}) ON CONFLICT (name) DO NOTHING`);
  const rows = await queryRows<{ name: string }>(
    db,
    sql`UPDATE job_schedule SET last_started_at = now(), leased_until = now() + make_interval(secs => ${LEASE_MS / 1000}), leased_by = ${worker},
          runs = runs + 1, every_ms = ${job.everyMs}
        WHERE name = (SELECT name FROM job_schedule WHERE name = ${job.name}
                        AND (leased_until IS NULL OR leased_until < now())
                        AND (last_started_at IS NULL OR last_started_at <= now() - make_interval(secs => ${(job.everyMs * 0.9) / 1000}))
                      FOR UPDATE SKIP LOCKED)
        RETURNING name`,
  );
  return rows.length === 1;
}

/** Ends a claimed round, recording its failure (masked) if it failed. */
export async function finishRound(db: Db, name: string, worker: string, error?: unknown): Promise<void> {
  const failed = error !== undefined;
  await db.execute(
    sql`UPDATE job_schedule SET leased_until = NULL, leased_by = NULL, last_finished_at = now(), failures = failures + ${failed ? 1 : 0},
          last_error = CASE WHEN ${failed} THEN ${failed ? errorText(error) : null} ELSE last_error END,
          last_error_at = CASE WHEN ${failed} THEN now() ELSE last_error_at END
        WHERE name = ${name} AND leased_by = ${worker}`,
  );
}

/** One round of a recurring job, if this process wins it. Returns whether it ran; a failure is recorded and rethrown. */
export async function runRound(db: Db, job: JobDefinition, worker: string, env: JobEnv): Promise<boolean> {
  if (!(await claimRound(db, job, worker))) return false;
  try {
    await job.run(db, systemContext(job.name), env.config);
  } catch (error) {
    await finishRound(db, job.name, worker, error);
    throw error;
  }
  await finishRound(db, job.name, worker);
  return true;
}

export interface RunnerOptions {
  jobs: readonly JobDefinition[];
  subscriptions: readonly Subscription[];
  env: JobEnv;
  log: (e: unknown) => void;
  /** How often the outbox is polled (default 1 s). */
  pollMs?: number;
}

/** Starts the runner in this process; returns the stop function. Timers do not keep the process alive. */
export function startRunner(db: Db, opts: RunnerOptions): () => void {
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const names = new Set<string>();
  for (const job of opts.jobs) {
    if (names.has(job.name)) throw new Error(`two recurring jobs are named ${job.name}`);
    names.add(job.name);
  }
  const stops = opts.jobs.map((job) => repeat(() => runRound(db, job, worker, opts.env), job.everyMs, opts.log, { now: job.atStart }));
  stops.push(repeat(() => deliverEvents(db, opts.subscriptions, opts.env), opts.pollMs ?? 1_000, opts.log, { now: true }));
  return () => stops.forEach((stop) => stop());
}

export const JOB_STATUSES = ['pending', 'failed', 'retried', 'done'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** `retried`: an event that failed at least once and is not failed now (waiting for its next attempt, or delivered). */
const STATUS_FILTER: Record<JobStatus, ReturnType<typeof sql>> = {
  pending: sql`status = 'pending'`,
  failed: sql`status = 'failed'`,
  retried: sql`status <> 'failed' AND last_error IS NOT NULL`,
  done: sql`status = 'done'`,
};

interface EventRow {
  id: number;
  name: string;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  runAt: string;
  createdAt: string;
  doneAt: string | null;
  lastError: string | null;
  version: number;
}

const EVENT_FIELDS = sql.raw(`id::int AS id, name, status, attempts, max_attempts AS "maxAttempts", run_at AS "runAt", created_at AS "createdAt",
  done_at AS "doneAt", last_error AS "lastError", version`);

const toJob = (r: EventRow) => ({
  id: Number(r.id),
  name: r.name,
  status: r.status,
  attempts: Number(r.attempts),
  maxAttempts: Number(r.maxAttempts),
  runAt: iso(r.runAt),
  createdAt: iso(r.createdAt),
  doneAt: iso(r.doneAt),
  lastError: r.lastError,
  version: Number(r.version),
});
export type JobView = ReturnType<typeof toJob>;

/** The jobs page: counts by status, one page of events (newest first; the payload is not shown), the recurring jobs. */
export async function listJobs(db: Db, query: { status?: JobStatus; page: number; pageSize: number }) {
  const [counts] = await queryRows<Record<JobStatus, number>>(
    db,
    sql`SELECT count(*) FILTER (WHERE ${STATUS_FILTER.pending})::int AS pending, count(*) FILTER (WHERE ${STATUS_FILTER.failed})::int AS failed,
               count(*) FILTER (WHERE ${STATUS_FILTER.retried})::int AS retried, count(*) FILTER (WHERE ${STATUS_FILTER.done})::int AS done
        FROM outbox_event`,
  );
  const where = query.status ? STATUS_FILTER[query.status] : sql`true`;
  const rows = await queryRows<EventRow>(
    db,
    sql`SELECT ${EVENT_FIELDS} FROM outbox_event WHERE ${where} ORDER BY id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const recurring = await queryRows<{
    name: string;
    everyMs: number;
    lastStartedAt: string | null;
    lastFinishedAt: string | null;
    leasedUntil: string | null;
    runs: number;
    failures: number;
    lastError: string | null;
    lastErrorAt: string | null;
  }>(
    db,
    sql`SELECT name, every_ms AS "everyMs", last_started_at AS "lastStartedAt", last_finished_at AS "lastFinishedAt", leased_until AS "leasedUntil",
               runs::int AS runs, failures::int AS failures, last_error AS "lastError", last_error_at AS "lastErrorAt"
        FROM job_schedule ORDER BY name`,
  );
  const c = { pending: Number(counts.pending), failed: Number(counts.failed), retried: Number(counts.retried), done: Number(counts.done) };
  return {
    counts: c,
    total: query.status ? c[query.status] : c.pending + c.failed + c.done,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map(toJob),
    recurring: recurring.map((r) => ({
      name: r.name,
      everyMs: Number(r.everyMs),
      lastStartedAt: iso(r.lastStartedAt),
      lastFinishedAt: iso(r.lastFinishedAt),
      running: r.leasedUntil !== null,
      runs: Number(r.runs),
      failures: Number(r.failures),
      lastError: r.lastError,
      lastErrorAt: iso(r.lastErrorAt),
    })),
  };
}

/**
 * Tries a failed event again: pending now, with a fresh count of attempts (its last error stays visible until it is
 * delivered). Checks the row version; one audit entry.
 */
export async function retryJob(db: Db, ctx: RequestContext, id: number, version: number): Promise<JobView> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<EventRow>(tx, sql`SELECT ${EVENT_FIELDS} FROM outbox_event WHERE id = ${id} FOR UPDATE`);
    if (!row) throw jobErrors.JOB_NOT_FOUND({ id });
    if (Number(row.version) !== version) throw platformErrors.VERSION_CONFLICT({ current: Number(row.version) });
    if (row.status !== 'failed') throw jobErrors.JOB_NOT_FAILED({ id, status: row.status });
    const [updated] = await queryRows<EventRow>(
      tx,
      sql`UPDATE outbox_event SET status = 'pending', attempts = 0, run_at = now(), version = version + 1 WHERE id = ${id} RETURNING ${EVENT_FIELDS}`,
    );
    await writeAudit(tx, ctx, { action: 'job.retry', targetType: 'outbox_event', targetId: id, change: { name: row.name, attempts: Number(row.attempts) } });
    return toJob(updated);
  });
}

/**
 * The platform's recurring jobs: the audit sealer every second (audit latency depends on it: an entry is linked into
 * the chain within about a second of its commit), a signed checkpoint of the chain every ten minutes, and the removal
 * of delivered events older than a week, daily.
 */
export const platformJobs: readonly JobDefinition[] = [
  { name: 'platform.audit-seal', everyMs: 1_000, atStart: true, run: (db) => sealAudit(db) },
  { name: 'platform.audit-checkpoint', everyMs: 10 * 60_000, atStart: true, run: (db) => writeCheckpoint(db) },
  { name: 'platform.outbox-prune', everyMs: 24 * 3_600_000, run: (db) => pruneDelivered(db) },
];
