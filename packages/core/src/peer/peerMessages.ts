import { sha256Hex, utf8ToBytes } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { canonicalRequest } from '../hmac/canonicalRequest.js';
import type { PeerProtocol } from './PeerProtocol.js';

const TAG = /^[A-Za-z0-9._-]{1,64}$/;
const HEADER = /^[a-z0-9-]{1,64}$/;
/** Sender names: 1–128 printable ASCII characters without spaces (they travel in a header and end a signed line). */
export const PEER_SENDER = /^[\x21-\x7e]{1,128}$/;

/** @throws JilError `INVALID_ARGUMENT` (details.field `protocol`) for a malformed {@link PeerProtocol}. */
export function assertPeerProtocol(protocol: PeerProtocol): void {
  const ok =
    typeof protocol === 'object' &&
    protocol !== null &&
    typeof protocol.requestTag === 'string' &&
    TAG.test(protocol.requestTag) &&
    typeof protocol.responseTag === 'string' &&
    TAG.test(protocol.responseTag) &&
    protocol.requestTag !== protocol.responseTag &&
    typeof protocol.senderHeader === 'string' &&
    HEADER.test(protocol.senderHeader);
  if (!ok)
    throw new JilError('INVALID_ARGUMENT', 'protocol must have two distinct tags of [A-Za-z0-9._-]{1,64} and a lower-case sender header', {
      details: { field: 'protocol' },
    });
}

/** The request fields a peer request signature covers. */
export interface PeerRequestFields {
  /** The sender's name in the receiver's roster (the sender header). */
  sender: string;
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Request target as sent: path with optional query. */
  path: string;
  /** The timestamp header, RFC 3339 UTC. */
  timestamp: string;
  /** The nonce header. */
  nonce: string;
  /** The exact body bytes (a string is taken as UTF-8). */
  body: Uint8Array | string;
}

/**
 * The exact bytes a peer request signature covers: UTF-8 of
 * `requestTag LF sender LF canonicalRequest(method, path, query, timestamp, nonce, body)` (see `canonicalRequest`:
 * six LF-joined lines ending with the hex SHA-256 of the body). The target is split at its first `?` into path and
 * query.
 *
 * @param protocol - the {@link PeerProtocol} (its `requestTag`).
 * @param fields - see {@link PeerRequestFields}.
 * @returns the message bytes.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad protocol, sender or a field `canonicalRequest` refuses.
 * @see DESIGN.md §Formats (HMAC request auth: the canonical request)
 * @example
 * import { peerRequestMessage } from '@jil/core';
 * peerRequestMessage(protocol, { sender: 'coordinator', method: 'POST', path: '/v1/frost/commit', timestamp, nonce, body });
 */
export function peerRequestMessage(protocol: PeerProtocol, fields: PeerRequestFields): Uint8Array {
  assertPeerProtocol(protocol);
  if (typeof fields.sender !== 'string' || !PEER_SENDER.test(fields.sender)) {
    throw new JilError('INVALID_ARGUMENT', 'sender must be 1–128 printable ASCII characters without spaces', {
      details: { field: 'sender' },
    });
  }
  if (typeof fields.path !== 'string') throw new JilError('INVALID_ARGUMENT', 'path must be a string', { details: { field: 'path' } });
  const [pathOnly = '/', query = ''] = fields.path.split('?', 2);
  const canonical = canonicalRequest({
    method: fields.method,
    path: pathOnly,
    query,
    timestamp: fields.timestamp,
    nonce: fields.nonce,
    body: fields.body,
  });
  return utf8ToBytes(`${protocol.requestTag}\n${fields.sender}\n${canonical}`);
}

/**
 * The exact bytes a peer response signature covers: UTF-8 of `responseTag LF requestNonce LF status LF
 * hex(SHA-256(body))` — bound to the request's nonce, so a response cannot be replayed or moved to another request.
 *
 * @param protocol - the {@link PeerProtocol} (its `responseTag`).
 * @param requestNonce - the nonce header of the request answered.
 * @param status - the HTTP status code sent.
 * @param body - the exact response body (a string is taken as UTF-8).
 * @returns the message bytes.
 * @throws JilError `INVALID_ARGUMENT` (details.field) for a bad protocol, nonce or status.
 * @example
 * import { peerResponseMessage } from '@jil/core';
 * peerResponseMessage(protocol, nonce, 200, '{"ok":true}');
 */
export function peerResponseMessage(protocol: PeerProtocol, requestNonce: string, status: number, body: Uint8Array | string): Uint8Array {
  assertPeerProtocol(protocol);
  if (typeof requestNonce !== 'string' || /[\r\n]/.test(requestNonce) || requestNonce.length > 64) {
    throw new JilError('INVALID_ARGUMENT', 'requestNonce must be a string of at most 64 characters without line breaks', {
      details: { field: 'requestNonce' },
    });
  }
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new JilError('INVALID_ARGUMENT', 'status must be an HTTP status code', { details: { field: 'status' } });
  if (typeof body !== 'string' && !(body instanceof Uint8Array))
    throw new JilError('INVALID_ARGUMENT', 'body must be a string or Uint8Array', { details: { field: 'body' } });
  return utf8ToBytes(`${protocol.responseTag}\n${requestNonce}\n${status}\n${sha256Hex(body)}`);
}
