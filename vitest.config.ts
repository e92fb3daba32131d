import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['main/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI machines: files in parallel on both, tests inside a file in order.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'dist/test-results/vitest.json' },
  },
});
