import type { UnprovenDepositClaim } from '../observe/DepositClaim.js';
import type { DepositAttestationMessage } from '../eip712/typedData.js';

/**
 * The `DepositAttestation` (docs/bridge.md §Signed messages) that the guardians sign for a deposit claim: the claim's
 * event fields, where it is, and `guardianSetVersion`. What the relayer and the ledger verify the quorum against
 * (`verifyDepositQuorum`); a validator signs the message `observeDeposit` returns, which equals this for an honest
 * claim. Pure: no check of the claim (see `decodeDepositClaim`, `observeDeposit`).
 *
 * @param claim a deposit claim, with or without its proof.
 * @param guardianSetVersion the version of the guardian set that signs (uint32).
 * @example
 * import { depositAttestationMessage, verifyDepositQuorum } from '@jil/bridge';
 * verifyDepositQuorum(domain, depositAttestationMessage(claim, set.version), signatures, set);
 */
export function depositAttestationMessage(claim: UnprovenDepositClaim, guardianSetVersion: number): DepositAttestationMessage {
  return {
    depositId: claim.depositId,
    txHash: claim.txHash,
    logIndex: claim.logIndex,
    blockHash: claim.blockHash,
    blockNumber: claim.blockNumber,
    token: claim.token,
    amount: claim.amount,
    depositor: claim.depositor,
    jilAccount: claim.jilAccount,
    guardianSetVersion,
  };
}
