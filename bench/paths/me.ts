// GET /api/auth/me with a bearer token: SM3 of the token, then two SQL reads (token ⋈ user, the user's roles).
// Limits: pgbench select-only (the database's read ceiling at the same 4 clients), bare Fastify (the HTTP ceiling),
// and the same two SELECTs run by pgbench on the benchmark database (what the database alone does for this path,
// so the ratio to it is the cost of everything in Node: HTTP, plugins, drizzle, pg).
import { asc, eq, inArray } from 'drizzle-orm';
import { appUser, authToken, userRole } from '../../src/modules/accounts/accounts.schema.ts';
import { sm3Hex } from '../../src/platform/crypto.ts';
import { inlineParams, runPgbench } from '../pg.ts';
import { definePath } from '../types.ts';

export default definePath({
  name: 'me',
  title: 'GET /api/auth/me (bearer token, 2 SQL reads)',
  order: 20,
  setup: async (ctx) => {
    const token = await ctx.login('admin');
    // The two queries authenticate() sends (accounts.service.ts), built with the same drizzle calls.
    const db = ctx.database.db;
    const [row] = await db.select({ id: authToken.userId }).from(authToken).where(eq(authToken.tokenHash, sm3Hex(token)));
    if (!row) throw new Error('the session row of the new token is missing');
    const tokenQuery = db
      .select({ token: authToken, user: appUser })
      .from(authToken)
      .innerJoin(appUser, eq(appUser.id, authToken.userId))
      .where(eq(authToken.tokenHash, sm3Hex(token)))
      .toSQL();
    const rolesQuery = db.select().from(userRole).where(inArray(userRole.userId, [row.id])).orderBy(asc(userRole.id)).toSQL();
    return {
      headers: { authorization: `Bearer ${token}` },
      script: `${inlineParams(tokenQuery)};\n${inlineParams(rolesQuery)};\n`,
    };
  },
  ownLimits: [
    {
      key: 'path.me.sql',
      label: 'its 2 SELECTs under pgbench c4',
      measure: async (ctx, s) =>
        runPgbench({
          database: new URL(ctx.databaseUrl).pathname.slice(1),
          workload: { script: s.script },
          clients: 4,
          threads: 2,
          duration: ctx.durations.pgbench,
          protocol: 'extended',
          samplingRate: 0.05,
        }),
    },
  ],
  run: async (ctx, s) => [
    await ctx.load({ label: 'c4', path: '/api/auth/me', headers: s.headers, connections: 4 }),
    await ctx.load({ label: 'c64', path: '/api/auth/me', headers: s.headers, connections: 64 }),
  ],
  limit: [
    { figure: 'c4', limit: 'path.me.sql' },
    { figure: 'c4', limit: 'pg.select.c4' },
    { figure: 'c4', limit: 'http.fastify.c4' },
    { figure: 'c64', limit: 'http.fastify.c64' },
  ],
  goal: [],
});
