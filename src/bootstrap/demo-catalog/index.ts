import type { Db } from '../../platform/db/db.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { createDepartment, findDepartmentByUscc } from '../../modules/regions/index.ts';
import { createLicenseType, findLicenseType, type LicenseField } from '../../modules/licenses/index.ts';
import { createBaseItem, createImplementation, findBaseItemByCode, findImplementationByCode, getVersion, transition } from '../../modules/catalog/index.ts';
import { createBundle, findBundleByCode, transition as bundleTransition } from '../../modules/bundles/index.ts';
import {
  BASE_ITEMS,
  DEPARTMENTS,
  type DepartmentSeed,
  type ImplementationSeed,
  type DeptKey,
  type FieldSchema,
  COMMON_FIELD_LABELS,
  LICENSE_FIELD_LABELS,
  LICENSE_TYPES,
  LT,
  type LicenseKey,
  departmentUscc,
} from './kit.ts';
import { MARKET } from './market.ts';
import { HEALTH } from './health.ts';
import { POLICE } from './police.ts';
import { HRSS } from './hrss.ts';
import { MEDICAL_INSURANCE } from './medical-insurance.ts';
import { JUSTICE } from './justice.ts';
import { CIVIL_AFFAIRS } from './civil-affairs.ts';
import { HOUSING } from './housing.ts';
import { NATURAL_RESOURCES } from './natural-resources.ts';
import { TRANSPORT } from './transport.ts';
import { ENVIRONMENT } from './environment.ts';
import { URBAN_MANAGEMENT } from './urban-management.ts';
import { FIRE } from './fire.ts';
import { TAX } from './tax.ts';
import { HOUSING_FUND } from './housing-fund.ts';
import { LIFE_EVENTS } from './life-events.ts';
import { BUNDLES } from './bundles.ts';
import { seedDemoRules } from './rules.ts';

/**
 * The demo catalogue of 淮北市: licence types, base items and published implementations (实施清单), made by hand
 * from what public 办事指南 contain. Laws are cited as in real guides; where a law fixes no time limit, the limits
 * are plausible local commitments, not facts. Five guides carry deliberate inspection findings (see FINDINGS): warnings only, since a guide with an error
 * cannot be submitted for review.
 *
 * One file per theme, named for the departments' field (market.ts 市场监管, health.ts 卫生健康, police.ts 公安…);
 * kit.ts holds what they share; this index assembles them and seeds them through the services.
 */
export { BASE_ITEMS, LICENSE_TYPES } from './kit.ts';
export { BUNDLES } from './bundles.ts';
export { RULE_SETS } from './rules.ts';

// ── The implementations (实施清单) ────────────────────────────────────────────────────────────────────────

/** The guides that carry a deliberate inspection finding, so the inspection page has something to show. */
export const FINDINGS: Record<string, string> = {
  '340621-XK-0001': 'MATERIAL_WITHOUT_STANDARD',
  '340600-JF-0006': 'VISITS_WITHOUT_REASON',
  '340600-QR-0006': 'RESULT_LICENSE_TYPE_MISSING',
  '340600-XK-0008': 'STEPS_EXCEED_PROMISED',
  '340600-JF-0001': 'ON_THE_SPOT_WITH_LIMIT',
};

/** Every demo implementation, theme by theme. */
export const IMPLEMENTATIONS: ImplementationSeed[] = [
  ...MARKET, // 市场监管
  ...HEALTH, // 卫生健康
  ...POLICE, // 公安
  ...HRSS, // 人力资源和社会保障
  ...MEDICAL_INSURANCE, // 医疗保障
  ...JUSTICE, // 司法
  ...CIVIL_AFFAIRS, // 民政
  ...HOUSING, // 住房和城乡建设
  ...NATURAL_RESOURCES, // 自然资源和规划
  ...TRANSPORT, // 交通运输
  ...ENVIRONMENT, // 生态环境
  ...URBAN_MANAGEMENT, // 城市管理
  ...FIRE, // 消防
  ...TAX, // 税务
  ...HOUSING_FUND, // 住房公积金
  ...LIFE_EVENTS, // the items of the bundle templates 退休, 身后一件事, 企业信息变更, 水电气网联合报装
];

// ── Issuers and fields of the licence types ──────────────────────────────────────────────────────────────

/** Keys every licence issued on a case's decision carries (cases.handling.ts). */
const CASE_KEYS = ['事项名称', '办件编号'];
/** Form fields a licence never carries: identity numbers (the holder is sealed on its own), delivery. */
const NOT_LICENSE_DATA = new Set(['id-number', 'uscc']);
const isDelivery = (key: string) => key.startsWith('delivery');
/** Keys of licences an officer issues directly (the demo journey's business licence). */
const DIRECT_KEYS: Partial<Record<LicenseKey, string[]>> = { businessLicense: ['名称', '类型', '住所', '法定代表人', '经营范围', '成立日期'] };

const KEY_OF_CODE = new Map((Object.entries(LT) as [LicenseKey, string][]).map(([key, code]) => [code, key]));

/** A field as the demo declares it: the licence's own label (LICENSE_FIELD_LABELS), else the form's title; a phone neither sealed nor printed. */
function declared(type: LicenseKey | undefined, key: string, title: string, widget?: string): LicenseField {
  const own = (type && LICENSE_FIELD_LABELS[type]?.[key]) ?? COMMON_FIELD_LABELS[key];
  if (widget === 'phone') return { key, label: title, labelEn: 'Contact phone', printed: false, sealed: false };
  return { key, label: own?.label ?? title, labelEn: own?.labelEn ?? null, printed: own?.printed ?? true, sealed: true };
}

/**
 * A demo licence type is issued by the departments whose implementations yield it, and declares the keys it is issued
 * with directly, the case keys, and the fields of those implementations' forms (texts, numbers, choices; never an ID
 * number; a contact phone declared but neither sealed nor printed), labelled as the licence says them.
 */
function licenseTypeSetup(departments: Map<DeptKey, number>): Map<string, { issuers: number[]; fields: LicenseField[] }> {
  const out = new Map<string, { issuers: Set<number>; fields: Map<string, LicenseField> }>();
  const entry = (code: string) => out.get(code) ?? out.set(code, { issuers: new Set(), fields: new Map() }).get(code)!;
  const add = (code: string, f: LicenseField) => entry(code).fields.has(f.key) || entry(code).fields.set(f.key, f);
  for (const [key, code] of Object.entries(LT) as [LicenseKey, string][]) for (const k of DIRECT_KEYS[key] ?? []) add(code, declared(key, k, k));
  for (const i of IMPLEMENTATIONS) {
    const code = i.content.resultLicenseTypeCode;
    if (!code) continue;
    const type = KEY_OF_CODE.get(code);
    entry(code).issuers.add(departments.get(i.dept)!);
    const props = (i.content.form?.properties ?? {}) as Record<string, FieldSchema>;
    for (const [k, field] of Object.entries(props)) {
      const isChoiceList = field.type === 'array' && Boolean((field.items as { enum?: unknown } | undefined)?.enum);
      if ((field.type === 'array' && !isChoiceList) || field.type === 'object' || NOT_LICENSE_DATA.has(String(field['x-widget'])) || isDelivery(k)) continue;
      add(code, declared(type, k, String(field.title ?? k), String(field['x-widget'])));
    }
    // Fields the licence carries besides its forms' (主体业态), then the case keys, last.
    for (const [k, f] of Object.entries((type && LICENSE_FIELD_LABELS[type]) ?? {})) add(code, declared(type, k, f.label));
    for (const k of CASE_KEYS) add(code, declared(type, k, k));
  }
  return new Map([...out].map(([code, e]) => [code, { issuers: [...e.issuers], fields: [...e.fields.values()] }]));
}

// Market departments issue business licences directly too (the demo journey); add them where no item yields one.
const DIRECT_ISSUERS: Partial<Record<LicenseKey, DeptKey[]>> = { businessLicense: ['market', 'xiangshanMarket', 'suixiMarket'] };

// ── Seeding ──────────────────────────────────────────────────────────────────────────────────────────────

async function departmentIds(db: Db, ctx: RequestContext): Promise<Map<DeptKey, number>> {
  const ids = new Map<DeptKey, number>();
  for (const [key, d] of Object.entries(DEPARTMENTS) as [DeptKey, DepartmentSeed][]) {
    const uscc = departmentUscc(key);
    const existing = await findDepartmentByUscc(db, uscc);
    if (existing) {
      ids.set(key, existing.id);
      continue;
    }
    if (d.fromDemo) throw new Error(`department ${d.name} (${uscc}) is missing: run seedDemo before seedDemoCatalog`);
    const created = await db.transaction((tx) => createDepartment(tx, ctx, { name: d.name, uscc, regionCode: d.region }));
    ids.set(key, created.id);
  }
  return ids;
}

/**
 * Seeds the demo catalogue through the services: licence types, departments it needs, base items, every
 * implementation created, submitted and approved in one transaction, then the bundles (一件事) composed of them,
 * published the same way. Idempotent: what exists is skipped.
 */
export async function seedDemoCatalog(db: Db): Promise<{ licenseTypes: number; baseItems: number; implementations: number; bundles: number }> {
  const ctx = systemContext('demo-seed');
  const created = { licenseTypes: 0, baseItems: 0, implementations: 0, bundles: 0 };
  const departments = await departmentIds(db, ctx);
  const setup = licenseTypeSetup(departments);
  for (const [key, depts] of Object.entries(DIRECT_ISSUERS) as [LicenseKey, DeptKey[]][]) {
    const e = setup.get(LT[key]) ?? { issuers: [], fields: [] };
    setup.set(LT[key], { ...e, issuers: [...new Set([...e.issuers, ...depts.map((d) => departments.get(d)!)])] });
  }
  for (const t of LICENSE_TYPES) {
    if (await findLicenseType(db, t.code)) continue;
    await db.transaction((tx) => createLicenseType(tx, ctx, { ...t, ...setup.get(t.code) }));
    created.licenseTypes++;
  }
  const baseIds = new Map<string, number>();
  for (const b of BASE_ITEMS) {
    const existing = await findBaseItemByCode(db, b.code);
    if (existing) {
      baseIds.set(b.code, existing.id);
      continue;
    }
    const row = await db.transaction((tx) => createBaseItem(tx, ctx, b));
    baseIds.set(b.code, row.id);
    created.baseItems++;
  }
  for (const i of IMPLEMENTATIONS) {
    if (await findImplementationByCode(db, i.code)) continue;
    await db.transaction(async (tx) => {
      const row = await createImplementation(tx, ctx, {
        code: i.code,
        baseItemId: baseIds.get(i.base)!,
        regionCode: DEPARTMENTS[i.dept].region,
        departmentId: departments.get(i.dept)!,
        content: i.content,
      });
      const draft = await getVersion(tx, row.latestVersionId!);
      await transition(tx, ctx, row.id, 'submit', { version: draft.version });
      await transition(tx, ctx, row.id, 'approve', { version: draft.version + 1, note: '演示数据' });
    });
    created.implementations++;
  }
  for (const b of BUNDLES) {
    if (await findBundleByCode(db, b.code)) continue;
    await db.transaction(async (tx) => {
      const row = await createBundle(tx, ctx, {
        code: b.code,
        regionCode: b.region,
        departmentId: departments.get(b.dept)!,
        templateCode: b.template,
        content: b.content,
      });
      await bundleTransition(tx, ctx, row.id, 'submit', { version: 1 });
      await bundleTransition(tx, ctx, row.id, 'approve', { version: 2, note: '演示数据' });
    });
    created.bundles++;
  }
  // 秒批: the rule sets that decide some demo items at submission (rules.ts).
  await seedDemoRules(db);
  return created;
}
