import { parse } from 'csv-parse/sync';
import { desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { iso } from '../../platform/time.ts';
import { exchangeLoad } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { checkRow, type ResourceField } from './exchange.core.ts';
import type { LoadView, ResourceView } from './exchange.types.ts';

/** Rows per INSERT … ON CONFLICT statement (one JSON array each, read by jsonb_to_recordset). */
const BATCH = 1000;
/** Problems kept in the load record (the counts cover them all). */
const PROBLEMS_KEPT = 200;

export interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

/**
 * The rows of an upload: CSV with a header row of field keys (csv-parse: quotes, embedded newlines, a BOM), or JSON
 * lines (one object a line). A row that cannot be read is a problem of that row; a file that cannot be read at all
 * (an unclosed quote) is refused whole.
 */
export function parseUpload(format: 'csv' | 'jsonl', text: string): { rows: ParsedRow[]; problems: { row: number; errors: string[] }[] } {
  const rows: ParsedRow[] = [];
  const problems: { row: number; errors: string[] }[] = [];
  if (format === 'jsonl') {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const value = JSON.parse(line) as unknown;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push({ row: i + 1, errors: ['a line is one JSON object'] });
        else rows.push({ row: i + 1, values: value as Record<string, unknown> });
      } catch {
        problems.push({ row: i + 1, errors: ['not valid JSON'] });
      }
    });
    return { rows, problems };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    throw exchangeErrors.EXCHANGE_LOAD_INVALID({ problems: [{ row: line, errors: ['the CSV cannot be read (an unclosed quote?)'] }] });
  }
  const [header, ...body] = records;
  if (!header) return { rows, problems };
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== header.length) {
      problems.push({ row, errors: [`${cells.length} columns where the header has ${header.length}`] });
      return;
    }
    rows.push({ row, values: Object.fromEntries(header.map((h, j) => [h, cells[j]])) });
  });
  return { rows, problems };
}

type LoadRow = typeof exchangeLoad.$inferSelect;
const shapeLoad = (l: LoadRow): LoadView => ({
  id: Number(l.id),
  resourceId: Number(l.resourceId),
  format: l.format as LoadView['format'],
  mode: l.mode as LoadView['mode'],
  status: l.status as LoadView['status'],
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
});

/**
 * One load (归集) into a resource's collected table, in one transaction: every row checked against the resource's
 * fields (and its key unique within the load); all_or_nothing refuses the whole load for one bad row (nothing
 * written, EXCHANGE_LOAD_INVALID with every problem), reject_bad_rows loads the good rows and counts the others. Good
 * rows are upserted by the key field in batches. The record: rows in, inserted, updated, rejected, and
 * reconciliation = declared − (rows of this load now stored + rejected), 0 when every row sent is accounted for.
 */
export async function loadRecords(
  db: Db,
  ctx: RequestContext,
  resource: ResourceView,
  input: { format: 'csv' | 'jsonl'; mode: 'all_or_nothing' | 'reject_bad_rows'; declaredCount?: number; text: string },
): Promise<LoadView> {
  const parsed = parseUpload(input.format, input.text);
  const rowsIn = parsed.rows.length + parsed.problems.length;
  if (rowsIn === 0) throw exchangeErrors.EXCHANGE_LOAD_EMPTY();
  const fields = resource.fields as ResourceField[];
  const problems = [...parsed.problems];
  const good: { key: string; data: Record<string, unknown> }[] = [];
  const seen = new Map<string, number>();
  for (const r of parsed.rows) {
    const checked = checkRow(fields, r.values);
    if ('errors' in checked) {
      problems.push({ row: r.row, errors: checked.errors });
      continue;
    }
    const key = String(checked.data[resource.keyField]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: r.row, errors: [`the key ${resource.keyField} repeats row ${first}`] });
      continue;
    }
    seen.set(key, r.row);
    good.push({ key, data: checked.data });
  }
  problems.sort((a, b) => a.row - b.row);
  if (problems.length && input.mode === 'all_or_nothing') {
    // Nothing is written but the record of the refusal (its own transaction), so the refusal is counted and visible.
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(exchangeLoad)
        .values({
          resourceId: resource.id,
          format: input.format,
          mode: input.mode,
          status: 'refused',
          rowsIn,
          inserted: 0,
          updated: 0,
          rejected: rowsIn,
          declaredCount: input.declaredCount ?? null,
          storedCount: 0,
          reconciliation: input.declaredCount === undefined ? null : input.declaredCount - rowsIn,
          problems: problems.slice(0, PROBLEMS_KEPT),
          createdBy: ctx.actor.username,
        })
        .returning({ id: exchangeLoad.id });
      await writeAudit(tx, ctx, {
        action: 'exchange.load.refuse',
        targetType: 'exchange_load',
        targetId: row.id,
        change: { resourceId: resource.id, rowsIn, problems: problems.length },
      });
    });
    throw exchangeErrors.EXCHANGE_LOAD_INVALID({ rowsIn, rejected: problems.length, problems: problems.slice(0, PROBLEMS_KEPT) });
  }
  return db.transaction(async (tx) => {
    const [load] = await tx
      .insert(exchangeLoad)
      .values({
        resourceId: resource.id,
        format: input.format,
        mode: input.mode,
        status: 'loaded',
        rowsIn,
        inserted: 0,
        updated: 0,
        rejected: problems.length,
        declaredCount: input.declaredCount ?? null,
        storedCount: 0,
        problems: problems.slice(0, PROBLEMS_KEPT),
        createdBy: ctx.actor.username,
      })
      .returning({ id: exchangeLoad.id });
    const loadId = Number(load.id);
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < good.length; i += BATCH) {
      const chunk = JSON.stringify(good.slice(i, i + BATCH));
      const [counts] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        sql`WITH up AS (
              INSERT INTO exchange_record (resource_id, record_key, data, load_id)
              SELECT ${resource.id}, r.key, r.data, ${loadId} FROM jsonb_to_recordset(${chunk}::jsonb) AS r(key text, data jsonb)
              ON CONFLICT (resource_id, record_key) DO UPDATE SET data = EXCLUDED.data, load_id = EXCLUDED.load_id, updated_at = now()
              RETURNING (xmax = 0) AS fresh)
            SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`,
      );
      inserted += Number(counts.inserted);
      updated += Number(counts.updated);
    }
    const [{ stored }] = await queryRows<{ stored: number }>(
      tx,
      sql`SELECT count(*)::int AS stored FROM exchange_record WHERE resource_id = ${resource.id} AND load_id = ${loadId}`,
    );
    const reconciliation = input.declaredCount === undefined ? null : input.declaredCount - (Number(stored) + problems.length);
    const [row] = await tx
      .update(exchangeLoad)
      .set({ inserted, updated, storedCount: Number(stored), reconciliation })
      .where(eq(exchangeLoad.id, loadId))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'exchange.load.create',
      targetType: 'exchange_load',
      targetId: loadId,
      change: { resourceId: resource.id, rowsIn, inserted, updated, rejected: problems.length, declared: input.declaredCount ?? null },
    });
    return shapeLoad(row);
  });
}

export async function listLoads(db: Db, resourceId: number) {
  return (await db.select().from(exchangeLoad).where(eq(exchangeLoad.resourceId, resourceId)).orderBy(desc(exchangeLoad.id)).limit(50)).map(shapeLoad);
}
