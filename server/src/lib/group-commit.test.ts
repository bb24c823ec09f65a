import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('group commit', () => {
  it('a lone call runs at once as a batch of one', async () => {
    const batches: number[][] = [];
    const g = groupCommit<number, number>({
      maxBatch: 10,
      runBatch: async (xs) => {
        batches.push(xs);
        return xs.map((x) => x * 2);
      },
    });
    expect(await g.run(21)).toBe(42);
    expect(batches).toEqual([[21]]);
  });

  it('calls arriving while a batch is in flight go together in the next batch, each answered with its own result', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const g = groupCommit<number, string>({
      maxBatch: 100,
      runBatch: async (xs) => {
        batches.push(xs);
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return xs.map((x) => `r${x}`);
      },
    });
    const first = g.run(0);
    await tick();
    const rest = [1, 2, 3, 4].map((x) => g.run(x));
    await tick();
    expect(batches).toEqual([[0]]);
    release();
    expect(await first).toBe('r0');
    expect(await Promise.all(rest)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(batches).toEqual([[0], [1, 2, 3, 4]]);
    expect(g.stats).toMatchObject({ batches: 2, inputs: 5, largest: 4 });
  });

  it('never puts more than maxBatch inputs in a batch', async () => {
    const sizes: number[] = [];
    const g = groupCommit<number, number>({
      maxBatch: 3,
      runBatch: async (xs) => {
        sizes.push(xs.length);
        return xs;
      },
    });
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((x) => g.run(x)))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('inputs with the same key never share a batch and keep their order', async () => {
    const batches: string[][] = [];
    const g = groupCommit<string, string>({
      maxBatch: 10,
      key: (x) => x.split(':')[0]!,
      runBatch: async (xs) => {
        batches.push(xs);
        return xs;
      },
    });
    await Promise.all(['a:1', 'b:1', 'a:2', 'a:3', 'c:1'].map((x) => g.run(x)));
    for (const b of batches) expect(new Set(b.map((x) => x.split(':')[0])).size).toBe(b.length);
    expect(batches.flat().filter((x) => x.startsWith('a:'))).toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('with several batches in flight, an input waits for the batch holding its key to finish (commit order = arrival order)', async () => {
    const log: string[] = [];
    const releases: (() => void)[] = [];
    const g = groupCommit<string, string>({
      maxBatch: 10,
      concurrency: 3,
      key: (x) => x.split(':')[0]!,
      runBatch: async (xs) => {
        log.push(`start ${xs.join(',')}`);
        await new Promise<void>((r) => releases.push(r));
        log.push(`end ${xs.join(',')}`);
        return xs;
      },
    });
    const a7 = g.run('a:7');
    await tick();
    const a3 = g.run('a:3');
    const b1 = g.run('b:1');
    await tick();
    // b runs beside the batch in flight; a:3 waits for the batch that holds a:7.
    expect(log).toEqual(['start a:7', 'start b:1']);
    releases[0]!();
    expect(await a7).toBe('a:7');
    await tick();
    expect(log).toEqual(['start a:7', 'start b:1', 'end a:7', 'start a:3']);
    releases[1]!();
    releases[2]!();
    expect(await Promise.all([a3, b1])).toEqual(['a:3', 'b:1']);
  });

  it('a failed batch runs each input alone: only the failing caller gets the error', async () => {
    const g = groupCommit<number, number>({
      maxBatch: 10,
      runBatch: async (xs) => {
        if (xs.includes(13)) throw new Error('unlucky');
        return xs.map((x) => x + 1);
      },
    });
    const results = await Promise.allSettled([1, 13, 2].map((x) => g.run(x)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([2, 'unlucky', 3]);
  });

  it('a batch answering the wrong number of results is a failure, not a wrong answer', async () => {
    const g = groupCommit<number, number>({ maxBatch: 10, runBatch: async () => [] });
    await expect(g.run(1)).rejects.toThrow(/0 results for 1 inputs/);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let inFlight = 0;
    let most = 0;
    const g = groupCommit<number, number>({
      maxBatch: 1,
      concurrency: 2,
      runBatch: async (xs) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await tick();
        inFlight -= 1;
        return xs;
      },
    });
    await Promise.all([1, 2, 3, 4, 5].map((x) => g.run(x)));
    expect(most).toBe(2);
  });
});
