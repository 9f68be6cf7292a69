/**
 * @jil/psa-testkit — the PSA fixture builders that tests of several packages and shells share (private, never
 * published). Built on the public API of `@jil/psa` and `@jil/core` only, so it runs the same code a user does.
 */
export { chainFixture, psaUnder, signersOf, type ChainFixture, type ChainVersion } from './chainFixture.js';
export { EMPTY_SNAPSHOT, issuePsa, passFindings, quorumFixture, sampleRequest, T0, type QuorumFixture } from './psaFixture.js';
export { LISTED, reviewRequest, reviewSnapshot } from './reviewFixture.js';
export { ENTITIES, FIXTURE_SALTS, sanctionsContext, sanctionsRequest, sanctionsSnapshot } from './sanctionsFixtures.js';
