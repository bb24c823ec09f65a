import jsqrModule from 'jsqr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf, type PdfImage, pdfImages } from '../../lib/pdf-inspect.ts';
import { defaultBodyText, type PrintedCertificate, printedDate, renderCertificatePdf, verificationUrl } from './certificates.pdf.ts';

// jsqr is CommonJS: under NodeNext its typed default export is the module, whose `default` is the decoder.
const jsQR = jsqrModule.default;
const ID = '11010519491231002X';
const NUMBER = 'S000031000123253000001';
let photo: Buffer;
let seal: Buffer;

beforeAll(async () => {
  // A one-inch colour photo (295×413) and a red round seal with transparency.
  photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: { r: 230, g: 236, b: 245 } } })
    .jpeg()
    .toBuffer();
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" fill="none" stroke="#d00" stroke-width="8"/></svg>';
  seal = await sharp(Buffer.from(svg)).png().toBuffer();
});

function certificate(over: Partial<PrintedCertificate> = {}): PrintedCertificate {
  return {
    institutionName: '上海临港职业技术学校',
    issueDate: '2025-12-20',
    holderName: '欧阳修远',
    idNumber: ID,
    occupationName: '工业机器人系统运维员',
    occupationCode: '6-31-07-03',
    workType: null,
    level: 3,
    number: NUMBER,
    photo,
    publicOrigin: 'https://cert.example.cn/',
    seal,
    ...over,
  };
}

/** The QR code's text, decoded from the PDF's own image (grey pixels → RGBA for jsQR). */
function decodeQr(img: PdfImage): string | null {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) {
    const v = img.data[i * img.channels] ?? 255;
    rgba.set([v, v, v, 255], i * 4);
  }
  return jsQR(rgba, img.width, img.height)?.data ?? null;
}

describe('certificate PDF (人社鉴发〔2021〕1号)', () => {
  it('one A4 page with every printed field; the ID number whole; level 三级/高级工; 工种 `--` when none', async () => {
    const pdf = await renderCertificatePdf(certificate());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = inspectPdf(pdf);
    expect(info.pages).toBe(1);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/); // A4 portrait
    expect(info.embeddedFonts.some((f) => f.includes('NotoSansSC'))).toBe(true);
    for (const s of [
      '职业技能等级证书',
      '欧阳修远',
      '居民身份证',
      ID,
      '工业机器人系统运维员',
      '6-31-07-03',
      '工种/职业方向',
      '--',
      '三级/高级工',
      NUMBER,
      '上海临港职业技术学校',
      '2025年12月20日',
      'http://zscx.osta.org.cn',
      'http://www.osta.org.cn',
      `https://cert.example.cn/verify/${NUMBER}`,
      '特发此证',
    ]) {
      expect(info.text, s).toContain(s);
    }
    expect(info.text).not.toContain('补发');
    expect(info.text).not.toContain('印制序号');
  });

  it('three pictures: the photo (the JPEG as given), the seal and a QR code that decodes to the verification page', async () => {
    const images = pdfImages(await renderCertificatePdf(certificate()));
    expect(images).toHaveLength(3);
    const jpeg = images.find((i) => i.filter === 'DCTDecode');
    expect(jpeg?.data.equals(photo)).toBe(true);
    const decoded = images.filter((i) => i.filter === 'FlateDecode').map(decodeQr);
    expect(decoded).toContain(`https://cert.example.cn/verify/${NUMBER}`);
    expect(verificationUrl('https://cert.example.cn///', NUMBER)).toBe(`https://cert.example.cn/verify/${NUMBER}`);
  });

  it('a reissue (补发/换发) prints its kind, its print serial and the remark, under the same number', async () => {
    const info = inspectPdf(
      await renderCertificatePdf(certificate({ reissue: { kind: '补发', printSerial: 'SH2026-000457', remark: '原证书遗失，2026年11月补发' } })),
    );
    for (const s of ['补发', 'SH2026-000457', '原证书遗失，2026年11月补发', NUMBER]) expect(info.text, s).toContain(s);
    const ordinary = inspectPdf(await renderCertificatePdf(certificate({ printSerial: 'SH2025-000001' }))).text;
    expect(ordinary).toContain('印制序号：SH2025-000001');
    expect(ordinary).not.toContain('备注');
  });

  it('a work type is printed; the other four levels are written the same way', async () => {
    const info = inspectPdf(await renderCertificatePdf(certificate({ workType: '维修电工', level: 1, occupationCode: undefined })));
    expect(info.text).toContain('维修电工');
    expect(info.text).toContain('一级/高级技师');
    expect(defaultBodyText({ ...certificate(), level: 5, workType: '  ' })).toContain('五级/初级工');
    expect(defaultBodyText({ ...certificate(), level: 5, workType: '  ' })).not.toContain('（');
  });

  it('no photo and no seal: their slots are marked, still one page; an unreadable photo does not break it', async () => {
    const bare = await renderCertificatePdf(certificate({ photo: null, seal: null }));
    const info = inspectPdf(bare);
    expect(info.pages).toBe(1);
    expect(info.images).toBe(1); // the QR code only
    expect(info.text).toContain('照片');
    expect(info.text).toContain('评价机构印章');
    const broken = inspectPdf(await renderCertificatePdf(certificate({ photo: new Uint8Array([0xff, 0xd8, 1, 2, 3]) })));
    expect(broken.pages).toBe(1);
    expect(broken.text).toContain('照片');
  });

  it('long names stay on one page; a malformed number or day is refused before drawing', async () => {
    const long = certificate({
      institutionName: '某某省某某市某某区职业技术教育中心附属职业技能等级认定评价机构'.repeat(3),
      holderName: '阿卜杜热合曼·买买提艾力'.repeat(2),
    });
    expect(inspectPdf(await renderCertificatePdf(long)).pages).toBe(1);
    await expect(renderCertificatePdf(certificate({ number: 's000031000123253000001' }))).rejects.toThrow(RangeError);
    await expect(renderCertificatePdf(certificate({ issueDate: '2025/12/20' }))).rejects.toThrow(RangeError);
    expect(printedDate('2026-01-05')).toBe('2026年01月05日');
  });
});
