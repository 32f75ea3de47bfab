export { caseErrors } from './cases.errors.ts';
export { computeClock, type Clock } from './clock.ts';
export { remindCalendarYear, runWarningSweep, startWarningTimer } from './cases.jobs.ts';
export { caseDetail } from './cases.views.ts';
export { casesRoutes } from './cases.routes.ts';
