// The messages of the workbench: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- navigation ----
  'nav.workbench': { zh: '工作台', en: 'Workbench' },

  // ---- workbench ----
  'workbench.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
  'workbench.roles': { zh: '您的角色', en: 'Your roles' },
  'workbench.noRoles': { zh: '尚未分配角色', en: 'No role assigned yet' },
  'workbench.modules': { zh: '功能模块', en: 'Modules' },
  'module.cases': { zh: '办件', en: 'Cases' },
  'module.cases.desc': { zh: '申请、受理、审批、办结与送达', en: 'Apply, accept, review, decide and deliver' },
  'module.licenses': { zh: '电子证照', en: 'E-licences' },
  'module.licenses.desc': { zh: '证照签发、核验与免证可办', en: 'Issue, verify and reuse licences' },
  'module.ratings': { zh: '好差评', en: 'Ratings' },
  'module.ratings.desc': { zh: '办件评价、差评整改与回访', en: 'Ratings, remedies and follow-up calls' },
  'module.sharing': { zh: '数据共享', en: 'Data sharing' },
  'module.sharing.desc': { zh: '数据目录、共享申请与接口调用', en: 'Data catalogue, sharing requests and calls' },
  'module.legal': { zh: '法治', en: 'Rule of law' },
  'module.legal.desc': {
    zh: '规范性文件、重大行政决策与合法性审核',
    en: 'Normative documents, major decisions and legality reviews',
  },
} satisfies Messages;
