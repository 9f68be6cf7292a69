// The verify-path leg on Node 20 (`pnpm test:node20`): the offline verification code that published packages
// promise to run on Node >= 20.19 and in browsers — @jil/core, PSA and validator-set verification in @jil/psa,
// the transparency-log witness checks, and @jil/sdk — under vitest 4 (vitest 5 needs Node 22). No import from 'vitest/config' here: that name resolves
// to the workspace's vitest 5. Everything else runs on Node 24 (vitest.config.ts).
export default {
  resolve: { conditions: ['jil-source'] },
  ssr: { resolve: { conditions: ['jil-source'] } },
  test: {
    include: [
      'packages/core/src/**/*.test.ts',
      'packages/psa/src/psa/verifyPsa.test.ts',
      'packages/psa/src/psa/verifyPsa.validatorSetChain.test.ts',
      'packages/psa/src/psa/verifyPsa.hybrid.test.ts',
      'packages/psa/src/validators/verifyValidatorSet.test.ts',
      'packages/psa/src/validators/verifyValidatorSetChain.test.ts',
      'packages/psa/src/witness/**/*.test.ts',
      'packages/sdk-client/src/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tools/vitest/closingLineReporter.mjs'], // plain closing line for CI log readers
  },
};
