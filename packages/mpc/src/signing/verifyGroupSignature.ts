import { concatBytes } from '@noble/curves/utils.js';
import { frostError } from '../frostError.js';
import { getCiphersuite, type CiphersuiteId } from '../suite/Ciphersuite.js';
import { getGroup } from '../suite/group.js';

/**
 * Verify a group signature `R ‖ z` under the group public key PK (RFC 9591 §6.1/§6.2 verification: z·B == R + c·PK
 * with c = H2(SerializeElement(R) ‖ SerializeElement(PK) ‖ msg)). R and PK are decoded with every §3.1 check (PK once,
 * it is remembered), z must be canonical. For `ed25519` the signature is also a plain RFC 8032 signature: `@jil/core`
 * `verify` accepts it.
 *
 * @returns `false` for any invalid signature or key; never throws on bad signature bytes.
 * @throws JilError `INVALID_ARGUMENT` when an argument is not a Uint8Array or the suite is unknown.
 * @example
 * import { verifyGroupSignature } from '@jil/mpc';
 * verifyGroupSignature('ed25519', signature, message, groupKey); // true
 */
export function verifyGroupSignature(
  suite: CiphersuiteId,
  signature: Uint8Array,
  message: Uint8Array,
  groupPublicKey: Uint8Array,
): boolean {
  for (const [field, v] of [
    ['signature', signature],
    ['message', message],
    ['groupPublicKey', groupPublicKey],
  ] as const) {
    if (!(v instanceof Uint8Array)) throw frostError('INVALID_ARGUMENT', `${field} must be a Uint8Array`, { field });
  }
  const g = getGroup(getCiphersuite(suite).id);
  try {
    if (signature.length !== 64) return false;
    const PK = g.element(groupPublicKey);
    const Rbytes = signature.subarray(0, 32);
    const R = g.element(Rbytes);
    const z = g.Fn.fromBytes(signature.subarray(32)); // throws unless canonical
    const c = g.H2(concatBytes(Rbytes, groupPublicKey, message));
    return g.BASE.multiplyUnsafe(z).equals(R.add(PK.multiplyUnsafe(c)));
  } catch {
    return false;
  }
}
