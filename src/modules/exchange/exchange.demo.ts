import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { systemContext } from '../../platform/context.ts';
import { idNumberCheckChar } from '../../platform/identity.ts';
import { createResource, createToken, decideGrant, requestSharing, transitionResource } from './exchange.service.ts';
import { loadRecords } from './exchange.collect.ts';
import { fileDemand } from './exchange.demands.ts';
import { createEndpoint, mountResource } from './exchange.endpoints.ts';
import { sealCalls, serveCall } from './exchange.calls.ts';
import type { CreateResourceInput } from './exchange.types.ts';
import type { ResourceField } from './exchange.core.ts';

/** A demo 公民身份号码 of 相山区 born on `birth` (valid check character). */
export function demoPersonId(birth: string, seq: number): string {
  const first17 = `340603${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A field of a demo resource: text and optional unless said. */
const field = (key: string, name: string, type: ResourceField['type'] = 'string', required = false): ResourceField => ({ key, name, type, required });
/** The key field most resources share. */
const ID_NUMBER = field('id_number', '公民身份号码', 'string', true);

/** The demo catalogue: 人口 (police, conditional), 市场主体 (market, open), 社保参保 (hrss, conditional), 医保 (closed). */
export function demoResources(ids: { police: number; market: number; hrss: number; medical: number }): CreateResourceInput[] {
  const common = { format: '数据库', sharingMethod: 'interface' as const, sharingConditions: null, releaseDate: null };
  return [
    {
      ...common,
      classification: '101001',
      sequence: '1',
      name: '人口基本信息',
      departmentId: ids.police,
      summary: '户籍人口的姓名、公民身份号码、性别、出生日期、户籍地址和联系电话',
      fields: [
        ID_NUMBER,
        field('name', '姓名', 'string', true),
        field('gender', '性别'),
        field('birth_date', '出生日期', 'date'),
        field('address', '户籍地址'),
        field('phone', '联系电话'),
      ],
      keyField: 'id_number',
      sharing: 'conditional',
      sharingBasis: '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）；《中华人民共和国个人信息保护法》第三十四条',
      sharingConditions: '用于依法履职的政务服务事项办理，按最小必要原则申请信息项',
      openAttribute: 'closed',
      updateCycle: '实时',
    },
    {
      ...common,
      classification: '201002',
      sequence: '1',
      name: '市场主体登记信息',
      departmentId: ids.market,
      summary: '企业和个体工商户的名称、统一社会信用代码、类型、法定代表人、成立日期和登记状态',
      fields: [
        field('uscc', '统一社会信用代码', 'string', true),
        field('name', '名称', 'string', true),
        field('kind', '市场主体类型'),
        field('legal_rep', '法定代表人'),
        field('established_on', '成立日期', 'date'),
        field('status', '登记状态'),
      ],
      keyField: 'uscc',
      sharing: 'open',
      sharingBasis: null,
      openAttribute: 'open',
      updateCycle: '每日',
    },
    {
      ...common,
      classification: '301003',
      sequence: '1',
      name: '社会保险参保信息',
      departmentId: ids.hrss,
      summary: '参保人员的险种、参保状态、参保单位和缴费月数',
      fields: [ID_NUMBER, field('insurance', '险种', 'string', true), field('status', '参保状态'), field('months', '累计缴费月数', 'integer')],
      keyField: 'id_number',
      sharing: 'conditional',
      sharingBasis: '《社会保险法》；国发〔2016〕51号',
      openAttribute: 'conditional',
      updateCycle: '每月',
    },
    {
      ...common,
      classification: '301004',
      sequence: '1',
      name: '医疗保障结算明细',
      departmentId: ids.medical,
      summary: '参保人员就医结算明细（含诊疗信息）',
      fields: [ID_NUMBER, field('amount', '结算金额', 'number')],
      keyField: 'id_number',
      sharing: 'closed',
      sharingBasis: '涉及个人健康信息，依《个人信息保护法》第二十八条不予共享',
      openAttribute: 'closed',
      updateCycle: '每日',
    },
  ];
}

/**
 * The demo exchange: the catalogue above published (the market resource mounted, police's loaded with ten people,
 * 人社's 参保信息 mounted to its system's registered endpoint),
 * the market department's request of 人口基本信息 granted with the ID number and phone masked, its data demand to the
 * police, its machine token and a few calls (answered, outside the grant, with a bad token), sealed into the chain. Idempotent.
 */
export async function seedDemoExchange(db: Db): Promise<void> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM exchange_resource`);
  if (Number(n) > 0) return;
  const depts = await queryRows<{ id: number; name: string; region_code: string }>(
    db,
    sql`SELECT id::int AS id, name, region_code FROM pub_regions_department`,
  );
  const byName = (name: string) => depts.find((d) => d.name === name);
  const police = byName('淮北市公安局');
  const market = byName('淮北市市场监督管理局');
  const hrss = byName('淮北市人力资源和社会保障局');
  const medical = byName('淮北市医疗保障局');
  if (!police || !market || !hrss || !medical) return;
  const ctx = systemContext('demo-seed');
  const created = [];
  for (const input of demoResources({ police: police.id, market: market.id, hrss: hrss.id, medical: medical.id })) {
    const dept = depts.find((d) => d.id === input.departmentId)!;
    const r = await db.transaction(async (tx) => {
      const c = await createResource(tx, ctx, input, { regionCode: dept.region_code, departmentId: dept.id });
      const s = await transitionResource(tx, ctx, c.id, 'submit', c.version);
      return transitionResource(tx, ctx, c.id, 'publish', s.version);
    });
    created.push(r);
  }
  const [people, companies, insured] = created;
  // 人社's own system serves its 参保信息 through a registered endpoint (挂载 to the 前置机, not a collected table).
  await db.transaction(async (tx) => {
    const endpoint = await createEndpoint(
      tx,
      ctx,
      {
        departmentId: hrss.id,
        name: '社保核心系统 · 参保信息查询',
        baseUrl: 'http://10.34.6.21:8080/api/si/insured',
        method: 'GET',
        keyParam: 'sfzh',
        timeoutMs: 3000,
      },
      { regionCode: hrss.region_code, departmentId: hrss.id },
    );
    await mountResource(tx, ctx, insured.id, { version: insured.version, endpointId: endpoint.id });
  });
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞'];
  const rows = names.map((name, i) => ({
    id_number: demoPersonId(`19${80 + i}0${(i % 9) + 1}1${i}`, 200 + i),
    name,
    gender: i % 2 ? '女' : '男',
    birth_date: `19${80 + i}-0${(i % 9) + 1}-1${i}`,
    address: `安徽省淮北市相山区人民路${10 + i}号`,
    phone: `1390561${String(2000 + i)}`,
  }));
  await loadRecords(db, ctx, people, {
    format: 'jsonl',
    mode: 'all_or_nothing',
    declaredCount: rows.length,
    text: rows.map((r) => JSON.stringify(r)).join('\n'),
  });
  await loadRecords(db, ctx, companies, {
    format: 'csv',
    mode: 'all_or_nothing',
    declaredCount: 1,
    text: 'uscc,name,kind,legal_rep,established_on,status\n91340603MA2T0001X0,淮北市相山区味道餐饮有限公司,有限责任公司,周小明,2021-05-18,存续\n',
  });
  const year = new Date().getUTCFullYear();
  const grant = await db.transaction(async (tx) => {
    const g = await requestSharing(
      tx,
      ctx,
      {
        resourceId: people.id,
        purpose: '个体工商户设立登记时核验经营者身份',
        legalBasis: '《市场主体登记管理条例》第十六条',
        fields: ['id_number', 'name', 'gender', 'phone'],
        periodFrom: `${year}-01-01`,
        periodTo: `${year + 1}-12-31`,
        expectedVolume: 3000,
      },
      { regionCode: market.region_code, departmentId: market.id },
    );
    return decideGrant(tx, ctx, g.id, {
      version: g.version,
      allowedFields: ['id_number', 'name', 'phone'],
      masks: [
        { field: 'id_number', mask: 'id_number' },
        { field: 'phone', mask: 'phone' },
      ],
      ratePerMinute: 600,
    });
  });
  // A request still waiting for the police's reply, so the provider's queue is not empty.
  await db.transaction((tx) =>
    requestSharing(
      tx,
      ctx,
      {
        resourceId: people.id,
        purpose: '就业登记时核验劳动者身份',
        legalBasis: '《就业服务与就业管理规定》',
        fields: ['id_number', 'name'],
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        expectedVolume: 500,
      },
      { regionCode: hrss.region_code, departmentId: hrss.id },
    ),
  );
  // A data demand of the market department the police have yet to answer (数据需求: not in the catalogue).
  await db.transaction((tx) =>
    fileDemand(
      tx,
      ctx,
      {
        title: '流动人口居住登记信息',
        purpose: '个体工商户登记时核验经营者在本市的居住登记',
        legalBasis: '《市场主体登记管理条例》第十六条；《居住证暂行条例》',
        wantedFields: ['公民身份号码', '居住地址', '登记日期'],
        providerDepartmentId: police.id,
      },
      { regionCode: market.region_code, departmentId: market.id },
      { regionCode: police.region_code, departmentId: police.id },
    ),
  );
  const token = await db.transaction((tx) => createToken(tx, ctx, grant, { name: '登记系统', days: 365 }));
  for (const r of rows.slice(0, 3)) await serveCall(db, { resourceCode: people.code, token: token.token, keys: { key: r.id_number } });
  await serveCall(db, { resourceCode: companies.code, token: token.token, keys: { key: '91340603MA2T0001X0' } });
  await serveCall(db, { resourceCode: people.code, token: 'xt_not-a-token', keys: { key: rows[0].id_number } });
  await sealCalls(db);
}
