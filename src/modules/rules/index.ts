import type { TongbanModule } from '../../platform/module.ts';
import { rulesRoutes } from './rules.routes.ts';
import { policiesRoutes } from './policies.routes.ts';
import { policyJobs } from './policies.match.ts';

export { ruleErrors } from './rules.errors.ts';
export { decide, explain, checkDefinition, runGoldenCases, versionHash, type DecidableVersion, type RuleWorld, type DefinitionProblem } from './rules.core.ts';
export { zenEngine, type RuleEngine } from './rules.engine.ts';
export {
  getRuleSet,
  ruleSetDetail,
  listRuleSets,
  createRuleSet,
  ownerOf,
  updateDraft,
  publish,
  retire,
  startNewVersion,
  runGolden,
  testInputs,
  publishedRulesFor,
  recordDecision,
  decisionsOfCase,
  publicRuleSets,
  ruleSetScope,
} from './rules.service.ts';
export {
  setInstantApproval,
  mayDecideInstantly,
  instantRulesFor,
  decideForCase,
  recordedDecisionsOfCase,
  readInputs,
  profileOf,
  type CaseDecision,
  type RuleApplicant,
} from './rules.instant.ts';
export { soleTraderRules } from './rules.demo.ts';
export { replay, provideApplicationHistory, type HistoricApplication, type ApplicationHistory } from './rules.replay.ts';
export { ruleContent } from './rules.types.ts';
export type { RecordedDecision } from './rules.types.ts';
export { recordedDecisionView } from './rules.types.ts';
export type { Decision, Outcome, RuleContent, RuleContentInput, RuleValues, TraceEntry, InputSource, RuleVersionView, RuleSetView } from './rules.types.ts';
export { rulesRoutes } from './rules.routes.ts';
// 惠企政策 and 免申即享 (ADR 0038): the policy library, profiles, matching and benefits.
export { policiesRoutes } from './policies.routes.ts';
export { createPolicy, publishPolicy, getPolicy, policiesInForce } from './policies.service.ts';
export { runMatch, actOnBenefit, policyJobs } from './policies.match.ts';
export { assembleProfile, setTags, storeProfiles } from './policies.profiles.ts';
export { compilePolicies, matchAll, eligibilityOf, type ProfileFacts, type DecidablePolicy } from './policies.core.ts';
export { policyContent, type PolicyContentInput, type CreatePolicyInput, type PolicyView } from './policies.types.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'rules.read': true;
    'rules.edit': true;
    'rules.publish': true;
    'policies.read': true;
    'policies.edit': true;
    'policies.publish': true;
    'profiles.read': true;
    'profiles.tag': true;
    'benefits.read': true;
    'benefits.handle': true;
    'policies.own': true;
  }
}

/** Rules (秒批秒报, 免申即享): versioned rule sets whose conditions cite their articles, and traced decisions (ADR 0034). */
export const rulesModule: TongbanModule = {
  name: 'rules',
  routes: async (app, opts) => {
    await rulesRoutes(app, opts);
    await policiesRoutes(app, opts);
  },
  jobs: policyJobs,
  permissions: [
    { permission: 'rules.read', roles: ['item_admin', 'reviewer', 'supervisor'] },
    // Department staff (reviewers) draft and test the criteria they apply; item admins publish (a published version
    // decides cases without a person).
    { permission: 'rules.edit', roles: ['item_admin', 'reviewer'] },
    { permission: 'rules.publish', roles: ['item_admin'] },
    // 惠企政策 (ADR 0038): departments draft their policies, item admins publish; the window, reviewers and supervisors
    // read a subject's profile within its region, reviewers tag it; the policy's department confirms and pays benefits.
    { permission: 'policies.read', roles: ['item_admin', 'reviewer', 'supervisor'] },
    { permission: 'policies.edit', roles: ['item_admin', 'reviewer'] },
    { permission: 'policies.publish', roles: ['item_admin'] },
    { permission: 'profiles.read', roles: ['clerk', 'reviewer', 'supervisor'] },
    { permission: 'profiles.tag', roles: ['reviewer'] },
    { permission: 'benefits.read', roles: ['reviewer', 'supervisor'] },
    { permission: 'benefits.handle', roles: ['reviewer'] },
    // An applicant's own profile, "which policies can I get" and benefits.
    { permission: 'policies.own', roles: ['applicant_org', 'applicant_person'] },
  ],
  tables: ['rule_set', 'rule_set_version', 'rule_decision', 'policy', 'policy_profile', 'policy_benefit', 'policy_payout'],
};
