import { JilError } from '@jil/core';
import { isHexString, recoverAddress, Signature, TypedDataEncoder } from 'ethers';
import {
  BRIDGE_TYPES,
  type BridgeDomain,
  type ReleaseMessage,
  type RotateGuardiansMessage,
  type SetHaltedMessage,
  typedDataDomain,
} from '../eip712/typedData.js';
import { invalidArgument, typedDataCallSync } from './invalidArgument.js';

/** One signature with the address it recovers to. */
export interface SignerSignature {
  signer: string;
  signature: string;
}

/**
 * Sort guardian signatures over `digest` by recovered signer address, ascending as numbers: the order `release`,
 * `rotateGuardians` and `setHalted` require (the relayer's job before submitting). Duplicates are kept (the contract
 * refuses them with `SignersNotAscending`); drop them with {@link dedupeSignatures} first if wanted.
 * @throws JilError `INVALID_ARGUMENT` when `digest` is not 32 bytes of 0x hex or `signatures` not an array of strings;
 *   `BRIDGE_ATTESTATION_INVALID` when a signature is malformed (not 65 bytes, or does not recover).
 */
export function orderSignatures(digest: string, signatures: readonly string[]): string[] {
  return recoverSigners(digest, signatures).map((s) => s.signature);
}

/** {@link orderSignatures}, keeping the recovered signer of each (ascending), and one signature per signer. */
export function dedupeSignatures(digest: string, signatures: readonly string[]): SignerSignature[] {
  const out: SignerSignature[] = [];
  for (const s of recoverSigners(digest, signatures)) {
    if (out.at(-1)?.signer !== s.signer) out.push(s);
  }
  return out;
}

function recoverSigners(digest: string, signatures: readonly string[]): SignerSignature[] {
  if (typeof digest !== 'string' || !isHexString(digest, 32)) {
    throw invalidArgument([{ field: 'digest', message: 'must be 32 bytes of 0x hex' }]);
  }
  if (!Array.isArray(signatures) || signatures.some((s) => typeof s !== 'string')) {
    throw invalidArgument([{ field: 'signatures', message: 'must be an array of 0x hex strings' }]);
  }
  const recovered = signatures.map((signature, index) => {
    try {
      return { signer: recoverAddress(digest, Signature.from(signature)), signature };
    } catch (e) {
      throw new JilError('BRIDGE_ATTESTATION_INVALID', `signature ${index} is malformed`, { details: { index }, cause: e });
    }
  });
  return recovered.sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * The EIP-712 digest the contract checks for a `Release` (`_hashTypedDataV4` of the struct).
 * @throws JilError `INVALID_ARGUMENT` when a field does not fit its EIP-712 type (same for the two digests below).
 */
export function releaseDigest(domain: BridgeDomain, message: ReleaseMessage): string {
  return typedDataCallSync('Release', () =>
    TypedDataEncoder.hash(typedDataDomain(domain), { Release: [...BRIDGE_TYPES.Release] }, { ...message }),
  );
}

/** The EIP-712 digest of a `RotateGuardians` message. */
export function rotationDigest(domain: BridgeDomain, message: RotateGuardiansMessage): string {
  return typedDataCallSync('RotateGuardians', () =>
    TypedDataEncoder.hash(typedDataDomain(domain), { RotateGuardians: [...BRIDGE_TYPES.RotateGuardians] }, { ...message }),
  );
}

/** The EIP-712 digest of a `SetHalted` message. */
export function haltDigest(domain: BridgeDomain, message: SetHaltedMessage): string {
  return typedDataCallSync('SetHalted', () =>
    TypedDataEncoder.hash(typedDataDomain(domain), { SetHalted: [...BRIDGE_TYPES.SetHalted] }, { ...message }),
  );
}
