import { setImmediate as nextTurn } from 'node:timers/promises';
import { asc, eq, sql } from 'drizzle-orm';
import { perDatabase, queryRows, rawQuery, type Db } from '../../platform/db/db.ts';
import { batched, batchRow } from '../../platform/batch.ts';
import {
  chainCheckpointValid,
  checkpointPublicKeysHex,
  entryMac,
  entryMacValid,
  hasAuditKeys,
  signChainCheckpoint,
  type Checkpoint,
} from '../../platform/audit/audit-keys.ts';
import { publicKeyFromPem } from '../../platform/sm2.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { sm3Hex } from '../../platform/crypto.ts';
import { today } from '../../platform/clock.ts';
import { exchangeCallCheckpoint, exchangeCallHead } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { rateLeases } from './exchange.rate.ts';
import { forwardCall, scalarFields, type EndpointMethod, type EndpointStatus } from './exchange.forward.ts';
import { callChainHash, callMacFields, callRefusal, keyDigest, shapeForGrant, type CallFields, type Mask, type ResourceStatus } from './exchange.core.ts';

/** The kind a call-chain checkpoint is signed as (never an audit checkpoint: ADR 0039). */
export const CALL_CHECKPOINT_KIND = 'exchange-call-checkpoint';
const ZERO = '0'.repeat(64);

interface TokenGrant {
  token_id: number;
  consumer_department_id: number;
  grant_id: number;
  grant_status: 'pending' | 'granted' | 'refused' | 'revoked';
  period_from: string;
  period_to: string;
  allowed_fields: string[] | null;
  masks: Record<string, Mask> | null;
  rate_per_minute: number | null;
  purpose: string;
  resource_id: number;
  resource_status: ResourceStatus;
  resource_code: string;
  provider_department_id: number;
  key_field: string;
  /** 挂载: the endpoint the resource is mounted to (null: its collected table), and the endpoint if it is its provider's. */
  mounted_endpoint_id: number | null;
  endpoint_status: EndpointStatus | null;
  base_url: string | null;
  method: EndpointMethod | null;
  key_param: string | null;
  timeout_ms: number | null;
  /** The collected rows of the call's key (none when the resource is mounted to an endpoint), used only once the grant allows the call. */
  records: Record<string, unknown>[];
}

/**
 * The token, its grant and the grant's resource, read afresh on every call (a revocation applies at once), with the
 * collected rows of the key in the same statement: the key is the `key` parameter or the one named by the resource's
 * key field (from the query's keys). The rows are read whatever the grant says and used only after it has been
 * checked. Calls that arrive while a read is in flight are read together in the next statement (R4: one round trip,
 * one parse and one socket write for all of them; platform/batch.ts), one row per call, in the order of `i`.
 */
const TOKEN_ASK = batchRow({ tokenHash: 'text', key: 'text null', keys: 'text', code: 'text' });
const TOKEN_SQL = `
  SELECT q.i, t.id::int AS token_id, t.department_id::int AS consumer_department_id, g.id::int AS grant_id, g.status AS grant_status,
         g.period_from::text AS period_from, g.period_to::text AS period_to, g.allowed_fields, g.masks, g.rate_per_minute,
         g.purpose, r.id::int AS resource_id, r.status AS resource_status, r.code AS resource_code,
         r.department_id::int AS provider_department_id, r.key_field,
         r.endpoint_id::int AS mounted_endpoint_id, e.status AS endpoint_status, e.base_url, e.method, e.key_param, e.timeout_ms,
         CASE WHEN r.endpoint_id IS NULL AND r.code = q."code" THEN
           coalesce((SELECT json_agg(x.data) FROM exchange_record x
                     WHERE x.resource_id = r.id AND x.record_key = coalesce(q."key", q."keys"::json ->> r.key_field)), '[]'::json)
         ELSE '[]'::json END AS records
  FROM json_to_recordset($1::json) AS ${TOKEN_ASK.record('q', true)}
       LEFT JOIN (exchange_token t JOIN exchange_grant g ON g.id = t.grant_id JOIN exchange_resource r ON r.id = g.resource_id
                  LEFT JOIN exchange_endpoint e ON e.id = r.endpoint_id AND e.department_id = r.department_id)
         ON t.token_hash = q."tokenHash" AND t.revoked_at IS NULL AND t.expires_at > now()
  ORDER BY q.i`;
const tokenReader = perDatabase((db) =>
  batched<typeof TOKEN_ASK.type, TokenGrant | undefined>(async (asks) => {
    const rows = await rawQuery<TokenGrant & { i: number }>(db, 'exchange_call_tokens', TOKEN_SQL, [JSON.stringify(asks.map((a, i) => ({ i, ...a })))]);
    return rows.map((r) => (r.token_id === null ? undefined : r));
  }),
);

const RESOURCE_SQL = `SELECT id::int AS id, department_id::int AS provider_department_id FROM exchange_resource WHERE code = $1`;

/** A PostgreSQL array literal of numbers or of strings without quotes or backslashes (times, hex digests). */
const pgArray = (values: readonly (number | string)[]) => `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v}"`)).join(',')}}`;

export interface CallResult {
  status: number;
  body: unknown;
}

/** What a call log row records (the id and the time are the database's and the writer's). */
type CallLog = Omit<CallFields, 'id' | 'atUs'>;

/** Writes one call log row (with the server's MAC) and commits it before the reply goes out. */
async function logCall(db: Db, c: CallLog): Promise<void> {
  const at = new Date().toISOString();
  const atUs = at.replace(/Z$/, '000Z');
  const mac = entryMac(callMacFields({ ...c, atUs }));
  await callLogWriter(db)({
    at,
    consumer_department_id: c.consumerDepartmentId,
    provider_department_id: c.providerDepartmentId,
    grant_id: c.grantId,
    token_id: c.tokenId,
    resource_id: c.resourceId,
    resource_code: c.resourceCode,
    purpose: c.purpose,
    key_digest: c.keyDigest,
    status: c.status,
    code: c.code,
    rows_out: c.rowsOut,
    bytes_out: c.bytesOut,
    duration_us: c.durationUs,
    provider_status: c.providerStatus,
    provider_us: c.providerUs,
    mac,
  });
}

/**
 * The call log's writer, one per database (R4, ADR 0048): calls logged while a write is in flight go together in the
 * next statement — one round trip and one commit (one WAL flush) for all of them —, each still durable before its
 * reply (platform/batch.ts; a batch that fails is retried call by call). The rows travel as one JSON array.
 */
const CALL_LOG_COLUMNS =
  'at timestamptz, consumer_department_id bigint, provider_department_id bigint, grant_id bigint, token_id bigint, resource_id bigint, resource_code text, purpose text, key_digest text, status int, code text, rows_out int, bytes_out int, duration_us int, provider_status int, provider_us int, mac text';
const CALL_LOG_NAMES = CALL_LOG_COLUMNS.split(', ')
  .map((c) => c.split(' ')[0])
  .join(', ');
const callLogWriter = perDatabase((db) =>
  batched<Record<string, unknown>, void>(async (rows) => {
    await rawQuery(
      db,
      'exchange_call_log_batch',
      `INSERT INTO exchange_call (${CALL_LOG_NAMES}) SELECT ${CALL_LOG_NAMES} FROM json_to_recordset($1::json) AS x(${CALL_LOG_COLUMNS})`,
      [JSON.stringify(rows)],
    );
    return rows.map(() => undefined);
  }),
);

/**
 * One call of a resource by a machine token: the grant is checked (resource, status, validity, rate), the collected
 * row of the key is read, and only the granted fields leave, each through its mask. Every outcome — refused and failed
 * too — is logged before the answer; the log keeps the SM3 digest of the keys, never the key itself.
 */
export async function serveCall(db: Db, input: { resourceCode: string; token: string | undefined; keys: Record<string, string> }): Promise<CallResult> {
  const started = process.hrtime.bigint();
  const digest = Object.keys(input.keys).length ? keyDigest(input.keys) : null;
  const log: CallLog = {
    consumerDepartmentId: null,
    providerDepartmentId: null,
    grantId: null,
    tokenId: null,
    resourceId: null,
    resourceCode: input.resourceCode.slice(0, 100),
    purpose: null,
    keyDigest: digest,
    status: 0,
    code: '',
    rowsOut: 0,
    bytesOut: 0,
    durationUs: 0,
    providerStatus: null,
    providerUs: null,
  };
  const finish = async (status: number, code: string, body: unknown): Promise<CallResult> => {
    const text = JSON.stringify(body);
    log.status = status;
    log.code = code;
    log.bytesOut = Buffer.byteLength(text);
    log.durationUs = Number((process.hrtime.bigint() - started) / 1000n);
    await logCall(db, log);
    return { status, body };
  };
  const refuse = (code: keyof typeof exchangeErrors, details?: unknown) => {
    const e = exchangeErrors[code](details);
    return finish(e.status, code, e.toJSON());
  };
  try {
    if (!input.token) return await refuse('EXCHANGE_TOKEN_REQUIRED');
    const grant = await tokenReader(db)({
      tokenHash: sm3Hex(input.token),
      key: input.keys.key ?? null,
      keys: JSON.stringify(input.keys),
      code: input.resourceCode,
    });
    if (!grant) {
      const [res] = await rawQuery<{ id: number; provider_department_id: number }>(db, 'exchange_call_resource', RESOURCE_SQL, [input.resourceCode]);
      if (res) {
        log.resourceId = Number(res.id);
        log.providerDepartmentId = Number(res.provider_department_id);
      }
      return await refuse('EXCHANGE_TOKEN_INVALID');
    }
    Object.assign(log, {
      consumerDepartmentId: Number(grant.consumer_department_id),
      grantId: Number(grant.grant_id),
      tokenId: Number(grant.token_id),
      purpose: grant.purpose,
    });
    let resourceId = Number(grant.resource_id);
    if (grant.resource_code !== input.resourceCode) {
      const [res] = await rawQuery<{ id: number; provider_department_id: number }>(db, 'exchange_call_resource', RESOURCE_SQL, [input.resourceCode]);
      resourceId = res ? Number(res.id) : -1;
      if (res) {
        log.resourceId = resourceId;
        log.providerDepartmentId = Number(res.provider_department_id);
      }
    } else {
      log.resourceId = resourceId;
      log.providerDepartmentId = Number(grant.provider_department_id);
    }
    const refusal = callRefusal(
      {
        status: grant.grant_status,
        periodFrom: grant.period_from,
        periodTo: grant.period_to,
        resourceId: Number(grant.resource_id),
        resourceStatus: grant.resource_status,
      },
      resourceId,
      today(),
    );
    if (refusal) return await refuse(refusal);
    const unknownKeys = Object.keys(input.keys).filter((k) => k !== 'key' && k !== grant.key_field);
    if (unknownKeys.length) return await refuse('EXCHANGE_CALL_OUTSIDE_GRANT', { keys: unknownKeys });
    const key = input.keys.key ?? input.keys[grant.key_field];
    if (!key) return await refuse('EXCHANGE_KEY_REQUIRED', { keyField: grant.key_field });
    if (!(await rateLeases(db).take(Number(grant.grant_id), grant.rate_per_minute ?? 0)))
      return await refuse('EXCHANGE_RATE_LIMITED', { perMinute: grant.rate_per_minute });
    if (grant.mounted_endpoint_id !== null) {
      // 挂载 to an endpoint: forwarded to the registered URL only, and only while the endpoint is its provider's and active.
      if (grant.endpoint_status !== 'active' || !grant.base_url || !grant.method || !grant.key_param || !grant.timeout_ms)
        return await refuse('EXCHANGE_ENDPOINT_DISABLED');
      const outcome = await forwardCall({ baseUrl: grant.base_url, method: grant.method, keyParam: grant.key_param, timeoutMs: Number(grant.timeout_ms) }, key);
      log.providerStatus = outcome.status;
      log.providerUs = outcome.providerUs;
      if (outcome.kind === 'timeout') return await refuse('EXCHANGE_PROVIDER_TIMEOUT');
      const allowed = grant.allowed_fields ?? [];
      if (outcome.kind === 'failed') return await refuse('EXCHANGE_PROVIDER_FAILED', { providerStatus: outcome.status });
      if (!scalarFields(outcome.rows, allowed)) return await refuse('EXCHANGE_PROVIDER_FAILED', { providerStatus: outcome.status });
      const items = outcome.rows.map((r) => shapeForGrant(r, allowed, grant.masks ?? {}));
      log.rowsOut = items.length;
      return await finish(200, 'OK', { resource: grant.resource_code, items });
    }
    const items = grant.records.map((data) => shapeForGrant(data, grant.allowed_fields ?? [], grant.masks ?? {}));
    log.rowsOut = items.length;
    return await finish(200, 'OK', { resource: grant.resource_code, items });
  } catch (error) {
    // A failure is logged too (without its message, which may hold parameters), then rethrown as the 500 it is.
    if (log.status === 0) {
      await finish(500, 'EXCHANGE_CALL_FAILED', null).catch(() => undefined);
    }
    throw error;
  }
}

// ── Listing ─────────────────────────────────────────────────────────────────────────────────────────────

/** Calls within my scope as consumer or as provider, newest first (region of the department read through the published view). */
export async function listCalls(db: Db, q: { within: ScopeFilter; side: 'consumer' | 'provider'; page: number; pageSize: number }) {
  const dept = q.side === 'consumer' ? sql.raw('c.consumer_department_id') : sql.raw('c.provider_department_id');
  const where = scopeSql(q.within, sql`(SELECT d.region_code FROM pub_regions_department d WHERE d.id = ${dept})`, dept);
  const rows = await queryRows<Omit<CallFields, 'atUs' | 'tokenId' | 'resourceId'> & { at: string; consumerDepartmentName: string | null }>(
    db,
    sql`SELECT c.id::bigint AS id, to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
               c.consumer_department_id AS "consumerDepartmentId",
               (SELECT d.name FROM pub_regions_department d WHERE d.id = c.consumer_department_id) AS "consumerDepartmentName",
               c.provider_department_id AS "providerDepartmentId", c.grant_id AS "grantId", c.resource_code AS "resourceCode",
               c.purpose, c.key_digest AS "keyDigest", c.status, c.code, c.rows_out AS "rowsOut", c.bytes_out AS "bytesOut", c.duration_us AS "durationUs",
               c.provider_status AS "providerStatus", c.provider_us AS "providerUs"
        FROM exchange_call c WHERE ${where} ORDER BY c.at DESC, c.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const [{ total }] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM exchange_call c WHERE ${where}`);
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      consumerDepartmentId: n(r.consumerDepartmentId),
      consumerDepartmentName: r.consumerDepartmentName,
      providerDepartmentId: n(r.providerDepartmentId),
      grantId: n(r.grantId),
      resourceCode: r.resourceCode,
      purpose: r.purpose,
      keyDigest: r.keyDigest,
      status: Number(r.status),
      code: r.code,
      rowsOut: Number(r.rowsOut),
      bytesOut: Number(r.bytesOut),
      durationMs: Math.round(Number(r.durationUs) / 10) / 100,
      providerStatus: n(r.providerStatus),
      providerMs: r.providerUs === null ? null : Math.round(Number(r.providerUs) / 10) / 100,
    })),
  };
}

// ── The chain ───────────────────────────────────────────────────────────────────────────────────────────

const CALL_FIELDS = sql.raw(`
  c.id::bigint AS id, to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atUs",
  c.consumer_department_id AS "consumerDepartmentId", c.provider_department_id AS "providerDepartmentId", c.grant_id AS "grantId",
  c.token_id AS "tokenId", c.resource_id AS "resourceId", c.resource_code AS "resourceCode", c.purpose, c.key_digest AS "keyDigest",
  c.status, c.code, c.rows_out AS "rowsOut", c.bytes_out AS "bytesOut", c.duration_us AS "durationUs",
  c.provider_status AS "providerStatus", c.provider_us AS "providerUs", c.mac`);

type CallRow = CallFields & { mac: string | null };
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toCall = (r: CallRow): CallRow => ({
  ...r,
  id: Number(r.id),
  consumerDepartmentId: num(r.consumerDepartmentId),
  providerDepartmentId: num(r.providerDepartmentId),
  grantId: num(r.grantId),
  tokenId: num(r.tokenId),
  resourceId: num(r.resourceId),
  status: Number(r.status),
  rowsOut: Number(r.rowsOut),
  bytesOut: Number(r.bytesOut),
  durationUs: Number(r.durationUs),
  providerStatus: num(r.providerStatus),
  providerUs: num(r.providerUs),
});

/**
 * Links the calls of finished transactions into exchange_call_chain in (transaction id, id) order, as the audit
 * sealer does (ADR 0008): only transactions older than every running one, holding the head with SKIP LOCKED.
 */
export async function sealCalls(db: Db, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      const [head] = await queryRows<{ last_seq: number; last_hash: string; sealed_xid: string; sealed_id: number }>(
        tx,
        sql`SELECT last_seq, last_hash, sealed_xid::text AS sealed_xid, sealed_id FROM exchange_call_head WHERE id = 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!head) return 0;
      const rows = await queryRows<CallRow & { xid: string; at: string }>(
        tx,
        sql`SELECT ${CALL_FIELDS}, c.at::text AS at, c.xid::text AS xid FROM exchange_call c
            WHERE (c.xid, c.id) > (${head.sealed_xid}::xid8, ${head.sealed_id}::bigint) AND c.xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY c.xid, c.id LIMIT ${batch}`,
      );
      if (!rows.length) return 0;
      let prev = head.last_hash;
      let seq = Number(head.last_seq);
      const seqs: number[] = [];
      const ids: number[] = [];
      const ats: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const call = toCall(row);
        prev = callChainHash(prev, call, call.mac);
        seqs.push(++seq);
        ids.push(call.id);
        ats.push(row.at);
        hashes.push(prev);
      }
      const last = rows[rows.length - 1];
      await tx.execute(sql`
        INSERT INTO exchange_call_chain (seq, call_id, call_at, hash)
        SELECT * FROM unnest(${pgArray(seqs)}::bigint[], ${pgArray(ids)}::bigint[], ${pgArray(ats)}::timestamptz[], ${pgArray(hashes)}::text[])`);
      await tx.execute(
        sql`UPDATE exchange_call_head SET last_seq = ${seq}, last_hash = ${prev}, sealed_xid = ${last.xid}::xid8, sealed_id = ${Number(last.id)} WHERE id = 1`,
      );
      return rows.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

/** Signs the call chain's head with the platform's checkpoint key (kind exchange-call-checkpoint), unless signed already. */
export async function writeCallCheckpoint(db: Db): Promise<Checkpoint | undefined> {
  if (!hasAuditKeys()) return undefined;
  const [head] = await db.select().from(exchangeCallHead).where(eq(exchangeCallHead.id, 1));
  if (!head || Number(head.lastSeq) === 0) return undefined;
  const c = signChainCheckpoint(CALL_CHECKPOINT_KIND, { seq: Number(head.lastSeq), hash: head.lastHash, at: new Date().toISOString() });
  const written = await db.insert(exchangeCallCheckpoint).values(c).onConflictDoNothing().returning({ seq: exchangeCallCheckpoint.seq });
  return written.length ? c : undefined;
}

export async function listCallCheckpoints(db: Db): Promise<Checkpoint[]> {
  return (await db.select().from(exchangeCallCheckpoint).orderBy(asc(exchangeCallCheckpoint.seq))).map((c) => ({ ...c, seq: Number(c.seq) }));
}

export type CallVerifyResult = { ok: boolean; count: number; pending: number; checkpoints: number; brokenAt: number | null; reason: string | null };

/**
 * Recomputes the call chain from its base (the last link retention dropped) to the head read first: every call's
 * MAC, every link's hash, every signed checkpoint (in the database and `external` ones). Names the first call
 * forged (no valid MAC), altered (hash differs) or removed.
 */
export async function verifyCalls(db: Db, opts: { external?: Checkpoint[] } = {}): Promise<CallVerifyResult> {
  const [head] = await db.select().from(exchangeCallHead).where(eq(exchangeCallHead.id, 1));
  const [{ pending }] = await queryRows<{ pending: number }>(
    db,
    sql`SELECT count(*)::int AS pending FROM exchange_call WHERE (xid, id) > (${head.sealedXid}::xid8, ${head.sealedId}::bigint)`,
  );
  const lastSeq = Number(head.lastSeq);
  let count = 0;
  const broken = (brokenAt: number | null, reason: string): CallVerifyResult => ({
    ok: false,
    count,
    pending: Number(pending),
    checkpoints: 0,
    brokenAt,
    reason,
  });
  const checkMacs = hasAuditKeys();
  const trusted = checkMacs ? checkpointPublicKeysHex() : null;
  const expected = new Map<number, string>();
  for (const c of [...(await listCallCheckpoints(db)), ...(opts.external ?? [])]) {
    const named = c.publicKeyPem ? publicKeyFromPem(c.publicKeyPem) : null;
    const keys = trusted ? trusted.filter((k) => !named || k.toLowerCase() === named.toLowerCase()) : named ? [named] : [];
    if (!keys.some((k) => chainCheckpointValid(CALL_CHECKPOINT_KIND, c, k)))
      return broken(null, `the checkpoint at position ${c.seq} does not verify under the platform's key`);
    if (c.seq > lastSeq) return broken(null, `the chain ends at position ${lastSeq}, before a signed checkpoint at ${c.seq} (calls were removed from the end)`);
    if (expected.has(c.seq) && expected.get(c.seq) !== c.hash) return broken(null, `two signed checkpoints disagree at position ${c.seq}`);
    expected.set(c.seq, c.hash);
  }
  let prev = Number(head.baseSeq) === 0 ? ZERO : head.baseHash;
  let seqAt = Number(head.baseSeq);
  const BATCH = 1000;
  for (let from = seqAt; from < lastSeq; from += BATCH) {
    const rows = await queryRows<CallRow & { seq: number; callId: number; hash: string; present: boolean }>(
      db,
      sql`SELECT l.seq, l.call_id AS "callId", l.hash, c.id IS NOT NULL AS present, ${CALL_FIELDS}
          FROM exchange_call_chain l LEFT JOIN exchange_call c ON c.id = l.call_id AND c.at = l.call_at
          WHERE l.seq > ${from} AND l.seq <= ${Math.min(from + BATCH, lastSeq)} ORDER BY l.seq`,
    );
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % 100 === 0) await nextTurn();
      const callId = Number(row.callId);
      if (Number(row.seq) !== seqAt + 1) return broken(callId, 'a link of the chain is missing before this call');
      if (!row.present) return broken(callId, 'the call was removed from the log');
      const call = toCall(row);
      if (callChainHash(prev, call, call.mac) !== row.hash) return broken(callId, 'the call does not match its hash (the row, or one before it, was altered)');
      if (checkMacs && !entryMacValid(callMacFields(call), call.mac)) return broken(callId, 'the call was not written by the server (its MAC does not verify)');
      const anchored = expected.get(Number(row.seq));
      if (anchored && anchored !== row.hash) return broken(callId, 'the link differs from the signed checkpoint at its position');
      prev = row.hash;
      seqAt = Number(row.seq);
      count++;
    }
  }
  if (seqAt !== lastSeq || prev !== head.lastHash) return broken(null, 'the chain head does not match the last link (calls were removed from the end)');
  return { ok: true, count, pending: Number(pending), checkpoints: expected.size, brokenAt: null, reason: null };
}

/**
 * Retention: drops the monthly partitions before `keepFrom` (first day of the oldest month kept). The chain's base
 * moves to the last link whose call is gone, so verification starts after it. Returns the partitions dropped.
 */
export async function applyRetention(db: Db, keepFrom: string): Promise<number> {
  await sealCalls(db);
  return db.transaction(async (tx) => {
    const [base] = await queryRows<{ seq: number; hash: string }>(
      tx,
      sql`SELECT seq, hash FROM exchange_call_chain WHERE call_at < date_trunc('month', ${keepFrom}::date) ORDER BY seq DESC LIMIT 1`,
    );
    const [{ dropped }] = await queryRows<{ dropped: number }>(tx, sql`SELECT exchange_call_drop_before(${keepFrom}::date) AS dropped`);
    if (base)
      await tx.execute(
        sql`UPDATE exchange_call_head SET base_seq = GREATEST(base_seq, ${Number(base.seq)}), base_hash = CASE WHEN base_seq < ${Number(base.seq)} THEN ${base.hash} ELSE base_hash END WHERE id = 1`,
      );
    return Number(dropped);
  });
}

/** Monthly partitions for the months ahead (a job keeps a year made). */
export async function ensurePartitions(db: Db, months = 12): Promise<number> {
  const [{ made }] = await queryRows<{ made: number }>(db, sql`SELECT exchange_call_partitions(date_trunc('month', now())::date, ${months}) AS made`);
  return Number(made);
}
