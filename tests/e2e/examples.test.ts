import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, REPO_ROOT } from '@jil/testkit';

// Examples are documentation that must run: each is executed as its own process, the way a developer runs it.
describe.skipIf(!HAS_SHARED_DATA)('examples (need ../shared/data)', () => {
  it('embedded-engine screens a transfer on the real lists and verifies the PSA offline', () => {
    const run = spawnSync(
      process.execPath,
      ['--conditions=jil-source', '--import', 'tsx', resolve(REPO_ROOT, 'examples/embedded-engine.ts')],
      { cwd: resolve(REPO_ROOT, 'examples'), encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/verdict pass/);
    expect(run.stdout).toMatch(/endpoints pass .*exchange/);
    expect(run.stdout).toMatch(/offline verification: VALID \(14 signatures/);
  });
});
