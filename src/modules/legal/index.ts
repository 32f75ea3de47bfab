import type { TongbanModule } from '../../platform/module.ts';
import { legalRoutes } from './legal.routes.ts';
import { legalJobs } from './legal.jobs.ts';
import { seedDemoLegal } from './legal.demo.ts';

export { legalErrors } from './legal.errors.ts';
export {
  DOCUMENT_STATUSES,
  DOCUMENT_ACTIONS,
  DECISION_STEPS,
  transitionOf,
  commentPeriod,
  reviewClock,
  formatNumber,
  validUntil,
  validityOn,
  articleDiff,
  missingSteps,
  type Article,
  type DocumentStatus,
  type DecisionStep,
} from './legal.core.ts';
export { getDocument, documentDetail, publicLibrary, publicCatalogue, lapseExpired } from './legal.service.ts';
export { legalRoutes } from './legal.routes.ts';
export { reviewCounts } from './legal.reviews.ts';
export { publicCleanups } from './legal.cleanup.ts';
export { legalJobs } from './legal.jobs.ts';
export { DEMO_DOCUMENTS } from './legal.demo.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'legal.read': true;
    'legal.edit': true;
  }
}

/**
 * Rule of law (法治): normative documents (行政规范性文件) from drafting through public comment, legality review,
 * deliberation, unified numbering, publication, filing and validity; major decisions (重大行政决策) through the five
 * steps of 国务院令第713号; the public library and comment pages (ADR 0040).
 */
export const legalModule: TongbanModule = {
  name: 'legal',
  routes: legalRoutes,
  permissions: [
    // The legal office (司法局) reviews every department's documents in its region: region-wide.
    { permission: 'legal.read', roles: ['legal_officer', 'supervisor'], regionWide: true },
    { permission: 'legal.edit', roles: ['legal_officer'], regionWide: true },
  ],
  jobs: legalJobs,
  seedDemo: seedDemoLegal,
  tables: [
    'legal_document',
    'legal_document_version',
    'legal_document_step',
    'legal_comment',
    'legal_number_sequence',
    'legal_decision',
    'legal_decision_step',
    'legal_cleanup',
    'legal_cleanup_item',
    'legal_adviser',
    'legal_review',
    'legal_meeting',
    'legal_training',
    'legal_duty',
    'legal_decision_evaluation',
  ],
};
