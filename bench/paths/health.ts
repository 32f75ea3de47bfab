// GET /api/health: no database, but the whole plugin stack (helmet headers, request id, the principal hook,
// metrics, zod serializer). Goal R7 (restated 2026-12-06): what the platform adds to the framework, ≥ 0.5 × bare
// Fastify hello at c64; the ratios to bare node:http are printed too, as information.
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
  goal: [{ id: 'R7', figure: 'c64', limit: 'http.fastify.c64', min: 0.5 }],
});
