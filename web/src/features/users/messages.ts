// The messages of user accounts: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.users': { zh: '用户管理', en: 'Users' },

  // ---- workbench ----
  'module.users.desc': { zh: '账号、角色及其区划和部门范围', en: 'Accounts, roles and their scope' },

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
} satisfies Messages;
