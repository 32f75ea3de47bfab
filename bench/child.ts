// Starts a server from bench/servers/ as a child process and waits for its port.
//
// Why child processes (for the bare servers and the platform alike): on a 2-core machine the load generator
// (autocannon, one JS thread) and the server each need a core. In one process they would share a single event
// loop, so every figure would measure "server + client on one thread" and the second core would sit idle except
// for PostgreSQL. As children, the server and the generator run side by side, as with wrk in performance-notes,
// and the platform and its limits are measured with the same topology, so their ratio compares like with like.
import fs from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchError } from './types.ts';
import type { ChildMessage } from './servers/announce.ts';

export interface ChildServer {
  name: string;
  pid: number;
  origin: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills the children this harness started (by their own pids) — for Ctrl-C and fatal errors. */
export function killChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  running.clear();
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  execArgv?: string[];
  /** A file for the server's standard output (its log), as a service manager would keep it; discarded when not given. */
  stdoutFile?: string;
  timeoutMs?: number;
}

export async function startServer(name: string, file: string, options: StartOptions = {}): Promise<ChildServer> {
  const { env = {}, execArgv = [], timeoutMs = 60_000, stdoutFile } = options;
  const modulePath = fileURLToPath(new URL(`./servers/${file}`, import.meta.url));
  const stdout = stdoutFile ? fs.openSync(stdoutFile, 'a') : 'ignore';
  const child = fork(modulePath, [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
  });
  if (typeof stdout === 'number') fs.closeSync(stdout); // the child has its own copy
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchError(`${name} did not start within ${timeoutMs / 1000} s\n${stderr}`)), timeoutMs);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      if (message.port) resolve(message.port);
      else reject(new BenchError(`${name} failed to start: ${message.error ?? 'no port'}\n${stderr}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new BenchError(`${name} exited before listening (code ${code}, signal ${signal})\n${stderr}`));
    });
  }).catch((e) => {
    if (child.exitCode === null && child.pid) child.kill('SIGKILL');
    running.delete(child);
    throw e;
  });

  return {
    name,
    pid: child.pid ?? 0,
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };
}
