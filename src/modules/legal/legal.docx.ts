import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Article } from './legal.core.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FONT = 'SimSun';

const STATUS_ZH: Record<string, string> = {
  drafting: '起草中',
  commenting: '征求意见中',
  in_review: '合法性审核中',
  reviewed: '审核通过',
  deliberated: '已集体审议',
  registered: '已登记编号',
  in_force: '现行有效',
  lapsed: '已失效',
  repealed: '已废止',
};
const ACTION_ZH: Record<string, string> = {
  create: '起草',
  save_version: '修改文本',
  open_comment: '公开征求意见',
  close_comment: '结束征求意见',
  review: '合法性审核',
  deliberate: '集体审议',
  register: '统一登记编号',
  publish: '公布',
  file: '备案',
  renew: '续期（重新登记编号）',
  lapse: '到期失效',
  repeal: '废止',
  clean_up: '清理',
};

export interface RecordInput {
  title: string;
  departmentName: string;
  status: string;
  docNumber: string | null;
  publishedOn: string | null;
  validUntil: string | null;
  filedOn: string | null;
  filedWith: string | null;
  adoptionSummary: string | null;
  versions: { number: number; articles: Article[] }[];
  steps: { action: string; actor: string; onDay: string; data: Record<string, unknown> }[];
  comments: { articleNo: number; body: string; status: string; answer: string | null; adopted: boolean | null }[];
}

const run = (t: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, font: FONT, size: opts.size ?? 24, bold: opts.bold });
const para = (t: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 120 }, children: [run(t, opts)] });
const cell = (t: string, bold = false) => new TableCell({ children: [para(t, { bold, size: 21 })] });
const table = (head: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });

/** What a step's record says, in a line: its data's values (never an internal code). */
const stepText = (data: Record<string, unknown>) =>
  Object.values(data)
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(String)
    .join('；');

/** A document's full record (办理全过程) as a Word file: its particulars, every step, the text, the comments. */
export async function recordDocx(d: RecordInput): Promise<Buffer> {
  const latest = d.versions[0];
  const doc = new Document({
    sections: [
      {
        children: [
          para(d.title, { bold: true, size: 36, center: true }),
          para('行政规范性文件制定过程记录', { size: 28, center: true }),
          table(
            ['项目', '内容'],
            [
              ['起草部门', d.departmentName],
              ['状态', STATUS_ZH[d.status] ?? d.status],
              ['文号', d.docNumber ?? '—'],
              ['公布日期', d.publishedOn ?? '—'],
              ['有效期至', d.validUntil ?? '—'],
              ['备案', d.filedOn ? `${d.filedWith ?? ''} ${d.filedOn}` : '—'],
              ['意见采纳情况', d.adoptionSummary ?? '—'],
            ],
          ),
          para(''),
          para('一、办理过程', { bold: true, size: 28 }),
          table(
            ['日期', '环节', '经办人', '记录'],
            d.steps.map((s) => [s.onDay, ACTION_ZH[s.action] ?? s.action, s.actor, stepText(s.data)]),
          ),
          para(''),
          para(`二、文本（第${latest.number}版）`, { bold: true, size: 28 }),
          ...latest.articles.map((a) => para(`第${a.no}条\u3000${a.text}`)),
          para(''),
          para('三、公众意见', { bold: true, size: 28 }),
          d.comments.length
            ? table(
                ['条款', '意见', '处理', '答复'],
                d.comments.map((c) => [
                  `第${c.articleNo}条`,
                  c.body,
                  c.status === 'approved' ? (c.adopted ? '公开·采纳' : '公开') : c.status === 'rejected' ? '不予公开' : '待审核',
                  c.answer ?? '',
                ]),
              )
            : para('无'),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
