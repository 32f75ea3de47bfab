import type { TongbanModule } from '../../platform/module.ts';
import { accountsRoutes } from './accounts.routes.ts';
import { accountsJobs } from './accounts.jobs.ts';
import { configurePrincipalCache } from './accounts.service.ts';

export { accountErrors } from './accounts.errors.ts';
export {
  createUser,
  updateUser,
  getUser,
  getUserIdentity,
  authenticateUserGrants,
  listUsers,
  findUserByUsername,
  setPassword,
  changeOwnPassword,
  login,
  logout,
  authenticate,
  DEPARTMENT_REVIEWERS,
  userIdByIdNumber,
  configurePrincipalCache,
  forgetPrincipals,
  PRINCIPALS_CHANNEL,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  AUTHENTICATE,
  type Manager,
  type Principal,
  type UserInput,
  type UserView,
} from './accounts.service.ts';
export { accountsRoutes } from './accounts.routes.ts';
// The digest of an SMS code (a browser test sets a known code on the one just sent).
export { smsCodeHash } from './accounts.self-service.ts';
export { accountsJobs } from './accounts.jobs.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'users.manage': true;
    'tokens.own': true;
  }
}

/** Accounts, their roles, sessions and API tokens. */
export const accountsModule: TongbanModule = {
  name: 'accounts',
  routes: accountsRoutes,
  permissions: [
    { permission: 'users.manage', roles: [] },
    { permission: 'tokens.own', roles: ['data_officer'] },
  ],
  // Resolved tokens are cached briefly; every change to tokens, accounts or roles empties the cache.
  configure: (config) => configurePrincipalCache(config.principalCacheMs),
  jobs: accountsJobs,
  tables: ['app_user', 'auth_token', 'sms_code', 'user_role'],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_accounts_user', 'pub_accounts_active_grant', 'pub_accounts_department_reviewer'],
};
