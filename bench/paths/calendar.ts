// GET /api/calendar/add: working-day arithmetic on the cached calendar, after one primary-key read of the calendar
// revision. Limit: bare Fastify.
import { definePath } from '../types.ts';

const path = '/api/calendar/add?from=2024-09-27&days=5';

export default definePath({
  name: 'calendar',
  title: 'GET /api/calendar/add (cached calendar + 1 PK read)',
  order: 40,
  setup: async (ctx) => {
    // Check the answer once: from Fri 2024-09-27, 5 working days are 09-29 (a make-up Sunday), 09-30, then after
    // National Day (10-01…10-07) 10-08, 10-09 and 10-10.
    const res = await fetch(ctx.baseUrl + path);
    const body = (await res.json()) as { date?: string };
    if (res.status !== 200 || body.date !== '2024-10-10') throw new Error(`calendar/add answered ${res.status} ${JSON.stringify(body)}`);
    return {};
  },
  // Public routes allow 300 requests a minute per client (TONGBAN_RATE_LIMIT): each request comes from a new
  // X-Forwarded-For address, so the limiter runs but never trips.
  run: async (ctx) => [
    await ctx.load({ label: 'c4', path, connections: 4, rotateClientIp: true }),
    await ctx.load({ label: 'c64', path, connections: 64, rotateClientIp: true }),
  ],
  limit: [
    { figure: 'c4', limit: 'http.fastify.c4' },
    { figure: 'c64', limit: 'http.fastify.c64' },
  ],
  goal: [],
});
