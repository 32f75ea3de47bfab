import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { isValidIsoDate } from '../../platform/calendar/working-days.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { sm2Sign } from '../../platform/sm2.ts';
import { license, licenseSerial } from './licenses.schema.ts';
import { activeSealKey } from './licenses.keys.ts';
import { makeIdentifier } from './identifier.ts';
import { signedDataOf } from './licenses.issue.ts';

/**
 * Bulk import of licences issued before the platform (存量证照): CSV or xlsx with the columns
 * type_code, issuer_uscc, holder_kind (person|organisation), holder_name, holder_id, issue_date, valid_until, data (JSON).
 * Every row is checked first (row and column named, nothing written); then rows are sealed and inserted 1,000 at a
 * time with one audit entry per batch.
 */
export const IMPORT_COLUMNS = ['type_code', 'issuer_uscc', 'holder_kind', 'holder_name', 'holder_id', 'issue_date', 'valid_until', 'data'] as const;

export interface LicenceImportProblem {
  row: number;
  column: string;
  message: string;
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

function parseCsvLine(line: string): string[] {
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

async function rawRows(buffer: Buffer, format: 'csv' | 'xlsx'): Promise<{ row: number; cells: string[] }[]> {
  if (format === 'csv') {
    return buffer
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .map((line, i) => ({ row: i + 1, cells: parseCsvLine(line) }))
      .filter((r, i) => i > 0 && r.cells.some((c) => c.trim()));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: { row: number; cells: string[] }[] = [];
  wb.worksheets[0]?.eachRow((r, n) => {
    if (n > 1) out.push({ row: n, cells: IMPORT_COLUMNS.map((_, i) => r.getCell(i + 1).text ?? '') });
  });
  return out;
}

export async function parseLicenceFile(db: Db, buffer: Buffer, format: 'csv' | 'xlsx') {
  const problems: LicenceImportProblem[] = [];
  const rows: Row[] = [];
  const types = new Map((await queryRows<{ code: string; holder_kind: string }>(db, sql`SELECT code, holder_kind FROM license_type`)).map((t) => [t.code, t.holder_kind]));
  const issuers = new Set((await queryRows<{ uscc: string }>(db, sql`SELECT uscc FROM department`)).map((d) => d.uscc));
  for (const { row, cells } of await rawRows(buffer, format)) {
    const [typeCode, issuerUscc, holderKind, holderName, holderId, issueDate, validUntil, data] = IMPORT_COLUMNS.map((_, i) => (cells[i] ?? '').trim());
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const before = problems.length;
    if (!types.has(typeCode)) bad('type_code', `证照类型 ${typeCode || '（空）'} 不存在 (unknown licence type)`);
    if (!issuers.has(issuerUscc.toUpperCase())) bad('issuer_uscc', `签发机构 ${issuerUscc || '（空）'} 未登记 (unknown issuer)`);
    if (holderKind !== 'person' && holderKind !== 'organisation') bad('holder_kind', 'holder_kind 应为 person 或 organisation');
    else if (types.has(typeCode) && types.get(typeCode) !== holderKind) bad('holder_kind', `该证照类型的持证主体应为 ${types.get(typeCode)}`);
    if (!holderName) bad('holder_name', '持证主体名称为空 (empty)');
    const idCheck = holderKind === 'organisation' ? checkUscc(holderId) : checkIdNumber(holderId);
    if (!idCheck.valid) bad('holder_id', `${idCheck.reasonZh} (${idCheck.reason})`);
    if (!isValidIsoDate(issueDate)) bad('issue_date', `发证日期 ${issueDate} 不正确 (YYYY-MM-DD)`);
    if (validUntil && !isValidIsoDate(validUntil)) bad('valid_until', `有效期 ${validUntil} 不正确 (YYYY-MM-DD)`);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = data ? (JSON.parse(data) as Record<string, unknown>) : {};
      if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed === null) throw new Error();
    } catch {
      bad('data', '照面信息应为 JSON 对象 (data must be a JSON object)');
    }
    if (problems.length === before) rows.push({ row, typeCode, issuerUscc: issuerUscc.toUpperCase(), holderKind: holderKind as Row['holderKind'], holderName, holderId: holderId.toUpperCase(), issueDate, validUntil: validUntil || null, data: parsed });
  }
  return { rows, problems };
}

export async function importLicences(db: Db, ctx: RequestContext, rows: Row[], onProgress?: (done: number, total: number) => void): Promise<number> {
  const departments = new Map((await queryRows<{ id: number; uscc: string; name: string }>(db, sql`SELECT id, uscc, name FROM department`)).map((d) => [d.uscc, { id: Number(d.id), name: d.name }]));
  const typeNames = new Map((await queryRows<{ code: string; name: string }>(db, sql`SELECT code, name FROM license_type`)).map((t) => [t.code, t.name]));
  const BATCH = 1000;
  let done = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await db.transaction(async (tx) => {
      // Reserve serials per issuer and type for the whole batch in one statement each.
      const counts = new Map<string, number>();
      for (const r of batch) counts.set(`${r.issuerUscc}|${r.typeCode}`, (counts.get(`${r.issuerUscc}|${r.typeCode}`) ?? 0) + 1);
      const next = new Map<string, number>();
      for (const [key, n] of counts) {
        const [issuerUscc, typeCode] = key.split('|');
        const [row] = await tx
          .insert(licenseSerial)
          .values({ issuerUscc, typeCode, last: n })
          .onConflictDoUpdate({ target: [licenseSerial.issuerUscc, licenseSerial.typeCode], set: { last: sql`${licenseSerial.last} + ${n}` } })
          .returning({ last: licenseSerial.last });
        next.set(key, Number(row.last) - n + 1);
      }
      const keys = new Map<number, Awaited<ReturnType<typeof activeSealKey>>>();
      const values = [];
      for (const r of batch) {
        const dept = departments.get(r.issuerUscc)!;
        if (!keys.has(dept.id)) keys.set(dept.id, await activeSealKey(tx, ctx, dept.id));
        const key = keys.get(dept.id)!;
        const seq = next.get(`${r.issuerUscc}|${r.typeCode}`)!;
        next.set(`${r.issuerUscc}|${r.typeCode}`, seq + 1);
        const serial = `${r.issueDate.slice(0, 4)}${String(seq).padStart(6, '0')}`;
        const identifier = makeIdentifier({ typeCode: r.typeCode, issuerUscc: r.issuerUscc, serial, version: 1 });
        const holder = { kind: r.holderKind, name: r.holderName, idNumber: r.holderId };
        const signedData = signedDataOf({ identifier, typeCode: r.typeCode, typeName: typeNames.get(r.typeCode)!, issuerUscc: r.issuerUscc, issuerName: dept.name, holder, issueDate: r.issueDate, validUntil: r.validUntil, data: r.data, versionNo: 1 });
        values.push({
          identifier,
          typeCode: r.typeCode,
          serial,
          versionNo: 1,
          issuerDepartmentId: dept.id,
          issuerUscc: r.issuerUscc,
          holderKind: r.holderKind,
          holderName: r.holderName,
          holderIdNumber: r.holderId,
          issueDate: r.issueDate,
          validUntil: r.validUntil,
          data: r.data,
          status: 'valid',
          signedData,
          signature: sm2Sign(signedData, key.keys),
          sealKeyId: key.id,
        });
      }
      await tx.insert(license).values(values);
      await writeAudit(tx, ctx, { action: 'license.import', targetType: 'license_batch', targetId: `${values[0].identifier}…${values.length}`, change: values.map((v) => v.identifier) });
    });
    done += batch.length;
    onProgress?.(done, rows.length);
  }
  return done;
}
