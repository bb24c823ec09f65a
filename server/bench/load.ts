/**
 * The load generator, run as its own process (so the server under test does not share its event loop with the
 * client): `node --import tsx server/bench/load.ts '<json>'` with { url, method, paths, body?, connections, seconds,
 * forwardedFor? }; prints one JSON line { rps, p50, p99, total, statuses }. Each request takes the next path (and, with
 * forwardedFor, its own client address in X-Forwarded-For: many phones behind a trusted proxy).
 */
import autocannon from 'autocannon';

interface Spec {
  url: string;
  method: 'GET' | 'POST';
  paths: string[];
  bodies?: string[];
  connections: number;
  seconds: number;
  forwardedFor?: boolean;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
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
