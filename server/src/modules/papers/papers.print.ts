import type { ItemType, PaperItem } from '@skillcert/shared/api/banks';

/**
 * A paper laid out for print: sections of consecutive items of one type and one points value, titled the way Chinese
 * papers are ("一、判断题（共 20 题，每题 1 分）"); the candidate's copy, an answer sheet, and — as a separate file —
 * the answer key with the marking scheme. Pure functions; papers.print-files.ts draws them as PDF and Word.
 */
export const TYPE_NAMES: Record<ItemType, string> = {
  single: '单项选择题',
  multiple: '多项选择题',
  judge: '判断题',
  subjective: '简答题',
  practical: '操作技能题',
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二 (section numbers stay small). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1] ?? String(n);
  if (n < 20) return `十${NUMERALS[n - 11] ?? ''}`;
  return String(n);
}

/** 1, 1.5 — no trailing zeros. */
const num = (v: number) => String(Math.round(v * 100) / 100);

export interface PrintSection {
  /** 一、判断题（共 20 题，每题 1 分） */
  title: string;
  type: ItemType;
  points: number;
  items: PaperItem[];
}

export function printSections(items: readonly PaperItem[]): PrintSection[] {
  const sorted = [...items].sort((a, b) => a.position - b.position);
  const sections: Omit<PrintSection, 'title'>[] = [];
  for (const item of sorted) {
    const last = sections.at(-1);
    if (last && last.type === item.type && last.points === item.points) last.items.push(item);
    else sections.push({ type: item.type, points: item.points, items: [item] });
  }
  return sections.map((s, i) => ({
    ...s,
    title: `${chineseNumeral(i + 1)}、${TYPE_NAMES[s.type]}（共 ${s.items.length} 题，每题 ${num(s.points)} 分，共 ${num(s.items.length * s.points)} 分）`,
  }));
}

/** The answer in words: A / A、C / 正确 / the reference answer. */
export function answerText(item: Pick<PaperItem, 'type' | 'answer'>): string {
  if (item.type === 'judge') return item.answer[0] === 'true' ? '正确（√）' : '错误（×）';
  if (item.type === 'single' || item.type === 'multiple') return item.answer.join('、');
  return item.answer.join('；') || '（见评分细则）';
}

/** How a section is marked. */
export function markingRule(section: Pick<PrintSection, 'type' | 'points'>): string {
  const p = num(section.points);
  switch (section.type) {
    case 'single':
      return `每题 ${p} 分。选对得 ${p} 分，选错、多选或不选不得分。`;
    case 'multiple':
      return `每题 ${p} 分。全部选对得 ${p} 分，少选、错选、多选或不选均不得分。`;
    case 'judge':
      return `每题 ${p} 分。判断正确得 ${p} 分，判断错误或不答不得分。`;
    default:
      return `每题 ${p} 分。按参考答案要点给分，要点齐全、表述准确得满分；要点缺漏按比例扣分；由两名考评员独立评分，分差超过规定时由第三名考评员复评。`;
  }
}

/** Lines of the candidate's answer sheet: per objective section, numbered boxes; per written section, space. */
export function answerSheetRows(section: PrintSection): string[] {
  if (section.type === 'subjective' || section.type === 'practical')
    return section.items.map((it) => `${it.position}. ________________________________________`);
  const cells = section.items.map((it) => `${it.position}.［　　］`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 5) rows.push(cells.slice(i, i + 5).join('　'));
  return rows;
}
