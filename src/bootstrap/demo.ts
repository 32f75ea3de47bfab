import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows, type Db } from '../platform/db/db.ts';
import { systemContext } from '../platform/context.ts';
import { idNumberCheckChar, makeUscc } from '../platform/identity.ts';
import { createDepartment, findDepartmentByUscc } from '../modules/regions/index.ts';
import { createUser, findUserByUsername } from '../modules/accounts/index.ts';
import { modules as registeredModules } from '../modules/registry.ts';
import type { TongbanModule } from '../platform/module.ts';
import type { Role } from '../platform/permissions.ts';

/** The demo city: 安徽省淮北市 and two of its districts. */
export const DEMO_CITY = { code: '340600', name: '淮北市' };
export const DEMO_PASSWORD = 'Demo@2026';
/** The demo company's 统一社会信用代码 (a 91… enterprise code in 相山区). */
export const DEMO_COMPANY_USCC = makeUscc('91', '340603', 'MA2T0001');

const departments = [
  { key: 'data', name: '淮北市数据资源管理局', region: '340600', org: '00300001' },
  { key: 'market', name: '淮北市市场监督管理局', region: '340600', org: '00300002' },
  { key: 'health', name: '淮北市卫生健康委员会', region: '340600', org: '00300003' },
  { key: 'police', name: '淮北市公安局', region: '340600', org: '00300004' },
  { key: 'hrss', name: '淮北市人力资源和社会保障局', region: '340600', org: '00300005' },
  { key: 'medical', name: '淮北市医疗保障局', region: '340600', org: '00300006' },
  { key: 'justice', name: '淮北市司法局', region: '340600', org: '00300007' },
  { key: 'xiangshan-market', name: '相山区市场监督管理局', region: '340603', org: '00300101' },
  { key: 'suixi-market', name: '濉溪县市场监督管理局', region: '340621', org: '00300201' },
] as const;

type DeptKey = (typeof departments)[number]['key'];

function demoIdNumber(birth: string, seq: string): string {
  const first17 = `340603${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

export const demoAccounts: { username: string; displayName: string; role: Role; dept?: DeptKey; region?: string; zh: string }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', zh: '系统管理员' },
  { username: 'supervisor', displayName: '督查科 王监督', role: 'supervisor', region: '340600', zh: '监督人员' },
  { username: 'clerk', displayName: '综合窗口 李受理', role: 'clerk', dept: 'data', region: '340600', zh: '综合窗口人员' },
  { username: 'reviewer', displayName: '市场监管局 张审批', role: 'reviewer', dept: 'market', region: '340600', zh: '部门审批人员' },
  { username: 'itemadmin', displayName: '事项管理 赵事项', role: 'item_admin', region: '340600', zh: '事项管理员' },
  { username: 'dataofficer', displayName: '数据科 钱数据', role: 'data_officer', dept: 'data', region: '340600', zh: '数据管理员' },
  { username: 'legalofficer', displayName: '司法局 孙法制', role: 'legal_officer', dept: 'justice', region: '340600', zh: '法制人员' },
  { username: 'person', displayName: '周小明', role: 'applicant_person', zh: '个人申请人' },
  { username: 'company', displayName: '淮北市相山区味道餐饮有限公司', role: 'applicant_org', zh: '法人申请人' },
  { username: 'agent', displayName: '吴代办', role: 'agent', zh: '代理人' },
];

/** A demo account's own identity: its ID number (people) or USCC (the company) and mobile, as seedDemo gives it. */
export function demoIdentity(username: string): { idNumber: string | null; phone: string } {
  const i = demoAccounts.findIndex((a) => a.username === username);
  if (i < 0) throw new Error(`no demo account ${username}`);
  const a = demoAccounts[i];
  return {
    idNumber:
      a.role === 'applicant_person' || a.role === 'agent' ? demoIdNumber('19900307', String(100 + i)) : a.role === 'applicant_org' ? DEMO_COMPANY_USCC : null,
    phone: `1390561${String(1000 + i).padStart(4, '0')}`,
  };
}

/**
 * The demo city's departments and one account per role, then each module's demo seed in registry order (the demo
 * mandates…). Idempotent; goes through the services.
 */
export async function seedDemo(db: Db, modules: readonly TongbanModule[] = registeredModules): Promise<{ departments: number; users: number }> {
  const ctx = systemContext('demo-seed');
  const ids = new Map<DeptKey, number>();
  let createdDepartments = 0;
  let createdUsers = 0;
  for (const d of departments) {
    const uscc = makeUscc('11', d.region, d.org);
    const existing = await findDepartmentByUscc(db, uscc);
    if (existing) {
      ids.set(d.key, existing.id);
      continue;
    }
    const created = await db.transaction((tx) => createDepartment(tx, ctx, { name: d.name, uscc, regionCode: d.region }));
    ids.set(d.key, created.id);
    createdDepartments++;
  }
  for (const a of demoAccounts) {
    if (await findUserByUsername(db, a.username)) continue;
    await db.transaction((tx) =>
      createUser(tx, ctx, {
        username: a.username,
        displayName: a.displayName,
        password: DEMO_PASSWORD,
        ...demoIdentity(a.username),
        roles: [{ role: a.role, regionCode: a.region ?? null, departmentId: a.dept ? ids.get(a.dept)! : null }],
      }),
    );
    createdUsers++;
  }
  for (const m of modules) await m.seedDemo?.(db);
  return { departments: createdDepartments, users: createdUsers };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pub_accounts_user`);
  return Number(rows[0].n) === 0;
}

export function demoAccountsTable(): string {
  const lines = demoAccounts.map((a) => `  ${a.username.padEnd(13)} ${DEMO_PASSWORD}   ${a.role.padEnd(17)} ${a.zh}`);
  return [
    'Demo accounts (演示账号):',
    '  username      password    role              角色',
    ...lines,
    '  Every department with items also has <dept>.reviewer and <dept>.lead (审查 / 决定), e.g. hrss.reviewer, hrss.lead;',
    '  the market department: reviewer, market.lead and market.officer (整改、申诉). Same password.',
  ].join('\n');
}

/**
 * The whole demo: the city, its accounts, the demo catalogue and the departments' reviewers; with an app, also the
 * city at work (cases in every state, licences, ratings: demo-activity.ts), which goes through the API.
 */
export async function seedDemoAll(db: Db, app?: FastifyInstance) {
  const { seedDemoCatalog } = await import('./demo-catalog/index.ts');
  const { seedDemoStaff, seedDemoActivity } = await import('./demo-activity.ts');
  const city = await seedDemo(db);
  const catalog = await seedDemoCatalog(db);
  const staff = await seedDemoStaff(db);
  const activity = app ? await seedDemoActivity(app, db) : { cases: 0 };
  return { ...city, ...catalog, users: city.users + staff, ...activity };
}
