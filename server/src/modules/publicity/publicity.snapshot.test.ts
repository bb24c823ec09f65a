import { describe, expect, it } from 'vitest';
import { newTrackingCode, snapshotFor } from './publicity.service.ts';

describe('公示 snapshot and objection tracking codes', () => {
  it('publishes masked names (段*), the first exam number, the outcome and each part', () => {
    const s = snapshotFor(
      [
        {
          enrolmentId: '00000000-0000-4000-8000-000000000001',
          personId: '00000000-0000-4000-8000-000000000002',
          name: '段誉',
          idNumberMasked: '',
          className: null,
          examNumbers: ['2026003100410101', '2026003100420101'],
          outcome: 'passed',
          parts: [{ partId: null, kind: 'theory', name: null, passMark: 60, score: 75, verdict: 'passed', substituted: true, source: 'course' }],
          process: [],
          processScore: null,
        },
      ],
      { firstDay: '2026-09-29', lastDay: '2026-10-10' },
    );
    expect(s.lines).toEqual([
      {
        enrolmentId: '00000000-0000-4000-8000-000000000001',
        examNumber: '2026003100410101',
        name: '段*',
        outcome: 'passed',
        parts: [{ kind: 'theory', score: 75, verdict: 'passed', substituted: true }],
      },
    ]);
    expect(JSON.stringify(s)).not.toContain('段誉');
  });

  it('tracking codes are short, readable (no 0/O, 1/I/L, U) and do not repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newTrackingCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[A-HJKMNP-TV-Z2-9]{5}-[A-HJKMNP-TV-Z2-9]{5}$/);
  });
});
