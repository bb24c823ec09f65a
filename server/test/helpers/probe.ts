import { Worker } from 'node:worker_threads';

/**
 * Latency probes from another thread: GETs sent over real HTTP on a fixed schedule, each one's latency counted from
 * when it was due (so a stalled server shows in full — no coordinated omission). The probing thread has its own
 * event loop, so a frozen server cannot also freeze the clock that measures it.
 */
const PROBE_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, headers, everyMs } = workerData;
const latencies = [];
const failures = [];
let stopped = false;
const inFlight = new Set();
parentPort.on('message', async () => {
  stopped = true;
  await Promise.all(inFlight);
  parentPort.postMessage({ latencies, failures });
});
const start = performance.now();
(async () => {
  for (let k = 0; !stopped; k++) {
    const due = start + k * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (stopped) break;
    for (const url of urls) {
      const p = fetch(url, { headers }).then(async (res) => {
        await res.arrayBuffer();
        latencies.push(performance.now() - due);
        if (res.status !== 200) failures.push(url + ' ' + res.status);
      }, (e) => failures.push(url + ' ' + e.message)).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }
})();
`;

export interface ProbeResult {
  latencies: number[];
  failures: string[];
}

/** Starts probing `urls` every `everyMs`; `stop()` waits for the probes in flight and returns every latency. */
export function startProbes(urls: string[], headers: Record<string, string>, everyMs: number): { stop(): Promise<ProbeResult> } {
  const worker = new Worker(PROBE_SCRIPT, { eval: true, workerData: { urls, headers, everyMs } });
  return {
    stop: () =>
      new Promise<ProbeResult>((resolve, reject) => {
        worker.once('message', (r: ProbeResult) => {
          void worker.terminate();
          resolve(r);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
