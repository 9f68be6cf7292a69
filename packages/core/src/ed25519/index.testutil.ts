// Test-only: one import that re-evaluates the whole Ed25519 module graph after vi.resetModules().
export { availableEd25519Backends } from './backends.js';
export { generateKeyPair } from './generateKeyPair.js';
export { sign } from './sign.js';
export { verify, verifyWith } from './verify.js';
