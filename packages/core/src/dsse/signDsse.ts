import { JilError } from '../errors/JilError.js';
import { base64Encode } from '../bytes/encoding.js';
import { canonicalBytes } from '../canonical/canonicalize.js';
import type { DsseEnvelope } from './DsseEnvelope.js';
import { pae } from './pae.js';

/**
 * A signer (`@jil/core` `createSigner` or `compositeCreateSigner`, or an embedded validator); `keyid` must be the key id
 * of its public key (`keyId` / `compositeKeyId`).
 */
export interface DsseSigner {
  keyid: string;
  /** Signature of `message` in the signer's suite: Ed25519 (RFC 8032 §5.1.6, 64 bytes) or composite ML-DSA-65 + Ed25519 (3373 bytes). */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Sign `body` as a DSSE envelope: `payload` = base64(JCS(body)) (RFC 8785), each signature, in its signer's suite, is
 * over `PAE(payloadType, JCS(body))` (DSSE protocol §Signature definition).
 * @throws JilError `CANONICAL_*` when `body` is not I-JSON; `INVALID_ARGUMENT` (details.field) for a non-string
 *   `payloadType` or non-array `signers`.
 */
export function signDsse(payloadType: string, body: unknown, signers: readonly DsseSigner[]): DsseEnvelope {
  if (!Array.isArray(signers)) throw new JilError('INVALID_ARGUMENT', 'signers must be an array', { details: { field: 'signers' } });
  if (typeof payloadType !== 'string')
    throw new JilError('INVALID_ARGUMENT', 'payloadType must be a string', { details: { field: 'payloadType' } });
  const payloadBytes = canonicalBytes(body);
  const message = pae(payloadType, payloadBytes);
  return {
    payloadType,
    payload: base64Encode(payloadBytes),
    signatures: signers.map((s) => ({ keyid: s.keyid, sig: base64Encode(s.sign(message)) })),
  };
}
