import type { JobDefinition } from '../../platform/module.ts';
import { pruneSmsCodes } from './accounts.self-service.ts';

/** The accounts module's recurring jobs: SMS codes past their use and their limits are deleted, hourly. */
export const accountsJobs: readonly JobDefinition[] = [{ name: 'accounts.sms-code-prune', everyMs: 3_600_000, run: (db) => pruneSmsCodes(db) }];
