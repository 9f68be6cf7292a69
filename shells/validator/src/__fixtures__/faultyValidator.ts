/**
 * Test entry: a validator process with a fault from `JIL_VALIDATOR_TEST_FAULT` — `slow:<ms>` (answers late),
 * `bad-signature` (one byte of every signature flipped), `equivocate` (signs without its journal's one-body rule).
 * Never used outside tests (`startValidatorProcesses({ entries })`).
 */
import { isJilError } from '@jil/core';
import { loadValidatorConfig } from '../loadValidatorConfig.js';
import { exitWithParent } from '../exitWithParent.js';
import { runValidator } from '../runValidator.js';
import type { ValidatorFaults } from '../createValidatorServer.js';

const fault = process.env['JIL_VALIDATOR_TEST_FAULT'] ?? '';
const faults: ValidatorFaults = fault.startsWith('slow:')
  ? { delayMs: Number(fault.slice(5)) }
  : fault === 'bad-signature'
    ? { corruptSignature: true }
    : fault === 'equivocate'
      ? { ignoreJournal: true }
      : {};
try {
  const running = await runValidator(loadValidatorConfig(process.argv[2]!), faults);
  exitWithParent(() => running.close());
} catch (error) {
  process.stderr.write(`${JSON.stringify({ event: 'error', ...(isJilError(error) ? error.toJSON() : { message: String(error) }) })}\n`);
  process.exit(1);
}
