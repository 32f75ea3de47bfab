import { and, asc, eq, gt, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../platform/db/like.ts';
import { perDatabase, rawQuery, type Db } from '../../platform/db/db.ts';
import { loginAttempt } from '../../platform/db/platform.schema.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { hashPassword, newSecret, sm3Hex, verifyPassword } from '../../platform/crypto.ts';
import { platformErrors } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { checkIdNumber, checkUscc } from '../../platform/identity.ts';
import { iso } from '../../platform/time.ts';
import { mayGrant, ROLES, scopeFilter, type Role, type RoleGrant } from '../../platform/permissions.ts';
import { regionContains } from '../../platform/scope.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { getDepartment, getRegion } from '../regions/index.ts';
import { appUser, authToken, userRole } from './accounts.schema.ts';
import { accountErrors } from './accounts.errors.ts';
import type { Principal as PlatformPrincipal, PrincipalUser } from '../../platform/http/principal.ts';

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

/**
 * Who manages accounts: `system` (the command line, the demo seed: unrestricted) or the role grants of the signed-in
 * admin, who manages only accounts inside its scope and grants only roles inside it.
 */
export type Manager = 'system' | readonly RoleGrant[];

/** Roles of the public: their accounts belong to no region, so only a national (unscoped) admin manages them. */
const PUBLIC_ROLES: readonly string[] = ['applicant_person', 'applicant_org', 'agent'] satisfies Role[];

/** May `manager` hand out (or manage the holder of) this grant? `grant.regionCode` must already be located. */
function mayManageGrant(manager: Manager, grant: RoleGrant): boolean {
  if (manager === 'system') return true;
  const target = PUBLIC_ROLES.includes(grant.role) ? { regionCode: null, departmentId: null } : grant;
  return mayGrant(manager, 'users.manage', { regionCode: target.regionCode, departmentId: target.departmentId });
}

/**
 * An account is inside the manager's scope when every grant it holds is; an account without grants belongs to no
 * region, like an applicant's.
 */
function mayManageAccount(manager: Manager, located: readonly RoleGrant[]): boolean {
  if (manager === 'system') return true;
  if (located.length === 0) return mayGrant(manager, 'users.manage', { regionCode: null, departmentId: null });
  return located.every((g) => mayManageGrant(manager, g));
}

/** Grants located for a scope decision: one naming only a department lies in that department's region. */
async function locate(tx: Db, grants: readonly RoleGrant[]): Promise<RoleGrant[]> {
  return Promise.all(
    grants.map(async (g) => (g.regionCode || g.departmentId === null ? g : { ...g, regionCode: (await getDepartment(tx, g.departmentId)).regionCode })),
  );
}

/** Refuses USER_OUT_OF_SCOPE when the account's grants are not all inside the manager's scope. */
async function checkManages(tx: Db, manager: Manager, id: number, grants?: readonly RoleGrant[]): Promise<void> {
  if (manager === 'system') return;
  const held = grants ?? (await rolesOf(tx, [id])).get(id) ?? [];
  if (!mayManageAccount(manager, await locate(tx, held))) throw accountErrors.USER_OUT_OF_SCOPE({ id });
}

/**
 * Checks requested grants and stores them located: a grant with a department carries that department's region (filled
 * in when not given; a given region must contain the department). Each must lie within the manager's scope.
 */
async function validateRoles(tx: Db, roles: RoleInput[], manager: Manager): Promise<RoleGrant[]> {
  const out: RoleGrant[] = [];
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r.role)) throw accountErrors.ROLE_INVALID({ role: r.role });
    if (r.regionCode) await getRegion(tx, r.regionCode);
    let regionCode = r.regionCode ?? null;
    if (r.departmentId) {
      const dept = await getDepartment(tx, r.departmentId);
      if (regionCode && !regionContains(regionCode, dept.regionCode))
        throw accountErrors.ROLE_SCOPE_INCONSISTENT({ role: r.role, regionCode, departmentId: dept.id });
      regionCode ??= dept.regionCode;
    }
    out.push({ role: r.role as Role, regionCode, departmentId: r.departmentId ?? null });
  }
  if (!mayManageAccount(manager, out)) {
    throw accountErrors.ROLE_OUT_OF_SCOPE({ roles: out.filter((g) => !mayManageGrant(manager, g)) });
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

/** One account; an admin sees only accounts inside its scope (USER_OUT_OF_SCOPE). */
export async function getUser(db: Db, id: number, manager: Manager = 'system'): Promise<UserView> {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  if (!row) throw accountErrors.USER_NOT_FOUND({ id });
  const roles = (await rolesOf(db, [id])).get(id) ?? [];
  await checkManages(db, manager, id, roles);
  return shapeUser(row, roles);
}

/** An account with its roles; `action` names the audit entry (user.register when the public signs itself up). */
export async function createUser(
  tx: Db,
  ctx: RequestContext,
  input: UserInput,
  manager: Manager = 'system',
  action: 'user.create' | 'user.register' = 'user.create',
): Promise<UserView> {
  if (!USERNAME.test(input.username)) throw accountErrors.USERNAME_INVALID();
  checkPasswordStrength(input.password);
  if (input.phone && !PHONE.test(input.phone)) throw accountErrors.PHONE_INVALID();
  const roles = await validateRoles(tx, input.roles, manager);
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
  await writeAudit(tx, ctx, { action, targetType: 'user', targetId: row.id, change: { after: auditable(row, roles) } });
  return shapeUser(row, roles);
}

export interface UserUpdate {
  displayName?: string;
  status?: 'active' | 'disabled';
  phone?: string | null;
  roles?: RoleInput[];
  version: number;
}

/** Changes an account inside the manager's scope; new roles must lie inside it too. */
export async function updateUser(db: Db, ctx: RequestContext, id: number, input: UserUpdate, manager: Manager = 'system'): Promise<UserView> {
  const view = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(appUser).where(eq(appUser.id, id)).for('update');
    if (!before) throw accountErrors.USER_NOT_FOUND({ id });
    const beforeRoles = (await rolesOf(tx, [id])).get(id) ?? [];
    await checkManages(tx, manager, id, beforeRoles);
    if (before.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: before.version });
    if (input.phone && !PHONE.test(input.phone)) throw accountErrors.PHONE_INVALID();
    const roles = input.roles ? await validateRoles(tx, input.roles, manager) : beforeRoles;
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
      await tx
        .update(authToken)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(authToken.userId, id), isNull(authToken.revokedAt)));
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

/**
 * The SQL form of mayManageAccount: the account has a grant, and none of its grants (located by region, else by its
 * department's region) lies outside the manager's scope or is a public role.
 */
function managedSql(manager: Manager): SQL | undefined {
  if (manager === 'system') return undefined;
  const filter = scopeFilter(manager, 'users.manage');
  if (filter.kind === 'all') return undefined;
  const inside = scopeSql(filter, sql`coalesce(r.region_code, d.region_code)`, sql`r.department_id`);
  return sql`(EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ${appUser.id})
    AND NOT EXISTS (SELECT 1 FROM user_role r LEFT JOIN pub_regions_department d ON d.id = r.department_id
                    WHERE r.user_id = ${appUser.id} AND (r.role IN (${sql.join(
                      PUBLIC_ROLES.map((p) => sql`${p}`),
                      sql`, `,
                    )}) OR ${inside} IS NOT TRUE)))`;
}

/** A page of the accounts inside the manager's scope (filtered in SQL, so the total counts only those). */
export async function listUsers(db: Db, q: { q?: string; page: number; pageSize: number }, manager: Manager = 'system') {
  const where: SQL[] = [];
  const managed = managedSql(manager);
  if (managed) where.push(managed);
  if (q.q) where.push(or(ilike(appUser.username, containsPattern(q.q)), ilike(appUser.displayName, containsPattern(q.q)))!);
  const cond = where.length ? and(...where) : undefined;
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(appUser)
    .where(cond);
  const rows = await db
    .select()
    .from(appUser)
    .where(cond)
    .orderBy(asc(appUser.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return { total: Number(total), items: rows.map((r) => shapeUser(r, roles.get(r.id) ?? [])) };
}

/**
 * Sets a password (an admin's reset of an account inside its scope, the user's own change, or the CLI). All the
 * user's sessions end but `keepTokenHash`.
 */
export async function setPassword(db: Db, ctx: RequestContext, id: number, password: string, opts: { keepTokenHash?: string; manager?: Manager } = {}) {
  const { keepTokenHash, manager = 'system' } = opts;
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(appUser).where(eq(appUser.id, id)).for('update');
    if (!row) throw accountErrors.USER_NOT_FOUND({ id });
    await checkManages(tx, manager, id);
    checkPasswordStrength(password);
    await tx
      .update(appUser)
      .set({ passwordHash: await hashPassword(password), version: row.version + 1, updatedAt: sql`now()` })
      .where(eq(appUser.id, id));
    const revoke = [eq(authToken.userId, id), isNull(authToken.revokedAt), eq(authToken.kind, 'session')];
    if (keepTokenHash) revoke.push(ne(authToken.tokenHash, keepTokenHash));
    await tx
      .update(authToken)
      .set({ revokedAt: sql`now()` })
      .where(and(...revoke));
    await writeAudit(tx, ctx, { action: 'user.password.set', targetType: 'user', targetId: id, change: { version: row.version + 1 } });
    await principalsChanged(tx);
  });
  forgetPrincipals(db);
}

export async function changeOwnPassword(db: Db, ctx: RequestContext, id: number, current: string, next: string, tokenHash?: string) {
  const [row] = await db.select().from(appUser).where(eq(appUser.id, id));
  if (!row) throw accountErrors.USER_NOT_FOUND({ id });
  if (!(await verifyPassword(current, row.passwordHash))) throw accountErrors.AUTH_WRONG_PASSWORD();
  await setPassword(db, ctx, id, next, { keepTokenHash: tokenHash });
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
    await writeAudit(
      tx,
      { ...ctx, actor: { id: user.id, username, role: null } },
      {
        action: 'auth.login',
        targetType: 'session',
        targetId: session.id,
        change: { ip: input.ip, expiresAt },
      },
    );
  });
  return { token, tokenHash, user: await getUser(db, user.id), expiresAt };
}

/** Who sent a request: the platform's shape (platform/http/principal.ts), which the user view must satisfy. */
export type Principal = PlatformPrincipal;
const userViewIsPrincipalUser = (user: UserView): PrincipalUser => user;
void userViewIsPrincipalUser;

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
  const [row] = await rawQuery<
    Pick<UserRow, 'id' | 'username' | 'displayName' | 'phone' | 'idNumber' | 'status' | 'version'> & {
      kind: string;
      revoked: boolean;
      expiresMs: number | null;
      grants: RoleGrant[] | string;
    }
  >(db, 'authenticate', AUTHENTICATE, [tokenHash]);
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

/** How long an API token lasts when no lifetime is asked for, and the longest it may last: every token expires. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

/** A bearer token for a machine client. The secret is shown once; only its digest is stored. */
export async function createApiToken(tx: Db, ctx: RequestContext, userId: number, name: string, days: number = API_TOKEN_DEFAULT_DAYS) {
  if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) throw accountErrors.TOKEN_LIFETIME_INVALID({ days, max: API_TOKEN_MAX_DAYS });
  await getUser(tx, userId);
  const token = newSecret();
  const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
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

/** The account whose ID number (or USCC) is `idNumber`, compared in capitals; undefined when there is none. */
export async function userIdByIdNumber(db: Db, idNumber: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`upper(${appUser.idNumber}) = ${idNumber.toUpperCase()}`)
    .limit(1);
  return row?.id;
}

/**
 * The active reviewers of a department, as the start of a statement: append the department id (a parameter or a
 * subquery). Remedies notify them; a claimed step is handed to one of them.
 */
export const DEPARTMENT_REVIEWERS = `SELECT r.user_id::int AS id, r.display_name AS "displayName" FROM pub_accounts_department_reviewer r WHERE r.department_id =`;
