/**
 * `tsx --conditions=jil-source scripts/bench-crypto.ts [--seconds 2]` — Ed25519, ML-DSA-65 and the composite
 * ML-DSA-65 + Ed25519 (id-MLDSA65-Ed25519-SHA512) sign and verify on each backend (`node` = node:crypto / OpenSSL,
 * `noble` = @noble/ed25519 / @noble/post-quantum; a composite backend runs both halves), in one run, printed
 * as a markdown section on stdout (`pnpm bench --only crypto` writes it into docs/benchmarks.md).
 *
 * Each row: warm-up, then one call at a time for at least --seconds (and at least 30 calls), each call timed with
 * performance.now(); mean, p50, p99 in ms and ops/s = 1000 / mean. 512-byte message; ML-DSA-65 with a 10-byte
 * context, the composite with the same 10 bytes as its application context. "from the seed" signs with the secret
 * key (32 bytes; 64 for the composite) as the public `sign` functions do (the key is imported or expanded on every
 * call); "key loaded" is what a long-lived signer costs (`createSigner`, `mlDsa65CreateSigner`,
 * `compositeCreateSigner`).
 * Timing is measured and printed here; no test asserts a time.
 */
import { cpus, loadavg, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import {
  availableCompositeBackends,
  compositeCreateSigner,
  compositeGenerateKeyPair,
  compositeSign,
  compositeVerifyWith,
  generateKeyPair,
  mlDsa65GenerateKeyPair,
  mlDsa65Sign,
  utf8ToBytes,
  verifyWith,
  mlDsa65VerifyWith,
} from '@jil/core';
import { compositeSignWith } from '../packages/core/src/composite/sign.js';
import { availableEd25519Backends, backendImpl, type Ed25519Backend } from '../packages/core/src/ed25519/backends.js';
import { availableMlDsaBackends, mlDsaBackendImpl, type MlDsaBackend } from '../packages/core/src/mldsa/backends.js';

const { values } = parseArgs({ options: { seconds: { type: 'string' } } });
const SECONDS = Number(values.seconds ?? 2);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Row {
  algorithm: string;
  operation: string;
  backend: string;
  samples: number[];
}

function measure(run: () => unknown): number[] {
  const warmEnd = performance.now() + Math.min(300, SECONDS * 200);
  while (performance.now() < warmEnd) run();
  (globalThis as { gc?: () => void }).gc?.();
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while ((performance.now() < end || samples.length < 30) && samples.length < 50_000) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (x: number) => (x >= 1 ? x.toFixed(2) : x.toFixed(3));
const label = { node: 'node:crypto', noble: 'noble' } as const;

const message = new Uint8Array(512).fill(7);
const context = utf8ToBytes('JIL-PSA-v1');
const ed = generateKeyPair();
const edSignature = backendImpl('noble').sign(message, ed.secretKey);
const pq = mlDsa65GenerateKeyPair();
const pqSignature = mlDsa65Sign(message, pq.secretKey, { context });
const composite = compositeGenerateKeyPair();
const compositeSignature = compositeSign(message, composite.secretKey, { context });

const rows: Row[] = [];
const add = (algorithm: string, operation: string, backend: 'node' | 'noble', run: () => unknown) => {
  rows.push({ algorithm, operation, backend: label[backend], samples: measure(run) });
  log(`done ${algorithm} ${operation} ${backend}`);
};

const load0 = loadavg()[0]!;
for (const b of availableEd25519Backends() as Ed25519Backend[]) {
  const impl = backendImpl(b);
  add('Ed25519', 'sign (from the seed)', b, () => impl.sign(message, ed.secretKey));
  add('Ed25519', 'verify', b, () => verifyWith(b, edSignature, message, ed.publicKey));
}
for (const b of availableMlDsaBackends() as MlDsaBackend[]) {
  const impl = mlDsaBackendImpl(b);
  const signer = impl.signerFor(pq.secretKey);
  add('ML-DSA-65', 'sign (from the seed)', b, () => impl.sign(message, pq.secretKey, context));
  add('ML-DSA-65', 'sign (key loaded)', b, () => signer(message, context));
  add('ML-DSA-65', 'verify', b, () => mlDsa65VerifyWith(b, pqSignature, message, pq.publicKey, { context }));
}
for (const b of availableCompositeBackends()) {
  add('ML-DSA-65 + Ed25519', 'sign (from the seed)', b, () => compositeSignWith(b, message, composite.secretKey, { context }));
  // compositeCreateSigner uses each half's default backend: node for both exactly where the composite 'node' exists
  if (b === 'node') {
    const signer = compositeCreateSigner(composite.secretKey);
    add('ML-DSA-65 + Ed25519', 'sign (keys loaded)', b, () => signer.sign(message, { context }));
  }
  add('ML-DSA-65 + Ed25519', 'verify', b, () => compositeVerifyWith(b, compositeSignature, message, composite.publicKey, { context }));
}
const load1 = loadavg()[0]!;

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const meanOf = (algorithm: string, operation: string, backend: string) => {
  const row = rows.find((r) => r.algorithm === algorithm && r.operation === operation && r.backend === backend);
  return row ? mean(row.samples) : undefined;
};

console.log(
  `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench --only crypto\` (scripts/bench-crypto.ts) on ${cpus().length}` +
    ` × ${cpus()[0]?.model ?? 'cpu'}, ${platform()} ${release()}, Node ${process.version} (OpenSSL ${process.versions.openssl}); ` +
    `load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end (the machine may be shared: repeat and compare).`,
);
console.log(
  `One call at a time in one process, ≥ ${SECONDS} s of samples per row after a warm-up; 512-byte message, ML-DSA-65 with a ` +
    `10-byte context. Sizes: Ed25519 public key 32 B, signature 64 B; ML-DSA-65 public key 1952 B, signature 3309 B; composite ` +
    `ML-DSA-65 + Ed25519 public key 1984 B, signature 3373 B.\n`,
);
console.log('| algorithm | operation | backend | calls | mean | p50 | p99 | ops/s |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const sorted = [...r.samples].sort((a, b) => a - b);
  const m = mean(r.samples);
  console.log(
    `| ${r.algorithm} | ${r.operation} | ${r.backend} | ${r.samples.length} | ${fmt(m)} ms | ${fmt(pct(sorted, 50))} ms | ` +
      `${fmt(pct(sorted, 99))} ms | ${Math.round(1000 / m).toLocaleString('en-US')} |`,
  );
}
const ratio = (a?: number, b?: number) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(1)}×`);
console.log(
  `\nML-DSA-65 against Ed25519, mean time per call: ` +
    `verify ${ratio(meanOf('ML-DSA-65', 'verify', 'node:crypto'), meanOf('Ed25519', 'verify', 'node:crypto'))} on node:crypto, ` +
    `${ratio(meanOf('ML-DSA-65', 'verify', 'noble'), meanOf('Ed25519', 'verify', 'noble'))} on noble; sign from the seed ` +
    `${ratio(meanOf('ML-DSA-65', 'sign (from the seed)', 'node:crypto'), meanOf('Ed25519', 'sign (from the seed)', 'node:crypto'))} ` +
    `on node:crypto, ${ratio(meanOf('ML-DSA-65', 'sign (from the seed)', 'noble'), meanOf('Ed25519', 'sign (from the seed)', 'noble'))} ` +
    `on noble. ML-DSA-65 signing repeats a random number of rejection-sampling rounds, hence its wide p99.`,
);
