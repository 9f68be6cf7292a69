/**
 * Both cores (issue 11): HTTP `POST /v1/preclearance/validate` with 50 concurrent clients against `jil serve` on
 * PostgreSQL with `--workers 1` and `--workers 2`, and the in-process validate rate (engine only: four stages and 14
 * Ed25519 signatures, no HTTP, no database) on one core, all in the same run. Prints a markdown section on stdout
 * (scripts/bench.ts `--only workers` writes it to docs/benchmarks.md).
 *
 * Needs JIL_BENCH_DATABASE_URL (a PostgreSQL server; each `jil serve` migrates it in a fresh database of its own).
 * Flags: --seconds N per HTTP run (default 20), --clients N (default 50).
 */
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { buildSnapshot, ingestDatasets } from '@jil/ingest';
import {
  createPreclearanceEngine,
  generateEmbeddedValidators,
  MemoryRiskHistoryStore,
  parseTransferRequest,
  signValidatorSet,
  validatorSetFor,
  verifyValidatorSet,
} from '@jil/psa';
import { openPostgres } from '@jil/server-kit';
import { benchTransfer, httpLoad } from './benchServer.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, clients: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 20);
const CLIENTS = Number(values.clients ?? 50);
const DATABASE_URL = process.env['JIL_BENCH_DATABASE_URL'];
if (!DATABASE_URL) {
  console.error('bench-workers: set JIL_BENCH_DATABASE_URL (a PostgreSQL server)');
  process.exit(2);
}
const DATA = process.env['JIL_DATA_DIR'] ?? resolve(import.meta.dirname, '../../shared/data');
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** In-process validate on this thread for `seconds`: requests per second. */
async function inProcessRate(seconds: number): Promise<number> {
  const snapshot = buildSnapshot(await ingestDatasets(DATA));
  const validators = generateEmbeddedValidators(20);
  const now = new Date();
  const set = verifyValidatorSet(
    signValidatorSet(
      validatorSetFor({
        validators,
        setId: 'bench',
        validFrom: new Date(now.getTime() - 60_000),
        validUntil: new Date(now.getTime() + 86_400_000),
      }),
      validators,
    ),
    { now },
  );
  const engine = createPreclearanceEngine({ snapshot, validatorSet: set, validators, riskHistory: new MemoryRiskHistoryStore() });
  for (let i = 0; i < 200; i++) await engine.validate(parseTransferRequest(benchTransfer(i)), new Date()); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) await engine.validate(parseTransferRequest(benchTransfer(n++)), new Date());
  return n / ((performance.now() - start) / 1000);
}

/** A fresh database on the server for one run (dropped afterwards). */
async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `jil_bench_workers_${randomUUID().slice(0, 8)}`;
  const admin = await openPostgres(DATABASE_URL!);
  await admin.exec(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(DATABASE_URL!);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in ms. */
const cpuTimes = (): { busy: number; total: number } =>
  cpus().reduce(
    (acc, c) => {
      const t = c.times.user + c.times.nice + c.times.sys + c.times.irq;
      return { busy: acc.busy + t, total: acc.total + t + c.times.idle };
    },
    { busy: 0, total: 0 },
  );

const rows: { workers: number; rate: number; p50: number; p99: number; errors: number; busy: number }[] = [];
for (const workers of [1, 2]) {
  let busy = 0;
  const { ms, errors } = await withDatabase(async (url) => {
    // Machine-wide CPU use over the whole run (start-up and warm-up included): server, PostgreSQL and clients.
    const before = cpuTimes();
    const result = await httpLoad(CLIENTS, SECONDS, { DATABASE_URL: url }, ['--workers', String(workers)]);
    const after = cpuTimes();
    busy = (after.busy - before.busy) / (after.total - before.total);
    return result;
  });
  ms.sort((x, y) => x - y);
  rows.push({ workers, rate: ms.length / SECONDS, p50: pct(ms, 50), p99: pct(ms, 99), errors, busy });
}
const inProcess = await inProcessRate(10);
const [one, two] = rows as [(typeof rows)[number], (typeof rows)[number]];
console.log(
  `Measured ${new Date().toISOString().slice(0, 10)} with \`JIL_BENCH_DATABASE_URL=postgres://…/postgres pnpm bench --only ` +
    `workers\` (the server of .ci/start-postgres.sh). \`jil serve\` on PostgreSQL 15 (loopback, its own fresh database per ` +
    `run), ${CLIENTS} concurrent clients for ${SECONDS} s after 3 s of warm-up, clients in the benchmark's process; in-process ` +
    `validate on one core for 10 s. Same run, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
);
console.log('');
console.log('| run | validate/s | p50 | p99 | non-201 | machine CPU busy (both cores) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| HTTP, \`--workers ${r.workers}\` | **${r.rate.toFixed(0)}** | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.errors}` +
      ` | ${(100 * r.busy).toFixed(0)} % |`,
  );
console.log(`| in-process validate, one core (no HTTP, no database) | ${inProcess.toFixed(0)} | | | | |`);
console.log('');
const ratio = two.rate / one.rate;
const ofLimit = two.rate / (2 * inProcess);
console.log(
  `Targets (issue 11): \`--workers 2\` ≥ 1.6 × \`--workers 1\` — ${ratio.toFixed(2)} ×, ${ratio >= 1.6 ? 'met' : 'not met'}; ` +
    `\`--workers 2\` ≥ 50 % of twice the in-process rate (the two-core limit) — ${(100 * ofLimit).toFixed(0)} %, ` +
    `${ofLimit >= 0.5 ? 'met' : 'not met'}. PostgreSQL, the load generator and the workers share the same two cores (last ` +
    `column): when \`--workers 1\` already keeps them busy, a second worker has no CPU to add, and the way to the targets is less ` +
    `work per request (fewer database round trips), not more processes.`,
);
