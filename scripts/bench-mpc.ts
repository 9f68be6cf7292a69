/**
 * `tsx --conditions=jil-source scripts/bench-mpc.ts [--sizes 3/4,14/20,67/100] [--process-sizes 3/4]
 *   [--full-dkg-max-n 20] [--runs 3]` — FROST(Ed25519, SHA-512) timings for issue 4, printed as a markdown table.
 *
 * Columns:
 * - DKG, whole ceremony: all n participants' three rounds run one after another in this one thread, through the
 *   coordinator (what a single machine would spend simulating everyone), shares sealed and opened. Only for
 *   n ≤ --full-dkg-max-n: the cost grows ~n²·t.
 * - DKG, one participant: what one cosigner spends in its three rounds when all n run in parallel (network
 *   excluded); the other n − 1 participants are simulated with noble's round one and their share for it.
 * - Signing session: t commits, t shares, every share verified before aggregation (coordinateSigning); after one
 *   warm-up session, the median of at least --runs sessions and at least 1 s of sessions (one session for t > 50).
 * Across processes: the same through shells/mpc-cosigner (one process per participant, HTTP on loopback, Ed25519
 * mutual authentication); process start-up excluded.
 * Rust reference, same run: the Zcash Foundation's frost-ed25519 crate through the interop harness
 * (tests/interop, `frost-interop bench t n runs [dkg_runs]`: a whole DKG in one process, shares in the clear, and a
 * signing session — t commits, t shares, `aggregate`), when cargo can build it; otherwise the columns say so.
 * Load: the 1-minute load average at the start and the end, and the share of the machine's CPU time that other
 * processes used while the in-process rows ran (from /proc/stat, Linux), so a busy machine shows next to the figures.
 * Timing is measured and printed here; no test asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { resolve } from 'node:path';
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
import { startCosignerProcesses } from '@jil/shell-mpc-cosigner';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    'process-sizes': { type: 'string' },
    runs: { type: 'string' },
    'full-dkg-max-n': { type: 'string' },
  },
});
const parse = (s: string) =>
  s
    .split(',')
    .filter(Boolean)
    .map((x) => x.split('/').map(Number) as [number, number]);
const SIZES = parse(values.sizes ?? '3/4,14/20,67/100');
const PROCESS_SIZES = parse(values['process-sizes'] ?? '3/4');
const RUNS = Number(values.runs ?? 3);
const FULL_DKG_MAX_N = Number(values['full-dkg-max-n'] ?? 20);
const message = utf8ToBytes('bench: custody withdrawal');
const suite = getCiphersuite('ed25519');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number | undefined) => (x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Build the Rust interop harness (offline first, as the interop test does); its path, or why not. */
function rustHarness(): { bin?: string; why?: string } {
  const dir = resolve(import.meta.dirname, '../tests/interop');
  const bin = resolve(dir, 'target/release/frost-interop');
  if (spawnSync('cargo', ['--version']).status !== 0) return existsSync(bin) ? { bin } : { why: 'cargo is not on PATH' };
  const build = (offline: boolean) =>
    spawnSync('cargo', ['build', '--release', '--locked', '--quiet', ...(offline ? ['--offline'] : [])], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 900_000,
    });
  if (build(true).status !== 0 && build(false).status !== 0) return { why: 'cargo build of tests/interop failed' };
  return existsSync(bin) ? { bin } : { why: 'no harness binary' };
}

function rustBench(bin: string, t: number, n: number, runs: number, dkgRuns: number): { dkg?: number; sign: number } | undefined {
  const r = spawnSync(bin, ['bench', String(t), String(n), String(runs), String(dkgRuns)], { encoding: 'utf8', timeout: 3_600_000 });
  if (r.status !== 0) return undefined;
  const out = JSON.parse(r.stdout) as { dkg_ms: number | null; sign_ms: number };
  return { ...(out.dkg_ms === null ? {} : { dkg: out.dkg_ms }), sign: out.sign_ms };
}

/** Busy and total jiffies of the whole machine (/proc/stat), or undefined off Linux. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - f[3]! - (f[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

function roster(n: number) {
  const ids = Array.from({ length: n }, (_, i) => identifierFromNumber(i + 1));
  const keys = ids.map(() => generateKeyPair());
  return { ids, keys, roster: Object.fromEntries(ids.map((id, i) => [id, keys[i]!.publicKey])) };
}

/** One warm-up session (JIT, first check of the key set's elements), then the median of ≥ RUNS sessions and ≥ 1 s. */
async function signingSession(
  t: number,
  participants: FrostParticipant[],
  pub: Parameters<typeof coordinateSigning>[0]['publicKeyPackage'],
): Promise<number> {
  const once = async () => {
    const s0 = performance.now();
    const r = await coordinateSigning({ participants, publicKeyPackage: pub, message, roundDeadlineMs: 3_600_000 });
    const ms = performance.now() - s0;
    if (!verify(r.signature, message, pub.commitments[0]!)) throw new Error('signature does not verify');
    return ms;
  };
  await once();
  const times: number[] = [];
  const end = performance.now() + 1000;
  while (times.length < (t > 50 ? 1 : RUNS) || (t <= 50 && performance.now() < end && times.length < 200)) times.push(await once());
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
    return {
      sender: o.id,
      recipient: me,
      sealedShare: sealShare(suite.Fn.toBytes(y), {
        context: ceremonyId,
        sender: o.id,
        recipient: me,
        secretKey: keys[k + 1]!.secretKey,
        peerPublicKey: r[me]!,
      }),
    };
  });
  const round1 = others.map((o) => ({ identifier: o.id, commitment: o.public.commitment, proofOfKnowledge: o.public.proofOfKnowledge }));
  const t0 = performance.now();
  const p = DkgParticipant.start({
    identifier: me,
    minSigners: t,
    maxSigners: n,
    ceremonyId,
    identitySecretKey: keys[0]!.secretKey,
    roster: r,
  });
  p.round2(round1);
  p.round3(round1, received);
  return performance.now() - t0;
}

const rows: string[] = [];
const rust = rustHarness();
const load0 = loadavg()[0]!;
const cpu0 = machineCpu();
const own0 = process.cpuUsage();
const wall0 = performance.now();
for (const [t, n] of SIZES) {
  const { ids, keys, roster: r } = roster(n);
  let fullDkg: number | undefined;
  if (n <= FULL_DKG_MAX_N) {
    const t0 = performance.now();
    await coordinateDkg({
      participants: ids.map((id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster: r })),
      minSigners: t,
      roundDeadlineMs: 3_600_000,
    });
    fullDkg = performance.now() - t0;
  }
  const perParticipant = dkgOneParticipant(t, n);
  const { publicKeyPackage, keyPackages } = trustedDealer({ minSigners: t, maxSigners: n });
  const signers = ids.map(
    (id, i) => new Cosigner({ identifier: id, identitySecretKey: keys[i]!.secretKey, roster: r, keyPackage: keyPackages[id]! }),
  );
  const sign = await signingSession(t, signers, publicKeyPackage);
  const ref = rust.bin === undefined ? undefined : rustBench(rust.bin, t, n, t > 50 ? 1 : RUNS, n <= FULL_DKG_MAX_N ? RUNS : 0);
  const ratio = (ours: number | undefined, theirs: number | undefined) =>
    ours === undefined || theirs === undefined ? '' : ` (${(ours / theirs).toFixed(1)}×)`;
  rows.push(
    `| ${t}-of-${n} | in process | ${fmt(fullDkg)} | ${fmt(perParticipant)} | ${fmt(sign)} | ${fmt(ref?.dkg)}` +
      `${ratio(fullDkg, ref?.dkg)} | ${ref === undefined ? '—' : fmt(ref.sign)}${ratio(sign, ref?.sign)} |`,
  );
  log(`done ${t}-of-${n} in process`);
}
const cpu1 = machineCpu();
const own1 = process.cpuUsage(own0);
const wall1 = performance.now();
for (const [t, n] of PROCESS_SIZES) {
  const cluster = await startCosignerProcesses({ n });
  try {
    const t0 = performance.now();
    const pub = await coordinateDkg({ participants: cluster.participants, minSigners: t, roundDeadlineMs: 3_600_000 });
    const dkg = performance.now() - t0;
    const sign = await signingSession(t, cluster.participants, pub);
    rows.push(`| ${t}-of-${n} | ${n} processes, HTTP on loopback | ${fmt(dkg)} (in parallel) | — | ${fmt(sign)} | — | — |`);
  } finally {
    await cluster.stopAll();
  }
  log(`done ${t}-of-${n} across processes`);
}
const load1 = loadavg()[0]!;
// other processes' share of the machine while the in-process rows ran: machine busy time minus this process's own
const others =
  cpu0 && cpu1
    ? Math.max(
        0,
        (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total) - (own1.user + own1.system) / 1000 / ((wall1 - wall0) * cpus().length),
      )
    : undefined;
const othersNote =
  others === undefined
    ? ''
    : `; other processes used ${(others * 100).toFixed(0)} % of the machine's CPU time while the in-process rows ran`;
const busy = load0 > 3 || load1 > 3 || (others ?? 0) > 0.25;
const args = process.argv
  .slice(2)
  .filter((a) => a !== '')
  .join(' ');
console.log('### FROST(Ed25519, SHA-512): DKG and one signing session\n');
console.log(
  `Measured ${new Date().toISOString().slice(0, 10)} by \`pnpm bench --only mpc\` (scripts/bench-mpc.ts` +
    `${args === '' ? '' : ` ${args}`}) on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${platform()} ${release()}, Node ` +
    `${process.version}; signing: after one warm-up session, the median of at least ${RUNS} sessions and 1 s of sessions (one ` +
    `session above t = 50). ` +
    `Load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end` +
    othersNote +
    `${
      busy
        ? ' — **the machine was busy with other work during this run: the figures are slower than on an idle machine; repeat ' +
          'and compare**'
        : ''
    }.\n`,
);
console.log(
  `Rust: the Zcash Foundation's \`frost-ed25519\` 3.0 crate through the interop harness (tests/interop, \`frost-interop ` +
    `bench\`), in the same run: ${
      rust.bin === undefined
        ? `not measured (${rust.why})`
        : 'the same DKG in one process (its ' +
          'shares in the clear: no sealing) and the same signing session; its `aggregate` verifies the group signature and checks ' +
          'the shares one by one only when that fails. In parentheses: ours ÷ Rust'
    }.\n`,
);
console.log(
  '| threshold | where | DKG, whole ceremony | DKG, one participant | signing session | Rust: DKG, whole ceremony | Rust: signing ' +
    'session |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
