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
  if (!key || key.length > 200) throw platformErrors.IDEMPOTENCY_KEY_REQUIRED();
  const requestHash = sm3Hex(canonicalJson(request ?? null));
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKey)
      .values({ scope, key, requestHash, status: 0, response: sql`'null'::jsonb` })
      .onConflictDoNothing()
      .returning({ key: idempotencyKey.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select()
        .from(idempotencyKey)
        .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key)));
      if (stored.requestHash !== requestHash) throw platformErrors.IDEMPOTENCY_KEY_REUSED();
      return { status: stored.status, body: stored.response as T, replayed: true };
    }
    const result = await create(tx);
    await tx
      .update(idempotencyKey)
      .set({ status: result.status, response: result.body as object })
      .where(and(eq(idempotencyKey.scope, scope), eq(idempotencyKey.key, key)));
    return { ...result, replayed: false };
  });
}
