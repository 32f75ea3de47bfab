import { defineErrors } from '../errors.ts';

/**
 * The errors of the access check every route goes through (platform/http/context.ts and the app's preParsing hook).
 * They belong to the platform, not to the accounts module: accounts re-exports them within `accountErrors`.
 */
export const authErrors = defineErrors({
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  AUTH_FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
});
