import fs from 'node:fs';
import { safeErrorLine } from '../platform/safe-error.ts';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { loadConfig, masterKey, masterKeyRing, previousMasterKeys, type Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { systemContext } from '../platform/context.ts';
import { checkIdNumber, checkUscc } from '../platform/identity.ts';
import { listCheckpoints, sealCommitted, verifyAuditChain, writeCheckpoint } from '../platform/audit/audit.ts';
import { checkpointPublicKeysHex, type Checkpoint } from '../platform/audit/audit-keys.ts';
import { addWorkingDaysFrom, importCalendar, listYears } from '../platform/calendar/calendar.service.ts';
import { ROLES, type Role } from '../platform/permissions.ts';
import { findDepartmentByUscc } from '../modules/regions/index.ts';
import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  createApiToken,
  createUser,
  findUserByUsername,
  listUsers,
  setPassword,
} from '../modules/accounts/index.ts';
import { openReady, type Opened } from '../bootstrap/open.ts';
import { demoAccountsTable, isEmpty, seedDemoAll } from '../bootstrap/demo.ts';
// The server and the catalogue (fastify, exceljs …) load only for the commands that use them.
const catalogModule = () => import('../modules/catalog/index.ts');

/** Exit codes: 0 ok, 1 a check failed, 2 the command could not be carried out (bad input, missing data). */
class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

async function withDb<T>(config: Config, fn: (db: Opened) => Promise<T>, migrate: 'pending' | 'always' = 'pending'): Promise<T> {
  const database = await openReady(config, { migrate });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function appErrorLine(e: AppError): string {
  return `error ${e.code}: ${e.zh} / ${e.en}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`;
}

/** Where a run writes: process.stdout and process.stderr in `bin/tongban.mjs`, buffers in the tests. */
export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  /** The environment the configuration is read from, once per run (default: process.env). */
  env?: NodeJS.ProcessEnv;
  stdout?: CliOutput;
  stderr?: CliOutput;
}

/**
 * The commands, writing to `io` only: nothing here exits the process or prints to the console, so that a run can be
 * made inside another process (the tests) exactly as `bin/tongban.mjs` makes it.
 */
export function buildCli(config: Config, io: Required<Pick<CliIo, 'stdout' | 'stderr'>>): Command {
  const say = (line: string) => void io.stdout.write(`${line}\n`);
  const program = new Command('tongban')
    .description('tongban (一网通办): government-service platform. Honours TONGBAN_DATA_DIR, DATABASE_URL and PORT.')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // commander's own rule, on these streams: a terminal's width, else 80.
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns) || 80,
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns) || 80,
    })
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('start the HTTP server (migrates, loads reference data, seeds the demo on an empty embedded database)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--no-build', 'do not build the web app when dist/web is missing')
    .action(async (opts: { port?: string; build: boolean }) => {
      const { serve } = await import('./serve.ts');
      await serve({ ...config, port: opts.port ? Number(opts.port) : config.port }, { build: opts.build });
    });

  program
    .command('migrate')
    .description(
      "apply the SQL migrations and the application role's grants (as TONGBAN_MIGRATE_DATABASE_URL, the owner, when set; DATABASE.md), and load reference data (regions, code lists, calendar)",
    )
    .action(async () => {
      await withDb(
        config,
        async (db) => {
          say(`migrated ${db.location}`);
          for (const line of db.referenceLoaded) say(`loaded ${line}`);
        },
        'always',
      );
    });

  program
    .command('seed')
    .description('load reference data; with --demo also the demo city, its departments and one account per role')
    .option('--demo', 'seed the demo data (also on a server database)')
    .action(async (opts: { demo?: boolean }) => {
      await withDb(config, async (db) => {
        if (!opts.demo) {
          say('reference data is loaded; add --demo for the demo city and accounts');
          return;
        }
        // The demo activity acts through the API, so the app is built (not listening) for it.
        const { buildApp } = await import('../http/app.ts');
        const app = await buildApp({ database: db, config });
        try {
          const result = await seedDemoAll(db.db, app);
          say(`demo: ${result.departments} departments, ${result.users} accounts, ${result.implementations} catalogue items and ${result.cases} cases created`);
        } finally {
          await app.close();
        }
        say(demoAccountsTable());
      });
    });

  const user = program.command('user').description('manage accounts');
  user
    .command('add <username>')
    .description('create an account with one role')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--password <password>', 'at least 8 characters with letters and digits')
    .option('--region <code>', 'region scope (GB/T 2260 code)')
    .option('--department <uscc>', 'department scope, by its USCC')
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--phone <phone>', 'mobile number')
    .action(async (username: string, opts: { role: string; password: string; region?: string; department?: string; name?: string; phone?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new ExitError(`unknown role "${opts.role}"; one of ${ROLES.join(', ')}`, 2);
      await withDb(config, async (db) => {
        let departmentId: number | null = null;
        if (opts.department) {
          const dept = await findDepartmentByUscc(db.db, opts.department);
          if (!dept) throw new ExitError(`no department with USCC ${opts.department}`, 2);
          departmentId = dept.id;
        }
        const created = await db.db.transaction((tx) =>
          createUser(tx, systemContext(), {
            username,
            displayName: opts.name ?? username,
            password: opts.password,
            phone: opts.phone ?? null,
            roles: [{ role: opts.role as Role, regionCode: opts.region ?? null, departmentId }],
          }),
        );
        say(`created user ${created.username} (id ${created.id}) with role ${opts.role}`);
      });
    });
  user
    .command('password <username>')
    .description("set an account's password (its sessions end)")
    .requiredOption('--password <password>', 'the new password')
    .action(async (username: string, opts: { password: string }) => {
      await withDb(config, async (db) => {
        const row = await findUserByUsername(db.db, username);
        if (!row) throw new ExitError(`no user ${username}`, 2);
        await setPassword(db.db, systemContext(), row.id, opts.password);
        say(`password of ${username} set`);
      });
    });
  user
    .command('list')
    .description('list accounts (phones masked)')
    .action(async () => {
      await withDb(config, async (db) => {
        const { items } = await listUsers(db.db, { page: 1, pageSize: 200 });
        for (const u of items) say(`${String(u.id).padStart(5)}  ${u.username.padEnd(16)} ${u.status.padEnd(8)} ${u.roles.map((r) => r.role).join(',')}`);
      });
    });
  user
    .command('token <username>')
    .description('create a bearer API token for a machine client (printed once)')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--days <days>', `days until it expires (default ${API_TOKEN_DEFAULT_DAYS}, at most ${API_TOKEN_MAX_DAYS})`)
    .action(async (username: string, opts: { name: string; days?: string }) => {
      await withDb(config, async (db) => {
        const row = await findUserByUsername(db.db, username);
        if (!row) throw new ExitError(`no user ${username}`, 2);
        const token = await db.db.transaction((tx) => createApiToken(tx, systemContext(), row.id, opts.name, opts.days ? Number(opts.days) : undefined));
        say(token.token);
      });
    });

  const calendar = program.command('calendar').description('the working-day calendar');
  calendar
    .command('add <date> <days>')
    .description('the date N working days after DATE (DATE itself not counted; negative goes back)')
    .action(async (date: string, days: string) => {
      if (!/^-?\d+$/.test(days)) throw new ExitError(`days must be a whole number, got "${days}"`, 2);
      await withDb(config, async (db) => say(await addWorkingDaysFrom(db.db, date, Number(days))));
    });
  calendar
    .command('import <file>')
    .description("load a year's State Council holiday notice: CSV lines date,off|work,name or JSON [{date,type,name}]")
    .option('--format <format>', 'json or csv (default: from the file name)')
    .action(async (file: string, opts: { format?: string }) => {
      const format = (opts.format ?? (path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv')) as 'json' | 'csv';
      if (format !== 'json' && format !== 'csv') throw new ExitError('format must be json or csv', 2);
      const content = fs.readFileSync(file, 'utf8');
      await withDb(config, async (db) => {
        const result = await importCalendar(db.db, systemContext(), format, content, `import:${path.basename(file)}`);
        say(
          `imported ${result.imported} days for ${result.years.join(', ')}${result.createdYears.length ? ` (new years: ${result.createdYears.join(', ')})` : ''}`,
        );
      });
    });
  calendar
    .command('years')
    .description('list the loaded years')
    .action(async () => {
      await withDb(config, async (db) => {
        for (const y of await listYears(db.db)) say(`${y.year}  ${y.workdays} working days, ${y.offdays} days off`);
      });
    });

  const check = program.command('check').description('check identity numbers (exit 0 valid, 1 invalid)');
  check
    .command('id <value>')
    .description('公民身份号码 (GB 11643): check character, birth date, region prefix')
    .action((value: string) => {
      const result = checkIdNumber(value);
      if (!result.valid) throw new ExitError(`invalid: ${result.reason}`, 1);
      say('valid');
    });
  check
    .command('uscc <value>')
    .description('统一社会信用代码 (GB 32100): check characters')
    .action((value: string) => {
      const result = checkUscc(value);
      if (!result.valid) throw new ExitError(`invalid: ${result.reason}`, 1);
      say('valid');
    });

  const catalog = program.command('catalog').description('the service catalogue (事项)');
  catalog
    .command('inspect')
    .description('全量巡检 of published guides: prints findings; exit 1 when any is an error')
    .option('--region <code>', 'only this region (and its sub-regions)')
    .option('--department <uscc>', 'only this department, by USCC')
    .action(async (opts: { region?: string; department?: string }) => {
      await withDb(config, async (db) => {
        let departmentId: number | undefined;
        if (opts.department) {
          const dept = await findDepartmentByUscc(db.db, opts.department);
          if (!dept) throw new ExitError(`no department with USCC ${opts.department}`, 2);
          departmentId = dept.id;
        }
        const { inspectCatalog } = await catalogModule();
        const report = await inspectCatalog(db.db, { regionCode: opts.region, departmentId });
        for (const g of report.guides) {
          for (const f of g.findings) say(`${f.severity.padEnd(7)} ${f.rule.padEnd(28)} ${g.code}  ${g.name}  [${f.element}] ${f.message.zh}`);
        }
        for (const d of report.byDepartment) {
          say(
            `${d.departmentName}: ${d.guides} guides, 完备度 ${d.completeness}%, 准确性 findings ${d.accuracyFindings}, errors ${d.errors}, warnings ${d.warnings}`,
          );
        }
        const t = report.totals;
        const line = `${t.guides} guides inspected: ${t.errors} errors, ${t.warnings} warnings, completeness ${t.completeness}%`;
        if (t.errors > 0) throw new ExitError(line, 1);
        say(line);
      });
    });
  catalog
    .command('import <file>')
    .description('import a catalogue workbook (xlsx: 基本目录, 实施清单, 申请材料); --dry-run checks and changes nothing')
    .option('--dry-run', 'check every row and report problems; change nothing')
    .option('--publish', 'publish imported and changed implementations at once')
    .action(async (file: string, opts: { dryRun?: boolean; publish?: boolean }) => {
      const buffer = fs.readFileSync(file);
      const { parseWorkbook, applyImport } = await catalogModule();
      await withDb(config, async (db) => {
        const progress = (label: string) => (done: number, total: number) => io.stderr.write(`\r${label} ${done}/${total}`);
        const parsed = await parseWorkbook(db.db, buffer, { publish: opts.publish, onProgress: progress('checking') });
        io.stderr.write('\n');
        for (const p of parsed.problems) say(`${p.sheet} row ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
        if (parsed.problems.length) throw new ExitError(`${parsed.problems.length} problems in ${parsed.rows} rows; nothing was changed`, 1);
        if (opts.dryRun) {
          say(`dry run: ${parsed.rows} rows are fine (${parsed.baseItems.length} base items, ${parsed.implementations.length} implementations)`);
          return;
        }
        const summary = await applyImport(db.db, systemContext(), parsed, { publish: Boolean(opts.publish), onProgress: progress('importing') });
        io.stderr.write('\n');
        say(
          `imported: ${summary.baseItemsCreated} base items created; implementations ${summary.implementationsCreated} created, ${summary.implementationsChanged} changed, ${summary.implementationsUnchanged} unchanged, ${summary.published} published`,
        );
      });
    });
  catalog
    .command('export <file>')
    .description('write the catalogue as a workbook in the import format')
    .option('--region <code>', 'only this region (and its sub-regions)')
    .action(async (file: string, opts: { region?: string }) => {
      const { exportWorkbook } = await catalogModule();
      await withDb(config, async (db) => {
        fs.writeFileSync(file, await exportWorkbook(db.db, { regionCode: opts.region }));
        say(`wrote ${file}`);
      });
    });

  const licenses = program.command('licenses').description('e-licences (电子证照)');
  licenses
    .command('check-id <identifier>')
    .description('check a licence identifier (1.2.156.3005.2.… with its MOD 37,36 check character): valid (exit 0) or invalid: <reason> (exit 1)')
    .action(async (identifier: string) => {
      const { checkIdentifier } = await import('../modules/licenses/index.ts');
      const result = checkIdentifier(identifier);
      if (!result.valid) throw new ExitError(`invalid: ${result.reason}`, 1);
      say('valid');
    });
  licenses
    .command('import <file>')
    .description(
      'import existing licences (CSV or xlsx: type_code, issuer_uscc, holder_kind, holder_name, holder_id, issue_date, valid_until, data); each is sealed',
    )
    .option('--dry-run', 'check every row; change nothing')
    .option('--workers <n>', 'worker threads that seal (SM2-sign) the licences; 0 signs on the main thread (default: one per core, at most 4)')
    .action(async (file: string, opts: { dryRun?: boolean; workers?: string }) => {
      if (!fs.existsSync(file)) throw new ExitError(`no such file: ${file}`, 2);
      const workers = opts.workers === undefined ? undefined : Number(opts.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new ExitError('--workers must be an integer 0…64', 2);
      const { importLicenseFile, configureMasterKey } = await import('../modules/licenses/index.ts');
      configureMasterKey(masterKey(config), previousMasterKeys(config));
      await withDb(config, async (db) => {
        const started = Date.now();
        let problems = 0;
        // The file is streamed twice: every row is checked first (problems printed as found), then sealed and imported.
        const result = await importLicenseFile(db.db, systemContext(), file, {
          dryRun: opts.dryRun,
          workers,
          onProblem: (p) => {
            problems++;
            say(`row ${p.row} [${p.column}]: ${p.message}`);
          },
          onProgress: (done, total) => io.stderr.write(`\rsealing and importing ${done}/${total} (${Math.round(done / ((Date.now() - started) / 1000))}/s)`),
        });
        if (result.badRows) throw new ExitError(`${problems} problems in ${result.badRows} rows; nothing was imported`, 1);
        if (opts.dryRun) {
          say(`dry run: ${result.rows} licences are fine`);
          return;
        }
        if (result.imported) io.stderr.write('\n');
        const seconds = (Date.now() - started) / 1000;
        say(`imported ${result.imported} licences in ${seconds.toFixed(1)} s (${Math.round(result.imported / seconds)}/s)`);
      });
    });
  licenses
    .command('keygen')
    .description("generate (rotate) a department's SM2 seal key; the old key stays published for verification")
    .requiredOption('--department <uscc>', 'the issuing department, by USCC')
    .action(async (opts: { department: string }) => {
      const { createSealKey, configureMasterKey } = await import('../modules/licenses/index.ts');
      configureMasterKey(masterKey(config), previousMasterKeys(config));
      await withDb(config, async (db) => {
        const dept = await findDepartmentByUscc(db.db, opts.department);
        if (!dept) throw new ExitError(`no department with USCC ${opts.department}`, 2);
        const key = await db.db.transaction((tx) => createSealKey(tx, systemContext(), dept.id));
        say(key.publicKeyPem.trim());
      });
    });

  program
    .command('rotate-master-key')
    .description(
      'after TONGBAN_MASTER_KEY was set to a new key and the old one listed in TONGBAN_MASTER_KEY_PREVIOUS: re-seal every seal private key under the new key in one transaction (idempotent), then sign the audit chain head under it (ADR 0030)',
    )
    .option('--dry-run', 'say what would be re-sealed; change nothing')
    .action(async (opts: { dryRun?: boolean }) => {
      if (!config.masterKeyHex) throw new ExitError('set TONGBAN_MASTER_KEY to the new master key (and TONGBAN_MASTER_KEY_PREVIOUS to the old ones) first', 2);
      const ring = masterKeyRing(config);
      const { resealSealKeys, configureMasterKey } = await import('../modules/licenses/index.ts');
      configureMasterKey(masterKey(config), previousMasterKeys(config));
      await withDb(config, async (db) => {
        const ctx = systemContext();
        const result = await db.db.transaction((tx) => resealSealKeys(tx, ctx, { dryRun: opts.dryRun }));
        const from = Object.entries(result.resealed).map(([id, n]) => `${n} from ${id}`);
        const known = `master key ${ring.current.id}${ring.previous.length ? ` (previous: ${ring.previous.map((k) => k.id).join(', ')})` : ''}`;
        if (opts.dryRun) {
          say(`dry run, ${known}: ${from.length ? `would re-seal ${from.join(', ')}` : 'nothing to re-seal'}; ${result.unchanged} seal keys under it already`);
          return;
        }
        // The chain head signed under the new key: the export from now on anchors under it.
        await sealCommitted(db.db, 10_000);
        await writeCheckpoint(db.db);
        say(
          from.length
            ? `${known}: re-sealed ${from.join(', ')}; ${result.unchanged} under it already`
            : `${known}: every seal key (${result.unchanged}) is under it already`,
        );
      });
    });

  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description(
      "seal the entries of finished transactions, then recompute the SM3 chain, check each entry's MAC and every signed checkpoint (those in the database and, with --checkpoints, an export kept elsewhere): exit 0 when intact, 1 naming the first broken entry",
    )
    .option('--checkpoints <file>', 'checkpoints exported earlier (JSON lines from `tongban audit checkpoints`)')
    .action(async (opts: { checkpoints?: string }) => {
      const external = opts.checkpoints ? readCheckpoints(opts.checkpoints) : [];
      await withDb(config, async (db) => {
        await sealCommitted(db.db, 10_000);
        const result = await verifyAuditChain(db.db, undefined, { external, publicKeyHex: checkpointPublicKeysHex() });
        if (!result.ok)
          throw new ExitError(`audit chain broken at entry ${result.brokenAt ?? '(end)'}: ${result.reason} (${result.count} entries verified before it)`, 1);
        say(
          `audit chain intact: ${result.count} entries, ${result.checkpoints} signed checkpoints${result.pending ? ` (${result.pending} still in running transactions)` : ''}`,
        );
      });
    });
  audit
    .command('checkpoints')
    .description('sign the chain head now, then print every signed checkpoint as JSON lines: keep the output outside the database (it anchors the chain)')
    .action(async () => {
      await withDb(config, async (db) => {
        await sealCommitted(db.db, 10_000);
        await writeCheckpoint(db.db);
        for (const c of await listCheckpoints(db.db)) say(JSON.stringify(c));
      });
    });

  const exchange = program.command('exchange').description('data sharing (数据共享交换): the call log');
  exchange
    .command('verify')
    .description(
      "seal the finished calls, then recompute the SM3 chain of the call log, check each call's MAC and every signed checkpoint (with --checkpoints, an export kept elsewhere too): exit 0 when intact, 1 naming the first forged or altered call (ADR 0039)",
    )
    .option('--checkpoints <file>', 'checkpoints exported earlier (JSON lines from `tongban exchange checkpoints`)')
    .action(async (opts: { checkpoints?: string }) => {
      const external = opts.checkpoints ? readCheckpoints(opts.checkpoints) : [];
      const { sealCalls, verifyCalls, writeCallCheckpoint } = await import('../modules/exchange/index.ts');
      await withDb(config, async (db) => {
        await sealCalls(db.db);
        const result = await verifyCalls(db.db, { external });
        if (!result.ok)
          throw new ExitError(`call log broken at call ${result.brokenAt ?? '(end)'}: ${result.reason} (${result.count} calls verified before it)`, 1);
        await writeCallCheckpoint(db.db);
        say(
          `call log intact: ${result.count} calls, ${result.checkpoints} signed checkpoints${result.pending ? ` (${result.pending} still in running transactions)` : ''}`,
        );
      });
    });
  exchange
    .command('checkpoints')
    .description('sign the call chain head now, then print every signed checkpoint as JSON lines: keep the output outside the database')
    .action(async () => {
      const { sealCalls, writeCallCheckpoint, listCallCheckpoints } = await import('../modules/exchange/index.ts');
      await withDb(config, async (db) => {
        await sealCalls(db.db);
        await writeCallCheckpoint(db.db);
        for (const c of await listCallCheckpoints(db.db)) say(JSON.stringify(c));
      });
    });

  return program;
}

/** Checkpoints exported by `tongban audit checkpoints`: one JSON object a line. */
function readCheckpoints(file: string): Checkpoint[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  return lines.map((line, i) => {
    const c = JSON.parse(line) as Checkpoint;
    if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.signature !== 'string' || typeof c.at !== 'string')
      throw new ExitError(`${file} line ${i + 1} is not a checkpoint`, 2);
    return c;
  });
}

/**
 * One run of the CLI: argv without the node and script paths; resolves to the exit code (0 ok, 1 a check failed, 2
 * the command could not be carried out). The configuration is read from `io.env` for this run only, and every
 * database a command opens is closed before it resolves, so runs can follow one another in one process.
 */
export async function runCli(argv: string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const line = (out: CliOutput, text: string) => void out.write(`${text}\n`);
  try {
    const program = buildCli(loadConfig(io.env ?? process.env), { stdout, stderr });
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ExitError) {
      line(e.exitCode === 1 ? stdout : stderr, e.message);
      return e.exitCode;
    }
    if (e instanceof AppError) {
      line(stderr, appErrorLine(e));
      return 2;
    }
    line(stderr, safeErrorLine(e));
    return 2;
  }
}

export { isEmpty };
