export { checkedGuardians, type GuardianSet } from './GuardianSet.js';
export { DEPOSIT_ATTESTATION_TYPES, signDepositAttestation } from './signDepositAttestation.js';
export { type SignatureRefusal, verifyDepositQuorum } from './verifyDepositQuorum.js';
