// Temporary: the review fixtures live in @jil/psa-testkit. This file stays only for
// shells/validator/src/createValidatorServer.test.ts, which is being edited in parallel (issue 12 follow-up: it
// imports @jil/psa-testkit and this file goes).
export * from '@jil/psa-testkit';
