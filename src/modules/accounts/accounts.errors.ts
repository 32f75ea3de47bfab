import { defineErrors } from '../../platform/errors.ts';
import { authErrors } from '../../platform/http/auth-errors.ts';

/** The module's errors, with the platform's access-check errors (AUTH_REQUIRED, AUTH_FORBIDDEN, AUTH_SESSION_EXPIRED). */
export const accountErrors = {
  ...authErrors,
  ...defineErrors({
    AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
    AUTH_THROTTLED: {
      status: 429,
      zh: '登录失败次数过多，请 15 分钟后再试',
      en: 'Too many failed logins; try again in 15 minutes',
    },
    AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
    AUTH_WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
    PASSWORD_TOO_WEAK: {
      status: 400,
      zh: '密码至少 8 位，且须包含字母和数字',
      en: 'A password needs at least 8 characters with letters and digits',
    },
    USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'Unknown user' },
    USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
    USERNAME_INVALID: {
      status: 400,
      zh: '用户名须为 3–32 位字母、数字、点、下划线或短横线',
      en: 'A username is 3–32 letters, digits, dots, underscores or hyphens',
    },
    ROLE_INVALID: { status: 400, zh: '角色不存在', en: 'Unknown role' },
    PHONE_INVALID: { status: 400, zh: '手机号码格式不正确', en: 'The mobile number is not valid' },
    ID_NUMBER_INVALID: { status: 400, zh: '证件号码（身份证号或统一社会信用代码）不正确', en: 'The ID number or USCC is not valid' },
    ID_NUMBER_TAKEN: { status: 409, zh: '该证件号码已绑定其他账号', en: 'Another account holds this ID number' },
    TOKEN_NOT_FOUND: { status: 404, zh: '令牌不存在', en: 'Unknown token' },
    TOKEN_LIFETIME_INVALID: { status: 400, zh: 'API 令牌有效期须为 1 至 365 天', en: 'An API token lasts 1 to 365 days' },
    USER_OUT_OF_SCOPE: { status: 403, zh: '该账号不在您的管理范围内', en: 'This account is outside the scope you manage' },
    ROLE_OUT_OF_SCOPE: {
      status: 403,
      zh: '只能授予您管理范围内的角色、地区和部门',
      en: 'You can grant only roles, regions and departments within your own scope',
    },
    SMS_CODE_WRONG: { status: 400, zh: '短信验证码不正确', en: 'The SMS code is wrong' },
    SMS_CODE_EXPIRED: { status: 400, zh: '短信验证码已失效，请重新获取', en: 'The SMS code is no longer valid; ask for a new one' },
    SMS_CODE_TOO_SOON: { status: 429, zh: '验证码发送过于频繁，请 60 秒后再试', en: 'A code was just sent; try again in 60 seconds' },
    SMS_CODE_THROTTLED: {
      status: 429,
      zh: '该号码或网络获取验证码次数过多，请一小时后再试',
      en: 'Too many codes for this number or network; try again in an hour',
    },
    ROLE_SCOPE_INCONSISTENT: { status: 400, zh: '角色的部门不在其所选地区内', en: "The role's department lies outside its region" },
  }),
};
