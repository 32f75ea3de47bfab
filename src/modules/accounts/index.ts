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
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type Principal,
  type UserInput,
  type UserView,
} from './accounts.service.ts';
export { accountsRoutes } from './accounts.routes.ts';
