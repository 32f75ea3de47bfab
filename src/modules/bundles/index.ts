import type { TongbanModule } from '../../platform/module.ts';
import { bundlesRoutes } from './bundles.routes.ts';
import { bundlesSubscriptions } from './bundles.cases.ts';

export { bundleErrors } from './bundles.errors.ts';
export {
  computeReductions,
  overallReductions,
  reductionPercent,
  dependencyOrder,
  longestPath,
  includedMembers,
  mergeForm,
  mergeMaterials,
  workingDays,
  type BundleDefinition,
  type MemberFacts,
  type Reductions,
  type OverallReductions,
} from './bundles.core.ts';
export {
  createBundle,
  updateDraft,
  startNewVersion,
  transition,
  getBundle,
  findBundleByCode,
  bundleDetail,
  listBundles,
  evaluate,
  preview,
  publicBundles,
  publicGuide,
  BUNDLE_ACTIONS,
  type BundleAction,
  type PinnedMember,
} from './bundles.service.ts';
export { bundleContentSchema, type BundleContent, type BundleContentInput } from './bundles.types.ts';
export { bundlesRoutes } from './bundles.routes.ts';
export { applyForBundle, withdrawBundleCase, bundleCaseDetail, myBundleCases, memberContext, onMemberDecided, type AppliedBundle } from './bundles.cases.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'bundles.edit': true;
    'bundles.review': true;
  }
}

/** Bundles (一件事一次办): definitions over published implementations, their merged form and materials, and reductions. */
export const bundlesModule: TongbanModule = {
  name: 'bundles',
  routes: bundlesRoutes,
  permissions: [
    { permission: 'bundles.edit', roles: ['item_admin'] },
    { permission: 'bundles.review', roles: ['item_admin'] },
  ],
  tables: ['bundle', 'bundle_case', 'bundle_version'],
  // ADR 0036: a member case decided releases the members that wait for it.
  subscriptions: bundlesSubscriptions,
  // Migration 0035 (ADR 0017, ADR 0031): the published bundles with their frozen reductions, and the versions.
  publishedViews: ['pub_bundles_bundle', 'pub_bundles_bundle_version'],
};
