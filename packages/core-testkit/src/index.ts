/**
 * @jil/core-testkit — test helpers built on `@jil/core` (private, never published), for the tests of `@jil/core`
 * and of the packages above it. Helpers that need no workspace package live in `@jil/testkit`.
 */
export { entryOf, memoryLog, naiveMth, naivePath, naiveProof, type MemoryLog } from './memoryLog.js';
