/**
 * Screen one transfer in-process (no server, no database) and verify the PSA offline.
 * Run: pnpm --filter @jil/examples embedded   (data from ../shared/data or JIL_DATA_DIR)
 */
import { resolve } from 'node:path';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  MemoryRiskHistoryStore,
  parseTransferRequest,
  signValidatorSet,
  validatorSetFor,
  verifyPsa,
  verifyValidatorSet,
} from '@jil/psa';
import { loadSnapshot } from '@jil/ingest';

const dataDir = process.env['JIL_DATA_DIR'] ?? resolve(import.meta.dirname, '../../shared/data');
const snapshot = await loadSnapshot(dataDir);

// Twenty validators over thirteen jurisdictions, threshold 14 — keys live only in this process.
const validators = generateEmbeddedValidators(20);
const now = new Date();
const set = validatorSetFor({ validators, setId: 'example', validFrom: now, validUntil: new Date(now.getTime() + 3_600_000) });
const signedSet = signValidatorSet(set, validators);
const engine = createPreclearanceEngine({
  snapshot,
  validatorSet: verifyValidatorSet(signedSet, { now }),
  validators,
  riskHistory: new MemoryRiskHistoryStore(),
});

const transfer = parseTransferRequest({
  transit_id: 'example-1',
  chain_id: 'eip155:1',
  asset: 'USDC',
  amount: '25000',
  amount_usd: '25000.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x28C6c06298d514Db089934071355E5743bf21d60', // Binance 14 (Etherscan label): informational
  sender: { id: 'acct-1', name: 'Helvetia Digital Assets AG', country: 'CH' },
  receiver: { id: 'acct-2', country: 'SG' },
  custodian_id: 'example-custodian',
});
const { envelope, body } = await engine.validate(transfer, new Date());
console.log(`verdict ${body.verdict}; ${body.verdict_reasons.join('; ') || 'no stage objected'}`);
for (const f of body.findings) console.log(`  ${f.stage.padEnd(9)} ${f.status.padEnd(5)} ${f.details.summary}`);

const result = verifyPsa(envelope, {
  validatorSet: signedSet,
  now: new Date(),
  expect: { transfer: { destination_address: transfer.destination_address } },
});
console.log(
  result.valid
    ? `offline verification: VALID (${result.signers.length} signatures, ${result.jurisdictions.length} jurisdictions)`
    : `INVALID ${result.check} ${result.code}`,
);
process.exitCode = result.valid ? 0 : 1;
