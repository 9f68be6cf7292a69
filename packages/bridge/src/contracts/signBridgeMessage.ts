import type { Signer, TypedDataField } from 'ethers';
import {
  BRIDGE_TYPES,
  type BridgeDomain,
  type ReleaseMessage,
  type RotateGuardiansMessage,
  type SetHaltedMessage,
  typedDataDomain,
} from '../eip712/typedData.js';
import { invalidArgument, typedDataCall } from './invalidArgument.js';

/** A signer that signs EIP-712 typed data (an ethers `Wallet`, or any `Signer`). */
export type TypedDataSigner = Pick<Signer, 'signTypedData'>;

function typesOf<K extends keyof typeof BRIDGE_TYPES>(name: K): Record<string, TypedDataField[]> {
  return { [name]: BRIDGE_TYPES[name].map((f) => ({ ...f })) };
}

function sign(signer: TypedDataSigner, domain: BridgeDomain, name: keyof typeof BRIDGE_TYPES, message: object): Promise<string> {
  if (typeof signer !== 'object' || signer === null || typeof signer.signTypedData !== 'function') {
    return Promise.reject(invalidArgument([{ field: 'signer', message: 'must have signTypedData (an ethers Wallet or Signer)' }]));
  }
  if (typeof domain !== 'object' || domain === null || typeof message !== 'object' || message === null) {
    return Promise.reject(
      invalidArgument([{ field: typeof domain !== 'object' || domain === null ? 'domain' : 'message', message: 'must be an object' }]),
    );
  }
  return typedDataCall(name, () => signer.signTypedData(typedDataDomain(domain), typesOf(name), message as Record<string, unknown>));
}

/**
 * A guardian's EIP-712 signature (65 bytes r‖s‖v, 0x hex, low s) over `Release` for the bridge at `domain`
 * (docs/bridge.md §Signed messages). Submit the threshold of them, ordered by {@link orderSignatures}.
 * @throws JilError `INVALID_ARGUMENT` (rejected promise) for a signer without `signTypedData` or a value that does not
 *   fit its EIP-712 type; `BRIDGE_RPC_FAILED` when a remote signer fails.
 * @example
 * import { signRelease } from '@jil/bridge';
 * const sig = await signRelease(wallet, { chainId: 31337n, verifyingContract }, message);
 */
export function signRelease(signer: TypedDataSigner, domain: BridgeDomain, message: ReleaseMessage): Promise<string> {
  return sign(signer, domain, 'Release', { ...message });
}

/** A guardian's EIP-712 signature over `RotateGuardians` (see {@link signRelease}); signed by the CURRENT set. */
export function signRotation(signer: TypedDataSigner, domain: BridgeDomain, message: RotateGuardiansMessage): Promise<string> {
  return sign(signer, domain, 'RotateGuardians', { ...message });
}

/** A guardian's EIP-712 signature over `SetHalted` (see {@link signRelease}); `nonce` is the contract's `haltNonce`. */
export function signHalt(signer: TypedDataSigner, domain: BridgeDomain, message: SetHaltedMessage): Promise<string> {
  return sign(signer, domain, 'SetHalted', { ...message });
}
