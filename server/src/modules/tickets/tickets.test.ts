import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../lib/pdf-inspect.ts';
import { newPdf, pdfBuffer, qrPng } from '../../lib/pdf.ts';
import { renderSeatPlan, renderSignInSheet } from './tickets.sheets.ts';
import { renderAdmissionTicket, renderAdmissionTickets, ticketsZip } from './tickets.ticket.ts';
import type { AdmissionTicket, SeatPlan } from './tickets.types.ts';
import { seatPlanWorkbook, signInSheetWorkbook } from './tickets.workbook.ts';

const ID = '11010119900307777X';
const MASKED = '1***************7X';

function ticket(over: Partial<AdmissionTicket> = {}): AdmissionTicket {
  return {
    institutionName: '上海市曙光职业技术学校',
    planName: '2026年第4批认定计划',
    candidateName: '欧阳修远',
    idNumber: ID,
    gender: 'male',
    photo: null,
    occupationName: '工业机器人系统操作员',
    occupationCode: '6-30-99-00',
    level: 4,
    parts: [
      {
        partName: '理论知识考试',
        examNumber: '2026000100411201',
        date: '2026-12-05',
        startTime: '09:00',
        endTime: '10:30',
        site: '实训楼',
        room: '301',
        seat: 7,
      },
      {
        partName: '操作技能考核',
        examNumber: '2026000100420103',
        date: '2026-12-06',
        startTime: '13:30',
        endTime: '15:30',
        site: '实训楼',
        room: '机器人实训室',
        seat: 3,
      },
    ],
    verifyUrl: 'https://skillcert.example/verify/t/abc',
    issuedOn: '2026-11-29',
    ...over,
  };
}

function sitting(rooms: { room: string; n: number }[], photo: Uint8Array | null = null): SeatPlan {
  const names = ['张三', '李四', '王五', '赵六', '司马相如'];
  return {
    institutionName: '上海市曙光职业技术学校',
    occupationName: '工业机器人系统操作员',
    occupationCode: '6-30-99-00',
    level: 3,
    partName: '理论知识考试',
    date: '2026-12-05',
    startTime: '09:00',
    endTime: '10:30',
    rooms: rooms.map((r, ri) => ({
      site: '实训楼',
      room: r.room,
      seats: Array.from({ length: r.n }, (_, i) => ({
        seat: r.n - i, // given out of order: printed by seat
        examNumber: `20260001004${ri + 1}${String(r.n - i).padStart(2, '0')}`,
        name: names[i % names.length] ?? '',
        idNumber: ID,
        className: '机电2401班',
        photo: i % 2 === 0 ? photo : null,
      })),
    })),
  };
}

describe('pdf basics', () => {
  it('embeds only a subset of Noto Sans SC: a page of Chinese text stays small', async () => {
    const doc = newPdf();
    doc.fontSize(12).text('考生须知：考生须提前十五分钟到达考场，凭准考证和居民身份证入场。'.repeat(40));
    const pdf = await pdfBuffer(doc);
    const info = inspectPdf(pdf);
    expect(info.header).toBe('%PDF-1.3');
    expect(info.embeddedFonts.some((f) => /\+NotoSansSC-Regular$/.test(f))).toBe(true);
    expect(pdf.length).toBeLessThan(300 * 1024); // the whole TTF is 10 MB
    expect(info.text).toContain('考生须知');
  });

  it('qrPng: a grey PNG without alpha whose pixels are the QR matrix of the text, quiet zone included', async () => {
    const text = 'https://skillcert.example/verify/t/abc';
    const png = await qrPng(text);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const meta = await sharp(png).metadata();
    expect([meta.channels, meta.hasAlpha]).toEqual([1, false]);
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const matrix = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const side = matrix.size + 8;
    const scale = info.width / side;
    expect(Number.isInteger(scale)).toBe(true);
    const dark = (r: number, c: number) => (data[Math.floor((r + 0.5) * scale) * info.width + Math.floor((c + 0.5) * scale)] ?? 255) < 128;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const inside = r >= 4 && c >= 4 && r < side - 4 && c < side - 4;
        expect(dark(r, c)).toBe(inside ? Boolean(matrix.get(r - 4, c - 4)) : false);
      }
    }
  });
});

describe('admission ticket (准考证)', () => {
  it('one A4 page with the particulars, each part, the rules and a QR code; the ID printed masked only', async () => {
    const pdf = await renderAdmissionTicket(ticket());
    const info = inspectPdf(pdf);
    expect(info.pages).toBe(1);
    expect(info.images).toBe(1); // the QR code; no photo
    for (const s of [
      '职业技能等级认定准考证',
      '欧阳修远',
      MASKED,
      '四级/中级工',
      '工业机器人系统操作员',
      '6-30-99-00',
      '2026000100411201',
      '2026000100420103',
      '理论知识考试',
      '操作技能考核',
      '09:00–10:30',
      '13:30–15:30',
      '2026-12-06',
      '考生须知',
      '15 分钟',
      '无照片',
    ]) {
      expect(info.text, s).toContain(s);
    }
    expect(info.text).not.toContain(ID);
    expect(pdf.toString('latin1')).not.toContain(ID);
    expect(pdf.length).toBeLessThan(300 * 1024);
  });

  it('prints the JPEG photo when there is one (no "no photo" box) and the plan’s own rules', async () => {
    const photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: '#88aacc' } })
      .jpeg()
      .toBuffer();
    const info = inspectPdf(await renderAdmissionTicket(ticket({ photo, rules: ['自带黑色签字笔。'], level: 2 })));
    expect(info.images).toBe(2);
    expect(info.text).not.toContain('无照片');
    expect(info.text).toContain('自带黑色签字笔');
    expect(info.text).toContain('二级/技师');
  });

  it('four parts with long site and room names still fit one page, the room printed before the site', async () => {
    const long = { site: '上海市浦东新区某某路1234号实训中心大楼', room: '三楼东侧机器人综合实训室（一）' };
    const base = ticket();
    const parts = ['理论知识考试', '操作技能考核', '综合评审', '过程考核'].map((partName) => ({
      ...(base.parts[0] as AdmissionTicket['parts'][number]),
      ...long,
      partName,
    }));
    const info = inspectPdf(await renderAdmissionTicket({ ...base, parts, workType: '工业机器人系统运维' }));
    expect(info.pages).toBe(1);
    expect(info.text).toContain('三楼东侧机器人');
    expect(info.text).toContain('综合评审');
    expect(info.text).toContain('过程考核');
    expect(info.text).toContain('6-30-99-00');
  });

  it('an unreadable photo prints as missing instead of failing the ticket', async () => {
    const info = inspectPdf(await renderAdmissionTicket(ticket({ photo: new Uint8Array([1, 2, 3, 4]) })));
    expect(info.text).toContain('无照片');
  });

  it('a ZIP of one PDF per candidate, names by exam number and name, duplicates kept apart, progress reported', async () => {
    const list = [ticket(), ticket({ candidateName: '段誉' }), ticket({ candidateName: '段誉' }), ticket({ candidateName: 'a/../b' })];
    const progress: number[] = [];
    const zip = await ticketsZip(list, (done) => progress.push(done));
    const files = unzipSync(zip);
    const names = Object.keys(files);
    expect(names).toEqual(['2026000100411201-欧阳修远.pdf', '2026000100411201-段誉.pdf', '2026000100411201-段誉-2.pdf', '2026000100411201-a_.._b.pdf']);
    for (const n of names) expect(inspectPdf(files[n] ?? new Uint8Array()).pages).toBe(1);
    expect(inspectPdf(files['2026000100411201-段誉.pdf'] ?? new Uint8Array()).text).toContain('段誉');
    expect(progress).toEqual([1, 2, 3, 4]);
    expect((await renderAdmissionTickets([])).length).toBe(0);
  });
});

describe('seat plan (考场座位表) and sign-in sheet (签到表)', () => {
  it('seat plan: a page per room, rows in seat order, IDs masked', async () => {
    const s = sitting([
      { room: '301', n: 30 },
      { room: '302', n: 12 },
    ]);
    const info = inspectPdf(await renderSeatPlan(s));
    expect(info.pages).toBe(2);
    expect(info.text).toContain('考场座位表');
    expect(info.text).toContain('考场：301（30 人）');
    expect(info.text).toContain('考场：302（12 人）');
    expect(info.text).toContain('三级/高级工');
    expect(info.text).toContain(MASKED);
    expect(info.text).not.toContain(ID);
    const text = info.text;
    expect(text.indexOf('20260001004101')).toBeLessThan(text.indexOf('20260001004102'));
    expect(text.indexOf('20260001004102')).toBeLessThan(text.indexOf('20260001004130'));
  });

  it('a long room continues on the next page with the heading repeated', async () => {
    const info = inspectPdf(await renderSeatPlan(sitting([{ room: '大教室', n: 80 }])));
    expect(info.pages).toBeGreaterThan(1);
    expect(info.text).toContain('考场座位表（续）');
  });

  it('sign-in sheet: photo thumbnails where there are photos, an empty box otherwise, a signature column', async () => {
    const photo = await qrPng('p', { width: 120 });
    const info = inspectPdf(await renderSignInSheet(sitting([{ room: '301', n: 10 }], photo)));
    expect(info.images).toBe(5);
    expect(info.text).toContain('考生签到表');
    expect(info.text).toContain('考生签名');
    expect(info.text).toContain('监考人员签名');
    expect(info.text).not.toContain(ID);
  });

  it('a sitting without rooms still gives a document saying so', async () => {
    const info = inspectPdf(await renderSeatPlan(sitting([])));
    expect(info.pages).toBe(1);
    expect(info.text).toContain('尚未编排考场');
  });

  it('Excel versions read back: a sheet per room, Chinese column titles, frozen header, masked IDs, seat order', async () => {
    const s = sitting([
      { room: '301', n: 5 },
      { room: '302', n: 3 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await seatPlanWorkbook(s)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['301', '302']);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(4).values).toEqual([undefined, '座位号', '准考证号', '姓名', '证件号码', '班级']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getRow(5).values).toEqual([undefined, 1, '2026000100410' + '1', '司马相如', MASKED, '机电2401班']);
    expect(ws.rowCount).toBe(9);
    expect(String(ws.getCell(3, 1).value)).toContain('考场：301（5 人）');

    const photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: '#88aacc' } })
      .jpeg()
      .toBuffer();
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(
      (await signInSheetWorkbook(
        sitting(
          [
            { room: '301', n: 5 },
            { room: '302', n: 3 },
          ],
          photo,
        ),
      )) as unknown as ArrayBuffer,
    );
    const ws2 = wb2.worksheets[1];
    if (!ws2) throw new Error('no sheet');
    expect(ws2.getRow(4).values).toEqual([undefined, '座位号', '准考证号', '姓名', '证件号码', '照片', '考生签名', '备注']);
    expect(ws2.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws2.rowCount).toBe(7);
    for (let r = 5; r <= 7; r++) expect(String(ws2.getCell(r, 4).value)).toBe(MASKED);
    // Photos for every other candidate (seats 3 and 1 of room 302); the rest marked 无.
    expect(ws2.getImages().length).toBe(2);
    expect([5, 6, 7].map((r) => ws2.getCell(r, 5).value ?? '')).toEqual(['', '无', '']);
    expect(wb2.worksheets[0]?.getImages().length).toBe(3);
  });
});
