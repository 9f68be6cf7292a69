import { base64Decode, base64Encode, bytesToHex, canonicalRequest, JilError, sha256Hex, sign, utf8ToBytes, verify, type NonceStore } from '@jil/core';
import { randomBytes } from '@noble/hashes/utils.js';

/** Headers of an authenticated cosigner request or response. */
export const COSIGNER_AUTH_HEADERS = {
  sender: 'x-jil-frost-sender',
  timestamp: 'x-jil-timestamp',
  nonce: 'x-jil-nonce',
  signature: 'x-jil-signature',
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
 * authentication; no shared secrets). The signed bytes are `@jil/core` `canonicalRequest` (method, path, timestamp,
 * nonce, SHA-256 of the body) prefixed by `JIL-FROST-REQUEST-v1\n` and the sender.
 * @returns the four headers to send.
 * @example
 * import { signCosignerRequest } from '@jil/mpc';
 * const headers = signCosignerRequest({ method: 'POST', path: '/v1/frost/commit', body, sender: 'coordinator', secretKey, now: new Date() });
 */
export function signCosignerRequest(p: SignCosignerRequestParameters): Record<string, string> {
  const timestamp = p.now.toISOString();
  const nonce = bytesToHex(randomBytes(16));
  const msg = requestMessage(p.sender, p.method, p.path, timestamp, nonce, p.body);
  return { [COSIGNER_AUTH_HEADERS.sender]: p.sender, [COSIGNER_AUTH_HEADERS.timestamp]: timestamp, [COSIGNER_AUTH_HEADERS.nonce]: nonce, [COSIGNER_AUTH_HEADERS.signature]: base64Encode(sign(msg, p.secretKey)) };
}

function requestMessage(sender: string, method: string, path: string, timestamp: string, nonce: string, body: string): Uint8Array {
  const [pathOnly = '/', query = ''] = path.split('?', 2);
  return utf8ToBytes(`JIL-FROST-REQUEST-v1\n${sender}\n${canonicalRequest({ method, path: pathOnly, query, timestamp, nonce, body })}`);
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
 * Verify {@link signCosignerRequest} headers: known sender, timestamp inside the window, valid Ed25519 signature,
 * then a nonce not seen before (replays refused).
 * @returns the authenticated sender.
 * @throws JilError `AUTH_MISSING_HEADER`, `AUTH_UNKNOWN_KEY`, `AUTH_STALE_TIMESTAMP`, `AUTH_BAD_SIGNATURE`, `AUTH_REPLAYED_NONCE`.
 */
export async function verifyCosignerRequest(req: { method: string; path: string; body: string; headers: Record<string, string | string[] | undefined> }, o: VerifyCosignerRequestOptions): Promise<string> {
  const h = (name: string): string => {
    const v = req.headers[name];
    if (typeof v !== 'string' || v.length === 0) throw new JilError('AUTH_MISSING_HEADER', `missing ${name}`, { details: { header: name } });
    return v;
  };
  const sender = h(COSIGNER_AUTH_HEADERS.sender);
  const timestamp = h(COSIGNER_AUTH_HEADERS.timestamp);
  const nonce = h(COSIGNER_AUTH_HEADERS.nonce);
  const signature = h(COSIGNER_AUTH_HEADERS.signature);
  const key = Object.hasOwn(o.trusted, sender) ? o.trusted[sender] : undefined;
  if (key === undefined) throw new JilError('AUTH_UNKNOWN_KEY', 'sender is not in the pinned roster', { details: { header: COSIGNER_AUTH_HEADERS.sender } });
  const t = Date.parse(timestamp);
  const windowMs = o.windowMs ?? 300_000;
  if (!Number.isFinite(t) || Math.abs(o.now.getTime() - t) > windowMs) throw new JilError('AUTH_STALE_TIMESTAMP', 'timestamp outside the accepted window', { details: { header: COSIGNER_AUTH_HEADERS.timestamp } });
  let sig: Uint8Array;
  try {
    sig = base64Decode(signature);
  } catch {
    throw new JilError('AUTH_MALFORMED_HEADER', 'signature is not base64', { details: { header: COSIGNER_AUTH_HEADERS.signature } });
  }
  if (sig.length !== 64 || !/^[0-9a-f]{32}$/.test(nonce) || !verify(sig, requestMessage(sender, req.method, req.path, timestamp, nonce, req.body), key)) {
    throw new JilError('AUTH_BAD_SIGNATURE', 'request signature does not verify', { details: { header: COSIGNER_AUTH_HEADERS.signature } });
  }
  if (!(await o.nonceStore.checkAndStore(sender, nonce, t + windowMs + 1, o.now.getTime()))) throw new JilError('AUTH_REPLAYED_NONCE', 'nonce already used', { details: { header: COSIGNER_AUTH_HEADERS.nonce } });
  return sender;
}

function responseMessage(requestNonce: string, status: number, body: string): Uint8Array {
  return utf8ToBytes(`JIL-FROST-RESPONSE-v1\n${requestNonce}\n${status}\n${sha256Hex(body)}`);
}

/** Sign a response: binds status and body to the request's nonce, so a response cannot be replayed or moved. */
export function signCosignerResponse(requestNonce: string, status: number, body: string, secretKey: Uint8Array): string {
  return base64Encode(sign(responseMessage(requestNonce, status, body), secretKey));
}

/** `true` when `signature` is the responder's signature of this response to the request with `requestNonce`. */
export function verifyCosignerResponse(requestNonce: string, status: number, body: string, signature: string | undefined, publicKey: Uint8Array): boolean {
  if (typeof signature !== 'string') return false;
  try {
    const sig = base64Decode(signature);
    return sig.length === 64 && verify(sig, responseMessage(requestNonce, status, body), publicKey);
  } catch {
    return false;
  }
}
