import { newWorkbook } from '../../platform/excel.ts';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { containsPattern, prefixPattern } from '../../platform/db/like.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { scopeFilter, type Permission, type RoleGrant } from '../../platform/permissions.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { caseErrors } from './cases.errors.ts';
import type { RegisterItem, RegisterQuery } from './cases.types.ts';

// 办件台账: every case (from its submission on) inside the asker's scope, searchable and exportable.

/** The permissions that open the register, each in its own scope: the window's region, the department, supervision. */
export const REGISTER_PERMISSIONS: readonly Permission[] = ['cases.accept', 'cases.review', 'cases.supervise'];

/** At most this many rows go into one workbook: a larger export is refused (narrow the filters). */
export const REGISTER_EXPORT_MAX = 10_000;

/**
 * Events that mean the user handled the case (已办): acting on it, not only opening, claiming it or applying. The
 * applicant's own events (created, submitted, correction_answered, withdrawn) are not handling.
 */
const HANDLING_EVENTS = [
  'accepted',
  'refused',
  'correction_requested',
  'step_completed',
  'step_transferred',
  'special_started',
  'special_ended',
  'extension_granted',
  'decided',
  'delivered',
];

/**
 * Where the register looks: the union of the asker's scopes for the three permissions (scopeFilter decides each, as
 * for the queues and supervision; canView in cases.views.ts is the same rule for one case). Drafts are the
 * applicant's own until submitted.
 */
function registerWhere(grants: readonly RoleGrant[], q: RegisterQuery, userId: number): SQL {
  const inside = REGISTER_PERMISSIONS.map((p) => scopeSql(scopeFilter(grants, p), sql`c.region_code`, sql`c.department_id`));
  const where: SQL[] = [sql`c.status <> 'draft'`, sql`(${sql.join(inside, sql` OR `)})`];
  if (q.number) where.push(sql`c.number LIKE ${prefixPattern(q.number)}`);
  if (q.applicant) {
    const term = q.applicant.trim();
    // A full ID number or USCC finds its cases (the list still shows it masked); otherwise the name, in part.
    where.push(sql`(c.applicant_id_number = ${term.toUpperCase()} OR c.applicant_name LIKE ${containsPattern(term)})`);
  }
  if (q.item) where.push(sql`(i.code = ${q.item} OR i.name LIKE ${containsPattern(q.item)})`);
  if (q.departmentId) where.push(sql`c.department_id = ${q.departmentId}`);
  if (q.status) where.push(sql`c.status = ${q.status}`);
  if (q.channel) where.push(sql`c.channel = ${q.channel}`);
  if (q.from) where.push(sql`c.received_on >= ${q.from}::date`);
  if (q.to) where.push(sql`c.received_on <= ${q.to}::date`);
  if (q.handledByMe)
    where.push(
      sql`EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.actor_user_id = ${userId} AND e.type IN (${sql.join(
        HANDLING_EVENTS.map((t) => sql`${t}`),
        sql`, `,
      )}))`,
    );
  return sql.join(where, sql` AND `);
}

interface RegisterRow {
  number: string;
  status: string;
  channel: string;
  implementation_code: string;
  implementation_name: string;
  department_id: number;
  department: string;
  region: string;
  applicant_kind: string;
  applicant_name: string;
  applicant_id_number: string;
  contact_phone: string | null;
  received_on: string | null;
  accepted_on: string | null;
  decided_on: string | null;
  outcome: string | null;
  current_step: string | null;
  total: number;
}

function registerSql(grants: readonly RoleGrant[], q: RegisterQuery, userId: number, limit: number, offset: number): SQL {
  return sql`
    SELECT c.number, c.status, c.channel, i.code AS implementation_code, i.name AS implementation_name, c.department_id, d.name AS department,
           r.name AS region, c.applicant_kind, c.applicant_name, c.applicant_id_number, c.contact_phone,
           c.received_on::text AS received_on, c.accepted_on::text AS accepted_on, c.decided_on::text AS decided_on, c.outcome,
           (SELECT s.name FROM case_step s WHERE s.case_id = c.id AND s.status = 'active') AS current_step,
           count(*) OVER ()::int AS total
    FROM service_case c
    JOIN pub_catalog_implementation i ON i.id = c.implementation_id
    JOIN pub_regions_department d ON d.id = c.department_id
    JOIN pub_regions_region r ON r.code = c.region_code
    WHERE ${registerWhere(grants, q, userId)}
    ORDER BY c.received_on DESC NULLS LAST, c.id DESC
    LIMIT ${limit} OFFSET ${offset}`;
}

function checkRange(q: RegisterQuery) {
  if (q.from && q.to && q.from > q.to) throw caseErrors.CASE_REGISTER_RANGE_INVALID({ from: q.from, to: q.to });
}

const item = (r: RegisterRow): RegisterItem => ({
  number: r.number,
  status: r.status,
  channel: r.channel,
  implementationCode: r.implementation_code,
  implementationName: r.implementation_name,
  departmentId: Number(r.department_id),
  department: r.department,
  region: r.region,
  applicantKind: r.applicant_kind,
  applicantName: r.applicant_name,
  applicantIdNumberMasked: maskIdNumber(r.applicant_id_number),
  contactPhoneMasked: maskPhone(r.contact_phone),
  receivedOn: r.received_on,
  acceptedOn: r.accepted_on,
  decidedOn: r.decided_on,
  outcome: r.outcome,
  currentStep: r.current_step,
});

/** One page of the register, newest submission first, with the number of cases the filters find. */
export async function listRegister(db: Db, viewer: { userId: number; grants: readonly RoleGrant[] }, q: RegisterQuery & { page: number; pageSize: number }) {
  checkRange(q);
  const rows = await queryRows<RegisterRow>(db, registerSql(viewer.grants, q, viewer.userId, q.pageSize, (q.page - 1) * q.pageSize));
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && q.page > 1) total = Number((await queryRows<RegisterRow>(db, registerSql(viewer.grants, q, viewer.userId, 1, 0)))[0]?.total ?? 0);
  return { total, items: rows.map(item) };
}

const STATUS_ZH: Record<string, string> = {
  submitted: '待受理',
  correction_requested: '待补正',
  in_review: '审查中',
  decided: '已决定',
  delivered: '已送达',
  refused: '不予受理',
  withdrawn: '已撤回',
};
const CHANNEL_ZH: Record<string, string> = { web: '网上申请', mobile: '移动端', window: '窗口', kiosk: '自助终端', agent: '代理', post: '邮寄', video: '视频' };
// OUTCOMES (cases.state.ts); 0 and 1 in words that fit every item type, not only 行政许可.
const OUTCOME_ZH: Record<string, string> = { '0': '准予', '1': '不予', '2': '作废办结', '4': '转报办结', '5': '撤回', '6': '不予受理' };

/** The register as an Excel workbook (the same filters, every page; ID numbers and phones masked as in the list). */
export async function registerWorkbook(db: Db, viewer: { userId: number; grants: readonly RoleGrant[] }, q: RegisterQuery): Promise<Buffer> {
  checkRange(q);
  const rows = await queryRows<RegisterRow>(db, registerSql(viewer.grants, q, viewer.userId, REGISTER_EXPORT_MAX + 1, 0));
  if (rows.length > REGISTER_EXPORT_MAX) throw caseErrors.CASE_REGISTER_TOO_LARGE({ limit: REGISTER_EXPORT_MAX });
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet('办件台账');
  sheet.columns = [
    { header: '办件编号', key: 'number', width: 24 },
    { header: '事项名称', key: 'implementationName', width: 30 },
    { header: '实施编码', key: 'implementationCode', width: 22 },
    { header: '办理部门', key: 'department', width: 24 },
    { header: '申请人', key: 'applicantName', width: 24 },
    { header: '证件号码', key: 'applicantIdNumberMasked', width: 22 },
    { header: '联系电话', key: 'contactPhoneMasked', width: 14 },
    { header: '申请渠道', key: 'channel', width: 10 },
    { header: '办件状态', key: 'status', width: 10 },
    { header: '当前环节', key: 'currentStep', width: 12 },
    { header: '收件日期', key: 'receivedOn', width: 12 },
    { header: '受理日期', key: 'acceptedOn', width: 12 },
    { header: '办结日期', key: 'decidedOn', width: 12 },
    { header: '办理结果', key: 'outcome', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows.map(item)) {
    // Names are free text typed by applicants: never a formula once the sheet is saved as CSV.
    sheet.addRow({
      ...r,
      implementationName: safeCell(r.implementationName),
      department: safeCell(r.department),
      applicantName: safeCell(r.applicantName),
      currentStep: safeCell(r.currentStep),
      channel: CHANNEL_ZH[r.channel] ?? r.channel,
      status: STATUS_ZH[r.status] ?? r.status,
      outcome: r.outcome ? (OUTCOME_ZH[r.outcome] ?? r.outcome) : null,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type { RegisterItem };
