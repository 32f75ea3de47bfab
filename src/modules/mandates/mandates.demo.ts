import type { Db } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { today } from '../../platform/clock.ts';
import { findUserByUsername } from '../accounts/index.ts';
import { grantMandate, listGranted, MAX_MANDATE_DAYS } from './mandates.service.ts';

/**
 * The module's demo seed: the demo person and company let the demo agent apply for them, for every item, for a
 * year from the day of seeding. Runs after the demo accounts exist; idempotent.
 */
export async function seedDemoMandates(db: Db): Promise<void> {
  const ctx = systemContext('demo-seed');
  const agent = await findUserByUsername(db, 'agent');
  if (!agent) return;
  const from = today();
  const until = new Date(Date.parse(`${from}T00:00:00Z`) + MAX_MANDATE_DAYS * 86_400_000).toISOString().slice(0, 10);
  for (const username of ['person', 'company']) {
    const principal = await findUserByUsername(db, username);
    if (!principal || (await listGranted(db, principal.id)).some((m) => m.agent.userId === agent.id)) continue;
    await db.transaction((tx) =>
      grantMandate(tx, ctx, principal.id, { agentUsername: 'agent', allItems: true, itemCodes: [], validFrom: from, validUntil: until }),
    );
  }
}
