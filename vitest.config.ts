import { defineConfig } from 'vitest/config';

/**
 * Test files that need no service (no MongoDB, MinIO, Spark, MLflow,
 * Chromium or Python venv): scripts/test.sh runs them while the services
 * install and start, which on a fresh machine is minutes of downloads.
 * A file that comes to need a service moves to the other list, or it fails
 * in CI on a fresh machine (the services are not up yet).
 */
export const NEEDS_NO_SERVICE = [
  'test/unit/**/*.test.ts',
  'test/e2e/pipeline.test.ts',
  'test/e2e/first-five-minutes.test.ts',
  ...[
    'api-auth-process', 'api-surface', 'cli-errors', 'config-cli', 'ingest', 'interrupted-run', 'lake-snapshots', 'malformed-rows',
    'no-purchases', 'publish', 'publish-during-commit', 'refresh', 'serving-process', 'storage-errors', 'watch',
  ].map((name) => `test/integration/${name}.test.ts`),
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Integration tests share services (Spark, Mongo, MinIO): one file at a time
    // keeps a 2-core machine responsive and the figures honest.
    fileParallelism: false,
    // The JSON report keeps every test's duration, to see where CI time goes
    // (scripts/test.sh names one per phase).
    reporters: ['default', ['json', { outputFile: process.env['VITEST_REPORT'] ?? 'test-artifacts/vitest-report.json' }]],
    projects: [
      { extends: true, test: { name: 'local', include: NEEDS_NO_SERVICE } },
      { extends: true, test: { name: 'services', include: ['test/**/*.test.ts'], exclude: NEEDS_NO_SERVICE } },
    ],
  },
});
