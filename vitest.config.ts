import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['jil-source'] },
  ssr: { resolve: { conditions: ['jil-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'shells/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
