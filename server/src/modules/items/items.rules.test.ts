import { describe, expect, it } from 'vitest';
import { withholdAnswers } from './items.rules.ts';

const practical = {
  stem: '安装并调试一台三相异步电动机的正反转控制线路',
  answer: [] as string[],
  referenceAnswer: '先断电验电……',
  analysis: '考查接线与调试',
  rubric: { criteria: [{ text: '接线正确', points: 20 }], vetoes: ['带电作业'] },
};

describe('题库保密: what a reader outside the bank staff sees of an item', () => {
  it('no answer key, reference answer, explanation or rubric', () => {
    expect(withholdAnswers({ ...practical, answer: ['B'] }, { answers: false, rubric: false })).toEqual({
      stem: practical.stem,
      answer: [],
      referenceAnswer: null,
      analysis: null,
      rubric: null,
    });
  });

  it('the bank staff see everything', () => {
    expect(withholdAnswers({ ...practical, answer: ['B'] }, { answers: true, rubric: true })).toEqual({ ...practical, answer: ['B'] });
  });

  it('a reader allowed the rubric only (an examiner for assigned tasks, later) sees the rubric and not the answers', () => {
    expect(withholdAnswers(practical, { answers: false, rubric: true })).toMatchObject({ rubric: practical.rubric, referenceAnswer: null, analysis: null });
  });

  it('a paper item (answer only) keeps its shape', () => {
    expect(withholdAnswers({ position: 1, answer: ['A', 'C'] }, { answers: false, rubric: false })).toEqual({ position: 1, answer: [] });
  });
});
