import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { drawExaminers, replayDraw } from './plans.draw.ts';

const roster = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${String(i).padStart(3, '0')}`, name: `考评员${i}` }));

const drawArb = fc
  .record({ n: fc.integer({ min: 1, max: 40 }), seed: fc.string({ maxLength: 16 }), conflictMask: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }) })
  .chain(({ n, seed, conflictMask }) => {
    const eligible = roster(n);
    const conflicts = new Set(eligible.filter((_, i) => conflictMask[i]).map((e) => e.id));
    const available = n - conflicts.size;
    return fc.record({ count: fc.integer({ min: 1, max: Math.max(1, available) }) }).map(({ count }) => ({ eligible, conflicts, count, seed, available }));
  })
  .filter((x) => x.available >= x.count);

describe('drawExaminers (R9: examiners drawn at random, 回避 excluded, replayable)', () => {
  it('R9: never draws a conflicted examiner; draws exactly count distinct eligible ids', () => {
    fc.assert(
      fc.property(drawArb, ({ eligible, conflicts, count, seed }) => {
        const { drawn } = drawExaminers({ eligible, conflicts, count, seed });
        expect(drawn).toHaveLength(count);
        expect(new Set(drawn).size).toBe(count);
        for (const id of drawn) {
          expect(conflicts.has(id)).toBe(false);
          expect(eligible.some((e) => e.id === id)).toBe(true);
        }
      }),
    );
  });

  it('R9: replaying the log gives the same examiners; the same seed gives the same draw whatever the roster order', () => {
    fc.assert(
      fc.property(drawArb, ({ eligible, conflicts, count, seed }) => {
        const { drawn, log } = drawExaminers({ eligible, conflicts, count, seed });
        expect(replayDraw(structuredClone(log), count)).toEqual(drawn);
        expect(drawExaminers({ eligible: [...eligible].reverse(), conflicts, count, seed }).drawn).toEqual(drawn);
        expect(log.excluded).toEqual([...conflicts].filter((id) => eligible.some((e) => e.id === id)).sort());
        expect(log.order.slice(0, count)).toEqual(drawn);
      }),
    );
  });

  it('R9: the draw depends on the seed (not always the first on the list)', () => {
    const eligible = roster(20);
    const firsts = new Set(Array.from({ length: 30 }, (_, i) => drawExaminers({ eligible, conflicts: new Set(), count: 3, seed: `s${i}` }).drawn[0]));
    expect(firsts.size).toBeGreaterThan(5);
  });

  it('R9: refuses when fewer eligible than needed after conflicts, naming the numbers', () => {
    try {
      drawExaminers({ eligible: roster(5), conflicts: new Set(['e000', 'e001', 'e002']), count: 3, seed: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('PLAN.DRAW_TOO_FEW');
      expect((e as AppError).details).toMatchObject({ rule: 'R9', needed: 3, available: 2, excluded: 3 });
    }
    expect(() => drawExaminers({ eligible: roster(5), conflicts: new Set(), count: 0, seed: 'x' })).toThrow(AppError);
  });

  it('an altered log does not replay', () => {
    const { log } = drawExaminers({ eligible: roster(9), conflicts: new Set(['e004']), count: 3, seed: 'plan-7/group-2' });
    const swapped = { ...log, order: [log.order[1] ?? '', log.order[0] ?? '', ...log.order.slice(2)] };
    expect(() => replayDraw(swapped, 3)).toThrow(AppError);
    expect(() => replayDraw({ ...log, excluded: [] }, 3)).toThrow(AppError);
    expect(() => replayDraw({ ...log, seed: 'other' }, 3)).toThrow(AppError);
  });
});
