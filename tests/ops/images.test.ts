/**
 * The shells' OCI images on a real dockerd (issue 14 §Images built from this repository; docs/operations.md §Images):
 * `buildImages` builds (or reuses) the five images on images/build-base.sh's Debian base, then the pre-clearance image
 * runs with its PGlite state in a volume and ../shared/data mounted read-only until its HEALTHCHECK says healthy; its
 * `/health` reports the image's version label and one signed `POST /v1/preclearance/validate` issues a PSA with the
 * credentials the container generated. Every image runs as uid 10001, carries the OCI labels, and has no dev dependency.
 * Skipped without JIL_TEST_DOCKER_HOST (.ci/run starts dockerd with .ci/start-fleet-deps.sh).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPsa } from '@jil/psa';
import { JilClient } from '@jil/sdk/client';
import { dataPath } from '@jil/testkit';
import { buildImages, type BuiltImage } from '../../scripts/images/buildImages.js';
import { transferRequest } from '../e2e/issuePsas.testutil.js';

const dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
const ROOT = resolve(import.meta.dirname, '../..');
const env = { ...process.env, DOCKER_HOST: dockerHost };
const docker = (...args: string[]): string =>
  execFileSync('docker', args, { env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
/** A container's output, stdout and stderr (`jil serve` prints its banner on stdout, progress on stderr). */
const logs = (name: string): string => {
  const r = spawnSync('docker', ['logs', name], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return `${r.stdout}${r.stderr}`;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Dev dependencies of the workspace that must not be in any image (as files or inlined into a bundle). */
const DEV_ONLY = ['vitest', 'typescript', 'tsx', '@biomejs', 'hardhat', 'playwright-core', 'fast-check', 'esbuild'];

describe.skipIf(!dockerHost)('the shells as OCI images on a real dockerd', () => {
  const run = randomBytes(4).toString('hex');
  const container = `jil-images-it-${run}`;
  const volume = `jil-images-it-${run}`;
  let images: BuiltImage[] = [];
  let revision = '';

  beforeAll(async () => {
    revision = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    images = await buildImages({ root: ROOT, dockerHost: dockerHost!, log: () => {} });
  }, 900_000);

  afterAll(() => {
    if (!dockerHost) return;
    spawnSync('docker', ['rm', '-f', '-v', container], { env, stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', '-f', volume], { env, stdio: 'ignore' });
  });

  it('builds the five images with OCI labels for this commit, a HEALTHCHECK and user 10001', () => {
    expect(images.map((i) => i.shell)).toEqual(['preclearance', 'validator', 'hq', 'update-agent', 'mpc-cosigner']);
    for (const image of images) {
      const [config] = JSON.parse(docker('image', 'inspect', image.ref)) as [{ Config: Record<string, any> }];
      const labels = config.Config['Labels'] as Record<string, string>;
      expect(labels['org.opencontainers.image.revision']).toBe(revision);
      expect(labels['org.opencontainers.image.version']).toBe(image.version);
      expect(image.version).toMatch(new RegExp(`^\\d+\\.\\d+\\.\\d+-${revision.slice(0, 12)}$`));
      expect(labels['org.opencontainers.image.source']).toMatch(/^https?:\/\//);
      expect(Number.isNaN(Date.parse(labels['org.opencontainers.image.created'] ?? ''))).toBe(false);
      expect(labels['org.opencontainers.image.title']).toBe(`jil-${image.shell}`);
      expect(config.Config['User']).toBe('10001:10001');
      expect(config.Config['Healthcheck']?.Test).toEqual(expect.arrayContaining(['node', '/app/health.mjs']));
      expect(config.Config['Env']).toContain(`JIL_VERSION=${image.version}`);
    }
  });

  it('ships no dev dependency and no node_modules: only the bundle and the files it reads', () => {
    for (const image of images) {
      // A shell in the image itself: the same files the service would run with.
      const script =
        'find / -xdev \\( -name node_modules -o -name vitest -o -name typescript -o -name tsx \\) -print; ' +
        `grep -oE 'node_modules/\\.pnpm/(${DEV_ONLY.join('|')})@' /app/main.mjs | sort -u; ` +
        // positive control: the bundle names the production packages it inlined (fastify), so the grep above can see
        "grep -c 'node_modules/\\.pnpm/fastify@' /app/main.mjs";
      const out = docker('run', '--rm', '--entrypoint', '/bin/sh', image.ref, '-c', script).split('\n');
      expect(out.slice(0, -1)).toEqual([]);
      expect(Number(out.at(-1))).toBeGreaterThan(0);
      expect(docker('run', '--rm', '--entrypoint', 'node', image.ref, '--version')).toMatch(/^v24\./);
    }
  });

  it('runs pre-clearance until healthy: /health has the version, one validate issues a PSA with the generated credentials', async () => {
    const image = images.find((i) => i.shell === 'preclearance')!;
    docker('volume', 'create', volume);
    docker('run', '-d', '--name', container, '-v', `${volume}:/state`, '-v', `${dataPath()}:/data:ro`, '-p', '127.0.0.1::8787', image.ref);
    let status = '';
    // Until the engine's health check says healthy (it runs every 5 s; the first start ingests the lists).
    while (status !== 'healthy') {
      status = docker('inspect', '--format', '{{.State.Health.Status}}', container);
      if (status === 'unhealthy') expect.fail(`unhealthy:\n${logs(container).slice(-4000)}`);
      expect(docker('inspect', '--format', '{{.State.Running}}', container)).toBe('true');
      if (status !== 'healthy') await sleep(1000);
    }
    expect(docker('exec', container, 'id', '-u')).toBe('10001');
    const baseUrl = `http://${docker('port', container, '8787/tcp').split('\n')[0]}`;
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', version: image.version });
    // The credentials and the validator set the container generated in its volume (the paths its start banner prints).
    expect(logs(container)).toContain('credentials:    /state/credentials.json');
    const credentials = JSON.parse(docker('exec', container, 'cat', '/state/credentials.json')) as {
      access_key_id: string;
      secret: string;
    };
    const validatorSet = JSON.parse(docker('exec', container, 'cat', '/state/validator-set.json')) as unknown;
    const client = new JilClient({ baseUrl, accessKeyId: credentials.access_key_id, secret: credentials.secret, timeoutMs: 60_000 });
    const issued = await client.validate(transferRequest(1, `images-${run}`));
    expect(['pass', 'flag']).toContain(issued.body.verdict);
    expect(verifyPsa(issued.envelope, { validatorSet: validatorSet as never, now: new Date(issued.body.issued_at) })).toMatchObject({
      valid: true,
    });
    // A wrong secret is refused by the same container.
    const forged = new JilClient({ baseUrl, accessKeyId: credentials.access_key_id, secret: randomBytes(32).toString('base64') });
    await expect(forged.validate(transferRequest(2, `images-${run}`))).rejects.toMatchObject({ code: 'AUTH_BAD_SIGNATURE' });
  }, 600_000);
});
