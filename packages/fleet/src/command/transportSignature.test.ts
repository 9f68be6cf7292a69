import { base64Decode, base64Encode, bytesToUtf8, canonicalBytes, hmacSha256 } from '@jil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_SECRET, pullRequest } from '../testing/fixtures.testutil.js';
import { transportSignature, verifyTransportSignature, type TransportFields } from './transportSignature.js';

const fields: TransportFields = {
  image: '127.0.0.1:5000/jil/validator',
  tag: '1.4.0',
  digest: `sha256:${'ab'.repeat(32)}`,
  timestamp: '2025-06-01T12:00:00.000Z',
  node_id: 'n1',
  nonce: 'nonce-0000000000000001',
};

describe('command wire format and transport HMAC', () => {
  it('golden: the command payload is the RFC 8785 form of its body', () => {
    const { request } = pullRequest();
    expect(bytesToUtf8(base64Decode(request.command.payload))).toBe(
      '{"action":"pull","command_id":"01970b3a-5c00-7000-8000-000000000002","expires_at":"2025-06-01T12:05:00.000Z",' +
        '"image":{"digest":"sha256:abababababababababababababababababababababababababababababababab",' +
        '"repository":"127.0.0.1:5000/jil/validator","tag":"1.4.0"},"issued_at":"2025-06-01T12:00:00.000Z","node_id":"n1",' +
        '"nonce":"nonce-0000000000000001","release_id":"01970b3a-5c00-7000-8000-000000000001"}',
    );
    expect(request.transport.signature).toBe(transportSignature(NODE_SECRET, fields));
  });

  it('golden: HMAC-SHA256 over JCS {domain, image, tag, digest, timestamp, node_id, nonce}', () => {
    const expected = base64Encode(hmacSha256(NODE_SECRET, canonicalBytes({ domain: 'jil.fleet.transport.v1', ...fields })));
    expect(transportSignature(NODE_SECRET, fields)).toBe(expected);
    expect(verifyTransportSignature(NODE_SECRET, fields, expected)).toBe(true);
    expect(verifyTransportSignature(NODE_SECRET, fields, 'not base64')).toBe(false);
    expect(verifyTransportSignature(NODE_SECRET, fields, 42)).toBe(false);
    expect(() => transportSignature(new Uint8Array(8), fields)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('property: changing any covered field breaks the signature', () => {
    const signature = transportSignature(NODE_SECRET, fields);
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(fields) as (keyof TransportFields)[])),
        fc.string({ minLength: 1, maxLength: 4 }),
        (key, extra) => {
          expect(verifyTransportSignature(NODE_SECRET, { ...fields, [key]: fields[key] + extra }, signature)).toBe(false);
        },
      ),
    );
  });
});
