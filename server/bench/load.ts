/**
 * The load generator, run as its own process (so the server under test does not share its event loop with the
 * client): `node --import tsx server/bench/load.ts '<json>'` with { url, method, paths, body?, connections, seconds,
 * forwardedFor?, rate? }; prints one JSON line { rps, p50, p99, total, statuses }. Each request takes the next path (and, with
 * forwardedFor, its own client address in X-Forwarded-For: many phones behind a trusted proxy).
 *
 * Without `rate`: autocannon, closed loop — `connections` clients each sending its next request as soon as the last is
 * answered, i.e. the server saturated: the throughput it can give. Its latencies are then queueing (≈ connections ÷
 * throughput plus every pause), not what a user sees under a load the server carries. With `rate`: open loop
 * (openLoop()), requests offered on the clock at `rate` per second whether or not the server keeps up, each timed from
 * the moment it was due — the latency a user sees at that load, coordinated omission included.
 *
 * `load.ts --exam-sitting` (the plan as JSON on stdin) plays a theory sitting's candidates instead: see examSitting().
 */
import http from 'node:http';
import net from 'node:net';
import autocannon from 'autocannon';

interface Spec {
  url: string;
  method: 'GET' | 'POST';
  paths: string[];
  bodies?: string[];
  connections: number;
  seconds: number;
  forwardedFor?: boolean;
  /** Requests offered per second, open loop (see openLoop()); without it, autocannon at saturation. */
  rate?: number;
}

async function autocannonRun(spec: Spec): Promise<void> {
  let n = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: spec.method,
        setupRequest: (req) => {
          const i = n++;
          const headers: Record<string, string> = { ...(req.headers ?? {}) };
          if (spec.forwardedFor) headers['x-forwarded-for'] = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
          const body = spec.bodies?.[i % spec.bodies.length];
          if (body !== undefined) headers['content-type'] = 'application/json';
          return { ...req, method: spec.method, path: spec.paths[i % spec.paths.length] ?? '/', headers, ...(body === undefined ? {} : { body }) };
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = s.count;
  console.log(
    JSON.stringify({
      rps: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
      errors: result.errors + result.timeouts,
      statuses,
    }),
  );
}

/**
 * Open loop on the clock: request i is due at t0 + i / rate, sent on the first idle connection (at most `connections`
 * kept-alive sockets, opened as needed; a due request waits in line when all are busy, and that wait counts), and timed
 * from when it was DUE to its response's last byte. HTTP/1.1 on raw sockets with each request's bytes made before the
 * clock starts: autocannon's per-connection rate sends each connection's share in a burst at the top of every second
 * (the server saturated again for part of it), and node:http costs ~0.45 ms of this process's CPU a request — on two
 * shared cores that would be the load generator's queue, not the server's. Answers must carry Content-Length (Fastify's
 * do). A first second at the same rate warms up untimed; requests still unanswered 2 s after the window count as errors.
 */
async function openLoop(spec: Spec & { rate: number }): Promise<void> {
  const target = new URL(spec.url);
  const host = target.host;
  const requests = Array.from({ length: Math.min(Math.max(1, Math.ceil(spec.rate * (spec.seconds + 1))), 200_000) }, (_, i) => {
    const body = spec.bodies?.[i % spec.bodies.length];
    const lines = [`${spec.method} ${spec.paths[i % spec.paths.length] ?? '/'} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
    if (spec.forwardedFor) lines.push(`x-forwarded-for: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    if (body !== undefined) lines.push('content-type: application/json', `content-length: ${Buffer.byteLength(body)}`);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
  });
  // The first second is warm-up, not timed (connections opening, both processes' code still being compiled).
  const warm = Math.ceil(spec.rate);
  const total = warm + Math.ceil(spec.rate * spec.seconds);
  const ms: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let due = 0;
  const waiting: number[] = [];
  interface Conn {
    socket: net.Socket;
    busy: number | null;
    buf: Buffer;
  }
  const idle: Conn[] = [];
  const conns: Conn[] = [];
  const t0 = performance.now() + 50;
  let lagMs = 0;
  let warmed = 0;

  const answered = (c: Conn, status: number) => {
    const i = c.busy!;
    c.busy = null;
    if (i >= warm) {
      ms.push(performance.now() - (t0 + (i * 1000) / spec.rate));
      statuses[status] = (statuses[status] ?? 0) + 1;
    } else warmed += 1;
    idle.push(c);
    dispatch();
  };
  const onData = (c: Conn, chunk: Buffer) => {
    c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
    for (;;) {
      const end = c.buf.indexOf('\r\n\r\n');
      if (end < 0 || c.busy === null) return;
      const head = c.buf.subarray(0, end).toString('latin1');
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) throw new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`);
      const size = end + 4 + Number(m[1]);
      if (c.buf.length < size) return;
      c.buf = c.buf.subarray(size);
      answered(c, Number(head.slice(9, 12)));
    }
  };
  const open = (): Conn => {
    const c: Conn = { socket: net.connect({ host: target.hostname, port: Number(target.port), noDelay: true }), busy: null, buf: Buffer.alloc(0) };
    c.socket.on('data', (chunk: Buffer) => onData(c, chunk));
    c.socket.on('error', () => {});
    c.socket.on('close', () => {
      if (c.busy !== null) {
        errors += 1;
        c.busy = null;
      }
      conns.splice(conns.indexOf(c), 1);
      const k = idle.indexOf(c);
      if (k >= 0) idle.splice(k, 1);
    });
    conns.push(c);
    return c;
  };
  function dispatch() {
    while (waiting.length) {
      const c = idle.pop() ?? (conns.length < spec.connections ? open() : undefined);
      if (!c) return;
      const i = waiting.shift()!;
      c.busy = i;
      c.socket.write(requests[i % requests.length]!);
    }
  }
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const upTo = Math.min(total, Math.floor(((now - t0) * spec.rate) / 1000) + 1);
      if (upTo > due && due >= warm) lagMs = Math.max(lagMs, now - (t0 + (due * 1000) / spec.rate));
      for (; due < upTo; due++) waiting.push(due);
      dispatch();
      if (due < total) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 50);
  });
  const deadline = performance.now() + 2_000;
  while (warmed + ms.length + errors < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  // Lost with a closed connection or not answered in time.
  errors = total - warm - ms.length;
  for (const c of conns) c.socket.destroy();
  const sorted = ms.sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10 : 0);
  console.log(
    JSON.stringify({
      rps: ms.length / spec.seconds,
      p50: pct(50),
      p99: pct(99),
      total: ms.length,
      errors,
      statuses,
      offered: spec.rate,
      lagMs,
      connections: conns.length,
    }),
  );
}

// --- The theory sitting's candidates (`load.ts --exam-sitting`, the plan as JSON on stdin) ---------------------------------

interface SittingPlan {
  base: string;
  people: { examNumber: string; idNumber: string }[];
  /** Sign-ins in flight at once (one room behind one address: the throttle lets 50 unsettled guesses pass). */
  signInConcurrency: number;
  /** Everyone presses start within this many seconds (evenly spread). */
  startSeconds: number;
  /** Then one autosave each every saveSeconds, `rounds` times. */
  saveSeconds: number;
  rounds: number;
}
interface Timed {
  ms: number[];
  errors: number;
  statuses: Record<string, number>;
}
const timed = (): Timed => ({ ms: [], errors: 0, statuses: {} });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const summary = (t: Timed, wallMs: number) => ({
  n: t.ms.length,
  p50: pct(t.ms, 50),
  p90: pct(t.ms, 90),
  p99: pct(t.ms, 99),
  max: pct(t.ms, 100),
  rps: (t.ms.length * 1000) / Math.max(1, wallMs),
  errors: t.errors,
  statuses: t.statuses,
});

/**
 * The candidates' HTTP client: node:http on keep-alive agents. Sign-in shares one agent (32 at once); from start on,
 * each candidate has its own agent of one socket — its own connection, kept open, as each of 5,000 browsers would.
 * A first version shared one unbounded agent: when the server paused, every request due meanwhile opened a new
 * connection, the bursts overflowed the listen queue, and the dropped SYNs were retried after 1, 3 and 7 s — the
 * candidates' max of ~7,000 ms against ~900 ms in the server's handler was the client's own connection storm.
 * A profile of the version on fetch (undici) showed ~0.9 ms of this process's CPU per request on top of the server's;
 * node:http costs about half.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const ownAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  body: unknown;
  setCookie: string[];
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  via: http.Agent,
  connected?: (ms: number) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const at = performance.now();
    const req = http.request({ agent: via, host: url.hostname, port: url.port, path: url.pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            setCookie: res.headers['set-cookie'] ?? [],
          });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    if (connected) req.once('socket', (socket) => socket.once('connect', () => connected(performance.now() - at)));
    req.end(body);
  });
}

async function call(
  t: Timed,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
  via = agent,
  connected?: (ms: number) => void,
): Promise<Answer | null> {
  const s = performance.now();
  try {
    const res = await send(
      url,
      method,
      body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
      via,
      connected,
    );
    t.ms.push(performance.now() - s);
    t.statuses[res.status] = (t.statuses[res.status] ?? 0) + 1;
    if (res.status !== 200) t.errors += 1;
    return res;
  } catch (e) {
    t.ms.push(performance.now() - s);
    t.errors += 1;
    // Which failure (a connect timeout while the server's accept queue is full, a reset, …) — named in the figures.
    const cause = (e as { code?: string } | undefined)?.code ?? (e as Error).name;
    t.statuses[`failed ${cause}`] = (t.statuses[`failed ${cause}`] ?? 0) + 1;
    return null;
  }
}

const sleepUntil = (at: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/**
 * Signs everyone in (bounded), then runs the sitting open-loop on the clock: candidate i presses start at
 * i × startSeconds / n, then saves one answer every saveSeconds after its start — whether or not the server keeps up
 * (the requests' times include any queueing). Prints one JSON line: the three operations and every acknowledged seq.
 */
async function examSitting(plan: SittingPlan): Promise<void> {
  const n = plan.people.length;
  const cookies: string[] = [];
  const attemptIds: string[] = [];
  const signIn = timed();
  const signInUrl = new URL(`${plan.base}/api/exam/sign-in`);
  const startUrl = new URL(`${plan.base}/api/exam/start`);
  const saveUrl = new URL(`${plan.base}/api/exam/answers`);
  let next = 0;
  const s0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(plan.signInConcurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const body = JSON.stringify({ examNumber: plan.people[i]!.examNumber, idNumber: plan.people[i]!.idNumber, deviceId: `bench-device-${i}` });
        const r = await call(signIn, signInUrl, 'POST', {}, body);
        const cookie = r?.setCookie.find((c) => c.startsWith('skillcert_exam='));
        const attemptId = (r?.body as { attemptId?: string } | undefined)?.attemptId;
        if (r?.status === 200 && cookie && attemptId) {
          cookies[i] = cookie.split(';')[0]!;
          attemptIds[i] = attemptId;
        } else if (r?.status === 200) signIn.errors += 1;
      }
    }),
  );
  const signInWall = performance.now() - s0;
  // The sitting begins: the bench measures the server from here (its event-loop delay, its time per request).
  process.stdout.write('signed-in\n');

  const start = timed();
  const save = timed();
  const acks: [string, string, number][] = [];
  const startConnect: number[] = [];
  let lagMs = 0;
  const t0 = performance.now() + 200;
  const candidate = async (i: number) => {
    const at = t0 + (i * plan.startSeconds * 1000) / n;
    await sleepUntil(at);
    lagMs = Math.max(lagMs, performance.now() - at);
    if (!cookies[i]) {
      start.errors += 1;
      return;
    }
    const headers = { cookie: cookies[i]! };
    const own = ownAgent();
    // x-sent-at: when the request was made, on the machine's clock (the server places its own moments against it).
    const r = await call(start, startUrl, 'POST', { ...headers, 'x-sent-at': String(performance.timeOrigin + performance.now()) }, undefined, own, (ms) =>
      startConnect.push(ms),
    );
    const items = ((r?.body as { items?: { itemId: string; type: string; options: { key: string }[] }[] } | undefined)?.items ?? []).map((it) => ({
      itemId: it.itemId,
      type: it.type,
      keys: it.options.map((o) => o.key),
    }));
    if (r?.status === 200 && !items.length) start.errors += 1;
    if (!items.length) {
      own.destroy();
      return;
    }
    // Every save's body, made before the first is due (nothing but the request itself on the clock).
    const bodies = Array.from({ length: plan.rounds }, (_, r) => {
      const k = r + 1;
      const item = items[(k - 1) % items.length]!;
      // A different answer each save (so a lost newer answer would show), shaped as the item wants it.
      const response =
        item.type === 'subjective'
          ? { text: `第${k}次保存的作答 ${i}` }
          : item.type === 'multiple'
            ? { keys: item.keys.slice(0, 2 + (k % 2)) }
            : { keys: [item.keys[k % item.keys.length]!] };
      return JSON.stringify({ answers: [{ itemId: item.itemId, response, flagged: false, seq: k }] });
    });
    for (let k = 1; k <= plan.rounds; k++) {
      const due = at + k * plan.saveSeconds * 1000;
      await sleepUntil(due);
      lagMs = Math.max(lagMs, performance.now() - due);
      const w = await call(save, saveUrl, 'PUT', headers, bodies[k - 1], own);
      for (const x of (w?.status === 200 ? (w.body as { saved?: { itemId: string; seq: number }[] }).saved : undefined) ?? [])
        acks.push([attemptIds[i]!, x.itemId, x.seq]);
    }
    own.destroy();
  };
  await Promise.all(Array.from({ length: n }, (_, i) => candidate(i)));
  const wall = performance.now() - t0;
  process.stdout.write(
    `${JSON.stringify({ signIn: summary(signIn, signInWall), start: summary(start, plan.startSeconds * 1000), save: summary(save, wall - plan.saveSeconds * 1000), startConnect: { p50: pct(startConnect, 50), p90: pct(startConnect, 90), p99: pct(startConnect, 99), max: pct(startConnect, 100) }, lagMs, wallMs: wall, acks })}\n`,
  );
}

if (process.argv[2] === '--exam-sitting') {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  await examSitting(JSON.parse(input) as SittingPlan);
} else {
  const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
  if (spec.rate) await openLoop({ ...spec, rate: spec.rate });
  else await autocannonRun(spec);
}
