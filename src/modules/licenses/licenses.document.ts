import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import type { shapeLicense } from './licenses.issue.ts';

const FONT = 'SimSun';
const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 120 },
    children: [new TextRun({ text, font: FONT, size: opts.size ?? 24, bold: opts.bold })],
  });

/** A printable licence: its fields, the identifier, and a QR code to the public verification page. */
export async function licenseDocx(l: ReturnType<typeof shapeLicense>, issuerName: string, verifyUrl: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 200 });
  const rows: [string, string][] = [
    ['持证主体', l.holderName],
    ['证件号码', l.holderIdNumberMasked ?? ''],
    ['发证机关', issuerName],
    ['发证日期', l.issueDate],
    ['有效期至', l.validUntil ?? '长期'],
    ...Object.entries(l.data)
      .filter(([, v]) => ['string', 'number'].includes(typeof v))
      .map(([k, v]) => [k, String(v)] as [string, string]),
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
