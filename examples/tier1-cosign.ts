/**
 * Tier 1 co-signing: a 2-of-3 key where JIL holds one share and signs only a transaction bound to a passing PSA.
 *   custodian hot key (1), custodian backup (2), JIL (3, policy = tier1Policy with the pinned validator set).
 * The PSA here is issued in-process by twenty embedded validators (the pre-clearance service does this in
 * production: POST /v1/preclearance/validate with tx_preimage_hash = SHA-256 of the unsigned transaction).
 * Run: pnpm --filter @jil/examples tier1-cosign
 */
import { generateKeyPair, isJilError, sha256Hex, utf8ToBytes, verify } from '@jil/core';
import { coordinateSigning, Cosigner, tier1Policy, trustedDealer } from '@jil/mpc';
import {
  buildPsaBody,
  generateEmbeddedValidators,
  parseTransferRequest,
  PSA_PAYLOAD_TYPE,
  selectQuorum,
  signValidatorSet,
  validatorSetFor,
  verifyValidatorSet,
} from '@jil/psa';
import { signDsse } from '@jil/core';

// The validator set the exchange and JIL's cosigner pin.
const now = new Date();
const validators = generateEmbeddedValidators(20);
const set = validatorSetFor({ validators, setId: 'example', validFrom: now, validUntil: new Date(now.getTime() + 3_600_000) });
const pinned = signValidatorSet(set, validators);

// The unsigned transaction and a PSA bound to it (verdict pass).
const unsignedTx = utf8ToBytes(
  '{"chain":"eip155:1","to":"0x6861495f5311a3eae8f8df6f63ea3bcbda60f664","value":"1500000000000000000","nonce":7}',
);
const request = parseTransferRequest({
  transit_id: 'tier1-1',
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1.5',
  amount_usd: '5250.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
  sender: { id: 'acct-1' },
  receiver: { id: 'acct-2' },
  custodian_id: 'demo-custodian',
  tx_preimage_hash: sha256Hex(unsignedTx),
});
const findings = (['endpoints', 'kyc', 'sanctions', 'risk'] as const).map((stage) => ({
  stage,
  status: 'pass' as const,
  duration_ms: 1,
  details: { summary: 'ok', hits: [], ...(stage === 'risk' ? { score: 5, signals: [] } : {}) },
}));
const snapshot = {
  datasets: [],
  sha256: '0'.repeat(64),
  addresses: { lookup: () => [], size: 0 },
  sanctions: [],
  fatf: [],
  iban: new Map(),
  banks: new Map(),
};
const body = buildPsaBody({
  request,
  findings,
  snapshot: snapshot as never,
  validatorSet: verifyValidatorSet(pinned, { now }),
  matcher: { name: 'example', version: '0', threshold: 0.9 },
  now,
});
const psa = signDsse(PSA_PAYLOAD_TYPE, body, selectQuorum(validators, set));
console.log(`PSA ${body.psa_id}: verdict ${body.verdict}, bound to tx ${body.transfer.tx_preimage_hash?.slice(0, 16)}…`);

// The 2-of-3 key and its three cosigners (in one process here; see custody-3of4.ts for processes).
const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: 2, maxSigners: 3 });
const ids = Object.keys(keyPackages);
const identities = ids.map(() => generateKeyPair());
const roster = Object.fromEntries(ids.map((id, i) => [id, identities[i]!.publicKey]));
const jil = ids[2]!;
const participants = ids.map(
  (id, i) =>
    new Cosigner({
      identifier: id,
      identitySecretKey: identities[i]!.secretKey,
      roster,
      keyPackage: keyPackages[id]!,
      ...(id === jil ? { policy: tier1Policy({ validatorSet: pinned }) } : {}),
    }),
);

const signed = await coordinateSigning({ participants, publicKeyPackage, message: unsignedTx, context: { psa }, required: [jil] });
console.log(`JIL co-signed: Ed25519 verify ${verify(signed.signature, unsignedTx, publicKeyPackage.commitments[0]!)}`);

for (const [label, message] of [
  ['same PSA again', unsignedTx],
  ['a different transaction', utf8ToBytes('{"to":"0xattacker"}')],
] as const) {
  try {
    await coordinateSigning({ participants, publicKeyPackage, message, context: { psa }, required: [jil] });
  } catch (e) {
    const refusal = isJilError(e) ? (e.details['refusals'] as Record<string, { code: string; message: string }>)[jil] : undefined;
    console.log(`${label}: JIL refused — ${refusal?.code}: ${refusal?.message}`);
  }
}
