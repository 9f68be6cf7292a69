import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  base64Decode,
  canonicalBytes,
  createSigner,
  generateKeyPair,
  keyId,
  pae,
  signPeerRequest,
  verify,
  verifyPeerResponse,
} from '@jil/core';
import {
  createPreclearanceEngine,
  createProposalReviewer,
  MemoryRiskHistoryStore,
  newPartySalts,
  PSA_PAYLOAD_TYPE,
  VALIDATOR_PEER_PROTOCOL,
  VALIDATOR_SIGN_PATH,
  type PsaBody,
} from '@jil/psa';
import { quorumFixture, reviewRequest, reviewSnapshot } from '@jil/psa-testkit';
import { createValidatorServer } from './createValidatorServer.js';
import { SignedBodyJournal } from './SignedBodyJournal.js';

// One validator server in process on loopback, the coordinator played by signPeerRequest.
const q = quorumFixture();
const me = q.validators[6]!; // val-07
const snapshot = reviewSnapshot();
const engine = createPreclearanceEngine({
  snapshot,
  validatorSet: q.verifiedSet,
  validators: q.validators,
  riskHistory: new MemoryRiskHistoryStore(),
});
const reviewer = createProposalReviewer({ snapshot, validatorSet: q.verifiedSet, validatorId: me.id });
const coordinator = generateKeyPair();
const dir = mkdtempSync(join(tmpdir(), 'jil-validator-'));
const journalPath = join(dir, 'signed-bodies.jsonl');
let journal: SignedBodyJournal;
let app: FastifyInstance;
let base: string;

const start = async () => {
  journal = new SignedBodyJournal(journalPath);
  app = createValidatorServer({
    validatorId: me.id,
    jurisdiction: me.jurisdiction,
    secretKey: me.secretKey,
    keyid: me.keyid,
    reviewer,
    journal,
    coordinators: { [keyId(coordinator.publicKey)]: coordinator.publicKey },
    health: { snapshot_sha256: snapshot.sha256 },
    bodyLimitBytes: 256 * 1024,
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
};
const stop = async () => {
  await app.close();
  journal.close();
};
const journalLines = () => readFileSync(journalPath, 'utf8').split('\n').filter(Boolean).length;

interface Call {
  status: number;
  json: any;
  text: string;
  nonce: string | undefined;
  signature: string | null;
}
async function call(
  body: string,
  o: { sign?: boolean; key?: Uint8Array; now?: Date; headers?: Record<string, string> } = {},
): Promise<Call> {
  const auth =
    o.sign === false
      ? {}
      : signPeerRequest({
          protocol: VALIDATOR_PEER_PROTOCOL,
          method: 'POST',
          path: VALIDATOR_SIGN_PATH,
          body,
          sender: keyId(coordinator.publicKey),
          secretKey: o.key ?? coordinator.secretKey,
          now: o.now ?? new Date(),
        });
  const res = await fetch(base + VALIDATOR_SIGN_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...o.headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    json: JSON.parse(text),
    text,
    nonce: (o.headers ?? auth)['x-jil-nonce'],
    signature: res.headers.get('x-jil-signature'),
  };
}
const proposal = async (over: Record<string, unknown> = {}) => {
  const request = reviewRequest(over);
  const partySalts = newPartySalts(request);
  const body = await engine.propose(request, new Date(), partySalts);
  return {
    request,
    body,
    partySalts,
    text: JSON.stringify({ request, proposal: body, party_salts: partySalts, snapshot_sha256: snapshot.sha256 }),
  };
};
const respSigned = (c: Call) =>
  verifyPeerResponse(VALIDATOR_PEER_PROTOCOL, c.nonce ?? '', c.status, c.text, c.signature ?? undefined, me.publicKey);

beforeAll(start);
afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/validator/sign', () => {
  let first: Awaited<ReturnType<typeof proposal>>;
  it('signs a proposal it re-derives: its DSSE signature over PAE(payload type, JCS(body)), in a signed response, journaled', async () => {
    first = await proposal({ transit_id: 'vs-1' });
    const r = await call(first.text);
    expect(r.status).toBe(200);
    expect(r.json.keyid).toBe(me.keyid);
    expect(verify(base64Decode(r.json.sig), pae(PSA_PAYLOAD_TYPE, canonicalBytes(first.body)), me.publicKey)).toBe(true);
    expect(respSigned(r)).toBe(true);
    expect(journalLines()).toBe(1);
  });

  const sameBody =
    'the same body again gets the same signature; another body for the same transit_id is refused (409), also after a restart';
  it(sameBody, async () => {
    const again = await call(first.text);
    expect(again.status).toBe(200);
    expect(journalLines()).toBe(1);
    const other = await engine.propose(first.request, new Date(Date.now() + 5), first.partySalts);
    const text = JSON.stringify({
      request: first.request,
      proposal: other,
      party_salts: first.partySalts,
      snapshot_sha256: snapshot.sha256,
    });
    const r = await call(text);
    expect([r.status, r.json.error.code, r.json.error.details]).toEqual([
      409,
      'VALIDATOR_EQUIVOCATION_REFUSED',
      { field: 'transit_id', transit_id: 'vs-1' },
    ]);
    expect(respSigned(r)).toBe(true);
    await stop();
    await start();
    expect((await call(text)).json.error.code).toBe('VALIDATOR_EQUIVOCATION_REFUSED');
    expect(journalLines()).toBe(1);
  });

  it('refuses a proposal it does not re-derive with the reviewer’s code, signs nothing', async () => {
    const p = await proposal({ transit_id: 'vs-2' });
    const tampered: PsaBody = { ...p.body, verdict: 'fail' };
    const r = await call(
      JSON.stringify({ request: p.request, proposal: tampered, party_salts: p.partySalts, snapshot_sha256: snapshot.sha256 }),
    );
    expect([r.status, r.json.error.code, r.json.error.details.stage]).toEqual([409, 'VALIDATOR_FINDINGS_DIFFER', 'verdict']);
    // without the coordinator's salts the validator cannot reach the same party-name commitments
    const unsalted = await call(JSON.stringify({ request: p.request, proposal: p.body, snapshot_sha256: snapshot.sha256 }));
    expect([unsalted.status, unsalted.json.error.code, unsalted.json.error.details.stage]).toEqual([
      409,
      'VALIDATOR_FINDINGS_DIFFER',
      'sanctions',
    ]);
    const s = await call(JSON.stringify({ request: p.request, proposal: p.body, snapshot_sha256: 'd'.repeat(64) }));
    expect([s.status, s.json.error.code]).toEqual([409, 'VALIDATOR_SNAPSHOT_MISMATCH']);
    expect(journalLines()).toBe(1);
  });

  const badInput =
    'bad input: unsigned, unknown coordinator, replayed, expired, malformed, oversized → coded 4xx, signed responses, nothing signed';
  it(badInput, async () => {
    const p = await proposal({ transit_id: 'vs-3' });
    const expect4xx = (c: Call, status: number, code: string) => {
      expect([c.status, c.json.error.code]).toEqual([status, code]);
      expect(respSigned(c)).toBe(true);
    };
    expect4xx(await call(p.text, { sign: false }), 401, 'AUTH_MISSING_HEADER');
    const impostor = generateKeyPair();
    const forged = signPeerRequest({
      protocol: VALIDATOR_PEER_PROTOCOL,
      method: 'POST',
      path: VALIDATOR_SIGN_PATH,
      body: p.text,
      sender: keyId(impostor.publicKey),
      secretKey: impostor.secretKey,
      now: new Date(),
    });
    expect4xx(await call(p.text, { sign: false, headers: forged }), 401, 'AUTH_UNKNOWN_KEY');
    expect4xx(await call(p.text, { key: impostor.secretKey }), 401, 'AUTH_BAD_SIGNATURE');
    const once = signPeerRequest({
      protocol: VALIDATOR_PEER_PROTOCOL,
      method: 'POST',
      path: VALIDATOR_SIGN_PATH,
      body: '{}',
      sender: keyId(coordinator.publicKey),
      secretKey: coordinator.secretKey,
      now: new Date(),
    });
    expect4xx(await call('{}', { sign: false, headers: once }), 400, 'REQUEST_VALIDATION_FAILED');
    expect4xx(await call('{}', { sign: false, headers: once }), 401, 'AUTH_REPLAYED_NONCE');
    expect4xx(await call(p.text, { now: new Date(Date.now() - 301_000) }), 401, 'AUTH_STALE_TIMESTAMP');
    expect4xx(await call('{"request":'), 400, 'REQUEST_MALFORMED_JSON');
    expect4xx(await call('{"a":1,"a":2}'), 400, 'REQUEST_MALFORMED_JSON');
    expect4xx(
      await call(JSON.stringify({ request: p.request, proposal: { ...p.body, findings: [] }, snapshot_sha256: snapshot.sha256 })),
      422,
      'VALIDATOR_PROPOSAL_INVALID',
    );
    expect4xx(
      await call(
        JSON.stringify({ request: p.request, proposal: p.body, party_salts: { sender: 'AAAA' }, snapshot_sha256: snapshot.sha256 }),
      ),
      422,
      'VALIDATOR_PROPOSAL_INVALID',
    );
    const big = JSON.stringify({
      request: p.request,
      proposal: p.body,
      snapshot_sha256: snapshot.sha256,
      pad: 'x'.repeat(10 * 1024 * 1024),
    });
    expect4xx(await call(big), 413, 'REQUEST_TOO_LARGE');
    expect(journalLines()).toBe(1);
  });

  it('GET /health is public and names the validator and its snapshot', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      validator_id: 'val-07',
      jurisdiction: me.jurisdiction,
      keyid: me.keyid,
      snapshot_sha256: snapshot.sha256,
      signed: 1,
    });
    expect(createSigner(me.secretKey).keyid).toBe(me.keyid);
  });

  it('GET /metrics is public and counts requests by route pattern and status (Prometheus text format)', async () => {
    const count = async (series: string): Promise<number> => {
      const res = await fetch(`${base}/metrics`);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const line = (await res.text()).split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const health = 'http_requests_total{method="GET",route="/health",status_code="200"}';
    const before = await count(health);
    await fetch(`${base}/health`);
    await fetch(`${base}/health`);
    expect(await count(health)).toBe(before + 2);
    // A refused sign request is counted under the route pattern with its status.
    const unsigned = 'http_requests_total{method="POST",route="/v1/validator/sign",status_code="401"}';
    const refusedBefore = await count(unsigned);
    expect((await call('{}', { sign: false })).status).toBe(401);
    expect(await count(unsigned)).toBe(refusedBefore + 1);
  });
});
