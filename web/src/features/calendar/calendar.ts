// Types and pure helpers of the working-day calendar page.
import type { CalendarDay, CalendarYears } from '../../api/types.ts';

export type { CalendarDay };
export type CalendarYear = CalendarYears['years'][number];

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

/** 调休上班 is a weekend day worked; any other day off that is not a plain weekend counts as a holiday. */
export function dayKind(day: Pick<CalendarDay, 'isWorkday' | 'isWeekend' | 'name'>): DayKind {
  if (day.isWorkday) return day.isWeekend ? 'makeup' : 'workday';
  return day.isWeekend && !day.name ? 'weekend' : 'holiday';
}

/** Blank cells before the 1st in a Monday-first week. */
export function leadingBlanks(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function monthName(month: number, lang: 'zh' | 'en'): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
}
