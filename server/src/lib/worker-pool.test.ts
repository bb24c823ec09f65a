import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { busyTask, describeTask, exhaustMemoryTask, refuseTask } from './worker-pool.fixture.ts';
import { closeWorkerPool, runInWorker, WorkerFailedError, warmWorkerPool } from './worker-pool.ts';

describe('worker pool', () => {
  it('runs a TypeScript module’s export in another thread, data in and out', async () => {
    const out = await runInWorker(describeTask, { n: 21, bytes: Buffer.from('hello') });
    expect(out.doubled).toBe(42);
    expect(out.size).toBe(5);
    expect(out.threadId).not.toBe(threadId);
  });

  it('warms up: workers started with the task modules loaded, then tasks run as usual', async () => {
    await warmWorkerPool([describeTask, busyTask]);
    expect((await runInWorker(describeTask, { n: 4, bytes: new Uint8Array(1) })).doubled).toBe(8);
  });

  it('the calling thread stays responsive while a task computes for a second', async () => {
    const ticks: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      ticks.push(now - last);
      last = now;
    }, 10);
    await runInWorker(busyTask, 1000);
    clearInterval(timer);
    expect(ticks.length).toBeGreaterThan(20);
    expect(Math.max(...ticks)).toBeLessThan(300);
  });

  it('a task’s error comes back as an error; the pool keeps working', async () => {
    await expect(runInWorker(refuseTask, 'no such sheet')).rejects.toThrow('no such sheet');
    expect((await runInWorker(describeTask, { n: 1, bytes: new Uint8Array(0) })).doubled).toBe(2);
  });

  it('a task that exhausts its heap fails alone (out of memory), and the next task gets a fresh worker', { timeout: 60_000 }, async () => {
    const failure = await runInWorker(exhaustMemoryTask, undefined as never).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WorkerFailedError);
    expect((failure as WorkerFailedError).outOfMemory).toBe(true);
    expect((await runInWorker(describeTask, { n: 2, bytes: new Uint8Array(3) })).size).toBe(3);
  });

  it('runs tasks side by side up to the pool size, and queues the rest', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => runInWorker(describeTask, { n: i, bytes: new Uint8Array(i) })));
    expect(results.map((r) => r.doubled)).toEqual([0, 2, 4, 6, 8]);
  });

  it('closing the pool fails the running and the waiting tasks (never left pending); the next task starts a new worker', async () => {
    const running = runInWorker(busyTask, 2000).then(
      () => null,
      (e: unknown) => e,
    );
    const waiting = Array.from({ length: 3 }, () =>
      runInWorker(busyTask, 2000).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    await closeWorkerPool();
    for (const failure of await Promise.all([running, ...waiting])) expect(failure).toBeInstanceOf(WorkerFailedError);
    expect((await runInWorker(describeTask, { n: 5, bytes: new Uint8Array(2) })).doubled).toBe(10);
  });
});
