import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED_DATA, REPO_ROOT } from '@jil/testkit';

// docs/architecture.md promises three nodes and a broker with one command (`pnpm mesh:local`). Its --check mode starts
// its own PostgreSQL and Kafka (the installs of .ci/start-postgres.sh and .ci/start-kafka.sh, which JIL_TEST_KAFKA and
// JIL_TEST_DATABASE_URL show work on this machine) and three `jil serve --event-bus`, issues a PSA on node-a and waits
// until node-b and node-c hold it.
const READY = HAS_SHARED_DATA && process.env['JIL_TEST_KAFKA'] !== undefined && process.env['JIL_TEST_DATABASE_URL'] !== undefined;

describe.skipIf(!READY)(
  'pnpm mesh:local (needs ../shared/data, and Kafka and PostgreSQL installable: JIL_TEST_KAFKA, JIL_TEST_DATABASE_URL)',
  () => {
    it('--check: three nodes and a broker start with one command, and a PSA issued on node-a reaches node-b and node-c', async () => {
      const base = 21_000 + 10 * Math.floor(Math.random() * 900);
      const child = spawn(
        process.execPath,
        [
          '--conditions=jil-source',
          '--import',
          'tsx',
          resolve(REPO_ROOT, 'scripts/mesh-local.ts'),
          '--check',
          '--base-port',
          String(base),
          '--pg-port',
          String(base + 5),
          '--kafka-port',
          String(base + 6),
        ],
        {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      expect(code, stderr.slice(-3000)).toBe(0);
      expect(stdout).toMatch(/mesh check: PSA [0-9a-f-]{36} issued on node-a is on node-b and node-c/);
      expect(stderr).toMatch(/node-b holds it/);
      expect(stderr).toMatch(/node-c holds it/);
    }, 240_000);
  },
);
