import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/excel.ts';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/db.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Scope, ScopeFilter } from '../../platform/permissions.ts';
import { scopeSql } from '../../platform/db/scope-sql.ts';
import { safeCell } from '../../platform/spreadsheet.ts';
import { findDepartmentByUscc } from '../regions/index.ts';
import { exchangeResource } from './exchange.schema.ts';
import { exchangeErrors } from './exchange.errors.ts';
import { FIELD_TYPES, fieldProblems, resourceCode, type FieldType, type ResourceField } from './exchange.core.ts';
import { createResource, getResource, updateResource } from './exchange.service.ts';
import { createResourceBody, type CreateResourceInput } from './exchange.types.ts';

/**
 * The catalogue workbook (政务信息资源目录): one sheet, one row per resource, one column per core element. Export and
 * import share the columns, so exporting and importing again changes nothing. 信息项 holds one field a line (or
 * separated by ；/;): `key:名称:类型`, a trailing * for required; the key field is named in 主键.
 */
const SHEET = '信息资源目录';
const COLUMNS = [
  ['分类码', 'classification'],
  ['顺序码', 'sequence'],
  ['资源代码', 'code'],
  ['资源名称', 'name'],
  ['提供部门统一社会信用代码', 'uscc'],
  ['提供部门', 'departmentName'],
  ['摘要', 'summary'],
  ['格式', 'format'],
  ['信息项', 'fields'],
  ['主键', 'keyField'],
  ['共享类型', 'sharing'],
  ['共享条件', 'sharingConditions'],
  ['共享依据', 'sharingBasis'],
  ['共享方式', 'sharingMethod'],
  ['开放属性', 'openAttribute'],
  ['更新周期', 'updateCycle'],
  ['发布日期', 'releaseDate'],
] as const;
type Key = (typeof COLUMNS)[number][1];

const SHARING_WORDS: Record<string, string> = { 无条件共享: 'open', 无条件: 'open', 有条件共享: 'conditional', 有条件: 'conditional', 不予共享: 'closed' };
const SHARING_OUT: Record<string, string> = { open: '无条件共享', conditional: '有条件共享', closed: '不予共享' };
const METHOD_WORDS: Record<string, string> = { 接口: 'interface', 库表: 'table', 文件: 'file' };
const METHOD_OUT: Record<string, string> = { interface: '接口', table: '库表', file: '文件' };
const OPEN_WORDS: Record<string, string> = { 开放: 'open', 有条件开放: 'conditional', 不开放: 'closed', 不予开放: 'closed' };
const OPEN_OUT: Record<string, string> = { open: '开放', conditional: '有条件开放', closed: '不开放' };
const TYPE_WORDS: Record<string, FieldType> = {
  字符串: 'string',
  字符型: 'string',
  整数: 'integer',
  数值: 'number',
  数值型: 'number',
  日期: 'date',
  日期型: 'date',
  布尔: 'boolean',
};

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

/** `key:名称:类型[*]` a line (or ；-separated) → fields; problems named by the line. */
export function parseFields(text: string): { fields: ResourceField[]; problems: string[] } {
  const fields: ResourceField[] = [];
  const problems: string[] = [];
  for (const part of text
    .split(/[\n；;]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z][a-z0-9_]*)\s*[:：]\s*([^:：]+?)\s*[:：]\s*([^*\s]+)\s*(\*)?$/.exec(part);
    if (!m) {
      problems.push(`信息项 “${part}” is not key:名称:类型`);
      continue;
    }
    const type = (FIELD_TYPES as readonly string[]).includes(m[3]) ? (m[3] as FieldType) : TYPE_WORDS[m[3]];
    if (!type) {
      problems.push(`信息项 ${m[1]}: unknown type ${m[3]}`);
      continue;
    }
    fields.push({ key: m[1], name: m[2], type, required: m[4] === '*' });
  }
  return { fields, problems };
}

export const formatFields = (fields: readonly ResourceField[]) => fields.map((f) => `${f.key}:${f.name}:${f.type}${f.required ? '*' : ''}`).join('\n');

/** The resources in the exporter's scope (and every published one), as the workbook. */
export async function exportCatalogue(db: Db, within: ScopeFilter): Promise<Buffer> {
  const rows = await db
    .select({ id: exchangeResource.id })
    .from(exchangeResource)
    .where(sql`(${exchangeResource.status} = 'published' OR ${scopeSql(within, sql`${exchangeResource.regionCode}`, sql`${exchangeResource.departmentId}`)})`)
    .orderBy(exchangeResource.code);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map(([header, key]) => ({ header, key, width: key === 'fields' || key === 'summary' ? 40 : 16 }));
  for (const { id } of rows) {
    const r = await getResource(db, Number(id));
    const [uscc] = await queryRows<{ uscc: string }>(db, sql`SELECT uscc FROM pub_regions_department WHERE id = ${r.departmentId}`);
    const values: Record<Key, string> = {
      classification: r.classification,
      sequence: r.sequence,
      code: r.code,
      name: r.name,
      uscc: uscc?.uscc ?? '',
      departmentName: r.departmentName,
      summary: r.summary,
      format: r.format,
      fields: formatFields(r.fields),
      keyField: r.keyField,
      sharing: SHARING_OUT[r.sharing],
      sharingConditions: r.sharingConditions ?? '',
      sharingBasis: r.sharingBasis ?? '',
      sharingMethod: METHOD_OUT[r.sharingMethod],
      openAttribute: OPEN_OUT[r.openAttribute],
      updateCycle: r.updateCycle,
      releaseDate: r.releaseDate ?? '',
    };
    ws.addRow(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, safeCell(v)])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

/**
 * Imports the workbook: every row checked first (elements, fields, the department within the importer's scope, a
 * code twice, a code already past draft), and with any problem nothing is written (EXCHANGE_IMPORT_INVALID, every
 * row's problems). Then in one transaction: new codes become drafts, drafts of known codes are updated.
 */
export async function importCatalogue(db: Db, ctx: RequestContext, bytes: Buffer, mayWrite: (scope: Scope) => boolean) {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw exchangeErrors.EXCHANGE_IMPORT_INVALID({ problems: [{ row: 0, column: null, message: 'not an .xlsx workbook' }] });
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) throw exchangeErrors.EXCHANGE_IMPORT_INVALID({ problems: [{ row: 0, column: null, message: 'no sheet' }] });
  const headerRow = ws.getRow(1);
  const colOf = new Map<string, number>();
  headerRow.eachCell((cell, col) => colOf.set(cellText(cell.value), col));
  const problems: ImportProblem[] = [];
  for (const [header, key] of COLUMNS)
    if (!colOf.has(header) && key !== 'code' && key !== 'departmentName') problems.push({ row: 1, column: header, message: 'column missing' });
  if (problems.length) throw exchangeErrors.EXCHANGE_IMPORT_INVALID({ problems });
  const planned: { row: number; input: CreateResourceInput; code: string; existing: { id: number; version: number } | null }[] = [];
  const codes = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (key: Key) => {
      const header = COLUMNS.find(([, k]) => k === key)![0];
      const col = colOf.get(header);
      return col ? cellText(row.getCell(col).value) : '';
    };
    if (COLUMNS.every(([, k]) => get(k) === '')) continue;
    const rowProblems = (column: string | null, message: string) => problems.push({ row: r, column, message });
    const before = problems.length;
    const fields = parseFields(get('fields'));
    fields.problems.forEach((m) => rowProblems('信息项', m));
    const dept = get('uscc') ? await findDepartmentByUscc(db, get('uscc')) : undefined;
    if (!dept) rowProblems('提供部门统一社会信用代码', `no department with USCC ${get('uscc') || '(empty)'}`);
    else if (!mayWrite({ regionCode: dept.regionCode, departmentId: Number(dept.id) }))
      rowProblems('提供部门统一社会信用代码', 'the department is outside your scope');
    const word = (map: Record<string, string>, key: Key, header: string) => {
      const v = get(key);
      const out = map[v] ?? (Object.values(map).includes(v) ? v : undefined);
      if (!out) rowProblems(header, `unknown value ${v || '(empty)'}`);
      return out ?? '';
    };
    const candidate = {
      classification: get('classification'),
      sequence: get('sequence'),
      name: get('name'),
      departmentId: dept ? Number(dept.id) : 1,
      summary: get('summary'),
      format: get('format'),
      fields: fields.fields,
      keyField: get('keyField'),
      sharing: word(SHARING_WORDS, 'sharing', '共享类型'),
      sharingConditions: get('sharingConditions') || null,
      sharingBasis: get('sharingBasis') || null,
      sharingMethod: word(METHOD_WORDS, 'sharingMethod', '共享方式'),
      openAttribute: word(OPEN_WORDS, 'openAttribute', '开放属性'),
      updateCycle: get('updateCycle'),
      releaseDate: get('releaseDate') || null,
    };
    const parsed = createResourceBody.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        if (['sharing', 'sharingMethod', 'openAttribute', 'fields'].includes(key) && problems.length > before) continue;
        rowProblems(COLUMNS.find(([, k]) => k === key)?.[0] ?? key, issue.message);
      }
    }
    const code = resourceCode(candidate.classification, candidate.sequence);
    if (!code) rowProblems('分类码', '分类码 is 类 1 digit + 项 2 + 目 3 (+ 细目), 顺序码 digits');
    for (const p of fieldProblems(fields.fields, candidate.keyField))
      if (p.at === 'keyField' || !fields.problems.length) rowProblems(p.at === 'keyField' ? '主键' : '信息项', p.message);
    if (candidate.sharing && candidate.sharing !== 'open' && !candidate.sharingBasis)
      rowProblems('共享依据', 'a conditional or closed resource states its basis');
    let existing: { id: number; version: number } | null = null;
    if (code) {
      if (codes.has(code)) rowProblems('顺序码', `code ${code} also on row ${codes.get(code)}`);
      codes.set(code, r);
      const [known] = await db
        .select({
          id: exchangeResource.id,
          status: exchangeResource.status,
          version: exchangeResource.version,
          regionCode: exchangeResource.regionCode,
          departmentId: exchangeResource.departmentId,
        })
        .from(exchangeResource)
        .where(and(eq(exchangeResource.code, code)));
      if (known && known.status !== 'draft') rowProblems('顺序码', `${code} is ${known.status}: only a draft is changed by an import`);
      else if (known && !mayWrite({ regionCode: known.regionCode, departmentId: Number(known.departmentId) }))
        rowProblems('顺序码', `${code} belongs to a department outside your scope`);
      if (known) existing = { id: Number(known.id), version: known.version };
    }
    if (problems.length === before && parsed.success && code) planned.push({ row: r, input: parsed.data, code, existing });
  }
  if (problems.length) throw exchangeErrors.EXCHANGE_IMPORT_INVALID({ problems: problems.slice(0, 500) });
  if (!planned.length) throw exchangeErrors.EXCHANGE_IMPORT_INVALID({ problems: [{ row: 0, column: null, message: 'no rows' }] });
  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const p of planned) {
      if (p.existing) {
        const { departmentId: _d, ...rest } = p.input;
        await updateResource(tx, ctx, p.existing.id, { ...rest, version: p.existing.version });
        updated++;
      } else {
        const [dept] = await queryRows<{ region_code: string }>(tx, sql`SELECT region_code FROM pub_regions_department WHERE id = ${p.input.departmentId}`);
        await createResource(tx, ctx, p.input, { regionCode: dept.region_code, departmentId: p.input.departmentId });
        created++;
      }
    }
    return { created, updated, codes: planned.map((p) => p.code) };
  });
}
