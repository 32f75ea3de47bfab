import type { JobDefinition } from '../../platform/module.ts';
import { lapseExpired } from './legal.service.ts';

/** The rule-of-law module's recurring job: documents past their last day lapse (自然失效), hourly and at start. */
export const legalJobs: readonly JobDefinition[] = [{ name: 'legal.lapse', everyMs: 3_600_000, atStart: true, run: (db, ctx) => lapseExpired(db, ctx) }];
