import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../api.ts';
import type { Region, RegionWithPath } from '../api/types.ts';

// Regions are reference data: each answer is fetched once per page load (a failure is retried next time).
const childrenCache = new Map<string, Promise<Region[]>>();
const regionCache = new Map<string, Promise<RegionWithPath>>();

function once<T>(cache: Map<string, Promise<T>>, key: string, fetch: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = fetch();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** Children of a region; the provinces without `parent`. */
export function loadRegions(parent?: string): Promise<Region[]> {
  return once(childrenCache, parent ?? '', () => api.get('/api/regions', { params: { query: { parent } } }).then((r) => r.items));
}

/** One region with its ancestors (the region first, its province last). */
export function getRegion(code: string): Promise<RegionWithPath> {
  return once(regionCache, code, () => api.get('/api/regions/{code}', { params: { path: { code } } }));
}

/** A region's name where a reply carries only its code; the code until the name arrives. */
export function RegionName({ code }: { code: string }): ReactNode {
  const [name, setName] = useState<string>();
  useEffect(() => {
    let isCurrent = true;
    getRegion(code).then(
      (r) => isCurrent && setName(r.name),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [code]);
  return name ?? code;
}
