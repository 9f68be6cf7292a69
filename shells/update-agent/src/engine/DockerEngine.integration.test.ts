import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployImage, FLEET_LABELS } from '../deploy/deployImage.js';
import { pushTestImage, startRegistryProxy, type PushedTestImage, type RegistryProxy } from '../testing/index.js';
import { DockerEngine } from './DockerEngine.js';

const dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
const registry = process.env['JIL_TEST_REGISTRY'] ?? '';
const busybox = process.env['JIL_TEST_BUSYBOX'] ?? '/bin/busybox';

// Skipped without JIL_TEST_DOCKER_HOST: needs a real Docker engine and registry; .ci/run starts them
// (.ci/start-fleet-deps.sh).
describe.skipIf(!dockerHost)('DockerEngine and deployImage against a real dockerd and registry', () => {
  const engine = DockerEngine.fromDockerHost(dockerHost ?? 'unix:///nonexistent');
  const suffix = Math.random().toString(36).slice(2, 8);
  const name = `jil-agent-it-${suffix}`;
  const path = `jil/agent-it-${suffix}`;
  let v1: PushedTestImage;
  let v2: PushedTestImage;
  let proxy: RegistryProxy;

  beforeAll(async () => {
    v1 = await pushTestImage({ registry, path, tag: '1', busyboxPath: busybox, release: `${suffix}-1` });
    v2 = await pushTestImage({ registry, path, tag: '2', busyboxPath: busybox, release: `${suffix}-2` });
    proxy = await startRegistryProxy(registry);
  });
  afterAll(async () => {
    for (const n of [name, `${name}-previous`, `${name}-lie`]) {
      const c = await engine.inspectContainer(n);
      if (c) await engine.removeContainer(c.id);
    }
    await proxy?.close();
  });

  it('first deployment creates the container from defaults, pulled by digest', async () => {
    const result = await deployImage(engine, {
      repository: v1.repository,
      digest: v1.digest,
      container: {
        name,
        defaults: { Env: ['JIL_ZONE=CH'], Labels: { team: 'ops' }, HostConfig: { NetworkMode: 'none', Memory: 64 * 1024 * 1024 } },
      },
      labels: { [FLEET_LABELS.node]: 'n1' },
      stopTimeoutSeconds: 1,
    });
    expect(result).toMatchObject({ recreated: true, repoDigests: [`${v1.repository}@${v1.digest}`] });
    expect(await engine.inspectContainer(name)).toMatchObject({ state: 'running', imageRef: `${v1.repository}@${v1.digest}` });
  });

  it('upgrade recreates the container with the same configuration on the new digest', async () => {
    const before = (await engine.inspectContainer(name))!;
    const result = await deployImage(engine, {
      repository: v2.repository,
      digest: v2.digest,
      container: { name },
      labels: { [FLEET_LABELS.node]: 'n1' },
      stopTimeoutSeconds: 1,
    });
    const after = (await engine.inspectContainer(name))!;
    expect(after.id).not.toBe(before.id);
    expect(after.id).toBe(result.containerId);
    expect(after).toMatchObject({
      state: 'running',
      imageRef: `${v2.repository}@${v2.digest}`,
      hostConfig: { NetworkMode: 'none', Memory: 64 * 1024 * 1024 },
    });
    expect(after.config.Env).toContain('JIL_ZONE=CH');
    expect(after.config.Labels).toMatchObject({ team: 'ops', 'org.jil.release': `${suffix}-2`, [FLEET_LABELS.digest]: v2.digest });
    expect(await engine.inspectContainer(before.id)).toBeUndefined();
    expect((await engine.inspectImage(`${v2.repository}@${v2.digest}`))?.repoDigests).toContain(`${v2.repository}@${v2.digest}`);
  });

  it('a lying proxy: the engine refuses a manifest that does not hash to the signed digest', async () => {
    const viaProxy = await pushTestImage({ registry: proxy.address, path, tag: 'lie', busyboxPath: busybox, release: `${suffix}-lie` });
    proxy.lying = true;
    try {
      await expect(
        deployImage(engine, {
          repository: viaProxy.repository,
          digest: viaProxy.digest,
          container: { name: `${name}-lie` },
          labels: {},
          stopTimeoutSeconds: 1,
        }),
      ).rejects.toMatchObject({ code: 'FLEET_DIGEST_MISMATCH', details: { step: 'pull', expected: viaProxy.digest } });
    } finally {
      proxy.lying = false;
    }
    expect(await engine.inspectContainer(`${name}-lie`)).toBeUndefined();
  });

  it('refuses a pull of a digest the registry does not have, keeping the running container', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    await expect(
      deployImage(engine, { repository: v2.repository, digest: missing, container: { name }, labels: {} }),
    ).rejects.toMatchObject({ code: 'FLEET_ENGINE_ERROR', details: { step: 'pull' } });
    expect(await engine.inspectContainer(name)).toMatchObject({ state: 'running', imageRef: `${v2.repository}@${v2.digest}` });
  });
});
