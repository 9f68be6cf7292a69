import {
  PEER_AUTH_HEADERS,
  signPeerRequest,
  signPeerResponse,
  verifyPeerRequest,
  verifyPeerResponse,
  type NonceStore,
  type PeerProtocol,
} from '@jil/core';
import { requireRecord } from '../internal/requireArgument.js';

/**
 * The FROST cosigner protocol over `@jil/core` peer request authentication: request tag `JIL-FROST-REQUEST-v1`,
 * response tag `JIL-FROST-RESPONSE-v1`, sender header `x-jil-frost-sender`. Internal: the wire format is fixed by
 * these three strings (docs/frost.md).
 */
export const FROST_PEER_PROTOCOL: PeerProtocol = Object.freeze({
  requestTag: 'JIL-FROST-REQUEST-v1',
  responseTag: 'JIL-FROST-RESPONSE-v1',
  senderHeader: 'x-jil-frost-sender',
});

/** Headers of an authenticated cosigner request or response. */
export const COSIGNER_AUTH_HEADERS = {
  sender: 'x-jil-frost-sender',
  timestamp: PEER_AUTH_HEADERS.timestamp,
  nonce: PEER_AUTH_HEADERS.nonce,
  signature: PEER_AUTH_HEADERS.signature,
} as const;

/** Request to sign: method, path (with query), body bytes, the signer's name in the roster and Ed25519 secret key. */
export interface SignCosignerRequestParameters {
  method: string;
  path: string;
  body: string;
  /** `'coordinator'` or a participant identifier. */
  sender: string;
  secretKey: Uint8Array;
  now: Date;
}

/**
 * Sign an HTTP request between coordinator and cosigner with the sender's Ed25519 identity key (mutual
 * authentication; no shared secrets): `@jil/core` `signPeerRequest` under the FROST protocol. The signed bytes are
 * `JIL-FROST-REQUEST-v1\n` + sender + `\n` + the canonical request (method, path, timestamp, nonce, SHA-256 of the body).
 * @returns the four headers to send.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `p` is not an object, and `@jil/core` `signPeerRequest`'s
 *   errors for its fields.
 * @example
 * import { signCosignerRequest } from '@jil/mpc';
 * const headers = signCosignerRequest({ method: 'POST', path: '/v1/frost/commit', body, sender: 'coordinator', secretKey,
 *   now: new Date() });
 */
export function signCosignerRequest(p: SignCosignerRequestParameters): Record<string, string> {
  requireRecord(p, 'params');
  return signPeerRequest({
    protocol: FROST_PEER_PROTOCOL,
    method: p.method,
    path: p.path,
    body: p.body,
    sender: p.sender,
    secretKey: p.secretKey,
    now: p.now,
  });
}

/** Options of {@link verifyCosignerRequest}. */
export interface VerifyCosignerRequestOptions {
  /** Pinned Ed25519 public keys of the parties allowed to call, by sender name. */
  trusted: Readonly<Record<string, Uint8Array>>;
  nonceStore: NonceStore;
  now: Date;
  /** Accepted clock skew either way (default ±5 min). */
  windowMs?: number;
}

/**
 * Verify {@link signCosignerRequest} headers (`@jil/core` `verifyPeerRequest` under the FROST protocol): known sender,
 * timestamp inside the window, valid Ed25519 signature, then a nonce not seen before (replays refused).
 * @returns the authenticated sender.
 * @throws JilError `AUTH_MISSING_HEADER`, `AUTH_UNKNOWN_KEY`, `AUTH_MALFORMED_HEADER`, `AUTH_STALE_TIMESTAMP`, `AUTH_BAD_SIGNATURE`,
 *   `AUTH_REPLAYED_NONCE`; `INVALID_ARGUMENT` (`details.field`, as a rejection) when `req`, `req.headers` or `o` is not an object.
 */
export async function verifyCosignerRequest(
  req: { method: string; path: string; body: string; headers: Record<string, string | string[] | undefined> },
  o: VerifyCosignerRequestOptions,
): Promise<string> {
  requireRecord(req, 'request');
  requireRecord(req.headers, 'request.headers');
  requireRecord(o, 'options');
  return verifyPeerRequest(req, {
    protocol: FROST_PEER_PROTOCOL,
    trusted: o.trusted,
    nonceStore: o.nonceStore,
    now: o.now,
    ...(o.windowMs === undefined ? {} : { windowMs: o.windowMs }),
  });
}

/** Sign a response: binds status and body to the request's nonce, so a response cannot be replayed or moved. */
export function signCosignerResponse(requestNonce: string, status: number, body: string, secretKey: Uint8Array): string {
  return signPeerResponse(FROST_PEER_PROTOCOL, requestNonce, status, body, secretKey);
}

/** `true` when `signature` is the responder's signature of this response to the request with `requestNonce`. */
export function verifyCosignerResponse(
  requestNonce: string,
  status: number,
  body: string,
  signature: string | undefined,
  publicKey: Uint8Array,
): boolean {
  return verifyPeerResponse(FROST_PEER_PROTOCOL, requestNonce, status, body, signature, publicKey);
}
