/**
 * `tsx --conditions=jil-source shells/mpc-cosigner/src/main.ts <config.json>` — one FROST cosigner process.
 * The key file passphrase comes from `JIL_COSIGNER_PASSPHRASE`. Stops on SIGINT / SIGTERM.
 */
import { isJilError } from '@jil/core';
import { runCosigner } from './runCosigner.js';

const configPath = process.argv[2];
if (configPath === undefined) {
  process.stderr.write('usage: main.ts <config.json>\n');
  process.exit(2);
}
try {
  const { close } = await runCosigner(configPath);
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${JSON.stringify({ event: 'error', ...(isJilError(error) ? error.toJSON() : { message: 'failed to start' }) })}\n`);
  process.exit(1);
}
