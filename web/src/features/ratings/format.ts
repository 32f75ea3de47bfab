import type { Lang } from '../../i18n.ts';
import type { CodeLabel, RatingOptions, StatsRow } from '../../api/types.ts';

/** The rates of the statistics, in the order of their columns. */
export const RATE_KEYS = [
  'satisfactionRate',
  'goodRate',
  'badRate',
  'remedyRate',
  'followUpRate',
  'activeRatingRate',
] as const satisfies readonly (keyof StatsRow)[];
export type RateKey = (typeof RATE_KEYS)[number];

/** A rate from the statistics (percent with two decimals, null when nothing to divide by). */
export const rateText = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v}%`);

/** The name of a code in a code list (a channel …), the code itself while the list loads or when it is unknown. */
export const codeName = (list: readonly CodeLabel[] | undefined, code: string, lang: Lang): string => list?.find((c) => c.code === code)?.[lang] ?? code;

/** The name of a rating indicator, online or on-site. */
export const indicatorName = (options: RatingOptions | undefined, code: string, lang: Lang): string =>
  codeName([...(options?.indicators.online ?? []), ...(options?.indicators.onsite ?? [])], code, lang);

/** A month of the statistics, YYYY-MM with a month 01–12. */
export const isMonth = (v: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
