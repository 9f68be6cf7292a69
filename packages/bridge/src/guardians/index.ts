export { type GuardedValidatorSet, guardianSetOf } from './guardianSetOf.js';
export { GUARDIAN_KEY_INFO, type GuardianKey, guardianKeyFromSeed } from './guardianKeyFromSeed.js';
