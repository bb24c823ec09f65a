import { describe, expect, it } from 'vitest';
import { candidateResult, clearance, mayObject, mayRecordCourseScores, processScore } from './results.rules.ts';

describe('a candidate’s result: every required part at or above its pass mark', () => {
  it('passes when theory and practical both reach 60', () => {
    const r = candidateResult([
      { kind: 'theory', passMark: 60, score: 60 },
      { kind: 'practical', passMark: 60, score: 88 },
    ]);
    expect(r.outcome).toBe('passed');
  });

  it('fails naming the part and the score', () => {
    const r = candidateResult([
      { kind: 'theory', passMark: 60, score: 59.5 },
      { kind: 'practical', passMark: 60, score: 88 },
    ]);
    expect(r.outcome).toBe('failed');
    expect(r.parts[0]).toEqual({ kind: 'theory', verdict: 'failed', score: 59.5, passMark: 60, substituted: false });
  });

  it('is pending while a part is unmarked, failed at once when another part failed or was missed (缺考)', () => {
    expect(
      candidateResult([
        { kind: 'theory', passMark: 60, score: 70 },
        { kind: 'practical', passMark: 60, score: null },
      ]).outcome,
    ).toBe('pending');
    expect(
      candidateResult([
        { kind: 'theory', passMark: 60, score: 50 },
        { kind: 'practical', passMark: 60, score: null },
      ]).outcome,
    ).toBe('failed');
    expect(candidateResult([{ kind: 'theory', passMark: 60, score: null, absent: true }]).outcome).toBe('failed');
    expect(candidateResult([]).outcome).toBe('pending');
  });

  it('R6: a substituted course score is shown as substituted', () => {
    const r = candidateResult([{ kind: 'theory', passMark: 60, score: 75, substituted: true }]);
    expect(r.parts[0]).toMatchObject({ verdict: 'passed', substituted: true });
  });

  it('R6: course scores only for a plan that declared the substitution', () => {
    expect(mayRecordCourseScores({ courseExamReplacesTheory: false })).toEqual({ rule: 'R6', code: 'RESULT.SUBSTITUTION_NOT_DECLARED' });
    expect(mayRecordCourseScores({ courseExamReplacesTheory: true })).toBeNull();
  });

  it('R6: process assessment (过程考核) weighs its components', () => {
    expect(
      processScore([
        { name: '平时', weight: 30, score: 80 },
        { name: '项目', weight: 70, score: 90 },
      ]),
    ).toBe(87);
    expect(
      processScore([
        { name: '平时', weight: 30, score: 80 },
        { name: '项目', weight: 70, score: null },
      ]),
    ).toBeNull();
    expect(() => processScore([{ name: '平时', weight: 30, score: 80 }])).toThrow(/30/);
  });
});

describe('publicity (公示) and clearance for certificates', () => {
  const closes = new Date('2026-06-12T16:00:00Z');
  const after = new Date('2026-06-13T00:00:00Z');

  it('clears a passing candidate once publicity has closed with nothing open', () => {
    expect(clearance({ outcome: 'passed', openObjections: 0, openFlags: 0 }, closes, after)).toEqual({ cleared: true });
  });

  it('an open objection (异议) blocks that candidate only; a running publicity blocks everyone', () => {
    expect(clearance({ outcome: 'passed', openObjections: 1, openFlags: 0 }, closes, after)).toEqual({ cleared: false, blocks: ['objection_open'] });
    expect(clearance({ outcome: 'passed', openObjections: 0, openFlags: 0 }, closes, closes)).toEqual({ cleared: false, blocks: ['publicity_running'] });
    expect(clearance({ outcome: 'failed', openObjections: 0, openFlags: 1 }, closes, after)).toEqual({ cleared: false, blocks: ['not_passed', 'flag_open'] });
  });

  it('objections only while publicity runs', () => {
    const p = { opensAt: new Date('2026-06-08T00:00:00Z'), closesAt: closes };
    expect(mayObject(p, new Date('2026-06-07T00:00:00Z'))).toBe('PUBLICITY.NOT_OPEN');
    expect(mayObject(p, new Date('2026-06-10T00:00:00Z'))).toBeNull();
    expect(mayObject(p, after)).toBe('PUBLICITY.CLOSED');
  });
});
