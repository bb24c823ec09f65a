import { describe, expect, it } from 'vitest';
import {
  type AnswerRow,
  bankResponse,
  examinerDeviations,
  heavyExamEvents,
  leadTimeByChange,
  type MarkRow,
  passRateOutliers,
  sharedRareWrongAnswers,
} from './signals.rules.ts';

describe('pass rates far above the occupation’s norm (R14)', () => {
  const peers = [
    { institutionId: 'B', occupation: '6-31-07-03', level: 4, candidates: 40, passed: 24 },
    { institutionId: 'C', occupation: '6-31-07-03', level: 4, candidates: 60, passed: 36 },
  ];
  it('fires for 29 of 30 against a norm of 60%, with the numbers', () => {
    const [s, ...rest] = passRateOutliers([...peers, { institutionId: 'A', occupation: '6-31-07-03', level: 4, candidates: 30, passed: 29 }]);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ kind: 'pass_rate', institutionId: 'A', evidence: { rate: 0.967, norm: 0.6, candidates: 30, passed: 29, peerCandidates: 100 } });
  });
  it('does not fire for 21 of 30 (70%), nor for a tiny group, nor another level', () => {
    expect(passRateOutliers([...peers, { institutionId: 'A', occupation: '6-31-07-03', level: 4, candidates: 30, passed: 21 }])).toEqual([]);
    expect(passRateOutliers([...peers, { institutionId: 'A', occupation: '6-31-07-03', level: 4, candidates: 5, passed: 5 }])).toEqual([]);
    expect(passRateOutliers([...peers, { institutionId: 'A', occupation: '6-31-07-03', level: 3, candidates: 30, passed: 30 }])).toEqual([]);
  });
});

/** Ten candidates, ten items whose correct answer is "A"; most wrong answers are the common "B". */
function sitting(extra: (c: string, item: string) => string | null): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (let c = 0; c < 10; c++)
    for (let i = 0; i < 10; i++) {
      const cand = `c${c}`;
      const item = `i${i}`;
      const response = extra(cand, item) ?? (c === i % 10 ? '"B"' : '"A"');
      rows.push({ candidate: cand, itemId: item, response, correct: response === '"A"' });
    }
  return rows;
}

describe('near-identical answer patterns in one sitting', () => {
  it('fires for two candidates sharing the same rare wrong answer on four items', () => {
    const rows = sitting((c, item) => ((c === 'c3' || c === 'c7') && ['i1', 'i2', 'i5', 'i8'].includes(item) ? '"D"' : null));
    const out = sharedRareWrongAnswers('S', 'P', 'I', rows);
    expect(out).toHaveLength(1);
    expect(out[0]!.evidence).toMatchObject({ candidates: ['c3', 'c7'], sharedRareWrong: 4, candidatesInSitting: 10 });
    expect(out[0]!.evidence.sharedAnswers).toEqual(['i1', 'i2', 'i5', 'i8'].map((itemId) => ({ itemId, answer: 'D', chosenBy: 2, answered: 10 })));
  });
  it('in a small sitting a wrong answer no one but the two gave is rare; one three of eight gave is not', () => {
    const small = sitting((c, item) => ((c === 'c3' || c === 'c7') && ['i1', 'i2', 'i5'].includes(item) ? '"D"' : null)).filter(
      (r) => Number(r.candidate.slice(1)) < 8,
    );
    expect(sharedRareWrongAnswers('S', 'P', 'I', small).map((d) => d.evidence.candidates)).toEqual([['c3', 'c7']]);
    const three = sitting((c, item) => (['c2', 'c3', 'c7'].includes(c) && ['i1', 'i2', 'i5'].includes(item) ? '"D"' : null)).filter(
      (r) => Number(r.candidate.slice(1)) < 8,
    );
    expect(sharedRareWrongAnswers('S', 'P', 'I', three)).toEqual([]);
  });
  it('maps each copy’s shown letters back to the bank’s option keys', () => {
    // Candidate 1 saw the options in bank order C, A, D, B; candidate 2 in B, D, A, C: both chose bank option D.
    const one = bankResponse({ type: 'single', optionOrder: ['C', 'A', 'D', 'B'] }, { keys: ['C'] });
    const two = bankResponse({ type: 'single', optionOrder: ['B', 'D', 'A', 'C'] }, { keys: ['B'] });
    expect(one).toBe('["D"]');
    expect(two).toBe(one);
    // The same letter on two copies is a different option.
    expect(bankResponse({ type: 'single', optionOrder: ['B', 'D', 'A', 'C'] }, { keys: ['C'] })).toBe('["A"]');
    expect(bankResponse({ type: 'multiple', optionOrder: ['C', 'A', 'D', 'B'] }, { keys: ['D', 'A'] })).toBe('["B","C"]');
    expect(bankResponse({ type: 'judge', optionOrder: ['true', 'false'] }, { keys: ['false'] })).toBe('["false"]');
  });
  it('a blank, a text, or a key the copy never showed is no answer to compare', () => {
    const item = { type: 'single', optionOrder: ['A', 'B'] };
    expect(bankResponse(item, { keys: [] })).toBeNull();
    expect(bankResponse(item, { text: 'x' })).toBeNull();
    expect(bankResponse(item, { keys: ['E'] })).toBeNull();
    expect(bankResponse(item, null)).toBeNull();
  });
  it('does not fire for scattered single wrong answers, nor for a wrong answer half the room gives', () => {
    expect(
      sharedRareWrongAnswers(
        'S',
        'P',
        'I',
        sitting(() => null),
      ),
    ).toEqual([]);
    const common = sitting((c, item) => (Number(c.slice(1)) < 5 && ['i1', 'i2', 'i5'].includes(item) ? '"C"' : null));
    expect(sharedRareWrongAnswers('S', 'P', 'I', common)).toEqual([]);
  });
});

describe('examiners whose marks differ systematically from co-examiners', () => {
  const rows = (bias: number): MarkRow[] =>
    Array.from({ length: 6 }, (_, i) => [
      { examinerId: 'x', examinerName: '唐立群', subject: `e${i}`, total: 70 + i },
      { examinerId: 'y', examinerName: '秦卫东', subject: `e${i}`, total: 70 + i + bias },
    ]).flat();
  it('fires for an examiner 15 points higher on six shared works (and the other, 15 lower)', () => {
    const out = examinerDeviations('P', 'I', rows(15));
    expect(out.map((s) => s.evidence)).toEqual(
      expect.arrayContaining([expect.objectContaining({ examiner: '秦卫东', meanDifference: 15, direction: 'higher', sharedWorks: 6 })]),
    );
  });
  it('does not fire for a 3-point spread, nor on too few shared works', () => {
    expect(examinerDeviations('P', 'I', rows(3))).toEqual([]);
    expect(examinerDeviations('P', 'I', rows(15).slice(0, 8))).toEqual([]);
  });
});

describe('sittings with many tab switches, reconnects or takeovers', () => {
  it('fires at 4 watched events per candidate, with the counts', () => {
    const [s] = heavyExamEvents([
      { sittingId: 'S', planId: 'P', institutionId: 'I', attempts: 10, counts: { tab_hidden: 30, reconnect: 8, takeover: 2, paste: 50 } },
    ]);
    expect(s?.evidence).toMatchObject({ attempts: 10, perCandidate: 4, events: { tab_hidden: 30, reconnect: 8, takeover: 2, focus_lost: 0 } });
  });
  it('does not fire for a quiet sitting (paste is not counted)', () => {
    expect(heavyExamEvents([{ sittingId: 'S', planId: 'P', institutionId: 'I', attempts: 10, counts: { tab_hidden: 5, reconnect: 3, paste: 80 } }])).toEqual(
      [],
    );
  });
});

describe('plans run inside the lead time by change requests', () => {
  it('fires for a change acknowledged 4 days before the first sitting against 15 lead days', () => {
    const [s] = leadTimeByChange([{ planId: 'P', institutionId: 'I', changeId: 'C', changedOn: '2026-06-01', firstSitting: '2026-06-05', leadDays: 15 }]);
    expect(s?.evidence).toMatchObject({ daysBefore: 4, threshold: { leadDays: 15 } });
  });
  it('does not fire for a change 20 days ahead', () => {
    expect(leadTimeByChange([{ planId: 'P', institutionId: 'I', changeId: 'C', changedOn: '2026-06-01', firstSitting: '2026-06-21', leadDays: 15 }])).toEqual(
      [],
    );
  });
});
