// Reading and checking a load's rows (ADR 0048, 0050): the parse of an upload and the per-row checks, shared by the
// loader's own thread and its worker (exchange.load-worker.mjs), so both read a file the same way.
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { excel } from '../../platform/excel.ts';
import { copyText } from '../../platform/db/copy.ts';
import { AppError } from '../../platform/errors.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { checkRow, type ResourceField } from './exchange.core.ts';

/** Rows per staging COPY and progress step. */
export const BATCH = 10_000;
/** Problems kept in the load record (the counts cover them all). */
export const PROBLEMS_KEPT = 200;
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
export type Problem = { row: number; errors: string[] };

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

/** A header and a row's cells to the row by the header's keys (a cell count unlike the header's is a problem). */
function csvRow(header: string[], cells: string[], row: number): ReadRow {
  if (cells.length !== header.length) return { row, errors: [`${cells.length} columns where the header has ${header.length}`] };
  const values: Record<string, unknown> = {};
  for (let j = 0; j < header.length; j++) values[header[j]] = cells[j];
  return { row, values };
}

/**
 * Whether a cell may be taken as it is, untrimmed: csv-parse's trim would leave it unchanged (no space of any kind at
 * either end; a conservative superset of the characters it trims).
 */
function plainEdge(c: number): boolean {
  return !(
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The cells of a plain line (no quote, no carriage return, no cell with spaces at an end), or null when it is not plain. */
function plainCells(line: string): string[] | null {
  if (line.includes('"') || line.includes('\r')) return null;
  const cells = line.split(',');
  for (const c of cells) if (c && (!plainEdge(c.charCodeAt(0)) || !plainEdge(c.charCodeAt(c.length - 1)))) return null;
  return cells;
}

/**
 * The rows of a CSV upload (a header row of field keys). Lines are split here while they are plain — no quote, no
 * stray carriage return, no cell with spaces to trim: a generated export is all plain, and splitting it is several
 * times faster than csv-parse (ADR 0050). From the first line that is not plain to the end, csv-parse reads the rest
 * (quotes, embedded newlines, trimming) as it would have read it in the whole file — with the line ending of the
 * header, as it finds it — and rows and line numbers count on from those read here.
 */
async function* csvRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<ReadRow> {
  const chunks = bytes[Symbol.asyncIterator]();
  let header: string[] | undefined;
  let crlf = false; // the header's line ending, which csv-parse would take for every line
  let i = 0; // records read, the header included (csv-parse's count)
  let lines = 0; // lines read
  let carry: Buffer = Buffer.alloc(0);
  let rest: Buffer | undefined; // the bytes from the first line that is not plain
  let first = true;
  let ended = false;
  while (!rest && !ended) {
    const n = await chunks.next();
    let buf: Buffer;
    ended = n.done === true;
    if (n.done) buf = carry.length ? Buffer.concat([carry, Buffer.from('\n')]) : carry;
    else {
      buf = carry.length ? Buffer.concat([carry, n.value]) : n.value;
      if (first && buf.length < 3) {
        carry = buf;
        continue;
      }
    }
    if (first && buf.length) {
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      first = false;
    }
    const end = buf.lastIndexOf(10);
    carry = buf.subarray(end + 1);
    if (end < 0) continue;
    const text = buf.toString('utf8', 0, end + 1);
    let at = 0;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      let line = text.slice(at, nl);
      if (!header && line.endsWith('\r')) crlf = true;
      if (crlf && line.endsWith('\r')) line = line.slice(0, -1);
      else if (crlf) line = '\r'; // a bare line feed in a CRLF file: not plain
      const cells = line ? plainCells(line) : header ? [] : null;
      if (!cells) {
        rest = Buffer.concat([Buffer.from(ended ? text.slice(at, -1) : text.slice(at)), carry]);
        break;
      }
      at = nl + 1;
      lines++;
      if (!line) continue; // an empty line is skipped, as csv-parse's skip_empty_lines does
      i++;
      if (!header) header = cells;
      else yield csvRow(header, cells, i);
    }
  }
  if (!rest) return;
  // The rest through csv-parse, from the start of a line: its records and lines count on from those read here.
  const tail = rest;
  async function* remaining() {
    yield tail;
    for (;;) {
      const n = await chunks.next();
      if (n.done) return;
      yield n.value;
    }
  }
  const parser = Readable.from(remaining()).pipe(
    parse({
      bom: !header,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      ...(header ? { record_delimiter: crlf ? '\r\n' : '\n' } : {}),
    }),
  );
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      i++;
      if (!header) header = cells;
      else yield csvRow(header, cells, i);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const line = (e as { lines?: number }).lines;
    throw exchangeErrors.EXCHANGE_LOAD_INVALID({
      problems: [{ row: line === undefined ? i + 1 : lines + line, errors: ['the CSV cannot be read (an unclosed quote?)'] }],
    });
  }
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
    yield* csvRows(limited(source, maxBytes));
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

/** Where a load's lines are copied: its staging rows, or straight into the collected table (a resource's first load). */
export type LineLayout = { into: 'staging'; loadId: number } | { into: 'record'; resourceId: number; loadId: number };

/** The columns of each layout's lines. */
export const LAYOUT_COLUMNS = {
  staging: ['load_id', 'record_key', 'row_no', 'data'],
  record: ['resource_id', 'record_key', 'load_id', 'data'],
} as const;

/**
 * The loader's checks of rows as they are read: each row against the fields, a key repeated within the load refused
 * (a map of key → first row, ~60 B a key), and the good rows as lines in COPY's text format: staging rows
 * (load_id, record_key, row_no, data), or rows of the collected table itself (resource_id, record_key, load_id, data).
 * `take` hands over the lines gathered since the last call.
 */
export class RowChecker {
  rowsIn = 0;
  rejected = 0;
  readonly problems: Problem[] = [];
  private readonly firstRow = new Map<string, number>();
  private lines = '';
  private readonly prefix: string;
  /** The third column: the load (a record row), or null for each row's number (a staging row). */
  private readonly third: string | null;

  constructor(
    private readonly fields: readonly ResourceField[],
    private readonly keyField: string,
    layout: LineLayout,
  ) {
    this.prefix = `${layout.into === 'staging' ? layout.loadId : layout.resourceId}\t`;
    this.third = layout.into === 'staging' ? null : String(layout.loadId);
  }

  add(r: ReadRow): void {
    this.rowsIn++;
    const checked = r.values ? checkRow(this.fields, r.values) : { errors: r.errors ?? [] };
    if ('errors' in checked) return this.reject({ row: r.row, errors: checked.errors });
    const key = String(checked.data[this.keyField]);
    const first = this.firstRow.get(key);
    if (first !== undefined) return this.reject({ row: r.row, errors: [`the key repeats row ${first}`] });
    this.firstRow.set(key, r.row);
    this.lines += `${this.prefix}${copyText(key)}\t${this.third ?? r.row}\t${copyText(JSON.stringify(checked.data))}\n`;
  }

  take(): string {
    const lines = this.lines;
    this.lines = '';
    return lines;
  }

  private reject(p: Problem): void {
    this.rejected++;
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(p);
  }
}

/** What a load reads with: the upload's format, and the resource's fields and key that its rows are checked against. */
export interface LoadReading {
  format: LoadFormat;
  fields: readonly ResourceField[];
  keyField: string;
  layout: LineLayout;
}

/** A batch of checked rows as COPY lines, with the counts so far; the last one carries the problems (and the error that ended the read, if any). */
export interface CheckedBatch {
  lines: string;
  rowsIn: number;
  rejected: number;
  problems?: Problem[];
  error?: unknown;
}

/**
 * An upload's rows read and checked, as batches of BATCH rows' lines, then the rest with the problems and any error
 * that ended the reading: the loop of the loader's own thread and of its worker alike.
 */
export async function* checkedRows(reading: LoadReading, source: LoadSource, maxBytes = LOAD_MAX_BYTES): AsyncGenerator<CheckedBatch> {
  const checker = new RowChecker(reading.fields, reading.keyField, reading.layout);
  let error: unknown;
  try {
    for await (const r of readRows(reading.format, source, maxBytes)) {
      checker.add(r);
      if (checker.rowsIn % BATCH === 0) yield { lines: checker.take(), rowsIn: checker.rowsIn, rejected: checker.rejected };
    }
  } catch (e) {
    error = e;
  }
  yield { lines: checker.take(), rowsIn: checker.rowsIn, rejected: checker.rejected, problems: checker.problems, error };
}
