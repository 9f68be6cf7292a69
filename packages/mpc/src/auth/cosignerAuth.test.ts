import { describe, expect, it } from 'vitest';
import { base64Decode, generateKeyPair, MemoryNonceStore, sha256Hex, sign, utf8ToBytes, verify } from '@jil/core';
import { signCosignerRequest, signCosignerResponse, verifyCosignerRequest, verifyCosignerResponse } from './cosignerAuth.js';

// The FROST cosigner wire format is fixed: these are the exact bytes the request and response signatures cover
// (unchanged since the cosigner shell shipped; now produced by @jil/core peer auth).
const T = new Date('2026-11-21T12:00:00.000Z');
const body = '{"sessionId":"s-1"}';

describe('FROST cosigner request auth (wire format)', () => {
  it('signs `JIL-FROST-REQUEST-v1\\n<sender>\\n<canonical request>` and sends the same four headers', async () => {
    const k = generateKeyPair();
    const h = signCosignerRequest({
      method: 'POST',
      path: '/v1/frost/commit',
      body,
      sender: 'coordinator',
      secretKey: k.secretKey,
      now: T,
    });
    expect(Object.keys(h).sort()).toEqual(['x-jil-frost-sender', 'x-jil-nonce', 'x-jil-signature', 'x-jil-timestamp']);
    expect(h['x-jil-nonce']).toMatch(/^[0-9a-f]{32}$/);
    const golden =
      `JIL-FROST-REQUEST-v1\ncoordinator\nPOST\n/v1/frost/commit\n\n2026-11-21T12:00:00.000Z\n${h['x-jil-nonce']}\n` + `${sha256Hex(body)}`;
    expect(verify(base64Decode(h['x-jil-signature']!), utf8ToBytes(golden), k.publicKey)).toBe(true);
    expect(
      await verifyCosignerRequest(
        { method: 'POST', path: '/v1/frost/commit', body, headers: h },
        { trusted: { coordinator: k.publicKey }, nonceStore: new MemoryNonceStore(), now: T },
      ),
    ).toBe('coordinator');
  });

  it('a request signed by hand over the golden bytes verifies (old clients interoperate)', async () => {
    const k = generateKeyPair();
    const nonce = 'aabbccddeeff00112233445566778899';
    const sig = sign(
      utf8ToBytes(`JIL-FROST-REQUEST-v1\n7\nPOST\n/v1/frost/sign\n\n2026-11-21T12:00:00.000Z\n${nonce}\n${sha256Hex(body)}`),
      k.secretKey,
    );
    const headers = {
      'x-jil-frost-sender': '7',
      'x-jil-timestamp': '2026-11-21T12:00:00.000Z',
      'x-jil-nonce': nonce,
      'x-jil-signature': Buffer.from(sig).toString('base64'),
    };
    expect(
      await verifyCosignerRequest(
        { method: 'POST', path: '/v1/frost/sign', body, headers },
        { trusted: { '7': k.publicKey }, nonceStore: new MemoryNonceStore(), now: T },
      ),
    ).toBe('7');
  });

  it('signs responses over `JIL-FROST-RESPONSE-v1\\n<nonce>\\n<status>\\n<sha256(body)>`', () => {
    const k = generateKeyPair();
    const nonce = 'aabbccddeeff00112233445566778899';
    const sig = signCosignerResponse(nonce, 200, body, k.secretKey);
    expect(verify(base64Decode(sig), utf8ToBytes(`JIL-FROST-RESPONSE-v1\n${nonce}\n200\n${sha256Hex(body)}`), k.publicKey)).toBe(true);
    expect(verifyCosignerResponse(nonce, 200, body, sig, k.publicKey)).toBe(true);
    expect(verifyCosignerResponse(nonce, 500, body, sig, k.publicKey)).toBe(false);
  });
});
