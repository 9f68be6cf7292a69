// Temporary: the fixture builders live in @jil/psa-testkit. This file stays only for the tests in src/validators/,
// which are being edited in parallel (issue 12 follow-up: they import @jil/psa-testkit and this file goes).
export * from '@jil/psa-testkit';
