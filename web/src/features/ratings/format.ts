/** A rate from the statistics (percent with two decimals, null when nothing to divide by). */
export const rateText = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${v}%`);
