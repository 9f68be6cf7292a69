import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { hexToBytes, utf8ToBytes } from '@jil/core';
import { frostError, guard } from '../frostError.js';
import { requireBytes, requireRecord, requireString } from '../internal/requireArgument.js';
import type { Identifier } from '../suite/identifiers.js';

const INFO = 'JIL-FROST-SEALED-SHARE-v1';

/**
 * The X25519 secret between two identity keys (Ed25519 keys converted to Montgomery form). Internal: a caller that
 * seals to and opens from the same peer in one ceremony computes it once ({@link sealShareWith}). **Secret.**
 */
export function identitySharedSecret(mySecret: Uint8Array, peerPublic: Uint8Array): Uint8Array {
  return x25519.getSharedSecret(ed25519.utils.toMontgomerySecret(mySecret), ed25519.utils.toMontgomery(peerPublic));
}

function keyFor(shared: Uint8Array, context: string, sender: Identifier, recipient: Identifier): Uint8Array {
  return hkdf(
    sha256,
    shared,
    utf8ToBytes(context),
    new Uint8Array([...utf8ToBytes(INFO), ...hexToBytes(sender), ...hexToBytes(recipient)]),
    32,
  );
}

/** Parameters of {@link sealShare} / {@link openShare}. */
export interface SealParameters {
  /** Ceremony id: binds the ciphertext to one DKG, refresh or repair run. */
  context: string;
  sender: Identifier;
  recipient: Identifier;
  /** The caller's Ed25519 identity secret key (32-byte seed). */
  secretKey: Uint8Array;
  /** The peer's pinned Ed25519 identity public key. */
  peerPublicKey: Uint8Array;
}

/**
 * Encrypt a secret share point-to-point so that a relaying coordinator cannot read it: X25519 between the two
 * participants' pinned identity keys (converted from Ed25519), HKDF-SHA256 with the ceremony id and both
 * identifiers, XChaCha20-Poly1305 with a random 24-byte nonce. RFC 9591 §7 / ZF DKG require round-2 secret packages
 * on a confidential, authenticated channel; this provides it end to end.
 * @returns `nonce ‖ ciphertext`.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `plaintext` is not a Uint8Array, `p` not an object, its
 *   strings not strings, the keys not 32 bytes, `peerPublicKey` not an Ed25519 point or an identifier not hex.
 */
export function sealShare(plaintext: Uint8Array, p: SealParameters): Uint8Array {
  requireBytes(plaintext, 'plaintext');
  requireSealParameters(p);
  const shared = guard(
    () => identitySharedSecret(p.secretKey, p.peerPublicKey),
    'INVALID_ARGUMENT',
    'peerPublicKey is not an Ed25519 public key',
    { field: 'peerPublicKey' },
  );
  return sealShareWith(plaintext, p, shared);
}

/** {@link sealShare} with the {@link identitySharedSecret} already computed (internal). */
export function sealShareWith(
  plaintext: Uint8Array,
  p: Omit<SealParameters, 'secretKey' | 'peerPublicKey'>,
  shared: Uint8Array,
): Uint8Array {
  const nonce = randomBytes(24);
  const aad = utf8ToBytes(`${p.context}|${p.sender}|${p.recipient}`);
  const ct = xchacha20poly1305(keyFor(shared, p.context, p.sender, p.recipient), nonce, aad).encrypt(plaintext);
  return new Uint8Array([...nonce, ...ct]);
}

/**
 * Open a {@link sealShare} ciphertext.
 * @throws JilError `FROST_INVALID_KEY_SHARE` with `details.culprits = [sender]` when it does not authenticate;
 *   also when `sealed` or a key is not bytes of the right kind (what a peer sent is blamed on the peer).
 *   `INVALID_ARGUMENT` (`details.field`) when `p` is not an object or `context`, `sender`, `recipient` not strings.
 */
export function openShare(sealed: Uint8Array, p: SealParameters): Uint8Array {
  requireRecord(p, 'params');
  for (const field of ['context', 'sender', 'recipient'] as const) requireString(p[field], field);
  let shared: Uint8Array;
  try {
    shared = identitySharedSecret(p.secretKey, p.peerPublicKey);
  } catch (error) {
    throw frostError('FROST_INVALID_KEY_SHARE', 'a sealed share does not authenticate', { culprits: [p.sender] }, error);
  }
  return openShareWith(sealed, p, shared);
}

/** {@link openShare} with the {@link identitySharedSecret} already computed (internal). */
export function openShareWith(sealed: Uint8Array, p: Omit<SealParameters, 'secretKey' | 'peerPublicKey'>, shared: Uint8Array): Uint8Array {
  try {
    const aad = utf8ToBytes(`${p.context}|${p.sender}|${p.recipient}`);
    return xchacha20poly1305(keyFor(shared, p.context, p.sender, p.recipient), sealed.subarray(0, 24), aad).decrypt(sealed.subarray(24));
  } catch (error) {
    throw frostError('FROST_INVALID_KEY_SHARE', 'a sealed share does not authenticate', { culprits: [p.sender] }, error);
  }
}

/** The shape of {@link SealParameters}: strings and two 32-byte keys (`INVALID_ARGUMENT`, `details.field`). */
function requireSealParameters(p: SealParameters): void {
  requireRecord(p, 'params');
  for (const field of ['context', 'sender', 'recipient'] as const) requireString(p[field], field);
  requireBytes(p.secretKey, 'secretKey', 32);
  requireBytes(p.peerPublicKey, 'peerPublicKey', 32);
}
