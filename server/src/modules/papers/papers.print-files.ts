import { createRequire } from 'node:module';
import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { PaperDetail } from '@skillcert/shared/api/banks';
import { answerSheetRows, answerText, markingRule, printSections } from './papers.print.ts';

/** Which file: the candidate's copy (paper + answer sheet) or the answer key with the marking scheme (kept apart). */
export type PrintCopy = 'candidate' | 'key';

const require = createRequire(import.meta.url);
/** Noto Sans SC (SIL OFL), shipped as an npm package: Chinese text in the PDF needs a CJK font; pdfkit embeds a subset. */
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

const LEVEL_NAMES: Record<number, string> = { 5: '五级 / 初级工', 4: '四级 / 中级工', 3: '三级 / 高级工', 2: '二级 / 技师', 1: '一级 / 高级技师' };

interface Block {
  kind: 'title' | 'subtitle' | 'heading' | 'text' | 'note' | 'pageBreak';
  text: string;
}

/** The document as a list of blocks, the same for PDF and Word. */
function blocks(paper: PaperDetail, copy: PrintCopy): Block[] {
  const sections = printSections(paper.items);
  const head: Block[] = [
    {
      kind: 'title',
      text: `${paper.occupationName}（${LEVEL_NAMES[paper.level] ?? paper.level}）${paper.part === 'theory' ? '理论知识' : '操作技能'}考核试卷`,
    },
    {
      kind: 'subtitle',
      text: `${paper.name} · ${paper.variant} 卷 · 职业编码 ${paper.occupationCode} · 满分 ${paper.totalScore} 分${copy === 'key' ? ' · 参考答案及评分标准' : ''}`,
    },
  ];
  if (copy === 'key') {
    return [
      ...head,
      { kind: 'note', text: '本文件为参考答案及评分标准，属于保密材料，与试卷分开保管，考试结束前不得向考生公开。' },
      ...sections.flatMap((s): Block[] => [
        { kind: 'heading', text: s.title },
        { kind: 'note', text: `评分标准：${markingRule(s)}` },
        ...s.items.map((it): Block => ({ kind: 'text', text: `${it.position}. ${answerText(it)}` })),
      ]),
    ];
  }
  return [
    ...head,
    { kind: 'note', text: '考生姓名：______________　准考证号：______________　考场：________　座位号：______' },
    { kind: 'note', text: '注意事项：请将答案填写在答题卡上，写在试卷上无效；考试时间以考场公布为准。' },
    ...sections.flatMap((s): Block[] => [
      { kind: 'heading', text: s.title },
      ...s.items.flatMap((it): Block[] => [
        { kind: 'text', text: `${it.position}. ${it.stem}${it.type === 'judge' ? '（　　）' : ''}` },
        ...it.options.map((o): Block => ({ kind: 'note', text: `　　${o.key}. ${o.text}` })),
      ]),
    ]),
    { kind: 'pageBreak', text: '' },
    { kind: 'title', text: '答题卡' },
    { kind: 'subtitle', text: `${paper.name} · ${paper.variant} 卷　　考生姓名：____________　准考证号：____________` },
    ...sections.flatMap((s): Block[] => [{ kind: 'heading', text: s.title }, ...answerSheetRows(s).map((r): Block => ({ kind: 'text', text: r }))]),
  ];
}

export function paperPdf(paper: PaperDetail, copy: PrintCopy): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 60, right: 60 }, info: { Title: paper.name, Author: 'skillcert' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', FONT);
    doc.registerFont('cjk-bold', FONT_BOLD);
    for (const b of blocks(paper, copy)) {
      switch (b.kind) {
        case 'title':
          doc.font('cjk-bold').fontSize(16).text(b.text, { align: 'center' }).moveDown(0.3);
          break;
        case 'subtitle':
          doc.font('cjk').fontSize(10).fillColor('#555555').text(b.text, { align: 'center' }).fillColor('#000000').moveDown(0.8);
          break;
        case 'heading':
          doc.moveDown(0.5).font('cjk-bold').fontSize(12).text(b.text).moveDown(0.3);
          break;
        case 'note':
          doc.font('cjk').fontSize(10).text(b.text).moveDown(0.2);
          break;
        case 'text':
          doc.font('cjk').fontSize(11).text(b.text).moveDown(0.2);
          break;
        case 'pageBreak':
          doc.addPage();
          break;
      }
    }
    doc.end();
  });
}

export async function paperDocx(paper: PaperDetail, copy: PrintCopy): Promise<Buffer> {
  const font = { eastAsia: 'SimSun', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
  const run = (text: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new TextRun({ text, font, ...opts });
  const children = blocks(paper, copy).map((b) => {
    switch (b.kind) {
      case 'title':
        return new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(b.text, { bold: true, size: 32 })] });
      case 'subtitle':
        return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(b.text, { size: 20, color: '555555' })] });
      case 'heading':
        return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(b.text, { bold: true, size: 24 })] });
      case 'note':
        return new Paragraph({ children: [run(b.text, { size: 20 })] });
      case 'pageBreak':
        return new Paragraph({ children: [new PageBreak()] });
      default:
        return new Paragraph({ spacing: { after: 80 }, children: [run(b.text, { size: 22 })] });
    }
  });
  const doc = new Document({ creator: 'skillcert', title: paper.name, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
