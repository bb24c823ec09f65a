import type { PaperItem } from '@skillcert/shared/api/banks';
import { describe, expect, it } from 'vitest';
import { answerSheetRows, answerText, chineseNumeral, markingRule, printSections } from './papers.print.ts';

const item = (position: number, type: PaperItem['type'], points: number, answer: string[] = ['A']): PaperItem => ({
  position,
  itemId: '00000000-0000-4000-8000-000000000000',
  version: 1,
  type,
  areaCode: '1',
  pointCode: null,
  points,
  difficulty: 3,
  stem: `题目 ${position}`,
  options:
    type === 'judge'
      ? []
      : [
          { key: 'A', text: '甲' },
          { key: 'B', text: '乙' },
        ],
  answer,
  answersHidden: false,
});

describe('papers on paper: sections, answer key, marking scheme', () => {
  it('sections group consecutive items of one type and points, titled 一、判断题（共 20 题，每题 1 分…）', () => {
    const items = [
      ...Array.from({ length: 20 }, (_, i) => item(i + 1, 'judge', 1, ['true'])),
      ...Array.from({ length: 40 }, (_, i) => item(21 + i, 'single', 1)),
      item(61, 'multiple', 2, ['A', 'B']),
    ];
    const sections = printSections(items);
    expect(sections.map((s) => s.title)).toEqual([
      '一、判断题（共 20 题，每题 1 分，共 20 分）',
      '二、单项选择题（共 40 题，每题 1 分，共 40 分）',
      '三、多项选择题（共 1 题，每题 2 分，共 2 分）',
    ]);
  });

  it('answers in words and a marking rule per section', () => {
    expect(answerText({ type: 'judge', answer: ['false'] })).toBe('错误（×）');
    expect(answerText({ type: 'multiple', answer: ['A', 'C'] })).toBe('A、C');
    expect(markingRule({ type: 'multiple', points: 2 })).toContain('少选、错选');
    expect(chineseNumeral(12)).toBe('十二');
  });

  it('the answer sheet has a box for every objective item, five to a row', () => {
    const [section] = printSections(Array.from({ length: 7 }, (_, i) => item(i + 1, 'single', 1)));
    const rows = answerSheetRows(section!);
    expect(rows).toHaveLength(2);
    expect(rows.join(' ')).toContain('7.［');
  });
});
