import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './db/db.ts';
import { safeError } from './safe-error.ts';
import type { Config } from './config.ts';
import type { Notifier } from './notify.ts';

/**
 * Domain events through an outbox (ADR 0018). A module declares its events (`defineEvent`, a name and a zod payload)
 * and publishes them with `publish(tx, event, payload)` inside the transaction that makes the change: the event is
 * stored if and only if the change commits. Modules consume events by declaring subscriptions (`subscribe`), which
 * the job runner of any process delivers: it claims due rows with FOR UPDATE SKIP LOCKED, runs the handlers inside
 * the claiming transaction (a savepoint per event), and marks the event done in that same transaction, so what the
 * handlers write to the database happens exactly once. A handler that fails rolls back its savepoint; the event is
 * tried again after an exponential backoff, and after `max_attempts` it is kept as failed with its error (masked),
 * for an admin to see and retry (GET /api/jobs). Effects outside the database (an SMS) are at least once.
 */
export interface EventType<P> {
  readonly name: string;
  readonly schema: z.ZodType<P>;
}

/** An event a module publishes: `<module>.<what happened>`, e.g. 'ratings.remedy-opened'. */
export function defineEvent<S extends z.ZodType>(name: string, schema: S): EventType<z.infer<S>> {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/.test(name)) throw new Error(`an event name is <module>.<what happened>, not ${name}`);
  return { name, schema: schema as z.ZodType<z.infer<S>> };
}

/** What a handler (and a recurring job) may use besides its transaction. */
export interface JobEnv {
  notifier: Notifier;
  config: Config;
}

export interface Subscription {
  /** The event's name. */
  event: string;
  /** Who consumes it, for the log and the jobs page: `<module>.<what it does>`. */
  name: string;
  handle(tx: Db, payload: unknown, env: JobEnv): Promise<void>;
}

/** A module's consumer of an event; list it in the module's subscriptions, which the job runner reads. */
export function subscribe<P>(event: EventType<P>, name: string, handler: (tx: Db, payload: P, env: JobEnv) => Promise<void>): Subscription {
  return { event: event.name, name, handle: (tx, payload, env) => handler(tx, event.schema.parse(payload), env) };
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Stores an event with the change it tells of: call it with the change's transaction. Returns the event's id. */
export async function publish<P>(tx: Db, event: EventType<P>, payload: P, opts: { maxAttempts?: number } = {}): Promise<number> {
  const checked = event.schema.parse(payload);
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`INSERT INTO outbox_event (name, payload, max_attempts) VALUES (${event.name}, ${JSON.stringify(checked)}::jsonb, ${opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}) RETURNING id`,
  );
  return Number(row.id);
}

/**
 * For a change made in one SQL statement (the hot paths): an INSERT of the events named `event`, one per row of
 * `source`, with `payload` (an SQL expression over `source`'s rows giving jsonb) — to use as a data-modifying CTE, like
 * auditInsertSql. The payload is not checked by the event's schema here: the statement's test must.
 */
export function outboxInsertSql(event: EventType<unknown>, payload: string, source: string): string {
  if (!/^[a-z0-9.-]+$/.test(event.name)) throw new Error(`unsafe event name ${event.name}`);
  return `INSERT INTO outbox_event (name, payload, max_attempts) SELECT '${event.name}', ${payload}, ${DEFAULT_MAX_ATTEMPTS} FROM ${source}`;
}

/** How long to wait before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s, … at most an hour. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

/** An error as the jobs page may show it: its type and masked message, never a statement's parameters. */
export function errorText(error: unknown): string {
  const e = safeError(error);
  return `${e.type}${e.code ? ` ${e.code}` : ''}: ${e.message}`.slice(0, 2000);
}

interface ClaimedRow {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export interface DeliveryResult {
  delivered: number;
  /** Failed and to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/**
 * One delivery round: claims due events in batches (FOR UPDATE SKIP LOCKED, so any number of processes may run it at
 * once and none gets an event another holds), runs their subscribers and records the outcome, until none is due.
 */
export async function deliverEvents(
  db: Db,
  subscriptions: readonly Subscription[],
  env: JobEnv,
  opts: { batch?: number; maxBatches?: number } = {},
): Promise<DeliveryResult> {
  const batch = opts.batch ?? 20;
  const total: DeliveryResult = { delivered: 0, retrying: 0, failed: 0 };
  for (let round = 0; round < (opts.maxBatches ?? 50); round++) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await queryRows<ClaimedRow>(
        tx,
        sql`SELECT id, name, payload, attempts, max_attempts FROM outbox_event
            WHERE status = 'pending' AND run_at <= now() ORDER BY run_at, id LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        const handlers = subscriptions.filter((s) => s.event === row.name);
        const attempts = Number(row.attempts) + 1;
        try {
          // A savepoint: a failing handler takes back what it wrote, and the claim stays.
          await tx.transaction(async (sp) => {
            for (const h of handlers) await h.handle(sp, row.payload, env);
          });
          await tx.execute(sql`UPDATE outbox_event SET status = 'done', attempts = ${attempts}, done_at = now(), version = version + 1 WHERE id = ${row.id}`);
          total.delivered++;
        } catch (error) {
          const last = attempts >= Number(row.max_attempts);
          await tx.execute(
            sql`UPDATE outbox_event SET attempts = ${attempts}, last_error = ${errorText(error)}, version = version + 1,
                  status = ${last ? 'failed' : 'pending'}, run_at = now() + make_interval(secs => ${backoffMs(attempts) / 1000})
                WHERE id = ${row.id}`,
          );
          if (last) total.failed++;
          else total.retrying++;
        }
      }
      return rows.length;
    });
    if (claimed < batch) break;
  }
  return total;
}

/** Removes delivered events older than `days` (failed ones stay until an admin retries them). */
export async function pruneDelivered(db: Db, days = 7): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`DELETE FROM outbox_event WHERE status = 'done' AND done_at < now() - make_interval(days => ${days}) RETURNING id`,
  );
  return rows.length;
}
