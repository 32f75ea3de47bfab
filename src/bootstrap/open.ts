import fs from 'node:fs';
import path from 'node:path';
import { masterKey, previousMasterKeys, type Config } from '../platform/config.ts';
import { configureAuditKeys } from '../platform/audit/audit-keys.ts';
import { migrate, openDatabase, pendingMigrations, type Database } from '../platform/db/db.ts';
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
        throw new Error(`The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or use DATABASE_URL for a PostgreSQL server.`);
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

/** A PostgreSQL `permission denied` (SQLSTATE 42501), also through drizzle's wrapper of a failed query. */
function permissionDenied(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === '42501';
}

/**
 * Applies the migrations the database lacks (`always`: runs the migrator and the grants even when none is pending, as
 * `tongban migrate` does). On a server they run as the owner (TONGBAN_MIGRATE_DATABASE_URL) when it is configured;
 * the application role (DATABASE_URL) may not change the schema, so without it a pending migration stops the start
 * with what to do (ADR 0020, DATABASE.md).
 */
async function ensureMigrated(database: Database, config: Config, mode: 'pending' | 'always'): Promise<void> {
  // A role that may not even read the migration record (a database from before migration 0022) has migrations to run.
  const pending = mode === 'always' ? 1 : await pendingMigrations(database).catch((e: unknown) => (permissionDenied(e) ? 1 : Promise.reject(e)));
  if (pending === 0) return;
  if (database.kind === 'pg' && config.migrateDatabaseUrl) {
    const owner = await openDatabase({ databaseUrl: config.migrateDatabaseUrl, poolSize: 1 });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
    return;
  }
  try {
    await migrate(database);
  } catch (e) {
    if (database.kind === 'pg' && permissionDenied(e)) {
      throw new Error(
        'The database needs migrations, and the role in DATABASE_URL may not change the schema (it is the application role). Run `tongban migrate` with TONGBAN_MIGRATE_DATABASE_URL set to the owner, or set it for this process too (DATABASE.md).',
        { cause: e },
      );
    }
    throw e;
  }
}

/**
 * What the server says at start when a calendar year is due. The embedded database is locked by the running server,
 * so the CLI cannot load a year then: the page (through the API) can, and the server keeps running.
 */
export function calendarDueWarning(year: number, embedded: boolean): string {
  const how = embedded
    ? 'load it while the server runs on the 日历管理 page (/app/calendar, 导入) or with POST /api/calendar/import; `tongban calendar import FILE` works only while the server is stopped'
    : 'load it on the 日历管理 page (/app/calendar, 导入), with POST /api/calendar/import, or with `tongban calendar import FILE`';
  return `warning: the ${year} working-day calendar is not loaded; dates that reach ${year} show 待国务院公布${year}年节假日安排后确定 until it is: ${how}`;
}

/** Opens the configured database, applies migrations and loads reference data. */
export async function openReady(config: Config, opts: { log?: (line: string) => void; migrate?: 'pending' | 'always' } = {}): Promise<Opened> {
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    unlock();
    throw e;
  }
  try {
    await ensureMigrated(database, config, opts.migrate ?? 'pending');
  } catch (e) {
    await database.close();
    unlock();
    throw e;
  }
  // Entries written by this process carry the server's MAC, checkpoints are signed (audit-keys.ts). Without a master
  // key (a production `migrate` before the key is set) entries are written without a MAC, and verification says so.
  try {
    configureAuditKeys(masterKey(config), previousMasterKeys(config));
  } catch {
    // no master key here
  }
  const referenceLoaded = await seedReference(database.db);
  for (const line of referenceLoaded) opts.log?.(`loaded ${line}`);
  const due = yearToLoad(
    (await listYears(database.db)).map((y) => y.year),
    today(),
  );
  if (due !== null) opts.log?.(calendarDueWarning(due, !config.databaseUrl));
  return {
    ...database,
    referenceLoaded,
    close: async () => {
      await database.close();
      unlock();
    },
  };
}
