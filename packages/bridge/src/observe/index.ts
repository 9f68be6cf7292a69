export {
  type DepositClaim,
  type DepositClaimJson,
  decodeDepositClaim,
  encodeDepositClaim,
  type UnprovenDepositClaim,
} from './DepositClaim.js';
export { DEPOSIT_EVENT_ABI, DEPOSIT_TOPIC } from './depositEvent.js';
export { findDeposits, withProof } from './findDeposits.js';
export { type ObserveConfig, observeDeposit } from './observeDeposit.js';
