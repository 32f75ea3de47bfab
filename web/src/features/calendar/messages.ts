// The messages of the working-day calendar: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.calendar': { zh: '日历管理', en: 'Calendar' },

  // ---- workbench ----
  'module.calendar.desc': { zh: '法定节假日与调休，时限计算的依据', en: 'Holidays and make-up days that deadlines count on' },

  // ---- calendar ----
  'calendar.year': { zh: '年份', en: 'Year' },
  'calendar.month': { zh: '月份', en: 'Month' },
  'calendar.prevMonth': { zh: '上个月', en: 'Previous month' },
  'calendar.nextMonth': { zh: '下个月', en: 'Next month' },
  'calendar.stats': {
    zh: '{year} 年共 {days} 天：工作日 {workdays} 天，休息日 {offdays} 天',
    en: '{year}: {days} days, {workdays} working days, {offdays} days off',
  },
  'calendar.yearMissing': { zh: '{year} 年的日历尚未导入。', en: 'The calendar for {year} is not loaded.' },
  'calendar.yearToLoad': {
    zh: '{year} 年的工作日历尚未导入：期限延伸到 {year} 年的办件暂无法计算时限。国务院办公厅公布 {year} 年放假安排后，请在右侧导入。',
    en: 'The {year} working-day calendar is not loaded: cases whose deadlines reach {year} have no clock yet. Import it on the right once the State Council publishes the {year} holidays.',
  },
  'calendar.noYears': { zh: '尚未导入任何年份的日历，请先导入。', en: 'No calendar year is loaded yet. Import one first.' },
  'calendar.weekdays': { zh: '一,二,三,四,五,六,日', en: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun' },
  'calendar.legend.workday': { zh: '工作日', en: 'Working day' },
  'calendar.legend.weekend': { zh: '周末', en: 'Weekend' },
  'calendar.legend.holiday': { zh: '节假日', en: 'Holiday' },
  'calendar.legend.makeup': { zh: '调休上班', en: 'Make-up working day' },
  'calendar.clickHint': { zh: '点击日期可切换上班/休息并修改名称。', en: 'Click a day to switch work/off and edit its name.' },
  'calendar.editTitle': { zh: '编辑 {date}', en: 'Edit {date}' },
  'calendar.dayType': { zh: '当天', en: 'This day is' },
  'calendar.work': { zh: '上班', en: 'Work' },
  'calendar.badge.work': { zh: '班', en: 'Work' },
  'calendar.badge.off': { zh: '休', en: 'Off' },
  'calendar.off': { zh: '休息', en: 'Off' },
  'calendar.name': { zh: '名称', en: 'Name' },
  'calendar.namePlaceholder': { zh: '如：国庆节', en: 'e.g. National Day' },
  'calendar.import.title': { zh: '导入日历', en: 'Import a calendar' },
  'calendar.import.intro': {
    zh: '每行一天：日期、off（休息）或 work（上班）、名称。支持 CSV 或 JSON，可粘贴或选择文件。',
    en: 'One day per row: date, off or work, name. CSV or JSON; paste it or choose a file.',
  },
  'calendar.import.format': { zh: '格式', en: 'Format' },
  'calendar.import.chooseFile': { zh: '选择文件', en: 'Choose a file' },
  'calendar.import.submit': { zh: '导入', en: 'Import' },
  'calendar.import.empty': { zh: '请粘贴内容或选择文件', en: 'Paste the content or choose a file' },
  'calendar.import.line': { zh: '第 {line} 行：', en: 'Line {line}: ' },
  'calendar.import.done': { zh: '已导入 {n} 天（{years} 年）。', en: 'Imported {n} days ({years}).' },
  'calendar.calc.title': { zh: '工作日计算', en: 'Working-day calculator' },
  'calendar.calc.intro': {
    zh: '从起算日期往后数 N 个工作日（起算日当天不计）。',
    en: 'Counts N working days after a date (the date itself is not counted).',
  },
  'calendar.calc.from': { zh: '起算日期', en: 'From' },
  'calendar.calc.days': { zh: '工作日数', en: 'Working days' },
  'calendar.calc.submit': { zh: '计算', en: 'Calculate' },
  'calendar.calc.result': { zh: '第 {days} 个工作日是 {date}', en: 'Working day {days} is {date}' },
} satisfies Messages;
