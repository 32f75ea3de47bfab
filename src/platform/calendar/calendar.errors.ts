import { defineErrors } from '../errors.ts';

export const calendarErrors = defineErrors({
  CALENDAR_YEAR_MISSING: {
    status: 422,
    zh: '工作日历未载入该年度，无法计算期限（请先导入国务院当年放假安排）',
    en: 'The working-day calendar has no data for that year; import the State Council holiday notice first',
  },
  CALENDAR_DAY_NOT_FOUND: { status: 404, zh: '日历中没有该日期', en: 'That date is not in the calendar' },
  CALENDAR_IMPORT_INVALID: { status: 400, zh: '日历导入文件有错误', en: 'The calendar import file has errors' },
});
