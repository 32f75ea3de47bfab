import type { Db } from '../platform/db/db.ts';
import { platformSubscriptions, type Notifier } from '../platform/notify.ts';
import { deliverEvents, type DeliveryResult, type Subscription } from '../platform/outbox.ts';
import { platformJobs, startRunner } from '../platform/jobs.ts';
import type { JobDefinition } from '../platform/module.ts';
import { modules } from '../modules/registry.ts';
import type { Config } from '../platform/config.ts';

/** Every recurring job: the platform's, then each module's (from the registry). */
export const allJobs: readonly JobDefinition[] = [...platformJobs, ...modules.flatMap((m) => m.jobs ?? [])];
/** Every consumer of a domain event: the platform's, then each module's. */
export const allSubscriptions: readonly Subscription[] = [...platformSubscriptions, ...modules.flatMap((m) => m.subscriptions ?? [])];

/**
 * The job runner of one server process (platform/jobs.ts, ADR 0018). Every process may run it: the outbox is
 * delivered with FOR UPDATE SKIP LOCKED, and each round of a recurring job is claimed by one process (a lease row in
 * job_schedule). The audit sealer every second; the outbox polled every second; case warnings and the ratings rollup
 * every minute; licence expiry, default ratings, remedy deadlines and escalation every hour; spent SMS codes and
 * old failed case look-ups deleted hourly; the reminder to load a calendar year at start and hourly; audit
 * checkpoints every ten minutes; delivered events pruned daily.
 */
export function startJobs(db: Db, notifier: Notifier, config: Config, log: (e: unknown) => void): () => void {
  return startRunner(db, { jobs: allJobs, subscriptions: allSubscriptions, env: { notifier, config }, log });
}

/** Delivers every due event now, in this process (tests, and the command line). */
export function deliverNow(db: Db, notifier: Notifier, config: Config): Promise<DeliveryResult> {
  return deliverEvents(db, allSubscriptions, { notifier, config });
}
