import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, isValidCreditCode, parseCreditCode } from './credit-code.ts';

/**
 * Independent reference, written from the GB 32100-2015 definition rather than the module's tables:
 * the alphabet is built by removing I O S V Z from 0-9A-Z, the weights are computed as 3^i mod 31, and a
 * complete code is valid when Σ(value × weight) over positions 1..17 plus the check value ≡ 0 (mod 31).
 */
const REF_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((c) => !'IOSVZ'.includes(c)).join('');
function referenceIsValid(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    const v = REF_ALPHABET.indexOf(code.charAt(i));
    if (v < 0) return false;
    sum += v * weight;
    weight = (weight * 3) % 31;
  }
  const check = REF_ALPHABET.indexOf(code.charAt(17));
  return check >= 0 && (sum + check) % 31 === 0;
}

describe('alphabet', () => {
  it('is the 31 characters without I O S V Z', () => {
    expect(CREDIT_CODE_ALPHABET).toBe(REF_ALPHABET);
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
  });
});

describe('creditCodeCheckChar', () => {
  it('computes the check character of a real published code', () => {
    // 91350100M000100Y43 — values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4
    // weights                1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    // products  9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640
    // 1640 mod 31 = 1640 − 52·31 = 1640 − 1612 = 28; 31 − 28 = 3 → '3'
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(referenceIsValid('91350100M000100Y43')).toBe(true);
  });

  it('maps 31 to 0', () => {
    // An all-zero body sums to 0: 31 − 0 = 31 → 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(referenceIsValid('000000000000000000')).toBe(true);
  });

  it('agrees with the independent reference', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REF_ALPHABET), { minLength: 17, maxLength: 17 }), (cs) => {
        const body = cs.join('');
        expect(referenceIsValid(body + creditCodeCheckChar(body))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('throws for a body that is not 17 alphabet characters', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100Y41')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100I000100Y4')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100m000100Y4')).toThrow(RangeError);
  });
});

describe('parseCreditCode', () => {
  it('accepts a valid code and returns the region', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43', regionCode: '350100' });
  });

  it('trims and upper-cases first', () => {
    expect(parseCreditCode('  91350100m000100y43 \t')).toEqual({ ok: true, value: '91350100M000100Y43', regionCode: '350100' });
  });

  it("reports 'length'", () => {
    expect(parseCreditCode('')).toEqual({ ok: false, reason: 'length' });
    expect(parseCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: 'length' });
    expect(parseCreditCode('91350100M000100Y433')).toEqual({ ok: false, reason: 'length' });
  });

  it("reports 'charset' for I, O, S, V, Z and anything outside the alphabet", () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '-', ' ', '中', 'Ｍ']) {
      const code = `91350100${bad}000100Y43`;
      expect(parseCreditCode(code), bad).toEqual({ ok: false, reason: 'charset' });
    }
    // Also in the check position.
    expect(parseCreditCode('91350100M000100Y4O')).toEqual({ ok: false, reason: 'charset' });
  });

  it("reports 'check_digit' (callers warn and let a reviewer override; pilot codes may fail)", () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseCreditCode('91350100M000100Y40')).toEqual({ ok: false, reason: 'check_digit' });
  });
});

describe('isValidCreditCode', () => {
  it('mirrors parseCreditCode', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });
});

describe('properties', () => {
  const body = fc.array(fc.constantFrom(...REF_ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));

  it('a body with its check character always passes', () => {
    fc.assert(
      fc.property(body, (b) => {
        const code = b + creditCodeCheckChar(b);
        expect(parseCreditCode(code)).toEqual({ ok: true, value: code, regionCode: b.slice(2, 8) });
      }),
      { numRuns: 500 },
    );
  });

  it('any other last character always fails with check_digit', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...REF_ALPHABET), (b, last) => {
        fc.pre(last !== creditCodeCheckChar(b));
        expect(parseCreditCode(b + last)).toEqual({ ok: false, reason: 'check_digit' });
      }),
      { numRuns: 500 },
    );
  });

  it('every single-character substitution in the body is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (b, pos, delta) => {
        const code = b + creditCodeCheckChar(b);
        const changed = REF_ALPHABET.charAt((REF_ALPHABET.indexOf(code.charAt(pos)) + delta) % 31);
        const typo = code.slice(0, pos) + changed + code.slice(pos + 1);
        expect(parseCreditCode(typo)).toEqual({ ok: false, reason: 'check_digit' });
      }),
      { numRuns: 500 },
    );
  });

  it('every transposition of two different adjacent body characters is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 15 }), (b, pos) => {
        fc.pre(b.charAt(pos) !== b.charAt(pos + 1));
        const code = b + creditCodeCheckChar(b);
        const typo = code.slice(0, pos) + code.charAt(pos + 1) + code.charAt(pos) + code.slice(pos + 2);
        expect(parseCreditCode(typo)).toEqual({ ok: false, reason: 'check_digit' });
      }),
      { numRuns: 500 },
    );
  });
});
