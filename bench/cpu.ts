// Where the CPU went during a measurement (Linux /proc; elsewhere the figures are simply absent).
//
// On a shared 2-core machine this is what makes a figure readable: the server's share and its CPU per request
// (which does not depend on the load generator's speed), the generator's share (near 100 % = the generator is the
// bottleneck), PostgreSQL's share, and "other": CPU that none of these used, i.e. other work on the machine that
// skewed the figure.
import fs from 'node:fs';
import os from 'node:os';
import type { CpuShare } from './types.ts';

/** Linux USER_HZ: /proc reports CPU time in 1/100 s. */
const TICKS_PER_SECOND = 100;
/** Processes counted by name: the database server and pgbench. */
const TRACKED = new Set(['postgres', 'pgbench']);
/** More than this many cores of "other" work during a measurement marks it as contended. */
export const CONTENDED_CORES = 0.25;

function parseStat(stat: string): { comm: string; seconds: number } {
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15
  return { comm, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/** utime + stime of a process (all its threads) in seconds, or undefined off Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).seconds;
  } catch {
    return undefined;
  }
}

/** CPU seconds of every postgres/pgbench process, by pid. */
function trackedProcesses(): Map<number, { comm: string; seconds: number }> {
  const out = new Map<number, { comm: string; seconds: number }>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const s = parseStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (TRACKED.has(s.comm)) out.set(Number(entry), s);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** [busy, total] jiffies of the whole machine, or undefined off Linux. */
function machineJiffies(): [number, number] | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return [total - idle, total];
  } catch {
    return undefined;
  }
}

/** The machine's busy share (0…1 over all cores) while this harness sleeps for `ms`: other work on the box. */
export async function backgroundLoad(ms: number): Promise<number | undefined> {
  const a = machineJiffies();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = machineJiffies();
  return a && b && b[1] > a[1] ? (b[0] - a[0]) / (b[1] - a[1]) : undefined;
}

/**
 * Starts CPU accounting; call the result when the measurement ends. PostgreSQL backends and pgbench come and go
 * (pgbench's connections end before it returns), so they are sampled every 250 ms and each keeps its last value.
 */
export function cpuMeter(serverPid?: number): (completed: number, generatorSeconds?: number) => CpuShare {
  const cores = os.cpus().length;
  const wall0 = performance.now();
  const gen0 = process.cpuUsage();
  const srv0 = serverPid ? processCpuSeconds(serverPid) : undefined;
  const box0 = machineJiffies();
  const start = trackedProcesses();
  const last = new Map(start);
  const sample = () => {
    for (const [pid, s] of trackedProcesses()) last.set(pid, s);
  };
  const timer = setInterval(sample, 250);
  timer.unref();

  // generatorSeconds: the CPU of a generator in another process (wrk reports its own); else this process's.
  return (completed, generatorSeconds) => {
    clearInterval(timer);
    sample();
    const wall = (performance.now() - wall0) / 1000;
    const gen = process.cpuUsage(gen0);
    const generator = (generatorSeconds ?? (gen.user + gen.system) / 1e6) / wall;
    const share: CpuShare = { generator };
    const srv1 = serverPid ? processCpuSeconds(serverPid) : undefined;
    if (srv0 !== undefined && srv1 !== undefined) {
      share.server = (srv1 - srv0) / wall;
      if (completed > 0) share.serverUsPerRequest = ((srv1 - srv0) * 1e6) / completed;
    }
    let postgres = 0;
    let pgbench = 0;
    for (const [pid, s] of last) {
      const used = s.seconds - (start.get(pid)?.seconds ?? 0);
      if (s.comm === 'pgbench') pgbench += used;
      else postgres += used;
    }
    const box1 = machineJiffies();
    if (box0 && box1 && box1[1] > box0[1]) {
      share.machine = (box1[0] - box0[0]) / (box1[1] - box0[1]);
      share.postgres = postgres / wall;
      if (pgbench > 0) share.pgbench = pgbench / wall;
      const known = (share.server ?? 0) + generator + share.postgres + (share.pgbench ?? 0);
      share.other = Math.max(0, share.machine * cores - known);
    }
    return share;
  };
}
