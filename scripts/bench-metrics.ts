/**
 * `/metrics` overhead on `validate` throughput (issue 14 §Measured; target ≤ 3 %): the same pre-clearance service
 * (`startService`, embedded validators, PGlite or JIL_BENCH_DATABASE_URL, the datasets of ../shared/data) in its own
 * process, once with metrics recording (`http_*` series, stages, verdicts, quorum, dataset age; `/metrics` scraped
 * every second as Prometheus would) and once with `metrics: false` (nothing recorded, no route), alternating
 * off/on for `--rounds` rounds so that drift on a shared machine hits both alike. HTTP load as scripts/benchServer.ts:
 * `--clients` concurrent loops of signed `POST /v1/preclearance/validate` for `--seconds` after 3 s of warm-up.
 * Prints a markdown section on stdout (scripts/bench.ts `--only metrics` writes it to docs/benchmarks.md).
 *
 * Flags: --seconds N per run (default 15), --rounds N (default 2), --clients N (default 20).
 * Internal: --serve on|off --snapshot FILE --state DIR starts one service and prints its address (the child).
 * Timing is measured here and written down; no test asserts a time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Pool } from 'undici';
import { base64Decode, signRequest } from '@jil/core';
import { ingestDatasets, writeSnapshotFile } from '@jil/ingest';
import { createMetrics, installHttpMetrics } from '@jil/server-kit';
import { startService } from '@jil/shell-preclearance';
import { benchTransfer } from './benchServer.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    clients: { type: 'string' },
    serve: { type: 'string' },
    snapshot: { type: 'string' },
    state: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds ?? 15);
const ROUNDS = Number(values.rounds ?? 2);
const CLIENTS = Number(values.clients ?? 20);
const DATA = process.env['JIL_DATA_DIR'] ?? resolve(import.meta.dirname, '../../shared/data');
const DATABASE_URL = process.env['JIL_BENCH_DATABASE_URL'];

/** The child: one service, metrics on or off, until SIGTERM. */
async function serve(mode: string, snapshotFile: string, stateDir: string): Promise<void> {
  const service = await startService({
    stateDir,
    dataDir: DATA,
    snapshotFile,
    port: 0,
    logger: false,
    rateLimit: false,
    listFreshness: false,
    ...(mode === 'off' ? { metrics: false as const } : {}),
    ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
  });
  process.stdout.write(`${JSON.stringify({ url: service.url, credentials: service.state.credentials })}\n`);
  process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
}

interface Run {
  mode: 'on' | 'off';
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  scrapes: number;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Start a child service, load it, stop it. */
async function run(mode: 'on' | 'off', snapshotFile: string): Promise<Run> {
  const state = mkdtempSync(join(tmpdir(), 'jil-bench-metrics-'));
  const child = spawn(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--serve', mode, '--snapshot', snapshotFile, '--state', state],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const started = await new Promise<{ url: string; credentials: { access_key_id: string; secret: string } }>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) res(JSON.parse(line));
    });
    child.once('exit', (code) => rej(new Error(`service exited early (${code})`)));
  });
  const secret = base64Decode(started.credentials.secret);
  const pool = new Pool(started.url, { connections: CLIENTS + 1 });
  const ms: number[] = [];
  let errors = 0;
  let seq = 0;
  let scrapes = 0;
  const warmEnd = performance.now() + 3000;
  const end = warmEnd + SECONDS * 1000;
  const scraper = (async () => {
    if (mode === 'off') return;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await pool.request({ method: 'GET', path: '/metrics' });
      await res.body.text();
      if (res.statusCode === 200 && performance.now() >= warmEnd) scrapes++;
    }
  })();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const body = JSON.stringify(benchTransfer(seq++, `metrics-${mode}-${process.hrtime.bigint()}`));
        const headers = {
          ...signRequest({
            method: 'POST',
            url: '/v1/preclearance/validate',
            body,
            accessKeyId: started.credentials.access_key_id,
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
  await scraper;
  await pool.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(state, { recursive: true, force: true });
  const sorted = ms.sort((x, y) => x - y);
  return { mode, rps: ms.length / SECONDS, p50: pct(sorted, 50), p99: pct(sorted, 99), errors, scrapes };
}

/**
 * The recording cost alone, free of the shared machine's noise in the HTTP runs: µs per request through Fastify's
 * `inject` on a no-op route, with and without `installHttpMetrics` (best of 10 alternating batches of `n` each).
 */
async function recordingCostMicros(n = 20_000): Promise<{ off: number; on: number }> {
  // Fastify as @jil/server-kit resolves it (it is not a root dependency).
  const Fastify = createRequire(resolve(import.meta.dirname, '../packages/server-kit/package.json'))('fastify') as (o: {
    logger: boolean;
  }) => Parameters<typeof installHttpMetrics>[0];
  const app = async (withMetrics: boolean) => {
    const a = Fastify({ logger: false });
    if (withMetrics) installHttpMetrics(a, createMetrics());
    a.get<{ Params: { id: string } }>('/v1/things/:id', async () => ({ ok: true }));
    await a.ready();
    return a;
  };
  const apps = { off: await app(false), on: await app(true) };
  const best = { off: Number.POSITIVE_INFINITY, on: Number.POSITIVE_INFINITY };
  // Batches alternate between the two apps, so that drift on a shared machine hits both alike; best batch wins.
  for (let batch = 0; batch < 10; batch++) {
    for (const mode of ['off', 'on'] as const) {
      const a = performance.now();
      for (let i = 0; i < n; i++) await apps[mode].inject({ method: 'GET', url: `/v1/things/${i}` });
      best[mode] = Math.min(best[mode], ((performance.now() - a) * 1000) / n);
    }
  }
  await apps.off.close();
  await apps.on.close();
  return best;
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'jil-bench-metrics-snapshot-'));
  const snapshotFile = join(tmp, 'snapshot.json');
  console.error('[bench-metrics] ingesting the datasets once');
  await writeSnapshotFile(snapshotFile, await ingestDatasets(DATA));
  const runs: Run[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of ['off', 'on'] as const) {
      console.error(`[bench-metrics] round ${r + 1}/${ROUNDS}, metrics ${mode}`);
      runs.push(await run(mode, snapshotFile));
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  const off = median(runs.filter((x) => x.mode === 'off').map((x) => x.rps));
  const on = median(runs.filter((x) => x.mode === 'on').map((x) => x.rps));
  const overhead = ((off - on) / off) * 100;
  const cost = await recordingCostMicros();
  const perValidateMs = (1000 * cpus().length) / off; // CPU time one validate takes at the measured rate, at most
  const lines = [
    `${SECONDS} s per run after 3 s of warm-up, ${CLIENTS} concurrent clients, ${ROUNDS} rounds alternating off/on, ` +
      `${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, embedded validators, ${cpus().length} cores (shared), Node ${process.version}. ` +
      'With metrics, `/metrics` is scraped every second during the run.',
    '',
    '| run | metrics | validate/s | p50 | p99 | non-201 | scrapes |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...runs.map(
      (x, i) =>
        `| ${i + 1} | ${x.mode} | ${x.rps.toFixed(1)} | ${x.p50.toFixed(1)} ms | ${x.p99.toFixed(1)} ms | ${x.errors} | ` +
        `${x.mode === 'on' ? x.scrapes : '–'} |`,
    ),
    '',
    `Median throughput: ${off.toFixed(1)}/s without metrics, ${on.toFixed(1)}/s with: overhead **${overhead.toFixed(1)} %** ` +
      `(target ≤ 3 %; a negative value is noise in the machine's favour).`,
    '',
    'Recording cost alone (Fastify `inject`, no-op route, best of 10 alternating batches of 20 000): ' +
      `${cost.off.toFixed(1)} µs per request ` +
      `without, ${cost.on.toFixed(1)} µs with \`installHttpMetrics\`: **${(cost.on - cost.off).toFixed(1)} µs** per request, ` +
      `${(((cost.on - cost.off) / 1000 / perValidateMs) * 100).toFixed(2)} % of the ≈ ${perValidateMs.toFixed(1)} ms of CPU a validate ` +
      'costs at the rate above (the pre-clearance series add a few counter and histogram updates per PSA on top).',
  ];
  console.log(lines.join('\n'));
}

if (values.serve !== undefined) await serve(values.serve, values.snapshot!, values.state!);
else await main();
