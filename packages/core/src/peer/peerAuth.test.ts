import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToUtf8, utf8ToBytes } from '../bytes/encoding.js';
import { createSigner } from '../ed25519/createSigner.js';
import { generateKeyPair } from '../ed25519/generateKeyPair.js';
import { verify } from '../ed25519/verify.js';
import { MemoryNonceStore } from '../hmac/MemoryNonceStore.js';
import { peerRequestMessage, peerResponseMessage } from './peerMessages.js';
import { PEER_AUTH_HEADERS, type PeerProtocol } from './PeerProtocol.js';
import { signPeerRequest } from './signPeerRequest.js';
import { signPeerResponse } from './signPeerResponse.js';
import { verifyPeerRequest } from './verifyPeerRequest.js';
import { verifyPeerResponse } from './verifyPeerResponse.js';

const P: PeerProtocol = { requestTag: 'JIL-TEST-REQUEST-v1', responseTag: 'JIL-TEST-RESPONSE-v1', senderHeader: 'x-jil-test-sender' };
const T = new Date('2026-11-21T12:00:00.000Z');
const NONCE = '00112233445566778899aabbccddeeff';
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2 B.1
const coordinator = generateKeyPair();
const other = generateKeyPair();

const signed = (over: Partial<Parameters<typeof signPeerRequest>[0]> = {}) => {
  const o = {
    protocol: P,
    method: 'POST',
    path: '/v1/x?b=2&a=1',
    body: 'abc',
    sender: 'coordinator',
    secretKey: coordinator.secretKey,
    now: T,
    ...over,
  };
  return { o, headers: signPeerRequest(o) };
};
const check = (
  headers: Record<string, string>,
  over: { body?: string; path?: string; now?: Date; store?: MemoryNonceStore; trusted?: Record<string, Uint8Array> } = {},
) =>
  verifyPeerRequest(
    { method: 'POST', path: over.path ?? '/v1/x?b=2&a=1', body: over.body ?? 'abc', headers },
    {
      protocol: P,
      trusted: over.trusted ?? { coordinator: coordinator.publicKey },
      nonceStore: over.store ?? new MemoryNonceStore(),
      now: over.now ?? T,
    },
  );

describe('peer request and response messages (golden bytes)', () => {
  it('request: tag, sender, then the canonical request with the query sorted and the body hashed', () => {
    const m = peerRequestMessage(P, {
      sender: 'coordinator',
      method: 'post',
      path: '/v1/x?b=2&a=1',
      timestamp: '2026-11-21T12:00:00.000Z',
      nonce: NONCE,
      body: 'abc',
    });
    expect(bytesToUtf8(m)).toBe(
      `JIL-TEST-REQUEST-v1\ncoordinator\nPOST\n/v1/x\na=1&b=2\n2026-11-21T12:00:00.000Z\n${NONCE}\n${ABC_SHA256}`,
    );
    expect(
      peerRequestMessage(P, {
        sender: 'coordinator',
        method: 'post',
        path: '/v1/x?b=2&a=1',
        timestamp: '2026-11-21T12:00:00.000Z',
        nonce: NONCE,
        body: utf8ToBytes('abc'),
      }),
    ).toEqual(m);
  });

  it('response: tag, request nonce, status, hex SHA-256 of the body', () => {
    expect(bytesToUtf8(peerResponseMessage(P, NONCE, 200, 'abc'))).toBe(`JIL-TEST-RESPONSE-v1\n${NONCE}\n200\n${ABC_SHA256}`);
  });

  it('the signature in the headers is Ed25519 over exactly those bytes', () => {
    const { headers } = signed({ nonce: NONCE });
    expect(Object.keys(headers).sort()).toEqual(['x-jil-nonce', 'x-jil-signature', 'x-jil-test-sender', 'x-jil-timestamp']);
    expect(headers).toMatchObject({
      'x-jil-test-sender': 'coordinator',
      'x-jil-timestamp': '2026-11-21T12:00:00.000Z',
      'x-jil-nonce': NONCE,
    });
    const m = peerRequestMessage(P, {
      sender: 'coordinator',
      method: 'POST',
      path: '/v1/x?b=2&a=1',
      timestamp: headers['x-jil-timestamp']!,
      nonce: NONCE,
      body: 'abc',
    });
    expect(verify(Buffer.from(headers[PEER_AUTH_HEADERS.signature]!, 'base64'), m, coordinator.publicKey)).toBe(true);
  });

  it('a prepared signer (createSigner) gives the same request and response signatures as the seed', () => {
    const signer = createSigner(coordinator.secretKey);
    expect(signed({ nonce: NONCE, secretKey: signer }).headers).toEqual(signed({ nonce: NONCE }).headers);
    expect(signPeerResponse(P, NONCE, 201, 'abc', signer)).toBe(signPeerResponse(P, NONCE, 201, 'abc', coordinator.secretKey));
  });
});

describe('verifyPeerRequest', () => {
  it('accepts a signed request once and names the sender; the same nonce again is a replay', async () => {
    const store = new MemoryNonceStore();
    const { headers } = signed();
    expect(await check(headers, { store })).toBe('coordinator');
    await expect(check(headers, { store })).rejects.toMatchObject({ code: 'AUTH_REPLAYED_NONCE', details: { header: 'x-jil-nonce' } });
  });

  it('refuses each tampered or missing part with its code', async () => {
    const { headers } = signed();
    const without = (h: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== h));
    for (const h of Object.keys(headers))
      await expect(check(without(h))).rejects.toMatchObject({ code: 'AUTH_MISSING_HEADER', details: { header: h } });
    await expect(check(headers, { body: 'abd' })).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
    await expect(check(headers, { path: '/v1/y?b=2&a=1' })).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
    await expect(check(headers, { trusted: { coordinator: other.publicKey } })).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
    await expect(check(headers, { trusted: {} })).rejects.toMatchObject({ code: 'AUTH_UNKNOWN_KEY' });
    await expect(check({ ...headers, 'x-jil-test-sender': 'toString' })).rejects.toMatchObject({ code: 'AUTH_UNKNOWN_KEY' });
    await expect(check(headers, { now: new Date(T.getTime() + 300_001) })).rejects.toMatchObject({ code: 'AUTH_STALE_TIMESTAMP' });
    expect(await check(headers, { now: new Date(T.getTime() - 300_000) })).toBe('coordinator');
    await expect(check({ ...headers, 'x-jil-timestamp': '2026-11-21 12:00:00' })).rejects.toMatchObject({ code: 'AUTH_MALFORMED_HEADER' });
    await expect(check({ ...headers, 'x-jil-signature': '!!' })).rejects.toMatchObject({ code: 'AUTH_MALFORMED_HEADER' });
    await expect(check({ ...headers, 'x-jil-nonce': 'NOT-HEX-NOT-HEX-NOT-HEX-NOT-HEX0' })).rejects.toMatchObject({
      code: 'AUTH_BAD_SIGNATURE',
    });
  });

  it('a request signed under another protocol does not verify (domain separation)', async () => {
    const { headers } = signed({ protocol: { ...P, requestTag: 'JIL-OTHER-REQUEST-v1' } });
    await expect(check(headers)).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
  });

  it('property: any change of one body byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), async (body, at) => {
        const { headers } = signed({ body });
        const tampered = body.slice();
        const i = at % body.length;
        tampered.set([(tampered[i] ?? 0) ^ 1], i);
        await expect(
          verifyPeerRequest(
            { method: 'POST', path: '/v1/x?b=2&a=1', body: tampered, headers },
            { protocol: P, trusted: { coordinator: coordinator.publicKey }, nonceStore: new MemoryNonceStore(), now: T },
          ),
        ).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
      }),
      { numRuns: 25 },
    );
  });
});

describe('peer responses', () => {
  it('verify under the pinned key only, for this nonce, status and body', () => {
    const sig = signPeerResponse(P, NONCE, 200, '{"ok":true}', other.secretKey);
    expect(verifyPeerResponse(P, NONCE, 200, '{"ok":true}', sig, other.publicKey)).toBe(true);
    expect(verifyPeerResponse(P, NONCE, 200, '{"ok":false}', sig, other.publicKey)).toBe(false);
    expect(verifyPeerResponse(P, NONCE, 201, '{"ok":true}', sig, other.publicKey)).toBe(false);
    expect(verifyPeerResponse(P, 'ffffffffffffffffffffffffffffffff', 200, '{"ok":true}', sig, other.publicKey)).toBe(false);
    expect(verifyPeerResponse(P, NONCE, 200, '{"ok":true}', sig, coordinator.publicKey)).toBe(false);
    expect(verifyPeerResponse({ ...P, responseTag: 'JIL-OTHER-RESPONSE-v1' }, NONCE, 200, '{"ok":true}', sig, other.publicKey)).toBe(false);
    expect(verifyPeerResponse(P, NONCE, 200, '{"ok":true}', undefined, other.publicKey)).toBe(false);
    expect(verifyPeerResponse(P, NONCE, 200, '{"ok":true}', '%%%', other.publicKey)).toBe(false);
  });
});

describe('wrong types', () => {
  it('throw INVALID_ARGUMENT naming the field', () => {
    const base = { protocol: P, method: 'POST', path: '/v1/x', body: '', sender: 'c', secretKey: coordinator.secretKey, now: T };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ protocol: { ...P, responseTag: P.requestTag } }, 'protocol'],
      [{ protocol: { ...P, requestTag: 'with space' } }, 'protocol'],
      [{ protocol: { ...P, senderHeader: 'X-Upper' } }, 'protocol'],
      [{ sender: '' }, 'sender'],
      [{ sender: 'a\nb' }, 'sender'],
      [{ method: 'PO ST' }, 'method'],
      [{ path: 'no-slash' }, 'path'],
      [{ path: 42 }, 'path'],
      [{ body: 42 }, 'body'],
      [{ secretKey: new Uint8Array(31) }, 'secretKey'],
      [{ now: new Date(Number.NaN) }, 'now'],
      [{ nonce: 'short' }, 'nonce'],
    ];
    for (const [over, field] of cases) {
      expect(() => signPeerRequest({ ...base, ...over } as never), field).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', details: expect.objectContaining({ field }) }),
      );
    }
    expect(() => peerResponseMessage(P, NONCE, 99, '')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'status' } }),
    );
    expect(() => peerResponseMessage(P, 'a\nb', 200, '')).toThrow(expect.objectContaining({ details: { field: 'requestNonce' } }));
    expect(() => verifyPeerResponse(P, NONCE, 200, '', undefined, new Uint8Array(31))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
