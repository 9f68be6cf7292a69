/**
 * A Fireblocks API Co-Signer callback in front of JIL, on loopback: a pre-clearance service (embedded validators, the
 * real lists), the callback handler (shells/fireblocks-callback), and a simulated co-signer that sends RS256-signed
 * tx_sign_requests carrying real unsigned EIP-1559 transactions. Prints each answer and the PSA kept for it.
 * Run: pnpm --filter @jil/examples fireblocks-callback   (data from ../shared/data or JIL_DATA_DIR; about 20 s)
 * Setup for a real co-signer: docs/integrations/fireblocks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCallbackService, DecisionRepository } from '@jil/shell-fireblocks-callback';
import { rsaKeys, SimulatedCosigner } from '@jil/shell-fireblocks-callback/testing';
import { startService } from '@jil/shell-preclearance';

const dataDir = process.env['JIL_DATA_DIR'] ?? resolve(import.meta.dirname, '../../shared/data');
const stateDir = mkdtempSync(join(tmpdir(), 'jil-fireblocks-example-'));
// listFreshness: false — the bundled lists are older than the freshness policy, under which every verdict is at least
// `flag` (and the callback would REJECT everything, fail closed). Refresh them with `jil ingest --from-official` instead.
const jil = await startService({ stateDir, dataDir, port: 0, logger: false, listFreshness: false });
const [cosignerKeys, callbackKeys] = await Promise.all([rsaKeys(), rsaKeys()]);
const callback = await startCallbackService({
  port: 0, // PGlite in memory here; FIREBLOCKS_CALLBACK_DATA_DIR / DATABASE_URL in the shell's main
  config: {
    cosignerPublicKey: cosignerKeys.publicKey, // the co-signer's public key (PEM in FIREBLOCKS_COSIGNER_PUBLIC_KEY)
    callbackPrivateKey: callbackKeys.privateKey, // the callback's own key; its public half goes to the co-signer
    jil: {
      baseUrl: jil.url,
      accessKeyId: jil.state.credentials.access_key_id,
      secret: jil.state.credentials.secret,
      custodianId: jil.state.credentials.custodian_id,
    },
    validatorSet: jil.state.signedValidatorSet, // pinned out of band in production (.jil/validator-set.json)
    sourceAddresses: { '0': '0x0519035923133db8356bb16018454ebc751e4348' }, // vault account 0's ETH address
  },
});
const cosigner = new SimulatedCosigner({
  callbackUrl: callback.url,
  keys: cosignerKeys,
  callbackPublicKey: callbackKeys.publicKey,
  deadlineMs: 10_000,
});
const decisions = new DecisionRepository(callback.db);

const cases = [
  {
    title: 'clean destination',
    expect: 'APPROVE',
    t: { destAddress: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664', amountStr: '1.25', amountUSD: 4375 },
  },
  {
    title: "destination on OFAC's Ethereum list",
    expect: 'REJECT',
    t: { destAddress: '0x7F367cC41522cE07553e823bf3be79A889DEbe1B', amountStr: '0.5', amountUSD: 1750 },
  },
  {
    title: 'rawTx pays another address than destAddress',
    expect: 'REJECT',
    t: {
      destAddress: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
      txTo: '0xfe8f6fee86528a8ae90511811ced3c6d7aa59e53',
      amountStr: '1',
      amountUSD: 3500,
    },
  },
];
let failures = 0;
try {
  for (const c of cases) {
    const claims = cosigner.request(c.t);
    const out = await cosigner.send(await cosigner.sign(claims));
    const row = await decisions.get(String(claims['requestId']));
    const action = out.response?.action ?? `HTTP ${out.status}`;
    if (action !== c.expect) failures += 1;
    console.log(
      `${c.title}\n  → ${action} in ${out.elapsedMs.toFixed(0)} ms` +
        `${out.response?.rejectionReason ? `: ${out.response.rejectionReason}` : ''}`,
    );
    console.log(
      `  kept: outcome ${row?.outcome}, PSA ${row?.psa_id ?? '(none: no PSA asked for)'}` +
        `${row?.verdict ? ` verdict ${row.verdict}` : ''}, tx_preimage_hash ${row?.tx_preimage_hash ?? '-'}`,
    );
  }
  // the same request again: refused, the first answer stands
  const claims = cosigner.request(cases[0]!.t);
  const jwt = await cosigner.sign(claims);
  await cosigner.send(jwt);
  const replay = await cosigner.send(jwt);
  console.log(`replayed request\n  → HTTP ${replay.status} ${JSON.parse(replay.body).error.code}`);
  if (replay.status !== 409) failures += 1;
} finally {
  await callback.close();
  await jil.close();
  rmSync(stateDir, { recursive: true, force: true });
}
console.log(failures === 0 ? 'All answers as expected.' : `${failures} answer(s) differ from what was expected.`);
process.exitCode = failures === 0 ? 0 : 1;
