// The messages of the frame of the app and what every page shares (buttons, errors, roles, pickers): Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
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

  // ---- pickers ----
  'region.placeholder': { zh: '选择行政区划', en: 'Choose a region' },
  'department.placeholder': { zh: '选择部门', en: 'Choose a department' },

  // ---- common (cases, licences, ratings) ----
  'common.close': { zh: '关闭', en: 'Close' },
  'common.back': { zh: '返回', en: 'Back' },
  'common.submit': { zh: '提交', en: 'Submit' },
  'common.refresh': { zh: '刷新', en: 'Refresh' },
  'common.remove': { zh: '删除', en: 'Remove' },
  'common.all': { zh: '全部', en: 'All' },
  'common.done': { zh: '已完成', en: 'Done' },

  // ---- notifications ----
  'notify.title': { zh: '消息通知', en: 'Notifications' },
  'notify.empty': { zh: '暂无消息', en: 'No notifications' },
  'notify.markAll': { zh: '全部已读', en: 'Mark all read' },
  'notify.open': { zh: '消息通知（{n} 条未读）', en: 'Notifications ({n} unread)' },
} satisfies Messages;
