import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import { caseErrors } from './cases.errors.ts';
import type { CaseView } from './cases.types.ts';
import { basisOf, itemTypeRules, PLEDGE_GUIDELINE, type ItemTypeRules } from './item-type-rules.ts';

/**
 * Written notices of a case as Word documents (.docx): the receipt (回执), acceptance (受理通知书), refusal
 * (不予受理决定书/通知书), correction (补正材料通知书), decision (准予/不予行政许可决定书 for 行政许可; the words of its
 * type for the others: item-type-rules.ts) and revocation (撤销行政许可决定书 …, when a pledge was found false: ADR 0033). Each carries the case number, dates, the deadline where one runs, and a QR
 * code to the case.
 */
export const NOTICE_KINDS = ['receipt', 'acceptance', 'refusal', 'correction', 'decision', 'revocation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What a notice reads of the case (caseDetail's view). */
export type NoticeCase = Pick<
  CaseView,
  'number' | 'applicant' | 'implementation' | 'clock' | 'materials' | 'timeline' | 'outcome' | 'receivedOn' | 'decidedOn'
>;

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

/** A date of the clock, or why it is not set yet (a calendar year not loaded), never a bare dash. */
function dateOrReason(d: NoticeCase, date: 'deadline' | 'legalDeadline'): string {
  return d.clock[date] ?? d.clock.undetermined.find((u) => u.date === date)?.reason.zh ?? '未计算';
}

function event(detail: NoticeCase, type: string) {
  return [...detail.timeline].reverse().find((e) => e.type === type);
}

/**
 * The title and body paragraphs of a notice, worded for the item's type (item-type-rules.ts: the law, articles and
 * words it cites); undefined when the case has not reached it.
 */
export function noticeText(kind: NoticeKind, d: NoticeCase): { title: string; paragraphs: string[] } | undefined {
  const rules = itemTypeRules(d.implementation.itemType);
  const basis = (act: 'acceptance' | 'correction' | 'grant' | 'deny' | 'revoke') => basisOf(rules, act, d.implementation.legalBasis);
  const paragraphs = body(kind, d, rules, basis);
  if (!paragraphs) return undefined;
  const title =
    kind === 'decision'
      ? d.outcome === '0'
        ? rules.titles.decisionGranted
        : rules.titles.decisionDenied
      : kind === 'revocation'
        ? rules.revocation.title
        : rules.titles[kind];
  return { title, paragraphs };
}

function body(
  kind: NoticeKind,
  d: NoticeCase,
  rules: ItemTypeRules,
  basis: (act: 'acceptance' | 'correction' | 'grant' | 'deny' | 'revoke') => string,
): string[] | undefined {
  const who = `${d.applicant.name}：`;
  const item = `“${d.implementation.name}”`;
  switch (kind) {
    case 'receipt':
      if (!d.receivedOn) return undefined;
      return [
        who,
        `你（单位）于 ${d.receivedOn} 提交的${item}申请材料已收到，办件编号 ${d.number}。我们将依法作出是否受理的决定${
          rules.deemedAcceptance ? `；五个工作日内未告知补正的，根据${basis('correction')}的规定，自收到材料之日起即为受理` : ''
        }。`,
      ];
    case 'acceptance': {
      if (!d.clock.acceptedOn) return undefined;
      const deemed = rules.deemedAcceptance && d.clock.deemedAccepted ? '（因未在五日内告知补正，自收到申请材料之日起即为受理）' : '';
      return [
        who,
        `你（单位）提出的${item}申请，申请材料齐全、符合法定形式，根据${basis('acceptance')}的规定，决定予以受理${deemed}。`,
        `受理日期：${d.clock.acceptedOn}；承诺办结日期：${dateOrReason(d, 'deadline')}；法定办结日期：${dateOrReason(d, 'legalDeadline')}。`,
        ...d.materials
          .filter((m) => m.mode === 'gap')
          .map((m) => `容缺材料“${m.name}”须于 ${m.gapDueOn} 前补齐；补齐前不作出${rules.outcome.granted.zh}决定。`),
      ];
    }
    case 'refusal': {
      const e = event(d, 'refused');
      if (!e) return undefined;
      return [
        who,
        `你（单位）提出的${item}申请，经审查，决定不予受理。`,
        `理由：${String(e.data.reason ?? '')}`,
        `依据：${String(e.data.legalBasis ?? '')}`,
        rules.rights,
      ];
    }
    case 'correction': {
      const e = event(d, 'correction_requested');
      if (!e) return undefined;
      const items = e.data.items ?? [];
      return [
        who,
        `你（单位）提出的${item}申请，申请材料不齐全或者不符合法定形式。根据${basis('correction')}的规定，现一次性告知需要补正的全部内容如下：`,
        ...items.map((i, n) => `${n + 1}. ${i.materialKey ? `${d.materials.find((m) => m.key === i.materialKey)?.name ?? i.materialKey}：` : ''}${i.note}`),
        `请通过网上办事大厅或到综合窗口补正。补正期间，办理时限中止计算（通知日期 ${e.onDay}）。`,
      ];
    }
    case 'decision': {
      const e = event(d, 'decided');
      if (!e) return undefined;
      return e.data.outcome === '0'
        ? [
            who,
            `你（单位）提出的${item}申请，经审查，符合法定条件和标准，根据${basis('grant')}的规定，决定${rules.decided.granted}。`,
            `决定日期：${e.onDay}。`,
          ]
        : [
            who,
            `你（单位）提出的${item}申请，经审查，根据${basis('deny')}的规定，决定${rules.decided.denied}。`,
            `理由：${String(e.data.reason ?? '')}`,
            `依据：${String(e.data.legalBasis ?? '')}`,
            rules.rights,
            `决定日期：${e.onDay}。`,
          ];
    }
    case 'revocation': {
      // 告知承诺不实: the lead revoked the grant (cases.pledges.ts decidePledge).
      const e = event(d, 'decision_revoked');
      if (!e) return undefined;
      const decided = event(d, 'decided');
      const ids = e.data.identifiers ?? [];
      const how = e.data.method === 'data' ? '数据核查' : '材料或现场核查';
      return [
        who,
        `你（单位）申请${item}时，以告知承诺代替“${e.data.materialName ?? e.data.materialKey ?? ''}”，本机关据此于 ${
          decided?.onDay ?? d.decidedOn ?? ''
        } 作出${rules.decided.granted}的决定（办件编号 ${d.number}）。`,
        `经${how}${e.data.checkedOn ? `（${e.data.checkedOn}）` : ''}，${String(e.data.facts ?? '').replace(/[。；;]+$/u, '')}，你（单位）所作承诺与实际情况不符。`,
        `根据${basis('revoke')}和${PLEDGE_GUIDELINE}的规定，本机关决定撤销上述${rules.revocation.revoked}${
          ids.length ? `；依据该决定发放的电子证照（${ids.join('、')}）同时撤销，自本决定作出之日起失效` : ''
        }。`,
        `理由：${String(e.data.reason ?? '')}`,
        '承诺不实的情况已记入承诺不实记录，依法纳入信用记录。',
        rules.rights,
        `撤销日期：${e.onDay}。`,
      ];
    }
  }
}

/** `queryCode`: the case's 查询码 (cases.progress.ts), printed on the receipt and the acceptance notice. */
export async function noticeDocx(kind: NoticeKind, d: NoticeCase, caseUrl: string, queryCode?: string): Promise<Buffer> {
  const notice = noticeText(kind, d);
  if (!notice) throw caseErrors.CASE_NOTICE_UNAVAILABLE({ kind });
  const { title } = notice;
  const qr = await QRCode.toBuffer(caseUrl, { type: 'png', margin: 1, width: 160 });
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
              ...(queryCode && (kind === 'receipt' || kind === 'acceptance')
                ? [row('查询码', `${queryCode}（凭办件编号和查询码，无需登录即可在“办件进度查询”查看进度）`)]
                : []),
            ],
          }),
          para(''),
          ...notice.paragraphs.map((p) => para(p)),
          para(''),
          para(`${d.implementation.department}（盖章）`, { center: false }),
          para(`日期：${(kind === 'revocation' ? event(d, 'decision_revoked')?.onDay : undefined) ?? d.decidedOn ?? d.clock.acceptedOn ?? d.receivedOn ?? ''}`),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 96, height: 96 } })] }),
          para('扫码查询办件进度'),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
