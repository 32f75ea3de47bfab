// People's words for the audit log's action and target-type codes (issue 20: no internal codes on a page). The code
// stays the entry's identity: the page shows the label and keeps the code in the cell's tooltip and in the filter.
// tests/web/audit-labels.test.ts reads every action and target type the server writes and fails on one without a label.
// Types only: the unit test imports this file without the web's React tree.
import type { MessageKey } from '../features.ts';

/**
 * Each audit action's message. The case actions reuse the case timeline's words (cases/messages.ts `event.*`), which
 * name the same steps of the state machine; the rest are the audit log's own (audit/messages.ts `audit.action.*`).
 */
export const AUDIT_ACTION_LABELS: Record<string, MessageKey> = {
  // cases: the state machine (cases.state.ts CASE_ACTIONS, audited as `case.${action}`) and the rest of a case's life
  'case.create': 'event.created',
  'case.edit_draft': 'audit.action.case.edit_draft',
  'case.submit': 'event.submitted',
  'case.request_correction': 'event.correction_requested',
  'case.answer_correction': 'event.correction_answered',
  'case.accept': 'event.accepted',
  'case.refuse': 'event.refused',
  'case.supply_gap': 'event.gap_supplied',
  'case.claim': 'event.step_claimed',
  'case.complete_step': 'event.step_completed',
  'case.transfer_step': 'event.step_transferred',
  'case.start_special': 'event.special_started',
  'case.end_special': 'event.special_ended',
  'case.extend': 'event.extension_granted',
  'case.decide': 'event.decided',
  'case.deliver': 'event.delivered',
  'case.withdraw': 'event.withdrawn',
  'case.material.upload': 'audit.action.case.material.upload',
  'case.material.pledge': 'audit.action.case.material.pledge',
  'case.material.license': 'audit.action.case.material.license',
  'case.material.gap': 'audit.action.case.material.gap',
  'case.pledge_check': 'audit.action.case.pledge_check',
  'case.progress.failed': 'audit.action.case.progress.failed',
  // accounts and sign-in
  'auth.login': 'audit.action.auth.login',
  'auth.login.failed': 'audit.action.auth.login.failed',
  'auth.logout': 'audit.action.auth.logout',
  'auth.sms-code.send': 'audit.action.auth.sms-code.send',
  'auth.sms-code.failed': 'audit.action.auth.sms-code.failed',
  'user.create': 'audit.action.user.create',
  'user.register': 'audit.action.user.register',
  'user.update': 'audit.action.user.update',
  'user.password.set': 'audit.action.user.password.set',
  'token.create': 'audit.action.token.create',
  'token.revoke': 'audit.action.token.revoke',
  // catalogue
  'base_item.create': 'audit.action.base_item.create',
  'base_item.update': 'audit.action.base_item.update',
  'implementation.create': 'audit.action.implementation.create',
  'implementation.edit': 'audit.action.implementation.edit',
  'implementation.new-version': 'audit.action.implementation.new-version',
  'implementation.submit': 'audit.action.implementation.submit',
  'implementation.approve': 'audit.action.implementation.approve',
  'implementation.reject': 'audit.action.implementation.reject',
  'implementation.suspend': 'audit.action.implementation.suspend',
  'implementation.resume': 'audit.action.implementation.resume',
  'implementation.abolish': 'audit.action.implementation.abolish',
  'catalog.import': 'audit.action.catalog.import',
  'catalog.synonyms.replace': 'audit.action.catalog.synonyms.replace',
  // licences
  'license.issue': 'audit.action.license.issue',
  'license.new-version': 'audit.action.license.new-version',
  'license.suspend': 'audit.action.license.suspend',
  'license.reinstate': 'audit.action.license.reinstate',
  'license.revoke': 'audit.action.license.revoke',
  'license.expire': 'audit.action.license.expire',
  'license.fetch': 'audit.action.license.fetch',
  'license.import': 'audit.action.license.import',
  'license_type.create': 'audit.action.license_type.create',
  'license_type.update': 'audit.action.license_type.update',
  'seal_key.create': 'audit.action.seal_key.create',
  'trusted_key.add': 'audit.action.trusted_key.add',
  // ratings and remedies
  'rating.create': 'audit.action.rating.create',
  'rating.default': 'audit.action.rating.default',
  'rating.import': 'audit.action.rating.import',
  'rating.appeal': 'audit.action.rating.appeal',
  'rating.appeal.uphold': 'audit.action.rating.appeal.uphold',
  'rating.appeal.reject': 'audit.action.rating.appeal.reject',
  'remedy.classify': 'audit.action.remedy.classify',
  'remedy.reply': 'audit.action.remedy.reply',
  'remedy.follow-up': 'audit.action.remedy.follow-up',
  'remedy.close': 'audit.action.remedy.close',
  'remedy.deadline': 'audit.action.remedy.deadline',
  'remedy.escalate': 'audit.action.remedy.escalate',
  // mandates, regions, platform
  'mandate.grant': 'audit.action.mandate.grant',
  'mandate.record': 'audit.action.mandate.record',
  'mandate.revoke': 'audit.action.mandate.revoke',
  'mandate.document': 'audit.action.mandate.document',
  'department.create': 'audit.action.department.create',
  'department.update': 'audit.action.department.update',
  'calendar.day.update': 'audit.action.calendar.day.update',
  'calendar.import': 'audit.action.calendar.import',
  'job.retry': 'audit.action.job.retry',
};

/** Each target type's message (audit/messages.ts `audit.target.*`). */
export const AUDIT_TARGET_LABELS: Record<string, MessageKey> = {
  api_token: 'audit.target.api_token',
  base_item: 'audit.target.base_item',
  calendar: 'audit.target.calendar',
  calendar_day: 'audit.target.calendar_day',
  case: 'audit.target.case',
  case_lookup: 'audit.target.case_lookup',
  catalog_import: 'audit.target.catalog_import',
  department: 'audit.target.department',
  file: 'audit.target.file',
  implementation: 'audit.target.implementation',
  license: 'audit.target.license',
  license_batch: 'audit.target.license_batch',
  license_type: 'audit.target.license_type',
  mandate: 'audit.target.mandate',
  outbox_event: 'audit.target.outbox_event',
  rating: 'audit.target.rating',
  rating_batch: 'audit.target.rating_batch',
  remedy: 'audit.target.remedy',
  seal_key: 'audit.target.seal_key',
  search_synonym: 'audit.target.search_synonym',
  session: 'audit.target.session',
  sms_code: 'audit.target.sms_code',
  trusted_key: 'audit.target.trusted_key',
  user: 'audit.target.user',
};

/** A code in people's words by `labels`; a code the web does not know yet shows as itself. */
export const labelOf = (labels: Record<string, MessageKey>, code: string, t: (key: MessageKey) => string): string =>
  Object.hasOwn(labels, code) ? t(labels[code]) : code;
