import { sql } from 'drizzle-orm';
import { newWorkbook } from '../../platform/excel.ts';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { codeLists } from '../../platform/code-lists.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import type { ImplementationContent, ImplementationStatus } from './catalog.types.ts';
import { agreesWith, harmonisationTable } from './diff.ts';
import { getBaseItem } from './catalog.service.ts';
import { joinClauses } from '../../platform/zh-text.ts';

export const LISTS = ['powers', 'licensing', 'intermediary', 'not-in-hall'] as const;
export type ListName = (typeof LISTS)[number];

export const LIST_TITLES: Record<ListName, { zh: string; en: string }> = {
  powers: { zh: '权责清单', en: 'Powers list' },
  licensing: { zh: '行政许可事项清单', en: 'Licensing list' },
  intermediary: { zh: '中介服务事项清单', en: 'Intermediary services list' },
  'not-in-hall': { zh: '不进驻政务服务大厅事项清单', en: 'Items not in the service hall' },
};

const POWER_TYPES = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'];

export interface ListRow {
  code: string;
  baseCode: string;
  name: string;
  itemType: string;
  itemTypeName: string;
  department: string;
  departmentId: number;
  region: string;
  legalBasis: string;
  detail: string;
}

/** One of the published lists, from the published versions; with counts per department. */
export async function publishedList(db: Db, list: ListName, regionCode?: string) {
  const rows = await queryRows<{
    code: string;
    base_code: string;
    item_type: string;
    department: string;
    department_id: number;
    region: string;
    content: ImplementationContent;
  }>(
    db,
    sql`SELECT i.code, b.code AS base_code, b.item_type, d.name AS department, d.id AS department_id, r.name AS region, v.content
        FROM implementation i
        JOIN implementation_version v ON v.id = i.published_version_id
        JOIN base_item b ON b.id = i.base_item_id
        JOIN pub_regions_department d ON d.id = i.department_id
        JOIN pub_regions_region r ON r.code = i.region_code
        WHERE i.status = 'published' ${regionCode ? sql`AND i.region_code LIKE ${prefixPattern(regionPrefix(regionCode))}` : sql``}
        ORDER BY d.name, b.code, i.code`,
  );
  const typeName = (t: string) => codeLists.item_type.find((c) => c.code === t)?.zh ?? t;
  const items: ListRow[] = [];
  for (const r of rows) {
    const c = r.content;
    const base = {
      code: r.code,
      baseCode: r.base_code,
      name: c.name,
      itemType: r.item_type,
      itemTypeName: typeName(r.item_type),
      department: r.department,
      departmentId: Number(r.department_id),
      region: r.region,
      legalBasis: c.legalBasis,
    };
    if (list === 'powers' && POWER_TYPES.includes(r.item_type)) items.push({ ...base, detail: joinClauses(c.responsibilityItems) });
    if (list === 'licensing' && r.item_type === '01') items.push({ ...base, detail: c.resultName });
    if (list === 'intermediary') for (const s of c.intermediaryServices) items.push({ ...base, detail: `${s.name}${s.basis ? `（依据：${s.basis}）` : ''}` });
    if (list === 'not-in-hall' && !c.inHall) items.push({ ...base, detail: c.notInHallReason });
  }
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.department, (counts.get(i.department) ?? 0) + 1);
  return { list, title: LIST_TITLES[list], items, countsByDepartment: [...counts.entries()].map(([department, count]) => ({ department, count })) };
}

const DETAIL_HEADER: Record<ListName, string> = { powers: '责任事项', licensing: '审批结果', intermediary: '中介服务', 'not-in-hall': '不进驻理由' };

export async function listWorkbook(db: Db, list: ListName, regionCode?: string): Promise<Buffer> {
  const data = await publishedList(db, list, regionCode);
  const wb = await newWorkbook();
  wb.creator = 'tongban';
  const sheet = wb.addWorksheet(data.title.zh);
  sheet.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '实施编码', key: 'code', width: 26 },
    { header: '基本编码', key: 'baseCode', width: 14 },
    { header: '事项名称', key: 'name', width: 36 },
    { header: '事项类型', key: 'itemTypeName', width: 14 },
    { header: '实施主体', key: 'department', width: 28 },
    { header: '行政区划', key: 'region', width: 12 },
    { header: '设定依据', key: 'legalBasis', width: 50 },
    { header: DETAIL_HEADER[list], key: 'detail', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  // Every text cell neutralised: names and bases are typed by item admins, and a sheet saved as CSV runs formulas.
  data.items.forEach((item, i) => sheet.addRow({ n: i + 1, ...Object.fromEntries(Object.entries(item).map(([k, v]) => [k, safeCell(v)])) }));
  const counts = wb.addWorksheet('按部门统计');
  counts.columns = [
    { header: '实施主体', key: 'department', width: 30 },
    { header: '事项数', key: 'count', width: 10 },
  ];
  counts.getRow(1).font = { bold: true };
  for (const c of data.countsByDepartment) counts.addRow({ department: safeCell(c.department), count: c.count });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The contents of a base item's implementations that harmonisation compares: the published one, else the latest.
 * Outside the reader's scope (`within`) only what is public: published implementations, their published version.
 */
async function implementationsOf(db: Db, baseItemId: number, within?: ScopeFilter) {
  const inScope = within ? scopeSql(within, sql`i.region_code`, sql`i.department_id`) : sql`true`;
  return queryRows<{
    id: number;
    code: string;
    status: ImplementationStatus;
    region_code: string;
    region: string;
    department: string;
    content: ImplementationContent;
  }>(
    db,
    sql`SELECT i.id, i.code, i.status, i.region_code, r.name AS region, d.name AS department, v.content
        FROM implementation i
        JOIN implementation_version v ON v.id = CASE WHEN ${inScope} THEN COALESCE(i.published_version_id, i.latest_version_id) ELSE i.published_version_id END
        JOIN pub_regions_region r ON r.code = i.region_code
        JOIN pub_regions_department d ON d.id = i.department_id
        WHERE i.base_item_id = ${baseItemId} AND i.status <> 'abolished' AND (i.status = 'published' OR ${inScope})
        ORDER BY i.region_code, i.code`,
  );
}

/** 二次统筹: the side-by-side table of one base item's implementations across regions. */
export async function harmonisation(db: Db, baseItemId: number, within?: ScopeFilter) {
  const base = await getBaseItem(db, baseItemId);
  const impls = await implementationsOf(db, baseItemId, within);
  const columns = impls.map((i) => ({
    key: i.code,
    implementationId: Number(i.id),
    code: i.code,
    status: i.status,
    regionCode: i.region_code,
    region: i.region,
    department: i.department,
  }));
  const rows = harmonisationTable(
    impls.map((i) => ({ key: i.code, content: i.content })),
    base.localElements,
    base.template,
  );
  return { baseItem: base, columns, rows, differingElements: rows.filter((r) => r.differs).length };
}

/**
 * The harmonisation index per region: of the base items implemented in a region, the share whose implementations
 * agree with the reference (the base item's template, else the most common value across regions) on every
 * harmonised element.
 */
export async function harmonisationIndex(db: Db, regionCode?: string) {
  const rows = await queryRows<{
    base_item_id: number;
    region_code: string;
    region: string;
    content: ImplementationContent;
    template: Partial<ImplementationContent> | null;
    local_elements: string[];
    code: string;
  }>(
    db,
    sql`SELECT i.base_item_id, i.region_code, r.name AS region, v.content, b.template, b.local_elements, i.code
        FROM implementation i
        JOIN implementation_version v ON v.id = i.published_version_id
        JOIN base_item b ON b.id = i.base_item_id
        JOIN pub_regions_region r ON r.code = i.region_code
        WHERE i.status = 'published'`,
  );
  const byBase = new Map<number, typeof rows>();
  for (const r of rows) byBase.set(Number(r.base_item_id), [...(byBase.get(Number(r.base_item_id)) ?? []), r]);
  const perRegion = new Map<string, { region: string; total: Set<number>; disagreeing: Set<number> }>();
  for (const [baseId, impls] of byBase) {
    const template = impls[0].template;
    const local = impls[0].local_elements;
    let reference: Partial<ImplementationContent>;
    if (template && Object.keys(template).length) reference = template;
    else {
      const table = harmonisationTable(
        impls.map((i) => ({ key: i.code, content: i.content })),
        local,
        null,
      );
      // The most common value of each element is the reference: the first implementation that is not among the differing.
      reference = Object.fromEntries(table.map((row) => [row.element, row.values[impls.find((i) => !row.differing.includes(i.code))?.code ?? impls[0].code]]));
    }
    for (const impl of impls) {
      const entry = perRegion.get(impl.region_code) ?? { region: impl.region, total: new Set(), disagreeing: new Set() };
      entry.total.add(baseId);
      if (!agreesWith(impl.content, reference, local)) entry.disagreeing.add(baseId);
      perRegion.set(impl.region_code, entry);
    }
  }
  return [...perRegion.entries()]
    .filter(([code]) => !regionCode || code.startsWith(regionPrefix(regionCode)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, e]) => ({
      regionCode: code,
      region: e.region,
      baseItems: e.total.size,
      agreeing: e.total.size - e.disagreeing.size,
      index: e.total.size ? Math.round(((e.total.size - e.disagreeing.size) / e.total.size) * 1000) / 10 : 100,
    }));
}
