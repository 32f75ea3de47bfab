// The platform's own paths, on the PostgreSQL server: a fresh database (tongban_bench_app), migrated and seeded
// with the reference data and the demo city, the platform started as a child process, then every selected path of
// bench/paths/ set up and run. The database is dropped at the end.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seedDemo, DEMO_PASSWORD } from '../src/bootstrap/demo.ts';
import { seedReference } from '../src/bootstrap/reference.ts';
import { migrate, openDatabase, type Database } from '../src/platform/db/db.ts';
import { startServer, type ChildServer } from './child.ts';
import { warmAndRun } from './load.ts';
import { databaseUrl, dropDatabase, recreateDatabase, serverVersion } from './pg.ts';
import { BenchError, type BenchPath, type Durations, type Figure, type LimitResult, type PathContext } from './types.ts';

// BENCH_DATABASE_SUFFIX keeps two runs on one server apart (each drops and recreates its databases).
export const APP_DATABASE = `tongban_bench_app${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;

/** Every path in bench/paths/, in output order. A path file default-exports a BenchPath (see types.ts). */
export async function loadPaths(): Promise<BenchPath[]> {
  const dir = fileURLToPath(new URL('./paths/', import.meta.url));
  const paths: BenchPath[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { default?: BenchPath };
    const p = mod.default;
    if (!p || typeof p.name !== 'string' || typeof p.run !== 'function' || !Array.isArray(p.limit) || !Array.isArray(p.goal)) {
      throw new Error(`bench/paths/${file} must default-export { name, setup?, run, limit, goal } (see bench/types.ts)`);
    }
    if (paths.some((q) => q.name === p.name)) throw new Error(`two paths are named ${p.name}`);
    paths.push(p);
  }
  return paths.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

export interface PlatformOptions {
  durations: Durations;
  quick: boolean;
  passes: number;
  /** `--licences=N` (see PathContext.licences). */
  licenses?: number;
  /** `--ratings=N` (see PathContext.ratings). */
  ratings?: number;
  log: (line: string) => void;
  /** Write a V8 CPU profile of the platform process here (summarise it with bench/profile-summary.ts). */
  profileDir?: string;
}

let loginCounter = 0;

/** Database, platform process and path states: opened once, run once per pass, closed at the end. */
export class PlatformSession {
  private database?: Database;
  private server?: ChildServer;
  private created = false;
  private dataDir?: string;
  private states = new Map<string, unknown>();
  private ctx?: PathContext;
  postgres?: string;

  constructor(
    readonly paths: BenchPath[],
    readonly options: PlatformOptions,
  ) {}

  async open(): Promise<void> {
    const { log } = this.options;
    try {
      this.postgres = await serverVersion();
    } catch (e) {
      throw new BenchError(`the platform paths need the PostgreSQL server (BENCH_PG_URL): ${(e as Error).message}`);
    }
    const url = databaseUrl(APP_DATABASE);
    const started = performance.now();
    await recreateDatabase(APP_DATABASE);
    this.created = true;
    this.database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await migrate(this.database);
    await seedReference(this.database.db);
    const seeded = await seedDemo(this.database.db);
    log(`platform: ${APP_DATABASE} migrated and seeded (${seeded.users} demo accounts) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const profile = this.options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.options.profileDir}`] : [];
    // A scratch data folder (uploaded files) and a throwaway master key: production refuses to start without one.
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-bench-data-'));
    const masterKey = randomBytes(16);
    this.server = await startServer('the platform', 'platform.ts', {
      env: { BENCH_APP_DATABASE_URL: url, BENCH_DATA_DIR: this.dataDir, BENCH_MASTER_KEY: masterKey.toString('hex') },
      execArgv: profile,
      // The access log, one line per request, written as in production (to a file; the folder goes at the end).
      stdoutFile: path.join(this.dataDir, 'server.log'),
    });
    const baseUrl = this.server.origin;
    const serverPid = this.server.pid;
    log(`platform: listening on ${baseUrl} (pid ${this.server.pid})`);

    const { durations } = this.options;
    const database = this.database;
    this.ctx = {
      baseUrl,
      database,
      databaseUrl: url,
      quick: this.options.quick,
      passes: this.options.passes,
      durations,
      licenses: this.options.licenses,
      ratings: this.options.ratings,
      masterKey,
      log,
      load: async (spec): Promise<Figure> => {
        log(`  ${spec.method ?? 'GET'} ${spec.path} c${spec.connections}…`);
        const r = await warmAndRun(
          {
            origin: baseUrl,
            path: spec.path,
            connections: spec.connections,
            duration: Math.max(durations.http, spec.minDuration ?? 0),
            method: spec.method,
            headers: spec.headers,
            body: spec.body,
            expectStatus: spec.expectStatus,
            rotateClientIp: spec.rotateClientIp,
            setupRequest: spec.setupRequest,
            serverPid,
          },
          durations.warmup,
        );
        const { statusCounts: _statusCounts, ...m } = r;
        return { label: spec.label, connections: spec.connections, ...m };
      },
      login: async (username = 'admin') => {
        const n = ++loginCounter;
        const res = await fetch(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `172.16.${(n >> 8) & 255}.${n & 255}` },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        });
        const body = (await res.json()) as { token?: string };
        if (res.status !== 200 || !body.token) throw new BenchError(`login as ${username} failed: ${res.status} ${JSON.stringify(body)}`);
        return body.token;
      },
    };

    for (const p of this.paths) {
      try {
        this.states.set(p.name, p.setup ? await p.setup(this.ctx) : undefined);
      } catch (e) {
        throw new BenchError(`path ${p.name}: setup failed: ${(e as Error).message}`);
      }
    }
  }

  /** One pass over the paths (each path's own limits first), filling `into`; a request error throws a BenchError. */
  async run(into: { figures: Map<string, Figure[]>; limits: LimitResult[] }): Promise<void> {
    if (!this.ctx) throw new Error('platform session not open');
    for (const p of this.paths) {
      const state = this.states.get(p.name);
      for (const own of p.ownLimits ?? []) {
        this.options.log(`limit ${own.label} (path ${p.name})…`);
        try {
          into.limits.push({ key: own.key, label: own.label, status: 'ok', m: await own.measure(this.ctx, state) });
        } catch (e) {
          this.options.log(`  ${own.label} failed: ${(e as Error).message}`);
          into.limits.push({ key: own.key, label: own.label, status: 'missing', reason: (e as Error).message.split('\n')[0] });
        }
      }
      this.options.log(`path ${p.name}: ${p.title}`);
      try {
        into.figures.set(p.name, await p.run(this.ctx, state));
      } catch (e) {
        if (e instanceof BenchError) throw new BenchError(`path ${p.name}: ${e.message}`);
        throw e;
      }
    }
  }

  /** Labels of the paths' own limits, for the report. */
  ownLimitLabels(): [string, string][] {
    return this.paths.flatMap((p) => (p.ownLimits ?? []).map((l) => [l.key, l.label] as [string, string]));
  }

  async close(): Promise<void> {
    const { log } = this.options;
    if (this.ctx) {
      for (const p of this.paths) {
        if (!p.teardown || !this.states.has(p.name)) continue;
        try {
          await p.teardown(this.ctx, this.states.get(p.name));
        } catch (e) {
          log(`path ${p.name}: teardown failed: ${(e as Error).message}`);
        }
      }
    }
    await this.server?.stop();
    if (this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
    await this.database?.close();
    if (this.created) {
      try {
        await dropDatabase(APP_DATABASE);
      } catch (e) {
        log(`could not drop ${APP_DATABASE}: ${(e as Error).message}`);
      }
    }
  }
}
