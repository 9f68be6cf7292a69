/**
 * `pnpm --filter @jil/shell-fireblocks-callback start`: the Fireblocks API Co-Signer callback handler, configured from
 * the environment (docs/integrations/fireblocks.md §Configuration). PostgreSQL when DATABASE_URL is set, else PGlite
 * under FIREBLOCKS_CALLBACK_DATA_DIR (default `.jil/fireblocks-callback/pglite`).
 */
import { isJilError } from '@jil/core';
import { loadCallbackConfig } from './config/loadCallbackConfig.js';
import { startCallbackService } from './startCallbackService.js';

try {
  const config = await loadCallbackConfig(process.env);
  const port = process.env['PORT'] ? Number(process.env['PORT']) : 8790;
  const svc = await startCallbackService({
    config,
    databaseUrl: process.env['DATABASE_URL'],
    dataDir: process.env['FIREBLOCKS_CALLBACK_DATA_DIR'] ?? '.jil/fireblocks-callback/pglite',
    port,
    host: process.env['HOST'] ?? '127.0.0.1',
    logger: true,
  });
  console.log(
    `Fireblocks co-signer callback listening on ${svc.url}/v2/tx_sign_request (flag → ${config.onFlag ?? 'REJECT'}, outage → ` +
      `${config.onOutage ?? 'REJECT'})`,
  );
  const stop = () => void svc.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(isJilError(error) ? `${error.code}: ${error.message}` : String(error));
  process.exit(2);
}
