import { assertBytes } from '../bytes/assertBytes.js';
import { base64Decode } from '../bytes/encoding.js';
import { verify } from '../ed25519/verify.js';
import { peerResponseMessage } from './peerMessages.js';
import type { PeerProtocol } from './PeerProtocol.js';

/**
 * Check a response signature made with {@link signPeerResponse}.
 *
 * @param protocol - the {@link PeerProtocol}.
 * @param requestNonce - the nonce this caller sent.
 * @param status - the HTTP status received.
 * @param body - the exact body received.
 * @param signature - the `x-jil-signature` header, or `undefined` when absent.
 * @param publicKey - the responder's pinned 32-byte Ed25519 public key.
 * @returns `true` when the signature verifies; `false` for a missing, malformed or wrong signature.
 * @throws JilError `INVALID_ARGUMENT` for a bad protocol, status or public key (wrong type or length).
 * @example
 * import { verifyPeerResponse } from '@jil/core';
 * if (!verifyPeerResponse(protocol, nonce, res.status, text, res.headers.get('x-jil-signature') ?? undefined, publicKey)) throw …;
 */
export function verifyPeerResponse(
  protocol: PeerProtocol,
  requestNonce: string,
  status: number,
  body: Uint8Array | string,
  signature: string | undefined,
  publicKey: Uint8Array,
): boolean {
  assertBytes(publicKey, 'publicKey', 32);
  const message = peerResponseMessage(protocol, requestNonce, status, body);
  if (typeof signature !== 'string') return false;
  let sig: Uint8Array;
  try {
    sig = base64Decode(signature);
  } catch {
    return false;
  }
  return sig.length === 64 && verify(sig, message, publicKey);
}
