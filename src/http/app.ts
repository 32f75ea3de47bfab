import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import '../platform/http/types.ts';
import { masterKey, previousMasterKeys, type Config } from '../platform/config.ts';
import { configureAuditKeys } from '../platform/audit/audit-keys.ts';
import type { Database } from '../platform/db/db.ts';
import { AppError, platformErrors } from '../platform/errors.ts';
import { maskText } from '../platform/mask.ts';
import { safeError } from '../platform/safe-error.ts';
import { NO_SUCH_DATE } from '../platform/http/schemas.ts';
import { can } from '../platform/permissions.ts';
import { authErrors } from '../platform/http/auth-errors.ts';
import { authenticate, forgetPrincipals, PRINCIPALS_CHANNEL } from '../modules/accounts/index.ts';
import { installModules, modules as registeredModules } from '../modules/registry.ts';
import type { TongbanModule } from '../platform/module.ts';
import { filesRoutes } from './files.routes.ts';
import { configuredFileStore } from '../platform/files.ts';
import { logNotifier, type Notifier } from '../platform/notify.ts';
import { platformRoutes } from './platform.routes.ts';
import { jobsRoutes } from '../platform/jobs.routes.ts';
import { metricsPlugin } from './metrics.ts';
import { checkedSerializerCompiler } from './serializer.ts';

export const SESSION_COOKIE = 'tongban_session';
export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
const packageVersion = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface AppOptions {
  database: Database;
  config: Config;
  notifier?: Notifier;
  logger?: boolean;
  /** Where the log goes (standard output when not given). */
  logStream?: NodeJS.WritableStream;
  /** The modules to serve (the registry's when not given; a test may add one). */
  modules?: readonly TongbanModule[];
}

function bearerOrCookie(headers: Record<string, string | string[] | undefined>, cookies: Record<string, string | undefined>) {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return cookies[SESSION_COOKIE];
}

/**
 * The access log: one line per request, when it completes — who asked what (the URL masked by the req serialiser),
 * the answer and how long it took. Fastify's default also writes a line as the request arrives, which tells nothing
 * the completion line does not. Logging at `info` costs the server 15–20 µs a request on the 2-core machine
 * (GET /api/health at 4 clients: 14,000–17,800 req/s, against 20,100–20,700 at `warn`); the benchmark keeps it on.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    // A path parameter may be a licence identifier of another platform, whose serial (流水号) is free-form: up to 200.
    routerOptions: { maxParamLength: 200 },
    // Client addresses (rate limits, login records) come from X-Forwarded-For only behind a configured proxy.
    trustProxy: config.trustProxy as boolean | string,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    logController: new AccessLog(),
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            // No headers reach the log — the serialisers below write none, so tokens and cookies stay out — and
            // ID numbers and phones never do, even inside a URL. (A `redact` of header paths cost 2 % of the server's
            // CPU on every line, guarding keys these serialisers never write.)
            serializers: {
              req: (req) => ({ method: req.method, url: maskText(req.url), ip: req.ip }),
              res: (res) => ({ statusCode: res.statusCode }),
              // Never a statement's parameters or PostgreSQL's detail; messages masked (platform/safe-error.ts).
              err: safeError,
            },
          },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Under test, a reply with a field its schema does not declare fails instead of losing the field.
  app.setSerializerCompiler(process.env.NODE_ENV === 'test' ? checkedSerializerCompiler : serializerCompiler);
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('files', await configuredFileStore(config));
  const modules = options.modules ?? registeredModules;
  installModules(modules);
  for (const m of modules) m.configure?.(config);
  configureAuditKeys(masterKey(config), previousMasterKeys(config));
  app.decorate('notifier', options.notifier ?? logNotifier((line) => app.log.info(line), { revealSecrets: !config.production }));
  app.decorateRequest('principal', null);
  app.decorateRequest('authError', null);
  // Resolved tokens are cached briefly (accounts' configure hook); every change to tokens, accounts or roles is
  // announced and empties the cache.
  const unlisten = await database.listen(PRINCIPALS_CHANNEL, () => forgetPrincipals(database.db));
  app.addHook('onClose', async () => unlisten());

  // Every /api route must say who may call it; public ones are rate-limited per client IP.
  const unlimited = new Set(['/api/health', '/api/ready', '/api/openapi.json']);
  const apiRoutes: { method: string; url: string; access: string }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access: route.config.access });
    if (route.config.access !== 'public' || unlimited.has(route.url) || route.config.ownRateLimit) return;
    // Sign-in, SMS codes, registration, reset and the progress look-up by query code are what a guesser would hammer.
    const guessable = route.url.startsWith('/api/auth/') || route.url === '/api/case-progress';
    const max = guessable ? config.loginRateLimit : config.publicRateLimit;
    if (max > 0) route.config = { ...route.config, rateLimit: { max, timeWindow: '1 minute' } };
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send(error.toJSON());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      if (issues.some((i) => i.message === NO_SUCH_DATE))
        return reply.status(400).send(platformErrors.INVALID_DATE({ context: error.validationContext, issues }).toJSON());
      return reply.status(400).send(platformErrors.VALIDATION_FAILED({ context: error.validationContext, issues }).toJSON());
    }
    // The database refusing a value (class 22: a date that does not exist, a number out of range, a NUL) is the
    // caller's input, and the transaction it happened in is rolled back: 400, without the value.
    const sqlState = sqlStateOf(error);
    if (sqlState && (sqlState.startsWith('22') || sqlState === '54001')) {
      request.log.warn({ err: error }, 'the database refused a value');
      return reply.status(400).send(platformErrors.VALUE_REJECTED({ sqlState }).toJSON());
    }
    if (error instanceof RangeError && /call stack/.test(error.message))
      return reply.status(400).send(platformErrors.INPUT_MALFORMED({ reason: 'too deep' }).toJSON());
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(platformErrors.BODY_TOO_LARGE().toJSON());
    if (error.statusCode === 429) return reply.status(429).send(platformErrors.RATE_LIMITED().toJSON());
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(platformErrors.VALIDATION_FAILED({ reason: error.message }).toJSON());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(platformErrors.INTERNAL({ requestId: request.id }).toJSON());
  });

  // JSON bodies: parsed here so that what no handler and no database column can take is a 400 before any handler
  // runs — nesting deeper than MAX_JSON_DEPTH (20,000 levels overflowed the validators' stack: a 500), NUL
  // characters and lone surrogates (PostgreSQL refuses them in text: a 500 mid-transaction), prototype keys.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // The same for the URL: a NUL (%00) in a path or query value.
  app.addHook('onRequest', (request, _reply, done) => {
    if (/%00|\0/.test(request.url)) return done(platformErrors.INPUT_MALFORMED({ reason: 'NUL character in the URL' }));
    done();
  });

  // Uploads (workbooks, files) come as raw bytes; each route sets its own size limit.
  app.addContentTypeParser(
    ['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'image/jpeg', 'image/png'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
  await app.register(cookie);
  // Security headers (helmet's defaults with our CSP), worked out once: they are the same for every response, and
  // building helmet's middleware per request cost more than the rest of a trivial route.
  const securityHeaders = headersOf(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // antd renders its styles at run time (CSS-in-JS)
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );
  // Plain callback hooks: an async hook costs a promise per request even when it has nothing to do.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    reply.header('x-request-id', request.id);
    done();
  });
  await app.register(rateLimit, { global: false });

  // Resolve the principal once per API request; routes decide what they need.
  app.addHook('onRequest', (request, _reply, done) => {
    const secret = request.url.startsWith('/api/') ? bearerOrCookie(request.headers, request.cookies) : undefined;
    if (!secret) return done();
    authenticate(database.db, secret).then(
      (principal) => {
        request.principal = principal;
        done();
      },
      (e: unknown) => {
        request.authError = e as Error;
        done();
      },
    );
  });
  // Before the body is even parsed: an anonymous caller learns nothing of a protected route's body (401, not 400),
  // and nobody's bytes are parsed for a route they may not call.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return done(null, payload);
    if (!request.principal) return done(request.authError ?? authErrors.AUTH_REQUIRED());
    if (access !== 'user' && !can(request.principal.grants, access)) return done(authErrors.AUTH_FORBIDDEN({ permission: access }));
    done(null, payload);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tongban API (一网通办)',
        version: packageVersion,
        description:
          'Errors are `{"code","message":{"zh","en"},"details"}` with stable codes. Creates take an `Idempotency-Key` ' +
          'header; updates carry the row `version`. Sign in with POST /api/auth/login (cookie) or send ' +
          '`Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
    // Schemas registered with .meta({ id }) become components.schemas, so their $refs resolve.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(metricsPlugin);
  await app.register(platformRoutes);
  await app.register(filesRoutes);
  await app.register(jobsRoutes);
  // Each module's routes, in registry order (src/modules/registry.ts).
  for (const m of modules) if (m.routes) await app.register(m.routes);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/') || url === '/metrics' || request.method !== 'GET' || !hasWeb) {
      return reply.status(404).send(platformErrors.ROUTE_NOT_FOUND({ method: request.method, url }).toJSON());
    }
    // The web app routes in the browser: every other GET gets its shell.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

/** The headers a connect-style middleware sets on a response (it must not depend on the request). */
function headersOf(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return headers;
}

/** The SQLSTATE of a database error, or of the error it wraps (drizzle wraps the driver's). */
function sqlStateOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export const MAX_JSON_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON.parse with the checks of a request body: nesting at most MAX_JSON_DEPTH deep (counted before parsing, outside
 * strings), no NUL and no lone surrogate in any key or string, no `__proto__` or `constructor.prototype` key (what
 * Fastify's own parser refuses). Errors are AppErrors (400).
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw platformErrors.VALIDATION_FAILED({ reason: 'empty JSON body' });
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) throw platformErrors.INPUT_MALFORMED({ reason: `nested deeper than ${MAX_JSON_DEPTH}` });
    } else if (c === 125 || c === 93) depth--;
  }
  const bad = (s: string) => s.includes('\0') || LONE_SURROGATE.test(s);
  let parsed: unknown;
  try {
    // A NUL or a lone surrogate can only come as a \u escape (the body was decoded from UTF-8, and raw control
    // characters are not JSON): without one, and without a prototype key, the plain parse is enough (3.5 µs less).
    if (!/\\u|__proto__|"constructor"/.test(text)) return JSON.parse(text) as unknown;
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || (key === 'constructor' && value && typeof value === 'object' && 'prototype' in value))
        throw platformErrors.INPUT_MALFORMED({ reason: 'prototype key' });
      if (bad(key) || (typeof value === 'string' && bad(value))) throw platformErrors.INPUT_MALFORMED({ reason: 'NUL character or lone surrogate' });
      return value;
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw platformErrors.VALIDATION_FAILED({ reason: 'the body is not valid JSON' });
  }
  return parsed;
}
