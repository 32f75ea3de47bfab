import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import type { shapeLicense } from './licenses.issue.ts';
import { printedValue } from './licenses.fields.ts';

const FONT = 'SimSun';
const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120 },
    children: [new TextRun({ text, font: FONT, size: opts.size ?? 24, bold: opts.bold })],
  });

/**
 * A printable licence: the holder, the printed fields under their labels (in the type's order; never a raw key, never a
 * contact phone: only sealed fields can be printed), the identifier, and a QR code to the public verification page.
 */
export async function licenseDocx(l: ReturnType<typeof shapeLicense>, issuerName: string, verifyUrl: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 200 });
  const rows: [string, string][] = [
    ['持证主体', l.holderName],
    [l.holderKind === 'organisation' ? '统一社会信用代码' : '公民身份号码', l.holderIdNumberMasked ?? ''],
    ...l.entries.filter((e) => e.printed).map((e) => [e.label, printedValue(e.value)] as [string, string]),
    ['发证机关', issuerName],
    ['发证日期', l.issueDate],
    ['有效期', l.validUntil ? `${l.issueDate} 至 ${l.validUntil}` : '长期'],
    ['证照标识', l.identifier],
    // Printed so that a verifier without the QR code can type it: verification needs it with the identifier.
    ['核验码', l.verifyCode],
  ];
  const doc = new Document({
    sections: [
      {
        children: [
          p(l.typeName ?? '电子证照', { bold: true, size: 40, center: true }),
          p('（电子证照打印件）', { center: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(
              ([k, v]) =>
                new TableRow({
                  children: [
                    new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [p(k, { bold: true })] }),
                    new TableCell({ width: { size: 70, type: WidthType.PERCENTAGE }, children: [p(v)] }),
                  ],
                }),
            ),
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 120, height: 120 } })] }),
          p('扫描二维码核验证照真伪与状态（SM2 电子印章）', { center: true }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
