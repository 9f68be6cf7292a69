// Test-only: one import that re-evaluates the whole ML-DSA module graph after vi.resetModules().
export { availableMlDsaBackends } from './backends.js';
export { mlDsa65GenerateKeyPair } from './generateKeyPair.js';
export { mlDsa65Sign } from './sign.js';
export { mlDsa65Verify, mlDsa65VerifyWith } from './verify.js';
