// HTTP load through wrk (C, one thread, epoll), the generator performance-notes measured its prototype with.
//
// Why: the generator shares the machine's two cores with the server and PostgreSQL. autocannon (JS) spends about as
// much CPU per request as the platform's own HTTP frame, so with it a path's figure is partly the generator's cost;
// pgbench, the limit the case and rating paths are divided by, is a C client. wrk lets both sides of such a ratio run
// against a C client. autocannon stays the fallback where wrk is not installed (`apt-get install wrk`).
//
// How a path's per-request shaping (a new Idempotency-Key, the next prepared case) reaches wrk: the harness calls the
// path's shaper ahead of the run, writes the raw requests to a file, and a generated Lua script sends them in order.
// One wrk thread keeps one Lua state, so what was sent is exactly a prefix of the file; the rest is handed back to
// the path's walker (`giveBack`), and the next run starts where this one stopped.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMeter } from './cpu.ts';
import { nextClientIp, requestHeaders, ROTATION, type LoadResult, type LoadRun } from './load.ts';
import { BenchError } from './types.ts';

/** Requests prepared per second of run when each request is shaped: above what any path here reaches at c4 or c64. */
const SHAPED_PER_SECOND = 20_000;

let version: string | null | undefined;

/** wrk's version line, or null when it is not installed. */
export function wrkVersion(): string | null {
  if (version === undefined) {
    try {
      const out = execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      version = /wrk\s+(\S+)/.exec(out)?.[1] ?? 'unknown';
    } catch (e) {
      // wrk --version exits 1 after printing its usage
      const out = String((e as { stdout?: string }).stdout ?? '');
      version = /wrk\s+(\S+)/.exec(out)?.[1] ?? null;
    }
  }
  return version;
}

function rawRequest(host: string, method: string, pathname: string, headers: Record<string, string>, body?: string | Buffer): Buffer {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${pathname} HTTP/1.1`, `Host: ${host}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  }
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n');
  return payload ? Buffer.concat([head, payload]) : head;
}

// The script reads the requests (each preceded by its byte length on a line of its own; the file and whether to cycle
// come by environment), sends them in order and, when they are shaped (not cycled), stops the thread when they run
// out. done() prints one JSON line for the harness.
const SCRIPT = `
local reqs, n, cycle, expect = {}, 0, false, 200
function init(args)
  cycle = os.getenv("TONGBAN_WRK_CYCLE") == "1"
  expect = tonumber(os.getenv("TONGBAN_WRK_EXPECT"))
  local f = assert(io.open(os.getenv("TONGBAN_WRK_REQUESTS"), "rb"))
  local data = f:read("*a")
  f:close()
  local pos = 1
  while pos <= #data do
    local nl = data:find("\\n", pos, true)
    local len = tonumber(data:sub(pos, nl - 1))
    n = n + 1
    reqs[n] = data:sub(nl + 1, nl + len)
    pos = nl + len + 1
  end
end
local threads = {}
sent, exhausted, unexpected = 0, 0, 0
function setup(thread) table.insert(threads, thread) end
function request()
  if sent >= n then
    if cycle then sent = 0 else exhausted = 1; wrk.thread:stop(); return reqs[n] end
  end
  sent = sent + 1
  return reqs[sent]
end
-- wrk's own CPU (utime + stime, fields 14 and 15 of /proc/self/stat, in 1/100 s), read before it exits
local function cpu_ticks()
  local f = io.open("/proc/self/stat", "r")
  if not f then return -1 end
  local stat = f:read("*a")
  f:close()
  local fields = {}
  for field in stat:sub(stat:find(")", 1, true) + 2):gmatch("%S+") do fields[#fields + 1] = field end
  return tonumber(fields[12]) + tonumber(fields[13])
end
function response(status, headers, body)
  if status ~= expect then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local t = threads[1]
  local e = summary.errors
  io.write(string.format('{"requests":%d,"micros":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"mean":%f,"p50":%d,"p99":%d,"sent":%d,"exhausted":%d,"unexpected":%d,"cpuTicks":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(99), t:get("sent"), t:get("exhausted"), t:get("unexpected"), cpu_ticks()))
end
`;

interface WrkSummary {
  requests: number;
  micros: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  mean: number;
  p50: number;
  p99: number;
  sent: number;
  exhausted: number;
  /** Responses whose status is not the expected one. */
  unexpected: number;
  /** wrk's CPU time in 1/100 s, -1 off Linux. */
  cpuTicks: number;
}

/** The same contract as load.ts's autocannon run: throws on any error or unexpected status, reports CPU shares. */
export async function runWrk(run: LoadRun): Promise<LoadResult> {
  const method = run.method ?? 'GET';
  const headers = requestHeaders(run);
  const host = new URL(run.origin).host;

  // The request list: one request cycled; a rotation of client addresses cycled; or shaped requests sent once each.
  const shaper = run.setupRequest;
  const requests: Buffer[] = [];
  // Client addresses as load.ts gives them: a fresh block for each run, so runs within a minute do not add up.
  const withIp = (h: Record<string, string> | undefined) => (run.rotateClientIp ? { ...h, 'x-forwarded-for': nextClientIp() } : { ...h });
  if (shaper) {
    const want = Math.ceil(run.duration * SHAPED_PER_SECOND);
    for (let i = 0; i < want; i++) {
      let shaped;
      try {
        shaped = shaper({ method, path: run.path, headers: withIp(headers), body: run.body });
      } catch {
        break; // a walker ran out: the run stops there (and fails if it is a measured one)
      }
      requests.push(rawRequest(host, shaped.method ?? method, shaped.path, shaped.headers ?? headers, shaped.body));
    }
    if (requests.length === 0) throw new BenchError(`${method} ${run.path}: the path has no prepared requests left; raise its count`);
  } else {
    const count = run.rotateClientIp ? ROTATION : 1;
    for (let i = 0; i < count; i++) requests.push(rawRequest(host, method, run.path, withIp(headers), run.body));
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongban-wrk-'));
  try {
    const dataFile = path.join(dir, 'requests');
    const fd = fs.openSync(dataFile, 'w');
    for (const r of requests) {
      fs.writeSync(fd, `${r.length}\n`);
      fs.writeSync(fd, r);
    }
    fs.closeSync(fd);
    const scriptFile = path.join(dir, 'script.lua');
    fs.writeFileSync(scriptFile, SCRIPT);

    const seconds = Math.max(1, Math.round(run.duration));
    const child = spawn('wrk', ['-t1', `-c${run.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptFile, run.origin + run.path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TONGBAN_WRK_REQUESTS: dataFile, TONGBAN_WRK_CYCLE: shaper ? '0' : '1', TONGBAN_WRK_EXPECT: String(run.expectStatus ?? 200) },
    });
    const meter = cpuMeter(run.serverPid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
    if (code !== 0 || !line) throw new BenchError(`wrk exited with ${code}: ${(stderr || stdout).trim().slice(-600)}`);
    const s = JSON.parse(line) as WrkSummary;
    if (shaper) (shaper as { giveBack?: (n: number) => void }).giveBack?.(requests.length - s.sent);
    const cpu = meter(s.requests, s.cpuTicks >= 0 ? s.cpuTicks / 100 : undefined);

    const failed = s.connect + s.read + s.write + s.timeout + s.unexpected;
    if (failed > 0 || (s.exhausted && !run.allowEmpty)) {
      throw new BenchError(
        `${method} ${run.path} at c${run.connections}: ` +
          (s.exhausted ? `ran out of ${requests.length} prepared requests (raise SHAPED_PER_SECOND or the path's count); ` : '') +
          `${s.unexpected} responses not ${run.expectStatus ?? 200} (${s.status} of them ≥ 400), ${s.timeout} timeouts, ${s.connect + s.read + s.write} socket errors`,
      );
    }
    if (s.requests === 0 && !run.allowEmpty) throw new BenchError(`${method} ${run.path} at c${run.connections}: no response completed in ${seconds} s`);
    const value = s.micros > 0 ? s.requests / (s.micros / 1e6) : 0;
    return {
      value,
      unit: 'req/s',
      p50Ms: s.p50 / 1000,
      p99Ms: s.p99 / 1000,
      avgMs: s.mean / 1000,
      count: s.requests,
      cpu,
      statusCounts: { [String(run.expectStatus ?? 200)]: s.requests },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
