export * from './eip712/typedData.js';
