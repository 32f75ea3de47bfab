// Every user-visible string of the web app, Chinese first, English second.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from './api.ts';
import type { Lang, Localized } from './api.ts';

export type { Lang, Localized };

const messages = {
  // ---- platform ----
  'app.name': { zh: '一网通办', en: 'tongban' },
  'app.fullName': { zh: '一网通办 政务服务平台', en: 'tongban · One-Stop Government Services' },
  'app.tagline': {
    zh: '政务服务事项一网通查、一网通办、一次办好',
    en: 'Find, apply for and receive every government service in one place',
  },

  // ---- common ----
  'common.login': { zh: '登录', en: 'Sign in' },
  'common.logout': { zh: '退出登录', en: 'Sign out' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.edit': { zh: '编辑', en: 'Edit' },
  'common.search': { zh: '查询', en: 'Search' },
  'common.reset': { zh: '重置', en: 'Reset' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.retry': { zh: '重试', en: 'Retry' },
  'common.open': { zh: '进入', en: 'Open' },
  'common.comingSoon': { zh: '建设中', en: 'Coming soon' },
  'common.saved': { zh: '已保存', en: 'Saved' },
  'common.created': { zh: '已创建', en: 'Created' },
  'common.total': { zh: '共 {total} 条', en: '{total} in total' },
  'common.backHome': { zh: '返回首页', en: 'Back to home' },
  'common.forbidden': { zh: '您没有访问此页面的权限。', en: 'You do not have permission to view this page.' },
  'common.notFound': { zh: '页面不存在。', en: 'This page does not exist.' },
  'common.loadFailed': { zh: '加载失败', en: 'Could not load' },
  'common.conflict': {
    zh: '该记录已被他人修改，已重新加载最新数据，请核对后再改。',
    en: 'Someone else changed this record. The latest data has been reloaded; check it and try again.',
  },
  'error.network': {
    zh: '无法连接服务器，请检查网络后重试。',
    en: 'Cannot reach the server. Check your connection and try again.',
  },
  'error.http': { zh: '服务器错误（HTTP {status}）', en: 'Server error (HTTP {status})' },

  // ---- navigation ----
  'nav.workbench': { zh: '工作台', en: 'Workbench' },
  'nav.calendar': { zh: '日历管理', en: 'Calendar' },
  'nav.audit': { zh: '审计日志', en: 'Audit log' },
  'nav.users': { zh: '用户管理', en: 'Users' },
  'nav.departments': { zh: '部门管理', en: 'Departments' },
  'nav.password': { zh: '修改密码', en: 'Change password' },
  'nav.menu': { zh: '打开菜单', en: 'Open menu' },

  // ---- roles ----
  'role.applicant_person': { zh: '个人申请人', en: 'Applicant (person)' },
  'role.applicant_org': { zh: '法人申请人', en: 'Applicant (organisation)' },
  'role.agent': { zh: '代理人', en: 'Agent' },
  'role.clerk': { zh: '综合窗口人员', en: 'Window clerk' },
  'role.reviewer': { zh: '部门审批人员', en: 'Department reviewer' },
  'role.item_admin': { zh: '事项管理员', en: 'Item admin' },
  'role.supervisor': { zh: '监督人员', en: 'Supervisor' },
  'role.data_officer': { zh: '数据管理员', en: 'Data officer' },
  'role.legal_officer': { zh: '法制人员', en: 'Legal officer' },
  'role.admin': { zh: '系统管理员', en: 'System admin' },

  // ---- public home ----
  'home.intro': {
    zh: '一网通办是面向城市政务服务局的开源政务服务平台：事项目录、办件受理与审批、电子证照、好差评、数据共享和法治政府建设，在同一个平台上完成。',
    en: 'tongban is an open-source platform for city government-service bureaus: the service catalogue, case handling, e-licences, ratings, data sharing and rule of law, all in one place.',
  },
  'home.searchPlaceholder': { zh: '搜索政务服务事项，如“营业执照”', en: 'Search services, e.g. "business licence"' },
  'home.searchSoon': { zh: '事项目录即将上线', en: 'The service catalogue is coming soon' },
  'home.feature.find': { zh: '一网通查', en: 'Find' },
  'home.feature.findText': { zh: '统一的事项目录与办事指南', en: 'One catalogue of services and guides' },
  'home.feature.apply': { zh: '一网通办', en: 'Apply' },
  'home.feature.applyText': { zh: '综合窗口受理，部门分类审批', en: 'One window accepts, departments decide' },
  'home.feature.rate': { zh: '好差评', en: 'Rate' },
  'home.feature.rateText': { zh: '每一件办件都可评价、可整改', en: 'Every case can be rated and remedied' },
  'home.checkTitle': { zh: '证件号码校验', en: 'Check an ID number' },
  'home.checkIntro': {
    zh: '校验公民身份号码（GB 11643）或统一社会信用代码（GB 32100）的校验位。',
    en: 'Checks the check character of a citizen ID number (GB 11643) or a unified social credit code (GB 32100).',
  },
  'home.checkType.id': { zh: '公民身份号码', en: 'Citizen ID number' },
  'home.checkType.uscc': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'home.checkPlaceholder': { zh: '请输入 18 位号码', en: 'Enter the 18-character code' },
  'home.checkSubmit': { zh: '校验', en: 'Check' },
  'home.valid': { zh: '有效', en: 'Valid' },
  'home.invalid': { zh: '无效', en: 'Invalid' },
  'home.goWorkbench': { zh: '进入工作台', en: 'Open workbench' },
  'home.footer': { zh: '一网通办 · 开源政务服务平台（Apache-2.0）', en: 'tongban · open-source government-service platform (Apache-2.0)' },

  // ---- login ----
  'login.subtitle': { zh: '使用工作人员或申请人账号登录', en: 'Sign in with your staff or applicant account' },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.usernameRequired': { zh: '请输入用户名', en: 'Enter your username' },
  'login.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },

  // ---- workbench ----
  'workbench.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
  'workbench.roles': { zh: '您的角色', en: 'Your roles' },
  'workbench.noRoles': { zh: '尚未分配角色', en: 'No role assigned yet' },
  'workbench.modules': { zh: '功能模块', en: 'Modules' },
  'module.cases': { zh: '办件', en: 'Cases' },
  'module.cases.desc': { zh: '申请、受理、审批、办结与送达', en: 'Apply, accept, review, decide and deliver' },
  'module.catalogue': { zh: '事项', en: 'Service catalogue' },
  'module.catalogue.desc': { zh: '政务服务事项目录与办事指南', en: 'Service items and their guides' },
  'module.licences': { zh: '电子证照', en: 'E-licences' },
  'module.licences.desc': { zh: '证照签发、核验与免证可办', en: 'Issue, verify and reuse licences' },
  'module.ratings': { zh: '好差评', en: 'Ratings' },
  'module.ratings.desc': { zh: '办件评价、差评整改与回访', en: 'Ratings, remedies and follow-up calls' },
  'module.sharing': { zh: '数据共享', en: 'Data sharing' },
  'module.sharing.desc': { zh: '数据目录、共享申请与接口调用', en: 'Data catalogue, sharing requests and calls' },
  'module.legal': { zh: '法治', en: 'Rule of law' },
  'module.legal.desc': {
    zh: '规范性文件、重大行政决策与合法性审核',
    en: 'Normative documents, major decisions and legality reviews',
  },
  'module.calendar.desc': { zh: '法定节假日与调休，时限计算的依据', en: 'Holidays and make-up days that deadlines count on' },
  'module.audit.desc': { zh: '哈希链审计日志的查询与校验', en: 'Search and verify the hash-chained audit log' },
  'module.users.desc': { zh: '账号、角色及其区划和部门范围', en: 'Accounts, roles and their scope' },
  'module.departments.desc': { zh: '部门、统一社会信用代码与上下级', en: 'Departments, their USCC and hierarchy' },

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

  // ---- audit ----
  'audit.targetType': { zh: '对象类型', en: 'Target type' },
  'audit.targetId': { zh: '对象标识', en: 'Target ID' },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.action': { zh: '操作', en: 'Action' },
  'audit.at': { zh: '时间', en: 'Time' },
  'audit.actorRole': { zh: '角色', en: 'Role' },
  'audit.requestId': { zh: '请求号', en: 'Request ID' },
  'audit.hash': { zh: '哈希', en: 'Hash' },
  'audit.verify': { zh: '校验哈希链', en: 'Verify hash chain' },
  'audit.intact': { zh: '完整', en: 'Intact' },
  'audit.broken': { zh: '已断裂', en: 'Broken' },
  'audit.intactText': { zh: '哈希链完整，共校验 {count} 条记录。', en: 'The hash chain is intact: {count} entries checked.' },
  'audit.brokenText': {
    zh: '哈希链在第 {id} 号记录处断裂（共 {count} 条），历史记录可能被篡改。',
    en: 'The hash chain breaks at entry {id} ({count} entries): history may have been altered.',
  },

  // ---- users ----
  'users.searchPlaceholder': { zh: '搜索用户名或姓名', en: 'Search username or name' },
  'users.create': { zh: '新建用户', en: 'New user' },
  'users.edit': { zh: '编辑用户 {username}', en: 'Edit user {username}' },
  'users.username': { zh: '用户名', en: 'Username' },
  'users.usernameRule': {
    zh: '3–32 位字母、数字、下划线、点或横线',
    en: '3–32 letters, digits, underscores, dots or hyphens',
  },
  'users.displayName': { zh: '姓名', en: 'Display name' },
  'users.password': { zh: '初始密码', en: 'Initial password' },
  'users.phone': { zh: '手机号', en: 'Mobile phone' },
  'users.phoneInvalid': { zh: '请输入 11 位手机号', en: 'Enter an 11-digit mobile number' },
  'users.status': { zh: '状态', en: 'Status' },
  'users.status.active': { zh: '启用', en: 'Active' },
  'users.status.disabled': { zh: '停用', en: 'Disabled' },
  'users.roles': { zh: '角色', en: 'Roles' },
  'users.role': { zh: '角色', en: 'Role' },
  'users.addRole': { zh: '添加角色', en: 'Add a role' },
  'users.removeRole': { zh: '删除此角色', en: 'Remove this role' },
  'users.rolesRequired': { zh: '至少分配一个角色', en: 'Assign at least one role' },
  'users.anyRegion': { zh: '不限区划', en: 'Any region' },
  'users.anyDepartment': { zh: '不限部门', en: 'Any department' },

  // ---- departments ----
  'departments.searchPlaceholder': { zh: '搜索部门名称或代码', en: 'Search name or USCC' },
  'departments.filterRegion': { zh: '按区划筛选', en: 'Filter by region' },
  'departments.create': { zh: '新建部门', en: 'New department' },
  'departments.edit': { zh: '编辑部门', en: 'Edit department' },
  'departments.name': { zh: '部门名称', en: 'Name' },
  'departments.uscc': { zh: '统一社会信用代码', en: 'USCC' },
  'departments.usccLength': { zh: '统一社会信用代码为 18 位', en: 'A USCC has 18 characters' },
  'departments.usccInvalid': { zh: '统一社会信用代码无效', en: 'This USCC is not valid' },
  'departments.usccFixed': { zh: '统一社会信用代码创建后不可修改', en: 'The USCC cannot be changed once created' },
  'departments.region': { zh: '所属区划', en: 'Region' },
  'departments.parent': { zh: '上级部门', en: 'Parent department' },
  'departments.noParent': { zh: '无上级部门', en: 'No parent' },

  // ---- pickers ----
  'region.placeholder': { zh: '选择行政区划', en: 'Choose a region' },
  'department.placeholder': { zh: '选择部门', en: 'Choose a department' },

  // ---- change password ----
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm the new password' },
  'password.rule': { zh: '至少 8 位，须同时包含字母和数字', en: 'At least 8 characters, with letters and digits' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.done': { zh: '密码已修改', en: 'Your password has been changed' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'tongban.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function format(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = messages['app.fullName'][lang];
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useLang(): LangContextValue {
  return useContext(LangContext);
}

/** The translation function for the current language. */
export function useT(): Translate {
  const { lang } = useLang();
  return useCallback<Translate>((key, vars) => format(messages[key][lang], vars), [lang]);
}

export function roleLabel(role: string, lang: Lang): string {
  const entry = (messages as Record<string, Localized>)[`role.${role}`];
  return entry ? entry[lang] : role;
}

export const ROLE_CODES = [
  'applicant_person',
  'applicant_org',
  'agent',
  'clerk',
  'reviewer',
  'item_admin',
  'supervisor',
  'data_officer',
  'legal_officer',
  'admin',
] as const;

/** A reason from the server may be localized text or a plain string. */
export function localize(text: Localized | string | null | undefined, lang: Lang): string {
  if (text == null) return '';
  return typeof text === 'string' ? text : text[lang];
}

/** The message to show for any error thrown by the API wrapper. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    if (err.localized) return err.localized[lang];
    if (err.code === 'NETWORK_ERROR') return messages['error.network'][lang];
    return format(messages['error.http'][lang], { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}

/** Format an ISO timestamp in the user's language, in local time. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}
