// The messages of the public home page: Chinese first, English second.
import type { Messages } from '../feature.ts';

export const messages = {
  // ---- public home ----
  'home.intro': {
    zh: '一网通办是面向城市政务服务局的开源政务服务平台：事项目录、办件受理与审批、电子证照、好差评、数据共享和法治政府建设，在同一个平台上完成。',
    en: 'tongban is an open-source platform for city government-service bureaus: the service catalogue, case handling, e-licences, ratings, data sharing and rule of law, all in one place.',
  },
  'home.searchPlaceholder': { zh: '搜索政务服务事项，如“营业执照”', en: 'Search services, e.g. "business licence"' },
  'home.searchHint': { zh: '热门：', en: 'Popular: ' },
  'home.feature.find': { zh: '一网通查', en: 'Find' },
  'home.feature.findText': { zh: '统一的事项目录与办事指南', en: 'One catalogue of services and guides' },
  'home.feature.apply': { zh: '一网通办', en: 'Apply' },
  'home.feature.applyText': { zh: '综合窗口受理，部门分类审批', en: 'One window accepts, departments decide' },
  'home.feature.rate': { zh: '好差评', en: 'Rate' },
  'home.feature.rateText': { zh: '每一件办件都可评价、可整改', en: 'Every case can be rated and remedied' },
  'home.checkTitle': { zh: '证件号码校验', en: 'Check an ID number' },
  'home.checkIntro': {
    zh: '校验公民身份号码（GB 11643）或统一社会信用代码（GB 32100）的校验位。',
    en: 'Checks the check character of a citizen ID number (GB 11643) or a unified social credit code (GB 32100).',
  },
  'home.checkType.id': { zh: '公民身份号码', en: 'Citizen ID number' },
  'home.checkType.uscc': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'home.checkPlaceholder': { zh: '请输入 18 位号码', en: 'Enter the 18-character code' },
  'home.checkSubmit': { zh: '校验', en: 'Check' },
  'home.valid': { zh: '有效', en: 'Valid' },
  'home.invalid': { zh: '无效', en: 'Invalid' },
  'home.goWorkbench': { zh: '进入工作台', en: 'Open workbench' },
  'home.footer': { zh: '一网通办 · 开源政务服务平台（Apache-2.0）', en: 'tongban · open-source government-service platform (Apache-2.0)' },
} satisfies Messages;
