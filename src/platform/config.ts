import path from 'node:path';

/** Every setting the platform reads from the environment; README's configuration table lists the same. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where uploaded files live (content-addressed). */
  filesDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  logLevel: string;
  sessionHours: number;
  publicUrl: string;
  demo: 'auto' | 'always' | 'never';
  loginMaxFailures: number;
  bodyLimitBytes: number;
  /** Requests per minute per client IP on public endpoints; 0 turns the limit off (benchmarks). */
  publicRateLimit: number;
  /** Login requests per minute per client IP; 0 turns the limit off. */
  loginRateLimit: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env, 'PORT', 3000);
  const demo = (env.TONGBAN_DEMO ?? 'auto') as Config['demo'];
  if (!['auto', 'always', 'never'].includes(demo)) throw new Error(`TONGBAN_DEMO must be auto, always or never`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.TONGBAN_DATA_DIR ?? './data'),
    filesDir: path.resolve(env.TONGBAN_FILES_DIR ?? path.join(env.TONGBAN_DATA_DIR ?? './data', 'files')),
    databaseUrl: env.DATABASE_URL || undefined,
    production: env.NODE_ENV === 'production',
    logLevel: env.TONGBAN_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    sessionHours: intFrom(env, 'TONGBAN_SESSION_HOURS', 12),
    publicUrl: env.TONGBAN_PUBLIC_URL ?? `http://localhost:${port}`,
    demo,
    loginMaxFailures: intFrom(env, 'TONGBAN_LOGIN_MAX_FAILURES', 5),
    bodyLimitBytes: intFrom(env, 'TONGBAN_BODY_LIMIT', 1024 * 1024),
    publicRateLimit: intFrom(env, 'TONGBAN_RATE_LIMIT', 300),
    loginRateLimit: intFrom(env, 'TONGBAN_LOGIN_RATE_LIMIT', 30),
  };
}
