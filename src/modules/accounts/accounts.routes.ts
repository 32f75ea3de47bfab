import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, idempotencyKeyOf, principalOf } from '../../platform/http/context.ts';
import { errorResponses, idempotencyHeader, idParam, pageQuery } from '../../platform/http/schemas.ts';
import { runIdempotent } from '../../platform/idempotency.ts';
import { permissionsOf, ROLES } from '../../platform/permissions.ts';
import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  changeOwnPassword,
  createApiToken,
  createUser,
  getUser,
  listApiTokens,
  listUsers,
  login,
  logout,
  revokeApiToken,
  setPassword,
  updateUser,
} from './accounts.service.ts';
import { createUserBody, loginBody, passwordResetBody, registerBody, smsCodeBody, updateUserBody, userSchema } from './accounts.types.ts';
import { checkRegistrationCode, registerAccount, requestSmsCode, resetPasswordBySms } from './accounts.self-service.ts';

const SESSION_COOKIE = 'tongban_session';

const grantWithPermissions = z
  .object({ role: z.enum(ROLES), regionCode: z.string().nullable(), departmentId: z.number().nullable(), permissions: z.array(z.string()) })
  .meta({ id: 'GrantWithPermissions' });

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: app.config.production };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and returns the same token for Bearer use',
        body: loginBody,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login(
        db,
        { ...request.body, ip: request.ip, requestId: String(request.id) },
        { sessionHours: app.config.sessionHours, maxFailures: app.config.loginMaxFailures },
      );
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: new Date(result.expiresAt) });
      return { token: result.token, expiresAt: result.expiresAt, user: result.user };
    },
  );

  // ── The public's own accounts (ADR 0027) ──────────────────────────────
  app.post(
    '/api/auth/sms-codes',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Send an SMS verification code for registration or a password reset (5 minutes; once a minute, 5 an hour per number)',
        description:
          'For a reset the code goes out only when `username` holds the number; the answer is the same either way. Outside production the ' +
          'log stands in for the SMS gateway and shows the code; in production it never does.',
        body: smsCodeBody,
        response: { 202: z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await requestSmsCode(db, { ...request.body, ip: request.ip, requestId: String(request.id) }, (message) => app.notifier.send(message));
      return reply.status(202).send(result);
    },
  );
  app.post(
    '/api/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Register a person (ID number) or an organisation (USCC) with a mobile number proved by an SMS code; the account is an applicant',
        headers: idempotencyHeader,
        body: registerBody,
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { password: _secret, code: _code, ...fingerprint } = request.body;
      await checkRegistrationCode(db, request.body);
      const result = await runIdempotent(db, `register:${request.body.phone}`, idempotencyKeyOf(request), fingerprint, async (tx) => ({
        status: 201,
        body: await registerAccount(tx, request.body, String(request.id)),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Reset a forgotten password with the SMS code sent to the account’s mobile number (all its sessions end)',
        body: passwordResetBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetPasswordBySms(db, request.body, String(request.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'user' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await logout(db, contextOf(request), principalOf(request).tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their permissions',
        description:
          '`permissions`: every permission any grant gives (for the menu). `grants`: each role grant with its scope and the permissions it gives ' +
          'there, so the web can tell whether a record lies within the scope of a permission without a copy of the permission table.',
        response: { 200: z.object({ user: userSchema, permissions: z.array(z.string()), grants: z.array(grantWithPermissions) }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        user: principal.user,
        permissions: permissionsOf(principal.grants),
        grants: principal.grants.map((g) => ({ role: g.role, regionCode: g.regionCode, departmentId: g.departmentId, permissions: permissionsOf([g]) })),
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (other sessions end)',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await changeOwnPassword(db, contextOf(request), principal.user.id, request.body.currentPassword, request.body.newPassword, principal.tokenHash);
      return reply.status(204).send(null);
    },
  );

  const tokenView = z.object({
    id: z.number(),
    name: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });
  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'tokens.own' },
      schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(tokenView) }), ...errorResponses } },
    },
    async (request) => ({ items: await listApiTokens(db, principalOf(request).user.id) }),
  );
  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'tokens.own' },
      schema: {
        tags: ['auth'],
        summary: `Create an API token for a machine client (the secret is shown once); it expires after \`days\` (default ${API_TOKEN_DEFAULT_DAYS}, at most ${API_TOKEN_MAX_DAYS})`,
        headers: idempotencyHeader,
        // No token lives forever: a leaked one must stop working on its own.
        body: z.object({ name: z.string().min(1).max(64), days: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional() }),
        response: {
          201: z.object({ id: z.number(), name: z.string(), token: z.string(), expiresAt: z.string().nullable(), createdAt: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'tokens.own');
      const userId = principalOf(request).user.id;
      const result = await runIdempotent(db, `token:${userId}`, idempotencyKeyOf(request), request.body, async (tx) => ({
        status: 201,
        body: await createApiToken(tx, ctx, userId, request.body.name, request.body.days),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'tokens.own' },
      schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: idParam, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await revokeApiToken(db, contextOf(request, 'tokens.own'), principalOf(request).user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ── User administration ──────────────────────────────────────────────
  app.get(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'List the accounts inside my scope (phones and ID numbers masked)',
        querystring: z.object({ q: z.string().max(64).optional(), ...pageQuery }),
        response: { 200: z.object({ total: z.number(), items: z.array(userSchema) }), ...errorResponses },
      },
    },
    async (request) => listUsers(db, request.query, principalOf(request).grants),
  );
  app.get(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: 'One account inside my scope', params: idParam, response: { 200: userSchema, ...errorResponses } },
    },
    async (request) => getUser(db, request.params.id, principalOf(request).grants),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create an account with roles inside my scope',
        headers: idempotencyHeader,
        body: createUserBody,
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, 'users.manage');
      const { password: _secret, ...fingerprint } = request.body;
      const result = await runIdempotent(db, `user:${ctx.actor.id}`, idempotencyKeyOf(request), fingerprint, async (tx) => ({
        status: 201,
        body: await createUser(tx, ctx, request.body, principalOf(request).grants),
      }));
      return reply.status(result.status).send(result.body);
    },
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change an account inside my scope, its roles only to roles inside it (carries its version)',
        params: idParam,
        body: updateUserBody,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => updateUser(db, contextOf(request, 'users.manage'), request.params.id, request.body, principalOf(request).grants),
  );
  app.post(
    '/api/users/:id/password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Reset the password of an account inside my scope (its sessions end)',
        params: idParam,
        body: z.object({ password: z.string().min(1).max(256) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await setPassword(db, contextOf(request, 'users.manage'), request.params.id, request.body.password, { manager: principalOf(request).grants });
      return reply.status(204).send(null);
    },
  );
};
