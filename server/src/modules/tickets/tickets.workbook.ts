import ExcelJS from 'exceljs';
import { dateTimeText, printedId } from './tickets.layout.ts';
import { type RoomSheet, type SeatPlan, type SignInSheet, type SittingHeader, levelTitle } from './tickets.types.ts';

/** Excel versions of the room list and sign-in sheet: one worksheet per room, the column titles frozen. */

interface ColumnDef {
  header: string;
  width: number;
}

/** Worksheet names: ≤ 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(room: RoomSheet, used: Set<string>): string {
  const base = `${room.room}`.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || '考场';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 26)}-${n}`;
  used.add(name);
  return name;
}

function addRoomSheet(
  wb: ExcelJS.Workbook,
  used: Set<string>,
  title: string,
  s: SittingHeader,
  room: RoomSheet,
  columns: ColumnDef[],
  rows: (string | number)[][],
): void {
  const ws = wb.addWorksheet(sheetName(room, used));
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = `${s.institutionName}　${s.occupationName} ${s.occupationCode}　${levelTitle(s.level)}　${s.partName}`;
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).value = `${dateTimeText(s.date, s.startTime, s.endTime)}　考点：${room.site}　考场：${room.room}（${room.seats.length} 人）`;
  const header = ws.getRow(4);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  });
  for (const r of rows) ws.addRow(r);
  const thin = { style: 'thin' as const };
  for (let rn = 4; rn <= ws.rowCount; rn++) {
    for (let cn = 1; cn <= last; cn++) ws.getCell(rn, cn).border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  // The title block and the column titles stay in view while scrolling.
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 0 }];
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' };
}

/** JPEG or PNG by the bytes, for exceljs; anything else is left out. */
function imageExtension(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return null;
}

type SeatRowOf = RoomSheet['seats'][number];

async function build(
  title: string,
  s: SittingHeader & { rooms: RoomSheet[] },
  columns: ColumnDef[],
  row: (r: SeatRowOf) => (string | number)[],
  opts: { rowHeight?: number; photoColumn?: number } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skillcert';
  const used = new Set<string>();
  for (const room of s.rooms) {
    const seats = [...room.seats].sort((a, b) => a.seat - b.seat);
    addRoomSheet(wb, used, title, s, room, columns, seats.map(row));
    const ws = wb.worksheets[wb.worksheets.length - 1];
    if (!ws) continue;
    if (opts.rowHeight) for (let rn = 5; rn <= ws.rowCount; rn++) ws.getRow(rn).height = opts.rowHeight;
    const photoCol = opts.photoColumn;
    if (photoCol !== undefined) {
      seats.forEach((seat, i) => {
        const ext = seat.photo ? imageExtension(seat.photo) : null;
        if (!seat.photo || !ext) return;
        const imageId = wb.addImage({ buffer: Buffer.from(seat.photo) as unknown as ExcelJS.Buffer, extension: ext });
        // 0-based anchors: column photoCol-1, data rows start at the fifth row (index 4).
        ws.addImage(imageId, { tl: { col: photoCol - 1 + 0.15, row: 4 + i + 0.06 }, ext: { width: 50, height: 70 } });
      });
    }
  }
  if (s.rooms.length === 0) wb.addWorksheet('考场').addRow(['本场次尚未编排考场']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 考场座位表 as Excel: 座位号, 准考证号, 姓名, 证件号码 (masked), 班级 — one sheet per room. */
export function seatPlanWorkbook(s: SeatPlan): Promise<Buffer> {
  return build(
    '考场座位表',
    s,
    [
      { header: '座位号', width: 8 },
      { header: '准考证号', width: 20 },
      { header: '姓名', width: 12 },
      { header: '证件号码', width: 22 },
      { header: '班级', width: 20 },
    ],
    (r) => [r.seat, r.examNumber, r.name, printedId(r.idNumber), r.className ?? ''],
  );
}

/** 考生签到表 as Excel: 座位号, 准考证号, 姓名, 证件号码 (masked), 照片 (thumbnail, or 无), 考生签名 (empty), 备注 — one sheet per room. */
export function signInSheetWorkbook(s: SignInSheet): Promise<Buffer> {
  return build(
    '考生签到表',
    s,
    [
      { header: '座位号', width: 8 },
      { header: '准考证号', width: 20 },
      { header: '姓名', width: 12 },
      { header: '证件号码', width: 22 },
      { header: '照片', width: 9 },
      { header: '考生签名', width: 20 },
      { header: '备注', width: 14 },
    ],
    (r) => [r.seat, r.examNumber, r.name, printedId(r.idNumber), r.photo ? '' : '无', '', ''],
    { rowHeight: 58, photoColumn: 5 },
  );
}
