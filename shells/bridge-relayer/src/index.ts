export {
  type AttestedDeposit,
  BridgeRelayer,
  type BridgeRelayerOptions,
  type BurnedWithdrawal,
  type DepositOutcome,
  type RelayerLedger,
  type ReleaseOutcome,
} from './BridgeRelayer.js';
export { type GuardianAnswer, type GuardianEndpoint, requestGuardianSignatures } from './requestGuardianSignatures.js';
