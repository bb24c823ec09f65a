import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure rules and validators), `api` (the HTTP API against a throwaway database —
 * PGlite in memory, or real PostgreSQL when TEST_DB=postgres) and `browser` (real Chromium via playwright-core).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/shared/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          // Property tests and workbook round trips take seconds on a loaded 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/test/**/*.test.ts'],
          // Two server processes on one database: PostgreSQL only (PGlite is one process's embedded database).
          exclude: [...configDefaults.exclude, ...(process.env.TEST_DB === 'postgres' ? [] : ['server/test/scale-out.test.ts'])],
          // The demo world is seeded once per run and copied into each test file's database (global-setup.ts).
          globalSetup: ['server/test/global-setup.ts'],
          // Two files at once: much of an API test waits on the database (a PostgreSQL server process, or PGlite's
          // I/O), so two workers keep both cores busy (vitest's default on 2 cores is one).
          maxWorkers: 2,
          // One module graph per worker, not per file: each file still builds its own app on its own database copy, and
          // the app's module-level state is keyed by database (caches, rate-limit counters, group-commit queues) or
          // the same for every file (job handlers are registered again by each file's app); the parsers' worker threads
          // are stopped when a file's app closes (test-app.ts). Importing the app again for each of 50 files cost more
          // than most files' tests.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // `npm run test:stress`: servers killed with SIGKILL at random moments (issue 17); its own step in scripts/test.sh.
          name: 'stress',
          include: ['server/stress/**/*.stress.test.ts'],
          // Stopping the database server mid-sitting: PostgreSQL only (PGlite lives inside the server process).
          exclude: [...configDefaults.exclude, ...(process.env.TEST_DB === 'postgres' ? [] : ['server/stress/postgres-restart.stress.test.ts'])],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          // The demo world is seeded once per run; each file's server starts from a copy (e2e/harness.ts).
          globalSetup: ['e2e/global-setup.ts'],
          // A whole flow in one test (question-bank: ~40 s alone on CI) takes twice as long beside another file, and more
          // on a shared loaded machine: the bound is for a hang, not for speed.
          testTimeout: 240_000,
          hookTimeout: 180_000,
          // Web-first waits: `expect.poll` on the page retries for up to 15 s (vitest's default, 1 s, is shorter than a
          // debounced search's round trip beside another file on a loaded machine — e2e/ledger.test.ts failed so).
          expect: { poll: { timeout: 15_000 } },
          // Two files at once (each its own server, data folder copy and port): the step ≈ 840 s → ≈ 400 s. The load-only
          // failures seen so far were the tests' or the app's and are fixed: choose() sat out click timeouts on a fading
          // dropdown; subsidies' own 60 s bound; usability's session test raced the page's own requests; the submit
          // modal's table grew when the policy's clause names arrived, moving the confirm button under a click
          // (filing-flow R3) — the modal now waits for both. A failed test saves a screenshot of every open page and the
          // server's last requests (harness.ts).
          maxWorkers: 2,
        },
      },
    ],
  },
});
