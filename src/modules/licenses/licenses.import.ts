import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { excel } from '../../platform/excel.ts';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { isValidIsoDate } from '../../platform/calendar/working-days.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import type { Sm2KeyPair } from '../../platform/sm2.ts';
import { license, licenseSerial } from './licenses.schema.ts';
import { activeSealKey, sealVerdict } from './licenses.keys.ts';
import { makeIdentifier } from './identifier.ts';
import { sealedNamesId, sealStorage, signedDataOf } from './licenses.issue.ts';
import { createSealPool, defaultSealWorkers } from './licenses.seal-pool.ts';
import { licenseData } from './licenses.types.ts';

/**
 * Bulk import of licences issued before the platform (存量证照): CSV or xlsx with the columns
 * type_code, issuer_uscc, holder_kind (person|organisation), holder_name, holder_id, issue_date, valid_until, data (JSON).
 *
 * Every row is checked first (row and column named, nothing written). Only when no row has a problem are the rows
 * sealed and inserted, BATCH at a time, each batch in one transaction with one audit entry. A file is streamed twice
 * (check, then import), so a city's 10 million rows never sit in memory. While one batch is inserted the next is
 * sealed, on worker threads when there are cores to spare (licenses.seal-pool.ts), and the one after is prepared.
 *
 * Serial numbers are reserved per batch ahead of its transaction, so an import that fails half-way leaves a gap in
 * the serials of the batch that failed; the batches before it stay imported.
 */
export const IMPORT_COLUMNS = ['type_code', 'issuer_uscc', 'holder_kind', 'holder_name', 'holder_id', 'issue_date', 'valid_until', 'data'] as const;

/** Rows per transaction (one multi-row INSERT and one audit entry each). */
export const IMPORT_BATCH = 1000;

/** Problems kept in a result; all of them still go to onProblem. */
const KEPT_PROBLEMS = 1000;

export type LicenseFileFormat = 'csv' | 'xlsx';

export interface LicenseImportProblem {
  row: number;
  column: string;
  message: string;
}

/** One line of the file: its row number (the header is row 1) and its cells. */
export interface RawLicenseRow {
  row: number;
  cells: string[];
}

interface Row {
  row: number;
  typeCode: string;
  issuerUscc: string;
  holderKind: 'person' | 'organisation';
  holderName: string;
  holderId: string;
  issueDate: string;
  validUntil: string | null;
  data: Record<string, unknown>;
}

/** The rows of a file or buffer, streamed anew each time it is called. */
export type RowSource = () => AsyncIterable<RawLicenseRow>;

export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

async function* csvRows(input: NodeJS.ReadableStream): AsyncGenerator<RawLicenseRow> {
  let n = 0;
  for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (n === 1 || !line.trim()) continue;
    const cells = parseCsvLine(line);
    if (cells.some((c) => c.trim())) yield { row: n, cells };
  }
}

async function* xlsxRows(input: NodeJS.ReadableStream): AsyncGenerator<RawLicenseRow> {
  // The streaming reader: a sheet of a million rows is read row by row, not loaded whole.
  const reader = new (await excel()).stream.xlsx.WorkbookReader(input as unknown as Readable, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const r of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if (r.number > 1) {
        const cells = IMPORT_COLUMNS.map((_, i) => r.getCell(i + 1).text ?? '');
        if (cells.some((c) => c.trim())) yield { row: r.number, cells };
      }
    }
    break; // the first worksheet only
  }
}

/** A file on disk, streamed (never read whole). */
export function fileRows(file: string, format: LicenseFileFormat): RowSource {
  return () => (format === 'csv' ? csvRows(fs.createReadStream(file)) : xlsxRows(fs.createReadStream(file)));
}

/** A file already in memory (an upload, a test). */
export function bufferRows(buffer: Buffer, format: LicenseFileFormat): RowSource {
  return () => (format === 'csv' ? csvRows(Readable.from([buffer])) : xlsxRows(Readable.from([buffer])));
}

interface Lookups {
  types: Map<string, { holderKind: string; name: string }>;
  issuers: Map<string, { id: number; name: string }>;
}

async function loadLookups(db: Db): Promise<Lookups> {
  const types = await queryRows<{ code: string; holder_kind: string; name: string }>(db, sql`SELECT code, holder_kind, name FROM license_type`);
  const depts = await queryRows<{ id: number; uscc: string; name: string }>(db, sql`SELECT id, uscc, name FROM pub_regions_department`);
  return {
    types: new Map(types.map((t) => [t.code, { holderKind: t.holder_kind, name: t.name }])),
    issuers: new Map(depts.map((d) => [d.uscc, { id: Number(d.id), name: d.name }])),
  };
}

/** Checks one row: the row to import, or its problems (each naming the row and the column). */
function checkRow(lookups: Lookups, { row, cells }: RawLicenseRow): { row: Row } | { problems: LicenseImportProblem[] } {
  const [typeCode, issuerUscc, holderKind, holderName, holderId, issueDate, validUntil, data] = IMPORT_COLUMNS.map((_, i) => (cells[i] ?? '').trim());
  const problems: LicenseImportProblem[] = [];
  const bad = (column: string, message: string) => problems.push({ row, column, message });
  const type = lookups.types.get(typeCode);
  if (!type) bad('type_code', `证照类型 ${typeCode || '（空）'} 不存在 (unknown licence type)`);
  if (!lookups.issuers.has(issuerUscc.toUpperCase())) bad('issuer_uscc', `签发机构 ${issuerUscc || '（空）'} 未登记 (unknown issuer)`);
  if (holderKind !== 'person' && holderKind !== 'organisation') bad('holder_kind', 'holder_kind 应为 person 或 organisation');
  else if (type && type.holderKind !== holderKind) bad('holder_kind', `该证照类型的持证主体应为 ${type.holderKind}`);
  if (!holderName) bad('holder_name', '持证主体名称为空 (empty)');
  const idCheck = holderKind === 'organisation' ? checkUscc(holderId) : checkIdNumber(holderId);
  if (!idCheck.valid) bad('holder_id', `${idCheck.reasonZh} (${idCheck.reason})`);
  if (!isValidIsoDate(issueDate)) bad('issue_date', `发证日期 ${issueDate} 不正确 (YYYY-MM-DD)`);
  if (validUntil && !isValidIsoDate(validUntil)) bad('valid_until', `有效期 ${validUntil} 不正确 (YYYY-MM-DD)`);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = data ? (JSON.parse(data) as Record<string, unknown>) : {};
    if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed === null || !licenseData.safeParse(parsed).success) throw new Error();
  } catch {
    bad('data', '照面信息应为 JSON 对象，值为文字、数字、是否或其列表 (data must be a JSON object of texts, numbers, booleans or lists)');
  }
  if (problems.length) return { problems };
  return {
    row: {
      row,
      typeCode,
      issuerUscc: issuerUscc.toUpperCase(),
      holderKind: holderKind as Row['holderKind'],
      holderName,
      holderId: holderId.toUpperCase(),
      issueDate,
      validUntil: validUntil || null,
      data: parsed,
    },
  };
}

export interface LicenseCheckResult {
  /** Rows without a problem. */
  rows: number;
  /** Rows with at least one problem. */
  badRows: number;
  /** The first problems (all of them went to onProblem). */
  problems: LicenseImportProblem[];
}

/** Checks every row of a source without writing anything; each problem goes to onProblem as it is found. */
export async function checkLicenseRows(db: Db, source: RowSource, onProblem?: (p: LicenseImportProblem) => void): Promise<LicenseCheckResult> {
  const lookups = await loadLookups(db);
  const result: LicenseCheckResult = { rows: 0, badRows: 0, problems: [] };
  for await (const raw of source()) {
    const r = checkRow(lookups, raw);
    if ('row' in r) {
      result.rows++;
      continue;
    }
    result.badRows++;
    for (const p of r.problems) {
      if (result.problems.length < KEPT_PROBLEMS) result.problems.push(p);
      onProblem?.(p);
    }
  }
  return result;
}

export interface LicenseImportOptions {
  onProgress?: (done: number, total: number) => void;
  onProblem?: (p: LicenseImportProblem) => void;
  /** Check only; write nothing. */
  dryRun?: boolean;
  /** Seal on this many worker threads; 0 seals on this thread. Default: defaultSealWorkers(). */
  workers?: number;
  /** Rows per transaction (default IMPORT_BATCH). */
  batchSize?: number;
}

export interface LicenseImportResult extends LicenseCheckResult {
  /** Licences imported: 0 when any row had a problem, or on a dry run. */
  imported: number;
}

/**
 * Checks every row, then, if none has a problem, seals and imports them all. With a problem anywhere nothing is
 * written, and the result lists the problems by row and column (as `tongban licenses import` prints them).
 */
export async function importLicenseRows(db: Db, ctx: RequestContext, source: RowSource, options: LicenseImportOptions = {}): Promise<LicenseImportResult> {
  const checked = await checkLicenseRows(db, source, options.onProblem);
  if (checked.badRows > 0 || options.dryRun) return { ...checked, imported: 0 };
  const imported = await sealAndInsert(db, ctx, source, checked.rows, options);
  return { ...checked, imported };
}

/** `tongban licenses import FILE`: the file is streamed, once to check it and once to import it. */
export async function importLicenseFile(db: Db, ctx: RequestContext, file: string, options: LicenseImportOptions = {}): Promise<LicenseImportResult> {
  return importLicenseRows(db, ctx, fileRows(file, file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'), options);
}

/** A licence to insert: its identifier and signed data (for its seal) besides the columns it stores. */
type PreparedLicense = typeof license.$inferInsert & { identifier: string; signed: string };

interface Prepared {
  /** File rows of the batch, first and last. */
  rows: [number, number];
  values: PreparedLicense[];
  messages: string[];
  keyIndexes: number[];
}

async function sealAndInsert(db: Db, ctx: RequestContext, source: RowSource, total: number, options: LicenseImportOptions): Promise<number> {
  const lookups = await loadLookups(db);
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const pool = createSealPool(options.workers ?? defaultSealWorkers());
  // Seal keys, loaded (or created) once per issuing department for the whole import.
  const keyIndex = new Map<number, number>();
  const keyIds: number[] = [];
  const keyPairs: Sm2KeyPair[] = [];
  const keyOf = async (departmentId: number) => {
    let k = keyIndex.get(departmentId);
    if (k === undefined) {
      const key = await db.transaction((tx) => activeSealKey(tx, ctx, departmentId));
      k = keyPairs.length;
      keyPairs.push(key.keys);
      keyIds.push(key.id);
      keyIndex.set(departmentId, k);
    }
    return k;
  };

  // The rows of the names each seal signs (type, issuer), looked up or added once per pair for the whole import.
  const namesIds = new Map<string, number>();
  const namesIdOf = async (names: { typeName: string; issuerName: string }) => {
    const key = `${names.typeName}\n${names.issuerName}`;
    let id = namesIds.get(key);
    if (id === undefined) namesIds.set(key, (id = await sealedNamesId(db, names)));
    return id;
  };

  /** Serials for a batch (one upsert per issuer and type), identifiers, and the data each seal signs. */
  const prepare = async (batch: Row[]): Promise<Prepared> => {
    const counts = new Map<string, number>();
    for (const r of batch) counts.set(`${r.issuerUscc}|${r.typeCode}`, (counts.get(`${r.issuerUscc}|${r.typeCode}`) ?? 0) + 1);
    const next = new Map<string, number>();
    for (const [key, n] of counts) {
      const [issuerUscc, typeCode] = key.split('|');
      const [row] = await db
        .insert(licenseSerial)
        .values({ issuerUscc, typeCode, last: n })
        .onConflictDoUpdate({ target: [licenseSerial.issuerUscc, licenseSerial.typeCode], set: { last: sql`${licenseSerial.last} + ${n}` } })
        .returning({ last: licenseSerial.last });
      next.set(key, Number(row.last) - n + 1);
    }
    const out: Prepared = { rows: [batch[0].row, batch[batch.length - 1].row], values: [], messages: [], keyIndexes: [] };
    for (const r of batch) {
      const dept = lookups.issuers.get(r.issuerUscc)!;
      const k = await keyOf(dept.id);
      const seq = next.get(`${r.issuerUscc}|${r.typeCode}`)!;
      next.set(`${r.issuerUscc}|${r.typeCode}`, seq + 1);
      const serial = `${r.issueDate.slice(0, 4)}${String(seq).padStart(6, '0')}`;
      const identifier = makeIdentifier({ typeCode: r.typeCode, issuerUscc: r.issuerUscc, serial, version: 1 });
      const holder = { kind: r.holderKind, name: r.holderName, idNumber: r.holderId };
      const names = { typeName: lookups.types.get(r.typeCode)!.name, issuerName: dept.name };
      const signedData = signedDataOf({
        identifier,
        ...names,
        typeCode: r.typeCode,
        issuerUscc: r.issuerUscc,
        holder,
        issueDate: r.issueDate,
        validUntil: r.validUntil,
        data: r.data,
        versionNo: 1,
      });
      out.messages.push(signedData);
      out.keyIndexes.push(k);
      const columns = {
        typeCode: r.typeCode,
        serial,
        versionNo: 1,
        issuerUscc: r.issuerUscc,
        holderKind: r.holderKind,
        holderName: r.holderName,
        holderIdNumber: r.holderId,
        issueDate: r.issueDate,
        validUntil: r.validUntil,
        data: r.data,
      };
      out.values.push({
        ...columns,
        identifier,
        signed: signedData,
        issuerDepartmentId: dept.id,
        status: 'valid',
        // Rebuilt from the columns and names when read (ADR 0029); stored only where it could not be.
        ...sealStorage(columns, names, signedData, await namesIdOf(names)),
        signature: '',
        sealKeyId: keyIds[k],
      });
    }
    return out;
  };

  const insert = (values: Prepared['values']) =>
    db.transaction(async (tx) => {
      await insertLicenses(tx, values);
      await writeAudit(tx, ctx, {
        action: 'license.import',
        targetType: 'license_batch',
        targetId: `${values[0].identifier}…${values.length}`,
        change: values.map((v) => v.identifier),
      });
    });

  // A pipeline: this thread reads, checks and prepares batch k+2 while the workers seal batch k+1 and PostgreSQL
  // inserts batch k. Inserts stay in file order, one at a time; at most two batches wait beyond the one being read.
  let failure: unknown;
  let done = 0;
  let tail: Promise<void> = Promise.resolve();
  const outstanding: Promise<void>[] = [];
  const flush = async (batch: Row[]) => {
    const p = await prepare(batch);
    const signed = pool.sign({ messages: p.messages, keyIndexes: p.keyIndexes, keys: keyPairs });
    const previous = tail;
    tail = (async () => {
      try {
        const signatures = await signed;
        await previous;
        if (failure) return;
        p.values.forEach((v, i) => {
          v.signature = signatures[i];
          v.sealVerdict = sealVerdict({ identifier: v.identifier, sealKeyId: v.sealKeyId ?? null, signature: v.signature, signedData: v.signed });
        });
        try {
          await insert(p.values);
        } catch (e) {
          // Name the rows of the batch and the database's own words (drizzle wraps them as the cause).
          const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
          throw new Error(`rows ${p.rows[0]}–${p.rows[1]} were not imported (${done} licences before them were): ${cause}`, { cause: e });
        }
        done += p.values.length;
        options.onProgress?.(done, total);
      } catch (e) {
        failure ??= e;
      }
    })();
    outstanding.push(tail);
    if (outstanding.length >= 2) await outstanding.shift();
    if (failure) throw failure;
  };
  try {
    let batch: Row[] = [];
    for await (const raw of source()) {
      const r = checkRow(lookups, raw);
      if (!('row' in r))
        throw new Error(`row ${raw.row} changed since the file was checked: ${r.problems.map((p) => `[${p.column}] ${p.message}`).join('; ')}`);
      batch.push(r.row);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length) await flush(batch);
    await tail;
    if (failure) throw failure;
  } finally {
    await tail;
    await pool.close();
  }
  return done;
}

/**
 * One INSERT for a whole batch with one array parameter per column (unnest), instead of a VALUES list with 16
 * parameters per row: the statement stays small whatever the batch size, and building it costs little. The identifier
 * is not stored (it is derived from its parts, ADR 0029); signature and verdict go as hex text, decoded to bytes here.
 */
async function insertLicenses(tx: Db, values: Prepared['values']) {
  // sql.param: a JS array is one array parameter (a bare array in sql`` would become a list of parameters).
  const col = <K extends keyof Prepared['values'][number]>(k: K) => sql.param(values.map((v) => v[k] ?? null));
  const hex = (pick: (v: PreparedLicense) => string | null | undefined, from: BufferEncoding) =>
    sql.param(values.map((v) => (pick(v) == null ? null : Buffer.from(pick(v)!, from).toString('hex'))));
  await tx.execute(sql`
    INSERT INTO license (type_code, serial, version_no, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
                         issue_date, valid_until, data, status, signed_data, sealed_names_id, signature, seal_key_id, seal_verdict)
    SELECT type_code, serial, 1, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
           issue_date, valid_until, data::json, 'valid', signed_data, sealed_names_id, decode(signature, 'hex'), seal_key_id, decode(seal_verdict, 'hex')
    FROM unnest(${col('typeCode')}::text[], ${col('serial')}::text[], ${col('issuerDepartmentId')}::bigint[], ${col('issuerUscc')}::text[],
                ${col('holderKind')}::text[], ${col('holderName')}::text[], ${col('holderIdNumber')}::text[], ${col('issueDate')}::date[], ${col('validUntil')}::date[],
                ${sql.param(values.map((v) => JSON.stringify(v.data)))}::text[], ${col('signedData')}::text[], ${col('sealedNamesId')}::int[],
                ${hex((v) => v.signature, 'base64')}::text[], ${col('sealKeyId')}::bigint[], ${hex((v) => v.sealVerdict, 'hex')}::text[])
         AS t(type_code, serial, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number, issue_date, valid_until, data, signed_data, sealed_names_id,
              signature, seal_key_id, seal_verdict)`);
}

/** The rows of a file in memory, checked: the rows to import and every problem (row and column named). */
export async function parseLicenseFile(db: Db, buffer: Buffer, format: LicenseFileFormat) {
  const lookups = await loadLookups(db);
  const rows: Row[] = [];
  const problems: LicenseImportProblem[] = [];
  for await (const raw of bufferRows(buffer, format)()) {
    const r = checkRow(lookups, raw);
    if ('row' in r) rows.push(r.row);
    else problems.push(...r.problems);
  }
  return { rows, problems };
}

/** Seals and imports rows already checked by parseLicenceFile. */
export async function importLicenses(
  db: Db,
  ctx: RequestContext,
  rows: Row[],
  onProgress?: (done: number, total: number) => void,
  workers?: number,
): Promise<number> {
  const source: RowSource = async function* () {
    for (const r of rows)
      yield { row: r.row, cells: [r.typeCode, r.issuerUscc, r.holderKind, r.holderName, r.holderId, r.issueDate, r.validUntil ?? '', JSON.stringify(r.data)] };
  };
  return sealAndInsert(db, ctx, source, rows.length, { onProgress, workers });
}
