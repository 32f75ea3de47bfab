import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isWeekend, shiftDate } from './working-days.ts';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('chinese-days/package.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };

export const chineseDaysSource = `chinese-days@${pkg.version}`;

export interface SeedDay {
  day: string;
  isWorkday: boolean;
  name: string | null;
}

/** The years chinese-days ships data for (2004–2026 in 1.5.x). */
export function chineseDaysYears(): number[] {
  return fs
    .readdirSync(path.join(pkgDir, 'dist', 'years'))
    .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
    .filter((y): y is string => Boolean(y))
    .map(Number)
    .sort((a, b) => a - b);
}

function zhName(value: string): string {
  // "Spring Festival,春节,3" → 春节
  return value.split(',')[1] ?? value;
}

/** Every day of one year: weekends off, the State Council's holidays off, make-up days (调休) on. */
export function chineseDaysYear(year: number): SeedDay[] {
  const data = JSON.parse(fs.readFileSync(path.join(pkgDir, 'dist', 'years', `${year}.json`), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  return yearDays(year, (day) => {
    if (data.holidays[day]) return { isWorkday: false, name: zhName(data.holidays[day]) };
    if (data.workdays[day]) return { isWorkday: true, name: `${zhName(data.workdays[day])}调休上班` };
    return null;
  });
}

/** All days of a year by the weekend rule, with overrides. */
export function yearDays(year: number, override: (day: string) => { isWorkday: boolean; name: string | null } | null): SeedDay[] {
  const out: SeedDay[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = shiftDate(day, 1)) {
    out.push({ day, isWorkday: !isWeekend(day), name: null, ...(override(day) ?? {}) });
  }
  return out;
}
