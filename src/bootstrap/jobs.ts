import type { Db } from '../platform/db/db.ts';
import type { Notifier } from '../platform/notify.ts';
import { systemContext } from '../platform/context.ts';
import { startWarningTimer } from '../modules/cases/index.ts';
import { expireDue } from '../modules/licenses/index.ts';

/**
 * The timer jobs of one server process. Each claims its rows with FOR UPDATE SKIP LOCKED, so any number of processes
 * may run them: case warnings every minute, licence expiry every hour.
 */
export function startJobs(db: Db, notifier: Notifier, log: (e: unknown) => void): () => void {
  const stopWarnings = startWarningTimer(db, notifier, 60_000, log);
  const expiry = setInterval(() => {
    expireDue(db, systemContext('expiry-job')).catch(log);
  }, 3_600_000);
  expiry.unref();
  return () => {
    stopWarnings();
    clearInterval(expiry);
  };
}
