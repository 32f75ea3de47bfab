// GET /api/auth/me with a bearer token: the token, its account and roles resolved by one prepared statement and then
// kept for TONGBAN_PRINCIPAL_CACHE_MS (5 s; changes are announced with NOTIFY), so in a run nearly every request is
// answered from memory. Limits: pgbench select-only (the database's read ceiling at the same 4 clients), bare Fastify
// (the HTTP ceiling), and that statement run by pgbench on the benchmark database (what a request would cost the
// database without the cache).
import { AUTHENTICATE } from '../../src/modules/accounts/index.ts';
import { sm3Hex } from '../../src/platform/crypto.ts';
import { inlineParams, runPgbench } from '../pg.ts';
import { definePath } from '../types.ts';

export default definePath({
  name: 'me',
  title: 'GET /api/auth/me (bearer token, resolved once per 5 s)',
  order: 20,
  setup: async (ctx) => {
    const token = await ctx.login('admin');
    return {
      headers: { authorization: `Bearer ${token}` },
      script: `${inlineParams({ sql: AUTHENTICATE.replace(/\s+/g, ' ').trim(), params: [sm3Hex(token)] })};\n`,
    };
  },
  ownLimits: [
    {
      key: 'path.me.sql',
      label: 'its statement under pgbench c4',
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
