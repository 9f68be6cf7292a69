/** shells/validator — one validator process (Fastify): re-screens a coordinator's proposed PSA body and signs it or refuses. */
export { createValidatorServer, type ValidatorFaults, type ValidatorServerOptions } from './createValidatorServer.js';
export { checkValidatorConfig, loadValidatorConfig, validatorConfigFromEnv, type ValidatorConfig } from './loadValidatorConfig.js';
export { runValidator, type RunningValidator } from './runValidator.js';
export { SignedBodyJournal, type JournalCheck, type SignedBodyRecord } from './SignedBodyJournal.js';
export {
  startValidatorProcesses,
  type ValidatorProcess,
  type ValidatorProcesses,
  type ValidatorProcessSpec,
} from './startValidatorProcesses.js';
export {
  writeValidatorConfigs,
  type ValidatorFiles,
  type ValidatorSeed,
  type WriteValidatorConfigsParameters,
} from './writeValidatorConfigs.js';
export {
  BRIDGE_DEPOSIT_ATTESTATION_PATH,
  BRIDGE_RELEASE_SIGNATURE_PATH,
  registerBridgeRoutes,
  type ValidatorBridgeOptions,
  type WithdrawalTerms,
} from './bridge/registerBridgeRoutes.js';
