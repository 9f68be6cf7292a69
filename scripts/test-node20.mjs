#!/usr/bin/env node
// pnpm test:node20 — run the verify path's tests (vitest.node20.config.mjs) on Node 20.
// Which Node: $JIL_NODE20 when set, else the Node running this script (pnpm scripts that do not go through
// jil-node24 run on the system's Node). With CI set, anything but Node 20.19+ (< 21) fails the run; elsewhere it
// only warns, so a developer whose system Node is 24 can still run the files.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.env.JIL_NODE20 ?? process.execPath;
const probe = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
const version = probe.stdout.trim();
const [major, minor] = version.split('.').map(Number);
const isNode20 = major === 20 && minor >= 19;
console.log(`[test:node20] verify-path tests on Node ${version || '?'} (${node})`);
if (!isNode20) {
  const message = `[test:node20] expected Node 20.19+; set JIL_NODE20 to a Node 20 binary`;
  if (process.env.CI) {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
}
const run = spawnSync(
  node,
  ['node_modules/vitest-node20/vitest.mjs', 'run', '--config', 'vitest.node20.config.mjs', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
