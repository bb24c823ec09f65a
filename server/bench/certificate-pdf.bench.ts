/**
 * `npm run bench`: PDFs per second of the certificate renderer (one A4 page: every printed field, photo, seal, QR
 * code, national query addresses) beside a bare pdfkit page in the same run: the same Noto Sans SC (parsed once, as
 * the renderer has it), the same texts written one under the other, and the same QR code — nothing else. Goal: the
 * renderer at least GOAL × the bare page's rate. The two run in alternating blocks (A B, B A, …) so a busy machine
 * slows both alike and neither pays for the other's garbage; wall time decides, process CPU time is printed beside
 * it (on a shared machine it varies less).
 */
// bench: no-database
// bench: smoke
import sharp from 'sharp';
import { FONT_REGULAR, newPdf, pdfBuffer, qrPng } from '../src/lib/pdf.ts';
import { defaultBodyText, type PrintedCertificate, printedDate, renderCertificatePdf, verificationUrl } from '../src/modules/certificates/certificates.pdf.ts';
import { report, SMOKE } from './harness.ts';
import { buildCertificateNumber, printedLevel, printedWorkType } from '../src/modules/certificates/certificates.rules.ts';

const BLOCKS = SMOKE ? 2 : 8;
const PER_BLOCK = SMOKE ? 3 : 25;
const WARM_UP = SMOKE ? 2 : 20;
const GOAL = 0.6;

function certificate(i: number, photo: Buffer, seal: Buffer): PrintedCertificate {
  return {
    institutionName: '上海临港职业技术学校',
    issueDate: '2025-12-20',
    holderName: `欧阳修远${i % 10}`,
    idNumber: '11010519491231002X',
    occupationName: '工业机器人系统运维员',
    occupationCode: '6-31-07-03',
    workType: null,
    level: 3,
    number: buildCertificateNumber({ prefix: 'S000031000123', year: 2025, level: 3, serial: i + 1 }),
    photo,
    seal,
    publicOrigin: 'https://cert.example.cn',
  };
}

/** The reference: a bare pdfkit page with the same font, the same texts and the same QR code. */
async function barePage(c: PrintedCertificate): Promise<Buffer> {
  const doc = newPdf();
  doc.font(FONT_REGULAR).fontSize(12);
  for (const line of [
    '职业技能等级证书',
    c.holderName,
    '居民身份证',
    c.idNumber,
    c.occupationName,
    printedWorkType(c.workType),
    printedLevel(c.level),
    c.number,
    c.institutionName,
    printedDate(c.issueDate),
    defaultBodyText(c),
  ])
    doc.text(line);
  doc.image(await qrPng(verificationUrl(c.publicOrigin, c.number)), { width: 96 });
  return pdfBuffer(doc);
}

/** Wall time and process CPU time (all threads: sharp draws the QR code on libvips threads) of a block of documents. */
async function timed(fn: (i: number) => Promise<Buffer>, from: number): Promise<[number, number]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = from; i < from + PER_BLOCK; i++) await fn(i);
  const c = process.cpuUsage(c0);
  return [performance.now() - t0, (c.user + c.system) / 1000];
}

async function main() {
  const photo = await sharp({ create: { width: 295, height: 413, channels: 3, background: { r: 230, g: 236, b: 245 } } })
    .jpeg()
    .toBuffer();
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" fill="none" stroke="#d00" stroke-width="8"/></svg>';
  const seal = await sharp(Buffer.from(svg)).png().toBuffer();
  const rendered = (i: number) => renderCertificatePdf(certificate(i, photo, seal));
  const bare = (i: number) => barePage(certificate(i, photo, seal));

  // Warm up both (font parsing, JIT), then alternate.
  for (let i = 0; i < WARM_UP; i++) await Promise.all([rendered(i), bare(i)]);
  let renderMs = 0;
  let bareMs = 0;
  let renderCpu = 0;
  let bareCpu = 0;
  for (let b = 0; b < BLOCKS; b++) {
    const from = b * PER_BLOCK;
    const first = b % 2 === 0;
    const [bw1, bc1] = first ? [0, 0] : await timed(bare, from);
    const [rw, rc] = await timed(rendered, from);
    const [bw2, bc2] = first ? await timed(bare, from) : [0, 0];
    const bw = bw1 + bw2;
    const bc = bc1 + bc2;
    renderMs += rw;
    renderCpu += rc;
    bareMs += bw;
    bareCpu += bc;
  }
  const n = BLOCKS * PER_BLOCK;
  const renderRate = (n * 1000) / renderMs;
  const bareRate = (n * 1000) / bareMs;
  const ratio = renderRate / bareRate;
  const size = (await rendered(0)).length;
  console.log(`certificate PDF (${n} each, A4, one page, ${Math.round(size / 1024)} KiB)`);
  const cpu = (ms: number) => `${(ms / n).toFixed(1)} ms CPU each`;
  console.log(`  bare pdfkit page, same font, texts and QR   ${bareRate.toFixed(1)} PDFs/s  (${cpu(bareCpu)})`);
  console.log(
    `  certificate renderer                         ${renderRate.toFixed(1)} PDFs/s  (${cpu(renderCpu)})  ratio ${ratio.toFixed(2)} / goal ≥ ${GOAL}`,
  );
  console.log(`  by CPU time (less sensitive to a shared machine): ratio ${(bareCpu / renderCpu).toFixed(2)}`);
  report({
    figure: 'certificate PDFs',
    db: '-',
    unit: 'PDF/s',
    ours: renderRate,
    limit: bareRate,
    limitName: 'bare pdfkit page, same font + QR',
    goal: { atLeast: GOAL },
  });
}

await main();
