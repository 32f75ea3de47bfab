import { eq, sql } from 'drizzle-orm';
import type { Db } from './db/db.ts';
import { referenceData } from './db/platform.schema.ts';

/**
 * Versions of the reference data sets loaded (the reference_data table): a module's reference seed loads a set only
 * when its version changed, so a start on a loaded database costs one small read per set.
 */
export async function loadedVersion(db: Db, name: string): Promise<string | undefined> {
  const [row] = await db.select().from(referenceData).where(eq(referenceData.name, name));
  return row?.version;
}

export async function markLoaded(db: Db, name: string, version: string): Promise<void> {
  await db
    .insert(referenceData)
    .values({ name, version })
    .onConflictDoUpdate({ target: referenceData.name, set: { version, loadedAt: sql`now()` } });
}
