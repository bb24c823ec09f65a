import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAM_NUMBER_LENGTH, type ExamNumberParts, examNumber, parseExamNumber } from './exam-number.ts';

const partsArb: fc.Arbitrary<ExamNumberParts> = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  institutionSerial: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  planSeq: fc.integer({ min: 1, max: 999 }),
  partCode: fc.constantFrom('T' as const, 'P' as const, 'C' as const, 'R' as const),
  roomNo: fc.integer({ min: 1, max: 99 }),
  seat: fc.integer({ min: 1, max: 99 }),
});

describe('exam number (准考证号)', () => {
  it('the documented layout: YYYY IIII PPP K RR SS', () => {
    expect(examNumber({ year: 2026, institutionSerial: '1', planSeq: 4, partCode: 'T', roomNo: 3, seat: 17 })).toBe('2026000100410317');
    expect(examNumber({ year: 2026, institutionSerial: '0312', planSeq: 120, partCode: 'P', roomNo: 12, seat: 5 })).toBe('2026031212021205');
  });

  it('round trip: 16 digits, parse gives the parts back; distinct parts give distinct numbers', () => {
    fc.assert(
      fc.property(partsArb, partsArb, (a, b) => {
        const n = examNumber(a);
        expect(n).toMatch(/^\d{16}$/);
        expect(n).toHaveLength(EXAM_NUMBER_LENGTH);
        expect(parseExamNumber(n)).toEqual(a);
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(examNumber(b)).not.toBe(n);
      }),
    );
  });

  it('numbers sort by plan, part, room, seat', () => {
    const base = { year: 2026, institutionSerial: '0001', planSeq: 4, partCode: 'T' as const };
    const list = [
      { ...base, roomNo: 2, seat: 1 },
      { ...base, roomNo: 1, seat: 10 },
      { ...base, roomNo: 1, seat: 2 },
    ].map(examNumber);
    expect([...list].sort()).toEqual([list[2], list[1], list[0]]);
  });

  it('refuses parts out of range and strings that are not exam numbers', () => {
    const ok = { year: 2026, institutionSerial: '1', planSeq: 1, partCode: 'T' as const, roomNo: 1, seat: 1 };
    expect(() => examNumber({ ...ok, seat: 100 })).toThrow(RangeError);
    expect(() => examNumber({ ...ok, seat: 0 })).toThrow(RangeError);
    expect(() => examNumber({ ...ok, roomNo: 100 })).toThrow(RangeError);
    expect(() => examNumber({ ...ok, planSeq: 1000 })).toThrow(RangeError);
    expect(() => examNumber({ ...ok, institutionSerial: '12345' })).toThrow(RangeError);
    expect(() => examNumber({ ...ok, institutionSerial: 'A1' })).toThrow(RangeError);
    for (const s of [
      '',
      '202600010041031',
      '20260001004103170',
      '2026000100450317',
      '2026000100010317',
      '202600010041031X',
      '2026000100410017',
      '2026000100410300',
    ]) {
      expect(parseExamNumber(s), s).toBeNull();
    }
  });
});
