import { JilError } from '@jil/core';
import { recoverAddress, TypedDataEncoder } from 'ethers';
import { type BridgeDomain, type DepositAttestationMessage, typedDataDomain } from '../eip712/typedData.js';
import { checkedGuardians, type GuardianSet } from './GuardianSet.js';
import { depositAttestationIssues, domainIssues } from './messageIssues.js';
import { attestationValue, depositAttestationTypes } from './signDepositAttestation.js';

/** Why one signature did not count. */
export interface SignatureRefusal {
  /** Its position in the `signatures` argument. */
  index: number;
  /**
   * `malformed` (not 65 bytes of hex with v = 27/28 and a low s, or no signer recovers), `not_guardian` (recovers to an
   * address outside the set — also what a signature over another message, domain, chain or contract gives),
   * `duplicate` (a guardian already counted), `version` (the message names another guardian-set version).
   */
  check: 'malformed' | 'not_guardian' | 'duplicate' | 'version';
}

const SIGNATURE = /^0x[0-9a-fA-F]{128}(1b|1c)$/i;
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/**
 * Check that at least `set.threshold` DISTINCT guardians of `set` signed the deposit attestation `msg` under `domain`
 * (EIP-712), and that `msg.guardianSetVersion` is `set.version`. Fails closed: a signature counts only when it is
 * well-formed, canonical (low s, v 27/28, as OpenZeppelin ECDSA requires) and recovers to a guardian not yet counted.
 *
 * @param domain The bridge's {@link BridgeDomain}.
 * @param msg The attested {@link DepositAttestationMessage}.
 * @param signatures 0x hex signatures, any order.
 * @param set The CURRENT {@link GuardianSet}.
 * @returns `{ signers }`: the EIP-55 addresses of the counted guardians, in signature order.
 * @throws JilError `BRIDGE_QUORUM_NOT_MET` with details `{ valid, threshold, refusals: [{ index, check }] }`;
 *   `INVALID_ARGUMENT` (details.fields) when `domain`, `msg`, `set` or `signatures` is malformed.
 * @see docs/bridge.md §Guardian set; EIP-712
 * @example
 * import { verifyDepositQuorum } from '@jil/bridge';
 * const { signers } = verifyDepositQuorum(domain, msg, signatures, { version: 1, threshold: 14, guardians });
 */
export function verifyDepositQuorum(
  domain: BridgeDomain,
  msg: DepositAttestationMessage,
  signatures: readonly string[],
  set: GuardianSet,
): { signers: string[] } {
  const fields = [...domainIssues(domain), ...depositAttestationIssues(msg)];
  if (!Array.isArray(signatures)) fields.push({ field: 'signatures', message: 'must be an array' });
  if (fields.length > 0) throw new JilError('INVALID_ARGUMENT', 'malformed deposit attestation', { details: { fields } });
  const guardians = checkedGuardians(set);
  let digest: string;
  try {
    digest = TypedDataEncoder.hash(typedDataDomain(domain), depositAttestationTypes(), attestationValue(msg));
  } catch (cause) {
    throw new JilError('INVALID_ARGUMENT', 'the deposit attestation cannot be encoded', { details: { field: 'msg' }, cause });
  }
  const signers: string[] = [];
  const refusals: SignatureRefusal[] = [];
  for (const [index, signature] of signatures.entries()) {
    if (msg.guardianSetVersion !== set.version) {
      refusals.push({ index, check: 'version' });
      continue;
    }
    const signer = recover(digest, signature);
    if (signer === undefined) refusals.push({ index, check: 'malformed' });
    else if (!guardians.includes(signer)) refusals.push({ index, check: 'not_guardian' });
    else if (signers.includes(signer)) refusals.push({ index, check: 'duplicate' });
    else signers.push(signer);
  }
  if (signers.length < set.threshold) {
    throw new JilError('BRIDGE_QUORUM_NOT_MET', `${signers.length} distinct guardians signed, ${set.threshold} needed`, {
      details: { valid: signers.length, threshold: set.threshold, refusals },
    });
  }
  return { signers };
}

function recover(digest: string, signature: unknown): string | undefined {
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return undefined;
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  const r = BigInt(`0x${signature.slice(2, 66)}`);
  if (s === 0n || s > HALF_N || r === 0n) return undefined;
  try {
    return recoverAddress(digest, signature);
  } catch {
    return undefined;
  }
}
