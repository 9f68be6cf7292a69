import { base64Encode } from '../bytes/encoding.js';
import type { Ed25519Signer } from '../ed25519/createSigner.js';
import { sign } from '../ed25519/sign.js';
import { peerResponseMessage } from './peerMessages.js';
import type { PeerProtocol } from './PeerProtocol.js';

/**
 * Sign a response to a peer request: Ed25519 over {@link peerResponseMessage} (response tag, the request's nonce, the
 * status, SHA-256 of the body), so the caller authenticates the responder and no response can be replayed or moved.
 * Send it in `x-jil-signature`.
 *
 * @param protocol - the {@link PeerProtocol}.
 * @param requestNonce - the nonce header of the request answered (`''` when it had none).
 * @param status - the HTTP status sent.
 * @param body - the exact body sent.
 * @param secretKey - the responder's 32-byte Ed25519 seed, or its {@link Ed25519Signer} (`createSigner`: the key is
 *   prepared once, for a server that signs every response).
 * @returns base64 of the 64-byte signature.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad protocol, nonce, status, body or key.
 * @example
 * import { signPeerResponse } from '@jil/core';
 * reply.header('x-jil-signature', signPeerResponse(protocol, nonce, 200, payload, secretKey));
 */
export function signPeerResponse(
  protocol: PeerProtocol,
  requestNonce: string,
  status: number,
  body: Uint8Array | string,
  secretKey: Uint8Array | Ed25519Signer,
): string {
  const message = peerResponseMessage(protocol, requestNonce, status, body);
  return base64Encode(secretKey instanceof Uint8Array ? sign(message, secretKey) : secretKey.sign(message));
}
