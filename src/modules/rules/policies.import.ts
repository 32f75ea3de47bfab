import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/excel.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isValidIsoDate } from '../../platform/calendar/working-days.ts';
import { policyErrors } from './policies.errors.ts';
import { policy } from './policies.schema.ts';
import { checkOwner, createPolicy, policyProblems } from './policies.service.ts';
import { createPolicyBody, type CreatePolicyInput } from './policies.types.ts';

/**
 * Excel import of a policy list (ADR 0038): every row is checked first — its cells, its conditions (the same checks
 * as a policy made by hand), codes unique in the file — and any problem refuses the whole file with every problem by
 * row and column; otherwise every row becomes a draft in one transaction. Nothing is ever half-loaded.
 */
export const POLICY_IMPORT_COLUMNS = [
  ['code', '编码'],
  ['title', '政策名称'],
  ['issuer', '发文单位'],
  ['documentNumber', '文号'],
  ['target', '对象（企业/个人）'],
  ['automatic', '享受方式（免申即享/依申请）'],
  ['benefitZh', '扶持内容'],
  ['amountYuan', '金额（元）'],
  ['amountRuleZh', '金额规则'],
  ['validFrom', '生效日期'],
  ['validTo', '失效日期'],
  ['content', '条件（JSON）'],
] as const;

export interface PolicyImportProblem {
  row: number;
  column: string;
  message: string;
}

const TARGETS: Record<string, 'organisation' | 'person'> = {
  企业: 'organisation',
  组织: 'organisation',
  个人: 'person',
  organisation: 'organisation',
  person: 'person',
};
const MODES: Record<string, boolean> = { 免申即享: true, 依申请: false, automatic: true, application: false };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v).trim();
}

/** The rows of the first sheet (the header row skipped), as text. */
export async function readPolicyWorkbook(bytes: Buffer): Promise<{ row: number; cells: string[] }[]> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw policyErrors.POLICY_IMPORT_FILE_INVALID();
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw policyErrors.POLICY_IMPORT_FILE_INVALID();
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cells = POLICY_IMPORT_COLUMNS.map((_, i) => cellText(r.getCell(i + 1).value));
    if (cells.some(Boolean)) rows.push({ row: n, cells });
  });
  return rows;
}

/** Checks every row; the inputs to create, or every problem. */
export async function checkPolicyRows(
  db: Db,
  rows: { row: number; cells: string[] }[],
  owner: { regionCode: string; departmentId: number },
): Promise<{ inputs: CreatePolicyInput[]; problems: PolicyImportProblem[] }> {
  const problems: PolicyImportProblem[] = [];
  const inputs: CreatePolicyInput[] = [];
  const codes = new Set<string>();
  if (rows.length === 0) problems.push({ row: 1, column: 'code', message: '表中没有政策 (no rows)' });
  for (const { row, cells } of rows) {
    const bad = (column: string, message: string) => problems.push({ row, column, message });
    const v = Object.fromEntries(POLICY_IMPORT_COLUMNS.map(([key], i) => [key, cells[i] ?? ''])) as Record<(typeof POLICY_IMPORT_COLUMNS)[number][0], string>;
    const target = TARGETS[v.target];
    if (!target) bad('target', `对象应为“企业”或“个人”，而不是“${v.target}” (organisation or person)`);
    const automatic = MODES[v.automatic];
    if (automatic === undefined) bad('automatic', `享受方式应为“免申即享”或“依申请”，而不是“${v.automatic}”`);
    for (const key of ['validFrom', 'validTo'] as const)
      if (v[key] && !(/^\d{4}-\d{2}-\d{2}$/.test(v[key]) && isValidIsoDate(v[key]))) bad(key, `日期应为 YYYY-MM-DD：${v[key]} (not a date)`);
    let content: unknown = null;
    let contentRead = true;
    try {
      content = JSON.parse(v.content || 'null');
    } catch {
      contentRead = false;
      bad('content', '条件不是有效的 JSON (not JSON)');
    }
    if (codes.has(v.code)) bad('code', `编码 ${v.code} 在表中重复 (twice in the file)`);
    codes.add(v.code);
    const parsed = createPolicyBody.safeParse({
      code: v.code,
      title: v.title,
      issuer: v.issuer,
      documentNumber: v.documentNumber,
      target: target ?? 'organisation',
      automatic: automatic ?? false,
      benefitZh: v.benefitZh,
      amountYuan: v.amountYuan === '' ? null : Number(v.amountYuan),
      amountRuleZh: v.amountRuleZh,
      validFrom: v.validFrom,
      validTo: v.validTo || null,
      regionCode: owner.regionCode,
      departmentId: owner.departmentId,
      content,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        if (contentRead || issue.path[0] !== 'content') bad(String(issue.path[0] ?? 'row'), `${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const [taken] = await db.select({ id: policy.id }).from(policy).where(eq(policy.code, v.code));
    if (taken) bad('code', `编码 ${v.code} 已被政策库中的政策使用 (code taken)`);
    for (const p of await policyProblems(db, parsed.data.content, parsed.data.target)) bad('content', `${p.at}: ${p.message}`);
    inputs.push(parsed.data);
  }
  return { inputs, problems };
}

/** Imports a workbook into the owner's department: every row or none. One audit entry for the import, one per policy. */
export async function importPolicies(db: Db, ctx: RequestContext, bytes: Buffer, owner: { regionCode: string; departmentId: number }) {
  await checkOwner(db, owner);
  const rows = await readPolicyWorkbook(bytes);
  const { inputs, problems } = await checkPolicyRows(db, rows, owner);
  if (problems.length) throw policyErrors.POLICY_IMPORT_INVALID({ problems });
  return db.transaction(async (tx) => {
    const created = [];
    // A code taken meanwhile refuses the whole file (POLICY_CODE_TAKEN): the transaction rolls back.
    for (const input of inputs) created.push(await createPolicy(tx, ctx, input));
    await writeAudit(tx, ctx, { action: 'policies.import', targetType: 'policy', targetId: owner.departmentId, change: { codes: created.map((p) => p.code) } });
    return { imported: created.length, codes: created.map((p) => p.code) };
  });
}

/** What each column takes, for the template's second sheet. */
const COLUMN_HELP: Record<(typeof POLICY_IMPORT_COLUMNS)[number][0], string> = {
  code: '政策编码：字母、数字、- 和 _，政策库内唯一',
  title: '政策名称',
  issuer: '发文单位',
  documentNumber: '文号，如 淮政办〔2025〕12号',
  target: '企业 或 个人',
  automatic: '免申即享 或 依申请',
  benefitZh: '扶持内容（中文）',
  amountYuan: '每项待遇的金额（元）；不是资金的留空',
  amountRuleZh: '金额如何确定（可留空）',
  validFrom: '生效日期，YYYY-MM-DD',
  validTo: '失效日期，YYYY-MM-DD；长期有效的留空',
  content: '颗粒化条件（导入后可在“编辑条件”页面逐条修改）：见下方示例',
};

const EXAMPLE_CONTENT = {
  inputs: [{ key: 'region', type: 'string', labelZh: '所在地区', source: { kind: 'profile', attribute: 'regionCode' } }],
  conditions: [{ key: 'local', input: 'region', test: 'startsWith($, "3406")', labelZh: '注册地在淮北市', article: '《淮北市惠企政策》第一条' }],
  goldenCases: [
    { name: '本地企业', inputs: { region: '340603' }, expected: 'grant' },
    { name: '外地企业', inputs: { region: '320102' }, expected: 'refuse' },
  ],
};

/** The import template: the list's columns on the first sheet (the one imported), what each takes and an example on the second. */
export async function policyTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'tongban';
  const list = wb.addWorksheet('政策清单');
  list.columns = POLICY_IMPORT_COLUMNS.map(([key, header]) => ({ header, key, width: Math.max(12, header.length * 2 + 4) }));
  list.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 28 },
    { header: '填写说明', key: 'help', width: 60 },
    { header: '示例', key: 'example', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  const example: Record<string, string> = {
    code: 'HB-EXAMPLE-1',
    title: '新办企业开办补贴',
    issuer: '淮北市市场监督管理局',
    documentNumber: '淮市监〔2025〕21号',
    target: '企业',
    automatic: '免申即享',
    benefitZh: '一次性给予开办补贴',
    amountYuan: '1000',
    amountRuleZh: '每户一次性 1000 元',
    validFrom: '2025-01-01',
    validTo: '',
    content: JSON.stringify(EXAMPLE_CONTENT),
  };
  for (const [key, header] of POLICY_IMPORT_COLUMNS) help.addRow({ header, help: COLUMN_HELP[key], example: example[key] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
