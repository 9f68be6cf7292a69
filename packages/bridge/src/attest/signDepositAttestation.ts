import { JilError } from '@jil/core';
import type { Signer } from 'ethers';
import { BRIDGE_TYPES, type BridgeDomain, type DepositAttestationMessage, typedDataDomain } from '../eip712/typedData.js';
import { depositAttestationIssues, domainIssues } from './messageIssues.js';

/** Exactly the signed fields of `msg` (a claim or a message with extra properties signs the same bytes). */
export function attestationValue(msg: DepositAttestationMessage): Record<string, unknown> {
  return Object.fromEntries(BRIDGE_TYPES.DepositAttestation.map((f) => [f.name, msg[f.name]]));
}

/** The EIP-712 types of a deposit attestation alone, a fresh copy per call (ethers wants mutable arrays; no shared state). */
export function depositAttestationTypes(): { DepositAttestation: { name: string; type: string }[] } {
  return { DepositAttestation: BRIDGE_TYPES.DepositAttestation.map((f) => ({ ...f })) };
}

/**
 * Sign a deposit attestation as a guardian: EIP-712 typed data (`DepositAttestation`, docs/bridge.md §Signed
 * messages) under the bridge's domain, so the signature counts for one chain id and one contract only. A validator
 * signs only what `observeDeposit` returned from its own RPC.
 *
 * @param wallet The guardian's secp256k1 signer (an ethers `Wallet`).
 * @param domain The bridge's {@link BridgeDomain} (chain id, contract address).
 * @param msg The {@link DepositAttestationMessage}.
 * @returns The 65-byte signature `r ‖ s ‖ v` (v = 27 or 28) as 0x hex.
 * @throws JilError `INVALID_ARGUMENT` (details.fields: every bad field of `domain` and `msg`); `INTERNAL` when the
 *   signer fails.
 * @see docs/bridge.md §Observation; EIP-712
 * @example
 * import { signDepositAttestation } from '@jil/bridge';
 * const signature = await signDepositAttestation(guardianWallet, { chainId: 31337n, verifyingContract: bridge }, msg);
 */
export async function signDepositAttestation(
  wallet: Pick<Signer, 'signTypedData'>,
  domain: BridgeDomain,
  msg: DepositAttestationMessage,
): Promise<string> {
  const fields = [...domainIssues(domain), ...depositAttestationIssues(msg)];
  if (fields.length > 0) throw new JilError('INVALID_ARGUMENT', 'cannot sign a malformed deposit attestation', { details: { fields } });
  if (typeof wallet !== 'object' || wallet === null || typeof wallet.signTypedData !== 'function') {
    throw new JilError('INVALID_ARGUMENT', 'wallet must be an ethers signer', { details: { field: 'wallet' } });
  }
  try {
    return await wallet.signTypedData(typedDataDomain(domain), depositAttestationTypes(), attestationValue(msg));
  } catch (cause) {
    throw new JilError('INTERNAL', 'the guardian signer failed', { cause });
  }
}
