import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/db.ts';
import { codeList, referenceData } from '../platform/db/platform.schema.ts';
import { codeLists } from '../platform/code-lists.ts';
import { canonicalJson, sm3Hex } from '../platform/crypto.ts';
import { seedCalendar } from '../platform/calendar/calendar.service.ts';
import { regionSource, seedRegions } from '../modules/regions/index.ts';
import { seedSynonyms } from '../modules/catalog/index.ts';

async function loadedVersion(db: Db, name: string): Promise<string | undefined> {
  const [row] = await db.select().from(referenceData).where(eq(referenceData.name, name));
  return row?.version;
}

async function markLoaded(db: Db, name: string, version: string): Promise<void> {
  await db
    .insert(referenceData)
    .values({ name, version })
    .onConflictDoUpdate({ target: referenceData.name, set: { version, loadedAt: sql`now()` } });
}

/**
 * Reference data every install has: the region tree, the standards' code lists and the calendar. Each set is
 * loaded when its version changes, so a start on a loaded database costs three small reads.
 */
export async function seedReference(db: Db): Promise<string[]> {
  const loaded: string[] = [];
  if ((await loadedVersion(db, 'regions')) !== regionSource) {
    const n = await seedRegions(db);
    await markLoaded(db, 'regions', regionSource);
    loaded.push(`regions: ${n} from ${regionSource}`);
  }
  const codesVersion = sm3Hex(canonicalJson(codeLists)).slice(0, 16);
  if ((await loadedVersion(db, 'code-lists')) !== codesVersion) {
    await db.transaction(async (tx) => {
      await tx.delete(codeList);
      const rows = Object.entries(codeLists).flatMap(([list, codes]) =>
        codes.map((c, i) => ({ list, code: c.code, nameZh: c.zh, nameEn: c.en, sort: i })),
      );
      await tx.insert(codeList).values(rows);
      await markLoaded(tx, 'code-lists', codesVersion);
    });
    loaded.push(`code lists: ${Object.keys(codeLists).length}`);
  }
  const synonyms = await seedSynonyms(db);
  if (synonyms) loaded.push(`search synonyms: ${synonyms}`);
  const years = await seedCalendar(db);
  if (years.length) loaded.push(`calendar: ${years[0]}–${years[years.length - 1]}`);
  return loaded;
}
