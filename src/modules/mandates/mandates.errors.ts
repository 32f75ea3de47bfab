import { defineErrors } from '../../platform/errors.ts';

export const mandateErrors = defineErrors({
  MANDATE_NOT_FOUND: { status: 404, zh: '授权委托不存在', en: 'Unknown mandate' },
  MANDATE_NOT_PRINCIPAL: {
    status: 403,
    zh: '只有申请人本人（个人或法人账号）可以授权委托',
    en: 'Only an applicant (person or organisation account) can grant a mandate',
  },
  MANDATE_NOT_AGENT: { status: 403, zh: '只有代理人账号可以查看受托情况', en: 'Only an agent account has mandates to act under' },
  MANDATE_AGENT_INVALID: { status: 400, zh: '受托人须为有效的代理人账号', en: 'The agent must be an active agent account' },
  MANDATE_PRINCIPAL_INVALID: {
    status: 400,
    zh: '委托人须为已注册的申请人账号，且姓名（名称）与证件号码一致',
    en: 'The principal must be a registered applicant account whose name matches the ID number',
  },
  MANDATE_PERIOD_INVALID: {
    status: 400,
    zh: '委托期限须自今日或以后开始，且不超过一年',
    en: 'The period must start today or later and last at most one year',
  },
  MANDATE_ITEM_UNKNOWN: { status: 400, zh: '委托事项不存在', en: 'An item of the mandate does not exist' },
  MANDATE_DOCUMENT_MISSING: { status: 400, zh: '请先上传经签字的授权委托书', en: 'Upload the signed authorisation document first' },
  MANDATE_NOT_ACTIVE: { status: 409, zh: '该授权委托已撤销或已过期', en: 'This mandate is revoked or expired' },
  MANDATE_VERSION_CONFLICT: { status: 409, zh: '授权委托已被修改，请刷新后重试', en: 'The mandate changed meanwhile; reload and try again' },
  MANDATE_PRINCIPAL_REQUIRED: { status: 400, zh: '代理申请须选择委托人', en: 'An agent applies for a principal: choose one' },
  MANDATE_NOT_GRANTED: {
    status: 403,
    zh: '没有该委托人对本事项的有效授权委托（未授权、已撤销或已过期）',
    en: 'No active mandate of this principal covers this item (never granted, revoked or expired)',
  },
});
