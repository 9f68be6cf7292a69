import { base64Encode, canonicalBytes, pae, type DsseEnvelope } from '@jil/core';

/** An Ed25519 signer (`@jil/core` `createSigner`, or an embedded validator); `keyid` must be `keyId(publicKey)`. */
export interface DsseSigner {
  keyid: string;
  /** Ed25519 signature of `message` (RFC 8032 §5.1.6). */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Sign `body` as a DSSE envelope: `payload` = base64(JCS(body)) (RFC 8785), each signature is Ed25519
 * (RFC 8032) over `PAE(payloadType, JCS(body))` (DSSE protocol §Signature definition).
 * @throws JilError `CANONICAL_*` when `body` is not I-JSON.
 */
export function signDsse(payloadType: string, body: unknown, signers: readonly DsseSigner[]): DsseEnvelope {
  const payloadBytes = canonicalBytes(body);
  const message = pae(payloadType, payloadBytes);
  return {
    payloadType,
    payload: base64Encode(payloadBytes),
    signatures: signers.map((s) => ({ keyid: s.keyid, sig: base64Encode(s.sign(message)) })),
  };
}
