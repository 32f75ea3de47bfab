// Shared shapes of the benchmark harness: limits (the machine's ceilings measured in the same run), figures (what a
// platform path achieved) and the registry entry a path file in bench/paths/ exports.
import type { Database } from '../src/platform/db/db.ts';

export type Unit = 'req/s' | 'tps' | 'ops/s';

/** One throughput figure with its latency, from autocannon, pgbench or a time-boxed loop. */
export interface Measurement {
  value: number;
  unit: Unit;
  p50Ms?: number;
  p99Ms?: number;
  avgMs?: number;
  /** Requests, transactions or operations counted. */
  count?: number;
  /** HTTP runs on Linux: where the CPU went (see README "Reading the CPU columns"). */
  cpu?: CpuShare;
  /** A line printed under the table (e.g. the import's time extrapolated to 10 million licences). */
  note?: string;
}

/** CPU time / wall time per party, in cores (1 = one core fully busy), except `machine`. */
export interface CpuShare {
  /** The server process under test. */
  server?: number;
  /** Server CPU microseconds per completed request. */
  serverUsPerRequest?: number;
  /** This process: the load generator, or the crypto loop itself. */
  generator?: number;
  /** All postgres processes. */
  postgres?: number;
  /** pgbench, in pgbench runs. */
  pgbench?: number;
  /** Busy CPU nobody above used: other work on the machine. Above CONTENDED_CORES the figure is skewed. */
  other?: number;
  /** Whole-machine busy share across all cores (0…1), from /proc/stat. */
  machine?: number;
}

/** Durations in seconds. `--quick` shrinks all of them. */
export interface Durations {
  /** Each autocannon run (platform paths and the bare servers alike). */
  http: number;
  /** Autocannon warm-up before each measured run (JIT, pool connections); not counted. */
  warmup: number;
  /** Each pgbench run. */
  pgbench: number;
  /** Each single-thread crypto loop. */
  crypto: number;
  /** Each scrypt loop (one hash is ~60 ms, so it needs longer than the other crypto loops). */
  scrypt: number;
}

/**
 * The keys of the limits bench/limits.ts measures, plus `path.*` keys for limits a path measures itself (see
 * BenchPath.ownLimits). Paths refer to limits by key.
 */
export type LimitKey = MachineLimitKey | `path.${string}`;

export type MachineLimitKey =
  | 'pg.tpcb.c4'
  | 'pg.select.c4'
  | 'pg.insert.c4'
  | 'pg.copy.pk'
  | 'http.node.c4'
  | 'http.node.c64'
  | 'http.fastify.c4'
  | 'http.fastify.c64'
  | 'crypto.sm3.1k'
  | 'crypto.sm2.sign'
  | 'crypto.sm2.verify'
  | 'crypto.ed25519.sign'
  | 'crypto.ed25519.verify'
  | 'crypto.scrypt.x1'
  | 'crypto.scrypt.x4';

export type LimitResult =
  { key: LimitKey; label: string; status: 'ok'; m: Measurement; detail?: string } | { key: LimitKey; label: string; status: 'missing'; reason: string };

/** What one autocannon run against the platform achieved; `label` is how comparisons name it ('c4', 'c64'). */
export interface Figure extends Measurement {
  label: string;
  connections: number;
}

/** One line of output: figure `figure` of the path divided by limit `limit` (a machine limit or one of ownLimits). */
export interface Comparison {
  figure: string;
  limit: LimitKey;
}

/** A goal from performance-notes §4a on one comparison: ratio ≥ min and/or p99 ≤ p99MaxMs. */
export interface Goal extends Comparison {
  id: string;
  min?: number;
  p99MaxMs?: number;
}

/** One load run against the running platform. The harness warms up first and fails on any error or unexpected status. */
export interface LoadSpec {
  label: string;
  path: string;
  connections: number;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Expected status of every response (default 200); anything else is a request error. */
  expectStatus?: number;
  /** Seconds: a floor under the run's duration for slow paths (login), so even --quick completes enough requests. */
  minDuration?: number;
  /**
   * Send a different X-Forwarded-For on each request, for routes with a per-client rate limit (login
   * TONGBAN_LOGIN_RATE_LIMIT, 30/min; other public routes TONGBAN_RATE_LIMIT, 300/min). The platform trusts the
   * proxy header, so each request counts as a new client; the limiter's bookkeeping still runs and is measured.
   */
  rotateClientIp?: boolean;
  /** Called for every request (warm-up included) to shape it: a fresh Idempotency-Key, the next prepared case … */
  setupRequest?: (request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) => {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };
}

export interface PathContext {
  /** http://127.0.0.1:PORT of the platform (a child process; see README "Topology"). */
  baseUrl: string;
  /** The harness's own connection to the benchmark database, for seeding a path's data in setup. */
  database: Database;
  /** postgres:// URL of the benchmark database (for a path that measures its own SQL with pgbench). */
  databaseUrl: string;
  quick: boolean;
  /** How many passes will run (--repeat): a path that uses up prepared records prepares enough for all. */
  passes: number;
  durations: Durations;
  /** `--licences=N`: how many licences licence-lookup puts in the table (undefined: its small default). */
  licenses?: number;
  /** `--ratings=N`: how many ratings rating-report generates (undefined: its small default). */
  ratings?: number;
  /** The platform's TONGBAN_MASTER_KEY, for a path that seals licences itself (the seal keys are SM4-encrypted under it). */
  masterKey: Buffer;
  /** Runs a warm-up and then a measured autocannon run; throws on any request error. */
  load(spec: LoadSpec): Promise<Figure>;
  /** Signs a demo account in and returns its bearer token. */
  login(username?: string): Promise<string>;
  log(line: string): void;
}

/**
 * A platform path. Each file in bench/paths/ default-exports one; the harness finds them by listing the folder.
 * - setup: once, before any run (seed data, sign in). Its result is passed to run.
 * - run: measures and returns figures (one per connection count, labelled 'c4', 'c64', …). With --repeat it runs
 *   several times.
 * - limit: which limit each figure is divided by; one output line each.
 * - goal: the ratio goals (R1–R11) judged on some of those lines.
 */
export interface BenchPath<S = unknown> {
  name: string;
  title: string;
  /** Sort key in the output (lower first); default 100. */
  order?: number;
  setup?(ctx: PathContext): Promise<S>;
  run(ctx: PathContext, state: S): Promise<Figure[]>;
  teardown?(ctx: PathContext, state: S): Promise<void>;
  limit: Comparison[];
  goal: Goal[];
  /**
   * Limits only this path can measure, e.g. R5's "the same SQL under pgbench" on the benchmark database
   * (runPgbench from bench/pg.ts with ctx.databaseUrl). Measured in each pass right before run, so the path and
   * its limit sit side by side; refer to them in `limit`/`goal` by their key.
   */
  ownLimits?: OwnLimit<S>[];
}

export interface OwnLimit<S = unknown> {
  key: `path.${string}`;
  label: string;
  measure(ctx: PathContext, state: S): Promise<Measurement>;
}

/** Helper so a path file gets its state type checked without spelling it out. */
export function definePath<S>(path: BenchPath<S>): BenchPath<S> {
  return path;
}

/** A failure that should stop the run and make it exit non-zero (platform down, request errors). */
export class BenchError extends Error {}
