import { base64Decode } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';

/** The key a caller's policy accepts for one signature, with its suite and what to collect for the signer. */
export interface DsseVerificationKey<S> {
  publicKey: Uint8Array;
  /** Exact signature length of the key's suite; any other length fails (a stripped composite signature is 64 bytes). */
  signatureBytes: number;
  /** Exact public key length, when given. */
  publicKeyBytes?: number;
  /** `true` only when `signature` verifies over `message` (e.g. `verify` or `compositeVerify` of `@jil/core`). */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** What {@link verifyDsseSignatures} returns for this signature once it verified. */
  signer: S;
}

/** Why a signature failed in {@link verifyDsseSignatures}: not `{ keyid, sig }`, `sig` not base64, or no verify. */
export type DsseSignatureFault = 'shape' | 'encoding' | 'verify';

/** The caller's key policy for {@link verifyDsseSignatures}. */
export interface DsseSignaturePolicy<S, F extends { valid: false }> {
  /**
   * The key of signature `index`, or the caller's failure (unknown key, inactive signer, a key or signer seen before:
   * the policy keeps its own memory of the signatures before). Called once per signature, in envelope order.
   */
  key(signature: { keyid: string; sig: string | Uint8Array }, index: number): DsseVerificationKey<S> | F;
  /** The caller's failure for a signature that is malformed, does not decode or does not verify. */
  invalid(fault: DsseSignatureFault, index: number, key?: DsseVerificationKey<S>): F;
}

/**
 * Verify every signature of an opened DSSE envelope against the caller's key policy — no 1-of-n: the first refused
 * key or bad signature fails the whole envelope. Per signature, in order: shape (`keyid` string, `sig` bytes or
 * base64 text), `policy.key`, base64 decoding, exact signature (and public key) length, then `verify` over `pae`.
 * `@jil/psa`'s `verifyQuorum` and `@jil/fleet`'s `checkSignatures` are this with their policies.
 *
 * @param signed - `{ pae, signatures }`: an `openDsse` result, or PAE bytes with an envelope's `signatures`.
 * @param policy - see {@link DsseSignaturePolicy}.
 * @returns `{ valid: true, signers }` (one per signature, envelope order) or the policy's first failure.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `signed` or `policy` is not of that shape.
 * @see DSSE protocol.md (secure-systems-lab/dsse)
 * @example
 * import { openDsse, verify, verifyDsseSignatures } from '@jil/core';
 * const opened = openDsse(envelope, { payloadType });
 * if (opened.valid) verifyDsseSignatures(opened, {
 *   key: (s) => keys.has(s.keyid) ? { publicKey: keys.get(s.keyid), signatureBytes: 64, verify, signer: s.keyid } : unknown(s),
 *   invalid: (fault, index) => ({ valid: false, check: 'signature', code: 'DSSE_MALFORMED', message: `${index}: ${fault}` }),
 * });
 */
export function verifyDsseSignatures<S, F extends { valid: false }>(
  signed: { pae: Uint8Array; signatures: readonly unknown[] },
  policy: DsseSignaturePolicy<S, F>,
): { valid: true; signers: S[] } | F {
  if (signed === null || typeof signed !== 'object' || !(signed.pae instanceof Uint8Array) || !Array.isArray(signed.signatures)) {
    throw new JilError('INVALID_ARGUMENT', 'signed must be { pae, signatures }', { details: { field: 'signed' } });
  }
  if (policy === null || typeof policy !== 'object' || typeof policy.key !== 'function' || typeof policy.invalid !== 'function') {
    throw new JilError('INVALID_ARGUMENT', 'policy must be { key, invalid }', { details: { field: 'policy' } });
  }
  const signers: S[] = [];
  for (const [index, s] of signed.signatures.entries()) {
    const { keyid, sig } = (s !== null && typeof s === 'object' ? s : {}) as { keyid?: unknown; sig?: unknown };
    if (typeof keyid !== 'string' || (typeof sig !== 'string' && !(sig instanceof Uint8Array))) return policy.invalid('shape', index);
    const key = policy.key({ keyid, sig }, index);
    if ('valid' in key) return key;
    let bytes: Uint8Array;
    try {
      bytes = typeof sig === 'string' ? base64Decode(sig) : sig;
    } catch {
      return policy.invalid('encoding', index, key);
    }
    if (
      bytes.length !== key.signatureBytes ||
      (key.publicKeyBytes !== undefined && key.publicKey.length !== key.publicKeyBytes) ||
      !key.verify(bytes, signed.pae, key.publicKey)
    ) {
      return policy.invalid('verify', index, key);
    }
    signers.push(key.signer);
  }
  return { valid: true, signers };
}
