import { sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { figures, type Level } from './ratings.codes.ts';

export const DIMENSIONS = ['department', 'implementation', 'clerk', 'channel', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const KEY: Record<Dimension, SQL> = {
  department: sql`r.department_id::text`,
  implementation: sql`r.implementation_id::text`,
  clerk: sql`COALESCE(r.clerk_user_id::text, '')`,
  channel: sql`COALESCE(r.channel, 'default')`,
  month: sql`to_char(r.month, 'YYYY-MM')`,
};
const LABEL: Record<Dimension, SQL> = {
  department: sql`(SELECT d.name FROM department d WHERE d.id = r.department_id)`,
  implementation: sql`(SELECT i.name FROM implementation i WHERE i.id = r.implementation_id)`,
  clerk: sql`COALESCE((SELECT u.display_name FROM app_user u WHERE u.id = r.clerk_user_id), '')`,
  channel: sql`COALESCE(r.channel, 'default')`,
  month: sql`to_char(r.month, 'YYYY-MM')`,
};

export interface StatsQuery {
  from: string; // YYYY-MM
  to: string; // YYYY-MM
  by: Dimension;
  departmentId?: number | null;
}

/**
 * The figures of first ratings (online and at the counter) grouped by one dimension over a range of months.
 * Excluded ratings (upheld appeals) count nowhere.
 */
export async function ratingStatistics(db: Db, q: StatsQuery) {
  const from = `${q.from}-01`;
  const to = `${q.to}-01`;
  const dept = q.departmentId ? sql`AND r.department_id = ${q.departmentId}` : sql``;
  const rows = await queryRows<{ key: string; label: string; total: number; l1: number; l2: number; l3: number; l4: number; l5: number; remedied: number; followed: number; active: number }>(
    db,
    sql`SELECT ${KEY[q.by]} AS key, min(${LABEL[q.by]}) AS label,
          count(*)::int AS total,
          count(*) FILTER (WHERE r.level = '1')::int AS l1, count(*) FILTER (WHERE r.level = '2')::int AS l2,
          count(*) FILTER (WHERE r.level = '3')::int AS l3, count(*) FILTER (WHERE r.level = '4')::int AS l4,
          count(*) FILTER (WHERE r.level = '5')::int AS l5,
          count(*) FILTER (WHERE m.closed_at IS NOT NULL AND m.reply IS NOT NULL AND m.status = 'closed')::int AS remedied,
          count(*) FILTER (WHERE m.followed_up_at IS NOT NULL)::int AS followed,
          count(*) FILTER (WHERE NOT r.is_default)::int AS active
        FROM rating r LEFT JOIN remedy m ON m.rating_id = r.id
        WHERE r.assess_number = 1 AND NOT r.excluded AND r.month BETWEEN ${from} AND ${to} ${dept}
        GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => {
    const byLevel = { '1': Number(r.l1), '2': Number(r.l2), '3': Number(r.l3), '4': Number(r.l4), '5': Number(r.l5) } as Record<Level, number>;
    return {
      key: r.key,
      label: r.label,
      byLevel,
      ...figures({ total: Number(r.total), byLevel, remediedAndReplied: Number(r.remedied), followedUp: Number(r.followed), active: Number(r.active), ratable: Number(r.total) }),
    };
  });
}

export async function statisticsWorkbook(db: Db, q: StatsQuery): Promise<Buffer> {
  const rows = await ratingStatistics(db, q);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('好差评统计');
  sheet.columns = [
    { header: '统计对象', key: 'label', width: 30 },
    { header: '评价数', key: 'ratings', width: 10 },
    { header: '非常满意', key: 'l1', width: 10 },
    { header: '满意', key: 'l2', width: 10 },
    { header: '基本满意', key: 'l3', width: 10 },
    { header: '不满意', key: 'l4', width: 10 },
    { header: '非常不满意', key: 'l5', width: 12 },
    { header: '满意率(%)', key: 'satisfactionRate', width: 12 },
    { header: '好评率(%)', key: 'goodRate', width: 12 },
    { header: '差评率(%)', key: 'badRate', width: 12 },
    { header: '差评整改率(%)', key: 'remedyRate', width: 14 },
    { header: '回访率(%)', key: 'followUpRate', width: 12 },
    { header: '主动评价率(%)', key: 'activeRatingRate', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow({ ...r, l1: r.byLevel['1'], l2: r.byLevel['2'], l3: r.byLevel['3'], l4: r.byLevel['4'], l5: r.byLevel['5'] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
