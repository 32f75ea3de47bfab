import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { today } from '../../platform/clock.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { Notifier } from '../../platform/notify.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseEvents, notify } from './cases.service.ts';
import { clockOf } from './cases.views.ts';

const LEVEL = { none: 0, amber: 1, red: 2 } as const;

/**
 * The warning timer: finds cases in review whose warning has risen since the last notice, and tells the assigned
 * reviewer (or the department's reviewers), the region's supervisors, and the applicant by SMS. Rows are claimed
 * with FOR UPDATE SKIP LOCKED inside one transaction per batch, and the level notified is stored with them: two
 * server processes never notify twice.
 */
export async function runWarningSweep(db: Db, notifier: Notifier, opts: { batch?: number; recheckMinutes?: number } = {}): Promise<{ checked: number; notified: number }> {
  const batch = opts.batch ?? 100;
  const recheck = opts.recheckMinutes ?? 10;
  const cal = await loadCalendar(db);
  let checked = 0;
  let notified = 0;
  for (;;) {
    const result = await db.transaction(async (tx) => {
      const rows = await queryRows<{ id: number; number: string; department_id: number; region_code: string; notified_warning: string; owner_user_id: number | null; contact_phone: string | null; content: ImplementationContent }>(
        tx,
        sql`SELECT c.id, c.number, c.department_id, c.region_code, c.notified_warning, c.owner_user_id, c.contact_phone, v.content
            FROM service_case c JOIN implementation_version v ON v.id = c.implementation_version_id
            WHERE c.status = 'in_review' AND (c.warning_checked_at IS NULL OR c.warning_checked_at <= now() - make_interval(mins => ${recheck}))
            ORDER BY c.id LIMIT ${batch}
            FOR UPDATE OF c SKIP LOCKED`,
      );
      let sent = 0;
      for (const row of rows) {
        const events = (await caseEvents(tx, Number(row.id))).map((e) => ({ type: e.type, onDay: e.onDay }));
        const clock = clockOf(cal, row.content, events, today());
        const level = clock.warning;
        if (LEVEL[level] > LEVEL[row.notified_warning as keyof typeof LEVEL]) {
          const recipients = await queryRows<{ id: number }>(
            tx,
            sql`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
                WHERE u.status = 'active' AND (
                  (r.role = 'reviewer' AND r.department_id = ${row.department_id} AND (
                     u.id = (SELECT s.assignee_user_id FROM case_step s WHERE s.case_id = ${row.id} AND s.status = 'active')
                     OR NOT EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = ${row.id} AND s.status = 'active' AND s.assignee_user_id IS NOT NULL)))
                  OR (r.role = 'supervisor' AND (r.region_code IS NULL OR ${row.region_code} LIKE rtrim(r.region_code, '0') || '%')))`,
          );
          const title = level === 'red' ? '办件已超期' : '办件即将到期';
          const body = `办件 ${row.number}${level === 'red' ? ` 已超过办结期限 ${clock.deadline}` : ` 将于 ${clock.deadline} 到期，剩余 ${clock.remainingWorkingDays} 个工作日`}。`;
          await notify(tx, recipients.map((r) => Number(r.id)), { id: Number(row.id), number: row.number }, `warning_${level}`, title, body);
          if (row.contact_phone && level === 'red') await notifier.send({ channel: 'sms', to: row.contact_phone, text: `【一网通办】您的办件 ${row.number} 办理已超期，我们正在督办，如有疑问请致电 12345。` });
          sent++;
        }
        await tx.execute(sql`UPDATE service_case SET warning_checked_at = now(), notified_warning = CASE WHEN ${LEVEL[level]} > (CASE notified_warning WHEN 'red' THEN 2 WHEN 'amber' THEN 1 ELSE 0 END) THEN ${level} ELSE notified_warning END WHERE id = ${row.id}`);
      }
      return { rows: rows.length, sent };
    });
    checked += result.rows;
    notified += result.sent;
    if (result.rows < batch) break;
  }
  return { checked, notified };
}

/** Starts the sweep every `intervalMs` in this process; any number of processes may run it. */
export function startWarningTimer(db: Db, notifier: Notifier, intervalMs = 60_000, log: (e: unknown) => void = () => {}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runWarningSweep(db, notifier)
      .catch(log)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
