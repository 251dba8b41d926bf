import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Integration tests share services (Spark, Mongo, MinIO): one file at a time
    // keeps a 2-core machine responsive and the figures honest.
    fileParallelism: false,
    // The JSON report keeps every test's duration, to see where CI time goes.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
  },
});
