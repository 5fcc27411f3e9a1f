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
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
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
