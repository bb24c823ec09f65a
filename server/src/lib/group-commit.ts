/**
 * Group commit: many callers' small statements run as one statement — one round trip, one commit (one WAL flush) —
 * while each caller still gets its own answer. A call that arrives while `concurrency` batches are in flight waits and
 * goes with every other waiting call in the next batch, so a quiet server runs each call at once (a batch of one; the
 * only wait is the rest of the current event-loop turn) and a busy one runs few, large statements.
 *
 * - `runBatch(inputs)` answers one result per input, in order; it runs as ONE statement, so a batch is all or nothing.
 * - When a batch of several fails, each of its inputs runs alone (`runOne`, default: a batch of one), so one caller's
 *   failure is answered to that caller only; a batch of one that fails rejects its caller.
 * - Inputs with the same `key` never share a batch, nor run while a batch holding that key is in flight (the later
 *   waits for a batch after the earlier one has finished, in arrival order): a statement that must not touch a row twice
 *   (INSERT … ON CONFLICT DO UPDATE) sees at most one request per key, and with several batches in flight two requests
 *   of one key still commit in the order they arrived.
 */
export interface GroupCommitOptions<I, O> {
  runBatch: (inputs: I[]) => Promise<O[]>;
  runOne?: (input: I) => Promise<O>;
  /** At most this many inputs in one batch. */
  maxBatch: number;
  /** Batches in flight at once (1 for a database that runs one statement at a time). */
  concurrency?: number;
  key?: (input: I) => string;
}

export interface GroupCommit<I, O> {
  run(input: I): Promise<O>;
  /** How many batches have run and how many inputs they carried (for the bench's figures and tests). */
  readonly stats: { batches: number; inputs: number; largest: number };
}

interface Waiting<I, O> {
  input: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export function groupCommit<I, O>(opts: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const maxBatch = Math.max(1, opts.maxBatch);
  let queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const stats = { batches: 0, inputs: 0, largest: 0 };

  /** Keys of the batches in flight. */
  const busy = new Set<string>();

  const take = (): { batch: Waiting<I, O>[]; keys: string[] } => {
    if (!opts.key) return { batch: queue.splice(0, maxBatch), keys: [] };
    const keys = new Set<string>();
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of queue) {
      const k = opts.key(w.input);
      // A key seen already (taken, or waiting behind one in flight) stays in the queue, behind it.
      if (batch.length < maxBatch && !keys.has(k) && !busy.has(k)) batch.push(w);
      else rest.push(w);
      keys.add(k);
    }
    queue = rest;
    const taken = batch.map((w) => opts.key!(w.input));
    for (const k of taken) busy.add(k);
    return { batch, keys: taken };
  };

  const runAlone = async (w: Waiting<I, O>) => {
    try {
      w.resolve(opts.runOne ? await opts.runOne(w.input) : await one(w.input));
    } catch (e) {
      w.reject(e);
    }
  };
  const one = async (input: I): Promise<O> => {
    const out = await opts.runBatch([input]);
    if (out.length !== 1) throw new Error(`group commit: ${out.length} results for 1 input`);
    return out[0] as O;
  };

  const flush = async (batch: Waiting<I, O>[]) => {
    stats.batches += 1;
    stats.inputs += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    try {
      const out = await opts.runBatch(batch.map((w) => w.input));
      if (out.length !== batch.length) throw new Error(`group commit: ${out.length} results for ${batch.length} inputs`);
      batch.forEach((w, i) => w.resolve(out[i] as O));
    } catch (e) {
      if (batch.length === 1) batch[0]?.reject(e);
      else for (const w of batch) await runAlone(w);
    }
  };

  const pump = () => {
    scheduled = false;
    while (inFlight < concurrency && queue.length) {
      const { batch, keys } = take();
      if (!batch.length) break; // every waiting key is in flight: the batch that ends pumps again
      inFlight += 1;
      void flush(batch).finally(() => {
        inFlight -= 1;
        for (const k of keys) busy.delete(k);
        pump();
      });
    }
  };

  return {
    stats,
    run(input: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // The rest of this event-loop turn's calls (requests parsed in the same turn) join the batch.
        if (!scheduled && inFlight < concurrency) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}
