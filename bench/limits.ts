// The machine's own limits, measured in the same run as the platform paths (performance-notes §2):
//   pgbench   tpcb-like, select-only and a single-row INSERT script, 4 clients, on a scratch database
//   http      bare node:http and bare Fastify "hello" under autocannon, same connections/duration as the paths
//   crypto    single-thread time-boxed loops: SM3, SM2 (sm-crypto-v2), Ed25519; scrypt at the login's parameters
// pgbench limits degrade to "missing" (ratios print n/a) when pgbench or the server is not there; the others
// are the harness's own and fail the run if they break.
import { createHash, generateKeyPairSync, scrypt, sign, verify } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import pg from 'pg';
import { hashPassword } from '../src/platform/crypto.ts';
import { startServer, type ChildServer } from './child.ts';
import { cpuMeter } from './cpu.ts';
import { warmAndRun } from './load.ts';
import { databaseUrl, dropDatabase, pgbenchInit, pgbenchVersion, recreateDatabase, runPgbench, serverVersion } from './pg.ts';
import type { Durations, LimitKey, LimitResult, MachineLimitKey, Measurement } from './types.ts';

// BENCH_DATABASE_SUFFIX keeps two runs on one server apart (each drops and recreates its databases).
export const PGBENCH_DATABASE = `tongban_bench_pgbench${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;
export const PGBENCH_SCALE = 10;
/** The payload signed and verified: the size of a licence's canonical JSON in the prototype. */
const SIGNED_BYTES = 544;
export const SM2_USER_ID = '1234567812345678';

/** Single-row INSERT, autocommit, durable: the ceiling for one-row writes (shown beside ratings; R6 is judged on tpcb). */
export const INSERT_SCRIPT = "INSERT INTO ins_probe(case_no, status) VALUES ('C-' || :client_id || '-' || random(), 1);\n";

type Group = 'pgbench' | 'http' | 'crypto';

interface LimitDef {
  key: MachineLimitKey;
  group: Group;
  label: string;
  measure(s: LimitsSession): Promise<Measurement>;
}

export interface LimitsOptions {
  durations: Durations;
  log: (line: string) => void;
}

interface CryptoFixtures {
  payload: Buffer;
  kib: Buffer;
  sm2: { privateKey: string; publicKey: string; signature: string; precomputed: ReturnType<typeof sm2.precomputePublicKey> };
  ed: { privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']; publicKey: ReturnType<typeof generateKeyPairSync>['publicKey']; signature: Buffer };
  scrypt: { N: number; r: number; p: number; keylen: number };
}

/** A time-boxed single-thread loop: warm-up, then as many calls as fit in `seconds`. */
export function timeBox(op: () => unknown, seconds: number): Measurement {
  const warmEnd = performance.now() + Math.min(500, seconds * 200);
  while (performance.now() < warmEnd) op();
  const meter = cpuMeter();
  const start = performance.now();
  const end = start + seconds * 1000;
  let n = 0;
  do {
    op();
    n++;
  } while (performance.now() < end);
  const elapsed = performance.now() - start;
  return { value: (n * 1000) / elapsed, unit: 'ops/s', avgMs: elapsed / n, count: n, cpu: meter(n) };
}

function scryptOnce(f: CryptoFixtures['scrypt'], password: string, salt: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, f.keylen, { N: f.N, r: f.r, p: f.p, maxmem: 256 * f.N * f.r }, (err) => (err ? reject(err) : resolve())),
  );
}

/** crypto.scrypt with `inFlight` hashes outstanding at a time (libuv's pool has 4 threads by default). */
async function scryptRate(f: CryptoFixtures['scrypt'], inFlight: number, seconds: number): Promise<Measurement> {
  const salt = Buffer.alloc(16, 7);
  await Promise.all(Array.from({ length: inFlight }, () => scryptOnce(f, 'warm-up', salt)));
  const meter = cpuMeter();
  const start = performance.now();
  const end = start + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await scryptOnce(f, 'Demo@2026', salt);
        n++;
      }
    }),
  );
  const elapsed = performance.now() - start;
  return { value: (n * 1000) / elapsed, unit: 'ops/s', avgMs: (elapsed * inFlight) / n, count: n, cpu: meter(n) };
}

function httpLimit(key: MachineLimitKey, server: 'node' | 'fastify', connections: number): LimitDef {
  return {
    key,
    group: 'http',
    label: `${server === 'node' ? 'node:http' : 'Fastify'} hello c${connections}`,
    measure: async (s) => {
      const target = server === 'node' ? s.servers.node : s.servers.fastify;
      if (!target) throw new Error(`${server} server not started`);
      const { statusCounts: _statusCounts, ...m } = await warmAndRun(
        { origin: target.origin, path: '/', connections, duration: s.options.durations.http, serverPid: target.pid },
        s.options.durations.warmup,
      );
      return m;
    },
  };
}

function pgLimit(key: MachineLimitKey, label: string, workload: 'tpcb' | 'select' | 'insert', samplingRate: number): LimitDef {
  return {
    key,
    group: 'pgbench',
    label,
    measure: async (s) => {
      const m = await runPgbench({
        database: PGBENCH_DATABASE,
        workload: workload === 'insert' ? { script: INSERT_SCRIPT } : workload,
        clients: 4,
        threads: 2,
        duration: s.options.durations.pgbench,
        samplingRate,
      });
      if (m.failed > 0) throw new Error(`${m.failed} pgbench transactions failed`);
      return m;
    },
  };
}

/** Rows of the COPY-with-PK limit: the same count as the exchange-load path's load (R8). */
export const copyRows = (quick: boolean) => (quick ? 100_000 : 1_000_000);

/**
 * R8's ceiling: COPY FROM STDIN of `rows` rows into a narrow table with a primary key — an ID-number key and ~60 B of
 * text, as a collected row's key and a short value — on the pgbench database of the same server, into a fresh table
 * each time. Rows per second of the whole COPY (durable at its commit).
 */
async function copyWithPk(rows: number): Promise<Measurement> {
  const { from } = await import('pg-copy-streams');
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const client = new pg.Client({ connectionString: databaseUrl(PGBENCH_DATABASE) });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS copy_probe');
    await client.query('CREATE TABLE copy_probe (k text PRIMARY KEY, v text NOT NULL)');
    function* lines() {
      for (let i = 0; i < rows; i += 10_000) {
        let chunk = '';
        for (let j = i; j < Math.min(rows, i + 10_000); j++)
          chunk += `3406031980${String(j).padStart(8, '0')}\t姓名${j},${j % 240},安徽省淮北市相山区人民路${j % 500}号\n`;
        yield chunk;
      }
    }
    const meter = cpuMeter();
    const started = performance.now();
    await pipeline(Readable.from(lines()), client.query(from('COPY copy_probe (k, v) FROM STDIN')));
    const elapsed = performance.now() - started;
    await client.query('DROP TABLE copy_probe');
    return {
      value: (rows * 1000) / elapsed,
      unit: 'ops/s',
      avgMs: elapsed / rows,
      count: rows,
      cpu: meter(rows),
      note: `COPY of ${rows.toLocaleString('en')} rows in ${(elapsed / 1000).toFixed(1)} s`,
    };
  } finally {
    await client.end();
  }
}

export const limitDefs: LimitDef[] = [
  pgLimit('pg.tpcb.c4', 'pgbench tpcb-like c4', 'tpcb', 0.2),
  pgLimit('pg.select.c4', 'pgbench select-only c4', 'select', 0.02),
  pgLimit('pg.insert.c4', 'pgbench 1-row INSERT c4', 'insert', 0.1),
  {
    key: 'pg.copy.pk',
    group: 'pgbench',
    label: 'COPY into a narrow table with a PK (rows/s)',
    measure: async (s) => copyWithPk(copyRows(s.options.durations.http < 5)),
  },
  httpLimit('http.node.c4', 'node', 4),
  httpLimit('http.node.c64', 'node', 64),
  httpLimit('http.fastify.c4', 'fastify', 4),
  httpLimit('http.fastify.c64', 'fastify', 64),
  {
    key: 'crypto.sm3.1k',
    group: 'crypto',
    label: 'SM3 1 KiB (node:crypto)',
    measure: async (s) => {
      const { kib } = s.crypto();
      return timeBox(() => createHash('sm3').update(kib).digest(), s.options.durations.crypto);
    },
  },
  {
    key: 'crypto.sm2.sign',
    group: 'crypto',
    label: `SM2 sign ${SIGNED_BYTES} B (sm-crypto-v2)`,
    measure: async (s) => {
      const { payload, sm2: k } = s.crypto();
      return timeBox(
        () => sm2.doSignature(payload, k.privateKey, { der: true, hash: true, publicKey: k.publicKey, userId: SM2_USER_ID }),
        s.options.durations.crypto,
      );
    },
  },
  {
    key: 'crypto.sm2.verify',
    group: 'crypto',
    label: 'SM2 verify (sm-crypto-v2, precomputed key)',
    measure: async (s) => {
      const { payload, sm2: k } = s.crypto();
      return timeBox(
        () => sm2.doVerifySignature(payload, k.signature, k.precomputed, { der: true, hash: true, userId: SM2_USER_ID }),
        s.options.durations.crypto,
      );
    },
  },
  {
    key: 'crypto.ed25519.sign',
    group: 'crypto',
    label: `Ed25519 sign ${SIGNED_BYTES} B (node:crypto)`,
    measure: async (s) => {
      const { payload, ed } = s.crypto();
      return timeBox(() => sign(null, payload, ed.privateKey), s.options.durations.crypto);
    },
  },
  {
    key: 'crypto.ed25519.verify',
    group: 'crypto',
    label: 'Ed25519 verify (node:crypto, KeyObject)',
    measure: async (s) => {
      const { payload, ed } = s.crypto();
      return timeBox(() => verify(null, payload, ed.publicKey, ed.signature), s.options.durations.crypto);
    },
  },
  {
    key: 'crypto.scrypt.x1',
    group: 'crypto',
    label: 'scrypt (login params), 1 in flight',
    measure: async (s) => scryptRate(s.crypto().scrypt, 1, s.options.durations.scrypt),
  },
  {
    key: 'crypto.scrypt.x4',
    group: 'crypto',
    label: 'scrypt (login params), 4 in flight',
    measure: async (s) => scryptRate(s.crypto().scrypt, 4, s.options.durations.scrypt),
  },
];

export const limitLabels = new Map<LimitKey, string>(limitDefs.map((d) => [d.key, d.label]));

export interface LimitsEnvironment {
  pgbench?: string;
  postgres?: string;
  scrypt?: string;
}

/** Set up once (scratch database, bare servers, keys), measure once per pass, close at the end. */
export class LimitsSession {
  servers: { node?: ChildServer; fastify?: ChildServer } = {};
  readonly env: LimitsEnvironment = {};
  private missing = new Map<Group, string>();
  private fixtures?: CryptoFixtures;
  private pgbenchDbCreated = false;

  constructor(
    readonly keys: MachineLimitKey[],
    readonly options: LimitsOptions,
  ) {}

  private get defs(): LimitDef[] {
    return limitDefs.filter((d) => this.keys.includes(d.key));
  }

  private uses(group: Group): boolean {
    return this.defs.some((d) => d.group === group);
  }

  crypto(): CryptoFixtures {
    if (!this.fixtures) throw new Error('crypto fixtures not prepared');
    return this.fixtures;
  }

  async open(): Promise<void> {
    if (this.uses('pgbench')) await this.openPgbench();
    if (this.uses('http')) {
      if (this.defs.some((d) => d.key.startsWith('http.node'))) this.servers.node = await startServer('bare node:http', 'bare-http.ts');
      if (this.defs.some((d) => d.key.startsWith('http.fastify'))) this.servers.fastify = await startServer('bare Fastify', 'bare-fastify.ts');
    }
    if (this.uses('crypto')) this.fixtures = await prepareCrypto();
    if (this.fixtures) {
      const f = this.fixtures.scrypt;
      this.env.scrypt = `N=2^${Math.log2(f.N)} r=${f.r} p=${f.p} keylen=${f.keylen}`;
    }
  }

  private async openPgbench(): Promise<void> {
    const version = await pgbenchVersion();
    if (!version) {
      this.missing.set('pgbench', 'pgbench is not installed (set BENCH_PGBENCH to its path)');
      this.options.log(`limits: ${this.missing.get('pgbench')}; pgbench limits are n/a`);
      return;
    }
    this.env.pgbench = version;
    try {
      this.env.postgres = await serverVersion();
    } catch (e) {
      this.missing.set('pgbench', `PostgreSQL server unreachable (${(e as Error).message})`);
      this.options.log(`limits: ${this.missing.get('pgbench')}; pgbench limits are n/a`);
      return;
    }
    try {
      const started = performance.now();
      await recreateDatabase(PGBENCH_DATABASE);
      this.pgbenchDbCreated = true;
      await pgbenchInit(PGBENCH_DATABASE, PGBENCH_SCALE);
      const client = new pg.Client({ connectionString: databaseUrl(PGBENCH_DATABASE) });
      await client.connect();
      await client.query(
        'CREATE TABLE ins_probe (id bigserial PRIMARY KEY, case_no text NOT NULL, status int NOT NULL, at timestamptz NOT NULL DEFAULT now())',
      );
      await client.end();
      this.options.log(`limits: pgbench -i -s ${PGBENCH_SCALE} on ${PGBENCH_DATABASE} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      this.missing.set('pgbench', `could not prepare ${PGBENCH_DATABASE}: ${(e as Error).message}`);
      this.options.log(`limits: ${this.missing.get('pgbench')}; pgbench limits are n/a`);
    }
  }

  /** One pass over the selected limits. pgbench problems become "missing"; anything else throws. */
  async measure(): Promise<LimitResult[]> {
    const results: LimitResult[] = [];
    for (const def of this.defs) {
      const missing = this.missing.get(def.group);
      if (missing) {
        results.push({ key: def.key, label: def.label, status: 'missing', reason: missing });
        continue;
      }
      this.options.log(`limit ${def.label}…`);
      try {
        results.push({ key: def.key, label: def.label, status: 'ok', m: await def.measure(this) });
      } catch (e) {
        if (def.group !== 'pgbench') throw e;
        this.options.log(`  ${def.label} failed: ${(e as Error).message}`);
        results.push({ key: def.key, label: def.label, status: 'missing', reason: (e as Error).message.split('\n')[0] });
      }
    }
    return results;
  }

  async close(): Promise<void> {
    await this.servers.node?.stop();
    await this.servers.fastify?.stop();
    if (this.pgbenchDbCreated) {
      try {
        await dropDatabase(PGBENCH_DATABASE);
      } catch (e) {
        this.options.log(`could not drop ${PGBENCH_DATABASE}: ${(e as Error).message}`);
      }
    }
  }
}

async function prepareCrypto(): Promise<CryptoFixtures> {
  const payload = Buffer.alloc(SIGNED_BYTES);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 255;
  const kib = Buffer.alloc(1024, 0x5a);

  const keys = sm2.generateKeyPairHex();
  const signature = sm2.doSignature(payload, keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey, userId: SM2_USER_ID });
  const precomputed = sm2.precomputePublicKey(keys.publicKey);
  if (!sm2.doVerifySignature(payload, signature, precomputed, { der: true, hash: true, userId: SM2_USER_ID })) {
    throw new Error('sm-crypto-v2 does not verify its own SM2 signature');
  }

  const ed = generateKeyPairSync('ed25519');
  const edSignature = sign(null, payload, ed.privateKey);
  if (!verify(null, payload, ed.publicKey, edSignature)) throw new Error('Ed25519 self-check failed');

  // The login's scrypt parameters, read from a hash the platform itself makes, so the limit follows any change.
  const [scheme, n, r, p, , key] = (await hashPassword('parameters-probe')).split('$');
  if (scheme !== 'scrypt') throw new Error(`unexpected password hash scheme ${scheme}`);
  const scryptParams = { N: Number(n), r: Number(r), p: Number(p), keylen: Buffer.from(key, 'base64').length };

  return {
    payload,
    kib,
    sm2: { privateKey: keys.privateKey, publicKey: keys.publicKey, signature, precomputed },
    ed: { privateKey: ed.privateKey, publicKey: ed.publicKey, signature: edSignature },
    scrypt: scryptParams,
  };
}
