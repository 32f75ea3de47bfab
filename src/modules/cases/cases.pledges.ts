import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { shiftDate } from '../../platform/calendar/working-days.ts';
import { can, scopeFilter, type RoleGrant } from '../../platform/permissions.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { changeLicenseStatus } from '../licenses/index.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseErrors } from './cases.errors.ts';
import { addEvent, caseEvents, notify, updateCase, type CaseRow } from './cases.repository.ts';
import { casePledgeCheck, serviceCase } from './cases.schema.ts';

/**
 * 告知承诺制 follow-up: a proof replaced by the applicant's pledge is verified by the department after the grant,
 * within the item's period (pledgeCheckDays, default 30 natural days), by data or by document. A false pledge has its
 * consequence: the licences the decision issued are revoked through the licences' own revocation, and the case
 * records it (the pledge text itself says so: 撤销行政许可等法律责任).
 */
export const DEFAULT_PLEDGE_CHECK_DAYS = 30;

/** When a pledge of a decision taken on `decidedOn` must be verified by. */
export const pledgeDueOn = (decidedOn: string, days: number | undefined) => shiftDate(decidedOn, days ?? DEFAULT_PLEDGE_CHECK_DAYS);

/** On a grant: one verification task per pledged material of the case, in the same transaction as the decision. */
export async function openPledgeChecks(tx: Db, row: CaseRow, content: Pick<ImplementationContent, 'pledgeCheckDays'>, decidedOn: string) {
  const dueOn = pledgeDueOn(decidedOn, content.pledgeCheckDays);
  await tx.execute(sql`
    INSERT INTO case_pledge_check (case_id, material_key, region_code, department_id, due_on)
    SELECT m.case_id, m.material_key, ${row.regionCode}, ${row.departmentId}, ${dueOn}
    FROM case_material m WHERE m.case_id = ${row.id} AND m.mode = 'pledge'
    ON CONFLICT DO NOTHING`);
}

export interface PledgeCheckQuery {
  status?: 'open' | 'verified' | 'false';
}

/** The tasks in the viewer's scope (cases.review: the department's reviewers), due first, with the counts. */
export async function listPledgeChecks(db: Db, grants: readonly RoleGrant[], query: PledgeCheckQuery) {
  const inside = scopeSql(scopeFilter(grants, 'cases.review'), sql`p.region_code`, sql`p.department_id`);
  const where: SQL[] = [inside];
  if (query.status) where.push(sql`p.status = ${query.status}`);
  const rows = await queryRows<{
    id: number;
    caseNumber: string;
    itemName: string;
    applicantName: string;
    materialKey: string;
    materialName: string | null;
    pledgeText: string | null;
    decidedOn: string | null;
    dueOn: string;
    status: 'open' | 'verified' | 'false';
    method: 'data' | 'document' | null;
    note: string | null;
    checkedAt: string | null;
    revoked: string[];
    version: number;
  }>(
    db,
    sql`SELECT p.id, c.number AS "caseNumber", v.content->>'name' AS "itemName", c.applicant_name AS "applicantName", p.material_key AS "materialKey",
               (SELECT x->>'name' FROM jsonb_array_elements(v.content->'materials') x WHERE x->>'key' = p.material_key LIMIT 1) AS "materialName",
               m.pledge_text AS "pledgeText", c.decided_on::text AS "decidedOn", p.due_on::text AS "dueOn", p.status, p.method, p.note,
               p.checked_at::text AS "checkedAt", p.revoked, p.version
        FROM case_pledge_check p
        JOIN service_case c ON c.id = p.case_id
        JOIN pub_catalog_implementation_version v ON v.id = c.implementation_version_id
        LEFT JOIN case_material m ON m.case_id = p.case_id AND m.material_key = p.material_key
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY (p.status = 'open') DESC, p.due_on, p.id
        LIMIT 500`,
  );
  const [counts] = await queryRows<{ pledges: number; open: number; overdue: number; verified: number; false: number }>(
    db,
    sql`SELECT count(*)::int AS pledges,
               count(*) FILTER (WHERE p.status = 'open')::int AS open,
               count(*) FILTER (WHERE p.status = 'open' AND p.due_on < ${today()})::int AS overdue,
               count(*) FILTER (WHERE p.status = 'verified')::int AS verified,
               count(*) FILTER (WHERE p.status = 'false')::int AS "false"
        FROM case_pledge_check p WHERE ${inside}`,
  );
  const [pledged] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM case_material m JOIN service_case c ON c.id = m.case_id
        WHERE m.mode = 'pledge' AND c.status <> 'draft' AND ${scopeSql(scopeFilter(grants, 'cases.review'), sql`c.region_code`, sql`c.department_id`)}`,
  );
  return {
    items: rows.map((r) => ({
      ...r,
      id: Number(r.id),
      version: Number(r.version),
      checkedAt: iso(r.checkedAt),
      overdue: r.status === 'open' && r.dueOn < today(),
    })),
    counts: {
      pledgedMaterials: Number(pledged.n),
      checks: Number(counts.pledges),
      open: Number(counts.open),
      overdue: Number(counts.overdue),
      verified: Number(counts.verified),
      false: Number(counts.false),
    },
  };
}

export interface PledgeResultInput {
  version: number;
  result: 'verified' | 'false';
  method: 'data' | 'document';
  note: string;
}

/**
 * Records the result of a verification. A false pledge revokes the licences the case's decision issued (the
 * licences' revocation, with its audit entry) and records the consequence on the case; one audit entry for the check.
 */
export async function recordPledgeResult(
  db: Db,
  ctxOf: (scope: { regionCode: string; departmentId: number }) => RequestContext,
  actor: { userId: number; name: string },
  id: number,
  input: PledgeResultInput,
) {
  return db.transaction(async (tx) => {
    const [check] = await tx.select().from(casePledgeCheck).where(eq(casePledgeCheck.id, id)).for('update');
    if (!check) throw caseErrors.PLEDGE_CHECK_NOT_FOUND({ id });
    const ctx = ctxOf({ regionCode: check.regionCode, departmentId: check.departmentId });
    if (check.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: check.version });
    if (check.status !== 'open') throw caseErrors.PLEDGE_CHECK_DONE({ status: check.status });
    if (input.result === 'false' && input.note.trim().length < 2) throw caseErrors.PLEDGE_FALSE_REASON_REQUIRED();
    const [row] = await tx.select().from(serviceCase).where(eq(serviceCase.id, check.caseId)).for('update');
    let revoked: string[] = [];
    if (input.result === 'false') {
      const issued = (await caseEvents(tx, row.id))
        .filter((e) => e.type === 'license_issued')
        .map((e) => String((e.data as { identifier: string }).identifier));
      const reason = `告知承诺不实（${check.materialKey}）：${input.note.trim()}，撤销办件 ${row.number} 的许可决定`;
      for (const identifier of issued) {
        try {
          await changeLicenseStatus(tx, ctx, identifier, 'revoke', { reason });
          revoked.push(identifier);
        } catch (e) {
          // A licence revoked or superseded already keeps its status; the others are revoked.
          if ((e as { code?: string }).code !== 'LICENSE_ILLEGAL_TRANSITION') throw e;
        }
      }
      await addEvent(tx, row, actor, 'pledge_found_false', { materialKey: check.materialKey, reason: input.note.trim(), identifiers: revoked });
      await updateCase(tx, row.id, { version: row.version + 1 });
      await notify(
        tx,
        [row.ownerUserId, row.agentUserId],
        row,
        'pledge_false',
        '告知承诺核查不实',
        `办件 ${row.number} 的告知承诺经核查不实，已依法撤销许可决定：${input.note.trim()}`,
      );
    } else revoked = [];
    const [after] = await tx
      .update(casePledgeCheck)
      .set({
        status: input.result,
        method: input.method,
        note: input.note.trim() || null,
        checkedByUserId: actor.userId,
        checkedAt: sql`now()`,
        revoked,
        version: check.version + 1,
      })
      .where(and(eq(casePledgeCheck.id, id), eq(casePledgeCheck.version, check.version)))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'case.pledge_check',
      targetType: 'case',
      targetId: row.number!,
      change: { materialKey: check.materialKey, result: input.result, method: input.method, revoked },
    });
    return { id: Number(after.id), status: after.status, method: after.method, revoked: after.revoked, version: after.version };
  });
}

/** Whether the grants may act on a task of this scope (the department's reviewers). */
export const mayCheckPledge = (grants: readonly RoleGrant[], scope: { regionCode: string; departmentId: number }) => can(grants, 'cases.review', scope);
