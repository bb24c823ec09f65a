import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { idCardCheckChar, isValidIdCard, parseIdCard } from './id-card.ts';

/** A fixed "today" so that the tests do not age: 2025-06-15 (local time). */
const TODAY = new Date(2025, 5, 15);

/**
 * Independent reference for the check character, written from the ISO 7064 MOD 11-2 definition rather
 * than the weight table: weight of position i (1-based, of 18) is 2^(18-i) mod 11, and the check value c
 * satisfies (Σ digit×weight + c) ≡ 1 (mod 11), 10 written as X.
 */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) {
    sum += Number(first17.charAt(i - 1)) * (2 ** (18 - i) % 11);
  }
  const c = (((1 - sum) % 11) + 11) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Build a body from parts, computing the check character with the reference implementation. */
function withCheck(first17: string): string {
  return first17 + referenceCheckChar(first17);
}

describe('idCardCheckChar', () => {
  it('matches the GB 11643-1999 examples', () => {
    // 11010519491231002X: Σ = 7·1+9·1+10·0+5·1+8·0+4·5+2·1+1·9+6·4+3·9+7·1+9·2+10·3+5·1+8·0+4·0+2·2
    //                       = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "10X98765432"[2] = X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // 440524188001010014: Σ = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → '4'
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with the independent reference', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        expect(idCardCheckChar(body)).toBe(referenceCheckChar(body));
      }),
    );
  });

  it('rejects a body that is not 17 digits', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('parseIdCard', () => {
  it('parses a valid number (female, check X)', () => {
    expect(parseIdCard('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('derives male from an odd 17th digit', () => {
    const id = withCheck('51010119900101123');
    expect(id).toBe('510101199001011231');
    const r = parseIdCard(id, { today: TODAY });
    expect(r).toMatchObject({ ok: true, gender: 'male', birthDate: '1990-01-01', regionCode: '510101' });
  });

  it('accepts a lower-case x and normalises it', () => {
    const r = parseIdCard('11010519491231002x', { today: TODAY });
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('ignores surrounding whitespace', () => {
    expect(parseIdCard('  11010519491231002X\n', { today: TODAY })).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it("reports 'length'", () => {
    expect(parseIdCard('', { today: TODAY })).toEqual({ ok: false, reason: 'length' });
    expect(parseIdCard('11010519491231002', { today: TODAY })).toEqual({ ok: false, reason: 'length' });
    expect(parseIdCard('11010519491231002X1', { today: TODAY })).toEqual({ ok: false, reason: 'length' });
    // 15-digit first-generation numbers are not accepted.
    expect(parseIdCard('110105491231002', { today: TODAY })).toEqual({ ok: false, reason: 'length' });
  });

  it("reports 'format'", () => {
    expect(parseIdCard('1101051949123100XX', { today: TODAY })).toEqual({ ok: false, reason: 'format' });
    expect(parseIdCard('X10105194912310021', { today: TODAY })).toEqual({ ok: false, reason: 'format' });
    expect(parseIdCard('11010519491231002Y', { today: TODAY })).toEqual({ ok: false, reason: 'format' });
    expect(parseIdCard('110105 19491231002', { today: TODAY })).toEqual({ ok: false, reason: 'format' });
    // Full-width digits are not ASCII digits.
    expect(parseIdCard('１１0105194912310021', { today: TODAY })).toEqual({ ok: false, reason: 'format' });
  });

  it("reports 'region' for a prefix that is not a province", () => {
    for (const prefix of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '70', '72', '80', '83', '99']) {
      const id = withCheck(`${prefix}010519900101123`);
      expect(parseIdCard(id, { today: TODAY }), prefix).toEqual({ ok: false, reason: 'region' });
    }
  });

  it('accepts every province prefix', () => {
    const prefixes = [
      ...[11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37],
      ...[41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82],
    ];
    for (const p of prefixes) {
      expect(parseIdCard(withCheck(`${p}010519900101123`), { today: TODAY }).ok, String(p)).toBe(true);
    }
  });

  it("reports 'region' when isKnownRegion rejects the code, and only after the other checks", () => {
    const id = '11010519491231002X';
    const seen: string[] = [];
    const isKnownRegion = (code: string): boolean => {
      seen.push(code);
      return code !== '110105';
    };
    expect(parseIdCard(id, { today: TODAY, isKnownRegion })).toEqual({ ok: false, reason: 'region' });
    expect(seen).toEqual(['110105']);
    expect(parseIdCard(id, { today: TODAY, isKnownRegion: () => true }).ok).toBe(true);
    // A wrong check character is reported as such even if the region is unknown.
    expect(parseIdCard('110105194912310021', { today: TODAY, isKnownRegion: () => false })).toEqual({
      ok: false,
      reason: 'check_digit',
    });
  });

  it("reports 'birth_date' for impossible dates", () => {
    for (const date of ['19901301', '19900001', '19900100', '19900132', '19900431', '19900230', '20000230']) {
      const id = withCheck(`110105${date}123`);
      expect(parseIdCard(id, { today: TODAY }), date).toEqual({ ok: false, reason: 'birth_date' });
    }
  });

  it('handles 29 February in leap and non-leap years', () => {
    const ok = (date: string): boolean => parseIdCard(withCheck(`110105${date}123`), { today: TODAY }).ok;
    expect(ok('20000229')).toBe(true); // divisible by 400
    expect(ok('20040229')).toBe(true); // divisible by 4
    expect(ok('19000229')).toBe(false); // divisible by 100, not 400
    expect(ok('20230229')).toBe(false);
    expect(ok('20240229')).toBe(true);
    expect(parseIdCard(withCheck('11010520230229123'), { today: TODAY })).toEqual({ ok: false, reason: 'birth_date' });
  });

  it('rejects a birth date in the future, accepts today', () => {
    expect(parseIdCard(withCheck('11010520250616123'), { today: TODAY })).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseIdCard(withCheck('11010520300101123'), { today: TODAY })).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseIdCard(withCheck('11010520250615123'), { today: TODAY })).toMatchObject({ ok: true, birthDate: '2025-06-15' });
    // Late in the local day still counts as that day.
    expect(parseIdCard(withCheck('11010520250615123'), { today: new Date(2025, 5, 15, 23, 59) }).ok).toBe(true);
    expect(parseIdCard(withCheck('11010520250615123'), { today: new Date(2025, 5, 14, 23, 59) }).ok).toBe(false);
  });

  it('defaults today to now', () => {
    expect(parseIdCard('11010519491231002X').ok).toBe(true);
    expect(parseIdCard(withCheck('11010530000101123'))).toEqual({ ok: false, reason: 'birth_date' });
  });

  it('rejects birth dates before 1900-01-01', () => {
    // The standard's own example 440524188001010014 has a correct check character but an 1880 birth date.
    expect(referenceCheckChar('44052418800101001')).toBe('4');
    expect(parseIdCard('440524188001010014', { today: TODAY })).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseIdCard(withCheck('11010518991231123'), { today: TODAY })).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseIdCard(withCheck('11010519000101123'), { today: TODAY })).toMatchObject({ ok: true, birthDate: '1900-01-01' });
  });

  it("reports 'check_digit'", () => {
    expect(parseIdCard('110105194912310021', { today: TODAY })).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseIdCard('510101199001011230', { today: TODAY })).toEqual({ ok: false, reason: 'check_digit' });
    // The mask example from DOMAIN.md is not a valid number (its check character would be 1).
    expect(parseIdCard('51010119900101123X', { today: TODAY })).toEqual({ ok: false, reason: 'check_digit' });
  });
});

describe('isValidIdCard', () => {
  it('mirrors parseIdCard', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
    expect(isValidIdCard('not an id')).toBe(false);
  });
});

describe('properties', () => {
  const PREFIXES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
  const DAY_MS = 86_400_000;
  const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY_MS;
  const LAST_DAY = Date.UTC(2025, 5, 15) / DAY_MS;

  /** Random 17-digit bodies with a valid province prefix and a valid birth date in [1900-01-01, TODAY]. */
  const body = fc
    .record({
      prefix: fc.constantFrom(...PREFIXES),
      rest: fc.stringMatching(/^\d{4}$/),
      day: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
      seq: fc.stringMatching(/^\d{3}$/),
    })
    .map(({ prefix, rest, day, seq }) => {
      const d = new Date(day * DAY_MS);
      const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
      return `${prefix}${rest}${ymd}${seq}`;
    });

  it('a body with its check character always passes', () => {
    fc.assert(
      fc.property(body, (b) => {
        const id = b + idCardCheckChar(b);
        const r = parseIdCard(id, { today: TODAY });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value).toBe(id);
          expect(r.birthDate.replaceAll('-', '')).toBe(b.slice(6, 14));
          expect(r.gender).toBe(Number(b.charAt(16)) % 2 === 1 ? 'male' : 'female');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any other last character always fails with check_digit', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789Xx'), (b, last) => {
        fc.pre(last.toUpperCase() !== idCardCheckChar(b));
        expect(parseIdCard(b + last, { today: TODAY })).toEqual({ ok: false, reason: 'check_digit' });
      }),
      { numRuns: 500 },
    );
  });

  it('every single-digit substitution in the body is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const id = b + idCardCheckChar(b);
        const changed = String((Number(id.charAt(pos)) + delta) % 10);
        const typo = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(parseIdCard(typo, { today: TODAY }).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('every transposition of two different adjacent body digits is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 15 }), (b, pos) => {
        fc.pre(b.charAt(pos) !== b.charAt(pos + 1));
        const id = b + idCardCheckChar(b);
        const typo = id.slice(0, pos) + id.charAt(pos + 1) + id.charAt(pos) + id.slice(pos + 2);
        expect(parseIdCard(typo, { today: TODAY }).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
