import { describe, expect, it } from 'vitest';
import { evaluationBasis, weightProblem } from './specs.rules.ts';

describe('evaluation basis', () => {
  it('R5: an occupation with a national standard is assessed by it', () => {
    expect(evaluationBasis({ standardYear: 2018, levels: [5, 4, 3, 2, 1] }, 3, [])).toEqual({ kind: 'national_standard', year: 2018 });
    expect(evaluationBasis({ standardYear: 2020, levels: [4, 3, 2, 1] }, 5, [])).toEqual({ kind: 'none', reason: 'level_not_covered' });
  });

  it('R5: without a standard only a filed 评价规范 covering the level will do', () => {
    const occ = { standardYear: null, levels: [5, 4, 3, 2, 1] };
    expect(evaluationBasis(occ, 4, [])).toEqual({ kind: 'none', reason: 'no_standard_and_no_filed_spec' });
    expect(evaluationBasis(occ, 4, [{ id: 's1', levels: [3] }])).toEqual({ kind: 'none', reason: 'no_standard_and_no_filed_spec' });
    expect(evaluationBasis(occ, 3, [{ id: 's1', levels: [3] }])).toEqual({ kind: 'filed_spec', specId: 's1' });
  });

  it('blueprint weights must add up to 100', () => {
    expect(weightProblem([{ weight: 30 }, { weight: 70 }])).toBeNull();
    expect(weightProblem([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBeNull();
    expect(weightProblem([{ weight: 30 }, { weight: 60 }])).toBe(90);
    expect(weightProblem([])).toBe(0);
  });
});
