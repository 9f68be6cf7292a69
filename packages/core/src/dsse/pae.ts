import { assertBytes } from '../bytes/assertBytes.js';
import { utf8ToBytes } from '../bytes/encoding.js';
import { hasLoneSurrogate } from '../canonical/jsonPath.js';
import { JilError } from '../errors/JilError.js';

/**
 * DSSE Pre-Authentication Encoding: the exact bytes every envelope signature covers.
 *
 * `PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, where `type` is UTF-8 encoded,
 * `LEN` is the byte length as ASCII decimal without leading zeros and `SP` is one 0x20 byte.
 *
 * @param payloadType - the envelope's `payloadType`, e.g. `application/vnd.jil.psa.v1+json` (well-formed Unicode).
 * @param payload - the payload bytes (the base64-decoded `payload`, not the base64 text).
 * @returns the PAE bytes (a fresh array).
 * @throws JilError `INVALID_ARGUMENT` when `payloadType` is not a well-formed string or `payload` is not a Uint8Array.
 * @see DSSE protocol.md, "Signature definition" (secure-systems-lab/dsse)
 * @example
 * import { pae, utf8ToBytes, bytesToUtf8 } from '@jil/core';
 * bytesToUtf8(pae('http://example.com/HelloWorld', utf8ToBytes('hello world')));
 * // 'DSSEv1 29 http://example.com/HelloWorld 11 hello world'
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  if (typeof payloadType !== 'string' || hasLoneSurrogate(payloadType)) {
    throw new JilError('INVALID_ARGUMENT', 'payloadType must be a well-formed string', {
      details: { field: 'payloadType' },
    });
  }
  assertBytes(payload, 'payload');
  const type = utf8ToBytes(payloadType);
  const head = utf8ToBytes(`DSSEv1 ${type.length} `);
  const middle = utf8ToBytes(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + middle.length + payload.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(middle, head.length + type.length);
  out.set(payload, head.length + type.length + middle.length);
  return out;
}
