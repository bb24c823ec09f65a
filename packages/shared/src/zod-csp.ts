/**
 * Imported first by the web app (a side effect on import): under its Content-Security-Policy (script-src 'self', no
 * 'unsafe-eval') zod must not compile validators with `new Function`. Jitless mode also skips zod's eval probe,
 * which runs when the first object schema is built — at import time of the shared schemas — and which the browser
 * reports as a CSP violation even though zod catches it.
 *
 * Set on zod's shared configuration object (`globalThis.__zod_globalConfig`, which zod 4 adopts when it loads, so that
 * copies of zod share one configuration) rather than with `z.config()`: importing zod here put zod's core into the entry
 * chunk of every public page (3.8 KB gzip of their 150 KB budget); zod now loads with the first page that builds a
 * schema. `zod-csp.test.ts` checks zod adopts it; the browser's CSP test visits every page without a violation.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
