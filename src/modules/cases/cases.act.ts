import type { Db } from '../../platform/db/db.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RoleGrant } from '../../platform/permissions.ts';
import { caseErrors } from './cases.errors.ts';
import { isApplicantOf, isFormerAgent, transitionOf, type CaseAction, type CaseStatus } from './cases.state.ts';
import { addEvent, lockCase, updateCase, type CaseChange, type CaseRow } from './cases.repository.ts';
import { publishDecided } from './cases.events.ts';

// The acting core of every change of a case: lock, check the row version and the transition, change, event, audit.

/** The one who acts: their account and grants (the route resolves them). */
export interface Actor {
  ctx: RequestContext;
  userId: number;
  displayName: string;
  idNumber: string | null;
  grants: RoleGrant[];
  /**
   * For an actor resolved before the case was read: checks the permission in the case's region and department and
   * gives the context to act with (the role it acts in). act() calls it on the locked row and acts with its answer,
   * so a transition reads the case once instead of once for the check and once to change it.
   */
  settle?: (scope: { regionCode: string; departmentId: number }) => RequestContext;
}

export interface Change {
  set?: CaseChange;
  event?: { type: string; data?: Record<string, unknown> };
  extraEvents?: { type: string; data?: Record<string, unknown> }[];
  audit?: unknown;
}

export async function act(
  db: Db,
  actor: Pick<Actor, 'ctx' | 'displayName' | 'settle'> & { userId: number | null },
  number: string,
  version: number,
  /** The action, or how to tell it from the locked case (completing the last step decides). */
  actionOf: CaseAction | ((tx: Db, row: CaseRow) => Promise<CaseAction>),
  change: (tx: Db, row: CaseRow, next: CaseStatus) => Promise<Change>,
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const row = await lockCase(tx, number);
    if (!row) throw caseErrors.CASE_NOT_FOUND({ number });
    // Whoever may act on this case (its region and department): the change and its audit entries use that context.
    if (actor.settle) actor.ctx = actor.settle({ regionCode: row.regionCode, departmentId: row.departmentId });
    // The row version first: of two people acting on the same case at once, the second learns someone was faster.
    if (row.version !== version) throw caseErrors.CASE_VERSION_CONFLICT({ current: row.version });
    const action = typeof actionOf === 'function' ? await actionOf(tx, row) : actionOf;
    const next = transitionOf(row.status as CaseStatus, action);
    const c = await change(tx, row, next);
    const after = await updateCase(tx, row.id, { ...c.set, status: c.set?.status ?? next, version: row.version + 1 });
    const who = { userId: actor.userId, name: actor.displayName };
    for (const e of [...(c.event ? [c.event] : []), ...(c.extraEvents ?? [])]) await addEvent(tx, after, who, e.type, e.data);
    // A member case of a bundle tells the bundle it was decided (ADR 0036): waiting members are released from it.
    await publishDecided(tx, after, c.extraEvents ?? []);
    await writeAudit(tx, actor.ctx, {
      action: `case.${action}`,
      targetType: 'case',
      targetId: number,
      change: { from: row.status, to: after.status, ...((c.audit as object) ?? {}) },
    });
    return after;
  });
}

/** The case's applicant: its owner, or its agent while it may act for the owner (CaseRow, cases.agent.ts). */
export function assertOwner(row: CaseRow, userId: number) {
  if (isApplicantOf(row, userId)) return;
  if (isFormerAgent(row, userId)) throw caseErrors.CASE_MANDATE_ENDED({ number: row.number });
  throw caseErrors.CASE_NOT_YOURS();
}
