import type { JobDefinition } from '../../platform/module.ts';
import { lapseExpired, noticeExpiring } from './legal.service.ts';

/**
 * The rule-of-law module's recurring job, hourly and at start: documents past their last day lapse (自然失效), and
 * those entering their last six months are announced once to their legal officers.
 */
export const legalJobs: readonly JobDefinition[] = [
  {
    name: 'legal.lapse',
    everyMs: 3_600_000,
    atStart: true,
    run: async (db, ctx) => ({ lapsed: await lapseExpired(db, ctx), announced: await noticeExpiring(db, ctx) }),
  },
];
