import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { listYears, loadCalendar } from '../../platform/calendar/calendar.service.ts';
import { yearToLoad } from '../../platform/calendar/working-days.ts';
import { ROLE_PERMISSIONS, type Role } from '../../platform/permissions.ts';
import { sendMessage } from '../../platform/notify.ts';
import type { JobDefinition } from '../../platform/module.ts';
import { regionContains } from '../../platform/scope.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseEvents, notify } from './cases.repository.ts';
import { pruneLookupFailures } from './cases.progress.ts';
import { clockOf, undeterminedReason } from './cases.views.ts';

const LEVEL = { none: 0, amber: 1, red: 2 } as const;

/**
 * The warning timer: finds cases in review whose warning has risen since the last notice, and tells the assigned
 * reviewer (or the department's reviewers), the region's supervisors, and the applicant by SMS (queued in the outbox
 * with the batch, sent by the job runner once it committed). Rows are claimed with FOR UPDATE SKIP LOCKED inside one
 * transaction per batch, and the level notified is stored with them: two server processes never notify twice.
 */
export async function runWarningSweep(db: Db, opts: { batch?: number; recheckMinutes?: number } = {}): Promise<{ checked: number; notified: number }> {
  const batch = opts.batch ?? 100;
  const recheck = opts.recheckMinutes ?? 10;
  const cal = await loadCalendar(db);
  let checked = 0;
  let notified = 0;
  for (;;) {
    const result = await db.transaction(async (tx) => {
      // Cases in review, and cases nobody decided to accept, which art. 32 may already count as accepted.
      const rows = await queryRows<{
        id: number;
        number: string;
        department_id: number;
        region_code: string;
        notified_warning: string;
        contact_phone: string | null;
        content: ImplementationContent;
      }>(
        tx,
        sql`SELECT c.id, c.number, c.department_id, c.region_code, c.notified_warning, c.contact_phone, v.content
            FROM service_case c JOIN pub_catalog_implementation_version v ON v.id = c.implementation_version_id
            WHERE c.status IN ('in_review', 'submitted', 'correction_requested')
              AND (c.warning_checked_at IS NULL OR c.warning_checked_at <= now() - make_interval(mins => ${recheck}))
            ORDER BY c.id LIMIT ${batch}
            FOR UPDATE OF c SKIP LOCKED`,
      );
      let sent = 0;
      for (const row of rows) {
        const events = (await caseEvents(tx, Number(row.id))).map((e) => ({ type: e.type, onDay: e.onDay }));
        const clock = clockOf(cal, row.content, events, today());
        const level = clock.warning;
        if (LEVEL[level] > LEVEL[row.notified_warning as keyof typeof LEVEL]) {
          const title = level === 'red' ? '办件已超期' : '办件即将到期';
          // A deadline in a year not loaded yet warns by the working days left in this one (clock.ts), without a date.
          const due = clock.deadline ?? clock.legalDeadline;
          const body =
            level === 'red'
              ? `办件 ${row.number} 已超过办结期限 ${due}。`
              : due && clock.remainingWorkingDays !== null
                ? `办件 ${row.number} 将于 ${due} 到期，剩余 ${clock.remainingWorkingDays} 个工作日。`
                : `办件 ${row.number} 将于年初到期（具体日期${undeterminedReason(clock.undetermined[0]?.year ?? Number(today().slice(0, 4)) + 1).zh}）。`;
          await notify(
            tx,
            await recipients(tx, Number(row.id), Number(row.department_id), row.region_code),
            { id: Number(row.id), number: row.number },
            `warning_${level}`,
            title,
            body,
          );
          if (row.contact_phone && level === 'red')
            await sendMessage(tx, {
              channel: 'sms',
              to: row.contact_phone,
              text: `【一网通办】您的办件 ${row.number} 办理已超期，我们正在督办，如有疑问请致电 12345。`,
            });
          sent++;
        }
        // The level notified follows the clock down too (an extension, a pause), so the next rise is told again.
        await tx.execute(sql`UPDATE service_case SET warning_checked_at = now(), notified_warning = ${level} WHERE id = ${row.id}`);
      }
      return { rows: rows.length, sent };
    });
    checked += result.rows;
    notified += result.sent;
    if (result.rows < batch) break;
  }
  return { checked, notified };
}

/**
 * Who hears of a warning: the reviewer holding the active step (or the department's reviewers while nobody does),
 * the window clerks while the case awaits acceptance, and the supervisors whose region contains the case's.
 */
async function recipients(tx: Db, caseId: number, departmentId: number, regionCode: string): Promise<number[]> {
  const rows = await queryRows<{
    id: number;
    role: string;
    region_code: string | null;
    department_id: number | null;
    assignee: number | null;
    awaiting: boolean;
  }>(
    tx,
    sql`SELECT r.user_id AS id, r.role, r.region_code, r.department_id,
               (SELECT s.assignee_user_id FROM case_step s WHERE s.case_id = ${caseId} AND s.status = 'active') AS assignee,
               (SELECT c.status IN ('submitted', 'correction_requested') FROM service_case c WHERE c.id = ${caseId}) AS awaiting
        FROM pub_accounts_active_grant r
        WHERE r.role IN ('reviewer', 'supervisor', 'clerk')`,
  );
  const inRegion = (code: string | null) => code === null || regionContains(code, regionCode);
  return rows
    .filter((r) => {
      if (r.role === 'supervisor') return inRegion(r.region_code);
      if (r.role === 'clerk') return r.awaiting && inRegion(r.region_code);
      if (Number(r.department_id) !== departmentId) return false;
      return r.assignee === null ? true : Number(r.assignee) === Number(r.id);
    })
    .map((r) => Number(r.id));
}

/**
 * Tells everyone who may load the calendar (calendar.manage) that a year is due and not loaded (yearToLoad: this
 * year when missing, from 1 October the next), in the app, once per person and year. The transaction holds an
 * advisory lock, so two server processes running the job at once do not tell anyone twice. Returns how many were told.
 */
export async function remindCalendarYear(db: Db, on: string = today()): Promise<number> {
  const due = yearToLoad(
    (await listYears(db)).map((y) => y.year),
    on,
  );
  if (due === null) return 0;
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('calendar.manage'));
  const kind = 'calendar_year_due';
  const title = `请导入 ${due} 年工作日历`;
  const body = `${due} 年的工作日历尚未导入，期限落在 ${due} 年的办件暂无法计算。请在“日历管理”中导入国务院办公厅公布的 ${due} 年节假日安排。`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${kind}))`);
    const told = await queryRows<{ id: number }>(
      tx,
      sql`INSERT INTO notification (user_id, kind, title, body)
          SELECT DISTINCT r.user_id, ${kind}, ${title}, ${body} FROM pub_accounts_active_grant r
          WHERE r.role IN ${roles}
            AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.user_id = r.user_id AND n.kind = ${kind} AND n.title = ${title})
          RETURNING id`,
    );
    return told.length;
  });
}

/** The cases module's recurring jobs (the job runner, platform/jobs.ts, runs each round in one process). */
export const casesJobs: readonly JobDefinition[] = [
  { name: 'cases.warning-sweep', everyMs: 60_000, run: (db) => runWarningSweep(db) },
  { name: 'cases.calendar-reminder', everyMs: 3_600_000, atStart: true, run: (db) => remindCalendarYear(db) },
  { name: 'cases.lookup-failure-prune', everyMs: 3_600_000, run: (db) => pruneLookupFailures(db) },
];
