import { eq, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/excel.ts';
import { queryRows, type Db } from '../../platform/db/db.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { canonicalJson } from '../../platform/crypto.ts';
import { codeLists } from '../../platform/code-lists.ts';
import { prefixPattern } from '../../platform/db/like.ts';
import { regionPrefix } from '../../platform/scope.ts';
import { checkFormSchema } from '../../platform/forms.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import type { ScopeFilter } from '../../platform/permissions.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { catalogImport } from './catalog.schema.ts';
import { catalogErrors } from './catalog.errors.ts';
import { contentSchema, materialSchema, type ImplementationContent } from './catalog.types.ts';
import { inspect } from './inspection.ts';
import { listLicenseTypes } from '../licenses/index.ts';
import { createBaseItem, createImplementation, findBaseItemByCode, startNewVersion, transition, updateDraft, getVersion } from './catalog.service.ts';

/**
 * The catalogue workbook: three sheets (基本目录, 实施清单, 申请材料) with one column per element. Import and export
 * share these tables, so exporting and importing again changes nothing.
 */
type Kind = 'text' | 'int' | 'bool' | 'codes' | 'lines' | 'json' | 'unit';
interface Column {
  header: string;
  key: string;
  kind: Kind;
  required?: boolean;
}

const BASE_SHEET = '基本目录';
const IMPL_SHEET = '实施清单';
const MATERIAL_SHEET = '申请材料';

const BASE_COLUMNS: Column[] = [
  { header: '基本编码', key: 'code', kind: 'text', required: true },
  { header: '事项名称', key: 'name', kind: 'text', required: true },
  { header: '事项类型', key: 'itemType', kind: 'text', required: true },
  { header: '行使层级', key: 'useLevel', kind: 'text', required: true },
  { header: '设定依据', key: 'legalBasis', kind: 'text' },
  { header: '上级基本编码', key: 'parentCode', kind: 'text' },
];

const IMPL_COLUMNS: Column[] = [
  { header: '实施编码', key: 'code', kind: 'text', required: true },
  { header: '基本编码', key: 'baseCode', kind: 'text', required: true },
  { header: '行政区划代码', key: 'regionCode', kind: 'text', required: true },
  { header: '实施主体统一社会信用代码', key: 'departmentUscc', kind: 'text', required: true },
  { header: '事项名称', key: 'name', kind: 'text', required: true },
  { header: '别名', key: 'aliases', kind: 'lines' },
  { header: '关键词', key: 'keywords', kind: 'lines' },
  { header: '设定依据', key: 'legalBasis', kind: 'text' },
  { header: '受理条件', key: 'acceptanceConditions', kind: 'text' },
  { header: '办件类型', key: 'caseType', kind: 'text', required: true },
  { header: '法定时限', key: 'legalLimit.value', kind: 'int', required: true },
  { header: '法定时限单位', key: 'legalLimit.unit', kind: 'unit', required: true },
  { header: '承诺时限', key: 'promisedLimit.value', kind: 'int', required: true },
  { header: '承诺时限单位', key: 'promisedLimit.unit', kind: 'unit', required: true },
  { header: '预警天数', key: 'amberDays', kind: 'int' },
  { header: '到现场次数', key: 'visits', kind: 'int', required: true },
  { header: '必须现场办理原因', key: 'visitsReason', kind: 'text' },
  { header: '办理形式', key: 'handlingForms', kind: 'codes', required: true },
  { header: '网上办理深度', key: 'onlineDepth', kind: 'int', required: true },
  { header: '物流快递', key: 'express', kind: 'bool' },
  { header: '支持预约', key: 'appointment', kind: 'bool' },
  { header: '网上支付', key: 'payOnline', kind: 'bool' },
  { header: '审批结果名称', key: 'resultName', kind: 'text' },
  { header: '审批结果类型', key: 'resultType', kind: 'text' },
  { header: '结果证照类型代码', key: 'resultLicenseTypeCode', kind: 'text' },
  { header: '注销证照类型代码', key: 'revokesLicenseTypeCode', kind: 'text' },
  { header: '服务对象', key: 'serviceObjects', kind: 'codes', required: true },
  { header: '主题分类', key: 'topics', kind: 'lines' },
  { header: '办理地点', key: 'place', kind: 'text' },
  { header: '办理时间', key: 'hours', kind: 'text' },
  { header: '咨询方式', key: 'consultation', kind: 'text' },
  { header: '监督投诉方式', key: 'complaint', kind: 'text' },
  { header: '是否进驻大厅', key: 'inHall', kind: 'bool' },
  { header: '不进驻理由', key: 'notInHallReason', kind: 'text' },
  { header: '责任事项', key: 'responsibilityItems', kind: 'lines' },
  { header: '特别程序', key: 'specialProcedures', kind: 'text' },
  { header: '收费项目(JSON)', key: 'fees', kind: 'json' },
  { header: '中介服务(JSON)', key: 'intermediaryServices', kind: 'json' },
  { header: '办理环节(JSON)', key: 'steps', kind: 'json', required: true },
  { header: '申请表单(JSON)', key: 'form', kind: 'json' },
];

const MATERIAL_COLUMNS: Column[] = [
  { header: '实施编码', key: 'implementationCode', kind: 'text', required: true },
  { header: '材料标识', key: 'key', kind: 'text', required: true },
  { header: '材料名称', key: 'name', kind: 'text', required: true },
  { header: '是否必要', key: 'required', kind: 'bool', required: true },
  { header: '材料形式', key: 'form', kind: 'text', required: true },
  { header: '来源渠道', key: 'source', kind: 'text', required: true },
  { header: '证照类型代码', key: 'licenseTypeCode', kind: 'text' },
  { header: '来源部门', key: 'sourceDepartment', kind: 'text' },
  { header: '原件份数', key: 'originals', kind: 'int' },
  { header: '复印件份数', key: 'copies', kind: 'int' },
  { header: '受理标准', key: 'acceptanceStandard', kind: 'text' },
  { header: '材料依据', key: 'legalBasis', kind: 'text' },
  { header: '可告知承诺', key: 'pledgeAllowed', kind: 'bool' },
  { header: '空白表格', key: 'blankFormFile', kind: 'text' },
  { header: '示例样表', key: 'sampleFile', kind: 'text' },
];

const MATERIAL_FORM: Record<string, string> = { 纸质: 'paper', 电子: 'electronic', 纸质和电子: 'both' };
const MATERIAL_SOURCE: Record<string, string> = { 申请人自备: 'applicant', 证照: 'license', 部门: 'department' };
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string | null;
  message: string;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown) {
  const [a, b] = key.split('.');
  if (b) target[a] = { ...((target[a] as object) ?? {}), [b]: value };
  else target[a] = value;
}
function getPath(source: Record<string, unknown>, key: string): unknown {
  const [a, b] = key.split('.');
  const v = source[a];
  return b ? (v as Record<string, unknown> | undefined)?.[b] : v;
}

// The inverse of safeCell: an exported cell that began with = + - @ carries a leading apostrophe, dropped on import
// so that exporting and importing again changes nothing.
const unquote = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

function parseCell(col: Column, text: string): { value?: unknown; error?: string } {
  const t = unquote(text.trim());
  if (t === '') return col.required ? { error: '必填项为空 (required)' } : { value: undefined };
  switch (col.kind) {
    case 'text':
      return { value: t };
    case 'int':
      return /^\d+$/.test(t) ? { value: Number(t) } : { error: `应为整数，实为“${t}” (not a whole number)` };
    case 'bool':
      if (['是', '1', 'true', 'Y'].includes(t)) return { value: true };
      if (['否', '0', 'false', 'N'].includes(t)) return { value: false };
      return { error: `应为“是”或“否”，实为“${t}” (yes/no)` };
    case 'codes':
      return { value: t.split(/[,，、\s]+/).filter(Boolean) };
    case 'lines':
      return {
        value: t
          .split(/[；;\n]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'unit':
      if (t === '工作日') return { value: 'working_day' };
      if (t === '自然日') return { value: 'natural_day' };
      return { error: `应为“工作日”或“自然日”，实为“${t}” (working/natural days)` };
    case 'json':
      try {
        return { value: JSON.parse(t) };
      } catch {
        return { error: '不是有效的 JSON (invalid JSON)' };
      }
  }
}

/** A value as its cell; text neutralised (safeCell), since a workbook saved as CSV would run `=…` as a formula. */
function formatCell(col: Column, value: unknown): string | number {
  return safeCell(formatValue(col, value));
}

function formatValue(col: Column, value: unknown): string | number {
  if (value === undefined || value === null) return '';
  switch (col.kind) {
    case 'bool':
      return value ? '是' : '否';
    case 'codes':
      return (value as string[]).join(',');
    case 'lines':
      return (value as string[]).join('；');
    case 'unit':
      return value === 'working_day' ? '工作日' : '自然日';
    case 'json':
      return JSON.stringify(value);
    case 'int':
      return Number(value);
    default:
      return String(value);
  }
}

interface SheetRow {
  row: number;
  values: Record<string, string>;
}

function readSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], problems: ImportProblem[]): SheetRow[] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) return [];
  const header = sheet.getRow(1);
  const index = new Map<string, number>();
  header.eachCell((cell, col) => index.set(cell.text.replace(/\*$/, '').trim(), col));
  for (const c of columns)
    if (c.required && !index.has(c.header)) problems.push({ sheet: name, row: 1, column: c.header, message: '缺少必填列 (missing column)' });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const values: Record<string, string> = {};
    let empty = true;
    for (const c of columns) {
      const at = index.get(c.header);
      const text = at ? (row.getCell(at).text ?? '') : '';
      if (text.trim()) empty = false;
      values[c.key] = text;
    }
    if (!empty) rows.push({ row: number, values });
  });
  return rows;
}

export interface ParsedImport {
  baseItems: { row: number; input: { code: string; name: string; itemType: string; useLevel: string; legalBasis: string; parentCode: string | null } }[];
  implementations: { row: number; code: string; baseCode: string; regionCode: string; departmentId: number; content: ImplementationContent }[];
  problems: ImportProblem[];
  rows: number;
}

/** Reads and checks a workbook against the database; changes nothing. Every bad row is reported with its column. */
export async function parseWorkbook(
  db: Db,
  buffer: Buffer,
  opts: {
    publish?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Whether the importer may write an implementation of this region and department (the web); the CLI may all. */
    mayWrite?: (regionCode: string, departmentId: number) => boolean;
    /** Whether the importer may define new base items (false for a department-scoped importer); absent: yes. */
    mayCreateBaseItems?: boolean;
  } = {},
): Promise<ParsedImport> {
  const problems: ImportProblem[] = [];
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return {
      baseItems: [],
      implementations: [],
      problems: [{ sheet: '', row: 0, column: null, message: '不是有效的 xlsx 文件 (not an xlsx workbook)' }],
      rows: 0,
    };
  }
  if (!wb.getWorksheet(IMPL_SHEET) && !wb.getWorksheet(BASE_SHEET)) {
    problems.push({ sheet: IMPL_SHEET, row: 0, column: null, message: `缺少“${BASE_SHEET}”或“${IMPL_SHEET}”工作表 (missing sheets)` });
  }
  const baseRows = readSheet(wb, BASE_SHEET, BASE_COLUMNS, problems);
  const implRows = readSheet(wb, IMPL_SHEET, IMPL_COLUMNS, problems);
  const materialRows = readSheet(wb, MATERIAL_SHEET, MATERIAL_COLUMNS, problems);
  const total = baseRows.length + implRows.length + materialRows.length;

  // Everything the rows refer to, in a handful of queries.
  const regions = new Set((await queryRows<{ code: string }>(db, sql`SELECT code FROM pub_regions_region`)).map((r) => r.code));
  const departments = new Map(
    (await queryRows<{ id: number; uscc: string }>(db, sql`SELECT id, uscc FROM pub_regions_department`)).map((r) => [r.uscc, Number(r.id)]),
  );
  const licenseTypes = new Set((await listLicenseTypes(db)).map((t) => t.code));
  const existingBase = new Set((await queryRows<{ code: string }>(db, sql`SELECT code FROM base_item`)).map((r) => r.code));
  // base item × region × department → implementation code, for the one-implementation-each rule.
  const existingTriples = new Map(
    (
      await queryRows<{ triple: string; code: string }>(
        db,
        sql`SELECT b.code || '|' || i.region_code || '|' || i.department_id AS triple, i.code FROM implementation i JOIN base_item b ON b.id = i.base_item_id`,
      )
    ).map((r) => [r.triple, r.code]),
  );
  const itemTypes = new Set(codeLists.item_type.map((c) => c.code));
  const levels = new Set(codeLists.use_level.map((c) => c.code));
  let done = 0;
  const tick = () => {
    done++;
    if (done % 500 === 0) opts.onProgress?.(done, total);
  };

  const baseItems: ParsedImport['baseItems'] = [];
  const fileBase = new Set<string>();
  for (const r of baseRows) {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const c of BASE_COLUMNS) {
      const { value, error } = parseCell(c, r.values[c.key]);
      if (error) {
        problems.push({ sheet: BASE_SHEET, row: r.row, column: c.header, message: error });
        ok = false;
      } else out[c.key] = value;
    }
    if (ok) {
      const code = String(out.code);
      if (!/^[0-9A-Za-z]{1,12}$/.test(code))
        problems.push({ sheet: BASE_SHEET, row: r.row, column: '基本编码', message: '基本编码为 1–12 位字母或数字 (1–12 letters or digits)' });
      else if (!itemTypes.has(String(out.itemType)))
        problems.push({ sheet: BASE_SHEET, row: r.row, column: '事项类型', message: `事项类型代码 ${String(out.itemType)} 不存在 (unknown item type)` });
      else if (!levels.has(String(out.useLevel)))
        problems.push({ sheet: BASE_SHEET, row: r.row, column: '行使层级', message: `行使层级代码 ${String(out.useLevel)} 不存在 (unknown level)` });
      else if (fileBase.has(code)) problems.push({ sheet: BASE_SHEET, row: r.row, column: '基本编码', message: `基本编码 ${code} 重复 (duplicate)` });
      else if (opts.mayCreateBaseItems === false && !existingBase.has(code))
        problems.push({ sheet: BASE_SHEET, row: r.row, column: '基本编码', message: `无权新建基本目录事项 ${code} (no permission to define base items)` });
      else {
        fileBase.add(code);
        baseItems.push({
          row: r.row,
          input: {
            code,
            name: String(out.name),
            itemType: String(out.itemType),
            useLevel: String(out.useLevel),
            legalBasis: String(out.legalBasis ?? ''),
            parentCode: (out.parentCode as string) ?? null,
          },
        });
      }
    }
    tick();
  }
  for (const b of baseItems) {
    if (b.input.parentCode && !fileBase.has(b.input.parentCode) && !existingBase.has(b.input.parentCode)) {
      problems.push({ sheet: BASE_SHEET, row: b.row, column: '上级基本编码', message: `上级基本编码 ${b.input.parentCode} 不存在 (unknown parent)` });
    }
  }

  const materialsByImpl = new Map<string, { row: number; material: unknown }[]>();
  for (const r of materialRows) {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const c of MATERIAL_COLUMNS) {
      const { value, error } = parseCell(c, r.values[c.key]);
      if (error) {
        problems.push({ sheet: MATERIAL_SHEET, row: r.row, column: c.header, message: error });
        ok = false;
      } else if (value !== undefined) out[c.key] = value;
    }
    if (ok) {
      const form = MATERIAL_FORM[String(out.form)] ?? out.form;
      const source = MATERIAL_SOURCE[String(out.source)] ?? out.source;
      const parsed = materialSchema.safeParse({ ...out, form, source, implementationCode: undefined });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const col = MATERIAL_COLUMNS.find((c) => c.key === issue.path[0]);
          problems.push({ sheet: MATERIAL_SHEET, row: r.row, column: col?.header ?? String(issue.path[0] ?? ''), message: issue.message });
        }
      } else if (parsed.data.source === 'license' && (!parsed.data.licenseTypeCode || !licenseTypes.has(parsed.data.licenseTypeCode))) {
        problems.push({
          sheet: MATERIAL_SHEET,
          row: r.row,
          column: '证照类型代码',
          message: `证照类型 ${parsed.data.licenseTypeCode ?? '（未填）'} 不存在 (unknown licence type)`,
        });
      } else {
        const code = String(out.implementationCode);
        materialsByImpl.set(code, [...(materialsByImpl.get(code) ?? []), { row: r.row, material: parsed.data }]);
      }
    }
    tick();
  }

  const implementations: ParsedImport['implementations'] = [];
  const fileImpl = new Set<string>();
  for (const r of implRows) {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const c of IMPL_COLUMNS) {
      const { value, error } = parseCell(c, r.values[c.key]);
      if (error) {
        problems.push({ sheet: IMPL_SHEET, row: r.row, column: c.header, message: error });
        ok = false;
      } else if (value !== undefined) setPath(out, c.key, value);
    }
    tick();
    if (!ok) continue;
    const code = String(out.code);
    const rowProblem = (column: string | null, message: string) => problems.push({ sheet: IMPL_SHEET, row: r.row, column, message });
    if (!/^[0-9A-Za-z-]{1,36}$/.test(code)) {
      rowProblem('实施编码', '实施编码为 1–36 位字母、数字或短横线 (invalid code)');
      continue;
    }
    if (fileImpl.has(code)) {
      rowProblem('实施编码', `实施编码 ${code} 重复 (duplicate)`);
      continue;
    }
    fileImpl.add(code);
    const baseCode = String(out.baseCode);
    if (!fileBase.has(baseCode) && !existingBase.has(baseCode)) rowProblem('基本编码', `基本编码 ${baseCode} 不存在 (unknown base item)`);
    const regionCode = String(out.regionCode);
    if (!regions.has(regionCode)) rowProblem('行政区划代码', `行政区划代码 ${regionCode} 不存在 (unknown region)`);
    const departmentId = departments.get(String(out.departmentUscc).toUpperCase());
    if (!departmentId) rowProblem('实施主体统一社会信用代码', `实施主体 ${String(out.departmentUscc)} 未登记 (unknown department)`);
    const { code: _c, baseCode: _b, regionCode: _r, departmentUscc: _d, ...contentFields } = out;
    const materials = (materialsByImpl.get(code) ?? []).map((m) => m.material);
    const parsed = contentSchema.safeParse({ ...contentFields, materials });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.slice(0, 2).join('.');
        const col = IMPL_COLUMNS.find((c) => c.key === key) ?? IMPL_COLUMNS.find((c) => c.key === String(issue.path[0]));
        rowProblem(col?.header ?? String(issue.path[0] ?? ''), `${issue.path.join('.')}: ${issue.message}`);
      }
      continue;
    }
    const content = parsed.data;
    if (content.promisedLimit.unit === content.legalLimit.unit && content.promisedLimit.value > content.legalLimit.value) {
      rowProblem('承诺时限', `承诺时限 ${content.promisedLimit.value} 长于法定时限 ${content.legalLimit.value} (promised limit exceeds the legal one)`);
    }
    if (content.resultLicenseTypeCode && !licenseTypes.has(content.resultLicenseTypeCode))
      rowProblem('结果证照类型代码', `证照类型 ${content.resultLicenseTypeCode} 不存在 (unknown licence type)`);
    const formProblems = content.form ? checkFormSchema(content.form) : [];
    for (const p of formProblems) rowProblem('申请表单(JSON)', `${p.field ?? ''} ${p.message}`.trim());
    const keys = content.materials.map((m) => m.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup) rowProblem('材料标识', `材料标识 ${dup} 重复 (duplicate material key)`);
    if (opts.publish) {
      const blocking = inspect(content, { licenseTypes, fileSizes: new Map() }).findings.filter((f) => f.severity === 'error');
      for (const f of blocking) rowProblem(f.element, `${f.message.zh} (${f.message.en})`);
    }
    if (departmentId && regions.has(regionCode) && opts.mayWrite && !opts.mayWrite(regionCode, departmentId))
      rowProblem('实施主体统一社会信用代码', `无权维护该部门在该区划的事项 (no permission for this region and department)`);
    const triple = `${baseCode}|${regionCode}|${departmentId}`;
    const holder = existingTriples.get(triple);
    if (departmentId && holder && holder !== code)
      rowProblem('基本编码', `该部门在该区划已有此事项的实施清单 ${holder} (the department already carries out this item here)`);
    else if (departmentId) existingTriples.set(triple, code);
    if (departmentId && regions.has(regionCode)) implementations.push({ row: r.row, code, baseCode, regionCode, departmentId, content });
  }
  for (const [code, list] of materialsByImpl) {
    if (!fileImpl.has(code))
      for (const m of list)
        problems.push({
          sheet: MATERIAL_SHEET,
          row: m.row,
          column: '实施编码',
          message: `实施编码 ${code} 不在“${IMPL_SHEET}”中 (implementation not in this file)`,
        });
  }
  opts.onProgress?.(total, total);
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { baseItems, implementations, problems, rows: total };
}

export interface ImportSummary {
  baseItemsCreated: number;
  implementationsCreated: number;
  implementationsChanged: number;
  implementationsUnchanged: number;
  published: number;
}

/**
 * Applies a checked workbook, idempotent by code: a new implementation is created, a changed one gets its content
 * in its open draft or a new version, an unchanged one is left alone. With `publish`, changes are published at once
 * (the importer holds catalog.review). Batches of 100 implementations per transaction.
 */
export async function applyImport(
  db: Db,
  ctx: RequestContext,
  parsed: ParsedImport,
  opts: {
    publish: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Where new base items belong (the importer's region); absent: national. */ baseRegionCode?: string | null;
  },
): Promise<ImportSummary> {
  const summary: ImportSummary = { baseItemsCreated: 0, implementationsCreated: 0, implementationsChanged: 0, implementationsUnchanged: 0, published: 0 };
  await db.transaction(async (tx) => {
    for (const b of parsed.baseItems.sort((x, y) => (x.input.parentCode ? 1 : 0) - (y.input.parentCode ? 1 : 0))) {
      if (await findBaseItemByCode(tx, b.input.code)) continue;
      const parent = b.input.parentCode ? await findBaseItemByCode(tx, b.input.parentCode) : undefined;
      await createBaseItem(tx, ctx, { ...b.input, parentId: parent?.id ?? null, regionCode: opts.baseRegionCode ?? null });
      summary.baseItemsCreated++;
    }
  });
  const total = parsed.implementations.length;
  for (let i = 0; i < total; i += 100) {
    await db.transaction(async (tx) => {
      for (const item of parsed.implementations.slice(i, i + 100)) {
        const [existing] = await queryRows<{ id: number; version: number; latest_version_id: number; content: ImplementationContent; status: string }>(
          tx,
          sql`SELECT i.id, i.version, i.latest_version_id, v.content, v.status FROM implementation i JOIN implementation_version v ON v.id = i.latest_version_id WHERE i.code = ${item.code}`,
        );
        let implId: number;
        if (!existing) {
          const base = await findBaseItemByCode(tx, item.baseCode);
          implId = (
            await createImplementation(tx, ctx, {
              code: item.code,
              baseItemId: base!.id,
              regionCode: item.regionCode,
              departmentId: item.departmentId,
              content: item.content,
            })
          ).id;
          summary.implementationsCreated++;
        } else {
          implId = Number(existing.id);
          if (canonicalJson(existing.content) === canonicalJson(item.content)) {
            summary.implementationsUnchanged++;
            continue;
          }
          let draft = await getVersion(tx, Number(existing.latest_version_id));
          if (draft.status === 'published' || draft.status === 'suspended')
            draft = await startNewVersion(tx, ctx, implId, { version: Number(existing.version) });
          if (draft.status !== 'draft') throw catalogErrors.CATALOG_ILLEGAL_TRANSITION({ code: item.code, status: draft.status });
          await updateDraft(tx, ctx, implId, { content: item.content, version: draft.version });
          summary.implementationsChanged++;
        }
        if (opts.publish) {
          const v = await getVersion(
            tx,
            (await queryRows<{ latest_version_id: number }>(tx, sql`SELECT latest_version_id FROM implementation WHERE id = ${implId}`))[0].latest_version_id,
          );
          await transition(tx, ctx, implId, 'submit', { version: v.version });
          await transition(tx, ctx, implId, 'approve', { version: v.version + 1, note: 'imported' });
          summary.published++;
        }
      }
    });
    opts.onProgress?.(Math.min(i + 100, total), total);
  }
  return summary;
}

/** Starts an import (or a dry run) and records its progress and problems in catalog_import. */
export async function createImportJob(db: Db, ctx: RequestContext, input: { fileName: string; dryRun: boolean; publish: boolean }) {
  const [row] = await db
    .insert(catalogImport)
    .values({ status: 'running', dryRun: input.dryRun, publish: input.publish, fileName: input.fileName, createdBy: ctx.actor.username })
    .returning();
  return row;
}

/** What the importer may do: write which implementations, define base items, and where those belong. */
export interface ImportScope {
  mayWrite?: (regionCode: string, departmentId: number) => boolean;
  mayCreateBaseItems?: boolean;
  baseRegionCode?: string | null;
}

export async function runImportJob(db: Db, ctx: RequestContext, id: number, buffer: Buffer, scope: ImportScope = {}): Promise<void> {
  const [job] = await db.select().from(catalogImport).where(eq(catalogImport.id, id));
  let last = 0;
  const progress = async (done: number, total: number) => {
    if (done - last < 200 && done < total) return;
    last = done;
    await db.update(catalogImport).set({ processed: done, total }).where(eq(catalogImport.id, id));
  };
  try {
    const parsed = await parseWorkbook(db, buffer, {
      publish: job.publish,
      mayWrite: scope.mayWrite,
      mayCreateBaseItems: scope.mayCreateBaseItems,
      onProgress: (d, t) => void progress(d, t),
    });
    if (parsed.problems.length || job.dryRun) {
      await db
        .update(catalogImport)
        .set({
          status: parsed.problems.length ? 'failed' : 'checked',
          total: parsed.rows,
          processed: parsed.rows,
          problems: parsed.problems,
          summary: { rows: parsed.rows, implementations: parsed.implementations.length, baseItems: parsed.baseItems.length },
          finishedAt: sql`now()`,
        })
        .where(eq(catalogImport.id, id));
      return;
    }
    await db.update(catalogImport).set({ total: parsed.implementations.length, processed: 0 }).where(eq(catalogImport.id, id));
    last = 0;
    const summary = await applyImport(db, ctx, parsed, {
      publish: job.publish,
      baseRegionCode: scope.baseRegionCode,
      onProgress: (d, t) => void progress(d, t),
    });
    await db.transaction(async (tx) => {
      await tx
        .update(catalogImport)
        .set({ status: 'done', processed: parsed.implementations.length, summary, finishedAt: sql`now()` })
        .where(eq(catalogImport.id, id));
      await writeAudit(tx, ctx, { action: 'catalog.import', targetType: 'catalog_import', targetId: id, change: { fileName: job.fileName, summary } });
    });
  } catch (e) {
    await db
      .update(catalogImport)
      .set({ status: 'failed', problems: [{ sheet: '', row: 0, column: null, message: (e as Error).message }], finishedAt: sql`now()` })
      .where(eq(catalogImport.id, id));
  }
}

export async function getImportJob(db: Db, id: number) {
  const [row] = await db.select().from(catalogImport).where(eq(catalogImport.id, id));
  if (!row) throw catalogErrors.IMPORT_NOT_FOUND({ id });
  return row;
}

/** The catalogue (latest version of every implementation that is not abolished) as a workbook of the import format. */
export async function exportWorkbook(db: Db, scope: { within?: ScopeFilter; regionCode?: string; departmentId?: number } = {}): Promise<Buffer> {
  const impls = await queryRows<{ code: string; base_code: string; region_code: string; uscc: string; content: ImplementationContent }>(
    db,
    sql`SELECT i.code, b.code AS base_code, i.region_code, d.uscc, v.content
        FROM implementation i
        JOIN implementation_version v ON v.id = i.latest_version_id
        JOIN base_item b ON b.id = i.base_item_id
        JOIN pub_regions_department d ON d.id = i.department_id
        WHERE i.status <> 'abolished'
          ${scope.within ? sql`AND ${scopeSql(scope.within, sql`i.region_code`, sql`i.department_id`)}` : sql``}
          ${scope.regionCode ? sql`AND i.region_code LIKE ${prefixPattern(regionPrefix(scope.regionCode))}` : sql``}
          ${scope.departmentId ? sql`AND i.department_id = ${scope.departmentId}` : sql``}
        ORDER BY i.code`,
  );
  const bases = await queryRows<{ code: string; name: string; item_type: string; use_level: string; legal_basis: string; parent_code: string | null }>(
    db,
    sql`SELECT b.code, b.name, b.item_type, b.use_level, b.legal_basis, p.code AS parent_code FROM base_item b LEFT JOIN base_item p ON p.id = b.parent_id ORDER BY b.code`,
  );
  const wb = await newWorkbook();
  wb.creator = 'tongban';
  const addSheet = (name: string, columns: Column[], rows: Record<string, unknown>[]) => {
    const sheet = wb.addWorksheet(name);
    sheet.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: Math.max(12, c.header.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, formatCell(c, getPath(r, c.key))])));
  };
  addSheet(
    BASE_SHEET,
    BASE_COLUMNS,
    bases.map((b) => ({ code: b.code, name: b.name, itemType: b.item_type, useLevel: b.use_level, legalBasis: b.legal_basis, parentCode: b.parent_code })),
  );
  addSheet(
    IMPL_SHEET,
    IMPL_COLUMNS,
    impls.map((i) => ({ ...i.content, code: i.code, baseCode: i.base_code, regionCode: i.region_code, departmentUscc: i.uscc })),
  );
  const formName = invert(MATERIAL_FORM);
  const sourceName = invert(MATERIAL_SOURCE);
  addSheet(
    MATERIAL_SHEET,
    MATERIAL_COLUMNS,
    impls.flatMap((i) => i.content.materials.map((m) => ({ ...m, implementationCode: i.code, form: formName[m.form], source: sourceName[m.source] }))),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { IMPL_COLUMNS, MATERIAL_COLUMNS, BASE_COLUMNS, IMPL_SHEET, MATERIAL_SHEET, BASE_SHEET, formatCell };
