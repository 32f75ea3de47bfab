#!/usr/bin/env node
// Runs the test files with node's test runner (through tsx), on PGlite or, with --pg, on TEST_DATABASE_URL.
//   node scripts/test.mjs            unit, API and scenario tests on embedded PGlite
//   node scripts/test.mjs --pg       the same on a PostgreSQL server (TEST_DATABASE_URL, default local server)
//   node scripts/test.mjs --e2e      browser tests (Debian Chromium through playwright-core)
//   node scripts/test.mjs FILE…      only these files
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const pgMode = args.includes('--pg');
const e2e = args.includes('--e2e');
const files = args.filter((a) => !a.startsWith('--'));

const env = { ...process.env, NODE_ENV: 'test' };
if (pgMode) env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete env.TEST_DATABASE_URL;

function find(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .sort();
}

/**
 * Longest first, so that short files end the run rather than one long one alone: by size, and the demo city at work
 * (browser files with `activity: true`) seeds for ~20 s. node's own runner sorts the files it is given by name, so
 * this script schedules the files itself (see runAll).
 */
const longestFirst = (list) => {
  const weight = (f) => {
    const text = fs.readFileSync(f, 'utf8');
    return text.length + (/activity: true/.test(text) ? 20_000 : 0) + (/testApp|castApp|testDatabase|startTestServer/.test(text) ? 10_000 : 0);
  };
  const weights = new Map(list.map((f) => [f, weight(f)]));
  return list.sort((a, b) => weights.get(b) - weights.get(a));
};

const selected = files.length
  ? files
  : longestFirst(
      e2e
        ? find('tests/e2e', '.test.ts')
        : [
            ...find('src', '.test.ts'),
            ...find('tests/scenarios', '.test.ts'),
            ...find('tests/cli', '.test.ts'),
            ...find('tests/web', '.test.ts'),
            ...find('tests/support', '.test.ts'),
          ],
    );

// On the PostgreSQL server only the files that open a database run again: a pure test (a core, the web's messages,
// the lints) gives the same answer on either backend, and its process start is most of its cost.
const opensDatabase = (file) =>
  /testApp|testDatabase|castApp|openDatabase|TEST_DATABASE_URL|support\/(app|db|permissions|cases|template)\.ts/.test(fs.readFileSync(file, 'utf8'));
// The permission matrices (role × route × scope) check who may call what: the same SQL on the same PostgreSQL engine
// as on PGlite, in hundreds of requests each, so they run once, on PGlite; the API and scenario tests run on both.
const permissionMatrix = (file) => file.endsWith('.permissions.test.ts');
if (pgMode && !files.length) selected.splice(0, selected.length, ...selected.filter((f) => opensDatabase(f) && !permissionMatrix(f)));

const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit', env }).status ?? 1;

if (e2e && !fs.existsSync('dist/web/index.html')) {
  // The web app is built for production (React's development build behaves differently), whatever NODE_ENV says.
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...env, NODE_ENV: 'production' },
  });
  if (built.status !== 0) process.exit(1);
}
/** A file that has not ended after this long is stopped and counted as failed (a hung browser or server). */
const FILE_TIMEOUT_MS = 15 * 60_000;
// A process on the server waits for PostgreSQL's answers part of the time: a third keeps the cores busier. A browser
// file keeps both cores busy with its Chromium (0 % idle with three at a time), so two at a time.
const CONCURRENCY = Number(process.env.TEST_CONCURRENCY) || (pgMode ? 3 : 2);

/**
 * One test file in a process of its own (node runs a file's tests when the file is the entry point, and exits 1 when
 * one fails). Its output is kept and printed whole when it ends, so two files' lines never interleave; with one file
 * it goes straight through.
 */
function runFile(file, live) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', file], {
      env,
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const chunks = [];
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr?.on('data', (c) => chunks.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, FILE_TIMEOUT_MS);
    running.add(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const output = Buffer.concat(chunks).toString('utf8');
      const count = (name) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      resolve({
        file,
        ok: code === 0 && !timedOut,
        why: timedOut ? `stopped after ${FILE_TIMEOUT_MS / 60_000} min` : code === 0 ? '' : `exit ${code ?? signal}`,
        seconds: (Date.now() - started) / 1000,
        output,
        tests: count('tests'),
        pass: count('pass'),
        fail: count('fail'),
      });
    });
  });
}

const running = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    process.exit(1);
  });
}

/** Every file, CONCURRENCY at a time in the order given; a summary with the failures and the slowest files. */
async function runAll(list) {
  const queue = [...list];
  const results = [];
  const live = list.length === 1;
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const r = await runFile(file, live);
      results.push(r);
      if (!live) {
        process.stdout.write(`\n▶ ${file} (${r.seconds.toFixed(1)} s${r.ok ? '' : `, FAILED: ${r.why}`})\n${r.output}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
  const failed = results.filter((r) => !r.ok);
  if (live) return failed.length ? 1 : 0;
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(`\n${results.length} files, ${sum('tests')} tests: ${sum('pass')} passed, ${sum('fail')} failed; ${failed.length} files failed`);
  const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 8);
  console.log(`slowest: ${slowest.map((r) => `${path.basename(r.file)} ${r.seconds.toFixed(0)} s`).join(', ')}`);
  for (const r of failed) console.log(`✖ ${r.file}: ${r.why}`);
  return failed.length ? 1 : 0;
}

if (run(process.execPath, ['--import', 'tsx', 'tests/support/template.ts']) !== 0) process.exit(1);
process.exit(await runAll(selected));
