import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../testing/FakeEngine.js';
import { carryOverSpec } from './carryOverSpec.js';
import { deployImage, FLEET_LABELS } from './deployImage.js';

const REPO = '127.0.0.1:5000/jil/validator';
const D1 = `sha256:${'11'.repeat(32)}`;
const D2 = `sha256:${'22'.repeat(32)}`;
const IMAGE_CONFIG = { Env: ['PATH=/bin'], Cmd: ['/bin/busybox', 'sleep', '3600'], Labels: { 'org.jil.release': '1' } };

function setup(): { engine: FakeEngine; oldId: string } {
  const engine = new FakeEngine();
  engine.publish(`${REPO}@${D1}`, IMAGE_CONFIG);
  engine.publish(`${REPO}@${D2}`, { ...IMAGE_CONFIG, Labels: { 'org.jil.release': '2' } });
  const oldImage = engine.images.get(`${REPO}@${D1}`)!;
  const oldId = engine.add({
    name: 'validator',
    imageId: oldImage.id,
    imageRef: `${REPO}@${D1}`,
    state: 'running',
    config: {
      ...IMAGE_CONFIG,
      Env: ['PATH=/bin', 'JIL_ZONE=CH'],
      Labels: { 'org.jil.release': '1', team: 'ops' },
      Cmd: ['/bin/busybox', 'sleep', '99'],
    },
    hostConfig: { RestartPolicy: { Name: 'unless-stopped' }, Memory: 64 * 1024 * 1024 },
    networks: ['bridge'],
  });
  return { engine, oldId };
}

describe('carryOverSpec', () => {
  it('keeps what the operator set, drops what the old image gave', async () => {
    const { engine, oldId } = setup();
    const container = (await engine.inspectContainer(oldId))!;
    expect(carryOverSpec(container, engine.images.get(`${REPO}@${D1}`), `${REPO}@${D2}`)).toEqual({
      name: 'validator',
      Image: `${REPO}@${D2}`,
      Env: ['JIL_ZONE=CH'],
      Labels: { team: 'ops' },
      Cmd: ['/bin/busybox', 'sleep', '99'],
      HostConfig: { RestartPolicy: { Name: 'unless-stopped' }, Memory: 64 * 1024 * 1024 },
    });
  });
});

describe('deployImage', () => {
  it('pulls by digest, checks RepoDigests, recreates with the same configuration and removes the old container', async () => {
    const { engine, oldId } = setup();
    const result = await deployImage(engine, {
      repository: REPO,
      digest: D2,
      container: { name: 'validator' },
      labels: { [FLEET_LABELS.node]: 'n1' },
    });
    expect(result).toMatchObject({ recreated: true, repoDigests: [`${REPO}@${D2}`] });
    expect(engine.containers.has(oldId)).toBe(false);
    const now = (await engine.inspectContainer('validator'))!;
    expect(now).toMatchObject({ state: 'running', imageRef: `${REPO}@${D2}`, hostConfig: { RestartPolicy: { Name: 'unless-stopped' } } });
    expect(now.config.Env).toEqual(['PATH=/bin', 'JIL_ZONE=CH']);
    expect(now.config.Labels).toMatchObject({ team: 'ops', 'org.jil.release': '2', [FLEET_LABELS.digest]: D2, [FLEET_LABELS.node]: 'n1' });
    expect(engine.calls[0]).toBe(`pull ${REPO}@${D2}`);
  });

  it('does nothing when the container already runs that image', async () => {
    const { engine, oldId } = setup();
    expect(await deployImage(engine, { repository: REPO, digest: D1, container: { name: 'validator' }, labels: {} })).toMatchObject({
      recreated: false,
      containerId: oldId,
    });
    expect(engine.calls).toEqual([`pull ${REPO}@${D1}`]);
  });

  it('refuses when the engine does not list the signed digest in RepoDigests', async () => {
    const { engine } = setup();
    engine.repoDigestsOverride = [`${REPO}@${D1}`];
    await expect(deployImage(engine, { repository: REPO, digest: D2, container: { name: 'validator' }, labels: {} })).rejects.toMatchObject(
      { code: 'FLEET_DIGEST_MISMATCH' },
    );
    expect((await engine.inspectContainer('validator'))?.state).toBe('running');
  });

  it('restores and restarts the old container when the new one does not start', async () => {
    const { engine, oldId } = setup();
    engine.failStartFor = `${REPO}@${D2}`;
    await expect(deployImage(engine, { repository: REPO, digest: D2, container: { name: 'validator' }, labels: {} })).rejects.toMatchObject(
      {
        code: 'FLEET_ENGINE_ERROR',
        details: { restored: true },
      },
    );
    expect(await engine.inspectContainer('validator')).toMatchObject({ id: oldId, state: 'running' });
    expect(engine.containers.size).toBe(1);
  });

  it('never touches its own container', async () => {
    const { engine, oldId } = setup();
    await expect(
      deployImage(engine, {
        repository: REPO,
        digest: D2,
        container: { name: 'validator' },
        labels: {},
        selfContainerId: oldId.slice(0, 12),
      }),
    ).rejects.toMatchObject({ code: 'FLEET_SELF_UPDATE_REFUSED' });
    const agentId = engine.add({
      name: 'agent',
      imageId: 'x',
      imageRef: 'x',
      state: 'running',
      config: { Labels: { [FLEET_LABELS.role]: 'update-agent' } },
      hostConfig: {},
      networks: [],
    });
    await expect(deployImage(engine, { repository: REPO, digest: D2, container: { name: 'agent' }, labels: {} })).rejects.toMatchObject({
      code: 'FLEET_SELF_UPDATE_REFUSED',
    });
    expect(engine.containers.get(agentId)?.state).toBe('running');
  });

  it('creates the container from defaults on first deployment', async () => {
    const engine = new FakeEngine();
    engine.publish(`${REPO}@${D1}`, IMAGE_CONFIG);
    await deployImage(engine, { repository: REPO, digest: D1, container: { name: 'fresh', defaults: { Env: ['A=1'] } }, labels: {} });
    expect(await engine.inspectContainer('fresh')).toMatchObject({ state: 'running', config: { Env: ['PATH=/bin', 'A=1'] } });
  });
});
