/** The Fireblocks API Co-Signer callback handler (docs/integrations/fireblocks.md). */
export { CALLBACK_DEFAULTS, type AssetConfig, type CallbackConfig, type PolicyAction } from './config/CallbackConfig.js';
export { loadCallbackConfig } from './config/loadCallbackConfig.js';
export { decideTxSignRequest, type DecideTxSignRequestParameters } from './decide/decideTxSignRequest.js';
export { checkRawTx, type CheckedTransfer, type CheckRawTxResult } from './decide/checkRawTx.js';
export type { Decision, DecisionOutcome } from './decide/Decision.js';
export { decodeEip1559UnsignedTx, type DecodedEip1559Tx, type DecodeEip1559Result } from './evm/decodeEip1559UnsignedTx.js';
export { formatNativeAmount, parseNativeAmount } from './evm/nativeAmount.js';
export { signCallbackResponse, type CallbackResponseClaims } from './jwt/signCallbackResponse.js';
export { verifyCosignerJwt, type VerifyCosignerJwtOptions } from './jwt/verifyCosignerJwt.js';
export { TxSignRequestClaimsSchema, type TxSignRequestClaims } from './request/TxSignRequestClaims.js';
export { createCallbackServer, type CallbackServerOptions } from './server/createCallbackServer.js';
export { DecisionRepository, type DecisionRecord, type NewRequestRecord } from './storage/DecisionRepository.js';
export { CALLBACK_MIGRATIONS_DIR, migrateCallback } from './storage/migrateCallback.js';
export { startCallbackService, type RunningCallbackService, type StartCallbackServiceOptions } from './startCallbackService.js';
