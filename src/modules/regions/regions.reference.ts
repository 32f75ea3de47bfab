import type { Db } from '../../platform/db/db.ts';
import { loadedVersion, markLoaded } from '../../platform/reference-data.ts';
import { regionSource } from './regions.seed.ts';
import { seedRegions } from './regions.service.ts';

/** The region tree, loaded when the region data package's version changes (the module's reference seed). */
export async function seedRegionsReference(db: Db): Promise<string | undefined> {
  if ((await loadedVersion(db, 'regions')) === regionSource) return undefined;
  const n = await seedRegions(db);
  await markLoaded(db, 'regions', regionSource);
  return `regions: ${n} from ${regionSource}`;
}
