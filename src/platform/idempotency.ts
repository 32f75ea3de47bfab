import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db/db.ts';
import { idempotencyKey } from './db/platform.schema.ts';
import { canonicalJson, sm3Hex } from './crypto.ts';
import { platformErrors } from './errors.ts';

export interface Idempotent<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** The digest a key is bound to: the same key with another request body is refused. */
export const requestDigest = (request: unknown) => sm3Hex(canonicalJson(request ?? null));

export function checkKey(key: string | undefined): string {
  if (!key || key.length > 200) throw platformErrors.IDEMPOTENCY_KEY_REQUIRED();
  return key;
}

/** The stored reply of a key already used (for creates that claim their key inside their own statement). */
export async function storedReply<T>(db: Db, scope: string, key: string, requestHash: string): Promise<Idempotent<T> | undefined> {
  const [stored] = await db
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key)));
  if (!stored) return undefined;
  if (stored.requestHash !== requestHash) throw platformErrors.IDEMPOTENCY_KEY_REUSED();
  return { status: stored.status, body: stored.response as T, replayed: true };
}

/**
 * Runs a create once per Idempotency-Key. The key row is inserted first in the same transaction: a concurrent
 * request with the same key waits on it, then replays the stored response; a failed create leaves no key behind.
 */
export async function runIdempotent<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  request: unknown,
  create: (tx: Db) => Promise<{ status: number; body: T }>,
): Promise<Idempotent<T>> {
  checkKey(key);
  const requestHash = requestDigest(request);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKey)
      .values({ scope, key: key!, requestHash, status: 0, response: sql`'null'::jsonb` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKey.key });
    if (claimed.length === 0) return (await storedReply<T>(tx, scope, key!, requestHash))!;
    const result = await create(tx);
    await tx
      .update(idempotencyKey)
      .set({ status: result.status, response: result.body as object })
      .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key!)));
    return { ...result, replayed: false };
  });
}

/**
 * Replaces the stored reply of a key claimed earlier in the same request, in the caller's transaction: a create that
 * goes on after its claim committed (a case decided at once by its rules, 秒批) replays what it finally answered.
 */
export async function replaceReply(tx: Db, scope: string, key: string, body: unknown): Promise<void> {
  await tx
    .update(idempotencyKey)
    .set({ response: body as object })
    .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key)));
}
