import { frostError } from '../frostError.js';
import type { PublicKeyPackage } from '../keys/PublicKeyPackage.js';
import type { SigningPackage } from './SigningPackage.js';
import { requireSigningPackage } from '../internal/requireArgument.js';

/**
 * Check a signing package against the key set: t ≤ signers ≤ n, no duplicates, every signer in the key set
 * (RFC 9591 §5.2/§5.3 preconditions).
 * @throws JilError `FROST_PROTOCOL_ERROR` (`details.culprits` lists unknown or duplicated signers); `INVALID_ARGUMENT`
 *   (`details.field`) when `pkg` has no Uint8Array message or its commitments lack string identifiers.
 */
export function assertSigningPackage(pub: PublicKeyPackage, pkg: SigningPackage): void {
  requireSigningPackage(pkg, 'signingPackage'); // INVALID_ARGUMENT: message bytes, commitments with string identifiers
  const n = pkg.commitments.length;
  if (n < pub.minSigners || n > pub.maxSigners)
    throw frostError('FROST_PROTOCOL_ERROR', `need between ${pub.minSigners} and ${pub.maxSigners} signers, got ${n}`, {
      field: 'commitments',
    });
  const seen = new Set<string>();
  const culprits: string[] = [];
  for (const c of pkg.commitments) {
    if (seen.has(c.identifier) || pub.verifyingShares[c.identifier] === undefined) culprits.push(c.identifier);
    seen.add(c.identifier);
  }
  if (culprits.length > 0)
    throw frostError('FROST_PROTOCOL_ERROR', 'unknown or duplicated signers in the signing package', {
      culprits: [...new Set(culprits)].sort(),
    });
}
