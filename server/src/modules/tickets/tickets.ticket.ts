import { zipSync } from 'fflate';
import { FONT_BOLD, FONT_REGULAR, newPdf, pdfBuffer, qrPng } from '../../lib/pdf.ts';
import { GRAY, LINE, cellText, drawTable, photoBox, printedId } from './tickets.layout.ts';
import { type AdmissionTicket, DEFAULT_CANDIDATE_RULES, levelTitle } from './tickets.types.ts';

const ID_TYPE_DEFAULT = '居民身份证';
const GENDER: Record<'male' | 'female', string> = { male: '男', female: '女' };

/**
 * 准考证 — one A4 page: title, the candidate's particulars beside the photo, one row per part (date, time, site, room,
 * seat, exam number), the rules for candidates and a QR code of the verification address.
 */
export async function renderAdmissionTicket(t: AdmissionTicket): Promise<Buffer> {
  const title = t.title ?? '职业技能等级认定准考证';
  const doc = newPdf({ title: `${title} ${t.candidateName}`, subject: t.planName ?? t.institutionName });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Title
  doc.font(FONT_BOLD).fontSize(22).fillColor('black').text(title, left, 50, { width, align: 'center' });
  doc
    .font(FONT_REGULAR)
    .fontSize(11)
    .fillColor(GRAY)
    .text([t.institutionName, t.planName].filter(Boolean).join(' · '), left, doc.y + 4, { width, align: 'center' });
  doc.fillColor('black');

  // Particulars (label | value rows) beside the photo
  const top = doc.y + 16;
  const photoW = 99;
  const photoH = Math.round((photoW * 413) / 295);
  const labelW = 90;
  const valueW = width - photoW - 12 - labelW;
  const firstNumber = t.parts[0]?.examNumber ?? '';
  const occupation = `${t.occupationName}${t.workType ? `（${t.workType}）` : ''}`;
  const rows: [string, string][] = [
    ['姓　　名', t.candidateName + (t.gender ? `　（${GENDER[t.gender]}）` : '')],
    ['证件类型', t.idType ?? ID_TYPE_DEFAULT],
    ['证件号码', printedId(t.idNumber)],
    ['准考证号', t.parts.length > 1 ? `${firstNumber} 等（见下表）` : firstNumber],
    ['职业（工种）', occupation],
    ['职业编码', t.occupationCode],
    ['等　　级', levelTitle(t.level)],
    ['评价机构', t.institutionName],
  ];
  const rowH = photoH / rows.length;
  rows.forEach(([label, value], i) => {
    const y = top + i * rowH;
    doc.rect(left, y, labelW, rowH).fillColor('#f3f3f3').fill();
    cellText(doc, label, left, y, labelW, rowH, { size: 10.5, bold: true, align: 'center' });
    cellText(doc, value, left + labelW, y, valueW, rowH, { size: 10.5 });
    doc
      .lineWidth(0.5)
      .strokeColor(LINE)
      .rect(left, y, labelW, rowH)
      .stroke()
      .rect(left + labelW, y, valueW, rowH)
      .stroke();
  });
  photoBox(doc, t.photo, left + width - photoW, top, photoW, photoH, '无照片');

  // Parts: one row per sitting
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .fillColor('black')
    .text('考试安排', left, top + photoH + 18);
  const tableTop = doc.y + 4;
  const y = drawTable(
    doc,
    [
      { title: '科目', width: 88 },
      { title: '准考证号', width: 112, align: 'center' },
      { title: '日期', width: 72, align: 'center' },
      { title: '时间', width: 72, align: 'center' },
      { title: '考场 / 考点', width: 111 },
      { title: '座位号', width: width - 88 - 112 - 72 - 72 - 111, align: 'center' },
    ],
    t.parts.map((p) => [
      p.partName,
      p.examNumber,
      p.date,
      `${p.startTime}–${p.endTime}`,
      `${p.room}　${p.site}`,
      p.seat === null ? '—' : String(p.seat).padStart(2, '0'),
    ]),
    { x: left, y: tableTop, rowHeight: 36, fontSize: 10 },
  );

  // Rules for candidates beside the QR code
  const qrSize = 110;
  const rulesW = width - qrSize - 16;
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .text('考生须知', left, y + 18);
  doc.font(FONT_REGULAR).fontSize(9.5);
  const rulesTop = doc.y + 4;
  (t.rules ?? DEFAULT_CANDIDATE_RULES).forEach((r, i) => {
    doc.text(`${i + 1}. ${r}`, left, i === 0 ? rulesTop : doc.y + 3, { width: rulesW, lineGap: 1.5 });
  });
  const qr = await qrPng(t.verifyUrl);
  doc.image(qr, left + width - qrSize, rulesTop, { width: qrSize });
  doc
    .fontSize(8)
    .fillColor(GRAY)
    .text('扫码核验准考证', left + width - qrSize, rulesTop + qrSize + 2, { width: qrSize, align: 'center' });

  // Footer
  const issued = t.issuedOn ?? new Date().toISOString().slice(0, 10);
  doc
    .fontSize(8)
    .fillColor(GRAY)
    .text(`打印日期：${issued}　本证由评价机构签发，涂改无效。`, left, doc.page.height - doc.page.margins.bottom - 12, {
      width,
      align: 'center',
      lineBreak: false,
    });
  doc.fillColor('black');
  return pdfBuffer(doc);
}

/** File name of a candidate's ticket inside the ZIP: `<first exam number>-<name>.pdf` (characters unsafe in a path replaced). */
export function ticketFileName(t: AdmissionTicket): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are unsafe in a file name and replaced
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return `${safe(t.parts[0]?.examNumber ?? 'ticket')}-${safe(t.candidateName) || 'candidate'}.pdf`;
}

/** One PDF per candidate, in order; `onProgress(done, total)` after each (for a background job's progress). */
export async function renderAdmissionTickets(
  list: AdmissionTicket[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ fileName: string; pdf: Buffer }[]> {
  const out: { fileName: string; pdf: Buffer }[] = [];
  const used = new Set<string>();
  for (const t of list) {
    let name = ticketFileName(t);
    for (let n = 2; used.has(name); n++) name = ticketFileName(t).replace(/\.pdf$/, `-${n}.pdf`);
    used.add(name);
    out.push({ fileName: name, pdf: await renderAdmissionTicket(t) });
    onProgress?.(out.length, list.length);
  }
  return out;
}

/** All tickets of a list as one ZIP (PDFs stored, not re-deflated: they are compressed already; UTF-8 names). */
export async function ticketsZip(list: AdmissionTicket[], onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const files = await renderAdmissionTickets(list, onProgress);
  return zipSync(Object.fromEntries(files.map((f) => [f.fileName, [new Uint8Array(f.pdf), { level: 0 }] as const])));
}
