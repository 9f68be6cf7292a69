/**
 * `tsx --conditions=jil-source shells/validator/src/main.ts [config.json]` — one validator process. Without a file the
 * configuration comes from `JIL_VALIDATOR_*` environment variables (see `validatorConfigFromEnv`). Stops on SIGINT /
 * SIGTERM.
 */
import { isJilError } from '@jil/core';
import { startTracing } from '@jil/server-kit/tracing';
import { loadValidatorConfig, validatorConfigFromEnv } from './loadValidatorConfig.js';
import { exitWithParent } from './exitWithParent.js';
import { runValidator } from './runValidator.js';

try {
  const file = process.argv[2];
  // OpenTelemetry traces, opt-in by the standard OTEL_* variables (docs/operations.md §Traces); nothing when unset.
  const tracing = startTracing('jil-validator');
  const running = await runValidator(file === undefined ? validatorConfigFromEnv(process.env) : loadValidatorConfig(file));
  exitWithParent(async () => {
    await running.close();
    await tracing?.shutdown();
  });
} catch (error) {
  process.stderr.write(
    `${JSON.stringify({
      event: 'error',
      ...(isJilError(error) ? error.toJSON() : { message: error instanceof Error ? error.message : 'failed to start' }),
    })}\n`,
  );
  process.exit(1);
}
