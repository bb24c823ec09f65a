import type { SkillLevel } from '@skillcert/shared/domain';
import { FONT_BOLD, FONT_REGULAR, newPdf, type PdfDoc, pdfBuffer, qrPng } from '../../lib/pdf.ts';
import { isCertificateNumber, printedLevel, printedWorkType } from './certificates.rules.ts';

/**
 * The printed 职业技能等级证书 (人社鉴发〔2021〕1号): one A4 page from plain data. The certificates service fills a
 * `PrintedCertificate` from the database; this file only draws. The ID number is printed whole — the certificate is
 * the holder's own paper (public pages and responses mask it, this does not).
 */

/** 技能人才评价证书全国联网查询 and the national list of evaluation institutions (技能人才评价工作网). */
export const NATIONAL_QUERY_ADDRESSES = {
  certificates: { label: '证书查询', url: 'http://zscx.osta.org.cn' },
  institutions: { label: '评价机构查询', url: 'http://www.osta.org.cn' },
} as const;

export interface QueryAddress {
  label: string;
  url: string;
}

/** 补发 (lost) or 换发 (damaged): same number, a new print serial and a remark. */
export interface Reissue {
  kind: '补发' | '换发';
  /** The new print serial (印制序号) of this paper. */
  printSerial: string;
  /** e.g. `原证书遗失，2026年11月补发`. */
  remark: string;
}

export interface PrintedCertificate {
  /** Default 职业技能等级证书. */
  title?: string;
  /** The body text; default: the standard sentence built from the name, occupation and level. */
  bodyText?: string;
  /** 评价机构 — the issuer. */
  institutionName: string;
  /** YYYY-MM-DD; printed 2026年11月29日. */
  issueDate: string;
  holderName: string;
  /** 证件类型; default 居民身份证. */
  idType?: string;
  /** Printed whole. */
  idNumber: string;
  occupationName: string;
  /** 职业编码 (printed beside the name when given). */
  occupationCode?: string;
  /** 工种/职业方向; `--` when none. */
  workType?: string | null;
  level: SkillLevel;
  /** The 22-character number (certificates.rules). */
  number: string;
  /** JPEG bytes of the one-inch photo; null prints an empty photo box. */
  photo: Uint8Array | null;
  /** Where the QR code points: the platform's public origin (e.g. `https://cert.example.cn`); `/verify/<number>` is added. */
  publicOrigin: string;
  /** The two national query addresses; default NATIONAL_QUERY_ADDRESSES. */
  queryAddresses?: readonly [QueryAddress, QueryAddress];
  /** The issuer's seal (PNG with transparency, or JPEG), printed over the issuer line; null leaves its slot marked. */
  seal?: Uint8Array | null;
  /** The print serial (印制序号) of an ordinary print, if the issuer numbers its papers. */
  printSerial?: string;
  /** A reissue prints its kind, print serial and remark. */
  reissue?: Reissue;
}

const GRAY = '#555555';
const LINE = '#8c6d2c';
const TITLE_COLOR = '#7a1f1f';

/** `https://x.cn/` + number → `https://x.cn/verify/<number>` (the QR's address). */
export function verificationUrl(publicOrigin: string, number: string): string {
  return `${publicOrigin.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}

/** `2026-11-29` → `2026年11月29日`. */
export function printedDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${JSON.stringify(day)}`);
  return `${m[1]}年${m[2]}月${m[3]}日`;
}

/** The standard body text. */
export function defaultBodyText(c: Pick<PrintedCertificate, 'holderName' | 'occupationName' | 'workType' | 'level' | 'institutionName'>): string {
  const work = printedWorkType(c.workType);
  const occupation = work === '--' ? c.occupationName : `${c.occupationName}（${work}）`;
  return `${c.holderName}经${c.institutionName}评价认定，职业技能达到${occupation}${printedLevel(c.level)}等级要求，特发此证。`;
}

/** One line of text in a box: shrunk (down to 70%) and then cut with an ellipsis if it still does not fit. */
function fitText(doc: PdfDoc, text: string, x: number, y: number, w: number, size: number, bold = false): void {
  doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size);
  for (let s = size; s > size * 0.7 && doc.widthOfString(text) > w; s -= 0.5) doc.fontSize(s - 0.5);
  doc.text(text, x, y, { width: w, height: doc.currentLineHeight(true) + 1, ellipsis: true, lineBreak: false });
}

/** An image in a box; an unreadable or missing one leaves the box with a note (never breaks the document). */
function imageBox(doc: PdfDoc, image: Uint8Array | null | undefined, x: number, y: number, w: number, h: number, note: string, framed: boolean): void {
  if (image && image.length > 0) {
    try {
      doc.image(Buffer.from(image), x, y, { fit: [w, h], align: 'center', valign: 'center' });
      if (framed) doc.lineWidth(0.5).strokeColor(GRAY).rect(x, y, w, h).stroke();
      return;
    } catch {
      // printed as missing
    }
  }
  doc.lineWidth(0.5).strokeColor(GRAY).dash(3, { space: 2 }).rect(x, y, w, h).stroke().undash();
  doc
    .font(FONT_REGULAR)
    .fontSize(9)
    .fillColor(GRAY)
    .text(note, x, y + h / 2 - 6, { width: w, align: 'center', lineBreak: false });
  doc.fillColor('black');
}

/** The certificate as a one-page A4 PDF. A malformed number or issue day is a bug upstream and throws RangeError. */
export async function renderCertificatePdf(c: PrintedCertificate): Promise<Buffer> {
  if (!isCertificateNumber(c.number)) throw new RangeError(`not a certificate number: ${JSON.stringify(c.number)}`);
  const issued = printedDate(c.issueDate);
  const title = c.title ?? '职业技能等级证书';
  const doc = newPdf({ title: `${title} ${c.number}`, subject: c.institutionName, margin: 56 });
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const left = 56;
  const width = pageW - 2 * left;

  // Border: a double frame.
  doc
    .lineWidth(2)
    .strokeColor(LINE)
    .rect(28, 28, pageW - 56, pageH - 56)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(36, 36, pageW - 72, pageH - 72)
    .stroke();

  // Title
  doc.font(FONT_BOLD).fontSize(30).fillColor(TITLE_COLOR).text(title, left, 84, { width, align: 'center', characterSpacing: 6 });
  doc.fillColor('black');

  // Particulars beside the photo
  const top = 170;
  const photoW = 99;
  const photoH = Math.round((photoW * 413) / 295);
  const labelW = 96;
  const valueW = width - photoW - 20 - labelW;
  const occupation = c.occupationCode ? `${c.occupationName}（${c.occupationCode}）` : c.occupationName;
  const rows: [string, string][] = [
    ['姓　　名', c.holderName],
    ['证件类型', c.idType ?? '居民身份证'],
    ['证件号码', c.idNumber],
    ['职业名称', occupation],
    ['工种/职业方向', printedWorkType(c.workType)],
    ['职业技能等级', printedLevel(c.level)],
    ['证书编号', c.number],
    ['评价机构', c.institutionName],
    ['发证日期', issued],
  ];
  const rowH = 26;
  rows.forEach(([label, value], i) => {
    const y = top + i * rowH;
    doc.fillColor(GRAY);
    fitText(doc, label, left, y + 6, labelW - 8, 11);
    doc.fillColor('black');
    fitText(doc, value, left + labelW, y + 5, valueW, 12.5, label === '证书编号');
    doc
      .lineWidth(0.4)
      .strokeColor('#cccccc')
      .moveTo(left + labelW, y + rowH - 2)
      .lineTo(left + labelW + valueW, y + rowH - 2)
      .stroke();
  });
  imageBox(doc, c.photo, left + width - photoW, top, photoW, photoH, '照片', true);

  // Body text
  const bodyTop = top + rows.length * rowH + 24;
  doc
    .font(FONT_REGULAR)
    .fontSize(14)
    .fillColor('black')
    .text(c.bodyText ?? defaultBodyText(c), left + 12, bodyTop, { width: width - 24, lineGap: 8, indent: 28, height: 96, ellipsis: true });

  // Issuer, date and the seal slot (lower right)
  const sealSize = 120;
  const issuerTop = 540;
  const issuerW = 250;
  const issuerX = left + width - issuerW;
  fitText(doc, c.institutionName, issuerX, issuerTop + 40, issuerW, 13);
  doc
    .font(FONT_REGULAR)
    .fontSize(12)
    .text(issued, issuerX, issuerTop + 64, { width: issuerW, lineBreak: false });
  const sealX = issuerX + issuerW / 2 - sealSize / 2;
  if (c.seal && c.seal.length > 0) imageBox(doc, c.seal, sealX, issuerTop, sealSize, sealSize, '（印章）', false);
  else {
    doc
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .dash(3, { space: 3 })
      .circle(sealX + sealSize / 2, issuerTop + sealSize / 2, sealSize / 2)
      .stroke()
      .undash();
    doc
      .fontSize(9)
      .fillColor('#999999')
      .text('（评价机构印章）', sealX, issuerTop + sealSize - 22, { width: sealSize, align: 'center', lineBreak: false });
    doc.fillColor('black');
  }

  // QR code and the national query addresses (lower left)
  const qrSize = 96;
  const qrTop = 672;
  const url = verificationUrl(c.publicOrigin, c.number);
  doc.image(await qrPng(url), left, qrTop, { width: qrSize });
  doc
    .font(FONT_REGULAR)
    .fontSize(8)
    .fillColor(GRAY)
    .text('扫码核验本证书', left, qrTop + qrSize + 2, { width: qrSize, align: 'center', lineBreak: false });
  const [certs, insts] = c.queryAddresses ?? [NATIONAL_QUERY_ADDRESSES.certificates, NATIONAL_QUERY_ADDRESSES.institutions];
  const textX = left + qrSize + 14;
  const textW = width - qrSize - 14;
  doc.fontSize(9).fillColor('black');
  doc.text('本证书可在以下网址查询：', textX, qrTop + 8, { width: textW });
  doc.text(`${certs.label}：${certs.url}`, textX, doc.y + 4, { width: textW });
  doc.text(`${insts.label}：${insts.url}`, textX, doc.y + 4, { width: textW });
  doc.text(`本平台核验：${url}`, textX, doc.y + 4, { width: textW });

  // Footer: print serial, reissue remark
  const footer = [
    c.reissue ? `${c.reissue.kind}　印制序号：${c.reissue.printSerial}` : c.printSerial ? `印制序号：${c.printSerial}` : '',
    c.reissue ? `备注：${c.reissue.remark}` : '',
  ].filter(Boolean);
  if (footer.length) {
    doc
      .fontSize(9)
      .fillColor(GRAY)
      .text(footer.join('　　'), left, pageH - 56, { width, align: 'center', height: 13, ellipsis: true, lineBreak: false });
  }
  doc.fillColor('black');
  return pdfBuffer(doc);
}
