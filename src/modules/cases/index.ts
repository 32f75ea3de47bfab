import type { TongbanModule } from '../../platform/module.ts';
import { casesRoutes } from './cases.routes.ts';
import { pledgeRoutes } from './cases.pledges.routes.ts';
import { casesJobs } from './cases.jobs.ts';
import { masterKey, previousMasterKeys } from '../../platform/config.ts';
import { configureQueryCodes } from './cases.progress.ts';
import { caseDecided } from './cases.events.ts';
import { provideApplicationHistory } from '../rules/index.ts';
import { applicationsOfImplementation } from './cases.history.ts';

// The rules replay a new version over the historic applications of its item before it is published (ADR 0041): they
// read them through this, since the rules module may not import this one (which calls it).
provideApplicationHistory(applicationsOfImplementation);

export { caseErrors } from './cases.errors.ts';
export { computeClock, type Clock } from './clock.ts';
export { casesJobs, remindCalendarYear, runWarningSweep } from './cases.jobs.ts';
export { caseDetail } from './cases.views.ts';
export type { CaseView, CaseListItem } from './cases.types.ts';
export {
  CASE_ACTIONS,
  MATERIAL_MODES,
  CLOSED_STATUSES,
  CLOSED_STATUSES_SQL,
  isClosed,
  mayRateOnline,
  allowedActions,
  NEXT_ACTIONS,
  type NextAction,
} from './cases.state.ts';
export { casesRoutes } from './cases.routes.ts';
export { queryCodeOf } from './cases.progress.ts';
// Whether a case's agent may still act for its principal (ratings asks it in SQL).
export { actingAgentSql } from './cases.agent.ts';
// Called directly by scenario tests: acceptances at the same moment, the SQL plans of the batched statements.
export { applyForCase } from './cases.apply.ts';
export { acceptCase } from './cases.accept.ts';
export { ACCEPT_READ, ACCEPT_WRITE } from './cases.repository.ts';
// Bundles (一件事, ADR 0036): member cases are created, released and withdrawn only through these commands.
export { nextCaseNumber } from './cases.repository.ts';
export {
  resolveBundleApplicant,
  createCasesForBundle,
  releaseBundleMember,
  withdrawBundleMembers,
  casesOfBundles,
  bundleOfCase,
  caseNumberInTransaction,
  submitBundleMembers,
  supplyBundleMaterial,
  materialsOfBundle,
  type BundleApplicant,
  type BundleMemberInput,
} from './cases.bundle.ts';
// The general window's acts on a bundle's members, once for all (一窗受理, 一次性告知, 一窗出件; ADR 0037).
export {
  acceptBundleMembers,
  refuseBundleMembers,
  requestBundleCorrection,
  answerBundleCorrection,
  deliverBundleMembers,
  memberVersions,
  correctionTargets,
  clocksOfBundle,
  type BundleCorrectionItem,
} from './cases.bundle-window.ts';
export { caseDecided } from './cases.events.ts';

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
  routes: async (app, opts) => {
    await casesRoutes(app, opts);
    await pledgeRoutes(app, opts);
  },
  permissions: [
    { permission: 'cases.apply', roles: ['applicant_person', 'applicant_org', 'agent'] },
    // 前台综合受理: any clerk of the hall accepts every department's cases of its region.
    { permission: 'cases.accept', roles: ['clerk'], regionWide: true },
    { permission: 'cases.review', roles: ['reviewer'] },
    { permission: 'cases.extend', roles: ['supervisor'] },
    { permission: 'cases.supervise', roles: ['supervisor'] },
  ],
  jobs: casesJobs,
  events: [caseDecided],
  // The query code (查询码) of a case is keyed by the master key (ADR 0027); codes under previous keys still look up (ADR 0030).
  configure: (config) => configureQueryCodes(masterKey(config), previousMasterKeys(config)),
  tables: [
    'case_event',
    'case_lookup_failure',
    'case_material',
    'case_number_sequence',
    'case_pledge_breach',
    'case_pledge_check',
    'case_step',
    'service_case',
  ],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_cases_case', 'pub_cases_event'],
};
