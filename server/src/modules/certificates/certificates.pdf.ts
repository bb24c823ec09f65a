import type { SkillLevel } from '@skillcert/shared/domain';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { FONT_REGULAR, newPdf, type PdfDoc, pdfBuffer, qrPng } from '../../lib/pdf.ts';
import { CERTIFICATE_NUMBER } from '@skillcert/shared/api/certificates';
import { printedLevel, printedWorkType } from './certificates.rules.ts';

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

/**
 * Bold without a second font: the regular face filled and stroked with a thin line of its own colour. Embedding the
 * bold face as well would add a second font subset to every certificate (measured: about a quarter of its time).
 */
const BOLD = { fill: true, stroke: true } as const;
function strokeFor(doc: PdfDoc, size: number, color: string): void {
  doc.lineWidth(size / 30).strokeColor(color);
}

interface LineOptions {
  size: number;
  align?: 'left' | 'center';
  bold?: boolean;
  color?: string;
  characterSpacing?: number;
}

/**
 * One line of text in a box `w` wide: shrunk (down to 70%) to fit, then cut with an ellipsis if it still does not.
 * Measured once and drawn without pdfkit's line wrapper (which measures a CJK line character by character): most of a
 * certificate is such lines, and this halves their cost.
 */
function line(doc: PdfDoc, text: string, x: number, y: number, w: number, o: LineOptions): void {
  const spacing = o.characterSpacing ?? 0;
  doc.font(FONT_REGULAR).fontSize(o.size);
  const natural = doc.widthOfString(text, { characterSpacing: spacing });
  const size = natural > w ? Math.max(o.size * 0.7, (o.size * w) / natural) : o.size;
  doc.fontSize(size);
  let shown = text;
  let width = (natural * size) / o.size;
  if (width > w) {
    const chars = Array.from(text);
    while (chars.length > 1 && width > w) {
      chars.pop();
      shown = `${chars.join('')}…`;
      width = doc.widthOfString(shown, { characterSpacing: spacing });
    }
  }
  const color = o.color ?? 'black';
  doc.fillColor(color);
  if (o.bold) strokeFor(doc, size, color);
  const dx = o.align === 'center' ? Math.max(0, (w - width) / 2) : 0;
  doc.text(shown, x + dx, y, { lineBreak: false, characterSpacing: spacing, ...(o.bold ? BOLD : {}) });
}

/**
 * The seal as pdfkit embeds it without decoding: an RGB PNG without alpha, on white (it is drawn before the issuer's
 * name and date, which print over it). A PNG with an alpha channel would be inflated, split and deflated again in every
 * document; prepared once per seal (few issuers, so a small cache keyed by the bytes' hash).
 */
const sealCache = new Map<string, Promise<Buffer | null>>();
function preparedSeal(seal: Uint8Array): Promise<Buffer | null> {
  const key = createHash('sha1').update(seal).digest('hex');
  let out = sealCache.get(key);
  if (!out) {
    out = sharp(seal)
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .png({ compressionLevel: 6 })
      .toBuffer()
      .catch(() => null);
    if (sealCache.size >= 32) sealCache.delete(sealCache.keys().next().value as string);
    sealCache.set(key, out);
  }
  return out;
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
  line(doc, note, x, y + h / 2 - 6, w, { size: 9, align: 'center', color: GRAY });
}

/** The certificate as a one-page A4 PDF. A malformed number or issue day is a bug upstream and throws RangeError. */
export async function renderCertificatePdf(c: PrintedCertificate): Promise<Buffer> {
  // The format only (a 专项职业能力证书 carries 0 for its level, DOMAIN §7 being silent on it): the strict check is the edge's.
  if (!CERTIFICATE_NUMBER.test(c.number)) throw new RangeError(`not a certificate number: ${JSON.stringify(c.number)}`);
  const issued = printedDate(c.issueDate);
  const url = verificationUrl(c.publicOrigin, c.number);
  const [qr, seal] = await Promise.all([qrPng(url), c.seal && c.seal.length > 0 ? preparedSeal(c.seal) : null]);
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
  line(doc, title, left, 84, width, { size: 30, align: 'center', bold: true, color: TITLE_COLOR, characterSpacing: 6 });

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
    line(doc, label, left, y + 6, labelW - 8, { size: 11, color: GRAY });
    line(doc, value, left + labelW, y + 5, valueW, { size: 12.5, bold: label === '证书编号' });
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
  const sealX = issuerX + issuerW / 2 - sealSize / 2;
  if (seal) imageBox(doc, seal, sealX, issuerTop, sealSize, sealSize, '（印章）', false);
  else {
    doc
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .dash(3, { space: 3 })
      .circle(sealX + sealSize / 2, issuerTop + sealSize / 2, sealSize / 2)
      .stroke()
      .undash();
    line(doc, '（评价机构印章）', sealX, issuerTop + sealSize - 22, sealSize, { size: 9, align: 'center', color: '#999999' });
  }
  line(doc, c.institutionName, issuerX, issuerTop + 40, issuerW, { size: 13 });
  line(doc, issued, issuerX, issuerTop + 64, issuerW, { size: 12 });

  // QR code and the national query addresses (lower left)
  const qrSize = 96;
  const qrTop = 672;
  doc.image(qr, left, qrTop, { width: qrSize });
  line(doc, '扫码核验本证书', left, qrTop + qrSize + 2, qrSize, { size: 8, align: 'center', color: GRAY });
  const [certs, insts] = c.queryAddresses ?? [NATIONAL_QUERY_ADDRESSES.certificates, NATIONAL_QUERY_ADDRESSES.institutions];
  const textX = left + qrSize + 14;
  const textW = width - qrSize - 14;
  ['本证书可在以下网址查询：', `${certs.label}：${certs.url}`, `${insts.label}：${insts.url}`, `本平台核验：${url}`].forEach((text, i) =>
    line(doc, text, textX, qrTop + 8 + i * 17, textW, { size: 9 }),
  );

  // Footer: print serial, reissue remark
  const footer = [
    c.reissue ? `${c.reissue.kind}　印制序号：${c.reissue.printSerial}` : c.printSerial ? `印制序号：${c.printSerial}` : '',
    c.reissue ? `备注：${c.reissue.remark}` : '',
  ].filter(Boolean);
  if (footer.length) {
    line(doc, footer.join('　　'), left, pageH - 56, width, { size: 9, align: 'center', color: GRAY });
  }
  doc.fillColor('black');
  return pdfBuffer(doc);
}
