import { parentPort } from 'node:worker_threads';

/** A pool worker (lib/worker-pool.ts): imports the task's module, runs the named export, posts the result back. */
if (!parentPort) throw new Error('worker-entry.ts runs only as a worker thread');
const port = parentPort;

port.on('message', async (msg: { module: string; name: string; input: unknown } | { preload: string[] }) => {
  try {
    if ('preload' in msg) {
      for (const m of msg.preload) await import(m);
      port.postMessage({ ok: true, value: null });
      return;
    }
    const mod = (await import(msg.module)) as Record<string, unknown>;
    const fn = mod[msg.name];
    if (typeof fn !== 'function') throw new Error(`${msg.module} exports no function ${msg.name}`);
    const value: unknown = await (fn as (input: unknown) => unknown)(msg.input);
    port.postMessage({ ok: true, value });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ ok: false, error: { name: error.name, message: error.message, stack: error.stack } });
  }
});
