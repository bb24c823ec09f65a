import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { countRequestInMemory, sweepWhenGrown } from './rate-limit.ts';

// Two stand-ins for database handles: the counters are kept per handle (what the apps of one process share).
const dbA = {} as unknown as Db;
const dbB = {} as unknown as Db;

describe('in-memory rate-limit counters (PGlite: one process per database)', () => {
  it('counts a key within its fixed window, and starts again in the next window', () => {
    const t0 = Date.UTC(2026, 0, 1, 8, 0, 0);
    expect(countRequestInMemory(dbA, 'GET /x|1.2.3.4', 60_000, t0).current).toBe(1);
    expect(countRequestInMemory(dbA, 'GET /x|1.2.3.4', 60_000, t0 + 1_000).current).toBe(2);
    const third = countRequestInMemory(dbA, 'GET /x|1.2.3.4', 60_000, t0 + 59_000);
    expect(third).toEqual({ current: 3, ttl: 1_000 });
    expect(countRequestInMemory(dbA, 'GET /x|1.2.3.4', 60_000, t0 + 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('keeps keys and database handles apart', () => {
    const t0 = Date.UTC(2026, 0, 1, 9, 0, 0);
    countRequestInMemory(dbA, 'GET /y|5.6.7.8', 60_000, t0);
    expect(countRequestInMemory(dbA, 'GET /y|5.6.7.9', 60_000, t0).current).toBe(1);
    expect(countRequestInMemory(dbB, 'GET /y|5.6.7.8', 60_000, t0).current).toBe(1);
    expect(countRequestInMemory(dbA, 'GET /y|5.6.7.8', 60_000, t0).current).toBe(2);
  });
});

describe('sweeping counters of many clients (issue 16: no scan of every counter per new client)', () => {
  it('scans once past the mark, then not again until the map has doubled; done entries go, live ones stay', () => {
    const m = new Map<string, number>();
    for (let i = 0; i < 101; i++) m.set(`k${i}`, i);
    let looked = 0;
    const over = (v: number) => {
      looked += 1;
      return v < 10;
    };
    sweepWhenGrown(m, over, 100);
    expect(looked).toBe(101);
    expect(m.size).toBe(91);
    // 91 left: the next scan waits until more than 182 entries.
    for (let i = 101; m.size < 182; i++) {
      m.set(`k${i}`, i);
      sweepWhenGrown(m, over, 100);
    }
    expect(looked).toBe(101);
    m.set('last', 1);
    sweepWhenGrown(m, over, 100);
    expect(looked).toBe(101 + 183);
    expect(m.size).toBe(182);
  });
});
