/**
 * `pnpm images:build [--only preclearance,validator,hq,update-agent,mpc-cosigner] [--version V]` — builds the shells'
 * OCI images on `DOCKER_HOST` (else `JIL_TEST_DOCKER_HOST`) and prints each image's reference, id and size
 * (docs/operations.md §Images).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildImages } from './images/buildImages.js';
import { SHELL_ENTRIES, type ShellName } from './images/bundleShell.js';

const { values } = parseArgs({ options: { only: { type: 'string' }, version: { type: 'string' } } });
const dockerHost = process.env['DOCKER_HOST'] || process.env['JIL_TEST_DOCKER_HOST'];
if (dockerHost === undefined) {
  console.error('set DOCKER_HOST (or JIL_TEST_DOCKER_HOST), e.g. unix:///tmp/ci/fleet/docker.sock from .ci/start-fleet-deps.sh');
  process.exit(2);
}
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((s) => !(s in SHELL_ENTRIES)) ?? [];
if (unknown.length > 0) {
  console.error(`--only: unknown shell ${unknown.join(', ')} (known: ${Object.keys(SHELL_ENTRIES).join(', ')})`);
  process.exit(2);
}
const started = Date.now();
const images = await buildImages({
  root: resolve(import.meta.dirname, '..'),
  dockerHost,
  ...(only ? { only: only as ShellName[] } : {}),
  ...(values.version ? { version: values.version } : {}),
});
for (const i of images)
  console.log(`${i.ref.padEnd(40)} ${i.id.slice(7, 19)}  ${(i.size / 1e6).toFixed(1)} MB${i.reused ? '  (reused)' : ''}`);
console.log(`${images.length} image(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
