import type { TongbanModule } from '../../platform/module.ts';
import { rulesRoutes } from './rules.routes.ts';

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
export { ruleContent } from './rules.types.ts';
export type { RecordedDecision } from './rules.types.ts';
export { recordedDecisionView } from './rules.types.ts';
export type { Decision, Outcome, RuleContent, RuleContentInput, RuleValues, TraceEntry, InputSource, RuleVersionView, RuleSetView } from './rules.types.ts';
export { rulesRoutes } from './rules.routes.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'rules.read': true;
    'rules.edit': true;
    'rules.publish': true;
  }
}

/** Rules (秒批秒报, 免申即享): versioned rule sets whose conditions cite their articles, and traced decisions (ADR 0034). */
export const rulesModule: TongbanModule = {
  name: 'rules',
  routes: rulesRoutes,
  permissions: [
    { permission: 'rules.read', roles: ['item_admin', 'reviewer', 'supervisor'] },
    // Department staff (reviewers) draft and test the criteria they apply; item admins publish (a published version
    // decides cases without a person).
    { permission: 'rules.edit', roles: ['item_admin', 'reviewer'] },
    { permission: 'rules.publish', roles: ['item_admin'] },
  ],
  tables: ['rule_set', 'rule_set_version', 'rule_decision'],
};
