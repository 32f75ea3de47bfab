// The messages of mandates (授权委托): Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- mandates (授权委托) ----
  'nav.mandates': { zh: '授权管理', en: 'Mandates' },
  'module.mandates.desc': {
    zh: '授权代理人代为申请，查看、撤销授权；代理人查看委托人',
    en: 'Let an agent apply for you, see and revoke; agents see their principals',
  },
  'mandate.grantTitle': { zh: '授权代理人', en: 'Grant an agent a mandate' },
  'mandate.grantHint': {
    zh: '受托的代理人可以您的名义申请所选事项，申请人信息取自您的账号；期限最长一年，可随时撤销。',
    en: 'The agent may apply in your name for the chosen items, with the applicant details of your account; at most a year, revocable at any time.',
  },
  'mandate.agentUsername': { zh: '代理人用户名', en: 'Agent’s username' },
  'mandate.agentUsernameHint': { zh: '请向代理人核实其登录用户名', en: 'Ask the agent for the username it signs in with' },
  'mandate.validUntil': { zh: '授权截止日期', en: 'Valid until' },
  'mandate.validUntilHint': { zh: '自今日起，最长一年', en: 'From today, at most one year' },
  'mandate.scope': { zh: '委托事项', en: 'Items' },
  'mandate.allItems': { zh: '全部事项', en: 'All items' },
  'mandate.someItems': { zh: '指定事项', en: 'Chosen items' },
  'mandate.itemCodes': { zh: '事项编码', en: 'Item codes' },
  'mandate.itemCodesHint': { zh: '输入实施清单编码，回车确认，可输入多个', en: 'Type an implementation code and press Enter; several allowed' },
  'mandate.grant': { zh: '确认授权', en: 'Grant' },
  'mandate.granted': { zh: '已授权', en: 'Mandate granted' },
  'mandate.grantedTitle': { zh: '我的授权', en: 'Mandates I granted' },
  'mandate.receivedTitle': { zh: '我的委托人', en: 'My principals' },
  'mandate.receivedHint': {
    zh: '以下申请人授权您代为申请；代理申请时从中选择委托人。',
    en: 'These applicants let you apply for them; choose one when you apply.',
  },
  'mandate.agent': { zh: '代理人', en: 'Agent' },
  'mandate.principal': { zh: '委托人', en: 'Principal' },
  'mandate.period': { zh: '授权期限', en: 'Period' },
  'mandate.origin': { zh: '授权方式', en: 'Made' },
  'mandate.origin.online': { zh: '网上授权', en: 'Online' },
  'mandate.origin.recorded': { zh: '窗口登记委托书', en: 'Recorded at a window' },
  'mandate.status.active': { zh: '有效', en: 'Active' },
  'mandate.status.revoked': { zh: '已撤销', en: 'Revoked' },
  'mandate.status.expired': { zh: '已过期', en: 'Expired' },
  'mandate.revoke': { zh: '撤销授权', en: 'Revoke' },
  'mandate.revokeConfirm': { zh: '撤销后 {name} 不能再以您的名义申请，确定撤销？', en: '{name} will no longer be able to apply in your name. Revoke?' },
  'mandate.revoked': { zh: '已撤销授权', en: 'Mandate revoked' },
  'mandate.none': { zh: '暂无授权', en: 'No mandates' },
  'mandate.noneReceived': { zh: '暂无委托人授权您', en: 'Nobody has given you a mandate yet' },
} satisfies Messages;
