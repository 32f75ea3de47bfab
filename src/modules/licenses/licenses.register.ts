import { newWorkbook } from '../../platform/excel.ts';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { today } from '../../platform/clock.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { licenseErrors } from './licenses.errors.ts';
import { effectiveStatus, identifierOf, publicHolder, type LicenseStatus } from './licenses.issue.ts';

/** The filters of the licence register (证照台账); every one optional. */
export interface RegisterQuery {
  typeCode?: string;
  status?: LicenseStatus;
  departmentId?: number;
  issuedFrom?: string;
  issuedTo?: string;
  /** A holder's name (part of it) or ID number / USCC (whole). */
  holder?: string;
  page: number;
  pageSize: number;
}

const EXPORT_LIMIT = 50_000;

/**
 * The conditions of a register query within the reader's scope (the issuing department's region and id). Status as
 * a verifier sees it (effectiveStatus): a valid licence past its date is expired even before the expiry job ran.
 * Superseded versions only when asked for: the register lists each licence once, at its current version.
 */
export function conditions(q: Omit<RegisterQuery, 'page' | 'pageSize'>, within: ScopeFilter): SQL {
  const on = today();
  const conds: SQL[] = [scopeSql(within, sql`d.region_code`, sql`l.issuer_department_id`)];
  if (q.typeCode) conds.push(sql`l.type_code = ${q.typeCode.toUpperCase()}`);
  if (q.departmentId) conds.push(sql`l.issuer_department_id = ${q.departmentId}`);
  if (q.issuedFrom) conds.push(sql`l.issue_date >= ${q.issuedFrom}`);
  if (q.issuedTo) conds.push(sql`l.issue_date <= ${q.issuedTo}`);
  const holder = q.holder?.trim();
  if (holder) conds.push(sql`(l.holder_name ILIKE ${containsPattern(holder)} OR l.holder_id_number = ${holder.toUpperCase()})`);
  if (q.status === 'valid') conds.push(sql`l.status = 'valid' AND (l.valid_until IS NULL OR l.valid_until >= ${on})`);
  else if (q.status === 'expired') conds.push(sql`(l.status = 'expired' OR (l.status = 'valid' AND l.valid_until < ${on}))`);
  else if (q.status) conds.push(sql`l.status = ${q.status}`);
  else conds.push(sql`l.status <> 'superseded'`);
  return sql.join(conds, sql` AND `);
}

interface RegisterRow {
  identifier: string | null;
  type_code: string;
  issuer_uscc: string;
  serial: string;
  type_name: string;
  issuer_department_id: number;
  issuer_name: string;
  holder_kind: string;
  holder_name: string;
  holder_id_number: string;
  issue_date: string;
  valid_until: string | null;
  status: string;
  case_number: string | null;
  version_no: number;
}

async function rows(db: Db, where: SQL, limit: number, offset: number) {
  return queryRows<RegisterRow>(
    db,
    sql`SELECT l.identifier, l.type_code, l.issuer_uscc, l.serial, t.name AS type_name, l.issuer_department_id, d.name AS issuer_name, l.holder_kind, l.holder_name,
               l.holder_id_number, l.issue_date::text AS issue_date, l.valid_until::text AS valid_until, l.status, l.case_number, l.version_no
        FROM license l JOIN license_type t ON t.code = l.type_code JOIN pub_regions_department d ON d.id = l.issuer_department_id
        WHERE ${where} ORDER BY l.issue_date DESC, l.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
}

/** A register line: a natural person's name and ID number masked (a list), an organisation's in full (public). */
function shape(r: RegisterRow) {
  const shown = publicHolder({ kind: r.holder_kind, name: r.holder_name, idNumber: r.holder_id_number });
  return {
    identifier: identifierOf({ identifier: r.identifier, typeCode: r.type_code, issuerUscc: r.issuer_uscc, serial: r.serial, versionNo: Number(r.version_no) }),
    typeCode: r.type_code,
    typeName: r.type_name,
    issuerDepartmentId: Number(r.issuer_department_id),
    issuer: r.issuer_name,
    holderKind: r.holder_kind as 'person' | 'organisation',
    holder: shown.holder,
    holderId: shown.holderId,
    issueDate: r.issue_date,
    validUntil: r.valid_until,
    status: effectiveStatus({ status: r.status, validUntil: r.valid_until }),
    caseNumber: r.case_number,
    versionNo: Number(r.version_no),
  };
}
export type RegisterItem = ReturnType<typeof shape>;

/** 证照台账: the licences issued by the departments within the reader's scope, filtered and paged. */
export async function listRegister(db: Db, q: RegisterQuery, within: ScopeFilter) {
  const where = conditions(q, within);
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM license l JOIN pub_regions_department d ON d.id = l.issuer_department_id WHERE ${where}`,
  );
  const items = (await rows(db, where, q.pageSize, (q.page - 1) * q.pageSize)).map(shape);
  return { items, total: Number(total), page: q.page, pageSize: q.pageSize };
}

const STATUS_ZH: Record<LicenseStatus, string> = { valid: '有效', suspended: '暂停', revoked: '已撤销', expired: '已过期', superseded: '已换发' };

/** The register as an Excel workbook: the same filters and scope, masked as the list is, at most 50,000 lines. */
export async function registerWorkbook(db: Db, q: Omit<RegisterQuery, 'page' | 'pageSize'>, within: ScopeFilter): Promise<Buffer> {
  const where = conditions(q, within);
  const found = await rows(db, where, EXPORT_LIMIT + 1, 0);
  if (found.length > EXPORT_LIMIT) throw licenseErrors.LICENSE_REGISTER_TOO_LARGE({ limit: EXPORT_LIMIT });
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('证照台账');
  sheet.columns = [
    { header: '序号', key: 'n', width: 8 },
    { header: '证照名称', key: 'typeName', width: 24 },
    { header: '持证主体', key: 'holder', width: 30 },
    { header: '持证主体代码', key: 'holderId', width: 22 },
    { header: '发证机关', key: 'issuer', width: 28 },
    { header: '发证日期', key: 'issueDate', width: 12 },
    { header: '有效期至', key: 'validUntil', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '办件编号', key: 'caseNumber', width: 22 },
    { header: '电子证照标识', key: 'identifier', width: 72 },
  ];
  sheet.getRow(1).font = { bold: true };
  found.map(shape).forEach((r, i) =>
    sheet.addRow({
      n: i + 1,
      typeName: safeCell(r.typeName),
      holder: safeCell(r.holder),
      holderId: safeCell(r.holderId ?? ''),
      issuer: safeCell(r.issuer),
      issueDate: r.issueDate,
      validUntil: r.validUntil ?? '长期',
      status: STATUS_ZH[r.status],
      caseNumber: safeCell(r.caseNumber ?? ''),
      identifier: r.identifier,
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
