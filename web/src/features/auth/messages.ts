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

  'login.register': { zh: '注册账号', en: 'Register' },
  'login.forgot': { zh: '忘记密码', en: 'Forgot password' },
  'login.noAccount': { zh: '群众和企业可自行注册申请人账号：', en: 'The public and businesses register their own applicant account:' },

  // ---- SMS codes ----
  'sms.code': { zh: '短信验证码', en: 'SMS code' },
  'sms.send': { zh: '获取验证码', en: 'Send code' },
  'sms.wait': { zh: '{seconds} 秒后重新获取', en: 'Resend in {seconds} s' },
  'sms.sent': { zh: '验证码已发送至 {phone}，5 分钟内有效', en: 'Code sent to {phone}; valid for 5 minutes' },
  'sms.hint': { zh: '先填写手机号码，再获取验证码', en: 'Enter your mobile number, then ask for a code' },
  'sms.codeRule': { zh: '请输入 6 位数字验证码', en: 'Enter the six-digit code' },

  // ---- register ----
  'register.title': { zh: '注册', en: 'Register' },
  'register.subtitle': {
    zh: '个人凭居民身份证号码、企业和其他组织凭统一社会信用代码注册申请人账号',
    en: 'People register with their ID number, organisations with their unified social credit code',
  },
  'register.kind': { zh: '注册类型', en: 'Account type' },
  'register.person': { zh: '个人', en: 'Person' },
  'register.organisation': { zh: '企业或组织', en: 'Organisation' },
  'register.name': { zh: '姓名', en: 'Full name' },
  'register.orgName': { zh: '单位名称', en: 'Organisation name' },
  'register.idNumber': { zh: '居民身份证号码', en: 'ID card number' },
  'register.uscc': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'register.idRule': { zh: '请输入 18 位号码', en: 'Enter the 18 characters' },
  'register.usernameRule': { zh: '3–32 位字母、数字、点、下划线或短横线', en: '3–32 letters, digits, dots, underscores or hyphens' },
  'register.phone': { zh: '手机号码', en: 'Mobile number' },
  'register.phoneRule': { zh: '请输入 11 位手机号码', en: 'Enter an 11-digit mobile number' },
  'register.submit': { zh: '注册', en: 'Register' },
  'register.haveAccount': { zh: '已有账号？', en: 'Have an account?' },
  'register.done': { zh: '注册成功', en: 'Registered' },
  'register.doneHint': { zh: '请使用用户名 {username} 登录', en: 'Sign in as {username}' },

  // ---- forgotten password ----
  'forgot.title': { zh: '忘记密码', en: 'Forgot password' },
  'forgot.subtitle': {
    zh: '输入用户名和账号绑定的手机号码，凭短信验证码设置新密码',
    en: 'Enter your username and the mobile number of the account; an SMS code lets you set a new password',
  },
  'forgot.submit': { zh: '重置密码', en: 'Reset password' },
  'forgot.done': { zh: '密码已重置，请使用新密码登录', en: 'Your password has been reset; sign in with the new one' },

  // ---- change password ----
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm the new password' },
  'password.rule': { zh: '至少 8 位，须同时包含字母和数字', en: 'At least 8 characters, with letters and digits' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.done': { zh: '密码已修改', en: 'Your password has been changed' },
} satisfies Messages;
