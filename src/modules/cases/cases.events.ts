import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { defineEvent, publish } from '../../platform/outbox.ts';
import type { CaseRow } from './cases.repository.ts';

/**
 * A member case of a bundle was decided (granted, denied, voided or transferred). Published in the deciding
 * transaction, only for member cases of a bundle; the bundles module releases the members that wait for it.
 */
export const caseDecided = defineEvent(
  'cases.decided',
  z.object({
    number: z.string(),
    bundleCaseId: z.number().nullable(),
    memberKey: z.string().nullable(),
    outcome: z.string().nullable(),
    /** Licences issued with the decision (their identifiers). */
    licenses: z.array(z.string()),
  }),
);

/** What act() publishes when a change decides a member case of a bundle. */
export async function publishDecided(tx: Db, after: CaseRow, extraEvents: readonly { type: string; data?: Record<string, unknown> }[]) {
  if (after.status !== 'decided' || after.bundleCaseId === null) return;
  const licenses = extraEvents.filter((e) => e.type === 'license_issued').map((e) => String(e.data?.identifier));
  await publish(tx, caseDecided, {
    number: after.number!,
    bundleCaseId: Number(after.bundleCaseId),
    memberKey: after.bundleMemberKey,
    outcome: after.outcome,
    licenses,
  });
}
