// PostgreSQL plumbing for the harness: the server URL, scratch databases, and a pgbench runner that paths can use
// too (e.g. "the same SQL under pgbench" as the limit of a search path, goal R5).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuMeter } from './cpu.ts';
import { percentile } from './load.ts';
import type { Measurement } from './types.ts';

/** The server the benchmarks use: BENCH_PG_URL, default the local server as postgres with trust auth. */
export const serverUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
/** pgbench binary: BENCH_PGBENCH, default `pgbench` on PATH. */
export const pgbenchBin = process.env.BENCH_PGBENCH || 'pgbench';

export function databaseUrl(name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
}

async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The server's version string, or throws when it is unreachable. */
export async function serverVersion(): Promise<string> {
  const [row] = await adminQuery<{ v: string }>("SELECT current_setting('server_version') AS v");
  return row.v;
}

export async function recreateDatabase(name: string): Promise<void> {
  await dropDatabase(name);
  await adminQuery(`CREATE DATABASE ${quoteIdent(name)}`);
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Connection settings for pgbench/psql child processes, from serverUrl. */
function pgEnv(): NodeJS.ProcessEnv {
  const u = new URL(serverUrl);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432' };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return env;
}

function exec(file: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: pgEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr) }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** "pgbench (PostgreSQL) 15.20 …", or undefined when pgbench is not installed. */
export async function pgbenchVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await exec(pgbenchBin, ['--version'], 10_000);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

export async function pgbenchInit(database: string, scale: number): Promise<void> {
  try {
    await exec(pgbenchBin, ['-i', '-q', '-s', String(scale), database], 300_000);
  } catch (e) {
    throw new Error(`pgbench -i failed: ${(e as { stderr?: string }).stderr || (e as Error).message}`);
  }
}

export interface PgbenchRun {
  database: string;
  /** 'tpcb' (built-in TPC-B-like), 'select' (-S) or the text of a custom script (-f, run with -n). */
  workload: 'tpcb' | 'select' | { script: string };
  clients: number;
  threads: number;
  /** Seconds. */
  duration: number;
  /** Share of transactions written to the per-transaction log for the percentiles (the log costs a little). */
  samplingRate?: number;
  /** pgbench -M: 'extended' matches node-postgres (unnamed statements, parsed each time); default 'simple'. */
  protocol?: 'simple' | 'extended' | 'prepared';
}

/** A query with its parameters inlined as literals, for a pgbench script (e.g. from drizzle's .toSQL()). */
export function inlineParams(query: { sql: string; params: unknown[] }): string {
  return query.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    const v = query.params[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

/** Runs pgbench and returns tps (without connection time), average latency and p50/p99 from a sampled log. */
export async function runPgbench(run: PgbenchRun): Promise<Measurement & { failed: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-pgbench-'));
  try {
    const args = ['-c', String(run.clients), '-j', String(run.threads), '-T', String(Math.max(1, Math.round(run.duration)))];
    if (run.protocol) args.push('-M', run.protocol);
    if (run.workload === 'tpcb') args.push('-b', 'tpcb-like');
    else if (run.workload === 'select') args.push('-S');
    else {
      const file = path.join(dir, 'script.sql');
      fs.writeFileSync(file, run.workload.script);
      args.push('-n', '-f', file);
    }
    args.push('-l', `--sampling-rate=${run.samplingRate ?? 0.1}`, `--log-prefix=${path.join(dir, 'log')}`, run.database);
    let stdout: string;
    const meter = cpuMeter();
    try {
      ({ stdout } = await exec(pgbenchBin, args, (run.duration + 120) * 1000));
    } catch (e) {
      throw new Error(`pgbench ${args.slice(0, -1).join(' ')} failed: ${(e as { stderr?: string }).stderr || (e as Error).message}`);
    }
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const avg = /latency average = ([\d.]+) ms/.exec(stdout);
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (!tps) throw new Error(`cannot read tps from pgbench output:\n${stdout}`);
    const cpu = meter(0);

    // Per-transaction log lines: client_id transaction_no time_us script_no epoch epoch_us
    const samples: number[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('log.'))) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) samples.push(us / 1000);
      }
    }
    const sorted = Float64Array.from(samples).sort();
    return {
      value: Number(tps[1]),
      unit: 'tps',
      avgMs: avg ? Number(avg[1]) : undefined,
      p50Ms: sorted.length ? percentile(sorted, 0.5) : undefined,
      p99Ms: sorted.length >= 100 ? percentile(sorted, 0.99) : undefined,
      count: processed ? Number(processed[1]) : undefined,
      failed: failed ? Number(failed[1]) : 0,
      cpu,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
