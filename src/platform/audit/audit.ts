import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/db.ts';
import { auditChain, auditCheckpoint, auditHead, auditLog } from '../db/platform.schema.ts';
import { checkpointPublicKeysHex, checkpointSignatureValid, entryMac, entryMacValid, hasAuditKeys, signCheckpoint, type Checkpoint } from './audit-keys.ts';
import { publicKeyFromPem } from '../sm2.ts';
import { scopeSql } from '../db/scope-sql.ts';
import type { ScopeFilter } from '../permissions.ts';
import { canonicalJson, sm3Hex } from '../crypto.ts';
import type { RequestContext } from '../context.ts';
import { iso } from '../time.ts';
import { repeat } from '../timer.ts';
import { batchRow } from '../batch.ts';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | number;
  /** What changed (before/after, or the command's input). Only its SM3 digest is stored. */
  change: unknown;
}

/**
 * The columns of an entry, in the order the hash covers them (the id is assigned by the database), declared once for
 * its type, the batched statements' column definition list and the INSERT (auditInsertSql). `regionCode`: the region
 * of the grant the actor acted under, null for applicants, national staff and the system; `mac`: the server's
 * HMAC-SM3 of the entry (audit-keys.ts).
 */
const AUDIT_ROW = batchRow({
  at: 'timestamptz',
  actorId: 'bigint null',
  actorUsername: 'text',
  actorRole: 'text null',
  action: 'text',
  targetType: 'text',
  targetId: 'text',
  requestId: 'text null',
  digest: 'text',
  regionCode: 'text null',
  mac: 'text null',
});
export type AuditRow = typeof AUDIT_ROW.type;

interface ChainFields extends Omit<AuditRow, 'at'> {
  id: number;
  /** The time as hashed by format 1 (milliseconds) and format 2 (microseconds). */
  atMs: string;
  atUs: string;
}

/** The fields an entry's MAC covers, in order: all the entry says, its time in microseconds. */
function macFields(e: {
  atUs: string;
  actorId: number | null;
  actorUsername: string;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  digest: string;
  regionCode: string | null;
}) {
  return [e.atUs, e.actorId, e.actorUsername, e.actorRole, e.action, e.targetType, e.targetId, e.requestId, e.digest, e.regionCode];
}

/**
 * hash_n = SM3(hash_{n-1} ‖ canonical JSON of entry n): editing, inserting or removing any entry breaks the chain.
 * Format 1 (the first links) hashed the time to the millisecond; format 2 hashes it to the microsecond, as stored,
 * with the entry's region and MAC.
 */
export function chainHash(prevHash: string, entry: ChainFields, format: 1 | 2 = 2): string {
  const common = [entry.actorId, entry.actorUsername, entry.actorRole, entry.action, entry.targetType, entry.targetId, entry.requestId, entry.digest];
  const fields = format === 1 ? [entry.id, entry.atMs, ...common] : [entry.id, entry.atUs, ...common, entry.regionCode, entry.mac];
  return sm3Hex(prevHash + canonicalJson(fields));
}

/** The row an event becomes: who, what, when, and the SM3 digest of the change. */
export function auditRow(ctx: RequestContext, event: AuditEvent): AuditRow {
  const at = new Date().toISOString();
  const row = {
    at,
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    actorRole: ctx.actor.role,
    action: event.action,
    targetType: event.targetType,
    targetId: String(event.targetId),
    requestId: ctx.requestId,
    digest: sm3Hex(canonicalJson(event.change ?? null)),
    regionCode: ctx.actor.regionCode ?? null,
  };
  // The stored time has microseconds; a JavaScript time has none, so its microseconds are 000.
  return { ...row, mac: entryMac(macFields({ ...row, atUs: at.replace(/Z$/, '000Z') })) };
}

/**
 * For statements that write their entries themselves (the batched hot paths): an INSERT, to be used as a
 * data-modifying CTE, of the entries the SQL expression `entries` yields (a JSON array, auditRow's shape) for each row
 * of `guard` (the rows whose change happened; each carries its own entries).
 */
export function auditInsertSql(entries: string, guard: string): string {
  return `INSERT INTO audit_log (${AUDIT_ROW.columns()})
    SELECT a.* FROM ${guard}, jsonb_to_recordset(${entries}) AS ${AUDIT_ROW.record('a')}`;
}

/**
 * Writes one audit entry. Call it inside the transaction that makes the change: the entry commits or rolls back with
 * it. It takes no lock; the sealer links it into the hash chain once its transaction has finished.
 */
export async function writeAudit(tx: Db, ctx: RequestContext, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values(auditRow(ctx, event));
}

const ENTRY_FIELDS = sql.raw(`
  l.id::bigint AS id, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "atMs",
  to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atUs",
  l.actor_id AS "actorId", l.actor_username AS "actorUsername", l.actor_role AS "actorRole", l.action,
  l.target_type AS "targetType", l.target_id AS "targetId", l.request_id AS "requestId", l.digest,
  l.region_code AS "regionCode", l.mac`);

const toEntry = (row: ChainFields): ChainFields => ({ ...row, id: Number(row.id), actorId: row.actorId === null ? null : Number(row.actorId) });

/**
 * Entries sealed per transaction. Sealing runs in the server's process (the background sealer every second, and the
 * audit page's verify before it checks), and reading and hashing a batch holds the event loop: 2,000 entries held it
 * for tens of milliseconds, a stall that became the p99 of the requests in flight (case submission at 4 clients:
 * p99 17 ms; 250: 6.6 ms; 100: 5.0 ms, bench/README). Between batches the round trips let requests through.
 */
const SEAL_BATCH = 100;

/**
 * Links the entries of finished transactions into the chain, in (transaction id, entry id) order, in batches: one
 * transaction per batch, holding the head row. Only entries of transactions older than every running one are taken
 * (pg_snapshot_xmin), so an entry committed later can never belong before the watermark. Any number of processes may
 * call it; a second sealer finds the head locked and leaves. Returns the number of entries sealed.
 */
export async function sealAudit(db: Db, batch = SEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      const [head] = await queryRows<{ last_seq: number; last_hash: string; sealed_xid: string; sealed_id: number }>(
        tx,
        sql`SELECT last_seq, last_hash, sealed_xid::text AS sealed_xid, sealed_id FROM audit_head WHERE id = 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!head) return 0;
      const rows = await queryRows<ChainFields & { xid: string }>(
        tx,
        sql`SELECT ${ENTRY_FIELDS}, l.xid::text AS xid FROM audit_log l
            WHERE (l.xid, l.id) > (${head.sealed_xid}::xid8, ${head.sealed_id}::bigint) AND l.xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY l.xid, l.id LIMIT ${batch}`,
      );
      if (rows.length === 0) return 0;
      let prev = head.last_hash;
      let seq = Number(head.last_seq);
      const seqs: number[] = [];
      const ids: number[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const entry = toEntry(row);
        prev = chainHash(prev, entry);
        seqs.push(++seq);
        ids.push(entry.id);
        hashes.push(prev);
      }
      const last = rows[rows.length - 1];
      await tx.execute(sql`
        INSERT INTO audit_chain (seq, entry_id, hash, format)
        SELECT *, 2 FROM unnest(${`{${seqs.join(',')}}`}::bigint[], ${`{${ids.join(',')}}`}::bigint[], ${`{${hashes.join(',')}}`}::text[])`);
      await tx.execute(sql`
        UPDATE audit_head SET last_seq = ${seq}, last_hash = ${prev},
               sealed_xid = ${last.xid}::xid8, sealed_id = ${Number(last.id)} WHERE id = 1`);
      return rows.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

/**
 * Seals until every entry committed so far is in the chain, or `timeoutMs` passes: a transaction still running
 * anywhere in the database cluster — transaction ids are the cluster's — holds the watermark back until it ends.
 * Returns the number sealed and how many committed entries still wait.
 */
export async function sealCommitted(db: Db, timeoutMs = 5_000, batch = SEAL_BATCH): Promise<{ sealed: number; waiting: number }> {
  const until = Date.now() + timeoutMs;
  let sealed = 0;
  for (;;) {
    sealed += await sealAudit(db, batch);
    const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
    const waiting = await pendingEntries(db, head);
    if (waiting === 0 || Date.now() >= until) return { sealed, waiting };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Seals every `everyMs` (and once at once), and signs a checkpoint of the head every `checkpointEveryMs`; returns the stop function. */
export function startAuditSealer(db: Db, everyMs: number, log: (e: unknown) => void, checkpointEveryMs = 10 * 60_000): () => void {
  let lastCheckpoint = 0;
  return repeat(
    async () => {
      await sealAudit(db);
      if (Date.now() - lastCheckpoint >= checkpointEveryMs) {
        lastCheckpoint = Date.now();
        await writeCheckpoint(db);
      }
    },
    everyMs,
    log,
    { now: true },
  );
}

export type VerifyResult =
  { ok: true; count: number; pending: number; checkpoints: number } | { ok: false; count: number; pending: number; brokenAt: number | null; reason: string };

/**
 * Links read per round trip by verifyAuditChain. The driver parses a whole answer in one turn of the event loop:
 * 5,000 links (about 2 MB) held it for 20–30 ms, 1,000 for about 5 ms.
 */
const VERIFY_BATCH = 1000;
/**
 * Links checked between two turns of the event loop. Checking one costs about 7 µs (canonical JSON and SM3), so a
 * batch of 5,000 checked at once held the loop for 35–55 ms, and every request in flight waited.
 */
const LINKS_PER_TURN = 100;

/** Entries written but not yet linked into the chain (their transactions are running, or the sealer has not run). */
async function pendingEntries(db: Db, head: { sealedXid: string; sealedId: number }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE (xid, id) > (${head.sealedXid}::xid8, ${head.sealedId}::bigint)`,
  );
  return Number(row.n);
}

/**
 * Recomputes the chain link by link up to the head read first, and compares the end with it: links added while the
 * check runs are left for the next check, not taken for tampering. Seal first (sealAudit) to cover recent entries.
 * Reads the links by ranges of positions (`batch` each), so each read is one index range whatever the statistics say.
 * Links of format 2 also carry the server's MAC of their entry: an entry without a valid one was not written by the
 * server. Every signed checkpoint — those kept in the database and `external` ones (exported earlier, held elsewhere)
 * — must verify under this deployment's key and name a link that still has its hash: a chain cut back and re-headed
 * after a checkpoint fails here though it is consistent in itself. A MAC or a checkpoint made under a master key that
 * the current one replaced verifies while that key is configured as a previous one (ADR 0030); `publicKeyHex` names
 * the checkpoint keys to trust instead (default: those of the configured master keys, or, without them, the key each
 * checkpoint names).
 */
export async function verifyAuditChain(
  db: Db,
  batch = VERIFY_BATCH,
  opts: { external?: Checkpoint[]; publicKeyHex?: string | readonly string[] } = {},
): Promise<VerifyResult> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const pending = await pendingEntries(db, head);
  let prevHash = '0'.repeat(64);
  let lastSeq = 0;
  let count = 0;
  const broken = (brokenAt: number | null, reason: string): VerifyResult => ({ ok: false, count, pending, brokenAt, reason });
  const checkMacs = hasAuditKeys();
  const checkpoints = [...(await db.select().from(auditCheckpoint)), ...(opts.external ?? [])];
  const expected = new Map<number, string>();
  const trusted = opts.publicKeyHex !== undefined ? [opts.publicKeyHex].flat() : checkMacs ? checkpointPublicKeysHex() : null;
  for (const c of checkpoints) {
    const named = c.publicKeyPem ? publicKeyFromPem(c.publicKeyPem) : null;
    // The key the checkpoint names, if trusted (one SM2 check); without a name, each trusted key.
    const keys = trusted ? (named ? trusted.filter((k) => k.toLowerCase() === named.toLowerCase()) : trusted) : named ? [named] : [];
    if (trusted && named && !keys.length)
      return broken(
        null,
        `the checkpoint at position ${c.seq} is signed under a key this server does not know (a master key missing from TONGBAN_MASTER_KEY_PREVIOUS?)`,
      );
    if (!keys.some((key) => checkpointSignatureValid(c, key)))
      return broken(null, `the checkpoint at position ${c.seq} does not verify under the platform's key`);
    if (c.seq > head.lastSeq)
      return broken(null, `the chain ends at position ${head.lastSeq}, before a signed checkpoint at ${c.seq} (entries were removed from the end)`);
    const other = expected.get(c.seq);
    if (other && other !== c.hash) return broken(null, `two signed checkpoints disagree at position ${c.seq}`);
    expected.set(c.seq, c.hash);
  }
  for (let from = 0; from < head.lastSeq; from += batch) {
    const rows = await queryRows<ChainFields & { seq: number; entryId: number; hash: string; format: number; present: boolean }>(
      db,
      sql`
        SELECT c.seq, c.entry_id AS "entryId", c.hash, c.format, l.id IS NOT NULL AS present, ${ENTRY_FIELDS}
        FROM audit_chain c LEFT JOIN audit_log l ON l.id = c.entry_id
        WHERE c.seq > ${from} AND c.seq <= ${Math.min(from + batch, head.lastSeq)} ORDER BY c.seq`,
    );
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % LINKS_PER_TURN === 0) await nextTurn();
      const entryId = Number(row.entryId);
      const format = Number(row.format) === 1 ? 1 : 2;
      if (Number(row.seq) !== lastSeq + 1) return broken(entryId, 'a link of the chain is missing before this entry');
      if (!row.present) return broken(entryId, 'the entry was removed from the log');
      const entry = toEntry(row);
      if (chainHash(prevHash, entry, format) !== row.hash) {
        return broken(entryId, 'entry content does not match its hash (the entry, or one before it, was altered)');
      }
      if (format === 2 && checkMacs && !entryMacValid(macFields(entry), entry.mac)) {
        return broken(
          entryId,
          'the entry was not written by the server (its MAC does not verify under the master key, nor under a previous one in TONGBAN_MASTER_KEY_PREVIOUS)',
        );
      }
      const anchored = expected.get(Number(row.seq));
      if (anchored && anchored !== row.hash) return broken(entryId, 'the link differs from the signed checkpoint at its position');
      prevHash = row.hash;
      lastSeq = Number(row.seq);
      count++;
    }
  }
  if (head.lastSeq !== lastSeq || head.lastHash !== prevHash) {
    return broken(null, 'the chain head does not match the last link (entries were removed from the end)');
  }
  return { ok: true, count, pending, checkpoints: expected.size };
}

/**
 * Signs the chain's head (audit-keys.ts) unless it is signed already or empty; several processes may call it at once
 * (one row per position). Returns the checkpoint written, if any.
 */
export async function writeCheckpoint(db: Db): Promise<Checkpoint | undefined> {
  if (!hasAuditKeys()) return undefined;
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head || head.lastSeq === 0) return undefined;
  const checkpoint = signCheckpoint({ seq: head.lastSeq, hash: head.lastHash, at: new Date().toISOString() });
  const written = await db.insert(auditCheckpoint).values(checkpoint).onConflictDoNothing().returning({ seq: auditCheckpoint.seq });
  return written.length ? checkpoint : undefined;
}

/** The signed checkpoints, oldest first: the export that anchors the chain outside the database. */
export async function listCheckpoints(db: Db): Promise<Checkpoint[]> {
  return db.select().from(auditCheckpoint).orderBy(asc(auditCheckpoint.seq));
}

export interface AuditQuery {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/** The log, newest first, of the entries within `scope` (a scoped reader sees the entries acted in its region). */
export async function listAudit(db: Db, q: AuditQuery, scope: ScopeFilter = { kind: 'all' }) {
  const where: SQL[] = [];
  if (scope.kind !== 'all') where.push(scopeSql(scope, sql`${auditLog.regionCode}`));
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
  if (q.actor) where.push(eq(auditLog.actorUsername, q.actor));
  if (q.action) where.push(eq(auditLog.action, q.action));
  const cond = where.length ? and(...where) : undefined;
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(cond);
  const items = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorUsername: auditLog.actorUsername,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      requestId: auditLog.requestId,
      digest: auditLog.digest,
      regionCode: auditLog.regionCode,
      seq: auditChain.seq,
      hash: auditChain.hash,
    })
    .from(auditLog)
    .leftJoin(auditChain, eq(auditChain.entryId, auditLog.id))
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: Number(total), items: items.map((row) => ({ ...row, at: iso(row.at) })) };
}
