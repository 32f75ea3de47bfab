import ExcelJS from 'exceljs';
import {
  BASE_COLUMNS,
  BASE_SHEET,
  contentSchema,
  formatCell,
  IMPL_COLUMNS,
  IMPL_SHEET,
  MATERIAL_COLUMNS,
  MATERIAL_SHEET,
  type ContentInput,
} from '../../src/modules/catalog/index.ts';
import { makeUscc } from '../../src/platform/identity.ts';

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

const MARKET = makeUscc('11', '340600', '00300002');

function getPath(o: Record<string, unknown>, key: string): unknown {
  const [a, b] = key.split('.');
  return b ? (o[a] as Record<string, unknown> | undefined)?.[b] : o[a];
}

/** A workbook of `n` base items with one implementation each (2n rows); `spoil` may damage chosen rows. */
export async function catalogWorkbook(n: number, spoil: (i: number, row: Record<string, unknown>) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const base = wb.addWorksheet(BASE_SHEET);
  base.addRow(BASE_COLUMNS.map((c) => c.header));
  const impl = wb.addWorksheet(IMPL_SHEET);
  impl.addRow(IMPL_COLUMNS.map((c) => c.header));
  const materials = wb.addWorksheet(MATERIAL_SHEET);
  materials.addRow(MATERIAL_COLUMNS.map((c) => c.header));
  const content = contentSchema.parse(sampleContent());
  for (let i = 0; i < n; i++) {
    const baseCode = `XK2${String(i).padStart(5, '0')}`;
    base.addRow([baseCode, `食品经营许可 ${i}`, '01', '3', '《食品安全法》', '']);
    const row: Record<string, unknown> = {
      ...content,
      code: `IMP-${String(i).padStart(5, '0')}`,
      baseCode,
      regionCode: '340600',
      departmentUscc: MARKET,
      name: `食品经营许可证核发 ${i}`,
    };
    spoil(i, row);
    impl.addRow(IMPL_COLUMNS.map((c) => formatCell(c, getPath(row, c.key))));
    if (n <= 100)
      materials.addRow(
        MATERIAL_COLUMNS.map((c) =>
          formatCell(
            c,
            c.key === 'implementationCode'
              ? row.code
              : c.key === 'form'
                ? '电子'
                : c.key === 'source'
                  ? '申请人自备'
                  : getPath(content.materials[0] as unknown as Record<string, unknown>, c.key),
          ),
        ),
      );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An implementation content for case journeys: a pledgeable material, an optional one, two reviewer steps. */
export function caseContentFixture(overrides: Partial<ContentInput> = {}): ContentInput {
  const base = sampleContent();
  return sampleContent({
    materials: [
      { ...base.materials![0], key: 'application', name: '食品经营许可申请书', required: true },
      {
        key: 'premises',
        name: '经营场所使用证明',
        required: true,
        form: 'electronic',
        source: 'applicant',
        acceptanceStandard: '房产证明或租赁合同',
        pledgeAllowed: true,
      },
      {
        key: 'layout',
        name: '经营场所平面布局图',
        required: false,
        form: 'electronic',
        source: 'applicant',
        acceptanceStandard: '标明功能分区',
        pledgeAllowed: false,
      },
    ],
    steps: [
      { key: 'accept', name: '受理', role: 'clerk', budgetDays: 1 },
      { key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 },
      // One reviewer may take both steps of these journeys; separation of duties (on for 决定 unless a step says
      // otherwise) has its own scenario: tests/scenarios/item-type-and-duties.test.ts.
      { key: 'decide', name: '决定', role: 'reviewer', budgetDays: 2, separateDuties: false },
    ],
    ...overrides,
  });
}
