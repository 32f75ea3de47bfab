// Published catalogue items for the browser tests, created through the API as an item admin would. Idempotent (by
// code), and independent of the demo catalogue: the codes start with E2E. Run on its own to fill a dev server:
//   node --import tsx tests/e2e/catalog-data.ts http://localhost:3055
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sampleContent } from '../support/catalog-fixtures.ts';
import type { ContentInput } from '../../src/modules/catalog/index.ts';
import type { Department as DepartmentView } from '../../src/modules/regions/index.ts';

const DEMO_PASSWORD = 'Demo@2026';

export interface SeededItem {
  id: number;
  code: string;
  name: string;
  departmentId: number;
}

export interface SeededCatalog {
  restaurant: SeededItem;
  restaurantXiangshan: SeededItem;
  socialCard: SeededItem;
  hygiene: SeededItem;
  licenseTypeCode: string;
}

class Client {
  constructor(
    readonly baseUrl: string,
    private token = '',
  ) {}

  async login(username: string): Promise<void> {
    const body = await this.call<{ token: string }>('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
    this.token = body.token;
  }

  async call<T>(method: string, path: string, body?: unknown, create = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (create) headers['idempotency-key'] = randomUUID();
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

type Department = Pick<DepartmentView, 'id' | 'name' | 'uscc'>;

async function ensureBaseItem(c: Client, code: string, name: string, itemType: string, legalBasis: string): Promise<number> {
  const { items } = await c.call<{ items: { id: number; code: string }[] }>('GET', `/api/catalog/base-items?q=${encodeURIComponent(code)}`);
  const found = items.find((b) => b.code === code);
  if (found) return found.id;
  const created = await c.call<{ id: number }>('POST', '/api/catalog/base-items', { code, name, itemType, useLevel: '3', legalBasis }, true);
  return created.id;
}

/** Creates the implementation when its code is new, and publishes it (submit, approve). */
async function ensurePublished(
  c: Client,
  input: { code: string; baseItemId: number; regionCode: string; departmentId: number; content: ContentInput },
): Promise<SeededItem> {
  const list = await c.call<{ items: { id: number; code: string; status: string }[] }>(
    'GET',
    `/api/catalog/implementations?q=${encodeURIComponent(input.code)}`,
  );
  let impl = list.items.find((i) => i.code === input.code);
  if (!impl) impl = await c.call<{ id: number; code: string; status: string }>('POST', '/api/catalog/implementations', input, true);
  if (impl.status !== 'published') {
    const detail = await c.call<{ versions: { version: number; status: string }[] }>('GET', `/api/catalog/implementations/${impl.id}`);
    let version = detail.versions[0].version;
    if (detail.versions[0].status === 'draft') {
      await c.call('POST', `/api/catalog/implementations/${impl.id}/submit`, { version });
      version++;
    }
    await c.call('POST', `/api/catalog/implementations/${impl.id}/approve`, { version, note: 'e2e' });
  }
  return { id: impl.id, code: input.code, name: String(input.content.name), departmentId: input.departmentId };
}

export async function seedCatalog(baseUrl: string): Promise<SeededCatalog> {
  const c = new Client(baseUrl);
  await c.login('itemadmin');
  const { items: departments } = await c.call<{ items: Department[] }>('GET', '/api/departments');
  const dept = (name: string) => {
    const d = departments.find((x) => x.name === name);
    if (!d) throw new Error(`no department ${name}`);
    return d;
  };
  const market = dept('淮北市市场监督管理局');
  const xiangshan = dept('相山区市场监督管理局');
  const hrss = dept('淮北市人力资源和社会保障局');
  const health = dept('淮北市卫生健康委员会');

  // 营业执照 as a licence type, so a material can come from the e-licence library.
  const licenseTypeCode = `${market.uscc}001`;
  const { items: types } = await c.call<{ items: { code: string }[] }>('GET', '/api/license-types');
  if (!types.some((x) => x.code === licenseTypeCode)) {
    await c.call('POST', '/api/license-types', { code: licenseTypeCode, name: '营业执照', definingBodyName: market.name, holderKind: 'organisation' }, true);
  }

  const food = await ensureBaseItem(c, 'E2EXK001', '食品经营许可', '01', '《中华人民共和国食品安全法》第三十五条');
  const card = await ensureBaseItem(c, 'E2EGG001', '社会保障卡申领', '20', '《社会保障卡管理办法》');
  const hygieneBase = await ensureBaseItem(c, 'E2EXK002', '公共场所卫生许可', '01', '《公共场所卫生管理条例》第八条');

  const restaurantContent = sampleContent({
    materials: [
      {
        key: 'application',
        name: '食品经营许可申请书',
        required: true,
        form: 'both',
        source: 'applicant',
        originals: 1,
        acceptanceStandard: '内容完整、签字盖章',
        legalBasis: '《食品经营许可管理办法》第十一条',
        pledgeAllowed: false,
      },
      {
        key: 'license',
        name: '营业执照',
        required: true,
        form: 'electronic',
        source: 'license',
        licenseTypeCode: licenseTypeCode,
        acceptanceStandard: '在有效期内',
        pledgeAllowed: false,
      },
      { key: 'layout', name: '经营场所平面布局图', required: true, form: 'paper', source: 'applicant', copies: 1, acceptanceStandard: '', pledgeAllowed: true },
    ],
    steps: [
      { key: 'accept', name: '受理', role: 'clerk', budgetDays: 1 },
      { key: 'review', name: '审查', role: 'reviewer', budgetDays: 5 },
      { key: 'decide', name: '决定', role: 'reviewer', budgetDays: 2 },
    ],
    form: {
      type: 'object',
      properties: {
        shopName: { type: 'string', title: '门店名称', description: '与营业执照一致', 'x-widget': 'text' },
        legalPersonId: { type: 'string', title: '法定代表人身份证号码', format: 'cn-id-number', 'x-widget': 'id-number' },
        seats: { type: 'number', title: '座位数', description: '就餐座位总数', 'x-widget': 'number' },
      },
      required: ['shopName', 'legalPersonId'],
      'x-order': ['shopName', 'legalPersonId', 'seats'],
    },
    responsibilityItems: ['受理责任：公示申请条件、法定期限和需要提交的材料', '审查责任：对申请材料进行审核'],
  });

  const restaurant = await ensurePublished(c, {
    code: 'E2E-340600-CY001',
    baseItemId: food,
    regionCode: '340600',
    departmentId: market.id,
    content: restaurantContent,
  });
  const restaurantXiangshan = await ensurePublished(c, {
    code: 'E2E-340603-CY001',
    baseItemId: food,
    regionCode: '340603',
    departmentId: xiangshan.id,
    content: { ...restaurantContent, promisedLimit: { value: 15, unit: 'working_day' }, visits: 1, place: '相山区政务服务中心一楼', onlineDepth: 3 },
  });
  const socialCard = await ensurePublished(c, {
    code: 'E2E-340600-SB001',
    baseItemId: card,
    regionCode: '340600',
    departmentId: hrss.id,
    content: sampleContent({
      name: '社会保障卡申领',
      aliases: ['社保卡办理'],
      keywords: ['社保卡', '社会保险'],
      legalBasis: '《社会保障卡管理办法》第十条',
      acceptanceConditions: '参加本市社会保险的人员。',
      caseType: '1',
      legalLimit: { value: 1, unit: 'working_day' },
      promisedLimit: { value: 1, unit: 'working_day' },
      resultName: '社会保障卡',
      resultType: 'other',
      serviceObjects: ['1'],
      topics: ['社会保障', '就业创业'],
      place: '淮北市人力资源和社会保障局服务大厅',
      materials: [
        {
          key: 'id',
          name: '居民身份证',
          required: true,
          form: 'paper',
          source: 'applicant',
          originals: 1,
          acceptanceStandard: '有效期内',
          pledgeAllowed: false,
        },
      ],
      steps: [{ key: 'accept', name: '受理并制卡', role: 'clerk', budgetDays: 1 }],
      form: {
        type: 'object',
        properties: { idNumber: { type: 'string', title: '身份证号码', description: '申领人本人', format: 'cn-id-number', 'x-widget': 'id-number' } },
        required: ['idNumber'],
      },
    }),
  });
  const hygiene = await ensurePublished(c, {
    code: 'E2E-340600-WS001',
    baseItemId: hygieneBase,
    regionCode: '340600',
    departmentId: health.id,
    content: sampleContent({
      name: '公共场所卫生许可证核发',
      aliases: [],
      keywords: ['卫生许可', '宾馆', '理发'],
      legalBasis: '《公共场所卫生管理条例》第八条',
      acceptanceConditions: '经营场所符合卫生标准。',
      resultName: '公共场所卫生许可证',
      topics: ['开办宾馆'],
      place: '淮北市卫生健康委员会',
      inHall: false,
      notInHallReason: '需现场卫生学评价',
      // steps of 6 working days against a promise of 5: a warning the inspection reports
      promisedLimit: { value: 5, unit: 'working_day' },
      fees: [{ name: '卫生检测费', standard: '按检测项目收取', basis: '《安徽省卫生检测收费标准》', waivable: false }],
      intermediaryServices: [{ name: '公共场所卫生检测', basis: '《公共场所卫生管理条例实施细则》第二十二条' }],
      materials: [
        {
          key: 'application',
          name: '公共场所卫生许可申请表',
          required: true,
          form: 'paper',
          source: 'applicant',
          originals: 1,
          acceptanceStandard: '填写完整并加盖公章',
          pledgeAllowed: false,
        },
        {
          key: 'report',
          name: '卫生检测报告',
          required: true,
          form: 'paper',
          source: 'department',
          sourceDepartment: '检测机构',
          originals: 1,
          acceptanceStandard: '一年内出具',
          pledgeAllowed: true,
        },
      ],
    }),
  });
  return { restaurant, restaurantXiangshan, socialCard, hygiene, licenseTypeCode };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? 'http://localhost:3000';
  seedCatalog(url).then(
    (seeded) => console.log(JSON.stringify(seeded, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
