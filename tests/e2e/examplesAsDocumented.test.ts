/**
 * Issue 13, first contact: the client and verify examples run exactly as examples/README.md says — through
 * `pnpm --filter @jil/examples …`, from another directory than examples/ (paths resolved from the caller's directory),
 * the client pointed at the service with --url. Skipped without ../shared/data.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '@jil/shell-preclearance';
import { dataPath, HAS_SHARED_DATA, REPO_ROOT } from '@jil/testkit';
import { JilClient } from '@jil/sdk/client';
import { transferRequest } from './issuePsas.testutil.js';

// Asynchronous: the service runs in this process and must keep answering while the example runs.
const pnpm = (cwd: string, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      'pnpm',
      ['--dir', REPO_ROOT, '--silent', '--filter', '@jil/examples', ...args],
      { cwd, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

describe.skipIf(!HAS_SHARED_DATA || spawnSync('pnpm', ['--version']).status !== 0)('examples as examples/README.md runs them', () => {
  let tmp: string;
  let service: RunningService;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'jil-examples-'));
    mkdirSync(join(tmp, 'work'));
    // Fresh lists are not what this checks: without freshness the clean transfer passes and the verify example credits it.
    service = await startService({ stateDir: join(tmp, 'state'), dataDir: dataPath(), port: 0, logger: false, listFreshness: false });
    // The first screening after start-up warms the engine; the example's own timeout is for a warm service.
    const { credentials } = service.state;
    await new JilClient({
      baseUrl: service.url,
      accessKeyId: credentials.access_key_id,
      secret: credentials.secret,
      timeoutMs: 60_000,
    }).validate(transferRequest(0, 'examples'));
  }, 180_000);
  afterAll(async () => {
    await service?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('client --url <service> --state-dir <relative to the caller> gets a PSA', async () => {
    const run = await pnpm(join(tmp, 'work'), 'client', '--url', service.url, '--state-dir', '../state');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(new RegExp(`^PSA [0-9a-f-]{36} from ${service.url.replace(/[.]/g, '\\.')}: verdict (pass|flag|fail)`));
  });

  it('client: --help exits 0 and names --url; an unknown option or a missing credentials folder exits 2 in one line', async () => {
    const help = await pnpm(join(tmp, 'work'), 'client', '--help');
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('--url')]);
    expect((await pnpm(join(tmp, 'work'), 'client', '--bogus')).status).toBe(2);
    const missing = await pnpm(join(tmp, 'work'), 'client', '--url', service.url, '--state-dir', 'nowhere');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('verify <psa.json> <validator-set.json> with paths relative to the caller credits a passing PSA', async () => {
    const { credentials } = service.state;
    const client = new JilClient({
      baseUrl: service.url,
      accessKeyId: credentials.access_key_id,
      secret: credentials.secret,
      timeoutMs: 30_000,
    });
    const psa = await client.validate(transferRequest(1, 'examples'));
    expect(psa.verdict).toBe('pass');
    writeFileSync(join(tmp, 'work', 'psa.json'), JSON.stringify(psa));
    copyFileSync(service.state.validatorSetPath, join(tmp, 'work', 'validator-set.json'));
    const run = await pnpm(join(tmp, 'work'), 'verify', 'psa.json', 'validator-set.json');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^credit: PSA .* signed by \d+ validators in \d+ jurisdictions/);
    const nope = await pnpm(join(tmp, 'work'), 'verify', 'no-such.json', 'validator-set.json');
    expect([nope.status, nope.stderr.trim()]).toEqual([2, `cannot read ${join(tmp, 'work', 'no-such.json')}: no such file`]);
  });
});
