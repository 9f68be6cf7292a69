/**
 * `tsx --conditions=jil-source scripts/bench-mpc.ts [--sizes 3/4,14/20,67/100] [--process-sizes 3/4]
 *   [--full-dkg-max-n 20] [--runs 3]` — FROST(Ed25519, SHA-512) timings for issue 4, printed as a markdown table.
 *
 * Columns:
 * - DKG, whole ceremony: all n participants' three rounds run one after another in this one thread, through the
 *   coordinator (what a single machine would spend simulating everyone). Only for n ≤ --full-dkg-max-n: the cost
 *   grows ~n²·t because @noble/curves validates every commitment point (≈2 ms per point here: two subgroup checks).
 * - DKG, one participant: what one cosigner spends in its three rounds when all n run in parallel (network
 *   excluded); the other n − 1 participants are simulated with noble's round one and their share for it.
 * - Signing session: t commits, t shares, every share verified before aggregation (coordinateSigning); median of
 *   --runs sessions (1 for t > 50).
 * Across processes: the same through shells/mpc-cosigner (one process per participant, HTTP on loopback, Ed25519
 * mutual authentication); process start-up excluded.
 * Timing is measured and printed here; no test asserts a time.
 */
import { cpus, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { generateKeyPair, utf8ToBytes, verify } from '@jil/core';
import {
  coordinateDkg,
  coordinateSigning,
  Cosigner,
  DkgParticipant,
  getCiphersuite,
  identifierFromNumber,
  sealShare,
  trustedDealer,
  type FrostParticipant,
} from '@jil/mpc';
import { startCosignerProcesses } from '../shells/mpc-cosigner/src/index.js';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, 'process-sizes': { type: 'string' }, runs: { type: 'string' }, 'full-dkg-max-n': { type: 'string' } } });
const parse = (s: string) => s.split(',').filter(Boolean).map((x) => x.split('/').map(Number) as [number, number]);
const SIZES = parse(values.sizes ?? '3/4,14/20,67/100');
const PROCESS_SIZES = parse(values['process-sizes'] ?? '3/4');
const RUNS = Number(values.runs ?? 3);
const FULL_DKG_MAX_N = Number(values['full-dkg-max-n'] ?? 20);
const message = utf8ToBytes('bench: custody withdrawal');
const suite = getCiphersuite('ed25519');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number | undefined) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const log = (s: string) => process.stderr.write(`${s}\n`);

function roster(n: number) {
  const ids = Array.from({ length: n }, (_, i) => identifierFromNumber(i + 1));
  const keys = ids.map(() => generateKeyPair());
  return { ids, keys, roster: Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey])) };
}

async function signingSession(t: number, participants: FrostParticipant[], pub: Parameters<typeof coordinateSigning>[0]['publicKeyPackage']): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < (t > 50 ? 1 : RUNS); i++) {
    const s0 = performance.now();
    const r = await coordinateSigning({ participants, publicKeyPackage: pub, message, roundDeadlineMs: 3_600_000 });
    times.push(performance.now() - s0);
    if (!verify(r.signature, message, pub.commitments[0]!)) throw new Error('signature does not verify');
  }
  return median(times);
}

/** One participant's DKG work, the others simulated (noble round one + their polynomial at participant 1). */
function dkgOneParticipant(t: number, n: number): number {
  const { ids, keys, roster: r } = roster(n);
  const ceremonyId = 'bench';
  const others = ids.slice(1).map((id) => ({ id, ...suite.frost.DKG.round1(id, { min: t, max: n }) }));
  const me = ids[0]!;
  const x = 1n;
  const received = others.map((o, k) => {
    const coeffs = o.secret.coefficients!;
    let y = 0n;
    for (let j = coeffs.length - 1; j >= 0; j--) y = suite.Fn.add(suite.Fn.mul(y, x), coeffs[j]!);
    return { sender: o.id, recipient: me, sealedShare: sealShare(suite.Fn.toBytes(y), { context: ceremonyId, sender: o.id, recipient: me, secretKey: keys[k + 1]!.secretKey, peerPublicKey: r[me]! }) };
  });
  const round1 = others.map((o) => ({ identifier: o.id, commitment: o.public.commitment, proofOfKnowledge: o.public.proofOfKnowledge }));
  const t0 = performance.now();
  const p = DkgParticipant.start({ identifier: me, minSigners: t, maxSigners: n, ceremonyId, identitySecretKey: keys[0]!.secretKey, roster: r });
  p.round2(round1);
  p.round3(round1, received);
  return performance.now() - t0;
}

const rows: string[] = [];
for (const [t, n] of SIZES) {
  const { ids, keys, roster: r } = roster(n);
  let fullDkg: number | undefined;
  if (n <= FULL_DKG_MAX_N) {
    const t0 = performance.now();
    await coordinateDkg({ participants: ids.map((id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster: r })), minSigners: t, roundDeadlineMs: 3_600_000 });
    fullDkg = performance.now() - t0;
  }
  const perParticipant = dkgOneParticipant(t, n);
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: t, maxSigners: n });
  const signers = ids.map((id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster: r, keyPackage: keyPackages[id]! }));
  const sign = await signingSession(t, signers, publicKeyPackage);
  rows.push(`| ${t}-of-${n} | in process | ${fmt(fullDkg)} | ${fmt(perParticipant)} | ${fmt(sign)} |`);
  log(`done ${t}-of-${n} in process`);
}
for (const [t, n] of PROCESS_SIZES) {
  const cluster = await startCosignerProcesses({ n });
  try {
    const t0 = performance.now();
    const pub = await coordinateDkg({ participants: cluster.participants, minSigners: t, roundDeadlineMs: 3_600_000 });
    const dkg = performance.now() - t0;
    const sign = await signingSession(t, cluster.participants, pub);
    rows.push(`| ${t}-of-${n} | ${n} processes, HTTP on loopback | ${fmt(dkg)} (in parallel) | — | ${fmt(sign)} |`);
  } finally {
    await cluster.stopAll();
  }
  log(`done ${t}-of-${n} across processes`);
}
console.log('### FROST(Ed25519, SHA-512): DKG and one signing session\n');
console.log(`Node ${process.version}, ${platform()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; signing: median of ${RUNS} sessions (1 above t = 50).\n`);
console.log('| threshold | where | DKG, whole ceremony | DKG, one participant | signing session |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
