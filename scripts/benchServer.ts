/**
 * Shared by the HTTP benchmarks (scripts/bench.ts, scripts/bench-tlog.ts): a `jil serve` in its own process on a
 * fresh state folder, and the transfer they send.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';
import { base64Decode, signRequest } from '@jil/core';

const ROOT = resolve(import.meta.dirname, '..');
const DATA = process.env['JIL_DATA_DIR'] ?? resolve(ROOT, '../shared/data');

/** A benchmark transfer: a clean EVM transfer between two organizations; `i` varies the transit and sender ids. */
export const benchTransfer = (i: number, prefix = 'bench') => ({
  transit_id: `${prefix}-${i}`,
  chain_id: 'eip155:1',
  asset: 'ETH',
  amount: '1.5',
  amount_usd: '5250.00',
  source_address: '0x0519035923133db8356bb16018454ebc751e4348',
  destination_address: '0x6861495f5311a3eae8f8df6f63ea3bcbda60f664',
  sender: { id: `acct-${i % 100}`, name: 'Helvetia Digital Assets AG', type: 'organization', country: 'CH' },
  receiver: { id: 'acct-2002', name: 'Nordlicht Trading GmbH', type: 'organization', country: 'DE' },
  custodian_id: 'demo-custodian',
});

/** A running `jil serve`: its base URL, the demo credentials it wrote, and how to stop it (state folder removed). */
export interface BenchServer {
  base: string;
  port: number;
  /** The `jil serve` process id (with `--validators distributed`, the validator processes are its children). */
  pid: number;
  /** Everything the server printed on stdout so far (e.g. the distributed validators' pids). */
  output(): string;
  credentials: { access_key_id: string; secret: string };
  stop(): Promise<void>;
}

/**
 * Start `jil serve --allow-stale-lists` on a random loopback port with a fresh state folder and wait until it listens.
 * @param env - extra environment (e.g. `DATABASE_URL`, `JIL_TRANSPARENCY_LOG=off`); `DATABASE_URL` is cleared otherwise.
 * @param args - extra `jil serve` flags, e.g. `['--validators', 'distributed']`.
 */
export async function startBenchServer(env: Record<string, string> = {}, args: string[] = []): Promise<BenchServer> {
  const state = mkdtempSync(join(tmpdir(), 'jil-bench-'));
  const port = 18787 + Math.floor(Math.random() * 2000);
  // JIL_RATE_LIMIT=off: the benchmarks drive one access key harder than the per-key default (100/s, burst 200) allows.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, JIL_LOG_LEVEL: 'warn', JIL_RATE_LIMIT: 'off' };
  delete childEnv['DATABASE_URL'];
  Object.assign(childEnv, env);
  const child = spawn(
    process.execPath,
    [
      '--conditions=jil-source',
      '--import',
      'tsx',
      resolve(ROOT, 'shells/cli/src/main.ts'),
      'serve',
      '--allow-stale-lists',
      '--port',
      String(port),
      '--state-dir',
      state,
      '--data-dir',
      DATA,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.resume();
  await new Promise<void>((res, rej) => {
    const check = () => {
      if (text.includes('listening on')) res();
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => rej(new Error(`server exited early (${code})`)));
  });
  const credentials = JSON.parse(readFileSync(join(state, 'credentials.json'), 'utf8')) as { access_key_id: string; secret: string };
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    output: () => text,
    credentials,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * Start `jil serve` in its own process (fresh state; `env` e.g. `DATABASE_URL`, `args` e.g. `['--workers', '2']`) and
 * drive `POST /v1/preclearance/validate` with `clients` concurrent loops for `seconds` after 3 s of warm-up.
 * @returns each request's latency in ms and the count of answers other than 201.
 */
export async function httpLoad(
  clients: number,
  seconds: number,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ ms: number[]; errors: number }> {
  const server = await startBenchServer(env, args);
  const creds = server.credentials;
  const secret = base64Decode(creds.secret);
  const pool = new Pool(server.base, { connections: clients });
  const ms: number[] = [];
  let errors = 0;
  let seq = 0;
  const warmEnd = performance.now() + 3000;
  const end = warmEnd + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const body = JSON.stringify(benchTransfer(seq++));
        const headers = {
          ...signRequest({
            method: 'POST',
            url: '/v1/preclearance/validate',
            body,
            accessKeyId: creds.access_key_id,
            secret,
            now: new Date(),
          }),
          'content-type': 'application/json',
        };
        const a = performance.now();
        const res = await pool.request({ method: 'POST', path: '/v1/preclearance/validate', headers, body });
        await res.body.dump();
        const b = performance.now();
        if (a < warmEnd) continue;
        if (res.statusCode !== 201) errors++;
        ms.push(b - a);
      }
    }),
  );
  await pool.close();
  await server.stop();
  return { ms, errors };
}
