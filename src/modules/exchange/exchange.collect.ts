import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { copyInto, holdTransaction, type HeldTransaction } from '../../platform/db/copy.ts';
import { requestDigest } from '../../platform/idempotency.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import { exchangeLoad } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import type { ResourceField } from './exchange.core.ts';
import {
  checkedRows,
  LAYOUT_COLUMNS,
  PROBLEMS_KEPT,
  readRows,
  type CheckedBatch,
  type LineLayout,
  type LoadFormat,
  type LoadReading,
  type LoadSource,
  type Problem,
} from './exchange.read.ts';

import type { LoadView, ResourceView } from './exchange.types.ts';

export { LOAD_MAX_BYTES, readRows, type LoadFormat, type LoadSource, type ReadRow } from './exchange.read.ts';

/** The rows of a whole upload at once (small files; the CLI and tests). */
export async function parseUpload(
  format: LoadFormat,
  text: LoadSource,
): Promise<{ rows: { row: number; values: Record<string, unknown> }[]; problems: Problem[] }> {
  const rows: { row: number; values: Record<string, unknown> }[] = [];
  const problems: Problem[] = [];
  for await (const r of readRows(format, text)) {
    if (r.values) rows.push({ row: r.row, values: r.values });
    else problems.push({ row: r.row, errors: r.errors ?? [] });
  }
  return { rows, problems };
}

type LoadRow = typeof exchangeLoad.$inferSelect;
const shapeLoad = (l: LoadRow): LoadView => ({
  id: Number(l.id),
  resourceId: Number(l.resourceId),
  format: l.format as LoadView['format'],
  mode: l.mode as LoadView['mode'],
  status: l.status as LoadView['status'],
  rowsDone: l.rowsDone,
  rowsIn: l.rowsIn,
  inserted: l.inserted,
  updated: l.updated,
  rejected: l.rejected,
  declaredCount: l.declaredCount,
  storedCount: l.storedCount,
  reconciliation: l.reconciliation,
  problems: l.problems as LoadView['problems'],
  createdBy: l.createdBy,
  createdAt: iso(l.createdAt),
  finishedAt: iso(l.finishedAt),
});

/**
 * Records a load's progress and touches it (its heartbeat for the sweep), so that a poller sees rows_done grow (ADR
 * 0048). Always on a connection of its own, committed, whichever way the rows are written.
 */
async function progress(db: Db, loadId: number, p: { rowsDone: number; rejected: number }): Promise<void> {
  await db
    .update(exchangeLoad)
    .set({ rowsDone: p.rowsDone, rejected: p.rejected, touchedAt: sql`now()` })
    .where(eq(exchangeLoad.id, loadId));
}

/**
 * A resource's first load on a server (ADR 0050): a transaction of its own that holds the resource's load lock for
 * the whole load, when the resource has no rows and no other load holds the lock; undefined otherwise (and on PGlite),
 * and the load is staged. The rows are then copied straight into the collected table batch by batch, while the next
 * batch is read, and committed once with the load record: nothing half-loaded (a failure rolls it all back), no
 * staging rows and no merge at the end.
 */
async function openFirstLoad(db: Db, resourceId: number): Promise<HeldTransaction | undefined> {
  const held = await holdTransaction(db);
  if (!held) return undefined;
  try {
    const [{ free }] = await queryRows<{ free: boolean }>(held.tx, sql`SELECT pg_try_advisory_xact_lock(${loadLock(resourceId)}) AS free`);
    const [{ empty }] = free
      ? await queryRows<{ empty: boolean }>(held.tx, sql`SELECT NOT EXISTS (SELECT 1 FROM exchange_record WHERE resource_id = ${resourceId}) AS empty`)
      : [{ empty: false }];
    if (empty) return held;
  } catch (e) {
    await held.rollback();
    throw e;
  }
  await held.rollback();
  return undefined;
}

/** The key of a resource's load lock: loads of one resource write its table one at a time. */
const loadLock = (resourceId: number) => sql`hashtext(${`exchange.load:${resourceId}`})`;

/**
 * Creates the load record, once per Idempotency-Key (per account): a repeat of a key answers the load it created —
 * still running, loaded, or refused (then refused again with its problems) —, and a key used for another load is
 * refused (IDEMPOTENCY_KEY_REUSED). A failed load frees its key, so the sender may try again with it.
 */
async function createLoad(
  db: Db,
  ctx: RequestContext,
  resource: ResourceView,
  input: { format: LoadFormat; mode: string; declaredCount?: number; idempotencyKey?: string },
): Promise<{ loadId: number } | { replay: LoadRow }> {
  const requestHash = input.idempotencyKey
    ? requestDigest({ resourceId: resource.id, format: input.format, mode: input.mode, declaredCount: input.declaredCount ?? null })
    : null;
  for (let attempt = 0; ; attempt++) {
    const [load] = await db
      .insert(exchangeLoad)
      .values({
        resourceId: resource.id,
        format: input.format,
        mode: input.mode,
        status: 'running',
        rowsIn: 0,
        inserted: 0,
        updated: 0,
        rejected: 0,
        declaredCount: input.declaredCount ?? null,
        storedCount: 0,
        createdBy: ctx.actor.username,
        idempotencyKey: input.idempotencyKey ?? null,
        requestHash,
      })
      .onConflictDoNothing()
      .returning({ id: exchangeLoad.id });
    if (load) return { loadId: Number(load.id) };
    const [earlier] = await db
      .select()
      .from(exchangeLoad)
      .where(and(eq(exchangeLoad.createdBy, ctx.actor.username), eq(exchangeLoad.idempotencyKey, input.idempotencyKey!)));
    if (!earlier) continue; // freed meanwhile
    if (earlier.requestHash !== requestHash) throw platformErrors.IDEMPOTENCY_KEY_REUSED();
    if (earlier.status !== 'failed' || attempt > 0) return { replay: earlier };
    await db
      .update(exchangeLoad)
      .set({ idempotencyKey: null })
      .where(and(eq(exchangeLoad.id, earlier.id), eq(exchangeLoad.status, 'failed')));
  }
}

/** A load that replays: the record, or its refusal again. */
function replayed(load: LoadRow): LoadView {
  if (load.status === 'refused')
    throw exchangeErrors.EXCHANGE_LOAD_INVALID({ rowsIn: load.rowsIn, rejected: load.rejected, problems: load.problems as Problem[] });
  return shapeLoad(load);
}

/** Minutes a running load may go without staging a batch before the sweep takes it for interrupted. */
export const LOAD_STALE_MINUTES = 15;

/**
 * Loads whose process died (running, untouched for `minutes`): each marked failed with one audit entry, its staged
 * rows deleted (the collected table holds none of its rows: the merge is one statement at the end, and a first load's
 * copies died uncommitted with its connection). Run by the job runner every minute; safe in several processes (the
 * rows are claimed by the UPDATE). Returns the loads swept.
 */
export async function sweepLoads(db: Db, ctx: RequestContext, minutes = LOAD_STALE_MINUTES): Promise<number> {
  return db.transaction(async (tx) => {
    const swept = await queryRows<{ id: number; resource_id: number; rows_done: number }>(
      tx,
      sql`UPDATE exchange_load SET status = 'failed', finished_at = now(), rows_in = rows_done
          WHERE status = 'running' AND touched_at < now() - make_interval(mins => ${minutes})
          RETURNING id, resource_id, rows_done`,
    );
    if (!swept.length) return 0;
    await tx.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ANY(${`{${swept.map((l) => Number(l.id)).join(',')}}`}::bigint[])`);
    for (const l of swept)
      await writeAudit(tx, ctx, {
        action: 'exchange.load.fail',
        targetType: 'exchange_load',
        targetId: Number(l.id),
        change: { resourceId: Number(l.resource_id), rowsDone: Number(l.rows_done), reason: 'interrupted' },
      });
    return swept.length;
  });
}

/** Loads read on a worker thread: a file given whole (the CLI, tests, the demo) is read here, as on a single core. */
const workerRead = () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) >= 2;

/**
 * The checked batches of an upload: read and checked on a worker thread when the upload is a stream and there is a
 * second core (the parse and the checks are most of a load's time in this process), else on this thread.
 */
function checkedBatches(reading: LoadReading, source: LoadSource): AsyncGenerator<CheckedBatch> {
  return typeof source === 'string' || Buffer.isBuffer(source) || !workerRead() ? checkedRows(reading, source) : checkOnWorker(reading, source);
}

async function* checkOnWorker(reading: LoadReading, source: AsyncIterable<Buffer | string>): AsyncGenerator<CheckedBatch> {
  const worker = new Worker(new URL('./exchange.load-worker.mjs', import.meta.url), { workerData: { reading } });
  const chunks = source[Symbol.asyncIterator]();
  const queue: CheckedBatch[] = [];
  let wake: (() => void) | undefined;
  let failed: unknown;
  const fail = (e: unknown) => {
    failed ??= e;
    wake?.();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the load's worker stopped (${code})`)));
  worker.on('message', (m: { want?: true; batch?: CheckedBatch }) => {
    if (m.want)
      // The worker pulls the upload a chunk at a time, so a slow database holds back the reading of the body.
      chunks.next().then((n) => worker.postMessage({ chunk: n.done ? null : typeof n.value === 'string' ? Buffer.from(n.value) : n.value }), fail);
    else if (m.batch) {
      queue.push(m.batch);
      wake?.();
    }
  });
  try {
    for (;;) {
      while (!queue.length && failed === undefined) await new Promise<void>((resolve) => (wake = resolve));
      const batch = queue.shift();
      if (!batch) throw failed;
      if (batch.error) {
        const e = batch.error as { code?: string; details?: unknown; message?: string };
        const make = e.code ? (exchangeErrors as unknown as Record<string, (d: unknown) => Error>)[e.code] : undefined;
        batch.error = make ? make(e.details) : new Error(e.message ?? String(e.code));
      }
      yield batch;
      if (batch.problems) return;
      worker.postMessage({ ack: true });
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    // Not awaited: a read of the upload may still be pending, and a stalled sender must not hold the load's answer.
    void chunks.return?.()?.catch(() => undefined);
  }
}

/**
 * One load (归集) into a resource's collected table, streamed: rows are read and checked against the resource's
 * fields as they arrive (on a worker thread for an upload), a key repeated within the load refused, and the good
 * ones written batch by batch, the load's rows_done growing for a page to poll. A resource's first load on a server
 * is copied straight into the table in a transaction of its own, committed at the end; any other load is staged in
 * committed batches (exchange_load_row) and merged by one statement at the end (ADR 0048, 0050). At the end of the
 * file: all_or_nothing with any bad row refuses the whole load (nothing written to the table, EXCHANGE_LOAD_INVALID
 * with the problems); otherwise the rows are committed with the load record (nothing half-loaded: a failure leaves
 * the table as it was). The record: rows in, inserted, updated, rejected, and reconciliation = declared − (rows of
 * this load now stored + rejected), 0 when every row sent is accounted for.
 */
export async function loadRecords(
  db: Db,
  ctx: RequestContext,
  resource: ResourceView,
  input: { format: LoadFormat; mode: 'all_or_nothing' | 'reject_bad_rows'; declaredCount?: number; text: LoadSource; idempotencyKey?: string },
): Promise<LoadView> {
  const fields = resource.fields as ResourceField[];
  const created = await createLoad(db, ctx, resource, input);
  if ('replay' in created) return replayed(created.replay);
  const loadId = created.loadId;
  let problems: Problem[] = [];
  let rejected = 0;
  let rowsIn = 0;
  const dropStaged = () => db.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${loadId}`);
  let first: HeldTransaction | undefined;
  try {
    first = await openFirstLoad(db, resource.id);
    const layout: LineLayout = first ? { into: 'record', resourceId: resource.id, loadId } : { into: 'staging', loadId };
    let copied = 0;
    const write = async (lines: string, p: { rowsDone: number; rejected: number }) => {
      if (lines && first) copied += await first.copy('exchange_record', LAYOUT_COLUMNS.record, lines);
      else if (lines) await copyInto(db, 'exchange_load_row', LAYOUT_COLUMNS.staging, lines);
      await progress(db, loadId, p);
    };
    // One batch in flight while the next is read: the database copies while the rows are parsed and checked.
    let inFlight: Promise<void> = Promise.resolve();
    for await (const batch of checkedBatches({ format: input.format, fields, keyField: resource.keyField, layout }, input.text)) {
      // All-or-nothing with a bad row already: nothing will be written, so nothing more is staged (rows are still checked).
      const lines = input.mode === 'all_or_nothing' && batch.rejected ? '' : batch.lines;
      rowsIn = batch.rowsIn;
      rejected = batch.rejected;
      if (batch.problems) problems = batch.problems;
      await inFlight;
      // A file that cannot be read further: nothing more written (what was is dropped below).
      if (batch.error) throw batch.error;
      inFlight = write(lines, { rowsDone: rowsIn, rejected });
      inFlight.catch(() => undefined);
    }
    await inFlight;
    problems.sort((a, b) => a.row - b.row);
    if (rowsIn === 0 || (rejected && input.mode === 'all_or_nothing')) await first?.rollback();
    if (rowsIn === 0) {
      await db.delete(exchangeLoad).where(eq(exchangeLoad.id, loadId));
      throw exchangeErrors.EXCHANGE_LOAD_EMPTY();
    }
    if (rejected && input.mode === 'all_or_nothing') {
      await refuse(db, ctx, { loadId, resourceId: resource.id, rowsIn, rejected, problems, declaredCount: input.declaredCount });
      throw exchangeErrors.EXCHANGE_LOAD_INVALID({ rowsIn, rejected, problems });
    }
    // The load record and its audit entry, in the transaction that wrote the rows.
    const finish = async (tx: Db, counts: { inserted: number; updated: number }) => {
      const inserted = Number(counts.inserted);
      const updated = Number(counts.updated);
      // Every row of this load now stored was written in this transaction (the copies, or the one merge): no count needed.
      const stored = inserted + updated;
      const reconciliation = input.declaredCount === undefined ? null : input.declaredCount - (Number(stored) + rejected);
      const [row] = await tx
        .update(exchangeLoad)
        .set({
          status: 'loaded',
          rowsIn,
          rowsDone: rowsIn,
          inserted,
          updated,
          rejected,
          storedCount: Number(stored),
          reconciliation,
          problems,
          finishedAt: sql`now()`,
        })
        .where(eq(exchangeLoad.id, loadId))
        .returning();
      await writeAudit(tx, ctx, {
        action: 'exchange.load.create',
        targetType: 'exchange_load',
        targetId: loadId,
        change: { resourceId: resource.id, format: input.format, rowsIn, inserted, updated, rejected, declared: input.declaredCount ?? null },
      });
      return shapeLoad(row);
    };
    if (first) {
      const view = await finish(first.tx, { inserted: copied, updated: 0 });
      await first.commit();
      return view;
    }
    return await db.transaction(async (tx) => {
      // Loads of one resource merge one at a time, so a resource found empty stays empty until this insert: its
      // first load (all new keys, the loader refused repeats) is a plain INSERT, without ON CONFLICT's speculative
      // insertion per row (about half the merge's time on a server).
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${loadLock(resource.id)})`);
      const [{ empty }] = await queryRows<{ empty: boolean }>(
        tx,
        sql`SELECT NOT EXISTS (SELECT 1 FROM exchange_record WHERE resource_id = ${resource.id}) AS empty`,
      );
      const [counts] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        empty
          ? sql`WITH up AS (
                  INSERT INTO exchange_record (resource_id, record_key, data, load_id)
                  SELECT ${resource.id}, s.record_key, s.data, ${loadId} FROM exchange_load_row s WHERE s.load_id = ${loadId}
                  RETURNING 1)
                SELECT count(*)::int AS inserted, 0 AS updated FROM up`
          : sql`WITH up AS (
                  INSERT INTO exchange_record (resource_id, record_key, data, load_id)
                  SELECT ${resource.id}, s.record_key, s.data, ${loadId} FROM exchange_load_row s WHERE s.load_id = ${loadId}
                  ON CONFLICT (resource_id, record_key) DO UPDATE SET data = EXCLUDED.data, load_id = EXCLUDED.load_id, updated_at = now()
                  RETURNING (xmax = 0) AS fresh)
                SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`,
      );
      await tx.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${loadId}`);
      return finish(tx, counts);
    });
  } catch (error) {
    // A file that cannot be read is refused and recorded; anything else marks the load failed. The table is untouched.
    await first?.rollback().catch(() => undefined);
    await dropStaged().catch(() => undefined);
    if (error instanceof AppError && (error.code === 'EXCHANGE_LOAD_INVALID' || error.code === 'EXCHANGE_LOAD_UNREADABLE')) {
      const [still] = await db.select({ status: exchangeLoad.status }).from(exchangeLoad).where(eq(exchangeLoad.id, loadId));
      if (still?.status === 'running') {
        const read = (error.details as { problems?: Problem[] } | undefined)?.problems ?? [];
        await refuse(db, ctx, {
          loadId,
          resourceId: resource.id,
          rowsIn,
          rejected: rowsIn,
          problems: [...problems, ...read],
          declaredCount: input.declaredCount,
        });
      }
    } else if (!(error instanceof AppError && error.code === 'EXCHANGE_LOAD_EMPTY')) {
      await db
        .update(exchangeLoad)
        .set({ status: 'failed', rowsIn, finishedAt: sql`now()` })
        .where(eq(exchangeLoad.id, loadId))
        .catch(() => undefined);
    }
    throw error;
  }
}

/** Records a refused load (nothing written to the table) with one audit entry. */
async function refuse(
  db: Db,
  ctx: RequestContext,
  r: { loadId: number; resourceId: number; rowsIn: number; rejected: number; problems: Problem[]; declaredCount?: number },
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${r.loadId}`);
    await tx
      .update(exchangeLoad)
      .set({
        status: 'refused',
        rowsIn: r.rowsIn,
        rowsDone: r.rowsIn,
        inserted: 0,
        updated: 0,
        rejected: r.rowsIn,
        storedCount: 0,
        reconciliation: r.declaredCount === undefined ? null : r.declaredCount - r.rowsIn,
        problems: r.problems.slice(0, PROBLEMS_KEPT),
        finishedAt: sql`now()`,
      })
      .where(eq(exchangeLoad.id, r.loadId));
    await writeAudit(tx, ctx, {
      action: 'exchange.load.refuse',
      targetType: 'exchange_load',
      targetId: r.loadId,
      change: { resourceId: r.resourceId, rowsIn: r.rowsIn, problems: r.rejected },
    });
  });
}

export async function listLoads(db: Db, resourceId: number) {
  return (await db.select().from(exchangeLoad).where(eq(exchangeLoad.resourceId, resourceId)).orderBy(desc(exchangeLoad.id)).limit(50)).map(shapeLoad);
}

export async function getLoad(db: Db, id: number) {
  const [row] = await db.select().from(exchangeLoad).where(eq(exchangeLoad.id, id));
  return row ? shapeLoad(row) : undefined;
}
