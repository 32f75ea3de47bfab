import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { excel } from '../../platform/excel.ts';
import { copyInto, copyText } from '../../platform/db/copy.ts';
import { requestDigest } from '../../platform/idempotency.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import { exchangeLoad } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { checkRow, type ResourceField } from './exchange.core.ts';
import type { LoadView, ResourceView } from './exchange.types.ts';

/** Rows per staging COPY and progress step. */
const BATCH = 10_000;
/** Problems kept in the load record (the counts cover them all). */
const PROBLEMS_KEPT = 200;
/** The largest upload read (a city's table of a million rows is about 100 MB of CSV). */
export const LOAD_MAX_BYTES = 2 * 1024 ** 3;

export type LoadFormat = 'csv' | 'jsonl' | 'xlsx';
/** What a load reads: the whole text, or a stream of its bytes (an upload as it arrives). */
export type LoadSource = string | Buffer | AsyncIterable<Buffer | string>;

export interface ReadRow {
  row: number;
  values?: Record<string, unknown>;
  errors?: string[];
}
type Problem = { row: number; errors: string[] };

/** Bytes of a source, refused past `max` (an upload has no body limit of its own: it is streamed). */
async function* limited(source: LoadSource, max: number): AsyncGenerator<Buffer> {
  if (typeof source === 'string' || Buffer.isBuffer(source)) {
    yield Buffer.from(source);
    return;
  }
  let seen = 0;
  for await (const chunk of source) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += b.length;
    if (seen > max) throw exchangeErrors.EXCHANGE_LOAD_UNREADABLE({ maxBytes: max });
    yield b;
  }
}

/** A cell of a workbook as text or number: dates as YYYY-MM-DD, rich text and links as their text, formulas as their result. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    return '';
  }
  return v;
}

/** Header and cells to a row by the header's keys; a row whose cell count differs from the header's is a problem. */
function byHeader(header: string[], cells: unknown[], row: number): ReadRow {
  if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '' && c !== null && c !== undefined))
    return { row, errors: [`${cells.length} columns where the header has ${header.length}`] };
  return { row, values: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])) };
}

/**
 * The rows of an upload as they are read, never the whole file in memory: CSV with a header row of field keys
 * (csv-parse: quotes, embedded newlines, a BOM), JSON lines (one object a line), or the first sheet of a workbook
 * with a header row of field keys (exceljs's streaming reader). A row that cannot be read is a problem of that row;
 * a file that cannot be read at all (an unclosed quote, not a workbook) is refused whole (EXCHANGE_LOAD_INVALID or
 * EXCHANGE_LOAD_UNREADABLE).
 */
export async function* readRows(format: LoadFormat, source: LoadSource, maxBytes = LOAD_MAX_BYTES): AsyncGenerator<ReadRow> {
  const input = Readable.from(limited(source, maxBytes));
  if (format === 'jsonl') {
    let i = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      i++;
      if (!line.trim()) continue;
      try {
        const value = JSON.parse(line) as unknown;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) yield { row: i, errors: ['a line is one JSON object'] };
        else yield { row: i, values: value as Record<string, unknown> };
      } catch {
        yield { row: i, errors: ['not valid JSON'] };
      }
    }
    return;
  }
  if (format === 'csv') {
    const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
    let header: string[] | undefined;
    let i = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        i++;
        if (!header) header = cells;
        else if (cells.length !== header.length) yield { row: i, errors: [`${cells.length} columns where the header has ${header.length}`] };
        else yield { row: i, values: Object.fromEntries(header.map((h, j) => [h, cells[j]])) };
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      const line = (e as { lines?: number }).lines ?? i + 1;
      throw exchangeErrors.EXCHANGE_LOAD_INVALID({ problems: [{ row: line, errors: ['the CSV cannot be read (an unclosed quote?)'] }] });
    }
    return;
  }
  const Excel = await excel();
  const reader = new Excel.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  try {
    for await (const sheet of reader) {
      let header: string[] | undefined;
      for await (const r of sheet as AsyncIterable<{ number: number; values: unknown[] }>) {
        const cells = r.values.slice(1).map(cellValue);
        if (cells.every((c) => c === '')) continue;
        if (!header) header = cells.map((c) => String(c).trim());
        else yield byHeader(header, cells, r.number);
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw exchangeErrors.EXCHANGE_LOAD_UNREADABLE({ format });
  }
}

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

/** The staging columns a batch is copied into, in COPY's text format (one line a row). */
const STAGED = ['load_id', 'record_key', 'row_no', 'data'] as const;

/**
 * Copies a batch of checked rows (already COPY text lines) into the load's staging rows, then records the progress and
 * touches the load (its heartbeat for the sweep), so that a poller sees rows_done grow (ADR 0048).
 */
async function stage(db: Db, loadId: number, lines: string, progress: { rowsDone: number; rejected: number }): Promise<void> {
  if (lines) await copyInto(db, 'exchange_load_row', STAGED, lines);
  await db
    .update(exchangeLoad)
    .set({ rowsDone: progress.rowsDone, rejected: progress.rejected, touchedAt: sql`now()` })
    .where(eq(exchangeLoad.id, loadId));
}

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
 * rows deleted (the collected table was never touched: the upsert is one statement at the end). Run by the job
 * runner every minute; safe in several processes (the rows are claimed by the UPDATE). Returns the loads swept.
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

/**
 * One load (归集) into a resource's collected table, streamed: rows are read and checked against the resource's
 * fields as they arrive, and the good ones staged in committed batches (exchange_load_row, whose primary key finds a
 * key repeated within the load), the load's rows_done growing for a page to poll. At the end of the file:
 * all_or_nothing with any bad row refuses the whole load (the staged rows dropped, nothing written to the table,
 * EXCHANGE_LOAD_INVALID with the problems); otherwise one statement upserts the staged rows by key into the table
 * (nothing half-loaded: a failure there leaves the table as it was). The record: rows in, inserted, updated,
 * rejected, and reconciliation = declared − (rows of this load now stored + rejected), 0 when every row sent is
 * accounted for.
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
  const problems: Problem[] = [];
  let rejected = 0;
  let rowsIn = 0;
  const reject = (p: Problem) => {
    rejected++;
    if (problems.length < PROBLEMS_KEPT) problems.push(p);
  };
  const dropStaged = () => db.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${loadId}`);
  try {
    // The row each key was first seen in: a key repeated within the load is a bad row (found here, not by an index).
    const firstRow = new Map<string, number>();
    let lines = '';
    // One batch in flight while the next is parsed: the database copies while this process reads and checks.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      // All-or-nothing with a bad row already: nothing will be written, so nothing more is staged (rows are still checked).
      const batch = input.mode === 'all_or_nothing' && rejected ? '' : lines;
      lines = '';
      await inFlight;
      inFlight = stage(db, loadId, batch, { rowsDone: rowsIn, rejected });
      inFlight.catch(() => undefined);
    };
    const prefix = `${loadId}\t`;
    for await (const r of readRows(input.format, input.text)) {
      rowsIn++;
      const checked = r.values ? checkRow(fields, r.values) : { errors: r.errors ?? [] };
      if ('errors' in checked) reject({ row: r.row, errors: checked.errors });
      else {
        const key = String(checked.data[resource.keyField]);
        const first = firstRow.get(key);
        if (first !== undefined) reject({ row: r.row, errors: [`the key repeats row ${first}`] });
        else {
          firstRow.set(key, r.row);
          lines += `${prefix}${copyText(key)}\t${r.row}\t${copyText(JSON.stringify(checked.data))}\n`;
        }
      }
      if (rowsIn % BATCH === 0) await flush();
    }
    await flush();
    await inFlight;
    problems.sort((a, b) => a.row - b.row);
    if (rowsIn === 0) {
      await db.delete(exchangeLoad).where(eq(exchangeLoad.id, loadId));
      throw exchangeErrors.EXCHANGE_LOAD_EMPTY();
    }
    if (rejected && input.mode === 'all_or_nothing') {
      await refuse(db, ctx, { loadId, resourceId: resource.id, rowsIn, rejected, problems, declaredCount: input.declaredCount });
      throw exchangeErrors.EXCHANGE_LOAD_INVALID({ rowsIn, rejected, problems });
    }
    return await db.transaction(async (tx) => {
      const [counts] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        sql`WITH up AS (
              INSERT INTO exchange_record (resource_id, record_key, data, load_id)
              SELECT ${resource.id}, s.record_key, s.data, ${loadId} FROM exchange_load_row s WHERE s.load_id = ${loadId}
              ON CONFLICT (resource_id, record_key) DO UPDATE SET data = EXCLUDED.data, load_id = EXCLUDED.load_id, updated_at = now()
              RETURNING (xmax = 0) AS fresh)
            SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`,
      );
      await tx.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${loadId}`);
      const inserted = Number(counts.inserted);
      const updated = Number(counts.updated);
      // Every row of this load now stored was written by that one statement, in this transaction: no count needed.
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
    });
  } catch (error) {
    // A file that cannot be read is refused and recorded; anything else marks the load failed. The table is untouched.
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
