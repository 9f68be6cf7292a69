/**
 * `fleet demo` — the fleet control plane end to end on loopback (issue 5): a Docker Registry v2 and a dockerd
 * (started with .ci/start-fleet-deps.sh unless JIL_TEST_DOCKER_HOST/JIL_TEST_REGISTRY point at running ones), HQ on
 * PGlite, several update agents; pushes an image, signs it, releases it on mainnet with two approvals, distributes it,
 * then shows tampered releases being refused: a mainnet release with one approval, a registry mirror that lies about
 * the manifest, a replayed command. Ends with the audit chain check.
 *
 *   tsx --conditions=jil-source scripts/fleet-demo.ts [--agents 3] [--fake] [--images] [--keep]
 *     --fake    no Docker: an in-process registry and a fake engine (runs anywhere)
 *     --images  distribute this repository's pre-clearance image (images/Dockerfile, built on the demo's dockerd; one
 *               build per release, the release's name as its version) instead of the one-layer busybox test image;
 *               each agent's container must turn healthy and answer /health with that version (use --agents 1 on a
 *               small machine: each container holds its own PGlite, about 660 MiB)
 *     --keep  leave HQ running and print the dashboard URL and a reader key (Ctrl-C to stop)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DsseEnvelope } from '@jil/core';
import { buildAgentRequest, createCommandBody, signCommand, verifyAuditChain, type AuditEntry, type ReleaseBody } from '@jil/fleet';
import { FakeRegistry, startFleetHarness, type FleetHarness, type HarnessRegistry } from '@jil/shell-hq/testing';
import { DockerEngine, type ContainerEngine } from '@jil/shell-update-agent';
import { FakeEngine, pushTestImage, startRegistryProxy } from '@jil/shell-update-agent/testing';
import { buildImages } from './images/buildImages.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '3' },
    fake: { type: 'boolean', default: false },
    images: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const AGENTS = Math.max(1, Math.min(20, Number(values.agents)));
const ZONES = ['CH/FINMA', 'SG/MAS', 'DE/BAFIN', 'GB/FCA', 'JP/FSA', 'AE/VARA'];
const ROOT = resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void> | void)[] = [];
const say = (text: string): void => console.log(text);
const step = (text: string): void => console.log(`\n== ${text}`);

async function components(): Promise<{
  registry: HarnessRegistry;
  setLying: (lying: boolean) => void;
  engineFor: (node: string) => ContainerEngine;
  dockerHost?: string;
}> {
  if (values.fake) {
    const fake = await FakeRegistry.start();
    cleanups.push(() => fake.close());
    say(`registry   in-process fake at ${fake.address}; engine: fake (--fake)`);
    return {
      registry: { address: fake.address, publish: async (p, t, c) => fake.push(p, t, c) },
      setLying: (l) => {
        fake.lying = l;
      },
      engineFor: () => new FakeEngine(fake.source),
    };
  }
  let dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
  let upstream = process.env['JIL_TEST_REGISTRY'];
  if (!dockerHost || !upstream) {
    const dir = mkdtempSync(join(tmpdir(), 'jil-fleet-demo-'));
    say(`starting a registry and dockerd under ${dir} (.ci/start-fleet-deps.sh; installs them with apt-get when missing)`);
    const port = await freePort();
    const env = execFileSync(join(ROOT, '.ci/start-fleet-deps.sh'), [dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, JIL_CI_REGISTRY_PORT: String(port) },
    });
    cleanups.push(() => void execFileSync(join(ROOT, '.ci/start-fleet-deps.sh'), ['--stop', dir], { stdio: 'inherit' }));
    dockerHost = /JIL_TEST_DOCKER_HOST=(\S+)/.exec(env)?.[1];
    upstream = /JIL_TEST_REGISTRY=(\S+)/.exec(env)?.[1];
  }
  const proxy = await startRegistryProxy(upstream!);
  cleanups.push(() => proxy.close());
  const names: string[] = [];
  const engine = DockerEngine.fromDockerHost(dockerHost!);
  cleanups.push(async () => {
    for (const n of names)
      for (const name of [n, `${n}-previous`]) await engine.inspectContainer(name).then((c) => c && engine.removeContainer(c.id));
  });
  say(`registry   ${upstream} (Distribution), reached through a mirror at ${proxy.address}; engine ${dockerHost}`);
  const run = Date.now().toString(36);
  const docker = (...args: string[]): string =>
    execFileSync('docker', args, {
      env: { ...process.env, DOCKER_HOST: dockerHost },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  /** --images: build pre-clearance with the release's name as its version, push it upstream, HQ reads it through the mirror. */
  const publishImage = async (path: string, tag: string, content: string) => {
    const version = content.replace(/[^A-Za-z0-9_.-]+/g, '-');
    const [image] = await buildImages({
      root: ROOT,
      dockerHost: dockerHost!,
      only: ['preclearance'],
      version,
      log: (l) => say(`           ${l}`),
    });
    const name = `demo-${run}/${path}`;
    docker('tag', image!.ref, `${upstream}/${name}:${tag}`);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(docker('push', `${upstream}/${name}:${tag}`))?.[1];
    if (digest === undefined) throw new Error(`docker push ${upstream}/${name}:${tag} printed no digest`);
    return { repository: `${proxy.address}/${name}`, tag, digest };
  };
  return {
    dockerHost: dockerHost!,
    registry: {
      address: proxy.address,
      publish: (path, tag, content) =>
        values.images
          ? publishImage(path, tag, content)
          : pushTestImage({
              registry: proxy.address,
              path: `demo-${run}/${path}`,
              tag,
              busyboxPath: process.env['JIL_TEST_BUSYBOX'] ?? '/bin/busybox',
              release: content,
            }),
    },
    setLying: (l) => {
      proxy.lying = l;
    },
    engineFor: (node) => {
      names.push(`jil-demo-${run}-${node}`);
      return engine;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** --images: waits for each container's HEALTHCHECK, then prints the version its /health answers (asked inside it). */
async function showRunningServices(dockerHost: string, containers: string[]): Promise<void> {
  const docker = (...args: string[]): string =>
    execFileSync('docker', args, {
      env: { ...process.env, DOCKER_HOST: dockerHost },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  const rows = [['container', 'health', '/health version']];
  for (const name of containers) {
    let health = 'starting';
    for (let i = 0; i < 300 && health === 'starting'; i++) {
      health = docker('inspect', '--format', '{{.State.Health.Status}}', name);
      if (health === 'starting') await new Promise((r) => setTimeout(r, 1000));
    }
    const script = "fetch('http://127.0.0.1:8787/health').then((r) => r.json()).then((b) => console.log(b.version))";
    rows.push([name, health, health === 'healthy' ? docker('exec', name, 'node', '-e', script) : '']);
  }
  table(rows);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) say(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`);
}

async function main(): Promise<void> {
  step('components');
  const c = await components();
  const run = Date.now().toString(36);
  const fleet: FleetHarness = await startFleetHarness({
    registry: c.registry,
    engineFor: c.engineFor,
    containerFor: (node) => ({
      name: values.fake ? `jil-validator-${node}` : `jil-demo-${run}-${node}`,
      stopTimeoutSeconds: values.images ? 10 : 2,
      // --images: the pre-clearance image reads the screening data read-only; its state stays in the image's /state volume.
      defaults: {
        HostConfig: { NetworkMode: 'none', ...(values.images ? { Binds: [`${resolve(ROOT, '../shared/data')}:/data:ro`] } : {}) },
      },
    }),
  });
  cleanups.unshift(() => fleet.close());
  say(`HQ         ${fleet.hq.url} (PGlite), signing key ${fleet.hqSigner.keyid.slice(0, 16)}…, approvers alice, bob, carol`);
  for (let i = 0; i < AGENTS; i++) {
    const id = `node-${i + 1}`;
    const agent = await fleet.addNode(id, ZONES[i % ZONES.length]!, 'mainnet');
    say(
      `agent      ${id} (${ZONES[i % ZONES.length]}) at ${agent.url}, registered, certificate ` +
        `${agent.state.data.certificate?.serial_number.slice(0, 12)}…`,
    );
  }

  step('push, sign, release on mainnet (2 approvals), distribute');
  const v1 = await fleet.release({
    name: 'validator',
    path: 'jil/validator',
    tag: '1.0.0',
    content: 'validator 1.0.0',
    track: 'mainnet',
    approvers: ['alice', 'bob'],
  });
  say(`image      ${v1.repository}:1.0.0 → ${v1.digest}`);
  say(
    `release    ${v1.releaseId} mainnet v${String(v1.body['version'])}: ${String(v1.body['status'])} by ` +
      `${(v1.body['approvers'] as string[]).join(' + ')}`,
  );
  const t0 = performance.now();
  const job = await fleet.distribute(v1.releaseId);
  say(`job        ${String(job.body['job_id'])}: ${String(job.body['status'])} in ${(performance.now() - t0).toFixed(0)} ms`);
  table([
    ['node', 'status', 'code'],
    ...(job.body['targets'] as { node_id: string; status: string; code: string | null }[]).map((t) => [t.node_id, t.status, t.code ?? '']),
  ]);
  if (values.images)
    await showRunningServices(
      c.dockerHost!,
      [...fleet.agents.keys()].map((n) => fleet.containerName(n)),
    );

  step('tampered release 1: mainnet with one approval');
  const one = await fleet.release({
    name: 'validator',
    path: 'jil/validator',
    tag: '1.0.1',
    content: 'validator 1.0.1',
    track: 'mainnet',
    approvers: ['alice'],
  });
  const refused = await fleet.distribute(one.releaseId);
  say(`HQ         distribute → ${refused.status} ${(refused.body as { error: { code: string } }).error.code}`);

  step('tampered release 2: the registry mirror lies about the manifest');
  const v11 = await fleet.release({
    name: 'validator',
    path: 'jil/validator',
    tag: '1.1.0',
    content: 'validator 1.1.0',
    track: 'mainnet',
    approvers: ['alice', 'carol'],
  });
  c.setLying(true);
  const lied = await fleet.distribute(v11.releaseId);
  c.setLying(false);
  table([
    ['node', 'status', 'code'],
    ...(lied.body['targets'] as { node_id: string; status: string; code: string | null }[]).map((t) => [t.node_id, t.status, t.code ?? '']),
  ]);
  say(`           every agent still runs ${v1.digest.slice(0, 19)}… (pulled by digest; the engine checked the bytes)`);

  step('tampered command: captured on the wire, replayed, and sent to another node');
  // What HQ sent node-1 for release 1.0.0, as an eavesdropper on the wire would have recorded it.
  const releases = (await fleet.read<{ releases: { release_id: string; envelope: DsseEnvelope }[] }>('GET', '/v1/registry/releases')).body
    .releases;
  const images = (await fleet.read<{ images: { digest: string; signature?: DsseEnvelope }[] }>('GET', '/v1/registry/images')).body.images;
  const envelope = releases.find((r) => r.release_id === v1.releaseId)!.envelope;
  const body = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as ReleaseBody;
  const command = createCommandBody({ action: 'pull', nodeId: 'node-1', now: fleet.now(), release: body });
  const captured = buildAgentRequest({
    command: signCommand(command, [fleet.hqSigner]),
    body: command,
    release: envelope,
    imageSignature: images.find((i) => i.digest === v1.digest)!.signature!,
    nodeSecret: fleet.nodeSecrets.get('node-1')!,
    now: fleet.now(),
  });
  const send = async (node: string): Promise<string> => {
    const r = await fetch(`${fleet.agents.get(node)!.url}/v1/pull`, {
      method: 'POST',
      body: JSON.stringify(captured),
      headers: { 'content-type': 'application/json' },
    });
    const answer = (await r.json()) as { outcome?: string; error?: { code: string } };
    return `${r.status} ${answer.error?.code ?? answer.outcome ?? ''}`;
  };
  say(`node-1     first delivery → ${await send('node-1')}`);
  say(`node-1     replay         → ${await send('node-1')}`);
  if (fleet.agents.has('node-2')) say(`node-2     same command   → ${await send('node-2')}`);

  step('audit log');
  const all = (await fleet.read<{ entries: AuditEntry[] }>('GET', '/v1/fleet/audit?after=0&limit=1000')).body.entries;
  const check = verifyAuditChain(all, { publicKeys: fleet.trust.hq });
  say(`chain      ${check.valid ? `intact: ${check.length} rows, every row signed by HQ` : `TAMPERED at row ${check.seq}`}`);
  table([
    ['seq', 'actor', 'action', 'outcome', 'code'],
    ...all.filter((e) => e.outcome !== 'ok').map((e) => [String(e.seq), e.actor, e.action, e.outcome, String(e.details['code'] ?? '')]),
  ]);

  if (values.keep) {
    const key = await fleet.admin<{ access_key_id: string; secret_b64: string }>('POST', '/v1/fleet/access-keys', {
      label: 'demo dashboard',
    });
    step(`dashboard ${fleet.hq.url}/dashboard — key ${key.body.access_key_id}, secret ${key.body.secret_b64} (Ctrl-C to stop)`);
    await new Promise<void>((r) => process.once('SIGINT', () => r()));
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch((e: unknown) => console.error('cleanup:', e));
  });
