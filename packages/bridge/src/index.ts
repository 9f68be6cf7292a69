export * from './eip712/typedData.js';
export * from './contracts/index.js';
export * from './guardians/index.js';
export * from './proof/index.js';
export * from './observe/index.js';
export * from './attest/index.js';
