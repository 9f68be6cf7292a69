/**
 * A custodian's policy engine asking a running service for a PSA.
 * Start the service first: `pnpm jil serve` (it creates .jil/credentials.json), then
 * Run: pnpm --filter @jil/examples client
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isJilError, JilClient } from '@jil/sdk';

const stateDir = process.env['JIL_STATE_DIR'] ?? resolve(import.meta.dirname, '../.jil');
const credentials = JSON.parse(readFileSync(resolve(stateDir, 'credentials.json'), 'utf8')) as { access_key_id: string; secret: string; custodian_id: string };
const client = new JilClient({ baseUrl: process.env['JIL_URL'] ?? 'http://127.0.0.1:8787', accessKeyId: credentials.access_key_id, secret: credentials.secret, timeoutMs: 5000 });

try {
  const psa = await client.validate({
    transit_id: `example-${Date.now()}`,
    chain_id: 'eip155:1',
    asset: 'ETH',
    amount: '3',
    amount_usd: '10500.00',
    source_address: '0x0519035923133db8356bb16018454ebc751e4348',
    destination_address: '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b', // Tornado.Cash: Router
    sender: { id: 'acct-1001', country: 'CH' },
    receiver: { id: 'acct-9', country: 'DE' },
    custodian_id: credentials.custodian_id,
  });
  console.log(`PSA ${psa.psa_id}: verdict ${psa.verdict}`);
  for (const reason of psa.body.verdict_reasons) console.log(`  ${reason}`);
} catch (error) {
  // Typed errors: the server's code (e.g. REQUEST_VALIDATION_FAILED with details.fields) or CLIENT_*.
  if (isJilError(error)) console.error(`${error.code}: ${error.message}`, error.details);
  else throw error;
  process.exitCode = 1;
}
