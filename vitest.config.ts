import { defineConfig } from 'vitest/config';

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
          // The demo world is seeded once per run and copied into each test file's database (global-setup.ts).
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // `npm run test:stress`: servers killed with SIGKILL at random moments (issue 17); its own step in scripts/test.sh.
          name: 'stress',
          include: ['server/stress/**/*.stress.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
