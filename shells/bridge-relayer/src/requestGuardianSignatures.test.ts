import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, keyId, MemoryNonceStore, verifyPeerRequest } from '@jil/core';
import { VALIDATOR_PEER_PROTOCOL } from '@jil/psa';
import { type GuardianEndpoint, requestGuardianSignatures } from './requestGuardianSignatures.js';

// Real HTTP servers on loopback play validators that answer well, badly or not at all: the relayer gets one answer per
// validator, in order, and never an exception.
const PATH = '/v1/validator/bridge/release-signatures';
const relayer = generateKeyPair();
const trusted = { [keyId(relayer.publicKey)]: relayer.publicKey };
const SIGNATURE = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b`;

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;
const servers: Server[] = [];
/** Start a loopback HTTP server answering every request with `behaviour`; resolves to its base URL. */
async function validator(behaviour: Behaviour): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void behaviour(req, res, Buffer.concat(chunks)));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const reply =
  (status: number, body: string | Buffer, type = 'application/json'): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };

/** A validator that checks the peer signature as the real one does and signs (or refuses) accordingly. */
const honest: Behaviour = async (req, res, body) => {
  try {
    await verifyPeerRequest(
      { method: req.method ?? '', path: req.url ?? '', body: new Uint8Array(body), headers: req.headers },
      { protocol: VALIDATOR_PEER_PROTOCOL, trusted, nonceStore: new MemoryNonceStore(), now: new Date() },
    );
    reply(200, JSON.stringify({ validator_id: 'val-01', address: '0xabc', signature: SIGNATURE, message: JSON.parse(body.toString()) }))(
      req,
      res,
      body,
    );
  } catch (e) {
    reply(401, JSON.stringify({ error: { code: (e as { code: string }).code, message: 'refused' } }))(req, res, body);
  }
};

let closedUrl: string;
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

const ask = (endpoints: GuardianEndpoint[], timeoutMs = 5_000) =>
  requestGuardianSignatures(endpoints, PATH, { withdrawal_id: `0x${'ab'.repeat(32)}`, expiry: '1900000000' }, relayer.secretKey, {
    timeoutMs,
  });

describe('requestGuardianSignatures', () => {
  it('a validator that verifies the peer signature answers with its signature; answers keep the endpoints order', async () => {
    const good = await validator(honest);
    const refusing = await validator(reply(409, JSON.stringify({ error: { code: 'BRIDGE_NOT_CONFIRMED', message: '0 of 1' } })));
    const answers = await ask([
      { id: 'v1', url: good },
      { id: 'v2', url: refusing },
      { id: 'v3', url: closedUrl },
    ]);
    expect(answers).toEqual([
      { kind: 'signature', validatorId: 'v1', address: '0xabc', signature: SIGNATURE },
      { kind: 'refused', validatorId: 'v2', code: 'BRIDGE_NOT_CONFIRMED', message: '0 of 1' },
      { kind: 'unreachable', validatorId: 'v3', message: expect.any(String) },
    ]);
  });

  it('nothing listening, a malformed URL, a dropped connection or no answer in time: unreachable', async () => {
    const dropping = await validator((req) => void req.socket.destroy());
    const silent = await validator(() => undefined);
    const answers = await ask(
      [
        { id: 'closed', url: closedUrl },
        { id: 'bad-url', url: 'not a url' },
        { id: 'dropping', url: dropping },
        { id: 'silent', url: silent },
      ],
      500,
    );
    expect(answers.map((a) => [a.validatorId, a.kind])).toEqual([
      ['closed', 'unreachable'],
      ['bad-url', 'unreachable'],
      ['dropping', 'unreachable'],
      ['silent', 'unreachable'],
    ]);
  });

  it('a 500, non-JSON, JSON of the wrong shape or a 200 without a signature: refused with the error code or HTTP_<status>', async () => {
    const cases: [Behaviour, string, string][] = [
      [reply(500, 'Internal Server Error', 'text/plain'), 'HTTP_500', ''],
      [reply(500, JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } })), 'INTERNAL', 'internal error'],
      [reply(200, '<html>ok</html>', 'text/html'), 'HTTP_200', ''],
      [reply(200, 'null'), 'HTTP_200', ''],
      [reply(200, '[1,2]'), 'HTTP_200', ''],
      [reply(200, JSON.stringify({ signature: 42, address: '0xabc' })), 'HTTP_200', ''],
      [reply(200, JSON.stringify({ signature: SIGNATURE })), 'HTTP_200', ''],
      [reply(502, JSON.stringify({ error: { code: 7, message: { nested: true } } })), 'HTTP_502', ''],
      [reply(404, Buffer.from([0xff, 0xfe, 0x00, 0x81])), 'HTTP_404', ''],
    ];
    const urls = await Promise.all(cases.map(([b]) => validator(b)));
    const answers = await ask(urls.map((url, i) => ({ id: `v${i}`, url })));
    expect(answers).toEqual(cases.map(([, code, message], i) => ({ kind: 'refused', validatorId: `v${i}`, code, message })));
  });

  it("a refusal's code and message are cut to 64 and 300 characters", async () => {
    const url = await validator(reply(422, JSON.stringify({ error: { code: 'X'.repeat(10_000), message: 'm'.repeat(10_000) } })));
    const [answer] = await ask([{ id: 'v', url }]);
    expect(answer).toEqual({ kind: 'refused', validatorId: 'v', code: 'X'.repeat(64), message: 'm'.repeat(300) });
  });

  it('any status and any body: one answer of a known kind, never a throw (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
        ),
        async (status, body) => {
          const url = await validator(reply(status, body));
          const answers = await ask([{ id: 'v', url }]);
          expect(answers).toHaveLength(1);
          expect(['signature', 'refused', 'unreachable']).toContain(answers[0]!.kind);
          if (answers[0]!.kind === 'signature') expect(status).toBe(200);
        },
      ),
      { numRuns: 40 },
    );
  });
});
