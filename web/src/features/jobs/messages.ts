// The messages of the jobs page: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.jobs': { zh: '后台任务', en: 'Jobs' },

  // ---- workbench ----
  'module.jobs.desc': {
    zh: '领域事件的投递、失败原因与重试，以及定时任务的运行情况',
    en: 'Delivery of domain events, failures and retries, and the recurring jobs',
  },

  // ---- jobs ----
  'jobs.status': { zh: '状态', en: 'Status' },
  'jobs.all': { zh: '全部', en: 'All' },
  'jobs.pending': { zh: '待处理', en: 'Pending' },
  'jobs.failed': { zh: '失败', en: 'Failed' },
  'jobs.retried': { zh: '重试过', en: 'Retried' },
  'jobs.done': { zh: '已完成', en: 'Done' },
  'jobs.name': { zh: '事件', en: 'Event' },
  'jobs.attempts': { zh: '尝试次数', en: 'Attempts' },
  'jobs.createdAt': { zh: '发生时间', en: 'Occurred' },
  'jobs.runAt': { zh: '下次尝试', en: 'Next attempt' },
  'jobs.error': { zh: '错误', en: 'Error' },
  'jobs.retry': { zh: '重试', en: 'Retry' },
  'jobs.refresh': { zh: '刷新', en: 'Refresh' },
  'jobs.retried.ok': { zh: '已重新排队，稍后投递', en: 'Queued again; it will be delivered shortly' },
  'jobs.recurring': { zh: '定时任务', en: 'Recurring jobs' },
  'jobs.every': { zh: '周期', en: 'Every' },
  'jobs.lastStartedAt': { zh: '最近开始', en: 'Last started' },
  'jobs.runs': { zh: '运行次数', en: 'Runs' },
  'jobs.failures': { zh: '失败次数', en: 'Failures' },
  'jobs.running': { zh: '运行中', en: 'Running' },
} satisfies Messages;
