import { timingSafeEqual } from 'node:crypto';
import { platformErrors } from '../platform/errors.ts';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics at /metrics: process defaults plus request counts and durations per route. */
export const metricsPlugin = fp(async (app) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tongban_' });
  const duration = new Histogram({
    name: 'tongban_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'tongban_http_errors_total',
    help: 'HTTP responses with status >= 400 by route and code',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) errors.inc({ route, status: labels.status });
    done();
  });
  const { metrics, metricsToken } = app.config;
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (metrics === 'off') return reply.status(404).send(platformErrors.ROUTE_NOT_FOUND({ method: 'GET', url: '/metrics' }).toJSON());
    if (metrics === 'token' && !sameSecret(request.headers.authorization, `Bearer ${metricsToken}`)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send(platformErrors.METRICS_TOKEN_REQUIRED().toJSON());
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
});

/** Constant-time comparison of a presented header with the expected one. */
function sameSecret(presented: string | undefined, expected: string): boolean {
  const a = Buffer.from(presented ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
