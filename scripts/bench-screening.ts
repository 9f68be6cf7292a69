/**
 * Screening benchmarks (issue 3): name screening against the loaded lists and against 1,000,000 generated names,
 * and the compact address index at 1,000,000 addresses. Prints one markdown table (and notes) on stdout.
 *
 *   node --expose-gc --max-old-space-size=8192 --conditions=jil-source --import tsx scripts/bench-screening.ts \
 *     [--names 1000000] [--addresses 1000000] [--queries 5000] [--json]
 *
 * --expose-gc makes the memory figures exact (heap measured after a full GC); without it they are indicative.
 * Data comes from ../shared/data (or JIL_DATA_DIR). Timings are recorded, never asserted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { CompactAddressIndex, normalizeAddress, type SanctionsEntity } from '@jil/psa';
import { buildSnapshot, ingestDatasets, readAddressIndexFile, writeAddressIndexFile, type ListedAddress } from '@jil/ingest';
import { createNameMatcher, type NameMatcher, type NameQuery } from '../packages/psa/src/screening/sanctions/index.js';

const { values } = parseArgs({
  options: { names: { type: 'string' }, addresses: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } },
});
const NAMES = Number(values.names ?? 1_000_000);
const ADDRESSES = Number(values.addresses ?? 1_000_000);
const QUERIES = Number(values.queries ?? 20_000);
const ROOT = resolve(import.meta.dirname, '..');
const DATA = process.env['JIL_DATA_DIR'] ?? resolve(ROOT, '../shared/data');

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};
const pct = (sorted: ArrayLike<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Deterministic pseudo-random numbers (xorshift32), so every run screens the same generated names. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Per-query times in ms, sorted (preallocated, so the measurement itself does not allocate between queries). */
function timeQueries(matcher: NameMatcher, queries: readonly NameQuery[]): Float64Array {
  for (const q of queries.slice(0, 1_000)) matcher.search(q, { minScore: 0.8, limit: 20 }); // warm-up (JIT)
  const times = new Float64Array(queries.length);
  let k = 0;
  for (const q of queries) {
    const t0 = performance.now();
    matcher.search(q, { minScore: 0.8, limit: 20 });
    times[k++] = performance.now() - t0;
  }
  return times.sort();
}

async function main() {
  const rows: Array<[string, string, string]> = [];
  const notes: string[] = [];
  const row = (metric: string, value: string, target = '') => rows.push([metric, value, target]);

  // 1. One party against every loaded list (OFAC SDN with aliases, UN; EU/UK when present).
  const snapshot = buildSnapshot(await ingestDatasets(DATA));
  const t = performance.now();
  const all = createNameMatcher(snapshot.sanctions);
  const buildMs = performance.now() - t;
  const people = parse(readFileSync(join(DATA, 'name-matching', 'yente_negatives_us.csv'), 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >;
  const queries: NameQuery[] = people.slice(0, QUERIES).map((p) => ({ name: p['full_name'] ?? '', schema: 'Person' }));
  const loaded = timeQueries(all, queries);
  const lists = [...new Set(snapshot.sanctions.map((e) => e.list))].join(', ');
  row(
    `name screening, 1 party vs loaded lists (${all.size.toLocaleString('en')} names: ${lists}) — p50`,
    `${pct(loaded, 0.5).toFixed(3)} ms`,
  );
  row('… p99', `${pct(loaded, 0.99).toFixed(3)} ms`, '≤ 2 ms');
  row('… index build', `${buildMs.toFixed(0)} ms`);

  // 2. One party against 1,000,000 generated names (given + surname drawn from the synthetic people); --names 0 skips it.
  if (NAMES > 0) await benchGeneratedNames(people, queries, row);

  // 3. Address index: the real listings plus generated EVM (90 %) and Bitcoin-family (10 %) addresses; --addresses 0 skips it.
  if (ADDRESSES > 0) await benchAddresses(row);
  notes.push(
    `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}` +
      `${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for exact memory)'}; per-call times include ` +
      `performance.now() overhead (≈ 0.1 µs).`,
  );

  if (values.json) {
    console.log(JSON.stringify({ rows, notes }, null, 2));
    return;
  }
  console.log('| measurement | result | target |');
  console.log('|---|---|---|');
  for (const [m, v, target] of rows) console.log(`| ${m} | ${v} | ${target} |`);
  console.log();
  for (const n of notes) console.log(`- ${n}`);
}

type Row = (metric: string, value: string, target?: string) => void;

async function benchGeneratedNames(people: ReadonlyArray<Record<string, string>>, queries: readonly NameQuery[], row: Row): Promise<void> {
  const given = [...new Set(people.map((p) => p['first_name'] ?? '').filter((s) => /^\p{L}{2,}$/u.test(s)))];
  const family = [...new Set(people.map((p) => p['last_name'] ?? '').filter((s) => /^\p{L}{2,}$/u.test(s)))];
  const rand = rng(20261121);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const h0 = heap();
  const t = performance.now();
  const generated: SanctionsEntity[] = [];
  for (let i = 0; i < NAMES; i++) {
    const name =
      rand() < 0.3 ? `${pick(family).toUpperCase()}, ${pick(given)} ${pick(given)}` : `${pick(family).toUpperCase()}, ${pick(given)}`;
    generated.push({
      list: 'generated',
      entry_id: String(i),
      schema: 'Person',
      names: [{ name, kind: 'primary' }],
      programs: [],
      countries: [],
      birth_dates: [],
      list_date: '2026-11-21',
      provenance: { dataset: 'generated', file: 'generated', row: i },
    });
  }
  const big = createNameMatcher(generated);
  const bigBuildMs = performance.now() - t;
  const bigBytes = heap() - h0;
  const bigTimes = timeQueries(big, queries.slice(0, Math.min(3_000, queries.length)));
  row(`name screening, 1 party vs ${NAMES.toLocaleString('en')} generated names — p50`, `${pct(bigTimes, 0.5).toFixed(3)} ms`);
  row('… p99', `${pct(bigTimes, 0.99).toFixed(3)} ms`, '≤ 10 ms');
  row('… memory (entities + index)', `${mib(bigBytes)} (${Math.round(bigBytes / NAMES)} B/name)`);
  row('… index build', `${(bigBuildMs / 1000).toFixed(1)} s`);
}

async function benchAddresses(row: Row): Promise<void> {
  let t: number;
  const real = (await ingestDatasets(DATA)).addresses;
  const listed: ListedAddress[] = [...real];
  for (let i = listed.length; i < ADDRESSES; i++) {
    const hex = createHash('sha256').update(`jil-bench-${i}`).digest('hex');
    const evm = i % 10 !== 0;
    listed.push({
      family: evm ? 'evm' : 'bitcoin',
      address: evm ? `0x${hex.slice(0, 40)}` : `bc1q${hex.slice(0, 38)}`,
      category: i % 7 === 0 ? 'exchange' : 'scam',
      severity: i % 7 === 0 ? 'info' : 'hard',
      list: 'generated',
      list_date: '2026-11-21',
      label: `generated ${i % 1000}`,
      provenance: { dataset: 'generated', file: 'generated.json', row: i },
    });
  }
  t = performance.now();
  const index = CompactAddressIndex.from(listed);
  const indexBuildMs = performance.now() - t;
  // Interned strings: UTF-16 payload plus a V8 string header (≈ 16 B), an estimate.
  const stringBytes = index.columns.strings.reduce((n, x) => n + 2 * x.length + 16, 0);
  const dir = mkdtempSync(join(tmpdir(), 'jil-bench-addr-'));
  const file = join(dir, 'snapshot.addresses.bin');
  const fileBytes = await writeAddressIndexFile(file, index, 'bench');
  gc(); // the previous section's garbage is collected now, not during the timed loops
  const loads: number[] = [];
  let reloaded = index;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    reloaded = await readAddressIndexFile(file, 'bench');
    loads.push(performance.now() - t);
  }
  rmSync(dir, { recursive: true, force: true });
  const hits = listed
    .filter((_, i) => i % 97 === 0 && listed[i]!.family === 'evm')
    .slice(0, 5_000)
    .map((l) => normalizeAddress('eip155:1', l.address));
  const misses = Array.from({ length: 5_000 }, () => normalizeAddress('eip155:1', `0x${randomBytes(20).toString('hex')}`));
  const probes = hits.flatMap((h, i) => [h, misses[i] ?? h]);
  for (const p of probes) reloaded.lookup(p); // warm-up (materializes the hits once)
  gc();
  const lookups = new Float64Array(20 * probes.length);
  let n = 0;
  for (let r = 0; r < 20; r++) {
    for (const p of probes) {
      const t0 = performance.now();
      reloaded.lookup(p);
      lookups[n++] = (performance.now() - t0) * 1000;
    }
  }
  lookups.sort();
  row(
    `address index: ${index.size.toLocaleString('en')} addresses (${real.length.toLocaleString('en')} real listings + generated), ` +
      `${index.listings.toLocaleString('en')} listings — build`,
    `${(indexBuildMs / 1000).toFixed(1)} s`,
  );
  row(
    '… memory per address',
    `${(index.byteLength / index.size).toFixed(0)} B in typed arrays + ≈ ${(stringBytes / index.size).toFixed(0)} B of interned ` +
      `strings (${index.columns.strings.length.toLocaleString('en')} strings)`,
  );
  row(
    '… snapshot file',
    `${mib(fileBytes)}; load (read + SHA-256 + views) ${Math.min(...loads).toFixed(0)} ms best, ${Math.max(...loads).toFixed(0)} ` +
      `ms worst of 3`,
    '≤ 1 s',
  );
  row('… lookup p50 / p99 (EVM, half hits)', `${pct(lookups, 0.5).toFixed(2)} µs / ${pct(lookups, 0.99).toFixed(2)} µs`, 'p99 ≤ 2 µs');
}

await main();
