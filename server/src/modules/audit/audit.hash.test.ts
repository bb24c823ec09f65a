import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, type StoredEntry, verifyRun } from './audit.hash.ts';

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorId: null,
      actorName: 'admin',
      action: 'org.create',
      targetType: 'organisation',
      targetId: String(i),
      before: null,
      after: { name: `学校${i}`, nested: { b: 1, a: [1, 2] } },
      requestId: `r${i}`,
    };
    const hash = entryHash(prev, fields);
    out.push({ ...fields, seq: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('an intact chain verifies', () => {
    expect(verifyRun(GENESIS_HASH, chain(5))).toBeNull();
  });

  it('an edited entry is named as the first broken one', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { name: 'tampered' } };
    expect(verifyRun(GENESIS_HASH, entries)).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });

  it('a removed entry breaks the link of the one after it', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyRun(GENESIS_HASH, entries)).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });
});
