/**
 * What an exchange runs before crediting a deposit: verify a PSA with nothing but @jil/sdk and a pinned
 * validator set. No network.
 * Run: pnpm --filter @jil/examples verify <psa.json> <validator-set.json> [<expected destination>]
 *   (a PSA is valid for 60 s after issue; later this prints the PSA_EXPIRED refusal)
 *   e.g. after `pnpm jil demo`, from the repository root: .jil/demo/psa-06.json .jil/validator-set.json
 *   Relative paths are resolved from the directory you run pnpm in. <psa.json> may hold the envelope or a validate answer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyPsa } from '@jil/sdk';

const [psaFile, setFile, destination] = process.argv.slice(2);
if (!psaFile || !setFile) {
  console.error('usage: exchange-verify-offline <psa.json> <validator-set.json> [<expected destination>]');
  process.exit(2);
}
// pnpm --filter runs this in examples/: resolve the paths from where pnpm was invoked (INIT_CWD).
const callerDir = process.env['INIT_CWD'] ?? process.cwd();
const read = (file: string): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(resolve(callerDir, file), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    console.error(
      `cannot read ${resolve(callerDir, file)}: ` +
        `${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
    process.exit(2);
  }
};
const doc = read(psaFile);
const envelope = 'envelope' in doc ? doc['envelope'] : doc; // a validate answer or the envelope itself
const pinned = read(setFile);
const pinnedSet = 'signed' in pinned ? pinned['signed'] : pinned; // GET /v1/validator-set answer or the file
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
  console.log(
    `credit: PSA ${result.body.psa_id} is valid until ${result.body.expires_at}, signed by ${result.signers.length} validators in ` +
      `${result.jurisdictions.length} jurisdictions`,
  );
}
