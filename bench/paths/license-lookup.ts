// GET /api/licenses/verify/{identifier} with many licences in the table (performance-notes S2: 10 million, verify
// p99 ≤ 5 ms at c4). Setup fills the table in SQL — `--licences=N` (default 100,000; 10,000 with --quick) — with
// filler rows (placeholder seals, never requested) and, spread evenly over the whole table (the heap and the
// identifier index alike), real licences sealed with their department's SM2 key. The load requests a different real
// licence on every request, so every answer costs an index lookup and the check of the seal verdict the platform wrote
// when it sealed (HMAC-SM3, ADR 0009) — no in-memory cache has seen it; a row without a verdict, or changed since,
// would cost an SM2 verification — and the answer is checked beforehand ("seal verifies": true). Limit: the raw SM2
// verify rate (goal R3).
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import {
  activeSealKey,
  configureMasterKey,
  createSealPool,
  defaultSealWorkers,
  makeIdentifier,
  sealedNamesId,
  sealVerdict,
  signedDataOf,
  verifyQuery,
} from '../../src/modules/licenses/index.ts';
import { systemContext } from '../../src/platform/context.ts';
import { queryRows } from '../../src/platform/db/db.ts';
import { benchIssuers, benchLicenseType, dayOf, fmtDuration, holderUscc } from '../license-fixtures.ts';
import { fmtValue } from '../report.ts';
import { BenchError, definePath, type PathContext } from '../types.ts';

const TYPE_NAME = '基准测试查验证';
/** Statement size of the fill: 500,000 rows each (progress is logged per statement). */
const CHUNK = 500_000;

/** A real licence and its verification code, which public verification takes besides the identifier. */
interface Target {
  identifier: string;
  code: string;
}

interface State {
  licenses: number;
  targets: Target[];
  /** The next licence to request; it carries on across passes (--repeat), so a licence is asked for once. */
  next: number;
  sqlNote: string;
}

const verifyPath = (t: Target) => `/api/licenses/verify/${t.identifier}?code=${t.code}`;

/** The serial of row g: a year from 2000 and six digits, unique over the whole table. */
const serialOf = (g: number) => `${2000 + Math.floor(g / 1_000_000)}${String(g % 1_000_000).padStart(6, '0')}`;

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function fill(ctx: PathContext, n: number, sealed: number): Promise<{ targets: Target[] }> {
  configureMasterKey(ctx.masterKey);
  const type = await benchLicenseType(ctx, '00009003', TYPE_NAME);
  const issuers = await benchIssuers(ctx, 8);
  const keys: Awaited<ReturnType<typeof activeSealKey>>[] = [];
  for (const d of issuers) keys.push(await ctx.database.db.transaction((tx) => activeSealKey(tx, systemContext('bench'), d.id)));

  // The real licences: rows g = j·step + step/2, sealed on worker threads.
  const step = Math.floor(n / sealed);
  const started = performance.now();
  const real: {
    g: number;
    identifier: string;
    code: string;
    signedData: string;
    holderName: string;
    holderId: string;
    issueDate: string;
    data: Record<string, unknown>;
  }[] = [];
  for (let j = 0; j < sealed; j++) {
    const g = j * step + (step >> 1);
    const issuer = issuers[g % issuers.length];
    const identifier = makeIdentifier({ typeCode: type, issuerUscc: issuer.uscc, serial: serialOf(g), version: 1 });
    const holder = { kind: 'organisation' as const, name: `查验测试企业${g}有限公司`, idNumber: holderUscc(g) };
    const issueDate = dayOf(g % 7000);
    const data = { 经营范围: '餐饮服务；食品销售（仅预包装食品）', 住所: `淮北市相山区人民路${g % 500}号`, 序号: g };
    const signedData = signedDataOf({
      identifier,
      typeCode: type,
      typeName: TYPE_NAME,
      issuerUscc: issuer.uscc,
      issuerName: issuer.name,
      holder,
      issueDate,
      validUntil: null,
      data,
      versionNo: 1,
    });
    // 12 hex digits in capitals, as the column's default makes them
    real.push({
      g,
      identifier,
      code: crypto.randomBytes(6).toString('hex').toUpperCase(),
      signedData,
      holderName: holder.name,
      holderId: holder.idNumber,
      issueDate,
      data,
    });
  }
  const pool = createSealPool(defaultSealWorkers());
  let signatures: string[];
  try {
    signatures = await pool.sign({ messages: real.map((r) => r.signedData), keyIndexes: real.map((r) => r.g % issuers.length), keys: keys.map((k) => k.keys) });
  } finally {
    await pool.close();
  }
  ctx.log(`license-lookup: sealed ${fmtValue(sealed)} licences in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Each issuer's row of sealed names (ADR 0029): a licence stores no signed data, it is rebuilt from the columns.
  const namesIds: number[] = [];
  for (const d of issuers) namesIds.push(await sealedNamesId(ctx.database.db, { typeName: TYPE_NAME, issuerName: d.name }));

  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  // A dropped connection fails the query in flight; without a listener it would also crash the harness.
  client.on('error', (e) => ctx.log(`license-lookup: fill connection: ${e.message}`));
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query('SET synchronous_commit = off');
    await client.query('DROP TABLE IF EXISTS bench_license_real');
    await client.query(
      `CREATE UNLOGGED TABLE bench_license_real (g bigint PRIMARY KEY, verify_code text, holder_name text, holder_id_number text, issue_date date, data json, signature bytea, seal_verdict bytea)`,
    );
    // Each real licence carries its seal verdict, as the platform writes it when it seals (ADR 0009).
    const verdicts = real.map((r, i) =>
      sealVerdict({ identifier: r.identifier, sealKeyId: keys[r.g % issuers.length].id, signature: signatures[i], signedData: r.signedData }),
    );
    await client.query(
      `INSERT INTO bench_license_real SELECT g, code, holder_name, holder_id, issue_date, data, decode(signature, 'base64'), decode(verdict, 'hex')
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::json[], $7::text[], $8::text[])
         AS t(g, code, holder_name, holder_id, issue_date, data, signature, verdict)`,
      [
        real.map((r) => r.g),
        real.map((r) => r.code),
        real.map((r) => r.holderName),
        real.map((r) => r.holderId),
        real.map((r) => r.issueDate),
        real.map((r) => JSON.stringify(r.data)),
        signatures,
        verdicts,
      ],
    );
    // Building the secondary indexes once after the load is several times faster than maintaining them per row.
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'license' AND indexname <> 'license_pkey'`,
      )
    ).rows;
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);
    const uscc = `ARRAY[${issuers.map((d) => `'${d.uscc}'`).join(',')}]`;
    const deptId = `ARRAY[${issuers.map((d) => d.id).join(',')}]::bigint[]`;
    const keyId = `ARRAY[${keys.map((k) => k.id).join(',')}]::bigint[]`;
    const namesId = `ARRAY[${namesIds.join(',')}]::int[]`;
    const m = issuers.length;
    const fillStarted = performance.now();
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK) - 1;
      // Fillers: the same shape and about the same size as a real licence, stored as the platform stores one (no
      // identifier, no signed data: ADR 0029), with placeholder signatures (72 bytes) and seal verdicts (32 bytes);
      // one in 50 revoked. Real licences take their rows in id (heap) order.
      await client.query(`
        INSERT INTO license (verify_code, type_code, serial, version_no, issuer_department_id, issuer_uscc, holder_kind, holder_name, holder_id_number,
                             issue_date, valid_until, data, status, sealed_names_id, signature, seal_key_id, seal_verdict)
        SELECT coalesce(r.verify_code, upper(substr(md5('code' || gs.g), 1, 12))),
               '${type}', s.serial, 1, (${deptId})[gs.g % ${m} + 1], (${uscc})[gs.g % ${m} + 1], 'organisation',
               coalesce(r.holder_name, '查验测试企业' || gs.g || '有限公司'), coalesce(r.holder_id_number, '91340603' || lpad(gs.g::text, 8, '0') || '0X'),
               coalesce(r.issue_date, date '2000-01-01' + (gs.g % 7000)::int), CASE WHEN r.g IS NULL THEN date '2030-01-01' + (gs.g % 7000)::int END,
               coalesce(r.data, ('{"经营范围":"餐饮服务","序号":' || gs.g || '}')::json),
               CASE WHEN r.g IS NULL AND gs.g % 50 = 7 THEN 'revoked' ELSE 'valid' END,
               (${namesId})[gs.g % ${m} + 1],
               coalesce(r.signature, decode(md5(gs.g::text) || md5((gs.g + 1)::text) || md5((gs.g + 2)::text) || md5((gs.g + 3)::text) || substr(md5((gs.g + 4)::text), 1, 16), 'hex')),
               (${keyId})[gs.g % ${m} + 1], coalesce(r.seal_verdict, decode(md5('v' || gs.g) || md5('w' || gs.g), 'hex'))
        FROM generate_series(${from}::bigint, ${to}::bigint) AS gs(g)
        CROSS JOIN LATERAL (SELECT (2000 + gs.g / 1000000)::text || lpad((gs.g % 1000000)::text, 6, '0') AS serial) s
        LEFT JOIN bench_license_real r ON r.g = gs.g
        ORDER BY gs.g`);
      const done = to + 1;
      const secs = (performance.now() - fillStarted) / 1000;
      if (n > CHUNK) ctx.log(`license-lookup: ${fmtValue(done)} of ${fmtValue(n)} rows in ${secs.toFixed(0)} s (${fmtValue(done / secs)} rows/s)`);
    }
    const indexStarted = performance.now();
    for (const ix of indexes) await client.query(ix.def);
    ctx.log(
      `license-lookup: ${fmtValue(n)} rows in ${fmtDuration((indexStarted - fillStarted) / 1000)}, ${indexes.length} indexes rebuilt in ${fmtDuration((performance.now() - indexStarted) / 1000)}`,
    );
    await client.query('DROP TABLE bench_license_real');
    // Vacuum now (visibility map, statistics), and a checkpoint, so neither falls into a later measurement.
    await client.query('VACUUM (ANALYZE) license');
    await client.query('CHECKPOINT');
    const size = (
      await client.query<{ total: string; per: string }>(
        `SELECT pg_size_pretty(pg_total_relation_size('license')) AS total, (pg_total_relation_size('license') / greatest(1, (SELECT count(*) FROM license)))::text AS per`,
      )
    ).rows[0];
    ctx.log(`license-lookup: the license table is ${size.total} with its indexes (${size.per} B per licence)`);
    for (const line of await storageBreakdown(client, n)) ctx.log(`license-lookup:   ${line}`);
  } finally {
    await client.end();
  }
  return { targets: real.map((r) => ({ identifier: r.identifier, code: r.code })) };
}

/**
 * Where a licence's bytes go (performance-notes S2): the heap and each index per licence (relation size ÷ rows), and
 * the average stored size of each column (pg_column_size, a sample of the table above a million rows).
 */
async function storageBreakdown(client: pg.Client, n: number): Promise<string[]> {
  const rels = (
    await client.query<{ name: string; bytes: string }>(
      `SELECT name, bytes::text FROM (SELECT 'heap (with TOAST, FSM, VM)' AS name, pg_table_size('license') AS bytes
       UNION ALL SELECT c.relname, pg_relation_size(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'license'::regclass) r ORDER BY r.bytes DESC`,
    )
  ).rows;
  const columns = (
    await client.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = 'license'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    )
  ).rows.map((r) => r.name);
  const sample = n > 1_000_000 ? 'TABLESAMPLE SYSTEM (1)' : '';
  const [avg] = (
    await client.query<Record<string, string | null>>(
      `SELECT avg(pg_column_size(l.*))::numeric(8,1)::text AS "row", ${columns.map((c) => `avg(coalesce(pg_column_size(l.${c}), 0))::numeric(8,1)::text AS "${c}"`).join(', ')} FROM license l ${sample}`,
    )
  ).rows;
  const per = (bytes: string) => (Number(bytes) / n).toFixed(1);
  return [
    rels.map((r) => `${r.name} ${per(r.bytes)}`).join(' · ') + ' B per licence',
    `average stored bytes: row ${avg.row}; ` + columns.map((c) => `${c} ${avg[c]}`).join(', '),
  ];
}

/** The verification read's plan must use the identifier index; its SQL time with EXPLAIN ANALYZE on a few licences. */
async function checkPlan(ctx: PathContext, identifiers: string[]): Promise<string> {
  const plan = (await queryRows<{ 'QUERY PLAN': string }>(ctx.database.db, sql`EXPLAIN ${verifyQuery(identifiers[0])}`)).map((r) => r['QUERY PLAN']).join('\n');
  if (/Seq Scan on license\b/.test(plan) || !/Index Scan using license_identifier_parts_idx/.test(plan))
    throw new BenchError(`the verification read does not use license_identifier_parts_idx:\n${plan}`);
  const times: number[] = [];
  for (const id of identifiers.slice(0, 200)) {
    const rows = (await queryRows<{ 'QUERY PLAN': string }>(ctx.database.db, sql`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ${verifyQuery(id)}`)).map(
      (r) => r['QUERY PLAN'],
    );
    const t = rows.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
    if (t) times.push(Number(t[1]));
  }
  times.sort((a, b) => a - b);
  const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))];
  ctx.log(
    `license-lookup: plan ${plan
      .split('\n')
      .filter((l) => /Scan/.test(l))
      .map((l) => l.trim().replace(/\s+\(cost.*$/, ''))
      .join(' · ')}`,
  );
  return `SQL execution p99 ${p99.toFixed(3)} ms over ${times.length} cold licences (EXPLAIN ANALYZE)`;
}

export default definePath<State>({
  name: 'license-lookup',
  title: 'GET /api/licenses/verify/{id} among N licences (--licenses=N), a different licence per request',
  order: 71,
  setup: async (ctx) => {
    const licenses = ctx.licenses ?? (ctx.quick ? 10_000 : 100_000);
    // Enough distinct licences that a full run (10 s + 2 s warm-up at up to ~2,000/s) never asks for one twice.
    const sealed = Math.min(Math.floor(licenses / 4), ctx.quick ? 2_000 : 24_000);
    ctx.log(`license-lookup: filling the licence table with ${fmtValue(licenses)} licences (${fmtValue(sealed)} of them sealed and requested)…`);
    const { targets } = await fill(ctx, licenses, sealed);
    const sqlNote = await checkPlan(ctx, shuffle(targets.map((x) => x.identifier)));
    // The answers are right: found, valid, and the seal verifies.
    for (const target of [targets[0], targets[targets.length >> 1], targets[targets.length - 1]]) {
      const res = await fetch(`${ctx.baseUrl}${verifyPath(target)}`, { headers: { 'x-forwarded-for': '172.31.0.2' } });
      const body = (await res.json()) as { found?: boolean; sealValid?: boolean; status?: string };
      if (!body.found || body.sealValid !== true || body.status !== 'valid')
        throw new BenchError(`licence ${target.identifier} does not verify: ${res.status} ${JSON.stringify(body)}`);
    }
    // Those three are now in the seal cache; the load starts with the others, in random order.
    return { licenses, targets: shuffle(targets.filter((_, i) => i !== 0 && i !== targets.length >> 1 && i !== targets.length - 1)), next: 0, sqlNote };
  },
  run: async (ctx, s) => {
    let reused = 0;
    const figure = await ctx.load({
      label: 'c4',
      path: verifyPath(s.targets[0]),
      connections: 4,
      rotateClientIp: true,
      setupRequest: (request) => {
        if (s.next >= s.targets.length) reused++;
        return { ...request, path: verifyPath(s.targets[s.next++ % s.targets.length]) };
      },
    });
    if (reused)
      ctx.log(`license-lookup: ${fmtValue(reused)} requests asked for a licence a second time (seal cache hits); raise the sealed count for a cold figure`);
    return [{ ...figure, note: `${fmtValue(s.licenses)} licences; ${s.sqlNote}${reused ? `; ${fmtValue(reused)} repeated requests` : ''}` }];
  },
  limit: [{ figure: 'c4', limit: 'crypto.sm2.verify' }],
  goal: [{ id: 'R3', figure: 'c4', limit: 'crypto.sm2.verify', min: 0.4, p99MaxMs: 5 }],
});
