// Test-only: one import that re-evaluates the whole composite module graph after vi.resetModules().
export { availableCompositeBackends } from './backends.js';
export { compositeGenerateKeyPair } from './generateKeyPair.js';
export { compositeSign } from './sign.js';
export { compositeVerify, compositeVerifyWith } from './verify.js';
