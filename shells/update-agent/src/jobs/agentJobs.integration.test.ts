import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../bootstrap/startAgent.js';
import { FLEET_LABELS } from '../deploy/deployImage.js';
import { DockerEngine } from '../engine/DockerEngine.js';
import { HqClient } from '../hq/HqClient.js';
import { pushTestImage, type PushedTestImage } from '../testing/index.js';
import { DEFAULT_AGENT_JOBS_CONFIG, type AgentJobContext, type AgentJobsConfig } from './AgentJobContext.js';
import { DockerNodeEngine } from './DockerNodeEngine.js';
import type { NodeEngine } from './NodeEngine.js';
import { startJobsHq } from './jobsHq.testutil.js';
import type { HealthSummary } from './runHealthJob.js';
import type { ImageUpdateSummary } from './runImageUpdateJob.js';
import { runMaintenanceJob, type MaintenanceSummary } from './runMaintenanceJob.js';
import { runSecurityAuditJob, type SecurityAuditSummary } from './runSecurityAuditJob.js';

const dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
const registry = process.env['JIL_TEST_REGISTRY'] ?? '';
const busybox = process.env['JIL_TEST_BUSYBOX'] ?? '/bin/busybox';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

// Skipped without JIL_TEST_DOCKER_HOST: the jobs need a real Docker engine and registry, which .ci/run starts
// (.ci/start-fleet-deps.sh); under CI=true a skip fails the run. Everything here is labelled with this run's suffix,
// and the jobs are narrowed to that label (containerLabels, pruneLabels): other suites sharing the engine keep their
// images, containers and logs.
describe.skipIf(!dockerHost)('the four scheduled jobs on a real dockerd', () => {
  const docker = new Docker({ socketPath: (dockerHost ?? 'unix:///nonexistent').replace(/^unix:\/\//, '') });
  const engine = DockerEngine.fromDockerHost(dockerHost ?? 'unix:///nonexistent');
  const node = DockerNodeEngine.fromDockerHost(dockerHost ?? 'unix:///nonexistent');
  const suffix = randomBytes(4).toString('hex');
  const label = `org.jil.release=jobs-${suffix}`;
  const path = `jil/agent-jobs-${suffix}`;
  const name = (what: string) => `jil-jobs-${what}-${suffix}`;
  const secret = randomBytes(32);
  const images: Record<'signed' | 'signed2' | 'unsigned' | 'prunable' | 'kept', PushedTestImage> = {} as never;
  const volumes = { anonymous: randomBytes(32).toString('hex'), named: name('named') };
  let hq: Awaited<ReturnType<typeof startJobsHq>>;
  let agent: RunningAgent;
  let stateDir: string;
  let ports: { unexpected: number; allowed: number };
  let config: AgentJobsConfig;

  const ref = (i: PushedTestImage) => `${i.repository}@${i.digest}`;
  const run = async (image: PushedTestImage, what: string, extra: Record<string, unknown> = {}, start = true) => {
    const c = await docker.createContainer({
      name: name(what),
      Image: ref(image),
      Labels: { 'org.jil.release': `jobs-${suffix}` },
      ...extra,
    });
    if (start) await c.start();
    return c.id;
  };

  beforeAll(async () => {
    const sleeper = (n: string) => ['/bin/busybox', 'sh', '-c', `trap "exit 0" TERM; echo ${n}; /bin/busybox sleep 3600 & wait`];
    for (const [k, tag] of [
      ['signed', '1'],
      ['signed2', '2'],
      ['unsigned', 'u'],
      ['prunable', 'p'],
      ['kept', 'k'],
    ] as const)
      images[k] = await pushTestImage({ registry, path, tag, busyboxPath: busybox, release: `jobs-${suffix}`, cmd: sleeper(k) });
    for (const i of Object.values(images)) await engine.pull(ref(i));
    hq = await startJobsHq(secret);
    hq.release(images.signed.repository, images.signed.digest, 1);
    ports = { unexpected: await freePort(), allowed: await freePort() };
    // Unhealthy: a HEALTHCHECK that always fails (1 s interval, 1 retry), non-root.
    await run(images.signed, 'unhealthy', {
      User: '1000',
      Healthcheck: { Test: ['CMD', '/bin/busybox', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1 },
    });
    // Root, an unsigned image and a port outside the allow-list.
    await run(images.unsigned, 'root', {
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(ports.unexpected) }] } },
    });
    // Signed, non-root, an allowed port; writes ~200 KB of log.
    await run(images.signed, 'allowed', {
      User: '1000',
      Cmd: [
        '/bin/busybox',
        'sh',
        '-c',
        'trap "exit 0" TERM; /bin/busybox yes jil-log-line | /bin/busybox head -c 200000; /bin/busybox sleep 3600 & wait',
      ],
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(ports.allowed) }] } },
    });
    // A created (never started) container keeps its image in use.
    await run(images.kept, 'kept', {}, false);
    await docker.createVolume({ Name: volumes.anonymous, Labels: { 'org.jil.release': `jobs-${suffix}` } });
    await docker.createVolume({ Name: volumes.named, Labels: { 'org.jil.release': `jobs-${suffix}` } });
    stateDir = await mkdtemp(join(tmpdir(), 'jil-agent-jobs-'));
    config = {
      ...DEFAULT_AGENT_JOBS_CONFIG,
      intervalsMs: { health: 0, maintenance: 0, security_audit: 0, image_update: 0 },
      restartTimeoutSeconds: 1,
      logRotateBytes: 100_000,
      allowedPorts: [ports.allowed],
      containerLabels: [label],
      pruneLabels: [label],
    };
    agent = await startAgent({
      nodeId: 'n1',
      nodeSecret: secret,
      hqUrl: hq.url,
      trust: hq.trust,
      engine,
      container: { name: name('managed'), defaults: { User: '1000', HostConfig: { NetworkMode: 'none' } }, stopTimeoutSeconds: 1 },
      stateDir,
      logger: false,
      jobs: { node, config },
    });
  });

  afterAll(async () => {
    await agent?.stop();
    await hq?.close();
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) }))
      await docker.getContainer(c.Id).remove({ force: true });
    for (const n of [name('managed'), `${name('managed')}-previous`]) {
      const c = await engine.inspectContainer(n);
      if (c) await engine.removeContainer(c.id);
    }
    for (const v of Object.values(volumes))
      await docker
        .getVolume(v)
        .remove()
        .catch(() => undefined);
    for (const i of Object.values(images))
      await docker
        .getImage(ref(i))
        .remove({ force: true })
        .catch(() => undefined);
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  const reportsOf = (job: string) => hq.calls.filter((c) => c.path === '/v1/fleet/nodes/n1/job-reports' && c.body['job'] === job);

  it('health: an unhealthy container is restarted and reported, with counts, host figures and a heartbeat', async () => {
    while ((await docker.getContainer(name('unhealthy')).inspect()).State.Health?.Status !== 'unhealthy') await sleep(200);
    const before = (await docker.getContainer(name('unhealthy')).inspect()).State.StartedAt;
    const beats = hq.calls.filter((c) => c.path === '/v1/heartbeats').length;
    const report = await agent.jobs!.run('health');
    const summary = report.summary as HealthSummary;
    expect(summary.restarted.map((r) => r.name)).toContain(name('unhealthy'));
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'container_unhealthy', details: expect.objectContaining({ container: name('unhealthy') }) }),
    );
    expect((await docker.getContainer(name('unhealthy')).inspect()).State.StartedAt > before).toBe(true);
    // This run's four containers (the jobs are narrowed to its label): three running, one only created.
    expect(summary.containers).toEqual({ total: 4, running: 3, exited: 0, healthy: 0, unhealthy: 1, starting: 0 });
    expect(summary.host.memory.total_bytes).toBeGreaterThan(0);
    expect(summary.host.cpu.cores).toBeGreaterThan(0);
    expect(summary.host.disk_used_ratio).toBeGreaterThan(0);
    expect(summary.heartbeat_sent).toBe(true);
    expect(hq.calls.filter((c) => c.path === '/v1/heartbeats').length).toBe(beats + 1);
    expect(report.sent).toBe(true);
    const sent = reportsOf('health').at(-1)!;
    expect(sent).toMatchObject({ certificate: true, body: { node_id: 'n1', status: 'warning' } });
    expect((sent.body['summary'] as HealthSummary).restarted.map((r) => r.name)).toContain(name('unhealthy'));
  });

  it('security audit: root, an unexpected port and an image HQ did not sign are reported; the signed one is not', async () => {
    const report = await agent.jobs!.run('security_audit');
    const s = report.summary as SecurityAuditSummary;
    expect(s.root_containers).toContain(name('root'));
    expect(s.root_containers).not.toContain(name('allowed'));
    expect(s.unexpected_ports).toContainEqual({
      container: name('root'),
      host_ip: '127.0.0.1',
      host_port: ports.unexpected,
      container_port: 8080,
      protocol: 'tcp',
    });
    expect(s.unexpected_ports.map((p) => p.container)).not.toContain(name('allowed'));
    const digest = (n: string) => s.digests!.find((d) => d.container === n);
    expect(digest(name('root'))).toMatchObject({ signed: false, repo_digests: [ref(images.unsigned)] });
    expect(digest(name('allowed'))).toMatchObject({ signed: true, repo_digests: [ref(images.signed)] });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'unsigned_image',
        severity: 'critical',
        details: expect.objectContaining({ container: name('root') }),
      }),
    );
    expect(report.findings.filter((f) => f.rule === 'unsigned_image').map((f) => f.details['container'])).not.toContain(name('allowed'));
    expect(report.findings.map((f) => f.rule)).not.toContain('certificate_expiring');
    expect(s.certificate?.days_left).toBeGreaterThan(14);
    expect(report.status).toBe('critical');
    expect(reportsOf('security_audit').at(-1)).toMatchObject({ certificate: true, body: { status: 'critical' } });
  });

  /** A job context over the same agent, engine and HQ, with some parts replaced. */
  const ctxWith = (over: Partial<AgentJobContext>): AgentJobContext => ({
    nodeId: 'n1',
    trust: hq.trust,
    engine,
    state: agent.state,
    audit: agent.audit,
    hq: new HqClient({ baseUrl: hq.url, nodeId: 'n1', nodeSecret: secret, clock: () => new Date() }),
    container: { name: name('managed') },
    clock: () => new Date(),
    stateDir,
    log: { info: () => undefined, warn: () => undefined },
    node,
    config,
    ...over,
  });

  it('security audit: a certificate within 14 days of expiry is reported', async () => {
    const notAfter = Date.parse(agent.state.data.certificate!.not_after);
    const report = await runSecurityAuditJob(ctxWith({ clock: () => new Date(notAfter - 10 * 86_400_000) }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'certificate_expiring', severity: 'warning' }));
    expect((report.summary as SecurityAuditSummary).certificate?.days_left).toBe(10);
  });

  const unreachableLogs =
    'maintenance: log files the agent cannot reach (an agent in a container without the engine’s data root) are reported, not rotated';
  it(unreachableLogs, async () => {
    // The real engine, seen from an agent whose file system does not have the engine's log files.
    const elsewhere: NodeEngine = {
      listContainers: async (labels) =>
        (await node.listContainers(labels)).map((c) => ({ ...c, logPath: join(stateDir, 'not-mounted', `${c.id}-json.log`) })),
      restartContainer: (id, t) => node.restartContainer(id, t),
      imageRepoDigests: (id) => node.imageRepoDigests(id),
      danglingImages: async () => [], // pruning is the other test's subject
      removeImage: (id) => node.removeImage(id),
      danglingVolumes: async () => [],
      removeVolume: (n) => node.removeVolume(n),
      dockerRootDir: () => node.dockerRootDir(),
    };
    const report = await runMaintenanceJob(ctxWith({ node: elsewhere }));
    const s = report.summary as MaintenanceSummary;
    expect(s.logs).toMatchObject({ reachable: false, checked: 0, rotated: [] });
    expect(s.logs.unreachable.map((u) => u.container).sort()).toEqual([name('allowed'), name('kept'), name('root'), name('unhealthy')]);
    expect(s.logs.unreachable[0]?.reason).toMatch(/^ENOENT: /);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'log_files_unreachable', severity: 'info' }));
  });

  it('maintenance: a dangling image is pruned, used ones stay; anonymous volume pruned; log rotated; old temp files removed', async () => {
    const tempDir = join(stateDir, 'tmp');
    await mkdir(tempDir, { recursive: true });
    await writeFile(join(tempDir, 'old.txt'), 'old');
    await writeFile(join(tempDir, 'fresh.txt'), 'fresh');
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await utimes(join(tempDir, 'old.txt'), eightDaysAgo, eightDaysAgo);
    const logPath = (await docker.getContainer(name('allowed')).inspect()).LogPath;
    while ((await stat(logPath)).size <= 100_000) await sleep(100);

    const id = async (i: PushedTestImage) => (await engine.inspectImage(ref(i)))?.id;
    // Unused so far: `prunable`, and `signed2` (pulled, no container yet).
    const unused = [await id(images.prunable), await id(images.signed2)];
    const report = await agent.jobs!.run('maintenance');
    const s = report.summary as MaintenanceSummary;
    expect(s.images.removed.map((r) => r.id).sort()).toEqual([...unused].sort());
    expect(await id(images.prunable)).toBeUndefined();
    for (const k of ['signed', 'unsigned', 'kept'] as const) expect(await id(images[k])).toMatch(/^sha256:/);
    expect(s.images.kept.map((k) => k.reason)).toContain('in use by a container');
    expect(s.volumes.removed).toEqual([volumes.anonymous]);
    expect(s.volumes.kept).toContainEqual({ name: volumes.named, reason: 'named volume' });
    expect(s.logs.reachable).toBe(true);
    expect(s.logs.rotated).toContainEqual(expect.objectContaining({ container: name('allowed'), kept_as: `${logPath}.1` }));
    expect((await stat(`${logPath}.1`)).size).toBeGreaterThan(100_000);
    expect((await stat(logPath)).size).toBeLessThan(100_000);
    expect(s.temp.removed).toEqual(['old.txt']);
    await expect(stat(join(tempDir, 'fresh.txt'))).resolves.toBeDefined();
    for (const d of s.disk) {
      const warned = report.findings.some((f) => f.rule === 'disk_warning' && f.details['path'] === d.path);
      expect(warned).toBe(d.used_ratio !== null && d.used_ratio > 0.85);
    }
    expect(reportsOf('maintenance').at(-1)).toMatchObject({ certificate: true, body: { job: 'maintenance' } });
  });

  it('image update: deploys HQ’s newest signed release, is then up to date, and rolls to the next release', async () => {
    const first = await agent.jobs!.run('image_update');
    expect(first.summary).toMatchObject({
      outcome: 'deployed',
      track: 'devnet',
      running_digest: null,
      repo_digests: [ref(images.signed)],
    } satisfies Partial<ImageUpdateSummary>);
    const managed = (await engine.inspectContainer(name('managed')))!;
    expect(managed).toMatchObject({ state: 'running', imageRef: ref(images.signed) });
    expect(managed.config.Labels?.[FLEET_LABELS.digest]).toBe(images.signed.digest);
    expect(hq.calls.filter((c) => c.path === '/v1/fleet/nodes/n1/verify-deployment').at(-1)?.body).toMatchObject({
      outcome: 'verified',
      digest: images.signed.digest,
      repo_digests: [ref(images.signed)],
    });
    expect((await agent.jobs!.run('image_update')).summary).toMatchObject({ outcome: 'up_to_date' });

    hq.release(images.signed2.repository, images.signed2.digest, 2);
    const second = await agent.jobs!.run('image_update');
    expect(second.summary).toMatchObject({
      outcome: 'deployed',
      running_digest: images.signed.digest,
      latest: { version: 2, digest: images.signed2.digest },
    });
    const rolled = (await engine.inspectContainer(name('managed')))!;
    expect(rolled.id).not.toBe(managed.id);
    expect(rolled).toMatchObject({ state: 'running', imageRef: ref(images.signed2), config: { User: '1000' } });
    expect(agent.state.data.accepted.devnet).toMatchObject({ version: 2, digest: images.signed2.digest });
    expect(await engine.inspectContainer(managed.id)).toBeUndefined();
    expect(reportsOf('image_update')).toHaveLength(3);

    // HQ's newest record has expired (issued 8 days ago, valid 7): refused, reported, nothing touched.
    hq.release(images.signed.repository, images.signed.digest, 3, new Date(Date.now() - 8 * 86_400_000));
    const stale = await agent.jobs!.run('image_update');
    expect(stale.summary).toMatchObject({ outcome: 'refused', latest: { version: 3 } });
    expect(stale.findings).toContainEqual(
      expect.objectContaining({
        rule: 'release_refused',
        severity: 'warning',
        details: expect.objectContaining({ code: 'FLEET_RELEASE_EXPIRED' }),
      }),
    );
    expect((await engine.inspectContainer(name('managed')))?.id).toBe(rolled.id);
  });
});
