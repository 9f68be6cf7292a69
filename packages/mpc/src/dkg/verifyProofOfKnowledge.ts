import { sha512 } from '@noble/hashes/sha2.js';
import { hexToBytes, utf8ToBytes } from '@jil/core';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import type { DkgRound1Package } from './DkgPackages.js';

function leToBigint(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

/**
 * Check one DKG round-one package on its own: t valid elements and the Schnorr proof of knowledge of a_i0
 * (ZF frost-core `dkg` / FROST paper: c = H_dkg(id ‖ φ_i0 ‖ R), accept when R = μ·B − c·φ_i0; H_dkg is SHA-512
 * with the prefix `contextString ‖ "dkg"`, reduced mod L). Used to name culprits after `@noble/curves` rejected a
 * round-one set as a whole.
 * @returns `true` when the package is well formed and its proof verifies.
 */
export function verifyProofOfKnowledge(suite: CiphersuiteId, pkg: DkgRound1Package, minSigners: number): boolean {
  const s = getCiphersuite(suite);
  try {
    if (pkg.commitment.length !== minSigners || pkg.proofOfKnowledge.length !== 64) return false;
    for (const c of pkg.commitment) s.assertElement(c);
    const R = pkg.proofOfKnowledge.subarray(0, 32);
    const mu = s.Fn.fromBytes(pkg.proofOfKnowledge.subarray(32));
    const phi = pkg.commitment[0]!;
    const c = s.Fn.create(leToBigint(sha512(new Uint8Array([...utf8ToBytes(`${s.contextString}dkg`), ...hexToBytes(pkg.identifier), ...phi, ...R]))));
    const rhs = s.linearCombination([s.baseMul(1n), phi], [mu, s.Fn.neg(c)]);
    return rhs.length === R.length && rhs.every((b, i) => b === R[i]);
  } catch {
    return false;
  }
}
