#!/usr/bin/env node
// Runs the test files with node's test runner (through tsx), on PGlite or, with --pg, on TEST_DATABASE_URL.
//   node scripts/test.mjs            unit, API and scenario tests on embedded PGlite
//   node scripts/test.mjs --pg       the same on a PostgreSQL server (TEST_DATABASE_URL, default local server)
//   node scripts/test.mjs --e2e      browser tests (Debian Chromium through playwright-core)
//   node scripts/test.mjs FILE…      only these files
import { spawnSync } from 'node:child_process';
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
 * Browser files, longest first (by size, and the demo city at work seeds for ~20 s), so that two short ones end the
 * run rather than one long one alone.
 */
const longestFirst = (list) => {
  const weight = (f) => fs.statSync(f).size + (/activity: true/.test(fs.readFileSync(f, 'utf8')) ? 20_000 : 0);
  return list.sort((a, b) => weight(b) - weight(a));
};

const selected = files.length
  ? files
  : e2e
    ? longestFirst(find('tests/e2e', '.test.ts'))
    : [
        ...find('src', '.test.ts'),
        ...find('tests/scenarios', '.test.ts'),
        ...find('tests/cli', '.test.ts'),
        ...find('tests/web', '.test.ts'),
        ...find('tests/support', '.test.ts'),
      ];

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
if (run(process.execPath, ['--import', 'tsx', 'tests/support/template.ts']) !== 0) process.exit(1);
process.exit(run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...selected]));
