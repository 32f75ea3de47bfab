import type { Db } from '../platform/db/db.ts';
import { codeList } from '../platform/db/platform.schema.ts';
import { loadedVersion, markLoaded } from '../platform/reference-data.ts';
import { codeLists } from '../platform/code-lists.ts';
import { canonicalJson, sm3Hex } from '../platform/crypto.ts';
import { seedCalendar } from '../platform/calendar/calendar.service.ts';
import { modules as registeredModules } from '../modules/registry.ts';
import type { TongbanModule } from '../platform/module.ts';

/**
 * Reference data every install has: the platform's (the standards' code lists and the calendar), then each module's
 * reference seed in registry order (the region tree, the search synonyms…). Each set is loaded when its version
 * changes, so a start on a loaded database costs a few small reads.
 */
export async function seedReference(db: Db, modules: readonly TongbanModule[] = registeredModules): Promise<string[]> {
  const loaded: string[] = [];
  const codesVersion = sm3Hex(canonicalJson(codeLists)).slice(0, 16);
  if ((await loadedVersion(db, 'code-lists')) !== codesVersion) {
    await db.transaction(async (tx) => {
      await tx.delete(codeList);
      const rows = Object.entries(codeLists).flatMap(([list, codes]) => codes.map((c, i) => ({ list, code: c.code, nameZh: c.zh, nameEn: c.en, sort: i })));
      await tx.insert(codeList).values(rows);
      await markLoaded(tx, 'code-lists', codesVersion);
    });
    loaded.push(`code lists: ${Object.keys(codeLists).length}`);
  }
  const years = await seedCalendar(db);
  if (years.length) loaded.push(`calendar: ${years[0]}–${years[years.length - 1]}`);
  for (const m of modules) {
    const done = await m.seedReference?.(db);
    if (done) loaded.push(done);
  }
  return loaded;
}
