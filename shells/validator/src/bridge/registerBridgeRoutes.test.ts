import fc from 'fast-check';
import { getAddress, hexlify, parseEther, randomBytes, recoverAddress, Wallet, ZeroAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, keyId } from '@jil/core';
import { encodeDepositClaim, releaseDigest, verifyDepositQuorum, type DepositClaimJson, type ReleaseMessage } from '@jil/bridge';
import { BRIDGE_DEPOSIT_ATTESTATION_PATH, BRIDGE_RELEASE_SIGNATURE_PATH, type WithdrawalTerms } from './registerBridgeRoutes.js';
import {
  BODY_LIMIT,
  peerHeaders,
  post,
  type BridgeRoutesFixture,
  type RouteAnswer,
  startBridgeRoutesFixture,
} from './testing/bridgeRoutesFixture.js';

// The validator's two bridge routes on a real private Hardhat node: every bad request is a 4xx with a stable code and
// the culprit named, never a 5xx; good ones are signed by the guardian key over the chain's (or the ledger's) terms.
let f: BridgeRoutesFixture;
let claimJson: DepositClaimJson;
beforeAll(async () => {
  f = await startBridgeRoutesFixture();
  claimJson = encodeDepositClaim(f.claim);
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

const ROUTES = [BRIDGE_DEPOSIT_ATTESTATION_PATH, BRIDGE_RELEASE_SIGNATURE_PATH];
const nowSeconds = () => Math.floor(Date.now() / 1000);
const randomId = () => hexlify(randomBytes(32));

/** A 4xx with this code whose details name `field` (in `details.fields`, `details.field` or `details.header`). */
function refusedFor(a: RouteAnswer, status: number, code: string, field?: string): void {
  expect({ status: a.status, code: a.json?.error?.code }).toEqual({ status, code });
  if (field === undefined) return;
  const d = a.json.error.details;
  const named = [d.field, d.header, ...(Array.isArray(d.fields) ? d.fields.map((x: { field: string }) => x.field) : [])];
  expect(named).toContain(field);
  if (code === 'REQUEST_VALIDATION_FAILED') expect(a.json.error.message).toContain(field);
}

/** Burn terms as the ledger would record them, put into the stand-in; returns the withdrawal id. */
function burned(over: Partial<WithdrawalTerms> = {}): WithdrawalTerms {
  const terms: WithdrawalTerms = {
    withdrawalId: randomId(),
    chainId: f.domain.chainId,
    token: ZeroAddress,
    recipient: new Wallet(hexlify(randomBytes(32))).address,
    amount: parseEther('0.25'),
    state: 'burned',
    ...over,
  };
  f.ledgerWithdrawals.set(over.withdrawalId ?? terms.withdrawalId, terms);
  return terms;
}
const releaseBody = (withdrawalId: string, expiry = String(nowSeconds() + 600)) => ({ withdrawal_id: withdrawalId, expiry });

describe.each(ROUTES)('%s: authentication and transport', (path) => {
  const body = () => (path === BRIDGE_DEPOSIT_ATTESTATION_PATH ? claimJson : releaseBody(burned().withdrawalId));

  it('no peer signature: 401 AUTH_MISSING_HEADER naming the header', async () => {
    refusedFor(await post(f, path, body(), { sign: false }), 401, 'AUTH_MISSING_HEADER', 'x-jil-peer');
  });

  it('an unknown sender: 401 AUTH_UNKNOWN_KEY; a pinned sender with another key: 401 AUTH_BAD_SIGNATURE', async () => {
    const stranger = generateKeyPair();
    const unknown = await post(f, path, body(), { secretKey: stranger.secretKey, sender: keyId(stranger.publicKey) });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe('AUTH_UNKNOWN_KEY');
    refusedFor(await post(f, path, body(), { secretKey: stranger.secretKey }), 401, 'AUTH_BAD_SIGNATURE', 'x-jil-signature');
  });

  it('a signature over another body or for the other route: 401 AUTH_BAD_SIGNATURE', async () => {
    const text = JSON.stringify(body());
    refusedFor(await post(f, path, text, { signedBody: `${text} ` }), 401, 'AUTH_BAD_SIGNATURE', 'x-jil-signature');
    const other = ROUTES.find((r) => r !== path)!;
    refusedFor(await post(f, path, text, { signedPath: other }), 401, 'AUTH_BAD_SIGNATURE', 'x-jil-signature');
  });

  it('the same peer nonce twice: the replay is 401 AUTH_REPLAYED_NONCE', async () => {
    const text = JSON.stringify(body());
    const headers = peerHeaders(f, path, text);
    const first = await post(f, path, text, { headers });
    expect(first.status).toBeLessThan(500);
    refusedFor(await post(f, path, text, { headers }), 401, 'AUTH_REPLAYED_NONCE', 'x-jil-nonce');
  });

  it('malformed JSON: 400 REQUEST_MALFORMED_JSON; another media type: 415; over the body limit: 413', async () => {
    refusedFor(await post(f, path, '{"withdrawal_id": '), 400, 'REQUEST_MALFORMED_JSON', '(body)');
    refusedFor(await post(f, path, '{}', { contentType: 'text/plain' }), 415, 'REQUEST_UNSUPPORTED_MEDIA_TYPE', '(body)');
    const big = JSON.stringify({ ...body(), padding: 'x'.repeat(BODY_LIMIT) });
    refusedFor(await post(f, path, big), 413, 'REQUEST_TOO_LARGE', '(body)');
  });

  it('a body that is not an object: 400 REQUEST_VALIDATION_FAILED', async () => {
    for (const value of [[], null, 'claim', 42, true]) {
      const a = await post(f, path, JSON.stringify(value));
      expect({ value, status: a.status, code: a.json.error.code }).toEqual({ value, status: 400, code: 'REQUEST_VALIDATION_FAILED' });
    }
  });
});

describe(`${BRIDGE_DEPOSIT_ATTESTATION_PATH}`, () => {
  it('signs the deposit as the chain states it; the signature recovers to the guardian address', async () => {
    const a = await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, claimJson);
    expect(a.status).toBe(200);
    expect(a.json.address).toBe(f.guardian.address);
    const c = f.claim;
    const message = {
      depositId: c.depositId,
      txHash: c.txHash,
      logIndex: c.logIndex,
      blockHash: c.blockHash,
      blockNumber: c.blockNumber,
      token: getAddress(c.token),
      amount: parseEther('1'),
      depositor: getAddress(c.depositor),
      jilAccount: 'user:alice',
      guardianSetVersion: 1,
    };
    const set = { version: 1, threshold: 1, guardians: [getAddress(f.guardian.address)] };
    expect(verifyDepositQuorum(f.domain, message, [a.json.signature], set).signers).toEqual([getAddress(f.guardian.address)]);
    expect(a.json.message).toMatchObject({ amount: '1000000000000000000', jilAccount: 'user:alice', guardianSetVersion: 1 });
  });

  it('every malformed or unknown claim field: 400 REQUEST_VALIDATION_FAILED naming it', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['chainId', { chainId: 31337 }],
      ['bridge', { bridge: 'not-an-address' }],
      ['txHash', { txHash: '0x1234' }],
      ['logIndex', { logIndex: -1 }],
      ['blockNumber', { blockNumber: '1.5' }],
      ['amount', { amount: '-1' }],
      ['depositor', { depositor: 42 }],
      ['jilAccount', { jilAccount: { id: 'alice' } }],
      ['proof', { proof: undefined }],
      ['fee', { fee: '1' }],
    ];
    for (const [field, over] of cases)
      refusedFor(await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, ...over }), 400, 'REQUEST_VALIDATION_FAILED', field);
  });

  it('any JSON value in any field is a 4xx with a code, never a 5xx (fast-check)', async () => {
    const keys = Object.keys(claimJson);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), async (key, value) => {
        const a = await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, [key]: value });
        if (JSON.stringify(value) === JSON.stringify((claimJson as unknown as Record<string, unknown>)[key])) return;
        expect(a.status, JSON.stringify({ key, value, a })).toBeGreaterThanOrEqual(400);
        expect(a.status, JSON.stringify({ key, value, a })).toBeLessThan(500);
        expect(a.json.error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 60 },
    );
  });

  it('a claim whose terms differ from the Deposit log: 422 BRIDGE_DEPOSIT_MISMATCH naming the field (fast-check)', async () => {
    const tampered = fc.oneof(
      fc.record({
        amount: fc
          .bigInt({ min: 1n, max: 2n ** 256n - 1n })
          .filter((v) => v !== f.claim.amount)
          .map(String),
      }),
      fc.record({ jilAccount: fc.string({ minLength: 1, maxLength: 64 }).filter((v) => v !== 'user:alice') }),
      fc.record({ depositor: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b))) }),
      fc.record({ token: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b))) }),
      fc.record({ depositId: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => hexlify(b)) }),
    );
    await fc.assert(
      fc.asyncProperty(tampered, async (over) => {
        const [field] = Object.keys(over);
        const a = await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, ...over });
        if (a.status === 400) {
          refusedFor(a, 400, 'REQUEST_VALIDATION_FAILED', field);
          return;
        }
        refusedFor(a, 422, 'BRIDGE_DEPOSIT_MISMATCH', field);
      }),
      { numRuns: 25 },
    );
  });

  it('a deposit that does not exist: not yet mined 409, another block hash 409, another transaction or log 422', async () => {
    refusedFor(await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, blockNumber: '1000000' }), 409, 'BRIDGE_NOT_CONFIRMED');
    refusedFor(await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, blockHash: randomId() }), 409, 'BRIDGE_BLOCK_MISMATCH');
    const otherTx = await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, txHash: randomId() });
    refusedFor(otherTx, 422, 'BRIDGE_DEPOSIT_MISMATCH', 'txHash');
    refusedFor(await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, logIndex: 7 }), 422, 'BRIDGE_DEPOSIT_MISMATCH', 'logIndex');
    // One hex digit of the middle of every proof node changed (the leaf's last bytes are ABI zero padding).
    const flip = (n: string) => {
      const i = Math.floor(n.length / 2);
      return `${n.slice(0, i)}${n[i] === 'a' ? 'b' : 'a'}${n.slice(i + 1)}`;
    };
    const nodes = claimJson.proof.nodes.map(flip);
    const badProof = await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, proof: { ...claimJson.proof, nodes } });
    expect(badProof.status).toBe(422);
    expect(badProof.json.error.code).toBe('BRIDGE_PROOF_INVALID');
  });

  it('a claim naming another chain or another bridge contract: 422 naming chainId / bridge', async () => {
    refusedFor(await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, chainId: '1' }), 422, 'BRIDGE_DEPOSIT_MISMATCH', 'chainId');
    const elsewhere = new Wallet(hexlify(randomBytes(32))).address;
    refusedFor(
      await post(f, BRIDGE_DEPOSIT_ATTESTATION_PATH, { ...claimJson, bridge: elsewhere }),
      422,
      'BRIDGE_DEPOSIT_MISMATCH',
      'bridge',
    );
  });
});

describe(`${BRIDGE_RELEASE_SIGNATURE_PATH}`, () => {
  it("signs the ledger's terms; the signature recovers to the guardian and the contract pays them", async () => {
    const terms = burned();
    const expiry = String(nowSeconds() + 600);
    const a = await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, releaseBody(terms.withdrawalId, expiry));
    expect(a.status).toBe(200);
    const message: ReleaseMessage = {
      withdrawalId: terms.withdrawalId,
      token: terms.token,
      recipient: terms.recipient,
      amount: terms.amount,
      expiry: BigInt(expiry),
      guardianSetVersion: 1,
    };
    expect(a.json.message).toEqual({ ...message, amount: terms.amount.toString(), expiry });
    expect(recoverAddress(releaseDigest(f.domain, message), a.json.signature)).toBe(getAddress(f.guardian.address));
    const release = f.bridge.getFunction('release');
    await (await release(terms.withdrawalId, terms.token, terms.recipient, terms.amount, BigInt(expiry), [a.json.signature])).wait();
    expect(await f.provider.getBalance(terms.recipient)).toBe(terms.amount);
  });

  it('a request that states terms is refused: every extra field named, 400', async () => {
    const terms = burned();
    const attempt = { ...releaseBody(terms.withdrawalId), amount: '1000', recipient: ZeroAddress, token: ZeroAddress, chain_id: '1' };
    const a = await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, attempt);
    for (const field of ['amount', 'recipient', 'token', 'chain_id']) refusedFor(a, 400, 'REQUEST_VALIDATION_FAILED', field);
  });

  it("an unknown, a released, another chain's or a mislabelled withdrawal: 404 BRIDGE_WITHDRAWAL_UNKNOWN", async () => {
    const released = burned({ state: 'released' }).withdrawalId;
    const otherChain = burned({ chainId: 1n }).withdrawalId;
    const mislabelled = randomId();
    burned({ withdrawalId: mislabelled }).withdrawalId;
    f.ledgerWithdrawals.set(mislabelled, { ...f.ledgerWithdrawals.get(mislabelled)!, withdrawalId: randomId() });
    for (const id of [randomId(), released, otherChain, mislabelled]) {
      refusedFor(await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, releaseBody(id)), 404, 'BRIDGE_WITHDRAWAL_UNKNOWN', 'withdrawal_id');
    }
  });

  it('expiry in the past, now, too far ahead or not a decimal string: 400 naming expiry', async () => {
    const id = burned().withdrawalId;
    const now = nowSeconds();
    const bad: unknown[] = [
      String(now - 1),
      String(now - 86_400),
      String(now + 3_700),
      '99999999999999999999',
      String(now + 600).padStart(12, '0'),
      now + 600,
      `${now + 600}.0`,
      '1e10',
      '0x10',
      ` ${now + 600}`,
      '-5',
      '',
      null,
      undefined,
    ];
    for (const expiry of bad) {
      refusedFor(await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, { withdrawal_id: id, expiry }), 400, 'REQUEST_VALIDATION_FAILED', 'expiry');
    }
  });

  it('a malformed withdrawal id: 400 naming withdrawal_id; both fields bad: both named', async () => {
    const id = burned().withdrawalId;
    for (const withdrawalId of [id.toUpperCase().replace('0X', '0x'), id.slice(0, 40), id.slice(2), 7, null, [id]]) {
      refusedFor(
        await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, releaseBody(withdrawalId as string)),
        400,
        'REQUEST_VALIDATION_FAILED',
        'withdrawal_id',
      );
    }
    const both = await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, {});
    refusedFor(both, 400, 'REQUEST_VALIDATION_FAILED', 'withdrawal_id');
    refusedFor(both, 400, 'REQUEST_VALIDATION_FAILED', 'expiry');
  });

  it('a ledger that fails or records a malformed burn is a JilError INTERNAL, without its details', async () => {
    const bad = burned({ recipient: 'not-an-address' });
    const a = await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, releaseBody(bad.withdrawalId));
    expect({ status: a.status, code: a.json.error.code }).toEqual({ status: 500, code: 'INTERNAL' });
    expect(a.json.error.message).toBe("the ledger's record of the withdrawal is not a valid release");
    f.ledgerFailure.error = new Error('connection refused: secret-db-host');
    try {
      const down = await post(f, BRIDGE_RELEASE_SIGNATURE_PATH, releaseBody(burned().withdrawalId));
      expect({ status: down.status, code: down.json.error.code }).toEqual({ status: 500, code: 'INTERNAL' });
      expect(JSON.stringify(down.json)).not.toContain('secret-db-host');
    } finally {
      f.ledgerFailure.error = undefined;
    }
  });
});
