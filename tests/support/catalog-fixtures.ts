import type { ContentInput } from '../../src/modules/catalog/index.ts';

/** A complete implementation content: every required element filled, one material, two steps, a small form. */
export function sampleContent(overrides: Partial<ContentInput> = {}): ContentInput {
  return {
    name: '食品经营许可证核发（餐饮服务）',
    aliases: ['餐饮许可'],
    keywords: ['饭店', '餐馆'],
    legalBasis: '《中华人民共和国食品安全法》第三十五条',
    acceptanceConditions: '申请人具有与经营的食品品种、数量相适应的经营场所。',
    caseType: '2',
    legalLimit: { value: 20, unit: 'working_day' },
    promisedLimit: { value: 10, unit: 'working_day' },
    visits: 0,
    handlingForms: ['1', '2'],
    onlineDepth: 4,
    express: true,
    fees: [],
    resultName: '食品经营许可证',
    resultType: 'approval',
    serviceObjects: ['2'],
    topics: ['开办餐饮店'],
    place: '淮北市政务服务中心二楼综合窗口',
    hours: '周一至周五 9:00-12:00, 13:30-17:00',
    consultation: '0561-3000000',
    complaint: '12345',
    materials: [
      {
        key: 'application',
        name: '食品经营许可申请书',
        required: true,
        form: 'electronic',
        source: 'applicant',
        acceptanceStandard: '内容完整、签字盖章',
        pledgeAllowed: false,
      },
    ],
    steps: [
      { key: 'accept', name: '受理', role: 'clerk', budgetDays: 1 },
      { key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 },
    ],
    form: {
      type: 'object',
      properties: {
        shopName: { type: 'string', title: '门店名称', description: '与营业执照一致', 'x-widget': 'text' },
        contactPhone: { type: 'string', title: '联系电话', description: '接收短信通知', format: 'cn-mobile', 'x-widget': 'phone' },
      },
      required: ['shopName'],
    },
    ...overrides,
  };
}
