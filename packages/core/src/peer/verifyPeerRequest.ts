import { assertRecord } from '../bytes/assertBytes.js';
import { base64Decode } from '../bytes/encoding.js';
import { verify } from '../ed25519/verify.js';
import { JilError } from '../errors/JilError.js';
import type { NonceStore } from '../hmac/NonceStore.js';
import { parseUtcTimestamp } from '../hmac/authHeaders.js';
import { assertPeerProtocol, peerRequestMessage } from './peerMessages.js';
import { PEER_AUTH_HEADERS, type PeerProtocol } from './PeerProtocol.js';

/** The request as the receiver got it. */
export interface VerifyPeerRequestInput {
  method: string;
  /** Request target as received: path with optional query (Fastify `request.url`). */
  path: string;
  /** The raw body exactly as received (a string is taken as UTF-8). */
  body: Uint8Array | string;
  /** Request headers with lower-case names (Node's `IncomingHttpHeaders` fits). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** Receiver-side settings of {@link verifyPeerRequest}. */
export interface VerifyPeerRequestOptions {
  protocol: PeerProtocol;
  /** Pinned Ed25519 public keys (32 bytes) of the peers allowed to call, by sender name. */
  trusted: Readonly<Record<string, Uint8Array>>;
  /** Remembers nonces per sender inside the window (replays refused). */
  nonceStore: NonceStore;
  /** The receiver's clock. */
  now: Date;
  /** Accepted clock skew either way in ms (default 300 000 = ±5 min). */
  windowMs?: number;
}

/**
 * Authenticate a request signed with {@link signPeerRequest}. Checks, in order, and throws at the first failure:
 * the four headers are present (`AUTH_MISSING_HEADER`); the sender is pinned (`AUTH_UNKNOWN_KEY`); the timestamp is
 * RFC 3339 UTC (`AUTH_MALFORMED_HEADER`) within `windowMs` of `now` (`AUTH_STALE_TIMESTAMP`); the signature is base64
 * (`AUTH_MALFORMED_HEADER`) of 64 bytes, the nonce 32 lower-case hex characters, and the signature verifies over
 * {@link peerRequestMessage} under the pinned key (`AUTH_BAD_SIGNATURE`); then the nonce is new for this sender
 * (`AUTH_REPLAYED_NONCE`) — stored only after the signature verified, until `timestamp + windowMs + 1`.
 * Errors name the header (`details.header`), never the signature or the nonce.
 *
 * @param req - see {@link VerifyPeerRequestInput}.
 * @param o - see {@link VerifyPeerRequestOptions}.
 * @returns the authenticated sender name.
 * @throws JilError `AUTH_MISSING_HEADER`, `AUTH_UNKNOWN_KEY`, `AUTH_MALFORMED_HEADER`, `AUTH_STALE_TIMESTAMP`,
 *   `AUTH_BAD_SIGNATURE`, `AUTH_REPLAYED_NONCE`; `INVALID_ARGUMENT` for a bad protocol.
 * @example
 * import { MemoryNonceStore, verifyPeerRequest } from '@jil/core';
 * const sender = await verifyPeerRequest({ method: req.method, path: req.url, body: raw, headers: req.headers },
 *   { protocol, trusted: { coordinator: coordinatorPublicKey }, nonceStore: new MemoryNonceStore(), now: new Date() });
 */
export async function verifyPeerRequest(req: VerifyPeerRequestInput, o: VerifyPeerRequestOptions): Promise<string> {
  assertRecord(req, 'request');
  assertRecord(o, 'options');
  assertPeerProtocol(o.protocol);
  const header = (name: string): string => {
    const v = req.headers[name];
    if (typeof v !== 'string' || v.length === 0)
      throw new JilError('AUTH_MISSING_HEADER', `missing ${name}`, { details: { header: name } });
    return v;
  };
  const sender = header(o.protocol.senderHeader);
  const timestamp = header(PEER_AUTH_HEADERS.timestamp);
  const nonce = header(PEER_AUTH_HEADERS.nonce);
  const signature = header(PEER_AUTH_HEADERS.signature);
  const key = Object.hasOwn(o.trusted, sender) ? o.trusted[sender] : undefined;
  if (key === undefined)
    throw new JilError('AUTH_UNKNOWN_KEY', 'sender is not in the pinned roster', { details: { header: o.protocol.senderHeader } });
  const t = parseUtcTimestamp(timestamp);
  if (t === undefined)
    throw new JilError('AUTH_MALFORMED_HEADER', 'timestamp is not RFC 3339 UTC', { details: { header: PEER_AUTH_HEADERS.timestamp } });
  const windowMs = o.windowMs ?? 300_000;
  if (Math.abs(o.now.getTime() - t) > windowMs)
    throw new JilError('AUTH_STALE_TIMESTAMP', 'timestamp outside the accepted window', {
      details: { header: PEER_AUTH_HEADERS.timestamp },
    });
  let sig: Uint8Array;
  try {
    sig = base64Decode(signature);
  } catch {
    throw new JilError('AUTH_MALFORMED_HEADER', 'signature is not base64', { details: { header: PEER_AUTH_HEADERS.signature } });
  }
  const bad = () =>
    new JilError('AUTH_BAD_SIGNATURE', 'request signature does not verify', { details: { header: PEER_AUTH_HEADERS.signature } });
  if (sig.length !== 64 || !/^[0-9a-f]{32}$/.test(nonce)) throw bad();
  let message: Uint8Array;
  try {
    message = peerRequestMessage(o.protocol, { sender, method: req.method, path: req.path, timestamp, nonce, body: req.body });
  } catch {
    throw bad(); // a target or method the canonical request refuses cannot carry a valid signature
  }
  if (!verify(sig, message, key)) throw bad();
  if (!(await o.nonceStore.checkAndStore(sender, nonce, t + windowMs + 1, o.now.getTime()))) {
    throw new JilError('AUTH_REPLAYED_NONCE', 'nonce already used', { details: { header: PEER_AUTH_HEADERS.nonce } });
  }
  return sender;
}
