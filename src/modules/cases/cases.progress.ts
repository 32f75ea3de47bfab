import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { keyRing, knownKeys } from '../../platform/master-keys.ts';
import { caseErrors } from './cases.errors.ts';
import { caseLookupFailure } from './cases.schema.ts';
import { caseDetail } from './cases.views.ts';

// 办件进度查询 without an account (ADR 0027): the case number and the query code (查询码) printed on the receipt and
// the acceptance notice. The code is not stored: it is an HMAC of the case number under a key derived from the master
// key, so every copy of a notice prints the same code, and the database alone (a backup, a read replica) yields none.

/** 8 characters without 0/O, 1/I/L: 40 bits, read aloud over the phone without doubt. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const QUERY_CODE_LENGTH = 8;
/** Wrong tries in 15 minutes before the look-up refuses: per case number, and per client address. */
export const LOOKUP_WINDOW_MINUTES = 15;
export const LOOKUP_MAX_FAILURES_PER_CASE = 5;
export const LOOKUP_MAX_FAILURES_PER_IP = 20;

/** The query-code keys: the current master key's first, then those of the master keys it replaced (ADR 0030). */
let queryKeys: Buffer[] | undefined;

/** Called by the module's configure with the master key and the previous ones (platform/config.ts masterKeyRing). */
export function configureQueryCodes(masterKey: Buffer, previous: readonly Buffer[] = []): void {
  queryKeys = knownKeys(keyRing(masterKey, previous)).map((k) => createHmac('sm3', k.key).update('tongban case query code').digest());
}

function codeUnder(key: Buffer, number: string): string {
  const mac = createHmac('sm3', key).update(number).digest();
  let out = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) out += ALPHABET[mac[i] % ALPHABET.length];
  return out;
}

function keys(): Buffer[] {
  if (!queryKeys) throw new Error('query codes are not configured (the cases module was not configured with the master key)');
  return queryKeys;
}

/** The query code of a case number (the same on every copy of its notices printed under the current master key). */
export function queryCodeOf(number: string): string {
  return codeUnder(keys()[0], number);
}

/**
 * Whether a typed code is the case's: under the current master key, or a previous one (a receipt printed before the
 * key was rotated keeps working while that key is configured as previous).
 */
function isQueryCodeOf(number: string, typed: string): boolean {
  const given = Buffer.from(normalise(typed));
  let matches = false;
  for (const key of keys()) {
    const expected = Buffer.from(codeUnder(key, number));
    // Every key is tried, so the time does not tell which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matches = true;
  }
  return matches;
}

/** What a typed code is compared as: capitals, without spaces or hyphens. */
const normalise = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** What the public page shows: the item, the department, the status and the dates; nobody's name, number or form. */
export const caseProgressView = z
  .object({
    number: z.string(),
    itemName: z.string(),
    department: z.string(),
    status: z.string(),
    receivedOn: z.string().nullable(),
    acceptedOn: z.string().nullable(),
    deadline: z.string().nullable().describe('The promised deadline; null before acceptance or while its calendar year is not loaded'),
    paused: z.boolean(),
    decidedOn: z.string().nullable(),
    steps: z.array(z.object({ type: z.string(), onDay: z.string() })).describe('What happened on which day (event types only)'),
  })
  .meta({ id: 'CaseProgress' });
export type CaseProgress = z.infer<typeof caseProgressView>;

const PUBLIC_EVENTS = new Set([
  'submitted',
  'correction_requested',
  'correction_answered',
  'accepted',
  'refused',
  'decided',
  'delivered',
  'withdrawn',
  'extension_granted',
  'special_started',
  'special_ended',
  'license_issued',
]);

/**
 * The progress of a submitted case, for whoever holds its number and query code. An unknown number, a draft and a
 * wrong code get the same answer (CASE_LOOKUP_FAILED) and count as a failure; after too many failures for the number
 * or from the address the look-up refuses (CASE_LOOKUP_THROTTLED), so 40 bits cannot be guessed at any useful rate.
 */
export async function lookUpProgress(db: Db, input: { number: string; code: string; ip: string }): Promise<CaseProgress> {
  const since = new Date(Date.now() - LOOKUP_WINDOW_MINUTES * 60_000).toISOString();
  const [{ byNumber, byIp }] = await db
    .select({
      byNumber: sql<number>`count(*) FILTER (WHERE ${caseLookupFailure.number} = ${input.number})::int`,
      byIp: sql<number>`count(*) FILTER (WHERE ${caseLookupFailure.ip} = ${input.ip})::int`,
    })
    .from(caseLookupFailure)
    .where(and(gt(caseLookupFailure.at, since), sql`(${caseLookupFailure.number} = ${input.number} OR ${caseLookupFailure.ip} = ${input.ip})`));
  if (Number(byNumber) >= LOOKUP_MAX_FAILURES_PER_CASE || Number(byIp) >= LOOKUP_MAX_FAILURES_PER_IP)
    throw caseErrors.CASE_LOOKUP_THROTTLED({ minutes: LOOKUP_WINDOW_MINUTES });
  const codeMatches = isQueryCodeOf(input.number, input.code);
  const fail = async () => {
    await db.transaction(async (tx) => {
      const [row] = await tx.insert(caseLookupFailure).values({ number: input.number, ip: input.ip }).returning({ id: caseLookupFailure.id });
      await writeAudit(
        tx,
        { actor: { id: null, username: input.ip, role: null }, requestId: null },
        { action: 'case.progress.failed', targetType: 'case_lookup', targetId: row.id, change: { number: input.number, ip: input.ip } },
      );
    });
    return caseErrors.CASE_LOOKUP_FAILED();
  };
  if (!codeMatches) throw await fail();
  // The reader is the public: the case is read as a city-wide supervisor would, then cut to what the page may show.
  const d = await caseDetail(db, input.number, { userId: -1, grants: [{ role: 'supervisor', regionCode: null, departmentId: null }] }).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'CASE_NOT_FOUND') return undefined;
    throw e;
  });
  if (!d || d.status === 'draft') throw await fail();
  return {
    number: d.number,
    itemName: d.implementation.name,
    department: d.implementation.department,
    status: d.status,
    receivedOn: d.receivedOn,
    acceptedOn: d.clock.acceptedOn,
    deadline: d.clock.deadline,
    paused: d.clock.paused,
    decidedOn: d.decidedOn,
    steps: d.timeline.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ type: e.type, onDay: e.onDay })),
  };
}

/**
 * Deletes the failed look-ups that no longer count against a case or an address: older than LOOKUP_WINDOW_MINUTES
 * (the job `cases.lookup-failure-prune`). The audit log keeps each failure.
 */
export async function pruneLookupFailures(db: Db): Promise<number> {
  const deleted = await db
    .delete(caseLookupFailure)
    .where(lt(caseLookupFailure.at, sql`now() - make_interval(mins => ${LOOKUP_WINDOW_MINUTES})`))
    .returning({ id: caseLookupFailure.id });
  return deleted.length;
}
