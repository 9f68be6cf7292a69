import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';

/**
 * `jil fleet demo [--agents N] [--fake] [--keep]`: runs `scripts/fleet-demo.ts` in its own process (it starts a
 * Docker Registry v2, a Docker engine, HQ and several update agents on loopback; `--fake` runs without Docker).
 */
export async function runFleet(rest: string[]): Promise<number> {
  if (rest[0] !== 'demo') {
    console.error('usage: jil fleet demo [--agents N] [--fake] [--keep]');
    return 2;
  }
  const passthrough = rest.slice(1);
  const child = spawn(
    process.execPath,
    ['--conditions=jil-source', '--import', 'tsx', resolve(REPO_ROOT, 'scripts/fleet-demo.ts'), ...passthrough],
    { stdio: 'inherit' },
  );
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}
