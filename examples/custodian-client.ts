/**
 * A custodian's policy engine asking a running service for a PSA.
 * Start the service first: `pnpm jil serve` (it creates .jil/credentials.json), then
 * Run: pnpm --filter @jil/examples client [--url <base URL>] [--state-dir <dir>]
 *   --url: the service (default JIL_URL, else http://127.0.0.1:8787)
 *   --state-dir: where credentials.json is (default JIL_STATE_DIR, else the repository's .jil); relative paths are
 *   resolved from the directory you run pnpm in.
 * With the bundled (stale) lists `jil serve` flags every screening (stale_list) — see docs/api.md, First contact.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isJilError } from '@jil/sdk';
import { JilClient } from '@jil/sdk/client';

const USAGE = 'usage: pnpm --filter @jil/examples client [--url <base URL>] [--state-dir <dir with credentials.json>]';
let args: { url?: string | undefined; 'state-dir'?: string | undefined; help?: boolean | undefined };
try {
  args = parseArgs({
    args: process.argv.slice(2),
    options: { url: { type: 'string' }, 'state-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message.split('. To specify')[0]}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
// pnpm --filter runs this in examples/: resolve relative paths from where pnpm was invoked (INIT_CWD).
const callerDir = process.env['INIT_CWD'] ?? process.cwd();
const stateDir =
  args['state-dir'] !== undefined
    ? resolve(callerDir, args['state-dir'])
    : process.env['JIL_STATE_DIR']
      ? resolve(callerDir, process.env['JIL_STATE_DIR'])
      : resolve(import.meta.dirname, '../.jil');
const baseUrl = args.url ?? process.env['JIL_URL'] ?? 'http://127.0.0.1:8787';
let credentials: { access_key_id: string; secret: string; custodian_id: string };
try {
  credentials = JSON.parse(readFileSync(resolve(stateDir, 'credentials.json'), 'utf8')) as typeof credentials;
} catch {
  console.error(`no ${resolve(stateDir, 'credentials.json')}: start the service once with \`pnpm jil serve\` (or pass --state-dir)`);
  process.exit(2);
}
// The secret in credentials.json is base64; JilClient decodes it before computing the HMAC (docs/api.md).
const client = new JilClient({ baseUrl, accessKeyId: credentials.access_key_id, secret: credentials.secret, timeoutMs: 15_000 });

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
  console.log(`PSA ${psa.psa_id} from ${baseUrl}: verdict ${psa.verdict}`);
  for (const reason of psa.body.verdict_reasons) console.log(`  ${reason}`);
} catch (error) {
  // Typed errors: the server's code (e.g. REQUEST_VALIDATION_FAILED with details.fields) or CLIENT_*.
  if (isJilError(error))
    console.error(
      `${error.code}: ${error.message}${
        error.code === 'CLIENT_NETWORK' ? ` — is \`pnpm jil serve\` running at ${baseUrl}? (--url / JIL_URL)` : ''
      }`,
    );
  else throw error;
  process.exitCode = 1;
}
