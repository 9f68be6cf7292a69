/**
 * One protocol of Ed25519-authenticated HTTP between pinned peers (a coordinator and its cosigners or validators):
 * the two versioned domain tags that separate its request and response signatures from every other signature made
 * with the same keys, and the header that names the sender.
 * @example
 * import type { PeerProtocol } from '@jil/core';
 * const FROST: PeerProtocol = { requestTag: 'JIL-FROST-REQUEST-v1', responseTag: 'JIL-FROST-RESPONSE-v1',
 *   senderHeader: 'x-jil-frost-sender' };
 */
export interface PeerProtocol {
  /** Domain tag of request signatures, e.g. `JIL-FROST-REQUEST-v1`: 1–64 characters of `[A-Za-z0-9._-]`. */
  requestTag: string;
  /** Domain tag of response signatures, e.g. `JIL-FROST-RESPONSE-v1`; must differ from `requestTag`. */
  responseTag: string;
  /** Lower-case name of the header that names the sender, e.g. `x-jil-frost-sender`. */
  senderHeader: string;
}

/**
 * The headers every {@link PeerProtocol} shares (lower-case, as Node reports them): the request's timestamp and
 * nonce, and the Ed25519 signature — of the request on a request, of the response on a response.
 * @example
 * import { PEER_AUTH_HEADERS } from '@jil/core';
 * res.headers.get(PEER_AUTH_HEADERS.signature);
 */
export const PEER_AUTH_HEADERS = {
  timestamp: 'x-jil-timestamp',
  nonce: 'x-jil-nonce',
  signature: 'x-jil-signature',
} as const;
