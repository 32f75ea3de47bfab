import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { excel } from '../../platform/excel.ts';
import { batchRow } from '../../platform/batch.ts';
import { iso } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import { exchangeLoad } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { checkRow, type ResourceField } from './exchange.core.ts';
import type { LoadView, ResourceView } from './exchange.types.ts';

/** Rows per staging statement and progress step (one JSON array each, read by jsonb_to_recordset). */
const BATCH = 5000;
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

/** A checked row waiting in exchange_load_row (declared once for its type, its record list and its INSERT). */
const staged = batchRow({ recordKey: 'text', rowNo: 'int', data: 'jsonb' });

/**
 * Puts a batch of checked rows into the load's staging rows, in its own transaction with the progress, so that a
 * poller sees rows_done grow. Returns the rows whose key an earlier row of the load already had, with that row.
 */
async function stage(db: Db, loadId: number, rows: (typeof staged.type)[], progress: { rowsDone: number; rejected: number }): Promise<Problem[]> {
  return db.transaction(async (tx) => {
    const problems: Problem[] = [];
    if (rows.length) {
      const put = await queryRows<{ row_no: number }>(
        tx,
        sql`INSERT INTO exchange_load_row (load_id, ${sql.raw(staged.columns())})
            SELECT ${loadId}, ${sql.raw(staged.values('q'))} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS ${sql.raw(staged.record('q'))}
            ON CONFLICT DO NOTHING RETURNING row_no`,
      );
      // A row not put in repeats a key staged before (in this batch or an earlier one): rare, so looked up only then.
      if (put.length < rows.length) {
        const inserted = new Set(put.map((p) => Number(p.row_no)));
        const left = rows.filter((r) => !inserted.has(r.rowNo));
        const first = await queryRows<{ record_key: string; row_no: number }>(
          tx,
          sql`SELECT record_key, row_no FROM exchange_load_row WHERE load_id = ${loadId} AND record_key IN (SELECT jsonb_array_elements_text(${JSON.stringify(left.map((r) => r.recordKey))}::jsonb))`,
        );
        const firstOf = new Map(first.map((f) => [f.record_key, Number(f.row_no)]));
        for (const r of left) problems.push({ row: r.rowNo, errors: [`the key repeats row ${firstOf.get(r.recordKey)}`] });
      }
    }
    await tx
      .update(exchangeLoad)
      .set({ rowsDone: progress.rowsDone, rejected: progress.rejected + problems.length })
      .where(eq(exchangeLoad.id, loadId));
    return problems;
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
  input: { format: LoadFormat; mode: 'all_or_nothing' | 'reject_bad_rows'; declaredCount?: number; text: LoadSource },
): Promise<LoadView> {
  const fields = resource.fields as ResourceField[];
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
    })
    .returning({ id: exchangeLoad.id });
  const loadId = Number(load.id);
  const problems: Problem[] = [];
  let rejected = 0;
  let rowsIn = 0;
  const reject = (p: Problem) => {
    rejected++;
    if (problems.length < PROBLEMS_KEPT) problems.push(p);
  };
  const dropStaged = () => db.execute(sql`DELETE FROM exchange_load_row WHERE load_id = ${loadId}`);
  try {
    let batch: (typeof staged.type)[] = [];
    const flush = async () => {
      // All-or-nothing with a bad row already: nothing will be written, so nothing more is staged (rows are still checked).
      const rows = input.mode === 'all_or_nothing' && rejected ? [] : batch;
      batch = [];
      for (const p of await stage(db, loadId, rows, { rowsDone: rowsIn, rejected })) reject(p);
    };
    for await (const r of readRows(input.format, input.text)) {
      rowsIn++;
      const checked = r.values ? checkRow(fields, r.values) : { errors: r.errors ?? [] };
      if ('errors' in checked) reject({ row: r.row, errors: checked.errors });
      else batch.push({ recordKey: String(checked.data[resource.keyField]), rowNo: r.row, data: checked.data });
      if (rowsIn % BATCH === 0) await flush();
    }
    await flush();
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
      const [{ stored }] = await queryRows<{ stored: number }>(
        tx,
        sql`SELECT count(*)::int AS stored FROM exchange_record WHERE resource_id = ${resource.id} AND load_id = ${loadId}`,
      );
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
