import { base64Encode, canonicalBytes, pae, sign, type DsseEnvelope } from '@jil/core';

/** A signer holding an Ed25519 seed; `keyid` must be `keyId(publicKey)`. */
export interface DsseSigner {
  keyid: string;
  /** 32-byte Ed25519 seed. */
  secretKey: Uint8Array;
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
    signatures: signers.map((s) => ({ keyid: s.keyid, sig: base64Encode(sign(message, s.secretKey)) })),
  };
}
