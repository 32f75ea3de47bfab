// The messages of signing in and changing the password: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.password': { zh: '修改密码', en: 'Change password' },

  // ---- login ----
  'login.subtitle': { zh: '使用工作人员或申请人账号登录', en: 'Sign in with your staff or applicant account' },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.usernameRequired': { zh: '请输入用户名', en: 'Enter your username' },
  'login.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },

  // ---- change password ----
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm the new password' },
  'password.rule': { zh: '至少 8 位，须同时包含字母和数字', en: 'At least 8 characters, with letters and digits' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.done': { zh: '密码已修改', en: 'Your password has been changed' },
} satisfies Messages;
