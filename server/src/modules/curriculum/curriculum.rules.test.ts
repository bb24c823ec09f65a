import { describe, expect, it } from 'vitest';
import { areaCoverage } from './curriculum.rules.ts';

const blueprint = {
  theory: [
    { code: '1', name: '职业道德', weight: 5 },
    { code: '2', name: '电工基础', weight: 35 },
    { code: '3', name: '电气控制', weight: 60 },
  ],
  skills: [{ code: 'A', name: '线路安装', weight: 100 }],
};

describe('curriculum alignment (课程内容与国家职业技能标准对接)', () => {
  it('shows covered and bare areas with the covered share of the weight', () => {
    const c = areaCoverage(blueprint, [
      { id: 'c1', name: '电工技术', part: 'theory', areaCode: '2' },
      { id: 'c2', name: '电气控制技术', part: 'theory', areaCode: '3' },
      { id: 'c2', name: '电气控制技术', part: 'skills', areaCode: 'A' },
    ]);
    expect(c.theoryCovered).toBe(95);
    expect(c.skillsCovered).toBe(100);
    expect(c.bare).toEqual([{ part: 'theory', code: '1', name: '职业道德', weight: 5 }]);
    expect(c.areas.find((a) => a.code === '3')?.courses).toEqual([{ id: 'c2', name: '电气控制技术' }]);
  });

  it('R6: a course exam may replace the theory exam only when every theory area is taught', () => {
    const partial = areaCoverage(blueprint, [{ id: 'c1', name: '电工技术', part: 'theory', areaCode: '2' }]);
    expect(partial.courseExamMayReplaceTheory).toBe(false);
    const whole = areaCoverage(blueprint, [
      { id: 'c0', name: '职业素养', part: 'theory', areaCode: '1' },
      { id: 'c1', name: '电工技术', part: 'theory', areaCode: '2' },
      { id: 'c2', name: '电气控制技术', part: 'theory', areaCode: '3' },
    ]);
    expect(whole.courseExamMayReplaceTheory).toBe(true);
    expect(whole.theoryCovered).toBe(100);
  });
});
