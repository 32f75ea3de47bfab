// 办件进度查询 without an account: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  'nav.progress': { zh: '办件进度查询', en: 'Case progress' },
  'progress.title': { zh: '办件进度查询', en: 'Look up a case' },
  'progress.intro': {
    zh: '凭申请材料接收回执或受理通知书上的办件编号和查询码，无需登录即可查询办理进度。',
    en: 'With the case number and the query code on your receipt or acceptance notice, see where your case stands; no sign-in needed.',
  },
  'progress.number': { zh: '办件编号', en: 'Case number' },
  'progress.numberRule': { zh: '办件编号为 20 位数字', en: 'A case number has 20 digits' },
  'progress.code': { zh: '查询码', en: 'Query code' },
  'progress.codeRule': { zh: '请输入回执上的 8 位查询码', en: 'Enter the 8-character code on the receipt' },
  'progress.submit': { zh: '查询', en: 'Look up' },
  'progress.item': { zh: '事项名称', en: 'Service item' },
  'progress.department': { zh: '办理部门', en: 'Department' },
  'progress.status': { zh: '办理状态', en: 'Status' },
  'progress.receivedOn': { zh: '收件日期', en: 'Received' },
  'progress.acceptedOn': { zh: '受理日期', en: 'Accepted' },
  'progress.deadline': { zh: '承诺办结日期', en: 'Promised by' },
  'progress.decidedOn': { zh: '办结日期', en: 'Closed' },
  'progress.paused': { zh: '办理时限暂停计算中（补正或特别程序）', en: 'The clock is paused (a correction or a special procedure)' },
  'progress.steps': { zh: '办理过程', en: 'Progress' },
  'progress.notYet': { zh: '尚未确定', en: 'Not yet' },
} satisfies Messages;
