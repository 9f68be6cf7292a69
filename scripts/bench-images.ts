/**
 * `tsx --conditions=jil-source scripts/bench-images.ts [--runs 3]` — the shells' OCI images (issue 14): their sizes,
 * and how long a pre-clearance node takes from `docker run` to healthy. Needs a Docker engine: `JIL_BENCH_DOCKER_HOST`
 * (or `DOCKER_HOST`), e.g. the one `.ci/start-fleet-deps.sh` starts; and ../shared/data, mounted read-only.
 *
 * Start to healthy, measured twice per run: a **first start** (an empty state volume: the node makes its keys and
 * credentials, ingests the lists, migrates PGlite) and a **restart** of the same container (state kept). Two clocks:
 * `/health` answering 200 (polled every 100 ms from here), and Docker's health status turning `healthy` (the image's
 * HEALTHCHECK runs every 5 s, so that figure is coarse by design). Prints a markdown section.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataPath } from '@jil/testkit';
import { buildImages } from './images/buildImages.js';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Math.max(1, Number(values.runs ?? 3));
const dockerHost = process.env['JIL_BENCH_DOCKER_HOST'] ?? process.env['DOCKER_HOST'];
if (!dockerHost) {
  console.error('bench-images: set JIL_BENCH_DOCKER_HOST (or DOCKER_HOST) to a Docker engine');
  process.exit(2);
}
const env = { ...process.env, DOCKER_HOST: dockerHost };
const docker = (...args: string[]): string =>
  execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const progress = (s: string) => process.stderr.write(`[bench-images] ${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const images = await buildImages({ root: resolve(import.meta.dirname, '..'), dockerHost, log: progress });
const preclearance = images.find((i) => i.shell === 'preclearance')!;

/** ms from `t0` until /health answers 200 and until Docker says healthy. */
async function untilHealthy(container: string, t0: number): Promise<{ health: number; docker: number }> {
  let health = Number.NaN;
  for (;;) {
    const status = docker('inspect', '--format', '{{.State.Health.Status}}', container);
    if (status === 'unhealthy') throw new Error(`${container} is unhealthy`);
    if (Number.isNaN(health)) {
      const port = spawnSync('docker', ['port', container, '8787/tcp'], { env, encoding: 'utf8' }).stdout.split('\n')[0];
      if (port) {
        const ok = await fetch(`http://${port}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) health = performance.now() - t0;
      }
    }
    if (status === 'healthy') return { health: Number.isNaN(health) ? performance.now() - t0 : health, docker: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const first: { health: number; docker: number }[] = [];
const restart: { health: number; docker: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const name = `jil-bench-images-${randomBytes(4).toString('hex')}`;
  try {
    let t0 = performance.now();
    docker('run', '-d', '--name', name, '-v', `${name}:/state`, '-v', `${dataPath()}:/data:ro`, '-p', '127.0.0.1::8787', preclearance.ref);
    first.push(await untilHealthy(name, t0));
    docker('stop', name);
    t0 = performance.now();
    docker('start', name);
    restart.push(await untilHealthy(name, t0));
    progress(`run ${run + 1}: first ${first.at(-1)!.health.toFixed(0)} ms, restart ${restart.at(-1)!.health.toFixed(0)} ms to /health`);
  } finally {
    spawnSync('docker', ['rm', '-f', '-v', name], { env, stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', '-f', name], { env, stdio: 'ignore' });
  }
}

const engine = docker('version', '--format', '{{.Server.Version}}');
const s = (xs: { health: number; docker: number }[], k: 'health' | 'docker') => `${(median(xs.map((x) => x[k])) / 1000).toFixed(1)} s`;
console.log(`Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench --only images\` (scripts/bench-images.ts --runs ${RUNS}) on \
${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Docker Engine ${engine}, images of commit ${preclearance.revision.slice(0, 12)}.

| image | size |
|---|---:|
${images.map((i) => `| \`${i.ref}\` | ${mb(i.size)} |`).join('\n')}

Pre-clearance node (\`jil serve\`, PGlite in a volume, the lists mounted read-only), median of ${RUNS}:

| start | to \`/health\` 200 | to Docker \`healthy\` (HEALTHCHECK every 5 s) |
|---|---:|---:|
| first start (keys, credentials, ingest of the lists, migrations) | ${s(first, 'health')} | ${s(first, 'docker')} |
| restart (state kept) | ${s(restart, 'health')} | ${s(restart, 'docker')} |
`);
