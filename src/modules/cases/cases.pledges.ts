import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { shiftDate } from '../../platform/calendar/working-days.ts';
import { can, scopeFilter, type RoleGrant, type ScopeFilter } from '../../platform/permissions.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { platformErrors } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { changeLicenseStatus } from '../licenses/index.ts';
import type { ImplementationContent } from '../catalog/index.ts';
import { caseErrors } from './cases.errors.ts';
import { addEvent, caseColumns, caseContent, caseEvents, itemTypeOf, notify, updateCase, type CaseRow } from './cases.repository.ts';
import { casePledgeBreach, casePledgeCheck, serviceCase } from './cases.schema.ts';
import { basisOf, itemTypeRules, PLEDGE_GUIDELINE } from './item-type-rules.ts';

/**
 * 告知承诺制 follow-up: a proof replaced by the applicant's pledge is verified by the department after the grant,
 * within the item's period (pledgeCheckDays, default 30 natural days), by data or by document. A check that finds the
 * pledge false proposes; a lead of the department — another reviewer than the checker — decides (ADR 0033): revoke
 * the decision (行政许可法 art. 69 ¶2, 国办发〔2020〕42号), which revokes the licences it issued through the licences'
 * own revocation and gives the applicant a 撤销决定书 (cases.notices.ts), or keep it where revoking would gravely harm
 * the public interest (art. 69 ¶3). Either way the false pledge is kept as a record (承诺不实记录) and counted.
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

export type PledgeStatus = 'open' | 'verified' | 'false';
export type PledgeDecision = 'revoked' | 'kept';

export interface PledgeCheckQuery {
  status?: PledgeStatus;
  /** Only false pledges waiting for the lead's decision. */
  awaitingDecision?: boolean;
}

/** The counts of pledges and their verification in a scope (the pledge page; the supervisor's summary). */
export interface PledgeCounts {
  /** Proofs of the published guides that an applicant may replace by a pledge (证明材料告知承诺免提交). */
  pledgeableProofs: number;
  /** Proofs replaced by pledges on submitted cases. */
  pledgedMaterials: number;
  checks: number;
  open: number;
  /** Open and within their period. */
  due: number;
  overdue: number;
  /** Verified or found false. */
  done: number;
  verified: number;
  false: number;
  awaitingDecision: number;
  revoked: number;
  kept: number;
  /** 承诺不实记录 kept. */
  records: number;
}

const COUNT_KEYS = [
  'pledgeableProofs',
  'pledgedMaterials',
  'checks',
  'open',
  'due',
  'overdue',
  'done',
  'verified',
  'false',
  'awaitingDecision',
  'revoked',
  'kept',
  'records',
] as const satisfies readonly (keyof PledgeCounts)[];

const zero = (): PledgeCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as PledgeCounts;

/**
 * The counts per department within `filter`: proofs that accept pledges in the published guides, pledges made on
 * submitted cases, and the verification tasks by state (due, overdue, done, false, decided), and the records.
 */
async function countsByDepartment(db: Db, filter: ScopeFilter): Promise<Map<number, PledgeCounts>> {
  const on = today();
  const [proofs, pledged, checks, records] = await Promise.all([
    queryRows<{ department_id: number; n: number }>(
      db,
      sql`SELECT i.department_id, count(*)::int AS n
          FROM pub_catalog_implementation i
          JOIN pub_catalog_implementation_version v ON v.id = i.published_version_id
          CROSS JOIN LATERAL jsonb_array_elements(v.content->'materials') m
          WHERE i.status = 'published' AND (m->>'pledgeAllowed')::boolean IS TRUE
            AND ${scopeSql(filter, sql`i.region_code`, sql`i.department_id`)}
          GROUP BY i.department_id`,
    ),
    queryRows<{ department_id: number; n: number }>(
      db,
      sql`SELECT c.department_id, count(*)::int AS n FROM case_material m JOIN service_case c ON c.id = m.case_id
          WHERE m.mode = 'pledge' AND c.status <> 'draft' AND ${scopeSql(filter, sql`c.region_code`, sql`c.department_id`)}
          GROUP BY c.department_id`,
    ),
    queryRows<Record<'department_id' | Exclude<(typeof COUNT_KEYS)[number], 'pledgeableProofs' | 'pledgedMaterials' | 'records'>, number>>(
      db,
      sql`SELECT p.department_id,
                 count(*)::int AS checks,
                 count(*) FILTER (WHERE p.status = 'open')::int AS open,
                 count(*) FILTER (WHERE p.status = 'open' AND p.due_on >= ${on})::int AS due,
                 count(*) FILTER (WHERE p.status = 'open' AND p.due_on < ${on})::int AS overdue,
                 count(*) FILTER (WHERE p.status <> 'open')::int AS done,
                 count(*) FILTER (WHERE p.status = 'verified')::int AS verified,
                 count(*) FILTER (WHERE p.status = 'false')::int AS "false",
                 count(*) FILTER (WHERE p.status = 'false' AND p.decision IS NULL)::int AS "awaitingDecision",
                 count(*) FILTER (WHERE p.decision = 'revoked')::int AS revoked,
                 count(*) FILTER (WHERE p.decision = 'kept')::int AS kept
          FROM case_pledge_check p WHERE ${scopeSql(filter, sql`p.region_code`, sql`p.department_id`)}
          GROUP BY p.department_id`,
    ),
    queryRows<{ department_id: number; n: number }>(
      db,
      sql`SELECT b.department_id, count(*)::int AS n FROM case_pledge_breach b
          WHERE ${scopeSql(filter, sql`b.region_code`, sql`b.department_id`)} GROUP BY b.department_id`,
    ),
  ]);
  const out = new Map<number, PledgeCounts>();
  const of = (id: number) => out.get(Number(id)) ?? out.set(Number(id), zero()).get(Number(id))!;
  for (const r of proofs) of(r.department_id).pledgeableProofs = Number(r.n);
  for (const r of pledged) of(r.department_id).pledgedMaterials = Number(r.n);
  for (const r of records) of(r.department_id).records = Number(r.n);
  for (const r of checks) {
    const c = of(r.department_id);
    for (const k of ['checks', 'open', 'due', 'overdue', 'done', 'verified', 'false', 'awaitingDecision', 'revoked', 'kept'] as const) c[k] = Number(r[k]);
  }
  return out;
}

function total(byDepartment: Map<number, PledgeCounts>): PledgeCounts {
  const sum = zero();
  for (const c of byDepartment.values()) for (const k of COUNT_KEYS) sum[k] += c[k];
  return sum;
}

/** The counts in the scope where the grants hold `permission`. */
export async function pledgeCounts(db: Db, grants: readonly RoleGrant[], permission: 'cases.review' | 'cases.supervise'): Promise<PledgeCounts> {
  return total(await countsByDepartment(db, scopeFilter(grants, permission)));
}

/**
 * The supervisor's summary (cases.supervise): the counts in its scope, in total and per department, named and in
 * order of the department's name.
 */
export async function pledgeSummary(db: Db, grants: readonly RoleGrant[]) {
  const byDepartment = await countsByDepartment(db, scopeFilter(grants, 'cases.supervise'));
  const ids = [...byDepartment.keys()];
  const names = ids.length
    ? await queryRows<{ id: number; name: string }>(
        db,
        sql`SELECT id, name FROM pub_regions_department WHERE id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [Number(n.id), n.name]));
  return {
    counts: total(byDepartment),
    departments: ids
      .map((id) => ({ departmentId: id, department: nameOf.get(id) ?? String(id), ...byDepartment.get(id)! }))
      .sort((a, b) => a.department.localeCompare(b.department, 'zh')),
  };
}

/** The tasks in the viewer's scope (cases.review: the department's reviewers), due first, with the counts. */
export async function listPledgeChecks(db: Db, viewer: { userId: number; grants: readonly RoleGrant[] }, query: PledgeCheckQuery) {
  const inside = scopeSql(scopeFilter(viewer.grants, 'cases.review'), sql`p.region_code`, sql`p.department_id`);
  const where: SQL[] = [inside];
  if (query.status) where.push(sql`p.status = ${query.status}`);
  if (query.awaitingDecision) where.push(sql`p.status = 'false' AND p.decision IS NULL`);
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
    status: PledgeStatus;
    method: 'data' | 'document' | null;
    note: string | null;
    checkedAt: string | null;
    checkedBy: number | null;
    decision: PledgeDecision | null;
    decisionReason: string | null;
    decisionAt: string | null;
    revoked: string[];
    recordId: number | null;
    version: number;
  }>(
    db,
    sql`SELECT p.id, c.number AS "caseNumber", v.content->>'name' AS "itemName", c.applicant_name AS "applicantName", p.material_key AS "materialKey",
               (SELECT x->>'name' FROM jsonb_array_elements(v.content->'materials') x WHERE x->>'key' = p.material_key LIMIT 1) AS "materialName",
               m.pledge_text AS "pledgeText", c.decided_on::text AS "decidedOn", p.due_on::text AS "dueOn", p.status, p.method, p.note,
               p.checked_at::text AS "checkedAt", p.checked_by_user_id AS "checkedBy", p.decision, p.decision_reason AS "decisionReason",
               p.decided_at::text AS "decisionAt", p.revoked, b.id AS "recordId", p.version
        FROM case_pledge_check p
        JOIN service_case c ON c.id = p.case_id
        JOIN pub_catalog_implementation_version v ON v.id = c.implementation_version_id
        LEFT JOIN case_material m ON m.case_id = p.case_id AND m.material_key = p.material_key
        LEFT JOIN case_pledge_breach b ON b.check_id = p.id
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY (p.status = 'false' AND p.decision IS NULL) DESC, (p.status = 'open') DESC, p.due_on, p.id
        LIMIT 500`,
  );
  return {
    items: rows.map(({ checkedBy, ...r }) => {
      const awaiting = r.status === 'false' && r.decision === null;
      return {
        ...r,
        id: Number(r.id),
        version: Number(r.version),
        recordId: r.recordId === null ? null : Number(r.recordId),
        checkedAt: iso(r.checkedAt),
        decisionAt: iso(r.decisionAt),
        overdue: r.status === 'open' && r.dueOn < today(),
        awaitingDecision: awaiting,
        // The lead decides: not the checker (checking and deciding are separate), only in the task's department.
        mayDecide: awaiting && checkedBy !== null && Number(checkedBy) !== viewer.userId,
      };
    }),
    counts: await pledgeCounts(db, viewer.grants, 'cases.review'),
  };
}

export interface PledgeResultInput {
  version: number;
  result: 'verified' | 'false';
  method: 'data' | 'document';
  note: string;
}

/** The department's reviewers other than `except` (pub_accounts_department_reviewer). */
async function departmentReviewers(tx: Db, departmentId: number, except: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`SELECT user_id::int AS id FROM pub_accounts_department_reviewer WHERE department_id = ${departmentId} AND user_id <> ${except}`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Records the result of a verification (one audit entry). Verified closes the task. False records the facts on the
 * case and proposes the consequence: the department's other reviewers are told that a lead's decision waits
 * (decidePledge); nothing is revoked yet.
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
    const note = input.note.trim();
    if (input.result === 'false' && note.length < 2) throw caseErrors.PLEDGE_FALSE_REASON_REQUIRED();
    const [row] = await tx.select(caseColumns()).from(serviceCase).where(eq(serviceCase.id, check.caseId)).for('update');
    if (input.result === 'false') {
      await addEvent(tx, row, actor, 'pledge_found_false', { materialKey: check.materialKey, reason: note, method: input.method });
      await updateCase(tx, row.id, { version: row.version + 1 });
      await notify(
        tx,
        await departmentReviewers(tx, check.departmentId, actor.userId),
        row,
        'pledge_false_found',
        '承诺不实待决定',
        `办件 ${row.number} 的告知承诺经核查不实，请负责人决定是否撤销原决定：${note}`,
      );
    }
    const [after] = await tx
      .update(casePledgeCheck)
      .set({
        status: input.result,
        method: input.method,
        note: note || null,
        checkedByUserId: actor.userId,
        checkedAt: sql`now()`,
        version: check.version + 1,
      })
      .where(and(eq(casePledgeCheck.id, id), eq(casePledgeCheck.version, check.version)))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'case.pledge_check',
      targetType: 'case',
      targetId: row.number!,
      change: { checkId: id, materialKey: check.materialKey, result: input.result, method: input.method },
    });
    return { id: Number(after.id), status: after.status, method: after.method, decision: after.decision, revoked: after.revoked, version: after.version };
  });
}

export interface PledgeDecisionInput {
  version: number;
  /** revoke: the decision and its licences (art. 69 ¶2); keep: revoking would gravely harm the public interest (¶3). */
  decision: 'revoke' | 'keep';
  reason: string;
}

/**
 * The lead's decision on a pledge found false (ADR 0033), by a reviewer of the department who did not find it false.
 * Revoke: every licence the case's decision issued is revoked through the licences' door (their own audit entries),
 * the case records `decision_revoked` (the 撤销决定书 renders from it), the applicant is told. Keep: the case records
 * `pledge_false_kept` with the reason, the applicant is told. Both keep the 承诺不实记录. One audit entry for the
 * decision.
 */
export async function decidePledge(
  db: Db,
  ctxOf: (scope: { regionCode: string; departmentId: number }) => RequestContext,
  actor: { userId: number; name: string },
  id: number,
  input: PledgeDecisionInput,
) {
  return db.transaction(async (tx) => {
    const [check] = await tx.select().from(casePledgeCheck).where(eq(casePledgeCheck.id, id)).for('update');
    if (!check) throw caseErrors.PLEDGE_CHECK_NOT_FOUND({ id });
    const ctx = ctxOf({ regionCode: check.regionCode, departmentId: check.departmentId });
    if (check.version !== input.version) throw platformErrors.VERSION_CONFLICT({ current: check.version });
    if (check.status !== 'false' || check.decision !== null) throw caseErrors.PLEDGE_DECISION_NOT_PENDING({ status: check.status, decision: check.decision });
    if (check.checkedByUserId !== null && Number(check.checkedByUserId) === actor.userId) throw caseErrors.PLEDGE_DECISION_OWN_CHECK();
    const reason = input.reason.trim();
    if (reason.length < 2) throw caseErrors.PLEDGE_DECISION_REASON_REQUIRED();
    const [row] = await tx.select(caseColumns()).from(serviceCase).where(eq(serviceCase.id, check.caseId)).for('update');
    const content = await caseContent(tx, row);
    const rules = itemTypeRules(await itemTypeOf(tx, row));
    const materialName = content.materials.find((m) => m.key === check.materialKey)?.name ?? check.materialKey;
    const events = await caseEvents(tx, row.id);
    const decision: PledgeDecision = input.decision === 'revoke' ? 'revoked' : 'kept';
    const revoked: string[] = [];
    if (decision === 'revoked' && !events.some((e) => e.type === 'decision_revoked')) {
      const legalBasis = `${basisOf(rules, 'revoke', content.legalBasis)}；${PLEDGE_GUIDELINE}`;
      const licenseReason = `告知承诺不实（${materialName}），撤销办件 ${row.number} 的${rules.revocation.revoked}：${reason}`;
      for (const identifier of events.filter((e) => e.type === 'license_issued').map((e) => String((e.data as { identifier: string }).identifier))) {
        try {
          await changeLicenseStatus(tx, ctx, identifier, 'revoke', { reason: licenseReason });
          revoked.push(identifier);
        } catch (e) {
          // A licence revoked or superseded already keeps its status; the others are revoked.
          if ((e as { code?: string }).code !== 'LICENSE_ILLEGAL_TRANSITION') throw e;
        }
      }
      await addEvent(tx, row, actor, 'decision_revoked', {
        materialKey: check.materialKey,
        materialName,
        facts: check.note ?? '',
        method: check.method,
        checkedOn:
          events.filter((e) => e.type === 'pledge_found_false' && (e.data as { materialKey?: string }).materialKey === check.materialKey).at(-1)?.onDay ?? null,
        reason,
        legalBasis,
        identifiers: revoked,
      });
      await notify(
        tx,
        [row.ownerUserId, row.agentUserId],
        row,
        'decision_revoked',
        `${rules.revocation.title.replace(/书$/u, '')}`,
        `办件 ${row.number} 的告知承诺（${materialName}）经核查不实，已依法撤销${rules.revocation.revoked}${
          revoked.length ? `，所发电子证照同时撤销` : ''
        }；请在办件详情下载《${rules.revocation.title}》。承诺不实情况已记入承诺不实记录。`,
      );
    } else {
      await addEvent(tx, row, actor, decision === 'revoked' ? 'pledge_false_confirmed' : 'pledge_false_kept', { materialKey: check.materialKey, reason });
      await notify(
        tx,
        [row.ownerUserId, row.agentUserId],
        row,
        'pledge_false',
        '告知承诺核查不实',
        `办件 ${row.number} 的告知承诺（${materialName}）经核查不实，已记入承诺不实记录${decision === 'kept' ? `；原决定不予撤销：${reason}` : ''}。`,
      );
    }
    await updateCase(tx, row.id, { version: row.version + 1 });
    const [record] = await tx
      .insert(casePledgeBreach)
      .values({
        checkId: check.id,
        caseId: row.id,
        regionCode: check.regionCode,
        departmentId: check.departmentId,
        subjectKind: row.applicantKind,
        subjectName: row.applicantName,
        subjectIdType: row.applicantIdType,
        subjectIdNumber: row.applicantIdNumber,
        materialKey: check.materialKey,
        facts: check.note ?? '',
        consequence: decision,
        decidedOn: today(),
      })
      .returning({ id: casePledgeBreach.id });
    const [after] = await tx
      .update(casePledgeCheck)
      .set({ decision, decisionReason: reason, decidedByUserId: actor.userId, decidedAt: sql`now()`, revoked, version: check.version + 1 })
      .where(and(eq(casePledgeCheck.id, id), eq(casePledgeCheck.version, check.version)))
      .returning();
    await writeAudit(tx, ctx, {
      action: 'case.pledge_decision',
      targetType: 'case',
      targetId: row.number!,
      change: { checkId: id, materialKey: check.materialKey, decision, reason, revoked, recordId: Number(record.id) },
    });
    return {
      id: Number(after.id),
      status: after.status,
      method: after.method,
      decision: after.decision,
      revoked: after.revoked,
      recordId: Number(record.id),
      version: after.version,
    };
  });
}

/** Whether the grants may act on a task of this scope (the department's reviewers). */
export const mayCheckPledge = (grants: readonly RoleGrant[], scope: { regionCode: string; departmentId: number }) => can(grants, 'cases.review', scope);
