/**
 * `tsx --conditions=jil-source shells/validator/src/main.ts [config.json]` — one validator process. Without a file the
 * configuration comes from `JIL_VALIDATOR_*` environment variables (see `validatorConfigFromEnv`). Stops on SIGINT /
 * SIGTERM.
 */
import { isJilError } from '@jil/core';
import { loadValidatorConfig, validatorConfigFromEnv } from './loadValidatorConfig.js';
import { exitWithParent } from './exitWithParent.js';
import { runValidator } from './runValidator.js';

try {
  const file = process.argv[2];
  const running = await runValidator(file === undefined ? validatorConfigFromEnv(process.env) : loadValidatorConfig(file));
  exitWithParent(() => running.close());
} catch (error) {
  process.stderr.write(
    `${JSON.stringify({
      event: 'error',
      ...(isJilError(error) ? error.toJSON() : { message: error instanceof Error ? error.message : 'failed to start' }),
    })}\n`,
  );
  process.exit(1);
}
