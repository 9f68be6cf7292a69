import { bytesToHex, hexToBytes } from '@jil/core';
import { concatBytes, equalBytes } from '@noble/curves/utils.js';
import type { CiphersuiteId } from '../suite/Ciphersuite.js';
import { getGroup, type Element, type Group } from '../suite/group.js';
import type { DkgRound1Package } from './DkgPackages.js';

/**
 * Decode a DKG round-one package once and check it: the identifier is a canonical non-zero scalar, t commitment
 * elements (each through {@link Group.element}: canonical, not the identity, prime order), and the Schnorr proof of
 * knowledge of a_i0 (ZF frost-core `dkg`: c = H_dkg(id ‖ φ_i0 ‖ R), accept when R = μ·B − c·φ_i0, μ canonical).
 * R is not decoded: μ·B − c·φ_i0 is computed from checked elements and its encoding compared with R's bytes, which
 * accepts exactly the canonical encodings of valid non-identity elements that satisfy the equation.
 * @returns the decoded commitment, or `undefined` when anything fails.
 */
export function decodeRound1Package(g: Group, pkg: DkgRound1Package, minSigners: number): Element[] | undefined {
  try {
    const { Fn } = g;
    if (!Array.isArray(pkg.commitment) || pkg.commitment.length !== minSigners) return undefined;
    if (!(pkg.proofOfKnowledge instanceof Uint8Array) || pkg.proofOfKnowledge.length !== 64) return undefined;
    const id = Fn.fromBytes(hexToBytes(pkg.identifier));
    if (id === 0n || bytesToHex(Fn.toBytes(id)) !== pkg.identifier) return undefined;
    const commitment = pkg.commitment.map((c) => g.element(c));
    const R = pkg.proofOfKnowledge.subarray(0, 32);
    const mu = Fn.fromBytes(pkg.proofOfKnowledge.subarray(32)); // throws unless canonical
    const phi = commitment[0]!;
    const c = g.HDKG(concatBytes(Fn.toBytes(id), phi.toBytes(), R));
    const expected = g.BASE.multiplyUnsafe(mu).subtract(phi.multiplyUnsafe(c));
    return !expected.is0() && equalBytes(expected.toBytes(), R) ? commitment : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Check one DKG round-one package on its own: t valid elements and the Schnorr proof of knowledge of a_i0
 * (ZF frost-core `dkg` / FROST paper: c = H_dkg(id ‖ φ_i0 ‖ R), accept when R = μ·B − c·φ_i0; H_dkg is SHA-512
 * with the prefix `contextString ‖ "dkg"`, reduced mod L).
 * @returns `true` when the package is well formed and its proof verifies.
 * @example
 * import { verifyProofOfKnowledge } from '@jil/mpc';
 * verifyProofOfKnowledge('ed25519', round1Package, 3); // true
 */
export function verifyProofOfKnowledge(suite: CiphersuiteId, pkg: DkgRound1Package, minSigners: number): boolean {
  try {
    return decodeRound1Package(getGroup(suite), pkg, minSigners) !== undefined;
  } catch {
    return false;
  }
}
