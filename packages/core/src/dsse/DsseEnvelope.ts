/**
 * One DSSE signature as JIL writes it.
 * @see DSSE envelope.md
 */
export interface DsseSignature {
  /**
   * Identifies the signing key. In JIL it is derived from the public key, never chosen by the signer
   * (for Ed25519: `keyId(publicKey)`, 64 lower-case hex characters). Required in JIL; DSSE itself makes it optional.
   */
  keyid: string;
  /** The signature over `pae(payloadType, payloadBytes)`, standard base64 with padding (RFC 4648 §4). */
  sig: string;
}

/**
 * A DSSE envelope: `{ payloadType, payload, signatures: [{ keyid, sig }] }`.
 *
 * `payload` is standard base64 (RFC 4648 §4, padded, canonical) of the payload bytes — for JIL formats the
 * RFC 8785 canonical bytes of the body. `payloadType` versions the format (`application/vnd.jil.psa.v1+json`).
 * Check untrusted input with `assertDsseEnvelope` / `isDsseEnvelope`.
 * @see DSSE envelope.md and protocol.md (secure-systems-lab/dsse)
 */
export interface DsseEnvelope {
  /** Media type of the payload; authenticated through PAE. */
  payloadType: string;
  /** base64 of the payload bytes. */
  payload: string;
  /** One or more signatures, each over the same PAE bytes. */
  signatures: DsseSignature[];
}
