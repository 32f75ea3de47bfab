import type { JobDefinition } from '../../platform/module.ts';
import { refreshRatingRollup } from './ratings.rollup.ts';
import { defaultRatingsSweep, escalateOverdue, fillRemedyDeadlines } from './ratings.service.ts';

/**
 * The ratings module's recurring jobs (the job runner, platform/jobs.ts, runs each round in one process): the rollup
 * every minute (and at start), the default ratings, the remedy deadlines left open for want of a calendar year and the
 * escalation of overdue remedies every hour, each on its own (one failing does not hold the others back).
 */
export const ratingsJobs: readonly JobDefinition[] = [
  { name: 'ratings.rollup', everyMs: 60_000, atStart: true, run: (db) => refreshRatingRollup(db) },
  {
    name: 'ratings.default-ratings',
    everyMs: 3_600_000,
    run: (db, ctx, config) => defaultRatingsSweep(db, ctx, { days: config.ratingDefaultDays, level: config.ratingDefaultLevel }),
  },
  { name: 'ratings.remedy-deadlines', everyMs: 3_600_000, run: (db, ctx, config) => fillRemedyDeadlines(db, ctx, config.remedyDays) },
  { name: 'ratings.remedy-escalation', everyMs: 3_600_000, run: (db, ctx) => escalateOverdue(db, ctx) },
];
