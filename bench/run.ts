// npm run bench [-- --quick] [--only=NAME[,NAME…]] [--repeat=N] [--json FILE]
//
// Measures the machine's limits (bench/limits.ts) and the platform's paths (bench/paths/, run by bench/platform.ts)
// in the same run and prints each path beside its limit as a ratio. It reports; it does not gate: a missed goal
// still exits 0. It exits 1 when the platform cannot start or a request fails, 2 on a usage error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { killChildren } from './child.ts';
import { backgroundLoad } from './cpu.ts';
import { LimitsSession, limitDefs, limitLabels } from './limits.ts';
import { useGenerator, type Generator } from './load.ts';
import { wrkVersion } from './wrk.ts';
import { loadPaths, PlatformSession } from './platform.ts';
import { buildReport, formatReport, type Pass } from './report.ts';
import { BenchError, type BenchPath, type Durations, type LimitKey, type MachineLimitKey } from './types.ts';

const FULL: Durations = { http: 10, warmup: 2, pgbench: 10, crypto: 2, scrypt: 4 };
const QUICK: Durations = { http: 1, warmup: 0.25, pgbench: 1, crypto: 0.3, scrypt: 1 };

const usage = `usage: npm run bench -- [options]
  --quick            short durations (smoke run, < 60 s)
  --only=A,B         only these paths (${'login, me, health, calendar, …'}) and/or limits
                     (limits | pgbench | http | crypto | a limit key such as crypto.sm2.verify);
                     a path brings the limits it is compared with
  --repeat=N         N passes; figures and ratios are medians (performance-notes judges goals on 3)
  --json FILE        also write the results as JSON
  --licences=N       licence-lookup fills the licence table with N licences (e.g. 10000000; default 100000,
                     10000 with --quick) before it measures verification
  --ratings=N        rating-report generates N ratings (e.g. 4000000, where target S3 is judged; default 200000,
                     20000 with --quick) before it measures the statistics
  --generator=G      wrk (C; the default when installed: apt-get install wrk) or autocannon (JS), for every
                     HTTP run, paths and bare servers alike
  --profile DIR      CPU-profile the platform process into DIR (then: node --import tsx bench/profile-summary.ts DIR)
  --help`;

interface Args {
  quick: boolean;
  only: string[] | undefined;
  repeat: number;
  json: string | undefined;
  profile: string | undefined;
  licenses: number | undefined;
  ratings: number | undefined;
  generator: Generator | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    only: undefined,
    repeat: 1,
    json: undefined,
    profile: undefined,
    licenses: undefined,
    ratings: undefined,
    generator: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        args.quick = true;
        break;
      case '--only':
        args.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--repeat':
        args.repeat = Number(value());
        if (!Number.isInteger(args.repeat) || args.repeat < 1 || args.repeat > 9) throw new UsageError('--repeat must be 1…9');
        break;
      case '--json':
        args.json = value();
        break;
      // eslint-disable-next-line no-restricted-syntax -- the old spelling of the flag, kept so that earlier notes still run
      case '--licences':
      case '--licenses':
        args.licenses = Number(value().replace(/[_,]/g, ''));
        if (!Number.isInteger(args.licenses) || args.licenses < 1000 || args.licenses > 100_000_000) throw new UsageError('--licenses must be 1000…100000000');
        break;
      case '--ratings':
        args.ratings = Number(value().replace(/[_,]/g, ''));
        if (!Number.isInteger(args.ratings) || args.ratings < 1000 || args.ratings > 50_000_000) throw new UsageError('--ratings must be 1000…50000000');
        break;
      case '--generator': {
        const g = value();
        if (g !== 'wrk' && g !== 'autocannon') throw new UsageError('--generator must be wrk or autocannon');
        args.generator = g;
        break;
      }
      case '--profile':
        args.profile = path.resolve(value());
        break;
      case '--help':
      case '-h':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  return args;
}

class UsageError extends Error {}

/** Which paths and limits a --only list selects. */
function select(only: string[] | undefined, all: BenchPath[]): { paths: BenchPath[]; limits: MachineLimitKey[] } {
  const allKeys = limitDefs.map((d) => d.key);
  if (!only) return { paths: all, limits: allKeys };
  const paths: BenchPath[] = [];
  const limits = new Set<LimitKey>();
  for (const name of only) {
    const found = all.find((p) => p.name === name);
    if (found) {
      paths.push(found);
      for (const c of found.limit) limits.add(c.limit);
      continue;
    }
    const groupPrefix: Record<string, string> = { limits: '', pgbench: 'pg.', http: 'http.', crypto: 'crypto.' };
    const prefix = name in groupPrefix ? groupPrefix[name] : name;
    const matched = allKeys.filter((k) => k === prefix || k.startsWith(prefix.endsWith('.') || prefix === '' ? prefix : `${prefix}.`));
    if (matched.length === 0) {
      throw new UsageError(
        `--only: no path or limit named "${name}" (paths: ${all.map((p) => p.name).join(', ')}; limits: limits, pgbench, http, crypto, ${allKeys.join(', ')})`,
      );
    }
    for (const k of matched) limits.add(k);
  }
  return { paths, limits: allKeys.filter((k) => limits.has(k)) };
}

function versionOf(pkg: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function pctOf(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${Math.round(share * 100)}%`;
}

async function main(): Promise<number> {
  let args: Args;
  let selection: { paths: BenchPath[]; limits: MachineLimitKey[] };
  try {
    args = parseArgs(process.argv.slice(2));
    selection = select(args.only, await loadPaths());
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${usage}`);
    return 2;
  }

  let generator: Generator;
  try {
    generator = useGenerator(args.generator);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const durations = args.quick ? QUICK : FULL;
  const t0 = performance.now();
  const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
  const cpus = os.cpus();
  // Other work on the machine skews every figure (performance-notes §2): measure it before and after.
  const idleMs = args.quick ? 500 : 1500;
  const backgroundBefore = await backgroundLoad(idleMs);
  const warnBackground = (share: number | undefined, when: string) => {
    if (share !== undefined && share > 0.1) {
      log(`warning: the machine was ${Math.round(share * 100)}% busy ${when} with other work; figures will be low and noisy`);
    }
  };
  warnBackground(backgroundBefore, 'before the run');

  const limits = new LimitsSession(selection.limits, { durations, log });
  const platform = new PlatformSession(selection.paths, {
    durations,
    quick: args.quick,
    passes: args.repeat,
    licenses: args.licenses,
    ratings: args.ratings,
    log,
    profileDir: args.profile,
  });
  const passes: Pass[] = [];
  let failure: Error | undefined;

  const onSignal = () => {
    killChildren();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (selection.limits.length) await limits.open();
    if (selection.paths.length) await platform.open();
    for (let pass = 1; pass <= args.repeat; pass++) {
      if (args.repeat > 1) log(`pass ${pass} of ${args.repeat}`);
      // Kept as it fills, so a failing path still leaves the limits and earlier paths in the report.
      const current: Pass = { limits: selection.limits.length ? await limits.measure() : [], figures: new Map() };
      passes.push(current);
      if (selection.paths.length) await platform.run(current);
    }
  } catch (e) {
    failure = e as Error;
  } finally {
    await platform.close().catch((e: Error) => log(`closing the platform: ${e.message}`));
    await limits.close().catch((e: Error) => log(`closing the limits: ${e.message}`));
    killChildren();
  }
  const backgroundAfter = await backgroundLoad(idleMs);
  warnBackground(backgroundAfter, 'after the run');

  const meta = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}`,
    /** Share of all cores busy with other work while the harness was idle, before and after (0…1). */
    background: { before: backgroundBefore, after: backgroundAfter },
    postgres: platform.postgres ?? limits.env.postgres,
    pgbench: limits.env.pgbench,
    scrypt: limits.env.scrypt,
    packages: { fastify: versionOf('fastify'), autocannon: versionOf('autocannon'), 'sm-crypto-v2': versionOf('sm-crypto-v2'), pg: versionOf('pg') },
    generator: generator === 'wrk' ? `wrk ${wrkVersion()}` : `autocannon ${versionOf('autocannon')}`,
    mode: args.quick ? 'quick' : 'full',
    durations,
    passes: passes.length,
    only: args.only,
    seconds: Math.round((performance.now() - t0) / 1000),
  };

  const labels = new Map<LimitKey, string>([...limitLabels, ...(platform.ownLimitLabels() as [LimitKey, string][])]);
  const report = buildReport(selection.paths, passes, labels);
  console.log(
    `tongban bench — ${meta.date}${meta.commit ? ` @ ${meta.commit}` : ''}\n` +
      `  ${meta.cpu}; Node ${meta.node}; PostgreSQL ${meta.postgres ?? 'n/a'}; ${meta.pgbench ?? 'pgbench n/a'}; fastify ${meta.packages.fastify}; HTTP load by ${meta.generator}\n` +
      `  ${meta.mode}: ${durations.http} s per HTTP run after ${durations.warmup} s warm-up, ${durations.pgbench} s per pgbench run, ` +
      `${durations.crypto} s per crypto loop; ${passes.length} pass${passes.length === 1 ? '' : 'es'}; ${meta.seconds} s in all\n` +
      `  other work on the machine (harness idle): ${pctOf(backgroundBefore)} before, ${pctOf(backgroundAfter)} after` +
      ((backgroundBefore ?? 0) > 0.1 || (backgroundAfter ?? 0) > 0.1 ? ' — figures are skewed, rerun on a quiet machine' : ''),
  );
  console.log(formatReport(report, !args.only));

  if (args.json) {
    fs.writeFileSync(args.json, JSON.stringify({ meta, ...report }, null, 2) + '\n');
    log(`wrote ${args.json}`);
  }
  if (failure) {
    console.error(`\nbench failed: ${failure instanceof BenchError ? failure.message : (failure.stack ?? failure.message)}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    killChildren();
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
