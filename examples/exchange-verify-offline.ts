/**
 * What an exchange runs before crediting a deposit: verify a PSA with nothing but @jil/sdk and a pinned
 * validator set. No network.
 * Run: pnpm --filter @jil/examples verify <psa.json> <validator-set.json> [<expected destination>]
 *   (a PSA is valid for 60 s after issue; later this prints the PSA_EXPIRED refusal)
 *   e.g. after `pnpm jil demo`: .jil/demo/psa-06.json .jil/validator-set.json
 */
import { readFileSync } from 'node:fs';
import { verifyPsa } from '@jil/sdk';

const [psaFile, setFile, destination] = process.argv.slice(2);
if (!psaFile || !setFile) {
  console.error('usage: exchange-verify-offline <psa.json> <validator-set.json> [<expected destination>]');
  process.exit(2);
}
const envelope = JSON.parse(readFileSync(psaFile, 'utf8'));
const pinnedSet = JSON.parse(readFileSync(setFile, 'utf8'));
const result = verifyPsa(envelope, {
  validatorSet: pinnedSet,
  now: new Date(),
  ...(destination ? { expect: { transfer: { destination_address: destination } } } : {}),
});
if (!result.valid) {
  console.log(`do not credit: ${result.check} failed (${result.code}): ${result.message}`);
  process.exitCode = 1;
} else if (result.body.verdict !== 'pass') {
  console.log(`authentic PSA, but verdict is ${result.body.verdict}: ${result.body.verdict_reasons.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log(`credit: PSA ${result.body.psa_id} is valid until ${result.body.expires_at}, signed by ${result.signers.length} validators in ${result.jurisdictions.length} jurisdictions`);
}
