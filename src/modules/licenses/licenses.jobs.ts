import type { JobDefinition } from '../../platform/module.ts';
import { expireDue } from './licenses.issue.ts';

/** The licences module's recurring jobs: licences past their end date expire, hourly. */
export const licensesJobs: readonly JobDefinition[] = [{ name: 'licenses.expiry', everyMs: 3_600_000, run: (db, ctx) => expireDue(db, ctx) }];
