import { describe, expect, it } from 'vitest';
import {
  type Check,
  decideRate,
  didWebHost,
  issuerDid,
  keyValidAt,
  keyValidityReason,
  listHasRoom,
  orgIdOfDid,
  overallValid,
  parseStatusListUrl,
  parseVerificationMethod,
  signingKey,
  STATUS_LIST_LENGTH,
  statusListUrl,
  w3cDate,
} from './credentials.rules.ts';

const ORG = '5af528ab-da7d-429e-9bc6-4ddd8257fab5';
const LIST = '8567d7af-e9ce-4378-9740-66c7b231735d';
const d = (s: string) => new Date(s);

describe('issuer identifiers (did:web)', () => {
  it('encodes the port colon of the host, and names the issuer under :issuers:', () => {
    expect(didWebHost('http://localhost:3000')).toBe('did:web:localhost%3A3000');
    expect(didWebHost('https://cert.example.cn')).toBe('did:web:cert.example.cn');
    expect(issuerDid('https://cert.example.cn/', ORG)).toBe(`did:web:cert.example.cn:issuers:${ORG}`);
  });

  it('reads back only our own DIDs with a uuid', () => {
    expect(orgIdOfDid('http://localhost:3000', `did:web:localhost%3A3000:issuers:${ORG}`)).toBe(ORG);
    expect(orgIdOfDid('http://localhost:3000', `did:web:evil.example:issuers:${ORG}`)).toBeNull();
    expect(orgIdOfDid('http://localhost:3000', 'did:web:localhost%3A3000:issuers:1')).toBeNull();
    expect(orgIdOfDid('http://localhost:3000', `did:web:localhost%3A3000:issuers:${ORG}:x`)).toBeNull();
  });

  it('parses verification methods #key-<n> and nothing else', () => {
    expect(parseVerificationMethod(`did:web:h:issuers:${ORG}#key-2`)).toEqual({ did: `did:web:h:issuers:${ORG}`, keyNo: 2 });
    for (const bad of [`did:web:h#key-0`, `did:web:h#key-x`, `did:key:z6Mk#key-1`, 'did:web:h#key-1 ', '']) expect(parseVerificationMethod(bad)).toBeNull();
  });

  it('status list URLs round-trip; another origin, a query or a non-uuid is not ours', () => {
    const url = statusListUrl('http://localhost:3000', ORG, LIST);
    expect(url).toBe(`http://localhost:3000/issuers/${ORG}/status/${LIST}`);
    expect(parseStatusListUrl('http://localhost:3000', url)).toEqual({ orgId: ORG, listId: LIST });
    expect(parseStatusListUrl('http://localhost:3000', url.replace('localhost:3000', 'evil.example'))).toBeNull();
    expect(parseStatusListUrl('http://localhost:3000', `${url}?x=1`)).toBeNull();
    expect(parseStatusListUrl('http://localhost:3000', `http://localhost:3000/issuers/${ORG}/status/1`)).toBeNull();
    expect(parseStatusListUrl('http://localhost:3000', 'not a url')).toBeNull();
  });
});

describe('key validity at the issue date', () => {
  const key = { validFrom: d('2026-01-01T00:00:00Z'), validUntil: d('2026-06-01T00:00:00Z') };
  it('valid from validFrom (inclusive) until validUntil (exclusive)', () => {
    expect(keyValidAt(key, d('2026-01-01T00:00:00Z'))).toBe(true);
    expect(keyValidAt(key, d('2026-05-31T23:59:59Z'))).toBe(true);
    expect(keyValidAt(key, d('2026-06-01T00:00:00Z'))).toBe(false);
    expect(keyValidAt(key, d('2025-12-31T23:59:59Z'))).toBe(false);
    expect(keyValidAt({ validFrom: key.validFrom, validUntil: null }, d('2099-01-01T00:00:00Z'))).toBe(true);
  });
  it('says why: not yet valid, or ended', () => {
    expect(keyValidityReason(key, d('2025-12-31T00:00:00Z'))).toBe('key.not_yet_valid');
    expect(keyValidityReason(key, d('2026-07-01T00:00:00Z'))).toBe('key.expired');
    expect(keyValidityReason(key, d('2026-03-01T00:00:00Z'))).toBe('key.valid');
  });
  it('the signing key is the newest of its algorithm valid now', () => {
    const keys = [
      { keyNo: 1, algorithm: 'Ed25519', validFrom: d('2026-01-01T00:00:00Z'), validUntil: d('2026-06-01T00:00:00Z') },
      { keyNo: 2, algorithm: 'Ed25519', validFrom: d('2026-06-01T00:00:00Z'), validUntil: null },
      { keyNo: 3, algorithm: 'SM2', validFrom: d('2026-01-01T00:00:00Z'), validUntil: null },
    ];
    expect(signingKey(keys, 'Ed25519', d('2026-03-01T00:00:00Z'))?.keyNo).toBe(1);
    expect(signingKey(keys, 'Ed25519', d('2026-07-01T00:00:00Z'))?.keyNo).toBe(2);
    expect(signingKey(keys, 'SM2', d('2026-07-01T00:00:00Z'))?.keyNo).toBe(3);
    expect(signingKey(keys, 'Ed25519', d('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('the verdict', () => {
  const c = (outcome: Check['outcome']): Check => ({ check: 'signature', outcome, reason: 'x' });
  it('valid only when every check passed; could-not-check is never a pass; no checks is not valid', () => {
    expect(overallValid([c('pass'), c('pass')])).toBe(true);
    expect(overallValid([c('pass'), c('fail')])).toBe(false);
    expect(overallValid([c('pass'), c('could_not_check')])).toBe(false);
    expect(overallValid([])).toBe(false);
  });
});

describe('status lists and the public check’s rate', () => {
  it('lists hold at least the 131,072 entries the spec recommends; a full list has no room', () => {
    expect(STATUS_LIST_LENGTH).toBeGreaterThanOrEqual(131_072);
    expect(listHasRoom({ nextIndex: STATUS_LIST_LENGTH - 1, length: STATUS_LIST_LENGTH })).toBe(true);
    expect(listHasRoom({ nextIndex: STATUS_LIST_LENGTH, length: STATUS_LIST_LENGTH })).toBe(false);
  });
  it('counts per window, refuses past the limit with the seconds left, starts again after the window', () => {
    const p = { limit: 2, windowSeconds: 60 };
    const t0 = d('2026-01-01T00:00:00Z');
    const a = decideRate(undefined, t0, p);
    expect(a).toEqual({ allowed: true, next: { count: 1, windowStart: t0 } });
    const b = decideRate({ count: 1, windowStart: t0 }, d('2026-01-01T00:00:10Z'), p);
    expect(b).toEqual({ allowed: true, next: { count: 2, windowStart: t0 } });
    expect(decideRate({ count: 2, windowStart: t0 }, d('2026-01-01T00:00:15Z'), p)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(decideRate({ count: 2, windowStart: t0 }, d('2026-01-01T00:01:00Z'), p)).toMatchObject({ allowed: true, next: { count: 1 } });
  });
  it('VC dates are whole seconds in UTC', () => {
    expect(w3cDate(d('2026-11-29T13:50:28.123Z'))).toBe('2026-11-29T13:50:28Z');
  });
});
