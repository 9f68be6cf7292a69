import { assertRecord } from '../bytes/assertBytes.js';
import { base64Encode, bytesToHex } from '../bytes/encoding.js';
import { randomBytes } from '../bytes/randomBytes.js';
import type { Ed25519Signer } from '../ed25519/createSigner.js';
import { sign } from '../ed25519/sign.js';
import { JilError } from '../errors/JilError.js';
import { peerRequestMessage } from './peerMessages.js';
import { PEER_AUTH_HEADERS, type PeerProtocol } from './PeerProtocol.js';

/** Input of {@link signPeerRequest}. */
export interface SignPeerRequestParameters {
  protocol: PeerProtocol;
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Request target as sent: path with optional query, e.g. `/v1/validator/sign`. */
  path: string;
  /** The exact body that will be sent (a string is sent and hashed as UTF-8). */
  body: Uint8Array | string;
  /** The sender's name in the receiver's roster (`'coordinator'`, a participant identifier, a keyid). */
  sender: string;
  /** The sender's 32-byte Ed25519 secret seed, or its {@link Ed25519Signer} (`createSigner`, key prepared once). Never logged. */
  secretKey: Uint8Array | Ed25519Signer;
  /** The signing time; becomes the timestamp header (RFC 3339 UTC with milliseconds). */
  now: Date;
  /** Override the nonce (tests only): 32 lower-case hex characters. Default 16 bytes from `crypto.getRandomValues`, hex. */
  nonce?: string;
}

/**
 * Sign an HTTP request between two pinned peers with the sender's Ed25519 key (mutual authentication without shared
 * secrets; the answer is signed with {@link signPeerResponse}). The signature covers {@link peerRequestMessage}:
 * the protocol's request tag, the sender, and the canonical request (method, path, sorted query, timestamp, nonce,
 * SHA-256 of the body).
 *
 * @param p - see {@link SignPeerRequestParameters}; not modified.
 * @returns the four headers to send: the protocol's sender header, `x-jil-timestamp`, `x-jil-nonce`, `x-jil-signature`
 *   (base64 of the 64-byte signature).
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad protocol, sender, method, path, body, nonce, `now` or a
 *   secret key that is not 32 bytes; `INTERNAL` without a CSPRNG.
 * @see RFC 8032 §5.1.6 (Ed25519); DESIGN.md §Formats (HMAC request auth: the canonical request)
 * @example
 * import { signPeerRequest } from '@jil/core';
 * const headers = signPeerRequest({ protocol, method: 'POST', path: '/v1/validator/sign', body, sender: keyid, secretKey,
 *   now: new Date() });
 */
export function signPeerRequest(p: SignPeerRequestParameters): Record<string, string> {
  assertRecord(p, 'params');
  if (!(p.now instanceof Date) || Number.isNaN(p.now.getTime()))
    throw new JilError('INVALID_ARGUMENT', 'now must be a valid Date', { details: { field: 'now' } });
  if (p.nonce !== undefined && !(typeof p.nonce === 'string' && /^[0-9a-f]{32}$/.test(p.nonce))) {
    throw new JilError('INVALID_ARGUMENT', 'nonce must be 32 lower-case hex characters', { details: { field: 'nonce' } });
  }
  const timestamp = p.now.toISOString();
  const nonce = p.nonce ?? bytesToHex(randomBytes(16));
  const message = peerRequestMessage(p.protocol, { sender: p.sender, method: p.method, path: p.path, timestamp, nonce, body: p.body });
  return {
    [p.protocol.senderHeader]: p.sender,
    [PEER_AUTH_HEADERS.timestamp]: timestamp,
    [PEER_AUTH_HEADERS.nonce]: nonce,
    [PEER_AUTH_HEADERS.signature]: base64Encode(p.secretKey instanceof Uint8Array ? sign(message, p.secretKey) : p.secretKey.sign(message)),
  };
}
