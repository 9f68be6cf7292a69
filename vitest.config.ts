import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['jil-source'] },
  ssr: { resolve: { conditions: ['jil-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'shells/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Under CI=true a skipped test fails the run: .ci/run starts every server the suites need (tools/vitest). The last
    // reporter ends the run with a plain `vitest: N passed, N failed, N skipped` line for CI log readers.
    reporters: ['default', './tools/vitest/noSkipInCiReporter.ts', './tools/vitest/closingLineReporter.mjs'],
  },
});
