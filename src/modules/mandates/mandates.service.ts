import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import { findOwnUpload } from '../../platform/files.ts';
import { findImplementationByCode } from '../catalog/index.ts';
import { getRegion } from '../regions/index.ts';
import { mandate } from './mandates.schema.ts';
import { mandateErrors } from './mandates.errors.ts';
import type { GrantInput, MandateStatus, MandateView, RecordInput } from './mandates.types.ts';

/** A mandate lasts at most a year: the last day is at most 365 days after the first. */
export const MAX_MANDATE_DAYS = 365;

type ApplicantKind = 'person' | 'organisation';

/** An account as a party of a mandate: who it is and which roles it holds. */
interface Party {
  id: number;
  username: string;
  displayName: string;
  idNumber: string | null;
  status: string;
  roles: string[];
}

async function partyWhere(db: Db, where: SQL): Promise<Party | undefined> {
  const [row] = await queryRows<Party>(
    db,
    sql`SELECT u.id::int AS id, u.username, u.display_name AS "displayName", u.id_number AS "idNumber", u.status, u.roles
        FROM pub_accounts_user u WHERE ${where} LIMIT 1`,
  );
  return row ? { ...row, id: Number(row.id) } : undefined;
}

/** The applicant kind an account applies as, or undefined for an account that is not an applicant. */
function applicantKind(roles: readonly string[]): ApplicantKind | undefined {
  if (roles.includes('applicant_org')) return 'organisation';
  if (roles.includes('applicant_person')) return 'person';
  return undefined;
}

/** The agent named by username: an active account holding the agent role, not the principal itself. */
async function agentByUsername(db: Db, username: string, principalId: number): Promise<Party> {
  const agent = await partyWhere(db, sql`u.username = ${username}`);
  if (!agent || agent.status !== 'active' || !agent.roles.includes('agent') || agent.id === principalId)
    throw mandateErrors.MANDATE_AGENT_INVALID({ username });
  return agent;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** From today or later, and at most a year long. */
function checkPeriod(from: string, until: string, day: string): void {
  if (from < day || until < from || dayNumber(until) - dayNumber(from) > MAX_MANDATE_DAYS) {
    throw mandateErrors.MANDATE_PERIOD_INVALID({ validFrom: from, validUntil: until, maxDays: MAX_MANDATE_DAYS + 1 });
  }
}

/** The items named exist in the catalogue (in any status: an item may be published after the mandate). */
async function checkItems(db: Db, codes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  for (const code of unique) if (!(await findImplementationByCode(db, code))) throw mandateErrors.MANDATE_ITEM_UNKNOWN({ code });
  return unique;
}

// ── Reading ───────────────────────────────────────────────────────────

interface ViewRow {
  id: number;
  principalUserId: number;
  pUsername: string;
  pName: string;
  pIdNumber: string | null;
  pKind: ApplicantKind;
  agentUserId: number;
  aUsername: string;
  aName: string;
  aIdNumber: string | null;
  allItems: boolean;
  itemCodes: string[];
  validFrom: string;
  validUntil: string;
  status: string;
  origin: 'online' | 'recorded';
  regionCode: string | null;
  documentDigest: string | null;
  revokedAt: string | null;
  version: number;
  createdAt: string;
}

const ISO = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

async function viewRows(db: Db, where: SQL): Promise<ViewRow[]> {
  return queryRows<ViewRow>(
    db,
    sql`SELECT m.id::int AS id,
          p.id::int AS "principalUserId", p.username AS "pUsername", p.display_name AS "pName", p.id_number AS "pIdNumber",
          CASE WHEN 'applicant_org' = ANY(p.roles) THEN 'organisation' ELSE 'person' END AS "pKind",
          a.id::int AS "agentUserId", a.username AS "aUsername", a.display_name AS "aName", a.id_number AS "aIdNumber",
          m.all_items AS "allItems", m.item_codes AS "itemCodes", to_char(m.valid_from, 'YYYY-MM-DD') AS "validFrom",
          to_char(m.valid_until, 'YYYY-MM-DD') AS "validUntil", m.status, m.origin, m.region_code AS "regionCode",
          m.document_digest AS "documentDigest", ${ISO('m.revoked_at')} AS "revokedAt", m.version, ${ISO('m.created_at')} AS "createdAt"
        FROM mandate m JOIN pub_accounts_user p ON p.id = m.principal_user_id JOIN pub_accounts_user a ON a.id = m.agent_user_id
        WHERE ${where} ORDER BY m.id DESC LIMIT 500`,
  );
}

/** Revoked, expired (its last day passed), or active — also when it starts later (validFrom tells). */
function statusOf(row: { status: string; validUntil: string }, day: string): MandateStatus {
  if (row.status === 'revoked') return 'revoked';
  return row.validUntil < day ? 'expired' : 'active';
}

function shape(row: ViewRow, day: string): MandateView {
  return {
    id: Number(row.id),
    principal: { userId: Number(row.principalUserId), username: row.pUsername, name: row.pName, kind: row.pKind, idNumberMasked: maskIdNumber(row.pIdNumber) },
    agent: { userId: Number(row.agentUserId), username: row.aUsername, name: row.aName, kind: 'agent', idNumberMasked: maskIdNumber(row.aIdNumber) },
    allItems: row.allItems,
    itemCodes: row.itemCodes ?? [],
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: statusOf(row, day),
    origin: row.origin,
    regionCode: row.regionCode,
    documentDigest: row.documentDigest,
    revokedAt: row.revokedAt,
    version: Number(row.version),
    createdAt: row.createdAt,
  };
}

async function mandateView(db: Db, id: number): Promise<MandateView> {
  const [row] = await viewRows(db, sql`m.id = ${id}`);
  if (!row) throw mandateErrors.MANDATE_NOT_FOUND({ id });
  return shape(row, today());
}

/** The mandates a principal has granted (or had recorded), newest first. */
export async function listGranted(db: Db, principalUserId: number): Promise<MandateView[]> {
  const day = today();
  return (await viewRows(db, sql`m.principal_user_id = ${principalUserId}`)).map((r) => shape(r, day));
}

/** The mandates an agent holds: whom it may act for, with their ID numbers masked. */
export async function listReceived(db: Db, agentUserId: number): Promise<MandateView[]> {
  const day = today();
  return (await viewRows(db, sql`m.agent_user_id = ${agentUserId}`)).map((r) => shape(r, day));
}

export interface ActiveMandate {
  id: number;
  /** The applicant as the principal's account has it: an agent never names the applicant itself. */
  principal: { userId: number; kind: ApplicantKind; name: string; idNumber: string };
}

/**
 * The mandate under which `agentUserId` may apply for `principalUserId` for the item on `day`: not revoked, within
 * its period, covering the item (or all items), of a principal account that is active and an applicant with an ID
 * number. Undefined when there is none. The newest such mandate if several.
 */
export async function activeMandate(
  db: Db,
  agentUserId: number,
  principalUserId: number,
  implementationCode: string,
  day: string,
): Promise<ActiveMandate | undefined> {
  const [row] = await queryRows<{ id: number; name: string; idNumber: string | null; roles: string[] }>(
    db,
    sql`SELECT m.id::int AS id, p.display_name AS name, p.id_number AS "idNumber",
          p.roles
        FROM mandate m JOIN pub_accounts_user p ON p.id = m.principal_user_id AND p.status = 'active'
        WHERE m.agent_user_id = ${agentUserId} AND m.principal_user_id = ${principalUserId} AND m.status = 'active'
          AND m.valid_from <= ${day}::date AND m.valid_until >= ${day}::date
          AND (m.all_items OR ${implementationCode}::text = ANY(m.item_codes))
        ORDER BY m.id DESC LIMIT 1`,
  );
  const kind = row && applicantKind(row.roles);
  if (!row || !kind || !row.idNumber) return undefined;
  return { id: Number(row.id), principal: { userId: principalUserId, kind, name: row.name, idNumber: row.idNumber } };
}

// ── Changing ──────────────────────────────────────────────────────────

/** What a grant and a record both name and check: the agent, the period (from today at the earliest) and the items. */
async function mandateTerms(
  tx: Db,
  input: { agentUsername: string; validFrom?: string; validUntil: string; allItems: boolean; itemCodes: string[] },
  principalId: number,
) {
  const agent = await agentByUsername(tx, input.agentUsername, principalId);
  const day = today();
  const validFrom = input.validFrom ?? day;
  checkPeriod(validFrom, input.validUntil, day);
  const itemCodes = input.allItems ? [] : await checkItems(tx, input.itemCodes);
  return { agent, validFrom, itemCodes };
}

/** The principal grants a mandate online to an agent it names by username. */
export async function grantMandate(tx: Db, ctx: RequestContext, principalUserId: number, input: GrantInput): Promise<MandateView> {
  const principal = await partyWhere(tx, sql`u.id = ${principalUserId}`);
  if (!principal || !applicantKind(principal.roles)) throw mandateErrors.MANDATE_NOT_PRINCIPAL();
  if (!principal.idNumber) throw mandateErrors.MANDATE_PRINCIPAL_INVALID({ reason: 'your account has no ID number or USCC' });
  const { agent, validFrom, itemCodes } = await mandateTerms(tx, input, principal.id);
  const [row] = await tx
    .insert(mandate)
    .values({
      principalUserId: principal.id,
      agentUserId: agent.id,
      allItems: input.allItems,
      itemCodes,
      validFrom,
      validUntil: input.validUntil,
      origin: 'online',
    })
    .returning({ id: mandate.id });
  await writeAudit(tx, ctx, {
    action: 'mandate.grant',
    targetType: 'mandate',
    targetId: row.id,
    change: { principal: principal.id, agent: agent.id, allItems: input.allItems, itemCodes, validFrom, validUntil: input.validUntil },
  });
  return mandateView(tx, row.id);
}

/**
 * A window clerk records a signed 委托书 after checking the principal's identity in person: the principal is the
 * applicant account with that ID number and name, the scanned document is in the file store already.
 */
export async function recordMandate(tx: Db, ctx: RequestContext, clerkUserId: number, input: RecordInput): Promise<MandateView> {
  await getRegion(tx, input.regionCode);
  // The 委托书 is a scan this clerk uploaded, not any bytes the store happens to hold.
  if (!(await findOwnUpload(tx, input.documentDigest, clerkUserId))) throw mandateErrors.MANDATE_DOCUMENT_MISSING({ digest: input.documentDigest });
  const principal = await partyWhere(tx, sql`upper(u.id_number) = ${input.principalIdNumber.trim().toUpperCase()}`);
  if (!principal || principal.status !== 'active' || !applicantKind(principal.roles) || principal.displayName.trim() !== input.principalName.trim()) {
    throw mandateErrors.MANDATE_PRINCIPAL_INVALID();
  }
  const { agent, validFrom, itemCodes } = await mandateTerms(tx, input, principal.id);
  const [row] = await tx
    .insert(mandate)
    .values({
      principalUserId: principal.id,
      agentUserId: agent.id,
      allItems: input.allItems,
      itemCodes,
      validFrom,
      validUntil: input.validUntil,
      origin: 'recorded',
      regionCode: input.regionCode,
      documentDigest: input.documentDigest,
      recordedByUserId: clerkUserId,
    })
    .returning({ id: mandate.id });
  await writeAudit(tx, ctx, {
    action: 'mandate.record',
    targetType: 'mandate',
    targetId: row.id,
    change: {
      principal: principal.id,
      agent: agent.id,
      allItems: input.allItems,
      itemCodes,
      validFrom,
      validUntil: input.validUntil,
      document: input.documentDigest,
      region: input.regionCode,
    },
  });
  return mandateView(tx, row.id);
}

/** The principal revokes its mandate (carrying the version it saw); a revoked or expired one stays as it is. */
export async function revokeMandate(db: Db, ctx: RequestContext, principalUserId: number, id: number, version: number): Promise<MandateView> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(mandate).where(eq(mandate.id, id)).for('update');
    // Another principal's mandate is not shown to exist.
    if (!row || row.principalUserId !== principalUserId) throw mandateErrors.MANDATE_NOT_FOUND({ id });
    if (row.version !== version) throw mandateErrors.MANDATE_VERSION_CONFLICT({ current: row.version });
    if (statusOf(row, today()) !== 'active') throw mandateErrors.MANDATE_NOT_ACTIVE({ id });
    await tx
      .update(mandate)
      .set({ status: 'revoked', revokedAt: sql`now()`, revokedByUserId: ctx.actor.id, version: row.version + 1, updatedAt: sql`now()` })
      .where(and(eq(mandate.id, id), eq(mandate.version, version)));
    await writeAudit(tx, ctx, {
      action: 'mandate.revoke',
      targetType: 'mandate',
      targetId: id,
      change: { status: ['active', 'revoked'], version: row.version + 1 },
    });
    return mandateView(tx, id);
  });
}

/** Does the account hold an applicant role (may grant mandates)? */
export const isPrincipalRole = (roles: readonly string[]) => applicantKind(roles) !== undefined;
