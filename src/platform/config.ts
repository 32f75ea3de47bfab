import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyRing, type MasterKeyRing } from './master-keys.ts';

/** Every setting the platform reads from the environment; README's configuration table lists the same. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where uploaded files live (content-addressed), unless `s3` names a bucket. */
  filesDir: string;
  /** TONGBAN_FILES=s3://bucket[/prefix]: uploaded files in an S3-compatible object store, shared by every machine. */
  s3: S3Config | undefined;
  /** PostgreSQL as the server uses it: in production a login role that is a member of tongban_app (DATABASE.md). */
  databaseUrl: string | undefined;
  /** PostgreSQL as the owner of the tables, for migrations (TONGBAN_MIGRATE_DATABASE_URL); without it DATABASE_URL migrates. */
  migrateDatabaseUrl: string | undefined;
  production: boolean;
  logLevel: string;
  sessionHours: number;
  publicUrl: string;
  demo: 'auto' | 'always' | 'never';
  loginMaxFailures: number;
  bodyLimitBytes: number;
  /** Requests per minute per client IP on public endpoints; 0 turns the limit off (benchmarks). */
  publicRateLimit: number;
  /** How long a resolved sign-in token is trusted without asking the database; changes are announced at once. */
  principalCacheMs: number;
  /** Login requests per minute per client IP; 0 turns the limit off. */
  loginRateLimit: number;
  /** SM4 master key (32 hex characters) that encrypts seal private keys; required in production. */
  masterKeyHex: string | undefined;
  /** Master keys replaced by TONGBAN_MASTER_KEY (comma-separated), used only to open and check what they sealed (ADR 0030). */
  previousMasterKeysHex: string[];
  /** Who may read /metrics: `public`, `token` (Bearer TONGBAN_METRICS_TOKEN) or `off`. */
  metrics: 'public' | 'token' | 'off';
  metricsToken: string | undefined;
  /** Natural days after closure before an unrated case gets the default rating (Guangdong: 7). */
  ratingDefaultDays: number;
  /** The default rating's level (national numbering: 3 基本满意). */
  ratingDefaultLevel: string;
  /** Working days a department has to remedy a bad rating. */
  remedyDays: number;
  /** Proxies trusted for X-Forwarded-For: false (default), a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string;
}

export interface S3Config {
  bucket: string;
  /** Key prefix inside the bucket ('' or ending in '/'). */
  prefix: string;
  /** The service's URL for a store other than AWS (MinIO, Ceph, a cloud's OSS/COS); AWS when unset. */
  endpoint: string | undefined;
  region: string;
  /** Keys; when unset the SDK's usual chain is used (AWS_ACCESS_KEY_ID…, instance or container credentials). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Bucket in the path rather than the host name (most S3-compatible servers want it): default when an endpoint is set. */
  forcePathStyle: boolean;
}

function s3From(env: NodeJS.ProcessEnv): S3Config | undefined {
  const raw = env.TONGBAN_FILES;
  if (!raw) return undefined;
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(raw);
  if (!match) throw new Error(`TONGBAN_FILES must be s3://bucket or s3://bucket/prefix (or unset for the folder TONGBAN_FILES_DIR), got "${raw}"`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  const accessKeyId = env.TONGBAN_S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.TONGBAN_S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error('TONGBAN_S3_ACCESS_KEY_ID and TONGBAN_S3_SECRET_ACCESS_KEY go together');
  const endpoint = env.TONGBAN_S3_ENDPOINT || undefined;
  const pathStyle = env.TONGBAN_S3_FORCE_PATH_STYLE;
  if (pathStyle !== undefined && pathStyle !== '' && pathStyle !== 'true' && pathStyle !== 'false')
    throw new Error('TONGBAN_S3_FORCE_PATH_STYLE must be true or false');
  return {
    bucket: match[1],
    prefix: prefix ? `${prefix}/` : '',
    endpoint,
    region: env.TONGBAN_S3_REGION || env.AWS_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: pathStyle ? pathStyle === 'true' : Boolean(endpoint),
  };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
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
    s3: s3From(env),
    databaseUrl: env.DATABASE_URL || undefined,
    migrateDatabaseUrl: migrateUrl(env),
    production: env.NODE_ENV === 'production',
    logLevel: env.TONGBAN_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    sessionHours: intFrom(env, 'TONGBAN_SESSION_HOURS', 12),
    publicUrl: env.TONGBAN_PUBLIC_URL ?? `http://localhost:${port}`,
    demo,
    loginMaxFailures: intFrom(env, 'TONGBAN_LOGIN_MAX_FAILURES', 5),
    bodyLimitBytes: intFrom(env, 'TONGBAN_BODY_LIMIT', 1024 * 1024),
    publicRateLimit: intFrom(env, 'TONGBAN_RATE_LIMIT', 300),
    principalCacheMs: intFrom(env, 'TONGBAN_PRINCIPAL_CACHE_MS', 5000),
    loginRateLimit: intFrom(env, 'TONGBAN_LOGIN_RATE_LIMIT', 30),
    masterKeyHex: env.TONGBAN_MASTER_KEY || undefined,
    previousMasterKeysHex: (env.TONGBAN_MASTER_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    ratingDefaultDays: intFrom(env, 'TONGBAN_RATING_DEFAULT_DAYS', 7),
    ratingDefaultLevel: env.TONGBAN_RATING_DEFAULT_LEVEL ?? '3',
    remedyDays: intFrom(env, 'TONGBAN_REMEDY_DAYS', 5),
    trustProxy: parseTrustProxy(env.TONGBAN_TRUST_PROXY),
    metrics: metricsAccess(env),
    metricsToken: env.TONGBAN_METRICS_TOKEN || undefined,
  };
}

function migrateUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.TONGBAN_MIGRATE_DATABASE_URL || undefined;
  if (url && !env.DATABASE_URL) throw new Error('TONGBAN_MIGRATE_DATABASE_URL needs DATABASE_URL (the same database, as the application role)');
  return url;
}

/**
 * /metrics tells the load, error rates and routes of the platform: with a token set it needs the token; otherwise it
 * is public outside production and off in production, unless TONGBAN_METRICS says otherwise.
 */
function metricsAccess(env: Record<string, string | undefined>): Config['metrics'] {
  const chosen = env.TONGBAN_METRICS ?? (env.TONGBAN_METRICS_TOKEN ? 'token' : env.NODE_ENV === 'production' ? 'off' : 'public');
  if (chosen !== 'public' && chosen !== 'token' && chosen !== 'off') throw new Error('TONGBAN_METRICS must be public, token or off');
  if (chosen === 'token' && !env.TONGBAN_METRICS_TOKEN) throw new Error('TONGBAN_METRICS=token needs TONGBAN_METRICS_TOKEN');
  return chosen;
}

/**
 * The master key: from TONGBAN_MASTER_KEY; in production its absence stops the start. Elsewhere a key is made once
 * and kept in the data folder (development and demo only).
 */
export function masterKey(config: Config): Buffer {
  if (config.masterKeyHex) {
    if (!/^[0-9a-fA-F]{32}$/.test(config.masterKeyHex)) throw new Error('TONGBAN_MASTER_KEY must be 32 hexadecimal characters (128 bits)');
    return Buffer.from(config.masterKeyHex, 'hex');
  }
  if (config.production) throw new Error('TONGBAN_MASTER_KEY is required in production: it encrypts the seal keys');
  const file = path.join(config.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(16).toString('hex'), { mode: 0o600 });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

/**
 * The master keys TONGBAN_MASTER_KEY replaced (TONGBAN_MASTER_KEY_PREVIOUS, newest first): what was sealed, MACed or
 * signed under them still opens and verifies, nothing new is (ADR 0030).
 */
export function previousMasterKeys(config: Config): Buffer[] {
  return config.previousMasterKeysHex.map((hex, i) => {
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`TONGBAN_MASTER_KEY_PREVIOUS: key ${i + 1} must be 32 hexadecimal characters (128 bits)`);
    return Buffer.from(hex, 'hex');
  });
}

/** The current master key and the previous ones. */
export function masterKeyRing(config: Config): MasterKeyRing {
  return keyRing(masterKey(config), previousMasterKeys(config));
}
