import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, REPO_ROOT } from '@jil/testkit';

// examples/fireblocks-callback.ts is documentation that must run: executed as its own process, as examples/README.md says.
describe.skipIf(!HAS_SHARED_DATA)('examples/fireblocks-callback.ts (needs ../shared/data)', () => {
  it('approves the clean transfer, rejects the OFAC one and the tampered rawTx, refuses the replay, exits 0', () => {
    const run = spawnSync(
      process.execPath,
      ['--conditions=jil-source', '--import', 'tsx', resolve(REPO_ROOT, 'examples/fireblocks-callback.ts')],
      { cwd: resolve(REPO_ROOT, 'examples'), encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /clean destination\n {2}→ APPROVE in \d+ ms\n {2}kept: outcome pass, PSA [0-9a-f-]{36} verdict pass, tx_preimage_hash [0-9a-f]{64}/,
    );
    expect(run.stdout).toMatch(/OFAC's Ethereum list\n {2}→ REJECT in \d+ ms: JIL PSA [0-9a-f-]{36} verdict fail: endpoints: /);
    expect(run.stdout).toMatch(
      /another address than destAddress\n {2}→ REJECT in \d+ ms: rawTx to 0x[0-9a-fA-F]{40} differs from destAddress/,
    );
    expect(run.stdout).toMatch(/replayed request\n {2}→ HTTP 409 FIREBLOCKS_REQUEST_REPLAYED/);
    expect(run.stdout).toMatch(/All answers as expected\./);
  });
});
