/**
 * HQ distributes THIS repository's pre-clearance image (issue 14 §Images built from this repository): two builds of
 * `jil/preclearance` (images/Dockerfile, versions `<v>-a` and `<v>-b`) are pushed to a real Registry v2, signed and
 * released by HQ, and an update agent on the real dockerd first deploys build A, then upgrades the running service to
 * build B. Each time the container turns healthy (the image's HEALTHCHECK) and `/health` answers the build's version;
 * the state volume (credentials, PGlite) survives the upgrade. Skipped without JIL_TEST_DOCKER_HOST (.ci/run starts
 * dockerd and the registry with .ci/start-fleet-deps.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleetHarness, type FleetHarness } from '@jil/shell-hq/testing';
import { DockerEngine } from '@jil/shell-update-agent';
import { dataPath } from '@jil/testkit';
import { buildImages, type BuiltImage } from '../../scripts/images/buildImages.js';

const dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
const registry = process.env['JIL_TEST_REGISTRY'] ?? '';
const ROOT = resolve(import.meta.dirname, '../..');
const env = { ...process.env, DOCKER_HOST: dockerHost };
const docker = (...args: string[]): string =>
  execFileSync('docker', args, { env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!dockerHost)('HQ upgrades a running pre-clearance service from one image build to the next', () => {
  const run = randomBytes(4).toString('hex');
  const container = `jil-pc-upgrade-${run}`;
  const volume = `jil-pc-upgrade-${run}`;
  const builds = new Map<string, BuiltImage>();
  let fleet: FleetHarness;

  beforeAll(async () => {
    const revision = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 12);
    for (const suffix of ['a', 'b']) {
      const [image] = await buildImages({
        root: ROOT,
        dockerHost: dockerHost!,
        only: ['preclearance'],
        version: `0.0.0-${revision}-${suffix}`,
        log: () => {},
      });
      builds.set(suffix, image!);
    }
    fleet = await startFleetHarness({
      registry: {
        address: registry,
        // `release` is the build (a or b): its image goes to the registry under <path>:<tag>.
        publish: async (path, tag, release) => {
          const repository = `${registry}/it-${run}/${path}`;
          docker('tag', builds.get(release)!.ref, `${repository}:${tag}`);
          const pushed = docker('push', `${repository}:${tag}`);
          const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1];
          if (digest === undefined) throw new Error(`no digest in: ${pushed}`);
          return { repository, tag, digest };
        },
      },
      engineFor: () => DockerEngine.fromDockerHost(dockerHost!),
      containerFor: () => ({
        name: container,
        stopTimeoutSeconds: 10,
        // What the operator sets once; the agent carries it over to every new build.
        defaults: {
          HostConfig: {
            Binds: [`${volume}:/state`, `${dataPath()}:/data:ro`],
            PortBindings: { '8787/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
          },
        },
      }),
    });
    await fleet.addNode('node-1', 'CH/FINMA', 'devnet');
  }, 900_000);

  afterAll(async () => {
    await fleet?.close();
    for (const name of [container, `${container}-previous`]) spawnSync('docker', ['rm', '-f', '-v', name], { env, stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', '-f', volume], { env, stdio: 'ignore' });
  });

  /** Waits until the engine's health check says healthy, then reads `/health` through the published port. */
  async function healthyVersion(): Promise<{ health: Record<string, unknown>; imageId: string }> {
    let status = '';
    while (status !== 'healthy') {
      status = docker('inspect', '--format', '{{.State.Health.Status}}', container);
      if (status === 'unhealthy')
        expect.fail(`unhealthy: ${spawnSync('docker', ['logs', container], { env, encoding: 'utf8' }).stderr.slice(-3000)}`);
      if (status !== 'healthy') await sleep(1000);
    }
    const url = `http://${docker('port', container, '8787/tcp').split('\n')[0]}/health`;
    return {
      health: (await (await fetch(url)).json()) as Record<string, unknown>,
      imageId: docker('inspect', '--format', '{{.Image}}', container),
    };
  }

  it('deploys build A, then upgrades to build B: healthy each time, /health answers the new version, state kept', async () => {
    const a = builds.get('a')!;
    const b = builds.get('b')!;
    expect(a.id).not.toBe(b.id);

    const releaseA = await fleet.release({
      name: 'preclearance',
      path: 'jil/preclearance',
      tag: a.version,
      content: 'a',
      track: 'devnet',
      approvers: [],
    });
    const jobA = await fleet.distribute(releaseA.releaseId);
    expect(jobA.body['targets']).toEqual([expect.objectContaining({ node_id: 'node-1', status: 'verified' })]);
    const first = await healthyVersion();
    expect(first.health).toMatchObject({ status: 'ok', version: a.version });
    expect(first.imageId).toBe(a.id);
    const credentials = docker('exec', container, 'cat', '/state/credentials.json');

    const releaseB = await fleet.release({
      name: 'preclearance',
      path: 'jil/preclearance',
      tag: b.version,
      content: 'b',
      track: 'devnet',
      approvers: [],
    });
    expect(releaseB.digest).not.toBe(releaseA.digest);
    const jobB = await fleet.distribute(releaseB.releaseId);
    expect(jobB.body['targets']).toEqual([expect.objectContaining({ node_id: 'node-1', status: 'verified' })]);
    const second = await healthyVersion();
    expect(second.health).toMatchObject({ status: 'ok', version: b.version });
    expect(second.imageId).toBe(b.id);
    // The same operator configuration on the new build: the state volume (and so the credentials) carried over.
    expect(docker('exec', container, 'cat', '/state/credentials.json')).toBe(credentials);
    expect(docker('inspect', '--format', '{{.Config.User}}', container)).toBe('10001:10001');
    expect(docker('inspect', '--format', '{{index .Config.Labels "org.opencontainers.image.version"}}', container)).toBe(b.version);
  }, 600_000);
});
