import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/db.ts';
import { auditHead, auditLog } from '../db/platform.schema.ts';
import { canonicalJson, sm3Hex } from '../crypto.ts';
import type { RequestContext } from '../context.ts';
import { iso } from '../time.ts';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | number;
  /** What changed (before/after, or the command's input). Only its SM3 digest is stored. */
  change: unknown;
}

interface ChainFields {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  digest: string;
}

/** hash_n = SM3(hash_{n-1} ‖ canonical JSON of entry n): editing, inserting or removing any entry breaks the chain. */
export function chainHash(prevHash: string, entry: ChainFields): string {
  return sm3Hex(
    prevHash +
      canonicalJson([
        entry.id,
        entry.at,
        entry.actorId,
        entry.actorUsername,
        entry.actorRole,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.requestId,
        entry.digest,
      ]),
  );
}

/**
 * Writes one audit entry. Call it inside the transaction that makes the change: the row lock on the chain head
 * orders writers, so the chain stays linear with any number of server processes.
 */
export async function writeAudit(tx: Db, ctx: RequestContext, event: AuditEvent): Promise<void> {
  // Two round trips while the chain head is locked: read it, then insert the entry and move the head together.
  // Ids come from the head (last id + 1), so they follow the chain's order with no gaps.
  const [head] = await queryRows<{ last_hash: string; last_id: string | number }>(tx, sql`SELECT last_hash, last_id FROM audit_head WHERE id = 1 FOR UPDATE`);
  const entry: ChainFields = {
    id: Number(head.last_id) + 1,
    at: new Date().toISOString(),
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    actorRole: ctx.actor.role,
    action: event.action,
    targetType: event.targetType,
    targetId: String(event.targetId),
    requestId: ctx.requestId,
    digest: sm3Hex(canonicalJson(event.change ?? null)),
  };
  const hash = chainHash(head.last_hash, entry);
  await tx.execute(sql`
    WITH entry AS (
      INSERT INTO audit_log (id, at, actor_id, actor_username, actor_role, action, target_type, target_id, request_id, digest, prev_hash, hash)
      VALUES (${entry.id}, ${entry.at}, ${entry.actorId}, ${entry.actorUsername}, ${entry.actorRole}, ${entry.action}, ${entry.targetType},
              ${entry.targetId}, ${entry.requestId}, ${entry.digest}, ${head.last_hash}, ${hash})
      RETURNING id
    )
    UPDATE audit_head SET last_id = (SELECT id FROM entry), last_hash = ${hash}, count = count + 1 WHERE id = 1`);
}

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number | null; reason: string };

const BATCH = 5000;

/**
 * Recomputes the chain in id order up to the head read first, and compares the end with it: entries committed while
 * the check runs are left for the next check, not taken for tampering.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  let prevHash = '0'.repeat(64);
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await queryRows<ChainFields & { prevHash: string; hash: string }>(
      db,
      sql`
        SELECT id::bigint AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
               actor_id AS "actorId", actor_username AS "actorUsername", actor_role AS "actorRole", action,
               target_type AS "targetType", target_id AS "targetId", request_id AS "requestId", digest,
               prev_hash AS "prevHash", hash
        FROM audit_log WHERE id > ${lastId} AND id <= ${head.lastId} ORDER BY id LIMIT ${BATCH}`,
    );
    for (const row of rows) {
      const entry = { ...row, id: Number(row.id), actorId: row.actorId === null ? null : Number(row.actorId) };
      if (row.prevHash !== prevHash) {
        return { ok: false, count, brokenAt: entry.id, reason: 'previous hash does not match (an entry before it was changed or removed)' };
      }
      if (chainHash(prevHash, entry) !== row.hash) {
        return { ok: false, count, brokenAt: entry.id, reason: 'entry content does not match its hash (the entry was altered)' };
      }
      prevHash = row.hash;
      lastId = entry.id;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  if (head.lastId !== lastId || head.lastHash !== prevHash || head.count !== count) {
    return { ok: false, count, brokenAt: head.lastId, reason: 'the chain head does not match the last entry (entries were removed from the end)' };
  }
  return { ok: true, count };
}

export interface AuditQuery {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
  if (q.actor) where.push(eq(auditLog.actorUsername, q.actor));
  if (q.action) where.push(eq(auditLog.action, q.action));
  const cond = where.length ? and(...where) : undefined;
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(cond);
  const items = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: Number(total), items: items.map((row) => ({ ...row, at: iso(row.at) })) };
}
