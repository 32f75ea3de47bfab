import type { Db } from '../platform/db/db.ts';
import type { Notifier } from '../platform/notify.ts';
import { systemContext } from '../platform/context.ts';
import { startAuditSealer } from '../platform/audit/audit.ts';
import { repeat } from '../platform/timer.ts';
import { remindCalendarYear, startWarningTimer } from '../modules/cases/index.ts';
import { expireDue } from '../modules/licenses/index.ts';
import { defaultRatingsSweep, escalateOverdue, fillRemedyDeadlines, startRatingRollup } from '../modules/ratings/index.ts';
import type { Config } from '../platform/config.ts';

/**
 * The timer jobs of one server process. Each claims its rows with FOR UPDATE SKIP LOCKED, so any number of processes
 * may run them: the audit sealer every second (it takes the chain head with SKIP LOCKED); case warnings every minute;
 * licence expiry, default ratings and overdue remedies every hour. The ratings rollup is refreshed every minute
 * (it locks its state row, so processes take turns). The reminder to load a calendar year runs at start and hourly.
 */
export function startJobs(db: Db, notifier: Notifier, config: Config, log: (e: unknown) => void): () => void {
  const stopSealer = startAuditSealer(db, 1_000, log);
  const stopWarnings = startWarningTimer(db, notifier, 60_000, log);
  const stopRollup = startRatingRollup(db, 60_000, log);
  const stopCalendarReminder = repeat(() => remindCalendarYear(db), 3_600_000, log, { now: true });
  // Each hourly job fails on its own: one failing does not hold the others back.
  const stopHourly = repeat(
    () =>
      Promise.all([
        expireDue(db, systemContext('expiry-job')).catch(log),
        defaultRatingsSweep(db, systemContext('default-rating-job'), { days: config.ratingDefaultDays, level: config.ratingDefaultLevel }).catch(log),
        fillRemedyDeadlines(db, systemContext('remedy-job'), config.remedyDays).catch(log),
        escalateOverdue(db, systemContext('remedy-job')).catch(log),
      ]),
    3_600_000,
    log,
  );
  return () => {
    stopSealer();
    stopWarnings();
    stopRollup();
    stopHourly();
    stopCalendarReminder();
  };
}
