import { JilError } from '@jil/core';
import { getAddress } from 'ethers';
import type { GuardianSet } from '../attest/GuardianSet.js';

/** The part of a verified validator set (`@jil/psa` `VerifiedValidatorSet`) the guardian set is derived from. */
export interface GuardedValidatorSet {
  set: {
    version: number;
    threshold: number;
    validators: readonly { id: string; status: string; guardian?: { alg: 'secp256k1'; address: string } | undefined }[];
  };
}

/**
 * The bridge's guardian set for a validator set that was already verified (`verifyValidatorSet` /
 * `verifyValidatorSetChain`; docs/bridge.md §Guardian set): the `guardian.address` of every **active** validator,
 * EIP-55 checksummed and sorted ascending as 160-bit numbers (the order the contract's constructor and
 * `rotateGuardians` take), with the set's `threshold` and `version`. Suspended and retired validators are not
 * guardians, exactly as they do not sign PSAs.
 *
 * @throws JilError `CONFIG_INVALID` when fewer active validators carry a guardian key than the threshold (the bridge
 *   could never release) — `details.guardians`, `details.threshold`.
 * @example
 * import { guardianSetOf } from '@jil/bridge';
 * const { guardians, threshold, version } = guardianSetOf(verifyValidatorSet(pinned, { now: new Date() }));
 */
export function guardianSetOf(verified: GuardedValidatorSet): GuardianSet {
  const addresses = verified.set.validators.flatMap((v) => (v.status === 'active' && v.guardian ? [BigInt(v.guardian.address)] : []));
  addresses.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const { threshold, version } = verified.set;
  if (addresses.length < threshold) {
    throw new JilError('CONFIG_INVALID', `${addresses.length} active validators carry a guardian key; the threshold is ${threshold}`, {
      details: { field: 'validators', guardians: addresses.length, threshold },
    });
  }
  return { version, threshold, guardians: addresses.map((a) => getAddress(`0x${a.toString(16).padStart(40, '0')}`)) };
}
