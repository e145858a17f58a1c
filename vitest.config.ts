// Test runner settings: tests live in tests/, mirror src/, and run in forked workers. The HTTP suite runs twice: on the
// embedded store, and on Virtuoso (the "virtuoso" project, whose globalSetup starts and stops the Virtuoso slots).
import { defineConfig } from 'vitest/config';

/** Tests that exercise a backend through the HTTP interface (or the Store contract) and run on both backends. */
const BOTH_BACKENDS = ['tests/server/**/*.test.ts', 'tests/interop/**/*.test.ts', 'tests/e2e/synthetic-pipeline.test.ts'];
/** Tests of the embedded engine's own machinery, or of processes that manage their own builds. */
const EMBEDDED_ONLY = ['tests/server/lifecycle/**'];
const VIRTUOSO_ONLY = ['tests/virtuoso/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      // STORE is set per project: the virtuoso project's globalSetup writes STORE=virtuoso into the runner's environment,
      // which every project's workers inherit, so the embedded project says which store it means.
      { extends: true, test: { name: 'embedded', include: ['tests/**/*.test.ts'], exclude: VIRTUOSO_ONLY, env: { STORE: 'embedded' } } },
      {
        extends: true,
        test: { name: 'virtuoso', include: [...BOTH_BACKENDS, ...VIRTUOSO_ONLY], exclude: EMBEDDED_ONLY, globalSetup: ['tests/virtuoso-setup.ts'] },
      },
    ],
  },
});
