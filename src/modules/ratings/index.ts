import type { TongbanModule } from '../../platform/module.ts';
import { ratingsRoutes } from './ratings.routes.ts';
import { ratingsJobs } from './ratings.jobs.ts';
import { ratingsSubscriptions, remedyOpened } from './ratings.events.ts';

export { ratingErrors } from './ratings.errors.ts';
export { figures, toShape, fromShape, isBad } from './ratings.codes.ts';
export { rateCase, defaultRatingsSweep, escalateOverdue, fillRemedyDeadlines, RATE } from './ratings.service.ts';
export { ratingStatistics, rawRatingStatistics, statisticsSql } from './ratings.stats.ts';
// 一键评价 of a bundle case: one rating given to every member case in the caller's transaction (ADR 0037).
export { rateCasesOnce, bundleRatingFigures } from './ratings.bundle.ts';
export { ratingsRoutes } from './ratings.routes.ts';
export { refreshRatingRollup } from './ratings.rollup.ts';
export { ratingsJobs } from './ratings.jobs.ts';
export { ratingsSubscriptions, remedyOpened } from './ratings.events.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'ratings.remedy': true;
    'ratings.supervise': true;
    'ratings.exchange': true;
  }
}

/** Ratings (好差评): rating cases, remedies, appeals, statistics and the national exchange. */
export const ratingsModule: TongbanModule = {
  name: 'ratings',
  routes: ratingsRoutes,
  permissions: [
    { permission: 'ratings.remedy', roles: ['reviewer'] },
    { permission: 'ratings.supervise', roles: ['supervisor'] },
    // A data officer exchanges its whole region's ratings.
    { permission: 'ratings.exchange', roles: ['data_officer'], regionWide: true },
  ],
  jobs: ratingsJobs,
  events: [remedyOpened],
  subscriptions: ratingsSubscriptions,
  tables: ['rating', 'rating_appeal', 'rating_rollup', 'rating_rollup_state', 'remedy'],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_ratings_case_rating'],
};
