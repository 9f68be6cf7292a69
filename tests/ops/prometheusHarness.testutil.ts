/** A real Prometheus server for tests (Debian's `prometheus`, path in JIL_TEST_PROMETHEUS; .ci/start-prometheus.sh). */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A free TCP port on loopback (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A running Prometheus on loopback. */
export interface RunningPrometheus {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Runs an instant PromQL query (`/api/v1/query`) and returns the result vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Resolves once every active target's last scrape succeeded (`health: up`). */
  targetsUp(): Promise<void>;
  /** What the server wrote on stderr (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts `binary` with a generated configuration that scrapes `targets` (host:port) at `/metrics` every second, a TSDB
 * in a fresh temporary directory and the web API on a free loopback port; waits until the API answers `/-/ready`.
 */
export async function startPrometheus(binary: string, targets: readonly string[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'jil-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: jil',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const get = async (path: string): Promise<Response | undefined> => fetch(`${url}${path}`).catch(() => undefined);
  // Readiness: poll until the API answers (the test's hook timeout bounds the wait).
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
    if ((await get('/-/ready'))?.status === 200) break;
    await sleep(100);
  }
  return {
    url,
    log: () => stderr,
    stop,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; data?: { resultType: string; result: never[] }; error?: string };
      if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error ?? res.status}`);
      return body.data!.result;
    },
    async targetsUp() {
      for (;;) {
        const res = await get('/api/v1/targets?state=active');
        const body = (await res?.json()) as { data?: { activeTargets: { health: string }[] } } | undefined;
        const active = body?.data?.activeTargets ?? [];
        if (active.length === targets.length && active.every((t) => t.health === 'up')) return;
        await sleep(200);
      }
    },
  };
}
