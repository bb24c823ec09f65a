import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCreditCode } from './credit-code.ts';
import { parseIdCard } from './id-card.ts';

/**
 * Issue 17 part 3: the ID-number (GB 11643-1999) and credit-code (GB 32100-2015) validators against references written
 * here from the standards' text, sharing no code with them — 4,000 generated cases each, near-valid inputs included
 * (a real check character, then one character changed), so that both answers are often "valid".
 */
const TODAY = new Date(2026, 10, 29);

/** GB 11643: weights 2^(17-i) mod 11, check = (12 - (Σ mod 11)) mod 11, 10 written X. */
function referenceIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);
function referenceIdValid(raw: string): boolean {
  const s = raw.trim();
  if (s.length !== 18) return false;
  const body = s.slice(0, 17);
  const last = s[17]!.toUpperCase();
  if (![...body].every((c) => c >= '0' && c <= '9') || !'0123456789X'.includes(last)) return false;
  if (!PROVINCES.has(s.slice(0, 2))) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  if (y < 1900) return false;
  const today = Date.UTC(TODAY.getFullYear(), TODAY.getMonth(), TODAY.getDate());
  if (date.getTime() > today) return false;
  return referenceIdCheck(body) === last;
}

/** GB 32100: 31 characters (no I O S V Z), weights 3^i mod 31, check = 31 - (Σ mod 31), 31 written 0. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function referenceCreditValid(raw: string): boolean {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18 || ![...s].every((c) => ALPHABET.includes(c))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(s[i]!) * (3 ** i % 31);
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c] === s[17];
}

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
const idBody = fc
  .record({
    p: fc.constantFrom(...PROVINCES, '00', '19', '99'),
    r: digits(4),
    y: fc.integer({ min: 1890, max: 2030 }),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    q: digits(3),
  })
  .map(({ p, r, y, m, d, q }) => `${p}${r}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${q}`);
/** A body with its true check character, or that number with one character changed, or anything at all. */
const idCandidate = fc.oneof(
  idBody.map((b) => b + referenceIdCheck(b)),
  fc.tuple(idBody, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789Xx ')).map(([b, i, c]) => {
    const s = b + referenceIdCheck(b);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
  idBody.map((b) => ` ${b}${referenceIdCheck(b).toLowerCase()} `),
  fc.string({ maxLength: 20 }),
);
const creditChar = fc.constantFrom(...ALPHABET, 'I', 'O', 'S', 'V', 'Z', 'a', 'y', '-');
const creditBody = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
function referenceCreditCheck(b: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(b[i]!) * (3 ** i % 31);
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c]!;
}
const creditCandidate = fc.oneof(
  creditBody.map((b) => b + referenceCreditCheck(b)),
  fc.tuple(creditBody, fc.integer({ min: 0, max: 17 }), creditChar).map(([b, i, c]) => {
    const s = b + referenceCreditCheck(b);
    return s.slice(0, i) + c + s.slice(i + 1);
  }),
  creditBody.map((b) => (b + referenceCreditCheck(b)).toLowerCase()),
  fc.string({ maxLength: 20 }),
);

describe('validators against independent references', () => {
  it('GB 11643 ID numbers: the validator and the reference agree on 4,000 cases', () => {
    let valid = 0;
    fc.assert(
      fc.property(idCandidate, (s) => {
        const ours = parseIdCard(s, { today: TODAY }).ok;
        if (ours) valid++;
        expect(ours).toBe(referenceIdValid(s));
      }),
      { numRuns: 4000 },
    );
    // Both answers were exercised.
    expect(valid).toBeGreaterThan(200);
    expect(valid).toBeLessThan(3800);
  });

  it('GB 32100 credit codes: the validator and the reference agree on 4,000 cases', () => {
    let valid = 0;
    fc.assert(
      fc.property(creditCandidate, (s) => {
        const ours = parseCreditCode(s).ok;
        if (ours) valid++;
        expect(ours).toBe(referenceCreditValid(s));
      }),
      { numRuns: 4000 },
    );
    expect(valid).toBeGreaterThan(200);
    expect(valid).toBeLessThan(3800);
  });
});
