import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Heavy parsing off the request loop: a small pool of worker threads, each able to run any exported function of any
 * server module (`runInWorker(task, input)`). Inputs and results cross by structured clone (plain data, Uint8Array —
 * a Buffer arrives as a Uint8Array). A worker that dies (out of memory, crash) fails only its own task and is
 * replaced. Idle workers do not keep the process alive.
 *
 * The server runs TypeScript through tsx (`node --import tsx`); workers register the same loader themselves, so
 * they work under `node --import tsx`, under vitest (whose own module runner does not reach workers) and in scripts.
 */

type AnyTaskFn = (input: never) => unknown;

export interface WorkerTask<F extends AnyTaskFn> {
  /** The module's URL (its `import.meta.url`) and the name it exports the function under. */
  readonly module: string;
  readonly name: string;
  /** The function itself (it types the task; the worker runs the module's export of that name). */
  readonly fn: F;
}

/** Declares an exported function of this module (`import.meta.url`) as something a worker may run. */
export function workerTask<F extends AnyTaskFn>(moduleUrl: string, name: string, fn: F): WorkerTask<F> {
  return { module: moduleUrl, name, fn };
}

/** A worker ran out of memory or stopped: the caller decides what to tell the user. */
export class WorkerFailedError extends Error {
  override readonly name = 'WorkerFailedError';
  constructor(
    message: string,
    readonly outOfMemory: boolean,
  ) {
    super(message);
  }
}

interface Job {
  /** What the worker is sent: a task to run, or modules to load ahead of time. */
  message: { module: string; name: string; input: unknown } | { preload: string[] };
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Heap limit of one worker: a hostile upload exhausts the worker, not the server. */
const WORKER_HEAP_MB = 1024;
const POOL_SIZE = Math.max(1, Math.min(2, os.availableParallelism() - 1));
const ENTRY = new URL('./worker-entry.ts', import.meta.url);

/**
 * Each worker starts from a small script that registers tsx's loader through its API, then imports the TypeScript
 * entry. (On Node 20, `--import tsx` in a worker's execArgv does not reach the worker's own module loading.)
 */
let bootScript: string | undefined;
function boot(): string {
  if (!bootScript) {
    // tsx's ESM API as its package exports it (the CommonJS build cannot start from an eval'd worker script).
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve('tsx/package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    const api = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
    bootScript = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY.href)}); });`;
  }
  return bootScript;
}

const slots: Slot[] = [];
const queue: Job[] = [];

function spawn(): Slot {
  const worker = new Worker(boot(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const slot: Slot = { worker, job: null };
  worker.unref();
  worker.on('message', (msg: { ok: true; value: unknown } | { ok: false; error: { name: string; message: string; stack?: string } }) => {
    const job = slot.job;
    slot.job = null;
    worker.unref();
    if (job) {
      if (msg.ok) job.resolve(msg.value);
      else job.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name, stack: msg.error.stack }));
    }
    next();
  });
  const fail = (error: Error) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    const job = slot.job;
    slot.job = null;
    if (job) {
      const oom = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(new WorkerFailedError(oom ? 'the task ran out of memory' : `the worker stopped: ${error.message}`, oom));
    }
    next();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (slots.includes(slot)) fail(new Error(`exit code ${code}`));
  });
  slots.push(slot);
  return slot;
}

function next(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.job === null) ?? (slots.length < POOL_SIZE ? spawn() : undefined);
    if (!slot) return;
    const job = queue.shift() as Job;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage(job.message);
  }
}

/** Runs the task in a worker thread and resolves with its result (rejects with its error). */
export function runInWorker<F extends AnyTaskFn>(task: WorkerTask<F>, input: Parameters<F>[0]): Promise<Awaited<ReturnType<F>>> {
  return new Promise((resolve, reject) => {
    queue.push({ message: { module: task.module, name: task.name, input }, resolve: resolve as (v: unknown) => void, reject });
    next();
  });
}

const preloaded = new Set<string>();

/**
 * Starts the pool's workers and has each load the tasks' modules now, so the first upload neither waits for a
 * worker to start nor shows the start-up (a worker with exceljs loaded is ~100 MB) as growth while it is served.
 */
export async function warmWorkerPool(tasks: readonly { module: string }[]): Promise<void> {
  const modules = [...new Set(tasks.map((t) => t.module))].filter((m) => !preloaded.has(m));
  if (!modules.length) return;
  while (slots.length < POOL_SIZE) spawn();
  await Promise.all(
    slots.map(
      (slot) =>
        new Promise<unknown>((resolve, reject) => {
          if (slot.job) return resolve(null); // busy: it loads what it needs itself
          slot.job = { message: { preload: modules }, resolve, reject };
          slot.worker.ref();
          slot.worker.postMessage(slot.job.message);
        }),
    ),
  );
  for (const m of modules) preloaded.add(m);
}

/** Stops every worker (server shutdown); a task still running or waiting fails with WorkerFailedError, never hangs. */
export async function closeWorkerPool(): Promise<void> {
  const all = slots.splice(0);
  preloaded.clear();
  const stopped = new WorkerFailedError('the worker pool was closed', false);
  for (const job of [...all.flatMap((s) => (s.job ? [s.job] : [])), ...queue.splice(0)]) job.reject(stopped);
  for (const s of all) s.job = null;
  await Promise.all(all.map((s) => s.worker.terminate()));
}

/** A breather for long loops on the request thread: lets waiting requests and I/O run (a macrotask, not a microtask). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
