/**
 * `bench-fleet` — the measured figures of issue 5, written into docs/fleet.md (between the bench-fleet markers):
 *   1. distribution of one release to N agents (default 20) on loopback: time until every target is verified —
 *      against the real dockerd and registry (first deployment: pull + create; upgrade: stop + recreate), and with
 *      the fake engine (control plane only);
 *   2. HQ API latency p50/p99 under C concurrent clients (default 50) for S seconds (default 10): HMAC-signed
 *      `GET /v1/fleet/nodes` and unauthenticated `GET /health`, HQ in a child process (`hq serve`, PGlite).
 *
 *   tsx --conditions=jil-source scripts/bench-fleet.ts [--agents 20] [--concurrency 50] [--seconds 10] [--fake] [--no-write]
 * Docker: JIL_TEST_DOCKER_HOST/JIL_TEST_REGISTRY when set, else .ci/start-fleet-deps.sh starts them (and stops them).
 * Timings are measured and written down here; no test asserts a time.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { base64Decode, signRequest } from '@jil/core';
import { FakeRegistry, startFleetHarness, type FleetHarness, type HarnessRegistry } from '@jil/shell-hq/testing';
import { DockerEngine, type ContainerEngine } from '@jil/shell-update-agent';
import { FakeEngine, pushTestImage } from '@jil/shell-update-agent/testing';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    fake: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const AGENTS = Number(values.agents);
const CONCURRENCY = Number(values.concurrency);
const SECONDS = Number(values.seconds);
const ROOT = resolve(import.meta.dirname, '..');
const DEPS = join(ROOT, '.ci/start-fleet-deps.sh');
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
const cleanups: (() => void | Promise<void>)[] = [];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? ok(a.port) : fail(new Error('no port'))));
    });
  });
}

/** Distributes two releases to AGENTS agents and returns the wall time until all verified, per release. */
async function distribution(
  label: string,
  registry: HarnessRegistry,
  engineFor: (n: string) => ContainerEngine,
  names: string[],
): Promise<string[]> {
  const run = Date.now().toString(36);
  const fleet: FleetHarness = await startFleetHarness({
    registry,
    engineFor,
    containerFor: (node) => {
      const name = `jil-bench-${run}-${node}`;
      names.push(name);
      return { name, stopTimeoutSeconds: 2, defaults: { HostConfig: { NetworkMode: 'none' } } };
    },
    settings: { distributionConcurrency: 8 },
  });
  try {
    for (let i = 0; i < AGENTS; i++) await fleet.addNode(`n${String(i + 1).padStart(2, '0')}`, 'CH/FINMA', 'devnet');
    const rows: string[] = [];
    for (const [tag, what] of [
      ['1', 'first deployment'],
      ['2', 'upgrade (recreate)'],
    ] as const) {
      const release = await fleet.release({
        name: 'validator',
        path: `bench-${run}/validator`,
        tag,
        content: `bench ${run} ${tag}`,
        track: 'devnet',
        approvers: [],
      });
      const t0 = performance.now();
      const job = await fleet.distribute(release.releaseId);
      const ms = performance.now() - t0;
      const targets = job.body['targets'] as { status: string }[];
      const verified = targets.filter((t) => t.status === 'verified').length;
      rows.push(`| ${label} | ${what} | ${AGENTS} | ${verified}/${targets.length} | ${(ms / 1000).toFixed(2)} s |`);
      console.error(`[bench-fleet] ${label}, ${what}: ${verified}/${targets.length} verified in ${ms.toFixed(0)} ms`);
    }
    return rows;
  } finally {
    await fleet.close();
  }
}

/** HQ in a child process; C clients for S seconds; latency percentiles per route. */
async function apiLatency(): Promise<string[]> {
  const state = mkdtempSync(join(tmpdir(), 'jil-bench-hq-'));
  const env = { ...process.env, JIL_HQ_STATE_DIR: join(state, 'hq'), JIL_HQ_PORT: String(await freePort()), JIL_HQ_LOG_LEVEL: 'warn' };
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  execFileSync(tsx, ['--conditions=jil-source', 'shells/hq/src/main.ts', 'init'], { cwd: ROOT, env, stdio: 'ignore' });
  // node itself (tsx as a loader), so that SIGTERM reaches HQ and 'exit' means HQ has closed its database.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=jil-source', 'shells/hq/src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(state, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${env.JIL_HQ_PORT}`;
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const token = readFileSync(join(env.JIL_HQ_STATE_DIR, 'admin-token'), 'utf8').trim();
  const admin = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    }).then((r) => r.json() as Promise<Record<string, string>>);
  for (let i = 0; i < AGENTS; i++) await admin('/v1/fleet/nodes', { node_id: `n${i}`, jurisdiction: 'CH/FINMA', track: 'devnet' });
  const key = await admin('/v1/fleet/access-keys', { label: 'bench' });
  const secret = base64Decode(key['secret_b64']!);
  const rows: string[] = [];
  for (const [route, signed] of [
    ['/v1/fleet/nodes', true],
    ['/health', false],
  ] as const) {
    const latencies: number[] = [];
    let errors = 0;
    const until = performance.now() + SECONDS * 1000;
    const client = async (): Promise<void> => {
      while (performance.now() < until) {
        const headers = signed
          ? signRequest({ method: 'GET', url: route, accessKeyId: key['access_key_id']!, secret, now: new Date() })
          : {};
        const t0 = performance.now();
        const r = await fetch(`${base}${route}`, { headers }).catch(() => undefined);
        await r?.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (r?.status !== 200) errors++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    rows.push(
      `| \`GET ${route}\`${signed ? ' (HMAC, nonce stored)' : ''} | ${CONCURRENCY} | ${latencies.length} | ` +
        `${(latencies.length / SECONDS).toFixed(0)}/s | ${pct(latencies, 50).toFixed(1)} ms | ${pct(latencies, 99).toFixed(1)} ms ` +
        `| ${errors} |`,
    );
    console.error(
      `[bench-fleet] GET ${route}: ${latencies.length} requests, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ` +
        `${pct(latencies, 99).toFixed(1)} ms, errors ${errors}`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const distributionRows: string[] = [];
  const names: string[] = [];
  if (!values.fake) {
    let dockerHost = process.env['JIL_TEST_DOCKER_HOST'];
    let registry = process.env['JIL_TEST_REGISTRY'];
    if (!dockerHost || !registry) {
      const dir = mkdtempSync(join(tmpdir(), 'jil-bench-deps-'));
      const out = execFileSync(DEPS, [dir], {
        encoding: 'utf8',
        env: { ...process.env, JIL_CI_REGISTRY_PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      cleanups.push(() => void execFileSync(DEPS, ['--stop', dir], { stdio: 'inherit' }));
      dockerHost = /JIL_TEST_DOCKER_HOST=(\S+)/.exec(out)?.[1];
      registry = /JIL_TEST_REGISTRY=(\S+)/.exec(out)?.[1];
    }
    const engine = DockerEngine.fromDockerHost(dockerHost!);
    cleanups.unshift(async () => {
      for (const n of names)
        for (const name of [n, `${n}-previous`]) await engine.inspectContainer(name).then((c) => c && engine.removeContainer(c.id));
    });
    const reg: HarnessRegistry = {
      address: registry!,
      publish: (path, tag, content) =>
        pushTestImage({ registry: registry!, path, tag, busyboxPath: process.env['JIL_TEST_BUSYBOX'] ?? '/bin/busybox', release: content }),
    };
    distributionRows.push(...(await distribution('dockerd 20.10 + Registry v2', reg, () => engine, names)));
  }
  const fake = await FakeRegistry.start();
  cleanups.push(() => fake.close());
  distributionRows.push(
    ...(await distribution(
      'fake engine (control plane only)',
      { address: fake.address, publish: async (p, t, c) => fake.push(p, t, c) },
      () => new FakeEngine(fake.source),
      [],
    )),
  );
  const latencyRows = await apiLatency();

  const section = [
    '<!-- bench-fleet:begin -->',
    `Measured by \`scripts/bench-fleet.ts\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ` +
      `${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, HQ on PGlite, everything ` +
      `on loopback; load average ${loadavg()[0]!.toFixed(1)} when it finished (the machine is shared: repeat and compare).`,
    '',
    `Distribution of one release to ${AGENTS} agents (8 at a time), from \`POST /v1/fleet/distribute\` until every target is ` +
      `\`verified\` (the agent pulled by digest, checked RepoDigests, recreated its container and reported back):`,
    '',
    '| engine | step | agents | verified | time to all verified |',
    '|---|---|---|---|---|',
    ...distributionRows,
    '',
    `HQ API under ${CONCURRENCY} concurrent clients for ${SECONDS} s each (HQ in its own process, \`hq serve\` on PGlite, log ` +
      `level warn; the client shares the 2 cores):`,
    '',
    '| route | clients | requests | throughput | p50 | p99 | errors |',
    '|---|---|---|---|---|---|---|',
    ...latencyRows,
    '<!-- bench-fleet:end -->',
  ].join('\n');
  console.log(section);
  if (!values['no-write']) {
    const file = join(ROOT, 'docs/fleet.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/<!-- bench-fleet:begin -->[\s\S]*<!-- bench-fleet:end -->/, section));
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of cleanups) await Promise.resolve(c()).catch((e: unknown) => console.error('cleanup:', e));
    console.error('[bench-fleet] cleaned up');
  });
