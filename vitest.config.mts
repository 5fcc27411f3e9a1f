import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Under CI, each run (test:unit, test:e2e, the unit suite again with the clock moved) also
    // writes a JSON report that .ci/run adds up into its closing "N passed, N failed" line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: `test-results/vitest-${process.env.CG_TEST_REPORT ?? process.env.npm_lifecycle_event ?? 'run'}.json` }]]
      : ['default'],
    // Coverage of the unit suite (npm run test:unit): the domain rules and the commands are where a
    // rule lives, so they carry thresholds; the report lands in coverage/ (text summary printed).
    coverage: {
      provider: 'v8',
      include: [
        'src/shared/**/*.ts',
        'src/renderer/src/features/**/commands.ts',
        'src/renderer/src/features/**/queries.ts',
        'src/renderer/src/db/**/*.ts',
        'src/renderer/src/sync/**/*.ts',
        'server/**/*.ts',
      ],
      reporter: ['text-summary', 'json-summary', 'html'],
      thresholds: {
        'src/shared/**/*.ts': { lines: 85, functions: 80, branches: 75, statements: 85 },
        'src/renderer/src/features/**/commands.ts': { lines: 85, functions: 65, branches: 70, statements: 80 },
      },
    },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // Property tests (300 seeds) take ~2 s alone; a busy 2-core machine must not turn that into a failure.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          // Each file drives its own Chromium; two cores, so run files one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
