import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { type SeatingInput, arrangeSeats, roomLoads } from './seating.rules.ts';

const candidatesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 5 })), { maxLength: 120 })
  .map((cs) => cs.map(([cls], i) => ({ id: `c${String(i).padStart(4, '0')}`, classKey: `class-${cls}` })));
const roomsArb = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 })
  .map((caps) => caps.map((capacity, i) => ({ id: `r${i + 1}`, capacity })));
const seedArb = fc.string({ maxLength: 12 });

const fitting = fc
  .record({ candidates: candidatesArb, rooms: roomsArb, seed: seedArb })
  .filter((i) => i.rooms.reduce((s, r) => s + r.capacity, 0) >= i.candidates.length);

function perRoomClassCounts(input: SeatingInput, out: ReturnType<typeof arrangeSeats>): Map<string, number[]> {
  const cls = new Map(input.candidates.map((c) => [c.id, c.classKey]));
  const counts = new Map<string, number[]>();
  for (const a of out) {
    const k = cls.get(a.candidateId) ?? '';
    const row = counts.get(k) ?? input.rooms.map(() => 0);
    const r = input.rooms.findIndex((x) => x.id === a.roomId);
    row[r] = (row[r] ?? 0) + 1;
    counts.set(k, row);
  }
  return counts;
}

describe('arrangeSeats (考场编排)', () => {
  it('every candidate seated exactly once; room capacity never exceeded; seats 1…n in each room', () => {
    fc.assert(
      fc.property(fitting, (input) => {
        const out = arrangeSeats(input);
        expect(out.map((a) => a.candidateId).sort()).toEqual(input.candidates.map((c) => c.id).sort());
        for (const room of input.rooms) {
          const seats = out.filter((a) => a.roomId === room.id).map((a) => a.seat);
          expect(seats.length).toBeLessThanOrEqual(room.capacity);
          expect(seats).toEqual(seats.map((_, i) => i + 1));
        }
      }),
    );
  });

  it('room loads are even (±1) among rooms that are not full', () => {
    fc.assert(
      fc.property(fitting, (input) => {
        const out = arrangeSeats(input);
        const loads = input.rooms.map((r) => out.filter((a) => a.roomId === r.id).length);
        const notFull = loads.filter((l, i) => l < (input.rooms[i]?.capacity ?? 0));
        if (notFull.length > 0) expect(Math.max(...loads) - Math.min(...notFull)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('each class spread across rooms: per-room counts differ by at most 1 where capacity allows', () => {
    const roomy = fc.record({ candidates: candidatesArb, nRooms: fc.integer({ min: 1, max: 6 }), seed: seedArb }).map(({ candidates, nRooms, seed }) => ({
      candidates,
      seed,
      // every room can take the even share: capacity never binds
      rooms: Array.from({ length: nRooms }, (_, i) => ({ id: `r${i}`, capacity: Math.ceil(candidates.length / nRooms) + (i % 3) })),
    }));
    fc.assert(
      fc.property(roomy, (input) => {
        for (const counts of perRoomClassCounts(input, arrangeSeats(input)).values()) {
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('deterministic: same input → same output, whatever order the candidates come in; another seed → another order', () => {
    fc.assert(
      fc.property(fitting, fc.integer(), (input, k) => {
        const a = arrangeSeats(input);
        const rotated = input.candidates
          .slice(k % Math.max(1, input.candidates.length))
          .concat(input.candidates.slice(0, k % Math.max(1, input.candidates.length)));
        expect(arrangeSeats({ ...input, candidates: rotated.reverse() })).toEqual(a);
        expect(arrangeSeats(structuredClone(input))).toEqual(a);
      }),
    );
    const input = {
      candidates: Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, classKey: `k${i % 4}` })),
      rooms: [
        { id: 'a', capacity: 30 },
        { id: 'b', capacity: 30 },
      ],
      seed: 's1',
    };
    expect(arrangeSeats({ ...input, seed: 's2' })).not.toEqual(arrangeSeats(input));
  });

  it('neighbours in a room come from different classes where the mix allows', () => {
    const input = {
      candidates: Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, classKey: i < 15 ? 'A' : 'B' })),
      rooms: [{ id: 'r1', capacity: 30 }],
      seed: 'x',
    };
    const cls = new Map(input.candidates.map((c) => [c.id, c.classKey]));
    const seq = arrangeSeats(input).map((a) => cls.get(a.candidateId));
    for (let i = 1; i < seq.length; i++) expect(seq[i]).not.toBe(seq[i - 1]);
  });

  it('a 40-candidate class over two rooms of 30: 20 and 20', () => {
    const input = {
      candidates: Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, classKey: 'A' })),
      rooms: [
        { id: 'r1', capacity: 30 },
        { id: 'r2', capacity: 30 },
      ],
      seed: 'x',
    };
    const out = arrangeSeats(input);
    expect(out.filter((a) => a.roomId === 'r1').length).toBe(20);
    expect(out.filter((a) => a.roomId === 'r2').length).toBe(20);
  });

  it('too few seats: a typed error naming the shortfall', () => {
    try {
      arrangeSeats({
        candidates: Array.from({ length: 65 }, (_, i) => ({ id: `c${i}`, classKey: 'A' })),
        rooms: [
          { id: 'r1', capacity: 30 },
          { id: 'r2', capacity: 30 },
        ],
        seed: 'x',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('SEATING.CAPACITY_SHORT');
      expect((e as AppError).status).toBe(422);
      expect((e as AppError).params).toEqual({ candidates: 65, capacity: 60, shortfall: 5 });
    }
  });

  it('refuses repeated candidates or rooms and bad capacities; no candidates → no seats', () => {
    const bad = (i: SeatingInput) => () => arrangeSeats(i);
    expect(
      bad({
        candidates: [
          { id: 'a', classKey: 'x' },
          { id: 'a', classKey: 'y' },
        ],
        rooms: [{ id: 'r', capacity: 5 }],
        seed: '',
      }),
    ).toThrow(AppError);
    expect(
      bad({
        candidates: [],
        rooms: [
          { id: 'r', capacity: 5 },
          { id: 'r', capacity: 5 },
        ],
        seed: '',
      }),
    ).toThrow(AppError);
    expect(bad({ candidates: [], rooms: [{ id: 'r', capacity: 1.5 }], seed: '' })).toThrow(AppError);
    expect(bad({ candidates: [], rooms: [{ id: 'r', capacity: -1 }], seed: '' })).toThrow(AppError);
    expect(arrangeSeats({ candidates: [], rooms: [], seed: '' })).toEqual([]);
  });

  it('roomLoads: even, capped, sums to the total', () => {
    expect(roomLoads(10, [30, 30, 30])).toEqual([4, 3, 3]);
    expect(roomLoads(50, [10, 30, 30])).toEqual([10, 20, 20]);
    expect(roomLoads(0, [5])).toEqual([0]);
    expect(roomLoads(7, [0, 7])).toEqual([0, 7]);
  });
});
