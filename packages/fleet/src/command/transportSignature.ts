import { base64Decode, base64Encode, canonicalBytes, constantTimeEqual, hmacSha256, JilError } from '@jil/core';

/**
 * The fields the transport HMAC covers: the original design's `{image, tag, digest, timestamp}`, bound to the node
 * and the command's single-use nonce as well. For a `stop` command `image`, `tag` and `digest` are empty strings.
 */
export interface TransportFields {
  /** `registry/path`. */
  image: string;
  tag: string;
  digest: string;
  /** RFC 3339 UTC sending time. */
  timestamp: string;
  node_id: string;
  nonce: string;
}

function message(fields: TransportFields): Uint8Array {
  if (fields === null || typeof fields !== 'object')
    throw new JilError('INVALID_ARGUMENT', 'fields must be an object', { details: { field: 'fields' } });
  const { image, tag, digest, timestamp, node_id, nonce } = fields;
  for (const [k, v] of Object.entries({ image, tag, digest, timestamp, node_id, nonce })) {
    if (typeof v !== 'string') throw new JilError('INVALID_ARGUMENT', `${k} must be a string`, { details: { field: k } });
  }
  return canonicalBytes({ domain: 'jil.fleet.transport.v1', image, tag, digest, timestamp, node_id, nonce });
}

/**
 * The HMAC-SHA256 transport signature of a command: base64(HMAC(nodeSecret, JCS({domain, image, tag, digest,
 * timestamp, node_id, nonce}))), with `domain` = `jil.fleet.transport.v1`. It proves the sender holds the node's
 * shared secret; the Ed25519 command signature proves HQ authorized the content.
 *
 * @param secret - the node's shared secret, at least 16 bytes. Never logged.
 * @param fields - see {@link TransportFields}.
 * @returns standard base64 of the 32-byte MAC.
 * @throws JilError `INVALID_ARGUMENT` for a short secret or a non-string field.
 * @see RFC 2104; RFC 8785
 * @example
 * import { transportSignature } from '@jil/fleet';
 * const signature = transportSignature(nodeSecret, { image, tag, digest, timestamp, node_id, nonce });
 */
export function transportSignature(secret: Uint8Array, fields: TransportFields): string {
  if (!(secret instanceof Uint8Array) || secret.length < 16) {
    throw new JilError('INVALID_ARGUMENT', 'secret must be at least 16 bytes', { details: { field: 'secret' } });
  }
  return base64Encode(hmacSha256(secret, message(fields)));
}

/**
 * Checks a transport signature in constant time.
 * @param secret - the node's shared secret.
 * @param fields - the fields as the receiver sees them.
 * @param signature - the received base64 MAC (untrusted).
 * @returns `true` when it matches; `false` for any other value, including malformed base64.
 * @throws JilError `INVALID_ARGUMENT` for a short secret or a non-string field.
 * @example
 * import { verifyTransportSignature } from '@jil/fleet';
 * verifyTransportSignature(nodeSecret, fields, request.transport.signature);
 */
export function verifyTransportSignature(secret: Uint8Array, fields: TransportFields, signature: unknown): boolean {
  const expected = base64Decode(transportSignature(secret, fields));
  if (typeof signature !== 'string') return false;
  let given: Uint8Array;
  try {
    given = base64Decode(signature);
  } catch {
    return false;
  }
  return constantTimeEqual(expected, given);
}
