export * from './eip712/typedData.js';
export * from './contracts/index.js';
export * from './guardians/index.js';
