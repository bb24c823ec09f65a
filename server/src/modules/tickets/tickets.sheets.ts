import { FONT_BOLD, FONT_REGULAR, newPdf, pdfBuffer, type PdfDoc } from '../../lib/pdf.ts';
import { type Cell, type Column, GRAY, dateTimeText, drawTable, printedId } from './tickets.layout.ts';
import { type RoomSheet, type SeatPlan, type SignInSheet, type SittingHeader, levelTitle } from './tickets.types.ts';

/** The heading of a room page; returns the y where the table starts. */
function roomHeading(doc: PdfDoc, title: string, s: SittingHeader, room: RoomSheet, continued: boolean): number {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .font(FONT_BOLD)
    .fontSize(18)
    .fillColor('black')
    .text(`${title}${continued ? '（续）' : ''}`, left, doc.page.margins.top, { width, align: 'center' });
  doc.font(FONT_REGULAR).fontSize(10).fillColor(GRAY).text([s.institutionName, s.planName].filter(Boolean).join(' · '), { width, align: 'center' });
  doc.fillColor('black').fontSize(10.5);
  const y = doc.y + 6;
  const half = width / 2;
  doc.text(`职业（工种）：${s.occupationName} ${s.occupationCode}`, left, y, { width: half, lineBreak: false, ellipsis: true });
  doc.text(`等级：${levelTitle(s.level)}`, left + half, y, { width: half, lineBreak: false });
  doc.text(`科目：${s.partName}`, left, y + 16, { width: half, lineBreak: false, ellipsis: true });
  doc.text(`时间：${dateTimeText(s.date, s.startTime, s.endTime)}`, left + half, y + 16, { width: half, lineBreak: false });
  doc.text(`考点：${room.site}`, left, y + 32, { width: half, lineBreak: false, ellipsis: true });
  doc.font(FONT_BOLD).text(`考场：${room.room}（${room.seats.length} 人）`, left + half, y + 32, { width: half, lineBreak: false });
  doc.font(FONT_REGULAR);
  return y + 54;
}

function renderRooms(
  title: string,
  s: SittingHeader & { rooms: RoomSheet[] },
  columns: (width: number) => Column[],
  row: (seat: RoomSheet['seats'][number]) => Cell[],
  opts: { rowHeight: number; footer?: string },
): Promise<Buffer> {
  const doc = newPdf({ title: `${title} ${s.occupationName} ${s.partName}`, subject: s.planName ?? s.institutionName, margin: 40 });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  s.rooms.forEach((room, i) => {
    if (i > 0) doc.addPage();
    const seats = [...room.seats].sort((a, b) => a.seat - b.seat);
    const y = roomHeading(doc, title, s, room, false);
    const end = drawTable(doc, columns(width), seats.map(row), {
      x: left,
      y,
      rowHeight: opts.rowHeight,
      pageHeader: () => roomHeading(doc, title, s, room, true),
    });
    if (opts.footer) {
      doc
        .font(FONT_REGULAR)
        .fontSize(10)
        .fillColor('black')
        .text(opts.footer, left, Math.min(end + 14, doc.page.height - doc.page.margins.bottom - 14), { width, lineBreak: false });
    }
  });
  if (s.rooms.length === 0) {
    doc.font(FONT_BOLD).fontSize(18).text(title, { align: 'center' });
    doc.font(FONT_REGULAR).fontSize(11).text('本场次尚未编排考场。', { align: 'center' });
  }
  return pdfBuffer(doc);
}

/** 考场座位表 — per room: seat, exam number, name, masked ID, class; posted at the door. */
export function renderSeatPlan(s: SeatPlan): Promise<Buffer> {
  return renderRooms(
    '考场座位表',
    s,
    (w) => [
      { title: '座位号', width: 46, align: 'center' },
      { title: '准考证号', width: 120, align: 'center' },
      { title: '姓名', width: 84, align: 'center' },
      { title: '证件号码', width: 124, align: 'center' },
      { title: '班级', width: w - 374 },
    ],
    (r) => [String(r.seat).padStart(2, '0'), r.examNumber, r.name, printedId(r.idNumber), r.className ?? ''],
    { rowHeight: 19 },
  );
}

/** 签到表 — per room: seat, exam number, name, masked ID, photo thumbnail, a column to sign in; invigilators sign below. */
export function renderSignInSheet(s: SignInSheet): Promise<Buffer> {
  return renderRooms(
    '考生签到表',
    s,
    (w) => [
      { title: '座位号', width: 44, align: 'center' },
      { title: '准考证号', width: 118, align: 'center' },
      { title: '姓名', width: 74, align: 'center' },
      { title: '证件号码', width: 126, align: 'center' },
      { title: '照片', width: 46, align: 'center' },
      { title: '考生签名', width: w - 408 },
    ],
    (r) => [String(r.seat).padStart(2, '0'), r.examNumber, r.name, printedId(r.idNumber), { image: r.photo ?? null }, ''],
    { rowHeight: 52, footer: '监考人员签名：________________　________________　　缺考人数：______' },
  );
}
