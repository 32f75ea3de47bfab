import fs from 'node:fs';
import path from 'node:path';
import { masterKey, type Config } from '../platform/config.ts';
import { configureAuditKeys } from '../platform/audit/audit-keys.ts';
import { migrate, openDatabase, type Database } from '../platform/db/db.ts';
import { listYears } from '../platform/calendar/calendar.service.ts';
import { yearToLoad } from '../platform/calendar/working-days.ts';
import { today } from '../platform/clock.ts';
import { seedReference } from './reference.ts';

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file with the owner's pid turns that into a clear error.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'tongban.lock');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or use DATABASE_URL for a PostgreSQL server.`,
        );
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

export interface Opened extends Database {
  referenceLoaded: string[];
}

/** Opens the configured database, applies migrations and loads reference data. */
export async function openReady(config: Config, opts: { log?: (line: string) => void } = {}): Promise<Opened> {
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    unlock();
    throw e;
  }
  await migrate(database);
  // Entries written by this process carry the server's MAC, checkpoints are signed (audit-keys.ts). Without a master
  // key (a production `migrate` before the key is set) entries are written without a MAC, and verification says so.
  try {
    configureAuditKeys(masterKey(config));
  } catch {
    // no master key here
  }
  const referenceLoaded = await seedReference(database.db);
  for (const line of referenceLoaded) opts.log?.(`loaded ${line}`);
  const due = yearToLoad((await listYears(database.db)).map((y) => y.year), today());
  if (due !== null) opts.log?.(`warning: the ${due} working-day calendar is not loaded; deadlines that reach ${due} are not computed until it is (tongban calendar import FILE)`);
  return {
    ...database,
    referenceLoaded,
    close: async () => {
      await database.close();
      unlock();
    },
  };
}
