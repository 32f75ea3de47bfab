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
  'common.ok': { zh: '确定', en: 'OK' },
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
  'home.searchHint': { zh: '热门：', en: 'Popular: ' },
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

  // ---- catalogue: navigation and workbench ----
  'nav.catalog': { zh: '事项管理', en: 'Service items' },
  'nav.harmonisation': { zh: '二次统筹', en: 'Harmonisation' },
  'nav.inspection': { zh: '事项巡检', en: 'Inspection' },
  'nav.import': { zh: '导入导出', en: 'Import / export' },
  'nav.publicSearch': { zh: '办事指南', en: 'Service guides' },
  'nav.publicLists': { zh: '清单公示', en: 'Published lists' },
  'module.catalog.desc': { zh: '实施清单的编制、审核、发布与版本', en: 'Draft, review, publish and version the implementations' },
  'module.harmonisation.desc': { zh: '同一事项在各区划的要素比对与标准模板', en: 'Compare one item across regions; set its standard template' },
  'module.inspection.desc': { zh: '办事指南的完备度、准确性与问题清单', en: 'Completeness, accuracy and findings of the guides' },
  'module.import.desc': { zh: 'Excel 批量导入与导出事项目录', en: 'Import and export the catalogue as Excel' },

  // ---- catalogue: shared ----
  'catalog.status.draft': { zh: '草稿', en: 'Draft' },
  'catalog.status.in_review': { zh: '待审核', en: 'In review' },
  'catalog.status.published': { zh: '已发布', en: 'Published' },
  'catalog.status.suspended': { zh: '已暂停', en: 'Suspended' },
  'catalog.status.abolished': { zh: '已废止', en: 'Abolished' },
  'catalog.status.superseded': { zh: '已替代', en: 'Superseded' },
  'catalog.status.rejected': { zh: '已退回', en: 'Returned' },
  'catalog.unit.working_day': { zh: '工作日', en: 'working days' },
  'catalog.unit.natural_day': { zh: '自然日', en: 'calendar days' },
  'catalog.days': { zh: '{n} 个{unit}', en: '{n} {unit}' },
  'catalog.depth.0': { zh: '不支持网办', en: 'Not online' },
  'catalog.depth.1': { zh: 'Ⅰ级 在线咨询', en: 'I · Online information' },
  'catalog.depth.2': { zh: 'Ⅱ级 在线预审', en: 'II · Online pre-check' },
  'catalog.depth.3': { zh: 'Ⅲ级 在线受理', en: 'III · Online acceptance' },
  'catalog.depth.4': { zh: 'Ⅳ级 全程网办', en: 'IV · Fully online' },
  'catalog.materialForm.paper': { zh: '纸质', en: 'Paper' },
  'catalog.materialForm.electronic': { zh: '电子', en: 'Electronic' },
  'catalog.materialForm.both': { zh: '纸质和电子', en: 'Paper and electronic' },
  'catalog.source.applicant': { zh: '申请人自备', en: 'From the applicant' },
  'catalog.source.licence': { zh: '电子证照', en: 'E-licence' },
  'catalog.source.department': { zh: '部门核发', en: 'From a department' },
  'catalog.role.clerk': { zh: '综合窗口', en: 'Window clerk' },
  'catalog.role.reviewer': { zh: '部门审批', en: 'Department reviewer' },
  'catalog.resultType.licence': { zh: '证照', en: 'Licence' },
  'catalog.resultType.approval': { zh: '批准文书', en: 'Approval' },
  'catalog.resultType.record': { zh: '备案', en: 'Record' },
  'catalog.resultType.other': { zh: '其他', en: 'Other' },
  'catalog.yes': { zh: '是', en: 'Yes' },
  'catalog.no': { zh: '否', en: 'No' },
  'catalog.none': { zh: '无', en: 'None' },
  'catalog.online': { zh: '可网办', en: 'Online' },
  'catalog.fullyOnline': { zh: '全程网办', en: 'Fully online' },
  'catalog.code': { zh: '实施编码', en: 'Implementation code' },
  'catalog.baseItem': { zh: '基本目录事项', en: 'Base item' },
  'catalog.itemType': { zh: '事项类型', en: 'Item type' },
  'catalog.useLevel': { zh: '行使层级', en: 'Level' },
  'catalog.department': { zh: '实施主体', en: 'Department' },
  'catalog.region': { zh: '行政区划', en: 'Region' },
  'catalog.status': { zh: '状态', en: 'Status' },
  'catalog.latestVersion': { zh: '最新版本', en: 'Latest version' },
  'catalog.versionNumber': { zh: '第 {n} 版', en: 'Version {n}' },
  'catalog.exportExcel': { zh: '导出 Excel', en: 'Export to Excel' },
  'catalog.noData': { zh: '暂无数据', en: 'No data' },
  'catalog.severity.error': { zh: '错误', en: 'Error' },
  'catalog.severity.warning': { zh: '提醒', en: 'Warning' },
  'catalog.limitValue': { zh: '天数', en: 'Days' },
  'catalog.rowNo': { zh: '第 {n} 项', en: 'item {n}' },

  // ---- catalogue: element names ----
  'element.name': { zh: '事项名称', en: 'Name' },
  'element.aliases': { zh: '别名', en: 'Aliases' },
  'element.keywords': { zh: '关键词', en: 'Keywords' },
  'element.legalBasis': { zh: '设定依据', en: 'Legal basis' },
  'element.acceptanceConditions': { zh: '受理条件', en: 'Acceptance conditions' },
  'element.caseType': { zh: '办件类型', en: 'Case type' },
  'element.legalLimit': { zh: '法定办结时限', en: 'Legal time limit' },
  'element.promisedLimit': { zh: '承诺办结时限', en: 'Promised time limit' },
  'element.amberDays': { zh: '预警天数', en: 'Amber warning (days before)' },
  'element.visits': { zh: '到办事现场次数', en: 'Visits in person' },
  'element.visitsReason': { zh: '必须现场办理原因', en: 'Why a visit is needed' },
  'element.handlingForms': { zh: '办理形式', en: 'Handling forms' },
  'element.onlineDepth': { zh: '网上办理深度', en: 'Online depth' },
  'element.express': { zh: '物流快递', en: 'Express delivery' },
  'element.appointment': { zh: '支持预约', en: 'Appointments' },
  'element.payOnline': { zh: '网上支付', en: 'Pay online' },
  'element.fees': { zh: '收费项目', en: 'Fees' },
  'element.resultName': { zh: '审批结果名称', en: 'Result name' },
  'element.resultType': { zh: '审批结果类型', en: 'Result type' },
  'element.resultLicenseTypeCode': { zh: '结果证照类型', en: 'Result licence type' },
  'element.serviceObjects': { zh: '服务对象', en: 'Service objects' },
  'element.topics': { zh: '主题分类', en: 'Topics' },
  'element.place': { zh: '办理地点', en: 'Place' },
  'element.hours': { zh: '办理时间', en: 'Hours' },
  'element.consultation': { zh: '咨询方式', en: 'Enquiries' },
  'element.complaint': { zh: '监督投诉方式', en: 'Complaints' },
  'element.inHall': { zh: '进驻政务服务大厅', en: 'In the service hall' },
  'element.notInHallReason': { zh: '不进驻理由', en: 'Why not in the hall' },
  'element.intermediaryServices': { zh: '中介服务', en: 'Intermediary services' },
  'element.responsibilityItems': { zh: '责任事项', en: 'Responsibilities' },
  'element.specialProcedures': { zh: '特别程序', en: 'Special procedures' },
  'element.materials': { zh: '申请材料', en: 'Materials' },
  'element.steps': { zh: '办理环节', en: 'Steps' },
  'element.form': { zh: '申请表单', en: 'Application form' },
  'element.note': { zh: '意见', en: 'Note' },

  // ---- catalogue: public search ----
  'search.title': { zh: '办事指南查询', en: 'Find a service' },
  'search.placeholder': { zh: '输入事项名称或关键词，如“社保”“餐饮”', en: 'Name or keyword, e.g. "社保", "餐饮"' },
  'search.region': { zh: '区划', en: 'Region' },
  'search.department': { zh: '部门', en: 'Department' },
  'search.itemType': { zh: '事项类型', en: 'Item type' },
  'search.serviceObject': { zh: '服务对象', en: 'For' },
  'search.topics': { zh: '主题', en: 'Topics' },
  'search.onlineOnly': { zh: '只看可网办', en: 'Online only' },
  'search.allTypes': { zh: '全部类型', en: 'All types' },
  'search.allObjects': { zh: '全部对象', en: 'Everyone' },
  'search.results': { zh: '共找到 {total} 个事项', en: '{total} services found' },
  'search.empty': { zh: '没有找到相关事项，换个词试试。', en: 'Nothing found; try another word.' },
  'search.viewGuide': { zh: '查看办事指南', en: 'Open the guide' },
  'search.clear': { zh: '清除筛选', en: 'Clear filters' },

  // ---- catalogue: public guide ----
  'guide.title': { zh: '办事指南', en: 'Service guide' },
  'guide.apply': { zh: '在线申请', en: 'Apply' },
  'guide.applySoon': { zh: '办件功能即将上线', en: 'Online applications are coming soon' },
  'guide.print': { zh: '打印', en: 'Print' },
  'guide.back': { zh: '返回查询', en: 'Back to search' },
  'guide.qr': { zh: '扫码在手机上查看', en: 'Scan to read on a phone' },
  'guide.qrAlt': { zh: '办事指南二维码', en: 'QR code of this guide' },
  'guide.basic': { zh: '基本信息', en: 'Basic information' },
  'guide.conditions': { zh: '受理条件', en: 'Who can apply' },
  'guide.fees': { zh: '收费标准', en: 'Fees' },
  'guide.noFee': { zh: '不收费', en: 'Free of charge' },
  'guide.fee.name': { zh: '收费项目', en: 'Fee' },
  'guide.fee.standard': { zh: '收费标准', en: 'Amount' },
  'guide.fee.basis': { zh: '收费依据', en: 'Basis' },
  'guide.fee.waivable': { zh: '可减免', en: 'Waivable' },
  'guide.materials': { zh: '申请材料', en: 'Materials to bring' },
  'guide.noMaterials': { zh: '无需提交材料', en: 'No materials needed' },
  'guide.m.no': { zh: '序号', en: 'No.' },
  'guide.m.name': { zh: '材料名称', en: 'Material' },
  'guide.m.required': { zh: '必要性', en: 'Required' },
  'guide.m.requiredYes': { zh: '必要', en: 'Required' },
  'guide.m.requiredNo': { zh: '非必要', en: 'Optional' },
  'guide.m.form': { zh: '材料形式', en: 'Form' },
  'guide.m.source': { zh: '来源渠道', en: 'Source' },
  'guide.m.copies': { zh: '份数', en: 'Copies' },
  'guide.m.copiesText': { zh: '原件 {originals} / 复印件 {copies}', en: '{originals} original / {copies} copies' },
  'guide.m.standard': { zh: '受理标准', en: 'Acceptance standard' },
  'guide.m.basis': { zh: '材料依据', en: 'Basis' },
  'guide.m.pledge': { zh: '告知承诺', en: 'Pledge' },
  'guide.m.pledgeYes': { zh: '可告知承诺', en: 'Pledge accepted' },
  'guide.m.files': { zh: '表格下载', en: 'Forms' },
  'guide.m.blankForm': { zh: '空白表格', en: 'Blank form' },
  'guide.m.sample': { zh: '示例样表', en: 'Sample' },
  'guide.m.licenceFree': { zh: '免提交（电子证照：{type}）', en: 'Not needed (e-licence: {type})' },
  'guide.steps': { zh: '办理流程', en: 'Steps' },
  'guide.step.days': { zh: '{n} 个工作日', en: '{n} working days' },
  'guide.where': { zh: '办理地点与咨询', en: 'Where and whom to ask' },
  'guide.channels': { zh: '办理方式', en: 'How to apply' },
  'guide.legal': { zh: '设定依据', en: 'Legal basis' },
  'guide.intermediary': { zh: '中介服务', en: 'Intermediary services' },
  'guide.responsibility': { zh: '责任事项与特别程序', en: 'Responsibilities and special procedures' },
  'guide.version': { zh: '指南版本', en: 'Guide version' },
  'guide.visitsText': { zh: '{n} 次', en: '{n}' },
  'guide.notFound': { zh: '该办事指南不存在或已下线。', en: 'This guide does not exist or is no longer published.' },

  // ---- catalogue: public lists ----
  'lists.title': { zh: '清单公示', en: 'Published lists' },
  'lists.countsByDepartment': { zh: '各部门事项数', en: 'Items per department' },
  'lists.detail.powers': { zh: '责任事项', en: 'Responsibilities' },
  'lists.detail.licensing': { zh: '审批结果', en: 'Result' },
  'lists.detail.intermediary': { zh: '中介服务', en: 'Intermediary service' },
  'lists.detail.not-in-hall': { zh: '不进驻理由', en: 'Reason' },
  'lists.tab.powers': { zh: '权责清单', en: 'Powers' },
  'lists.tab.licensing': { zh: '行政许可事项清单', en: 'Licensing' },
  'lists.tab.intermediary': { zh: '中介服务事项清单', en: 'Intermediary services' },
  'lists.tab.not-in-hall': { zh: '不进驻大厅事项清单', en: 'Not in the hall' },
  'lists.total': { zh: '共 {total} 项', en: '{total} items' },

  // ---- catalogue: implementations ----
  'impl.searchPlaceholder': { zh: '搜索事项名称或实施编码', en: 'Search name or code' },
  'impl.allStatuses': { zh: '全部状态', en: 'Any status' },
  'impl.create': { zh: '新建实施清单', en: 'New implementation' },
  'impl.createBase': { zh: '新建基本目录事项', en: 'New base item' },
  'impl.chooseBase': { zh: '选择基本目录事项', en: 'Choose a base item' },
  'impl.codeRule': { zh: '1–36 位字母、数字或短横线', en: '1–36 letters, digits or hyphens' },
  'impl.baseCodeRule': { zh: '1–12 位字母或数字', en: '1–12 letters or digits' },
  'impl.codeSuggest': { zh: '按基本编码和区划生成', en: 'Make one from the base code and region' },
  'impl.nameExtra': { zh: '默认与基本目录事项同名，可按本地实际修改', en: 'Defaults to the base item name' },
  'impl.open': { zh: '编辑', en: 'Edit' },
  'impl.view': { zh: '查看', en: 'View' },

  // ---- catalogue: editor ----
  'editor.tab.basic': { zh: '基本信息', en: 'Basic' },
  'editor.tab.materials': { zh: '申请材料', en: 'Materials' },
  'editor.tab.steps': { zh: '办理环节', en: 'Steps' },
  'editor.tab.form': { zh: '申请表单', en: 'Form' },
  'editor.tab.versions': { zh: '版本历史', en: 'Versions' },
  'editor.tab.inspection': { zh: '巡检', en: 'Inspection' },
  'editor.save': { zh: '保存草稿', en: 'Save draft' },
  'editor.submit': { zh: '提交审核', en: 'Submit for review' },
  'editor.approve': { zh: '审核通过', en: 'Approve' },
  'editor.reject': { zh: '退回', en: 'Return' },
  'editor.suspend': { zh: '暂停', en: 'Suspend' },
  'editor.resume': { zh: '恢复', en: 'Resume' },
  'editor.abolish': { zh: '废止', en: 'Abolish' },
  'editor.newVersion': { zh: '新建版本', en: 'New version' },
  'editor.adoptTemplate': { zh: '采用标准模板', en: 'Adopt the template' },
  'editor.viewGuide': { zh: '查看公开指南', en: 'Public guide' },
  'editor.back': { zh: '返回列表', en: 'Back to the list' },
  'editor.saved': { zh: '草稿已保存', en: 'Draft saved' },
  'editor.done': { zh: '操作成功', en: 'Done' },
  'editor.unsaved': { zh: '有未保存的修改', en: 'Unsaved changes' },
  'editor.readOnly': { zh: '第 {n} 版为“{status}”，不能修改。', en: 'Version {n} is {status} and cannot change.' },
  'editor.readOnlyNew': { zh: '如需修改，请“新建版本”。', en: 'Start a new version to change it.' },
  'editor.inReview': { zh: '第 {n} 版正在审核中。', en: 'Version {n} is in review.' },
  'editor.returned': { zh: '审核退回：{note}', en: 'Returned: {note}' },
  'editor.note': { zh: '意见', en: 'Note' },
  'editor.reason': { zh: '原因', en: 'Reason' },
  'editor.noteRequired': { zh: '请填写原因', en: 'Give a reason' },
  'editor.confirm.approve': { zh: '审核通过并发布第 {n} 版？', en: 'Approve and publish version {n}?' },
  'editor.confirm.reject': { zh: '退回第 {n} 版', en: 'Return version {n}' },
  'editor.confirm.suspend': { zh: '暂停办理该事项', en: 'Suspend this item' },
  'editor.confirm.resume': { zh: '恢复办理该事项？', en: 'Resume this item?' },
  'editor.confirm.abolish': { zh: '废止该事项（不可撤销）', en: 'Abolish this item (cannot be undone)' },
  'editor.confirm.newVersion': { zh: '以已发布版本为基础新建一个草稿版本？', en: 'Start a new draft from the published version?' },
  'editor.confirm.adopt': { zh: '用基本目录的标准模板覆盖对应要素？', en: "Replace the elements with the base item's template?" },
  'editor.errorsIn': { zh: '以下要素需要修改：', en: 'These elements need attention:' },
  'editor.remove': { zh: '删除', en: 'Remove' },
  'editor.moveUp': { zh: '上移', en: 'Move up' },
  'editor.moveDown': { zh: '下移', en: 'Move down' },
  'editor.section.names': { zh: '名称与依据', en: 'Name and legal basis' },
  'editor.section.limits': { zh: '办理时限', en: 'Time limits' },
  'editor.section.channels': { zh: '办理方式', en: 'How to apply' },
  'editor.section.result': { zh: '审批结果', en: 'Result' },
  'editor.section.objects': { zh: '服务对象与主题', en: 'Who and topics' },
  'editor.section.place': { zh: '办理地点与咨询', en: 'Place and enquiries' },
  'editor.section.hall': { zh: '大厅进驻', en: 'Service hall' },
  'editor.section.powers': { zh: '责任事项与特别程序', en: 'Responsibilities and special procedures' },
  'editor.section.fees': { zh: '收费', en: 'Fees' },
  'editor.section.intermediary': { zh: '中介服务', en: 'Intermediary services' },
  'editor.tagsHint': { zh: '输入后回车添加', en: 'Type and press Enter' },
  'editor.addFee': { zh: '添加收费项目', en: 'Add a fee' },
  'editor.addIntermediary': { zh: '添加中介服务', en: 'Add an intermediary service' },
  'editor.addResponsibility': { zh: '添加责任事项', en: 'Add a responsibility' },
  'editor.fee.waivable': { zh: '可减免', en: 'Waivable' },
  'editor.intermediary.name': { zh: '中介服务名称', en: 'Service' },
  'editor.intermediary.basis': { zh: '设定依据', en: 'Basis' },
  'editor.noLicence': { zh: '不关联证照', en: 'No licence type' },
  'editor.licenceType': { zh: '证照类型', en: 'Licence type' },
  'editor.material.add': { zh: '添加材料', en: 'Add a material' },
  'editor.material.key': { zh: '标识', en: 'Key' },
  'editor.material.keyRule': { zh: '小写字母、数字、_ 或 -，版本间保持不变', en: 'a–z, 0–9, _ or -; kept across versions' },
  'editor.material.sourceDepartment': { zh: '来源部门', en: 'Source department' },
  'editor.material.originals': { zh: '原件', en: 'Originals' },
  'editor.material.copies': { zh: '复印件', en: 'Copies' },
  'editor.material.upload': { zh: '上传', en: 'Upload' },
  'editor.material.replace': { zh: '替换', en: 'Replace' },
  'editor.material.uploadHint': { zh: 'PDF、JPEG、PNG 或 OFD，不超过 20 MB', en: 'PDF, JPEG, PNG or OFD, up to 20 MB' },
  'editor.material.rowErrors': { zh: '第 {n} 项（{name}）：{message}', en: 'Item {n} ({name}): {message}' },
  'editor.step.add': { zh: '添加环节', en: 'Add a step' },
  'editor.step.name': { zh: '环节名称', en: 'Step' },
  'editor.step.role': { zh: '办理角色', en: 'Handled by' },
  'editor.step.days': { zh: '时限（工作日）', en: 'Budget (working days)' },
  'editor.step.total': { zh: '环节时限合计 {total} 个工作日，承诺时限 {promised}', en: 'Steps add up to {total} working days; promised {promised}' },
  'editor.step.over': { zh: '超过承诺时限', en: 'over the promised limit' },

  // ---- catalogue: form designer ----
  'designer.fields': { zh: '表单字段', en: 'Fields' },
  'designer.preview': { zh: '申请人看到的表单（预览）', en: 'What the applicant sees (preview)' },
  'designer.add': { zh: '添加字段', en: 'Add a field' },
  'designer.empty': { zh: '还没有字段。点击“添加字段”开始设计申请表单。', en: 'No fields yet. Click "Add a field" to start.' },
  'designer.key': { zh: '字段标识', en: 'Key' },
  'designer.keyRule': { zh: '字母开头，字母、数字或下划线', en: 'Starts with a letter; letters, digits, _' },
  'designer.keyDuplicate': { zh: '字段标识重复', en: 'This key is used twice' },
  'designer.label': { zh: '标题', en: 'Label' },
  'designer.description': { zh: '填写说明', en: 'Help text' },
  'designer.widget': { zh: '控件类型', en: 'Widget' },
  'designer.required': { zh: '必填', en: 'Required' },
  'designer.options': { zh: '选项', en: 'Options' },
  'designer.optionsHint': { zh: '输入选项后回车', en: 'Type an option and press Enter' },
  'designer.newField': { zh: '新字段', en: 'New field' },
  'designer.widget.text': { zh: '单行文本', en: 'Text' },
  'designer.widget.textarea': { zh: '多行文本', en: 'Long text' },
  'designer.widget.number': { zh: '数字', en: 'Number' },
  'designer.widget.date': { zh: '日期', en: 'Date' },
  'designer.widget.select': { zh: '下拉选择', en: 'Drop-down' },
  'designer.widget.radio': { zh: '单选', en: 'Radio buttons' },
  'designer.widget.checkbox': { zh: '多选', en: 'Check boxes' },
  'designer.widget.switch': { zh: '开关（是/否）', en: 'Yes/no switch' },
  'designer.widget.id-number': { zh: '身份证号码', en: 'ID number' },
  'designer.widget.phone': { zh: '手机号码', en: 'Mobile phone' },
  'designer.widget.uscc': { zh: '统一社会信用代码', en: 'USCC' },
  'designer.widget.email': { zh: '电子邮箱', en: 'Email' },
  'designer.check': { zh: '试填校验', en: 'Try validating' },
  'designer.checkOk': { zh: '校验通过', en: 'All fields valid' },
  'designer.invalid.id-number': { zh: '身份证号码不正确', en: 'Not a valid ID number' },
  'designer.invalid.phone': { zh: '手机号码不正确', en: 'Not a valid mobile number' },
  'designer.invalid.uscc': { zh: '统一社会信用代码不正确', en: 'Not a valid USCC' },
  'designer.invalid.email': { zh: '电子邮箱不正确', en: 'Not a valid email address' },
  'designer.select': { zh: '请选择', en: 'Choose' },
  'designer.requiredMessage': { zh: '请填写{label}', en: '{label} is required' },

  // ---- catalogue: versions and inspection tabs ----
  'versions.number': { zh: '版本', en: 'Version' },
  'versions.createdBy': { zh: '编制人', en: 'Drafted by' },
  'versions.createdAt': { zh: '创建时间', en: 'Created' },
  'versions.publishedAt': { zh: '发布时间', en: 'Published' },
  'versions.reviewedBy': { zh: '审核人', en: 'Reviewed by' },
  'versions.reviewNote': { zh: '审核意见', en: 'Review note' },
  'versions.compare': { zh: '版本比对', en: 'Compare versions' },
  'versions.from': { zh: '从', en: 'From' },
  'versions.to': { zh: '到', en: 'To' },
  'versions.element': { zh: '要素', en: 'Element' },
  'versions.before': { zh: '修改前', en: 'Before' },
  'versions.after': { zh: '修改后', en: 'After' },
  'versions.noChanges': { zh: '两个版本的要素完全相同。', en: 'The two versions are the same.' },
  'versions.onlyOne': { zh: '只有一个版本，新建版本后可比对。', en: 'Only one version so far; start a new one to compare.' },
  'versions.changes': { zh: '共 {n} 个要素有变化', en: '{n} elements changed' },
  'inspection.completeness': { zh: '完备度', en: 'Completeness' },
  'inspection.accuracy': { zh: '准确性问题', en: 'Accuracy findings' },
  'inspection.errors': { zh: '错误', en: 'Errors' },
  'inspection.warnings': { zh: '提醒', en: 'Warnings' },
  'inspection.guides': { zh: '办事指南', en: 'Guides' },
  'inspection.findings': { zh: '问题清单', en: 'Findings' },
  'inspection.rule': { zh: '规则', en: 'Rule' },
  'inspection.severity': { zh: '级别', en: 'Severity' },
  'inspection.element': { zh: '要素', en: 'Element' },
  'inspection.message': { zh: '问题', en: 'Finding' },
  'inspection.guide': { zh: '事项', en: 'Item' },
  'inspection.noFindings': { zh: '未发现问题。', en: 'No findings.' },
  'inspection.draftNote': { zh: '以下为第 {n} 版（最新版本）的巡检结果，保存后更新。', en: 'Inspection of version {n} (the latest); saving updates it.' },
  'inspection.goTo': { zh: '去修改', en: 'Fix it' },
  'inspection.rerun': { zh: '重新巡检', en: 'Inspect again' },
  'inspection.byDepartment': { zh: '按部门', en: 'By department' },
  'inspection.byRegion': { zh: '按区划', en: 'By region' },
  'inspection.ownDepartment': { zh: '仅显示本部门（{name}）的事项。', en: 'Only your department ({name}) is shown.' },
  'inspection.onlyErrors': { zh: '只看错误', en: 'Errors only' },
  'inspection.ranAt': { zh: '巡检时间 {at}', en: 'Inspected at {at}' },
  'inspection.intro': {
    zh: '全量巡检已发布的办事指南：完备度为标准要素的填写比例，准确性问题为要素之间相互矛盾之处。',
    en: 'Inspects every published guide: completeness is the share of standard elements filled; accuracy findings are contradictions between elements.',
  },

  // ---- catalogue: harmonisation ----
  'harm.pick': { zh: '选择基本目录事项', en: 'Choose a base item' },
  'harm.intro': {
    zh: '同一基本目录事项在各区划、各部门的实施清单逐要素比对：与标准模板（无模板时为多数取值）不一致的单元格标红，本地要素置灰不参与比对。',
    en: 'Compares one base item across regions element by element: cells that differ from the template (or the most common value) are red; local elements are grey and not compared.',
  },
  'harm.differing': { zh: '{n} 个要素不一致', en: '{n} elements differ' },
  'harm.template': { zh: '标准模板', en: 'Template' },
  'harm.local': { zh: '本地要素', en: 'Local' },
  'harm.noImplementations': { zh: '该事项还没有实施清单。', en: 'No implementation of this item yet.' },
  'harm.setTemplate': { zh: '将选中要素设为标准模板', en: 'Make the selected elements the template' },
  'harm.takeFrom': { zh: '取值来源', en: 'Take values from' },
  'harm.clearTemplate': { zh: '清除模板', en: 'Clear the template' },
  'harm.templateSaved': { zh: '标准模板已保存', en: 'Template saved' },
  'harm.localElements': { zh: '本地要素（允许各地不同）', en: 'Local elements (may differ by region)' },
  'harm.saveLocal': { zh: '保存本地要素', en: 'Save local elements' },
  'harm.selectHint': { zh: '勾选表格中的要素，选择取值来源后设为模板。', en: 'Tick elements in the table, choose the source, then make them the template.' },
  'harm.index': { zh: '统筹指数', en: 'Harmonisation index' },
  'harm.index.baseItems': { zh: '事项数', en: 'Base items' },
  'harm.index.agreeing': { zh: '一致', en: 'Agreeing' },
  'harm.index.value': { zh: '指数', en: 'Index' },
  'harm.templateHas': { zh: '模板包含 {n} 个要素', en: 'The template has {n} elements' },
  'harm.noTemplate': { zh: '尚未设置标准模板', en: 'No template yet' },

  // ---- catalogue: import ----
  'import.title': { zh: '导入事项目录', en: 'Import the catalogue' },
  'import.intro': {
    zh: '上传 Excel 工作簿（工作表：基本目录、实施清单、申请材料，与导出格式相同）。先“检查”逐行核对，无误后再“导入”。',
    en: 'Upload an Excel workbook (sheets 基本目录, 实施清单, 申请材料, the export format). Check it first, then import.',
  },
  'import.choose': { zh: '选择 xlsx 文件', en: 'Choose an xlsx file' },
  'import.dryRun': { zh: '检查（不写入）', en: 'Check (dry run)' },
  'import.run': { zh: '导入', en: 'Import' },
  'import.publish': { zh: '导入后直接发布', en: 'Publish on import' },
  'import.publishHint': { zh: '需要审核权限', en: 'Needs the review permission' },
  'import.running': { zh: '正在处理 {processed} / {total}', en: 'Processing {processed} / {total}' },
  'import.checked': { zh: '检查通过：{rows} 行，{implementations} 个实施清单，{baseItems} 个基本目录事项。可以导入。', en: 'Check passed: {rows} rows, {implementations} implementations, {baseItems} base items. Ready to import.' },
  'import.failed': { zh: '发现 {n} 处问题，未做任何修改。请修改后重新上传。', en: '{n} problems found; nothing was changed. Fix them and upload again.' },
  'import.done': {
    zh: '导入完成：新建基本目录 {baseItemsCreated} 个，新建实施清单 {implementationsCreated} 个，修改 {implementationsChanged} 个，未变 {implementationsUnchanged} 个，发布 {published} 个。',
    en: 'Imported: {baseItemsCreated} base items and {implementationsCreated} implementations created, {implementationsChanged} changed, {implementationsUnchanged} unchanged, {published} published.',
  },
  'import.sheet': { zh: '工作表', en: 'Sheet' },
  'import.row': { zh: '行', en: 'Row' },
  'import.column': { zh: '列', en: 'Column' },
  'import.message': { zh: '问题', en: 'Problem' },
  'import.needCheck': { zh: '请先检查文件', en: 'Check the file first' },
  'import.export': { zh: '导出事项目录', en: 'Export the catalogue' },
  'import.exportIntro': { zh: '导出全部未废止事项的最新版本，格式与导入相同，可修改后再导入。', en: 'Exports the latest version of every item in the import format: edit and import it again.' },

  // ---- readings of the schema's (English) messages ----
  'issue.empty': { zh: '不能为空', en: 'must not be empty' },
  'issue.tooSmall': { zh: '数值过小', en: 'too small' },
  'issue.tooLong': { zh: '内容过长', en: 'too long' },
  'issue.tooBig': { zh: '数值过大', en: 'too big' },
  'issue.tooMany': { zh: '条目过多', en: 'too many entries' },
  'issue.pattern': { zh: '格式不正确（小写字母、数字、_ 或 -）', en: 'wrong format (a–z, 0–9, _ or -)' },
  'issue.option': { zh: '取值不在允许范围内', en: 'not one of the allowed values' },
  'issue.type': { zh: '类型不正确（{message}）', en: 'wrong type ({message})' },

  // ---- base items ----
  'base.code': { zh: '基本编码', en: 'Base code' },
  'base.name': { zh: '事项名称', en: 'Name' },
  'base.itemType': { zh: '事项类型', en: 'Item type' },
  'base.useLevel': { zh: '行使层级', en: 'Level' },
  'base.legalBasis': { zh: '设定依据', en: 'Legal basis' },

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

/** One message in a given language, for code outside components. */
export function translate(key: MessageKey, lang: Lang, vars?: Record<string, string | number>): string {
  return format(messages[key][lang], vars);
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
