export type { DecodedReceipt } from './decodeReceipt.js';
export { encodeReceipt, type RpcLog, type RpcQuantity, type RpcReceipt } from './encodeReceipt.js';
export { buildReceiptProof, type ReceiptProof } from './buildReceiptProof.js';
export { verifyReceiptProof } from './verifyReceiptProof.js';
export type { JsonRpcSender } from './rpc.js';
