import type { Signer, TypedDataField } from 'ethers';
import {
  BRIDGE_TYPES,
  type BridgeDomain,
  type ReleaseMessage,
  type RotateGuardiansMessage,
  type SetHaltedMessage,
  typedDataDomain,
} from '../eip712/typedData.js';

/** A signer that signs EIP-712 typed data (an ethers `Wallet`, or any `Signer`). */
export type TypedDataSigner = Pick<Signer, 'signTypedData'>;

function typesOf<K extends keyof typeof BRIDGE_TYPES>(name: K): Record<string, TypedDataField[]> {
  return { [name]: BRIDGE_TYPES[name].map((f) => ({ ...f })) };
}

/**
 * A guardian's EIP-712 signature (65 bytes r‖s‖v, 0x hex, low s) over `Release` for the bridge at `domain`
 * (docs/bridge.md §Signed messages). Submit the threshold of them, ordered by {@link orderSignatures}.
 * @throws whatever the signer throws (a Wallet does not for well-formed input).
 * @example
 * import { signRelease } from '@jil/bridge';
 * const sig = await signRelease(wallet, { chainId: 31337n, verifyingContract }, message);
 */
export function signRelease(signer: TypedDataSigner, domain: BridgeDomain, message: ReleaseMessage): Promise<string> {
  return signer.signTypedData(typedDataDomain(domain), typesOf('Release'), { ...message });
}

/** A guardian's EIP-712 signature over `RotateGuardians` (see {@link signRelease}); signed by the CURRENT set. */
export function signRotation(signer: TypedDataSigner, domain: BridgeDomain, message: RotateGuardiansMessage): Promise<string> {
  return signer.signTypedData(typedDataDomain(domain), typesOf('RotateGuardians'), { ...message, guardians: [...message.guardians] });
}

/** A guardian's EIP-712 signature over `SetHalted` (see {@link signRelease}); `nonce` is the contract's `haltNonce`. */
export function signHalt(signer: TypedDataSigner, domain: BridgeDomain, message: SetHaltedMessage): Promise<string> {
  return signer.signTypedData(typedDataDomain(domain), typesOf('SetHalted'), { ...message });
}
