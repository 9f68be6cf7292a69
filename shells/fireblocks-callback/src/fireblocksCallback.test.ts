/**
 * The Fireblocks co-signer callback end to end: a simulated API Co-Signer (testing/simulatedCosigner.ts, written from
 * ../shared/integrations/fireblocks-callback.md) sends real RS256 JWTs carrying real unsigned EIP-1559 transactions to
 * the callback, which asks a real in-process pre-clearance service (embedded validators, PGlite, the real lists of
 * ../shared/data) for a PSA bound to the signing hash and verifies it offline against the pinned set.
 */
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSPKI } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEmbeddedValidators, signValidatorSet, validatorSetFor, verifyPsa, type PsaBody } from '@jil/psa';
import { openPostgres } from '@jil/server-kit';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import type { CallbackConfig } from './config/CallbackConfig.js';
import { startCallbackService, type RunningCallbackService } from './startCallbackService.js';
import { DecisionRepository } from './storage/DecisionRepository.js';
import { rsaKeys, SimulatedCosigner, type RsaKeys } from './testing/simulatedCosigner.js';

const HOT_WALLET = '0x0519035923133db8356bb16018454ebc751e4348'; // synthetic, in no list (the demo's hot wallet)
const CLEAN = '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664'; // synthetic, in no list
const OTHER_CLEAN = '0xfe8f6fee86528a8ae90511811ced3c6d7aa59e53'; // synthetic, in no list
const OFAC = '0x7F367cC41522cE07553e823bf3be79A889DEbe1B'; // ofac-eth-ultrasoundmoney: "POTEKHIN, Danil"
const DEADLINE_MS = 3_000;
const PG_URL = process.env['JIL_TEST_DATABASE_URL'] || undefined; // the simulated co-signer's deadline in these tests

describe.skipIf(!HAS_SHARED_DATA)('Fireblocks co-signer callback against a real pre-clearance service (needs ../shared/data)', () => {
  const state = mkdtempSync(join(tmpdir(), 'jil-fireblocks-'));
  let jil: RunningService;
  let cosignerKeys: RsaKeys;
  let callbackKeys: RsaKeys;
  let wrongKeys: RsaKeys;
  const started: RunningCallbackService[] = [];

  /** A callback (fresh in-memory PGlite, or `databaseUrl`) in front of `jilUrl`, and a simulated co-signer talking to it. */
  async function setup(overrides: Partial<CallbackConfig> = {}, jilUrl = jil.url, databaseUrl?: string) {
    const config: CallbackConfig = {
      cosignerPublicKey: await importSPKI(cosignerKeys.publicPem, 'RS256'),
      callbackPrivateKey: callbackKeys.privateKey,
      jil: {
        baseUrl: jilUrl,
        accessKeyId: jil.state.credentials.access_key_id,
        secret: jil.state.credentials.secret,
        custodianId: jil.state.credentials.custodian_id,
      },
      validatorSet: jil.state.signedValidatorSet,
      sourceAddresses: { '0': HOT_WALLET },
      responseDeadlineMs: 2_000,
      ...overrides,
    };
    const svc = await startCallbackService({ config, port: 0, ...(databaseUrl ? { databaseUrl } : {}) });
    started.push(svc);
    const cosigner = new SimulatedCosigner({
      callbackUrl: svc.url,
      keys: cosignerKeys,
      callbackPublicKey: callbackKeys.publicKey,
      deadlineMs: DEADLINE_MS,
    });
    return { svc, cosigner, decisions: new DecisionRepository(svc.db) };
  }

  /** The callback with the default configuration, shared by the tests that use it (PGlite takes ~2 s to open). */
  let shared: Awaited<ReturnType<typeof setup>> | undefined;
  const defaults = async () => (shared ??= await setup());

  beforeAll(async () => {
    [cosignerKeys, callbackKeys, wrongKeys] = await Promise.all([rsaKeys(), rsaKeys(), rsaKeys()]);
    // listFreshness off: the bundled lists are older than the freshness policy, under which every verdict is `flag`.
    jil = await startService({
      stateDir: state,
      dataDir: dataPath(),
      port: 0,
      logger: false,
      listFreshness: false,
      transparencyLog: false,
    });
  }, 240_000);
  afterAll(async () => {
    for (const s of started) await s.close();
    await jil?.close();
    rmSync(state, { recursive: true, force: true });
  });

  it('clean address → APPROVE, with the pass PSA bound to the signing hash kept', async () => {
    const { cosigner, decisions } = await defaults();
    const claims = cosigner.request({ destAddress: CLEAN, amountStr: '1.25', amountUSD: 4375 });
    const out = await cosigner.send(await cosigner.sign(claims));
    expect(out).toMatchObject({ status: 200, response: { action: 'APPROVE', requestId: claims['requestId'] } });
    expect(out.response).not.toHaveProperty('rejectionReason');
    const row = await decisions.get(String(claims['requestId']));
    const payload = (claims['rawTx'] as { payload: string }[])[0]!.payload;
    expect(row).toMatchObject({ action: 'APPROVE', outcome: 'pass', verdict: 'pass', tx_preimage_hash: payload, response_jwt: out.body });
    // the kept PSA verifies offline again, bound to the hash the co-signer signs, named as keccak256
    const v = verifyPsa(row!.psa_envelope, {
      validatorSet: jil.state.signedValidatorSet,
      now: new Date(),
      expect: { tx_preimage_hash: payload, tx_preimage_hash_alg: 'keccak256' },
    });
    expect(v.valid).toBe(true);
    expect((v as { body: PsaBody }).body.transfer).toMatchObject({
      destination_address: '0x6861495f5311a3eAE8F8DF6f63eA3bcbDa60f664',
      amount: '1.25',
      amount_usd: '4375.00',
    });
  });

  it.skipIf(!PG_URL)('on PostgreSQL (JIL_TEST_DATABASE_URL, a fresh schema): APPROVE kept, replay refused', async () => {
    const schema = `jil_fireblocks_e2e_${Date.now().toString(36)}`;
    const admin = await openPostgres(PG_URL!);
    await admin.exec(`CREATE SCHEMA ${schema}`);
    try {
      const u = new URL(PG_URL!);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const { svc, cosigner, decisions } = await setup({}, jil.url, u.toString());
      expect(svc.db.kind).toBe('postgres');
      const claims = cosigner.request({ destAddress: CLEAN, amountStr: '3', amountUSD: 10500 });
      const jwt = await cosigner.sign(claims);
      expect((await cosigner.send(jwt)).response).toMatchObject({ action: 'APPROVE' });
      expect((await cosigner.send(jwt)).status).toBe(409);
      expect(await decisions.get(String(claims['requestId']))).toMatchObject({
        outcome: 'pass',
        psa_envelope: { payloadType: 'application/vnd.jil.psa.v1+json' },
      });
      await svc.close();
      started.splice(started.indexOf(svc), 1);
    } finally {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });

  it('OFAC-listed address → REJECT naming the PSA and the deciding hit', async () => {
    const { cosigner, decisions } = await defaults();
    const claims = cosigner.request({ destAddress: OFAC, amountStr: '0.5', amountUSD: 1750 });
    const out = await cosigner.send(await cosigner.sign(claims));
    expect(out).toMatchObject({ status: 200, response: { action: 'REJECT', requestId: claims['requestId'] } });
    const row = await decisions.get(String(claims['requestId']));
    expect(row).toMatchObject({ action: 'REJECT', outcome: 'fail', verdict: 'fail' });
    expect(out.response!.rejectionReason).toContain(`JIL PSA ${row!.psa_id} verdict fail`);
    expect(out.response!.rejectionReason).toMatch(
      new RegExp(
        'endpoints: Destination 0x7F367cC41522cE07553e823bf3be79A889DEbe1B is on a sanctions list .* ' +
          'per ofac-eth-ultrasoundmoney dated \\d{4}-\\d{2}-\\d{2}',
      ),
    );
  });

  it('tampered rawTx whose to differs from destAddress → REJECT, and no PSA is asked for', async () => {
    const { cosigner, decisions } = await defaults();
    const claims = cosigner.request({ destAddress: CLEAN, txTo: OTHER_CLEAN, amountStr: '1', amountUSD: 3500 });
    const out = await cosigner.send(await cosigner.sign(claims));
    expect(out).toMatchObject({ status: 200, response: { action: 'REJECT' } });
    expect(out.response!.rejectionReason).toMatch(/rawTx to 0xFE8F6fEE86528a8AE90511811ceD3c6D7aa59E53 differs from destAddress/i);
    expect(await decisions.get(String(claims['requestId']))).toMatchObject({ outcome: 'tx_mismatch', psa_id: null, psa_envelope: null });
    // the same for a value that differs from amountStr, and a payload that is not the transaction's signing hash
    const value = cosigner.request({ destAddress: CLEAN, amountStr: '1', valueWei: 10n ** 19n, amountUSD: 3500 });
    expect((await cosigner.send(await cosigner.sign(value))).response).toMatchObject({
      action: 'REJECT',
      rejectionReason: expect.stringMatching(/differs from amountStr/),
    });
    const swapped = cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 });
    (swapped['rawTx'] as { payload: string }[])[0]!.payload = 'ab'.repeat(32);
    expect((await cosigner.send(await cosigner.sign(swapped))).response).toMatchObject({
      action: 'REJECT',
      rejectionReason: expect.stringMatching(/not the keccak256 signing hash/),
    });
  });

  it('JWT signed by the wrong key → 401, and nothing is decided or stored', async () => {
    const { cosigner, decisions } = await defaults();
    const claims = cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 });
    const out = await cosigner.send(await cosigner.sign(claims, { key: wrongKeys.privateKey }));
    expect(out.status).toBe(401);
    expect(JSON.parse(out.body)).toMatchObject({ error: { code: 'FIREBLOCKS_JWT_INVALID' } });
    expect(await decisions.get(String(claims['requestId']))).toBeUndefined();
    // an unsigned token (alg none) and garbage are refused the same way
    const none =
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.` +
      `${Buffer.from(JSON.stringify({ ...claims, iat: Math.floor(Date.now() / 1000) })).toString('base64url')}.`;
    expect((await cosigner.send(none)).status).toBe(401);
    expect((await cosigner.send('not a jwt')).status).toBe(401);
  });

  it('replayed request → 409 the second time, the first answer stands; a stale iat → 401', async () => {
    const { cosigner, decisions } = await defaults();
    const claims = cosigner.request({ destAddress: CLEAN, amountStr: '2', amountUSD: 7000 });
    const jwt = await cosigner.sign(claims);
    const first = await cosigner.send(jwt);
    expect(first.response).toMatchObject({ action: 'APPROVE' });
    const again = await cosigner.send(jwt);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({
      error: { code: 'FIREBLOCKS_REQUEST_REPLAYED', details: { requestId: claims['requestId'] } },
    });
    // a fresh signature over the same requestId is a replay too
    expect((await cosigner.send(await cosigner.sign(claims))).status).toBe(409);
    expect(await decisions.get(String(claims['requestId']))).toMatchObject({ action: 'APPROVE', response_jwt: first.body });
    // outside the iat window (default 300 s)
    const old = cosigner.request({ destAddress: CLEAN, amountStr: '2', amountUSD: 7000 });
    expect((await cosigner.send(await cosigner.sign(old, { iat: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
  });

  it('flag → REJECT by default (fail closed), APPROVE only when onFlag says so; the PSA is kept either way', async () => {
    // a flag the co-signer request can produce: address poisoning — the vault paid CLEAN before, now pays an address
    // with CLEAN's first and last characters (risk: suspicious_suffix 65 + novel_destination 10 = 75 → flag)
    const LOOKALIKE = `0x6861${'5a'.repeat(16)}f664`;
    for (const [onFlag, vault] of [
      [undefined, '7'],
      ['APPROVE', '8'],
    ] as const) {
      const { cosigner, decisions } = await setup({ sourceAddresses: { [vault]: HOT_WALLET }, ...(onFlag ? { onFlag } : {}) });
      const before = cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500, sourceId: vault });
      expect((await cosigner.send(await cosigner.sign(before))).response).toMatchObject({ action: 'APPROVE' });
      const claims = cosigner.request({ destAddress: LOOKALIKE, amountStr: '1', amountUSD: 3500, sourceId: vault });
      const out = await cosigner.send(await cosigner.sign(claims));
      const row = await decisions.get(String(claims['requestId']));
      expect(row).toMatchObject({ outcome: 'flag', verdict: 'flag', action: onFlag ?? 'REJECT' });
      expect(row!.psa_envelope).not.toBeNull();
      if (onFlag === 'APPROVE') {
        expect(out.response).toMatchObject({ action: 'APPROVE' });
        expect(out.response).not.toHaveProperty('rejectionReason');
      } else {
        expect(out.response).toMatchObject({
          action: 'REJECT',
          rejectionReason: expect.stringMatching(new RegExp(`^JIL PSA ${row!.psa_id} verdict flag: .*risk.*\\(flag policy REJECT\\)$`)),
        });
      }
    }
  });

  it('a PSA that fails offline verification (foreign pinned set) or a refused request → REJECT, whatever the outage policy', async () => {
    const validators = generateEmbeddedValidators(20);
    const now = new Date();
    const foreign = signValidatorSet(
      validatorSetFor({
        validators,
        setId: 'foreign',
        validFrom: new Date(now.getTime() - 60_000),
        validUntil: new Date(now.getTime() + 3_600_000),
      }),
      validators,
    );
    const pinned = await setup({ validatorSet: foreign, onOutage: 'APPROVE' });
    const claims = pinned.cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 });
    const out = await pinned.cosigner.send(await pinned.cosigner.sign(claims));
    expect(out.response).toMatchObject({
      action: 'REJECT',
      rejectionReason: expect.stringMatching(/failed offline verification: validator_set_match PSA_VALIDATOR_SET_MISMATCH/),
    });
    expect(await pinned.decisions.get(String(claims['requestId']))).toMatchObject({ outcome: 'psa_invalid', verdict: 'pass' });
    // another custodian than the access key's: JIL answers 403 AUTH_FORBIDDEN, a refusal, not an outage
    const other = await setup({
      onOutage: 'APPROVE',
      jil: {
        baseUrl: jil.url,
        accessKeyId: jil.state.credentials.access_key_id,
        secret: jil.state.credentials.secret,
        custodianId: 'someone-else',
      },
    });
    const refused = await other.cosigner.send(
      await other.cosigner.sign(other.cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 })),
    );
    expect(refused.response).toMatchObject({
      action: 'REJECT',
      rejectionReason: expect.stringMatching(/JIL refused the pre-clearance request \(AUTH_FORBIDDEN/),
    });
  });

  it('JIL down (connection refused) → the outage policy, REJECT by default, well within the deadline', async () => {
    const closed = await closedPort();
    const { cosigner, decisions } = await setup({}, `http://127.0.0.1:${closed}`);
    const claims = cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 });
    const out = await cosigner.send(await cosigner.sign(claims));
    expect(out).toMatchObject({
      status: 200,
      timedOut: false,
      response: { action: 'REJECT', rejectionReason: expect.stringMatching(/unavailable \(CLIENT_NETWORK\); outage policy REJECT/) },
    });
    expect(out.elapsedMs).toBeLessThan(DEADLINE_MS);
    expect(await decisions.get(String(claims['requestId']))).toMatchObject({ outcome: 'outage', psa_envelope: null });
  });

  it(
    'JIL hanging → the policy answer before the response deadline (2 s), inside the co-signer deadline (3 s); APPROVE when so ' +
      'configured',
    async () => {
      const hang = await hangingServer();
      try {
        for (const onOutage of ['REJECT', 'APPROVE'] as const) {
          const { cosigner } = await setup({ onOutage, jilTimeoutMs: 10_000 }, hang.url);
          const claims = cosigner.request({ destAddress: CLEAN, amountStr: '1', amountUSD: 3500 });
          const out = await cosigner.send(await cosigner.sign(claims));
          expect(out).toMatchObject({ status: 200, timedOut: false, response: { action: onOutage } });
          expect(out.elapsedMs).toBeGreaterThan(1_500);
          expect(out.elapsedMs).toBeLessThan(2_000 + 250);
        }
      } finally {
        hang.close();
      }
    },
  );
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A TCP server that accepts connections and never answers. */
async function hangingServer(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<import('node:net').Socket>();
  const s: Server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as { port: number }).port}`,
    close: () => {
      for (const k of sockets) k.destroy();
      s.close();
    },
  };
}
