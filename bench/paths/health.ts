// GET /api/health: no database, but the whole plugin stack (helmet headers, request id, the principal hook,
// metrics, zod serializer). Goal R7: framework overhead on a no-DB route ≥ 0.8 × bare node:http.
import { definePath } from '../types.ts';

export default definePath({
  name: 'health',
  title: 'GET /api/health (no DB)',
  order: 30,
  run: async (ctx) => [
    await ctx.load({ label: 'c4', path: '/api/health', connections: 4 }),
    await ctx.load({ label: 'c64', path: '/api/health', connections: 64 }),
  ],
  limit: [
    { figure: 'c4', limit: 'http.node.c4' },
    { figure: 'c64', limit: 'http.node.c64' },
    { figure: 'c64', limit: 'http.fastify.c64' },
  ],
  goal: [
    { id: 'R7', figure: 'c4', limit: 'http.node.c4', min: 0.8 },
    { id: 'R7', figure: 'c64', limit: 'http.node.c64', min: 0.8 },
  ],
});
