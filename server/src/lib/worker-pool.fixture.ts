import { threadId } from 'node:worker_threads';
import { workerTask } from './worker-pool.ts';

/** Tasks for worker-pool.test.ts. */
export function describeInput(input: { n: number; bytes: Uint8Array }): { doubled: number; size: number; threadId: number } {
  return { doubled: input.n * 2, size: input.bytes.length, threadId };
}
export const describeTask = workerTask(import.meta.url, 'describeInput', describeInput);

export function busy(ms: number): number {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins;
}
export const busyTask = workerTask(import.meta.url, 'busy', busy);

export async function refuse(message: string): Promise<never> {
  throw new RangeError(message);
}
export const refuseTask = workerTask(import.meta.url, 'refuse', refuse);

export function exhaustMemory(): number {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
}
export const exhaustMemoryTask = workerTask(import.meta.url, 'exhaustMemory', exhaustMemory);
