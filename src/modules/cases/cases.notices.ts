import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import { caseErrors } from './cases.errors.ts';
import type { caseDetail } from './cases.views.ts';

/**
 * Written notices of a case as Word documents (.docx): the receipt (回执), acceptance (受理通知书), refusal
 * (不予受理决定书), correction (补正材料通知书) and decision (准予/不予行政许可决定书). Each carries the case number, dates,
 * the deadline where one runs, and a QR code to the case.
 */
export const NOTICE_KINDS = ['receipt', 'acceptance', 'refusal', 'correction', 'decision'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

type Detail = Awaited<ReturnType<typeof caseDetail>>;

const FONT = 'SimSun';
const text = (t: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, font: FONT, size: opts.size ?? 24, bold: opts.bold });
const para = (t: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 160 }, children: [text(t, opts)] });

function row(label: string, value: string) {
  return new TableRow({
    children: [
      new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [para(label, { bold: true })] }),
      new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [para(value)] }),
    ],
  });
}

function event(detail: Detail, type: string) {
  return [...detail.timeline].reverse().find((e) => e.type === type);
}

const TITLES: Record<NoticeKind, string> = {
  receipt: '申请材料接收回执',
  acceptance: '受理通知书',
  refusal: '不予受理决定书',
  correction: '补正材料通知书',
  decision: '行政许可决定书',
};

/** The body paragraphs of each notice; undefined when the case has not reached it. */
function body(kind: NoticeKind, d: Detail): Paragraph[] | undefined {
  const who = `${d.applicant.name}：`;
  const item = `“${d.implementation.name}”`;
  switch (kind) {
    case 'receipt':
      if (!d.receivedOn) return undefined;
      return [
        para(who),
        para(
          `你（单位）于 ${d.receivedOn} 提交的${item}申请材料已收到，办件编号 ${d.number}。我们将依法作出是否受理的决定；五个工作日内未告知补正的，自收到材料之日起即为受理。`,
        ),
      ];
    case 'acceptance': {
      if (!d.clock.acceptedOn) return undefined;
      return [
        para(who),
        para(
          `你（单位）提出的${item}申请，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理${d.clock.deemedAccepted ? '（因未在五日内告知补正，自收到申请材料之日起即为受理）' : ''}。`,
        ),
        para(`受理日期：${d.clock.acceptedOn}；承诺办结日期：${d.clock.deadline ?? '—'}；法定办结日期：${d.clock.legalDeadline ?? '—'}。`),
        ...d.materials.filter((m) => m.mode === 'gap').map((m) => para(`容缺材料“${m.name}”须于 ${m.gapDueOn} 前补齐；补齐前不作出许可决定。`)),
      ];
    }
    case 'refusal': {
      const e = event(d, 'refused');
      if (!e) return undefined;
      return [
        para(who),
        para(`你（单位）提出的${item}申请，经审查，决定不予受理。`),
        para(`理由：${String(e.data.reason ?? '')}`),
        para(`依据：${String(e.data.legalBasis ?? '')}`),
        para('如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。'),
      ];
    }
    case 'correction': {
      const e = event(d, 'correction_requested');
      if (!e) return undefined;
      const items = (e.data.items as { materialKey?: string | null; note: string }[]) ?? [];
      return [
        para(who),
        para(
          `你（单位）提出的${item}申请，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知需要补正的全部内容如下：`,
        ),
        ...items.map((i, n) =>
          para(`${n + 1}. ${i.materialKey ? `${d.materials.find((m) => m.key === i.materialKey)?.name ?? i.materialKey}：` : ''}${i.note}`),
        ),
        para(`请通过网上办事大厅或到综合窗口补正。补正期间，办理时限中止计算（通知日期 ${e.onDay}）。`),
      ];
    }
    case 'decision': {
      const e = event(d, 'decided');
      if (!e) return undefined;
      const granted = e.data.outcome === '0';
      return granted
        ? [
            para(who),
            para(`你（单位）提出的${item}申请，经审查，符合法定条件和标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。`),
            para(`决定日期：${e.onDay}。`),
          ]
        : [
            para(who),
            para(`你（单位）提出的${item}申请，经审查，决定不予行政许可。`),
            para(`理由：${String(e.data.reason ?? '')}`),
            para(`依据：${String(e.data.legalBasis ?? '')}`),
            para(String(e.data.rights ?? '')),
            para(`决定日期：${e.onDay}。`),
          ];
    }
  }
}

export async function noticeDocx(kind: NoticeKind, d: Detail, caseUrl: string): Promise<Buffer> {
  const paragraphs = body(kind, d);
  if (!paragraphs) throw caseErrors.CASE_NOTICE_UNAVAILABLE({ kind });
  const qr = await QRCode.toBuffer(caseUrl, { type: 'png', margin: 1, width: 160 });
  const title = kind === 'decision' && d.outcome !== '0' ? '不予行政许可决定书' : kind === 'decision' ? '准予行政许可决定书' : TITLES[kind];
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        children: [
          para(d.implementation.department, { center: true, size: 28 }),
          para(title, { bold: true, center: true, size: 36 }),
          para(`编号：${d.number}`, { center: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              row('办件编号', d.number),
              row('事项名称', d.implementation.name),
              row('申请人', d.applicant.name),
              row('证件号码', d.applicant.idNumberMasked ?? ''),
            ],
          }),
          para(''),
          ...paragraphs,
          para(''),
          para(`${d.implementation.department}（盖章）`, { center: false }),
          para(`日期：${d.decidedOn ?? d.clock.acceptedOn ?? d.receivedOn ?? ''}`),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 96, height: 96 } })] }),
          para('扫码查询办件进度'),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
