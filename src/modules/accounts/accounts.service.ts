import { and, asc, eq, gt, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { perDatabase, rawQuery, type Db } from '../../platform/db/db.ts';
import { loginAttempt } from '../../platform/db/platform.schema.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { hashPassword, newSecret, sm3Hex, verifyPassword } from '../../platform/crypto.ts';
import { platformErrors } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { iso } from '../../platform/time.ts';
import { ROLES, type Role, type RoleGrant } from '../../platform/permissions.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { appUser, authToken, userRole } from './accounts.schema.ts';
import { accountErrors } from './accounts.errors.ts';

type UserRow = typeof appUser.$inferSelect;

export interface RoleInput {
  role: string;
  regionCode?: string | null;
  departmentId?: number | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  idNumber?: string | null;
  roles: RoleInput[];
}

const USERNAME = /^[A-Za-z0-9._-]{3,32}$/;
const PHONE = /^1[3-9]\d{9}$/;

export function checkPasswordStrength(password: string): void {
  if (password.length < 8 || password.length > 128 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw accountErrors.PASSWORD_TOO_WEAK();
  }
}

async function validateRoles(tx: Db, roles: RoleInput[]): Promise<RoleGrant[]> {
  const out: RoleGrant[] = [];
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r.role)) throw accountErrors.ROLE_INVALID({ role: r.role });
    if (r.regionCode) await getRegion(tx, r.regionCode);
    if (r.departmentId) await getDepartment(tx, r.departmentId);
    out.push({ role: r.role as Role, regionCode: r.regionCode ?? null, departmentId: r.departmentId ?? null });
  }
  return out;
}

export async function rolesOf(db: Db, userIds: number[]): Promise<Map<number, RoleGrant[]>> {
  const map = new Map<number, RoleGrant[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRole).where(inArray(userRole.userId, userIds)).orderBy(asc(userRole.id));
  for (const r of rows) {
    const list = map.get(r.userId) ?? [];
    list.push({ role: r.role as Role, regionCode: r.regionCode, departmentId: r.departmentId });
    map.set(r.userId, list);
  }
  return map;
}

function shapeUser(row: Pick<UserRow, 'id' | 'username' | 'displayName' | 'phone' | 'idNumber' | 'status' | 'version'>, roles: RoleGrant[]) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    phoneMasked: maskPhone(row.phone),
    idNumberMasked: maskIdNumber(row.idNumber),
    status: row.status as 'active' | 'disabled',
    roles,
    version: row.version,
  };
}

export type UserView = ReturnType<typeof shapeUser>;

/** What the audit digest covers: the account without its password hash. */
function auditable(row: UserRow, roles: RoleGrant[]) {
  const { passwordHash: _omit, ...rest } = row;
  return { ...rest, roles };
}

export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db.select().from(appUser).where(eq(appUser.username, username));
  return row;
}

export async function getUser(db: Db, id: number): Promise<UserView> {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  if (!row) throw accountErrors.USER_NOT_FOUND({ id });
  return shapeUser(row, (await rolesOf(db, [id])).get(id) ?? []);
}

export async function createUser(tx: Db, ctx: RequestContext, input: UserInput): Promise<UserView> {
  if (!USERNAME.test(input.username)) throw accountErrors.USERNAME_INVALID();
  checkPasswordStrength(input.password);
  if (input.phone && !PHONE.test(input.phone)) throw accountErrors.PHONE_INVALID();
  const roles = await validateRoles(tx, input.roles);
  if (await findUserByUsername(tx, input.username)) throw accountErrors.USERNAME_TAKEN({ username: input.username });
  if (input.idNumber) {
    // The number binds the account to its cases and licences: it must be a real one, and nobody else's.
    const isOrg = roles.some((r) => r.role === 'applicant_org');
    const check = isOrg ? checkUscc(input.idNumber) : checkIdNumber(input.idNumber);
    if (!check.valid) throw accountErrors.ID_NUMBER_INVALID({ reason: check.reason, reasonZh: check.reasonZh });
    const [taken] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.idNumber, input.idNumber.toUpperCase()));
    if (taken) throw accountErrors.ID_NUMBER_TAKEN();
  }
  const [row] = await tx
    .insert(appUser)
    .values({
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      phone: input.phone ?? null,
      idNumber: input.idNumber?.toUpperCase() ?? null,
    })
    .returning();
  if (roles.length) await tx.insert(userRole).values(roles.map((r) => ({ ...r, userId: row.id })));
  await writeAudit(tx, ctx, { action: 'user.create', targetType: 'user', targetId: row.id, change: { after: auditable(row, roles) } });
  return shapeUser(row, roles);
}

export interface UserUpdate {
  displayName?: string;
  status?: 'active' | 'disabled';
  phone?: string | null;
  roles?: RoleInput[];
  version: number;
}

export async function updateUser(db: Db, ctx: RequestContext, id: number, input: UserUpdate): Promise<UserView> {
  const view = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(appUser).where(eq(appUser.id, id)).for('update');
    if (!before) throw accountErrors.USER_NOT_FOUND({ id });
    if (before.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: before.version });
    if (input.phone && !PHONE.test(input.phone)) throw accountErrors.PHONE_INVALID();
    const beforeRoles = (await rolesOf(tx, [id])).get(id) ?? [];
    const roles = input.roles ? await validateRoles(tx, input.roles) : beforeRoles;
    const [after] = await tx
      .update(appUser)
      .set({
        displayName: input.displayName?.trim() ?? before.displayName,
        status: input.status ?? before.status,
        phone: input.phone === undefined ? before.phone : input.phone,
        version: before.version + 1,
        updatedAt: sql`now()`,
      })
      .where(eq(appUser.id, id))
      .returning();
    if (input.roles) {
      await tx.delete(userRole).where(eq(userRole.userId, id));
      if (roles.length) await tx.insert(userRole).values(roles.map((r) => ({ ...r, userId: id })));
    }
    if (after.status === 'disabled') {
      await tx.update(authToken).set({ revokedAt: sql`now()` }).where(and(eq(authToken.userId, id), isNull(authToken.revokedAt)));
    }
    await writeAudit(tx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      change: { before: auditable(before, beforeRoles), after: auditable(after, roles) },
    });
    await principalsChanged(tx);
    return shapeUser(after, roles);
  });
  forgetPrincipals(db);
  return view;
}

export async function listUsers(db: Db, q: { q?: string; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (q.q) where.push(or(ilike(appUser.username, `%${q.q}%`), ilike(appUser.displayName, `%${q.q}%`))!);
  const cond = where.length ? and(...where) : undefined;
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(appUser).where(cond);
  const rows = await db
    .select()
    .from(appUser)
    .where(cond)
    .orderBy(asc(appUser.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return { total: Number(total), items: rows.map((r) => shapeUser(r, roles.get(r.id) ?? [])) };
}

/** Sets a password (admin reset, or the CLI). All the user's sessions end. */
export async function setPassword(db: Db, ctx: RequestContext, id: number, password: string, keepTokenHash?: string) {
  checkPasswordStrength(password);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(appUser).where(eq(appUser.id, id)).for('update');
    if (!row) throw accountErrors.USER_NOT_FOUND({ id });
    await tx
      .update(appUser)
      .set({ passwordHash: await hashPassword(password), version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(appUser.id, id));
    const revoke = [eq(authToken.userId, id), isNull(authToken.revokedAt), eq(authToken.kind, 'session')];
    if (keepTokenHash) revoke.push(ne(authToken.tokenHash, keepTokenHash));
    await tx.update(authToken).set({ revokedAt: sql`now()` }).where(and(...revoke));
    await writeAudit(tx, ctx, { action: 'user.password.set', targetType: 'user', targetId: id, change: { version: row.version + 1 } });
    await principalsChanged(tx);
  });
  forgetPrincipals(db);
}

export async function changeOwnPassword(db: Db, ctx: RequestContext, id: number, current: string, next: string, tokenHash?: string) {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  if (!row) throw accountErrors.USER_NOT_FOUND({ id });
  if (!(await verifyPassword(current, row.passwordHash))) throw accountErrors.AUTH_WRONG_PASSWORD();
  await setPassword(db, ctx, id, next, tokenHash);
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

const THROTTLE_MINUTES = 15;

export interface LoginResult {
  token: string;
  tokenHash: string;
  user: UserView;
  expiresAt: string;
}

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string; requestId: string | null },
  opts: { sessionHours: number; maxFailures: number },
): Promise<LoginResult> {
  const username = input.username.trim();
  const since = new Date(Date.now() - THROTTLE_MINUTES * 60_000).toISOString();
  const [{ failures }] = await db
    .select({ failures: sql<number>`count(*)::int` })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.username, username), eq(loginAttempt.succeeded, false), gt(loginAttempt.at, since)));
  const ctx: RequestContext = { actor: { id: null, username, role: null }, requestId: input.requestId };
  if (Number(failures) >= opts.maxFailures) throw accountErrors.AUTH_THROTTLED({ minutes: THROTTLE_MINUTES });

  const user = await findUserByUsername(db, username);
  dummyHash ??= hashPassword('not-a-real-password-0');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || user.status !== 'active') {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempt).values({ username, ip: input.ip, succeeded: false });
      await writeAudit(tx, ctx, { action: 'auth.login.failed', targetType: 'user', targetId: user?.id ?? username, change: { ip: input.ip } });
    });
    if (user && ok && user.status !== 'active') throw accountErrors.AUTH_ACCOUNT_DISABLED();
    throw accountErrors.AUTH_INVALID_CREDENTIALS();
  }
  const token = newSecret();
  const tokenHash = sm3Hex(token);
  const expiresAt = new Date(Date.now() + opts.sessionHours * 3_600_000).toISOString();
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempt).values({ username, ip: input.ip, succeeded: true });
    // A success clears the failure count: only failures after the last success are counted.
    await tx.delete(loginAttempt).where(and(eq(loginAttempt.username, username), eq(loginAttempt.succeeded, false)));
    const [session] = await tx.insert(authToken).values({ userId: user.id, kind: 'session', tokenHash, expiresAt }).returning({ id: authToken.id });
    await writeAudit(tx, { ...ctx, actor: { id: user.id, username, role: null } }, {
      action: 'auth.login',
      targetType: 'session',
      targetId: session.id,
      change: { ip: input.ip, expiresAt },
    });
  });
  return { token, tokenHash, user: await getUser(db, user.id), expiresAt };
}

export interface Principal {
  user: UserView;
  /** The unmasked ID number or USCC, for acting on the holder's behalf; never sent out. */
  idNumber: string | null;
  grants: RoleGrant[];
  tokenHash: string;
  tokenKind: 'session' | 'api';
}

/** The one statement behind sign-in resolution (exported for the benchmark, which runs it under pgbench). */
export const AUTHENTICATE = `
  SELECT t.kind, t.revoked_at IS NOT NULL AS revoked, (extract(epoch FROM t.expires_at) * 1000)::float8 AS "expiresMs",
         u.id::int AS id, u.username, u.display_name AS "displayName", u.phone, u.id_number AS "idNumber", u.status, u.version,
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'regionCode', r.region_code, 'departmentId', r.department_id) ORDER BY r.id)
                   FROM user_role r WHERE r.user_id = u.id), '[]'::json) AS grants
  FROM auth_token t JOIN app_user u ON u.id = t.user_id
  WHERE t.token_hash = $1`;

/** The channel on which a change to tokens, accounts or roles is announced, so every process forgets what it cached. */
export const PRINCIPALS_CHANNEL = 'tongban_principals';

interface CachedPrincipal {
  principal: Principal;
  expiresMs: number | null;
  until: number;
}
const principalCache = perDatabase(() => new Map<string, CachedPrincipal>());
let principalTtlMs = 5_000;

/** How long a resolved token is trusted without asking the database (0: never). Changes are announced at once. */
export function configurePrincipalCache(ttlMs: number) {
  principalTtlMs = ttlMs;
}

/** Forget every cached token of this database (a NOTIFY arrived, or the listening connection dropped). */
export function forgetPrincipals(db: Db) {
  principalCache(db).clear();
}

/** Called in the transaction that revokes a token or changes an account or its roles. */
async function principalsChanged(tx: Db) {
  await tx.execute(sql`SELECT pg_notify(${PRINCIPALS_CHANNEL}, '')`);
}

/**
 * Resolves a session cookie or bearer token: the token, its account and the account's roles in one prepared
 * statement, then kept for a few seconds (every change to tokens, accounts or roles is announced with NOTIFY and
 * empties the caches of all processes when it commits). Throws AUTH_SESSION_EXPIRED for an expired or revoked one.
 */
export async function authenticate(db: Db, secret: string): Promise<Principal> {
  const now = Date.now();
  const cache = principalCache(db);
  // Kept in memory by the secret itself (as every request carries it), so a hit costs no SM3; the database only ever
  // sees the digest.
  const hit = cache.get(secret);
  if (hit && hit.until > now) {
    if (hit.expiresMs !== null && hit.expiresMs <= now) throw accountErrors.AUTH_SESSION_EXPIRED();
    return hit.principal;
  }
  const tokenHash = sm3Hex(secret);
  const [row] = await rawQuery<Pick<UserRow, 'id' | 'username' | 'displayName' | 'phone' | 'idNumber' | 'status' | 'version'> & { kind: string; revoked: boolean; expiresMs: number | null; grants: RoleGrant[] | string }>(
    db,
    'authenticate',
    AUTHENTICATE,
    [tokenHash],
  );
  if (!row) throw accountErrors.AUTH_REQUIRED();
  if (row.revoked || (row.expiresMs !== null && row.expiresMs <= Date.now())) throw accountErrors.AUTH_SESSION_EXPIRED();
  if (row.status !== 'active') throw accountErrors.AUTH_ACCOUNT_DISABLED();
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants) as RoleGrant[];
  const principal: Principal = { user: shapeUser(row, grants), idNumber: row.idNumber, grants, tokenHash, tokenKind: row.kind as 'session' | 'api' };
  if (principalTtlMs > 0) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(secret, { principal, expiresMs: row.expiresMs, until: now + principalTtlMs });
  }
  return principal;
}

export async function logout(db: Db, ctx: RequestContext, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(authToken)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(authToken.tokenHash, tokenHash), isNull(authToken.revokedAt)))
      .returning({ id: authToken.id });
    if (row) await writeAudit(tx, ctx, { action: 'auth.logout', targetType: 'session', targetId: row.id, change: null });
    await principalsChanged(tx);
  });
  forgetPrincipals(db);
}

/** A bearer token for a machine client. The secret is shown once; only its digest is stored. */
export async function createApiToken(tx: Db, ctx: RequestContext, userId: number, name: string, days: number | null) {
  await getUser(tx, userId);
  const token = newSecret();
  const expiresAt = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
  const [row] = await tx
    .insert(authToken)
    .values({ userId, kind: 'api', name, tokenHash: sm3Hex(token), expiresAt })
    .returning({ id: authToken.id, createdAt: authToken.createdAt });
  await writeAudit(tx, ctx, { action: 'token.create', targetType: 'api_token', targetId: row.id, change: { userId, name, expiresAt } });
  return { id: row.id, name, token, expiresAt, createdAt: iso(row.createdAt) };
}

export async function listApiTokens(db: Db, userId: number) {
  const rows = await db
    .select({ id: authToken.id, name: authToken.name, createdAt: authToken.createdAt, expiresAt: authToken.expiresAt, revokedAt: authToken.revokedAt })
    .from(authToken)
    .where(and(eq(authToken.userId, userId), eq(authToken.kind, 'api')))
    .orderBy(asc(authToken.id));
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt), revokedAt: iso(r.revokedAt) }));
}

export async function revokeApiToken(db: Db, ctx: RequestContext, userId: number, id: number) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(authToken)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(authToken.id, id), eq(authToken.userId, userId), eq(authToken.kind, 'api'), isNull(authToken.revokedAt)))
      .returning({ id: authToken.id });
    if (!row) throw accountErrors.TOKEN_NOT_FOUND({ id });
    await writeAudit(tx, ctx, { action: 'token.revoke', targetType: 'api_token', targetId: id, change: null });
    await principalsChanged(tx);
  });
  forgetPrincipals(db);
}

/** The unmasked identity of an account, for modules that act on the holder's behalf (cases, licences). */
export async function getUserIdentity(db: Db, id: number) {
  const [row] = await db.select({ displayName: appUser.displayName, idNumber: appUser.idNumber, phone: appUser.phone }).from(appUser).where(eq(appUser.id, id));
  if (!row) throw accountErrors.USER_NOT_FOUND({ id });
  return row;
}

/** The role grants of an account (to check a colleague before handing them work). */
export async function authenticateUserGrants(db: Db, userId: number): Promise<RoleGrant[]> {
  return (await rolesOf(db, [userId])).get(userId) ?? [];
}

/**
 * The active reviewers of a department, as the start of a statement: append the department id (a parameter or a
 * subquery). Remedies notify them; a claimed step is handed to one of them.
 */
export const DEPARTMENT_REVIEWERS = `SELECT DISTINCT u.id::int AS id, u.display_name AS "displayName"
  FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE u.status = 'active' AND r.role = 'reviewer' AND r.department_id =`;
