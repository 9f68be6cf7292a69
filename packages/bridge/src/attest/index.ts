export type { GuardianSet } from './GuardianSet.js';
export { signDepositAttestation } from './signDepositAttestation.js';
export { type SignatureRefusal, verifyDepositQuorum } from './verifyDepositQuorum.js';
export { depositAttestationMessage } from './depositAttestationMessage.js';
