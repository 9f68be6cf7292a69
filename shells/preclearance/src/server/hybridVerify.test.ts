import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { base64Encode, canonicalBytes, signRequest } from '@jil/core';
import { emptySnapshot } from '@jil/testkit';
import { createPreclearanceEngine, generateEmbeddedValidators, signValidatorSet, validatorSetFor, verifyValidatorSet } from '@jil/psa';
import type { Db } from '../storage/Db.js';
import { openPglite } from '../storage/openPglite.js';
import { migrate } from '../storage/migrate.js';
import { AccessKeyRepository } from '../storage/AccessKeyRepository.js';
import { PgRiskHistoryStore } from '../storage/PgRiskHistoryStore.js';
import { ClearanceRepository } from '../storage/ClearanceRepository.js';
import { createServer } from './createServer.js';
import { VERIFY_BODY_LIMIT_BYTES } from './routes/preclearance.js';

// A service whose validators are hybrid (composite ML-DSA-65 + Ed25519): its PSAs (≈ 68 KB) are over the service-wide
// 64 KiB body limit, and POST /v1/preclearance/verify takes them (its own limit, 256 KiB) — with the expected hash function.
const SECRET = crypto.getRandomValues(new Uint8Array(32));
const KEY = 'AKHYBRID01';
const validators = generateEmbeddedValidators(20, { suite: 'hybrid' });
const now = new Date();
const signedSet = signValidatorSet(validatorSetFor({ validators, setId: 'hybrid-http', validFrom: new Date(now.getTime() - 60_000), validUntil: new Date(now.getTime() + 86_400_000), suite: 'hybrid' }), validators);
let db: Db;
let app: FastifyInstance;
let base: string;

const call = async (path: string, body: string) => {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest({ method: 'POST', url: path, body, accessKeyId: KEY, secret: SECRET, now: new Date() }) }, body });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await new AccessKeyRepository(db).create({ access_key_id: KEY, secret_b64: base64Encode(SECRET), label: 'cust-h' });
  const engine = createPreclearanceEngine({ snapshot: emptySnapshot(), validatorSet: verifyValidatorSet(signedSet, { now }), validators, riskHistory: new PgRiskHistoryStore(db), clearances: new ClearanceRepository(db) });
  app = createServer({ engine, signedValidatorSet: signedSet, db, logger: false });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('POST /v1/preclearance/verify with a hybrid PSA', () => {
  it('takes a ≈ 68 KB hybrid PSA (over the 64 KiB service limit), checks it and its expected hash function; 256 KiB+ is 413', async () => {
    const hash = 'ab'.repeat(32);
    const issued = await call('/v1/preclearance/validate', JSON.stringify({ transit_id: 'h-1', chain_id: 'eip155:1', asset: 'ETH', amount: '1', amount_usd: '3500.00', source_address: '0x0519035923133db8356bb16018454ebc751e4348', destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664', sender: { id: 's' }, receiver: { id: 'r' }, custodian_id: 'cust-h', tx_preimage_hash: hash, tx_preimage_hash_alg: 'keccak256' }));
    expect(issued.status).toBe(201);
    const envelope = issued.json['envelope'];
    expect(canonicalBytes(envelope).length).toBeGreaterThan(65_536);
    const ok = await call('/v1/preclearance/verify', JSON.stringify({ envelope, expect: { tx_preimage_hash: hash, tx_preimage_hash_alg: 'keccak256' } }));
    expect([ok.status, ok.json['valid']]).toEqual([200, true]);
    const otherAlg = await call('/v1/preclearance/verify', JSON.stringify({ envelope, expect: { tx_preimage_hash: hash, tx_preimage_hash_alg: 'sha256' } }));
    expect([otherAlg.status, otherAlg.json['valid'], otherAlg.json['check']]).toEqual([200, false, 'preimage']);
    const tooBig = await call('/v1/preclearance/verify', JSON.stringify({ envelope, pad: 'x'.repeat(VERIFY_BODY_LIMIT_BYTES) }));
    expect([tooBig.status, tooBig.json['error']?.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
  });
});
