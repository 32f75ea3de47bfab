export { ratingErrors } from './ratings.errors.ts';
export { figures, toShape, fromShape, isBad } from './ratings.codes.ts';
export { rateCase, defaultRatingsSweep, escalateOverdue, fillRemedyDeadlines } from './ratings.service.ts';
export { ratingStatistics, rawRatingStatistics, statisticsSql } from './ratings.stats.ts';
export { ratingsRoutes } from './ratings.routes.ts';
export { refreshRatingRollup, startRatingRollup } from './ratings.rollup.ts';
