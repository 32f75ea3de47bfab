import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer, testApp, type TestApp } from './app.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../src/bootstrap/demo.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import type { Role } from '../../src/platform/permissions.ts';

/**
 * The cast of a permission test: every demo account (city-wide staff, applicants, the national admin) and staff
 * scoped to the two demo districts, so that each route is tried by every role inside and outside the scope of the
 * record it touches. Demo records live in the city (340600) and in 相山区 (340603); the 濉溪县 (340621) staff are
 * outside them, the 相山区 staff inside those of 相山区 and outside the city's.
 */
export const SCOPED_CAST: { username: string; role: Role; region: string; dept?: string }[] = [
  { username: 'admin.xs', role: 'admin', region: '340603' },
  { username: 'admin.sx', role: 'admin', region: '340621' },
  { username: 'supervisor.xs', role: 'supervisor', region: '340603' },
  { username: 'supervisor.sx', role: 'supervisor', region: '340621' },
  { username: 'clerk.sx', role: 'clerk', region: '340621' },
  { username: 'reviewer.xs', role: 'reviewer', region: '340603', dept: '相山区市场监督管理局' },
  { username: 'reviewer.sx', role: 'reviewer', region: '340621', dept: '濉溪县市场监督管理局' },
  { username: 'itemadmin.sx', role: 'item_admin', region: '340621' },
  { username: 'dataofficer.sx', role: 'data_officer', region: '340621' },
  { username: 'legalofficer.sx', role: 'legal_officer', region: '340621' },
];

export type Actor = (typeof demoAccounts)[number]['username'] | (typeof SCOPED_CAST)[number]['username'];
export const ALL_ACTORS: string[] = [...demoAccounts.map((a) => a.username), ...SCOPED_CAST.map((a) => a.username)];

export interface Cast {
  t: TestApp;
  /** The bearer token of an actor of the cast. */
  token(actor: string): string;
  /** A department's id by its name. */
  department(name: string): Promise<number>;
  /** A user's id by username. */
  userId(username: string): Promise<number>;
}

/** A test app (full demo by default) with the whole cast signed in. */
export async function castApp(opts: { demo?: boolean | 'full'; config?: NonNullable<Parameters<typeof testApp>[0]>['config'] } = {}): Promise<Cast> {
  // The cast signs in twenty-odd times within a second: more than the per-IP login limit allows.
  const t = await testApp({ demo: opts.demo ?? 'full', config: { loginRateLimit: 0, ...opts.config } });
  const department = async (name: string) => {
    const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM department WHERE name = ${name}`);
    if (!row) throw new Error(`no department ${name}`);
    return Number(row.id);
  };
  const userId = async (username: string) => {
    const [row] = await queryRows<{ id: number }>(t.database.db, sql`SELECT id::int AS id FROM app_user WHERE username = ${username}`);
    if (!row) throw new Error(`no user ${username}`);
    return Number(row.id);
  };
  const admin = await t.login('admin');
  for (const a of SCOPED_CAST) {
    const roles = [{ role: a.role, regionCode: a.region, departmentId: a.dept ? await department(a.dept) : null }];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(admin), 'idempotency-key': `cast-${a.username}` },
      payload: { username: a.username, displayName: a.username, password: DEMO_PASSWORD, roles },
    });
    if (res.statusCode !== 201) throw new Error(`cast ${a.username}: ${res.statusCode} ${res.body}`);
  }
  const tokens = new Map<string, string>();
  for (const name of ALL_ACTORS) tokens.set(name, await t.login(name));
  return {
    t,
    token: (actor) => {
      const token = tokens.get(actor);
      if (!token) throw new Error(`no actor ${actor}`);
      return token;
    },
    department,
    userId,
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Request {
  /** Default: the route's own path (for routes without parameters). */
  url?: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixRow {
  /** The route as registered, `'METHOD /api/path/:param'`: the coverage test looks for this literal. */
  route: `${Method} /api/${string}`;
  /**
   * The actors that may call it on the record the request names (inside scope); every other actor is refused.
   * 'signed-in': every actor of the cast (anonymous still 401); 'public': anonymous too.
   */
  allowed: readonly string[] | 'signed-in' | 'public';
  /**
   * The request: a fixed one, or one made per actor (a fresh record for each allowed actor, where a call uses its
   * record up). Without it, the route's own path (for routes without parameters).
   */
  request?: Request | ((actor: string, cast: Cast) => Promise<Request> | Request);
  /** Statuses that count as allowed (default: any but 401, 403 and 404). */
  allowedStatus?: readonly number[];
}

const REFUSED = [403, 404];

/**
 * One test per row: anonymous gets 401, every actor of the cast not in `allowed` gets 403 (or 404 where a record
 * outside the actor's scope is not even shown), and every allowed actor gets past the access check. Refused actors
 * go first, so a refusal that changed something would show in the allowed calls after it.
 */
export function permissionMatrix(name: string, rows: readonly MatrixRow[], cast: () => Cast, actors: readonly string[] = ALL_ACTORS): void {
  for (const row of rows) {
    const [method, path] = row.route.split(' ') as [Method, string];
    const allowed = row.allowed === 'public' || row.allowed === 'signed-in' ? actors : row.allowed;
    const label = typeof row.allowed === 'string' ? row.allowed : row.allowed.length ? `only ${row.allowed.join(', ')}` : 'nobody';
    test(`${name}: ${row.route} — ${label}`, async () => {
      const c = cast();
      const make = async (actor: string): Promise<Request & { url: string }> => {
        const req = typeof row.request === 'function' ? await row.request(actor, c) : (row.request ?? {});
        return { ...req, url: req.url ?? path };
      };
      const call = async (actor: string | null) => {
        const req = await make(actor ?? 'anonymous');
        const headers: Record<string, string> = { ...(req.headers ?? {}), ...(actor ? bearer(c.token(actor)) : {}) };
        if (method !== 'GET' && method !== 'DELETE' && !headers['idempotency-key'])
          headers['idempotency-key'] = `matrix-${actor}-${row.route}-${Math.random()}`;
        return c.t.app.inject({ method, url: req.url, payload: req.payload as never, headers });
      };
      const passes = (status: number) => (row.allowedStatus ? row.allowedStatus.includes(status) : ![401, 403, 404].includes(status) && status < 500);
      const anonymous = await call(null);
      if (row.allowed === 'public')
        assert.ok(passes(anonymous.statusCode), `anonymous should be allowed: ${anonymous.statusCode} ${anonymous.body.slice(0, 200)}`);
      else assert.equal(anonymous.statusCode, 401, `anonymous: ${anonymous.statusCode} ${anonymous.body.slice(0, 200)}`);
      for (const actor of actors.filter((a) => !allowed.includes(a))) {
        const res = await call(actor);
        assert.ok(REFUSED.includes(res.statusCode), `${actor} should be refused ${row.route}: got ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      for (const actor of allowed) {
        const res = await call(actor);
        assert.ok(passes(res.statusCode), `${actor} should be allowed ${row.route}: got ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    });
  }
}
