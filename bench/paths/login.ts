// POST /api/auth/login: one scrypt verification (the cost), a throttle count, the user read, and a transaction with
// the session row, the login-attempt row and a hash-chained audit entry. Its limit is raw crypto.scrypt with the
// same parameters and the same 4 hashes in flight (libuv's default pool), so login/scrypt shows what the rest of
// the path costs. c4 only: at 64 connections the requests just queue behind the 4 pool threads.
import { DEMO_PASSWORD } from '../../src/bootstrap/demo.ts';
import { definePath } from '../types.ts';

export default definePath({
  name: 'login',
  title: 'POST /api/auth/login (scrypt + session/audit rows)',
  order: 10,
  setup: async () => ({ body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) }),
  // The route allows 30 logins a minute per client (TONGBAN_LOGIN_RATE_LIMIT); each request comes from a new
  // X-Forwarded-For address, so the limiter runs but never trips.
  run: async (ctx, s) => [
    // At least 4 s: one login takes ~0.1–0.5 s, so a 1.5 s --quick run would count only a handful.
    await ctx.load({ label: 'c4', path: '/api/auth/login', method: 'POST', body: s.body, connections: 4, rotateClientIp: true, minDuration: 4 }),
  ],
  limit: [
    { figure: 'c4', limit: 'crypto.scrypt.x4' },
    { figure: 'c4', limit: 'crypto.scrypt.x1' },
  ],
  goal: [],
});
