import { COMPONENT, COMPOSITE_MLDSA65_ED25519 } from './params.js';

/**
 * Internal: the serialization of draft-ietf-lamps-pq-composite-sigs-19 §4, plain concatenation with the ML-DSA
 * component first. The split functions return views (`subarray`), not copies; callers have checked the lengths.
 */

/** SerializePublicKey / SerializePrivateKey / SerializeSignatureValue (§4.1–§4.3): `mldsa ‖ trad`. */
export function concatComponents(mlDsa: Uint8Array, ed25519: Uint8Array): Uint8Array {
  const out = new Uint8Array(mlDsa.length + ed25519.length);
  out.set(mlDsa);
  out.set(ed25519, mlDsa.length);
  return out;
}

/** DeserializePublicKey (§4.1): `mldsaPK = bytes[:1952]`, `tradPK = bytes[1952:]`. */
export function splitPublicKey(publicKey: Uint8Array): [mlDsa: Uint8Array, ed25519: Uint8Array] {
  const at = COMPONENT.mlDsaPublicKeyBytes;
  return [publicKey.subarray(0, at), publicKey.subarray(at, COMPOSITE_MLDSA65_ED25519.publicKeyBytes)];
}

/** DeserializePrivateKey (§4.2): `mldsaSeed = bytes[:32]`, `tradSK = bytes[32:]`. */
export function splitSecretKey(secretKey: Uint8Array): [mlDsaSeed: Uint8Array, ed25519: Uint8Array] {
  const at = COMPONENT.mlDsaSeedBytes;
  return [secretKey.subarray(0, at), secretKey.subarray(at, COMPOSITE_MLDSA65_ED25519.secretKeyBytes)];
}

/** DeserializeSignatureValue (§4.3): `mldsaSig = bytes[:3309]`, `tradSig = bytes[3309:]`. */
export function splitSignature(signature: Uint8Array): [mlDsa: Uint8Array, ed25519: Uint8Array] {
  const at = COMPONENT.mlDsaSignatureBytes;
  return [signature.subarray(0, at), signature.subarray(at, COMPOSITE_MLDSA65_ED25519.signatureBytes)];
}
