import type { TongbanModule } from '../../platform/module.ts';
import { casesRoutes } from './cases.routes.ts';
import { casesJobs } from './cases.jobs.ts';

export { caseErrors } from './cases.errors.ts';
export { computeClock, type Clock } from './clock.ts';
export { casesJobs, remindCalendarYear, runWarningSweep } from './cases.jobs.ts';
export { caseDetail } from './cases.views.ts';
export type { CaseView, CaseListItem } from './cases.types.ts';
export { CLOSED_STATUSES, CLOSED_STATUSES_SQL, isClosed, mayRateOnline, allowedActions, NEXT_ACTIONS, type NextAction } from './cases.state.ts';
export { casesRoutes } from './cases.routes.ts';
// Called directly by scenario tests: acceptances at the same moment, the SQL plans of the batched statements.
export { applyForCase } from './cases.apply.ts';
export { acceptCase } from './cases.accept.ts';
export { ACCEPT_READ, ACCEPT_WRITE } from './cases.repository.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'cases.apply': true;
    'cases.accept': true;
    'cases.review': true;
    'cases.extend': true;
    'cases.supervise': true;
  }
}

/** Cases (办件): applying, acceptance, review, the statutory clock, notices. */
export const casesModule: TongbanModule = {
  name: 'cases',
  routes: casesRoutes,
  permissions: [
    { permission: 'cases.apply', roles: ['applicant_person', 'applicant_org', 'agent'] },
    // 前台综合受理: any clerk of the hall accepts every department's cases of its region.
    { permission: 'cases.accept', roles: ['clerk'], regionWide: true },
    { permission: 'cases.review', roles: ['reviewer'] },
    { permission: 'cases.extend', roles: ['supervisor'] },
    { permission: 'cases.supervise', roles: ['supervisor'] },
  ],
  jobs: casesJobs,
  tables: ['case_event', 'case_material', 'case_number_sequence', 'case_step', 'service_case'],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_cases_case', 'pub_cases_event'],
};
